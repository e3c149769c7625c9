"""Parameter values from users ("FRA", "g7", "paris-statement-2025", a full IRI, a date) to RDF terms.

A value is parsed into a term or refused with a message; it never reaches the query text as text. An IRI
parameter must name something in the dataset, so that a typo gives an error instead of an empty answer
that would read as "none".
"""

from __future__ import annotations

import datetime
import re

import pyoxigraph as ox

from .. import config
from ..errors import GovgraphError
from .catalogue import CannedQuery, Parameter
from .engines import Engine

_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*(?:/[A-Za-z0-9][A-Za-z0-9_.-]*)*$")
_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


def _shown(value: str, limit: int = 80) -> str:
    """The value as a message quotes it: its repr, cut short (a value can be megabytes long)."""
    return repr(value) if len(value) <= limit else repr(value[:limit]) + f"... ({len(value):,} characters)"


def _candidates(value: str, parameter: Parameter) -> list[str]:
    base = config.base_iri() + "id/"
    first = value.split("/", 1)[0]
    found = []
    if "/" in value and first in parameter.kinds:
        found.append(base + value)
    found += [f"{base}{kind}/{value}" for kind in parameter.kinds]
    if not parameter.kinds:
        found.append(base + value)
    return list(dict.fromkeys(found))


def to_term(value: str, parameter: Parameter, engine: Engine) -> ox.NamedNode | ox.Literal:
    where = f"parameter {parameter.name}"
    if parameter.type == "string":
        try:
            return ox.Literal(value)
        except ValueError:  # a lone surrogate: not Unicode text an RDF literal can hold
            raise GovgraphError(where, f"{_shown(value)} is not valid Unicode text") from None
    if parameter.type == "integer":
        if not re.fullmatch(r"[+-]?\d{1,18}", value):
            raise GovgraphError(where, f"{_shown(value)} is not a whole number")
        return ox.Literal(str(int(value)), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    if parameter.type == "date":
        try:
            return ox.Literal(datetime.date.fromisoformat(value).isoformat(),
                              datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
        except ValueError:
            raise GovgraphError(where, f"{_shown(value)} is not a date (YYYY-MM-DD)") from None
    if _IRI.match(value):
        candidates = [value]
    elif _SLUG.match(value):
        candidates = _candidates(value, parameter)
    else:
        raise GovgraphError(where, f"{_shown(value)} is neither a slug (such as FRA, g7, paris-statement-2025) nor an IRI")
    for candidate in candidates:
        try:
            term = ox.NamedNode(candidate)
        except ValueError:
            continue
        if engine.exists(term):
            return term
    looked = ", ".join(f"<{c}>" for c in candidates) if len(value) <= 80 else f"{len(candidates)} IRIs"
    raise GovgraphError(where, f"{_shown(value)} names nothing in the dataset (looked for {looked})")


def bind(query: CannedQuery, given: dict[str, str], engine: Engine) -> dict[str, ox.NamedNode | ox.Literal]:
    """The terms to bind: given values, else defaults; an optional parameter given as '' stays unbound."""
    unknown = sorted(set(given) - {p.name for p in query.parameters})
    if unknown:
        known = ", ".join(p.name for p in query.parameters) or "none"
        raise GovgraphError(query.name, f"unknown parameter {', '.join(unknown)} (this query takes: {known})")
    bindings = {}
    for parameter in query.parameters:
        value = given.get(parameter.name, parameter.default)
        value = None if value is None else str(value).strip()
        if not value:
            if parameter.optional:
                continue
            raise GovgraphError(query.name, f"parameter {parameter.name} is required")
        bindings[parameter.name] = to_term(value, parameter, engine)
    return bindings
