"""The interactive view as HTML: one self-contained file that works offline, or a page for ``govgraph serve``.

Standalone (the default): Cytoscape.js (vendored, see ``vendor/README.md``), the page's script and its
stylesheet are inlined, the graph is a JSON data block, and a Content-Security-Policy ``<meta>`` allows only
those exact inline scripts and styles (by hash) and nothing from the network, so the file can make no
request even if someone edits it to try. Served: with ``asset_url``, the page links the same three files
(``asset_files()`` says where they are, for the server to serve them) and keeps only the JSON data block
inline, which a ``script-src 'self'`` policy allows since it is never executed.

All text in the page is escaped; the JSON block escapes ``<``, ``>`` and ``&`` so that no label can close it.
"""

from __future__ import annotations

import base64
import hashlib
import json
from html import escape
from pathlib import Path
from typing import Any

import networkx as nx

from .export import to_cytoscape_json
from .style import GROUP_MEMBER, GROUP_OTHER, edge_legend


def edge_legend_of(meta: dict[str, Any]) -> list[tuple[str, str]]:
    """The edge legend from a prepared graph's attributes (as :func:`to_cytoscape_json` gives them)."""
    return edge_legend(nx.Graph(edge_colours=meta.get("edge_colours", {})))

HERE = Path(__file__).resolve().parent
VENDOR_JS = HERE / "vendor" / "cytoscape.min.js"
APP_JS = HERE / "assets" / "govgraph-viz.js"
APP_CSS = HERE / "assets" / "govgraph-viz.css"
# Cytoscape.js adds a <style> with this id unless one exists: the page's own stylesheet carries the id, so
# nothing is injected (an injected style would break a strict Content-Security-Policy).
CYTOSCAPE_STYLE_ID = "__________cytoscape_stylesheet"


def asset_files() -> dict[str, Path]:
    """The files a served page links (name -> path): serve them under the ``asset_url`` given to to_html."""
    return {"cytoscape.min.js": VENDOR_JS, "govgraph-viz.js": APP_JS, "govgraph-viz.css": APP_CSS}


def _inline(text: str, name: str) -> str:
    """A script or stylesheet as it can be inlined: one containing a closing tag would end its element early."""
    lowered = text.lower()
    if "</script" in lowered or "</style" in lowered or "<!--" in lowered:
        raise ValueError(f"{name} cannot be inlined: it contains a closing tag or a comment opener")
    return text


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _json_block(payload: Any) -> str:
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def payload(graph: nx.Graph, link_base: str | None = None, base: str | None = None,
            webgl: bool = False) -> dict[str, Any]:
    """What the page's script reads: Cytoscape.js elements (with positions, colours and sizes) and the names
    of kinds, edge categories, groups, declarations and sources for the legend, filters and tooltips."""
    from .. import config

    drawn = to_cytoscape_json(graph)
    meta = drawn["data"]
    link = None
    if link_base is not None:
        link = {"base": link_base, "iriBase": base or config.base_iri()}
    return {
        "title": meta.get("title", ""),
        "view": meta.get("view", ""),
        "directed": drawn["directed"],
        "elements": drawn["elements"],
        "kindColours": meta.get("kind_colours", {}),
        "kindCounts": meta.get("kind_counts", {}),
        "edgeLegend": [list(entry) for entry in edge_legend_of(meta)],
        "groups": meta.get("group_names", {}),
        "declarations": meta.get("declaration_titles", {}),
        "sources": meta.get("source_titles", {}),
        "groupColours": {"member": GROUP_MEMBER, "other": GROUP_OTHER},
        "link": link,
        "webgl": webgl,
    }


def _menu(menu: list[tuple[str, str]] | None, current: str | None) -> str:
    if not menu:
        return ""
    items = []
    for label, url in menu:
        mark = ' aria-current="page"' if current is not None and url == current else ""
        items.append(f'<a href="{escape(url)}"{mark}>{escape(label)}</a>')
    return '<nav class="gv-menu" aria-label="Views">' + "".join(items) + "</nav>"


