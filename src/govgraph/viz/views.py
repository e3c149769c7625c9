"""The catalogue of views: each is a set of SPARQL SELECT queries (data files in ``views/``) and a pure
function that turns their rows into a networkx graph.

The split lets two callers share one definition: the CLI runs the queries on the embedded store
(:func:`govgraph.viz.rows.rows_from_store`), and ``govgraph serve`` fetches the same rows its own way
(asynchronously, possibly from a remote endpoint) and calls :meth:`View.build`. Every query runs against a
default graph that is the union of the named graphs, like the canned queries.

Query files are named ``<view>.rq`` (a view with one query, called after its role: ``acts``, ``signings``)
or ``<view>.<query>.rq``; files starting with ``_`` are shared by every view (``nodes``, ``groups``,
``sources``). Each starts with a comment header saying what it draws.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import networkx as nx

from . import builders
from .model import Rows

SHARED = ("nodes", "groups", "sources")
QUERY_DIR = Path(__file__).resolve().parent / "views"


@dataclass(frozen=True)
class View:
    """A named picture of the graph: its queries and the pure function that draws their rows."""

    name: str
    title: str
    description: str
    queries: Mapping[str, str] = field(repr=False)
    builder: Callable[..., nx.Graph] = field(repr=False)

    def build(self, rows: Mapping[str, Rows]) -> nx.Graph:
        """The view's graph from the rows of its queries ({query name: rows}); pure, no I/O.

        Rows map variable names to pyoxigraph terms (None or absent when unbound). A query whose rows are
        missing counts as answering nothing.
        """
        missing = set(self.queries) - set(rows)
        if missing == set(self.queries):
            raise ValueError(f"no rows given for any query of the view {self.name!r}")
        return self.builder(dict(rows), title=self.title)


# name -> (title, description, builder, the view's own queries {query name: file stem})
_CATALOGUE: dict[str, tuple[str, str, Callable[..., nx.Graph], dict[str, str]]] = {
    "signatories": (
        "Who signed, endorsed or declined which instrument",
        ("Actors and the declarations or agreements they signed, endorsed or declined to sign (bipartite); "
         "actors coloured by kind or by group; unresolved list entries kept as written."),
        builders.signatories, {"acts": "signatories"}),
    "co-signature": (
        "Who signed the same instruments",
        "States and organisations joined by the number of instruments both signed.",
        builders.co_signature, {"signings": "co-signature"}),
    "initiatives": (
        "Initiatives, their founders, funders and partners",
        ("Initiatives and who founded, funds, launched or partners them, with amounts; the declarations that "
         "launch or welcome them; the programmes that support them."),
        builders.initiatives, {"links": "initiatives.links", "totals": "initiatives.totals"}),
    "voices": (
        "Who said what about the declaration and the decisions on it",
        ("People, the organisations they speak for, and the declarations or decisions they spoke about, edges "
         "coloured by stance."),
        builders.voices, {"quotations": "voices.quotations", "posts": "voices.posts", "reasons": "voices.reasons",
                          "decisions": "voices.decisions"}),
    "overview": (
        "Who takes part in what",
        ("Every actor that performed an act, what it acted on (instruments, initiatives, events) and the groups "
         "it belongs to: the graph --stats measures by default."),
        builders.overview, {"acts": "overview"}),
}


def read_view_query(stem: str) -> str:
    """The text of ``views/<stem>.rq`` shipped in the package."""
    return (QUERY_DIR / f"{stem}.rq").read_text(encoding="utf-8")


@cache
def views() -> dict[str, View]:
    """Every view by name, in menu order."""
    shared = {name: read_view_query("_" + name) for name in SHARED}
    catalogue: dict[str, View] = {}
    for name, (title, description, builder, own) in _CATALOGUE.items():
        queries = {query: read_view_query(stem) for query, stem in own.items()}
        queries.update(shared)
        catalogue[name] = View(name=name, title=title, description=description, queries=queries, builder=builder)
    return catalogue


def find_view(name: str) -> View:
    """A view by name; a name that names no view is a usage error naming the views there are."""
    from ..errors import UsageError

    catalogue = views()
    if name not in catalogue:
        raise UsageError("viz", f"no view named {name!r} (views: {', '.join(catalogue)})")
    return catalogue[name]
