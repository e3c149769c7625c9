"""Fetching a view's rows: from the embedded pyoxigraph store (the CLI), or from SPARQL 1.1 JSON results
(a server that asked an endpoint itself). Both give rows of pyoxigraph terms, which is what views build from.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx
import pyoxigraph as ox

from ..errors import GovgraphError
from .model import Rows


def _query(store: ox.Store, text: str, where: str) -> Any:
    try:
        return store.query(text, use_default_graph_as_union=True)
    except SyntaxError as exc:
        message = " ".join(str(getattr(exc, "msg", exc)).split())  # one line, however long the parser's list
        if len(message) > 160:
            message = message[:159] + "…"
        raise GovgraphError(where, f"not valid SPARQL: {message}") from None
    except (RuntimeError, OSError, ValueError) as exc:
        raise GovgraphError(where, f"the store could not answer: {exc}") from None


def rows_from_store(store: ox.Store, text: str, where: str = "query") -> list[dict[str, Any]]:
    """The rows of a SELECT on the store (default graph = union of the named graphs), as {variable: term};
    unbound variables are left out of a row."""
    solutions = _query(store, text, where)
    if not isinstance(solutions, ox.QuerySolutions):
        raise GovgraphError(where, "a view's query must be a SELECT query")
    names = [v.value for v in solutions.variables]
    return [{name: s[name] for name in names if s[name] is not None} for s in solutions]


def triples_from_store(store: ox.Store, text: str, where: str = "query") -> list[ox.Triple]:
    """The triples of a CONSTRUCT (or DESCRIBE) on the store; anything else is an error naming ``where``."""
    answer = _query(store, text, where)
    if isinstance(answer, ox.QuerySolutions):
        raise GovgraphError(where, "a custom view needs a CONSTRUCT query (this one is a SELECT)")
    if isinstance(answer, ox.QueryBoolean):
        raise GovgraphError(where, "a custom view needs a CONSTRUCT query (this one is an ASK)")
    return list(answer)


def view_rows(view: Any, store: ox.Store) -> dict[str, Rows]:
    """Every query of a view answered on the store: {query name: rows}."""
    return {name: rows_from_store(store, text, f"view {view.name}, query {name}") for name, text in view.queries.items()}


def build_view(name: str, store: ox.Store) -> nx.Graph:
    """The named view's graph over the store (what ``govgraph viz VIEW`` draws)."""
    from .views import find_view

    view = find_view(name)
    return view.build(view_rows(view, store))


def term_from_json(binding: Mapping[str, str] | None) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
    """One value of the SPARQL 1.1 Query Results JSON format as a pyoxigraph term."""
    if binding is None:
        return None
    kind = binding.get("type")
    text = binding.get("value", "")
    if kind == "uri":
        return ox.NamedNode(text)
    if kind == "bnode":
        return ox.BlankNode(text)
    if kind in ("literal", "typed-literal"):
        if binding.get("xml:lang"):
            return ox.Literal(text, language=binding["xml:lang"])
        if binding.get("datatype"):
            return ox.Literal(text, datatype=ox.NamedNode(binding["datatype"]))
        return ox.Literal(text)
    raise ValueError(f"not a SPARQL JSON term: {binding!r}")


def rows_from_sparql_json(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The rows of a SPARQL 1.1 JSON SELECT answer (``{"head": ..., "results": {"bindings": [...]}}``) as
    {variable: pyoxigraph term}, the same shape :func:`rows_from_store` gives."""
    bindings = document.get("results", {}).get("bindings", [])
    return [{name: term_from_json(term) for name, term in row.items()} for row in bindings]
