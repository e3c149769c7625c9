"""Pictures of the graph: views built with networkx from SPARQL, drawn as an interactive HTML page, exported
to GraphML, GEXF and Cytoscape.js JSON, rendered as PNG or SVG, and measured (centrality, communities).

A view is a set of SPARQL SELECT queries (``views/*.rq``) and a pure function from their rows to a graph, so
that the CLI (rows from the embedded store) and ``govgraph serve`` (rows fetched its own way) draw the same::

    >>> from govgraph import open_store
    >>> from govgraph.viz import views, rows_from_store, to_html
    >>> view = views()["signatories"]                                  # doctest: +SKIP
    >>> store = open_store()                                           # doctest: +SKIP
    >>> graph = view.build({name: rows_from_store(store, text)         # doctest: +SKIP
    ...                     for name, text in view.queries.items()})
    >>> html = to_html(graph, view.title, link_base="/")               # doctest: +SKIP

Heavy libraries (matplotlib) are imported only by the functions that draw pictures.
"""

from __future__ import annotations

from .custom import graph_from_triples
from .draw import png_size, to_png, to_svg
from .export import clean, to_cytoscape_json, to_gexf, to_graphml
from .html import asset_files, payload, to_html
from .layout import communities, positions
from .rows import (
    build_view,
    rows_from_sparql_json,
    rows_from_store,
    triples_from_store,
    view_rows,
)
from .stats import stats, summary
from .style import prepare
from .views import View, find_view, views

__all__ = [
    "View",
    "asset_files",
    "build_view",
    "clean",
    "communities",
    "find_view",
    "graph_from_triples",
    "payload",
    "png_size",
    "positions",
    "prepare",
    "rows_from_sparql_json",
    "rows_from_store",
    "stats",
    "summary",
    "to_cytoscape_json",
    "to_gexf",
    "to_graphml",
    "to_html",
    "to_png",
    "to_svg",
    "triples_from_store",
    "view_rows",
    "views",
]