BODY = """<header class="gv-head"><h1>{title}</h1><p>{counts}{description}</p>{menu}</header>
<div class="gv-main">
<aside class="gv-panel" aria-label="Search, filters and legend">
<label for="gv-search">Search</label>
<input type="search" id="gv-search" placeholder="label or IRI; Enter to zoom" autocomplete="off">
<p class="gv-status" id="gv-search-status"></p>
<div id="gv-colour-groups"><h2><label for="gv-colour">Colour</label></h2>
<select id="gv-colour"><option value="">by kind</option></select>
<ul class="gv-legend" id="gv-colour-legend"></ul></div>
<h2>Kinds</h2>
<ul class="gv-legend" id="gv-kinds"></ul>
<div id="gv-group-box"><h2><label for="gv-group">Group</label></h2>
<select id="gv-group"><option value="">every actor</option></select></div>
<div id="gv-declaration-box"><h2><label for="gv-declaration">Declaration</label></h2>
<select id="gv-declaration"><option value="">every declaration</option></select></div>
<h2>Edges</h2>
<ul class="gv-legend" id="gv-edges"></ul>
<p class="gv-status" id="gv-status"></p>
<p class="gv-status">Drag to pan, scroll to zoom, drag a node to move it. Hover for the IRI and the sources;
{click}</p>
</aside>
<div id="gv-graph" role="img" aria-label="{title}"></div>
</div>
<div class="gv-tip" id="gv-tip" role="tooltip"></div>
"""


def to_html(graph: nx.Graph, title: str | None = None, *, link_base: str | None = None, base: str | None = None,
            asset_url: str | None = None, description: str = "", menu: list[tuple[str, str]] | None = None,
            current: str | None = None, webgl: bool = False) -> str:
    """The interactive page of the graph.

    ``link_base``: where clicking a node goes: a node whose IRI starts with ``base`` (default: the build's
    base IRI) opens ``link_base`` + the rest of its IRI (``"/"`` on the server: ``/id/state/FRA``); None (the
    default, for a standalone file) pins the node's tooltip instead. ``asset_url``: None inlines everything
    (one offline file); a URL prefix (``"/static/viz/"``) links the files of :func:`asset_files` instead.
    ``menu``: (label, URL) links to other views, ``current`` the URL of this one. ``webgl``: draw with
    Cytoscape.js's experimental WebGL renderer where the browser has WebGL (the default 2D canvas is faster
    without a GPU, see ``bench/README.md``).
    """
    title = title or graph.graph.get("title") or "govgraph"
    data = payload(graph, link_base=link_base, base=base, webgl=webgl)
    counts = f"{len(data['elements']['nodes']):,} nodes, {len(data['elements']['edges']):,} edges"
    body = BODY.format(
        title=escape(title), counts=counts, description=(" · " + escape(description)) if description else "",
        menu=_menu(menu, current),
        click="click a node to open its page." if link_base is not None else "click a node to pin them.")
    data_block = f'<script type="application/json" id="govgraph-data">{_json_block(data)}</script>'
    head = ['<!doctype html>', '<html lang="en">', "<head>", '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="referrer" content="no-referrer">']
    if asset_url is None:
        css = _inline(APP_CSS.read_text(encoding="utf-8"), APP_CSS.name)
        vendor = _inline(VENDOR_JS.read_text(encoding="utf-8"), VENDOR_JS.name)
        app = _inline(APP_JS.read_text(encoding="utf-8"), APP_JS.name)
        policy = (f"default-src 'none'; script-src {_sha256(vendor)} {_sha256(app)}; style-src {_sha256(css)}; "
                  "img-src data: blob:; base-uri 'none'; form-action 'none'")
        head.append(f'<meta http-equiv="Content-Security-Policy" content="{policy}">')
        head.append(f"<title>{escape(title)} · govgraph</title>")
        head.append(f'<style id="{CYTOSCAPE_STYLE_ID}">{css}</style>')
        scripts = f"<script>{vendor}</script>\n<script>{app}</script>"
    else:
        prefix = escape(asset_url)
        head.append(f"<title>{escape(title)} · govgraph</title>")
        head.append(f'<link rel="stylesheet" id="{CYTOSCAPE_STYLE_ID}" href="{prefix}govgraph-viz.css">')
        scripts = (f'<script src="{prefix}cytoscape.min.js"></script>\n'
                   f'<script src="{prefix}govgraph-viz.js"></script>')
    head.append("</head>")
    return "\n".join(head) + "\n<body>\n" + body + data_block + "\n" + scripts + "\n</body>\n</html>\n"
