"""``govgraph viz``: argparse wiring and handler (added to the main parser by :func:`add_viz_parser`).

    govgraph viz VIEW [--format html|graphml|gexf|json|png|svg] [-o FILE] [--group NAME] [--link-base URL]
    govgraph viz --query FILE.rq [--title TEXT] [--format ...] [-o FILE]
    govgraph viz --stats [VIEW | --query FILE.rq] [--kind KIND] [--top N] [--format table|csv|tsv|json|md]
    govgraph viz --list

The format defaults to the output file's extension, else html (table for --stats). Options that cannot work
together and unknown views are usage errors (exit 2); a missing build, an unreadable query file or an
unwritable output are GovgraphErrors (exit 1); each is one line, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import GovgraphError, UsageError

DRAWINGS = ("html", "graphml", "gexf", "json", "png", "svg")
TABLES = ("table", "csv", "tsv", "json", "md")
EXTENSIONS = {".html": "html", ".htm": "html", ".graphml": "graphml", ".gexf": "gexf", ".json": "json",
              ".png": "png", ".svg": "svg"}
STATS_DEFAULT_VIEW = "overview"


def _graph(args: argparse.Namespace, view_name: str | None):
    """(graph, title, description) of the view or of the user's CONSTRUCT query."""
    from .. import config
    from ..store import open_store
    from .custom import graph_from_triples
    from .rows import triples_from_store, view_rows
    from .views import find_view

    view = find_view(view_name) if view_name else None
    store = open_store(config.home())
    if view is not None:
        return view.build(view_rows(view, store)), args.title or view.title, view.description
    path = Path(args.query)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GovgraphError(str(path), f"cannot read the query ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise GovgraphError(str(path), "the query is not UTF-8 text") from None
    title = args.title or f"Custom view: {path.name}"
    graph = graph_from_triples(triples_from_store(store, text, str(path)), title=title)
    return graph, title, f"from {path.name}"


def _write(data: str | bytes, output: str | None, binary_name: str) -> None:
    if output is None:
        if isinstance(data, bytes):
            if sys.stdout.isatty():
                raise UsageError("viz", f"{binary_name} is binary: give -o FILE rather than printing it")
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            sys.stdout.write(data)
        return
    path = Path(output)
    try:
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    except OSError as exc:
        raise GovgraphError(str(path), f"cannot write ({exc.strerror or exc})") from None


def _list_views() -> int:
    from .views import views

    for view in views().values():
        print(f"{view.name:<14} {view.title}")
        print(f"{'':<14} {view.description}")
    return 0


def _stats(args: argparse.Namespace, view_name: str | None) -> int:
    from ..queries.formats import render
    from .stats import COLUMNS, stats, summary, table_rows
    from .style import short_label

    fmt = args.format or "table"
    if fmt not in TABLES:
        raise UsageError("--format", f"--stats writes {', '.join(TABLES)}, not {fmt!r}")
    if args.top is not None and args.top < 1:
        raise UsageError("--top", "must be a positive number of rows")
    graph, title, _description = _graph(args, view_name)
    rows = stats(graph)
    if args.kind:
        kinds = sorted({r["kind"] for r in rows})
        if args.kind not in kinds:
            raise UsageError("--kind", f"no node of kind {args.kind!r} in this view (kinds: {', '.join(kinds)})")
        rows = [r for r in rows if r["kind"] == args.kind]
    if args.top:
        rows = rows[: args.top]
    columns, cells = table_rows(rows)
    if fmt in ("table", "md"):
        label = COLUMNS.index("label")
        for cell in cells:
            cell[label] = short_label(str(cell[label]), 48)
    _write(render(columns, cells, fmt), args.output, fmt)
    figures = summary(graph)
    print(f"govgraph: {title}: {figures['nodes']:,} nodes, {figures['edges']:,} edges, {figures['communities']} "
          f"communities (modularity {figures['modularity']:.3f}), {figures['components']} component(s)",
          file=sys.stderr)
    return 0


def _format_for(args: argparse.Namespace) -> str:
    if args.format:
        if args.format not in DRAWINGS:
            raise UsageError("--format", f"unknown format {args.format!r} (use one of {', '.join(DRAWINGS)})")
        return args.format
    if args.output:
        return EXTENSIONS.get(Path(args.output).suffix.lower(), "html")
    return "html"


def _render(graph: Any, fmt: str, title: str, description: str, args: argparse.Namespace) -> str | bytes:
    from . import draw, export, html

    if fmt == "html":
        return html.to_html(graph, title, link_base=args.link_base, description=description)
    if fmt == "graphml":
        return export.to_graphml(graph)
    if fmt == "gexf":
        return export.to_gexf(graph)
    if fmt == "json":
        import json

        return json.dumps(export.to_cytoscape_json(graph), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if fmt == "png":
        return draw.to_png(graph, title, group=args.group)
    return draw.to_svg(graph, title, group=args.group)


def cmd_viz(args: argparse.Namespace) -> int:
    """Draw, export or measure a view (see the module's docstring)."""
    if args.list:
        if args.view or args.query or args.stats:
            raise UsageError("viz", "--list takes no view, --query or --stats")
        return _list_views()
    if args.view and args.query:
        raise UsageError("viz", "give a VIEW or --query FILE.rq, not both")
    if args.stats:
        if args.link_base or args.group:
            raise UsageError("viz", "--link-base and --group draw pictures; --stats prints a table")
        return _stats(args, args.view or (None if args.query else STATS_DEFAULT_VIEW))
    if args.kind or args.top is not None:
        raise UsageError("viz", "--kind and --top go with --stats")
    if not args.view and not args.query:
        raise UsageError("viz", "give a VIEW (see govgraph viz --list) or --query FILE.rq")
    fmt = _format_for(args)
    if args.link_base is not None and fmt != "html":
        raise UsageError("--link-base", "only the html format has links")
    if args.group and fmt not in ("png", "svg"):
        raise UsageError("--group", "colours a png or svg picture (the html page has its own control)")
    graph, title, description = _graph(args, args.view)
    if args.group and args.group not in graph.graph.get("group_names", {}):
        known = ", ".join(graph.graph.get("group_names", {})) or "none"
        raise UsageError("--group", f"no group named {args.group!r} in this view (groups: {known})")
    data = _render(graph, fmt, title, description, args)
    _write(data, args.output, fmt)
    where = args.output or "stdout"
    print(f"govgraph: drew {title!r} ({graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges) "
          f"as {fmt} to {where}", file=sys.stderr)
    return 0


def add_viz_parser(subparsers) -> argparse.ArgumentParser:
    """Add ``viz`` to the main parser's subcommands."""
    v = subparsers.add_parser(
        "viz", help="draw a view of the graph (html, graphml, gexf, json, png, svg) or measure it (--stats)",
        description="Draw a view of the current build as one offline HTML file, GraphML or GEXF for Gephi and "
                    "Cytoscape, Cytoscape.js JSON, or an A4 PNG or SVG; or print its degree and betweenness "
                    "centrality and communities (--stats).")
    v.add_argument("view", nargs="?", metavar="VIEW",
                   help="signatories, co-signature, initiatives, voices or overview (see --list)")
    v.add_argument("--query", metavar="FILE.rq", help="draw the triples of your own CONSTRUCT query instead of a view")
    v.add_argument("--format", "-f", metavar="FORMAT",
                   help="html, graphml, gexf, json, png or svg (default: from -o's extension, else html); "
                        "with --stats: table, csv, tsv, json or md")
    v.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    v.add_argument("--stats", action="store_true",
                   help="print degree and betweenness centrality and communities (of VIEW, default overview)")
    v.add_argument("--kind", metavar="KIND", help="with --stats: only nodes of this kind (state, initiative...)")
    v.add_argument("--top", type=int, metavar="N", help="with --stats: only the first N rows")
    v.add_argument("--group", metavar="NAME", help="png/svg: colour the members of this group (G7, EU...)")
    v.add_argument("--link-base", metavar="URL",
                   help="html: clicking a node opens URL + the node's path under the base IRI "
                        "(e.g. http://127.0.0.1:8000/ for a running govgraph serve)")
    v.add_argument("--title", metavar="TEXT", help="the picture's title (default: the view's)")
    v.add_argument("--list", action="store_true", help="list the views")
    v.set_defaults(func=cmd_viz)
    return v
