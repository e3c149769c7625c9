"""Answers as a text table, CSV, TSV, JSON or Markdown."""

from __future__ import annotations

import csv
import datetime
import io
import json
from decimal import Decimal
from typing import Any

FORMATS = ("table", "csv", "tsv", "json", "md")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)
    return str(value)


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def render(columns: list[str], rows: list[list[Any]], fmt: str) -> str:
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_cell(v) for v in row] for row in rows])
        return out.getvalue()
    if fmt == "json":
        return json.dumps({"columns": columns, "rows": [{c: _json_value(v) for c, v in zip(columns, row)} for row in rows]},
                          ensure_ascii=False, indent=2) + "\n"
    cells = [[_cell(v).replace("\n", " ") for v in row] for row in rows]
    if fmt == "md":
        def line(values):
            return "| " + " | ".join(v.replace("|", "\\|") for v in values) + " |"
        return "\n".join([line(columns), "|" + "|".join("---" for _ in columns) + "|", *(line(r) for r in cells)]) + "\n"
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
