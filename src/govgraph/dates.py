"""Dates as sources write them ("Tuesday February 11th 2025", "10-11 February, 2025") to ISO dates."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
_MONTH = r"(?P<month>[A-Za-z]+)"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_SINGLE = [
    re.compile(rf"^{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}$", re.I),
    re.compile(rf"^{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}$", re.I),
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$"),
]
_RANGE = re.compile(
    rf"^(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*[-\u2013]\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+{_YEAR}$", re.I
)


class DateError(ValueError):
    """The text looks like a date but is none (unknown month, 31 February...)."""


def _make(year: str, month: str, day: str) -> date:
    month_no = int(month) if month.isdigit() else MONTHS.get(month.lower())
    if month_no is None:
        raise DateError(f"{month!r} is not a month")
    try:
        return date(int(year), month_no, int(day))
    except ValueError as exc:
        raise DateError(str(exc)) from None


def parse_date(text: str) -> date:
    """One date; raises :class:`DateError` for text that is no date."""
    text = " ".join(text.split())
    for pattern in _SINGLE:
        m = pattern.match(text)
        if m:
            return _make(m["year"], m["month"], m["day"])
    raise DateError(f"{text!r} is not a date this project can read")


def parse_date_range(text: str) -> tuple[date, date]:
    """A date or a range of days in one month: '10-11 February, 2025' -> (2025-02-10, 2025-02-11)."""
    text = " ".join(text.split())
    m = _RANGE.match(text)
    if m:
        start = _make(m["year"], m["month"], m["d1"])
        end = _make(m["year"], m["month"], m["d2"])
        if end < start:
            raise DateError(f"{text!r} ends before it starts")
        return start, end
    single = parse_date(text)
    return single, single
