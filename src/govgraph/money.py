"""Amounts of money in text: currency by ISO 4217, value as an exact decimal, scale words applied."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from .config import DATA_DIR
from .datafiles import load_yaml


@dataclass(frozen=True)
class Amount:
    value: Decimal
    currency: str
    surface: str
    start: int
    end: int

    @property
    def slug(self) -> str:
        return amount_slug(self.value, self.currency)


class CurrencyError(ValueError):
    """An amount whose currency is not an ISO 4217 code."""


def amount_slug(value: Decimal, currency: str) -> str:
    """A readable, stable slug: (200000000000, EUR) -> 'eur-200bn'."""
    for suffix, scale in (("tn", 10**12), ("bn", 10**9), ("m", 10**6)):
        if value >= scale and (value / scale) == (value / scale).to_integral_value():
            return f"{currency.lower()}-{int(value / scale)}{suffix}"
    return f"{currency.lower()}-{format(value.normalize(), 'f').replace('.', '-')}"


@lru_cache(maxsize=1)
def _rules(path: Path = DATA_DIR / "extraction" / "money.yaml") -> tuple[dict[str, str], dict[str, int], re.Pattern[str]]:
    doc = load_yaml(path)
    symbols, scales = doc["symbols"], doc["scales"]
    sym = "|".join(re.escape(s) for s in symbols)
    scale = "|".join(sorted(map(re.escape, scales), key=len, reverse=True))
    number = r"\d+(?:[.,]\d+)*"
    pattern = re.compile(
        rf"(?:(?P<sym>{sym})\s?(?P<num>{number})(?:\s?(?P<scale>{scale}))?\b"
        rf"|\b(?P<code>[A-Z]{{3}})\s?(?P<num2>{number})\s?(?P<scale2>{scale})\b)"
    )
    return symbols, scales, pattern


def is_iso4217(code: str) -> bool:
    import pycountry

    return pycountry.currencies.get(alpha_3=code) is not None


def find_amounts(text: str) -> list[Amount]:
    """Every amount of money in ``text``; raises :class:`CurrencyError` for a code that is not ISO 4217."""
    symbols, scales, pattern = _rules()
    found = []
    for m in pattern.finditer(text):
        currency = symbols[m["sym"]] if m["sym"] else m["code"]
        if not is_iso4217(currency):
            raise CurrencyError(f"amount {m.group(0)!r} has currency {currency!r}, which is not an ISO 4217 code")
        raw = (m["num"] or m["num2"]).replace(",", "")
        try:
            value = Decimal(raw)
        except InvalidOperation:
            continue
        scale = m["scale"] or m["scale2"]
        if scale:
            value *= scales[scale]
        found.append(Amount(value, currency, m.group(0), m.start(), m.end()))
    return found
