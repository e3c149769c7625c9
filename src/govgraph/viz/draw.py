"""Pictures of a view for a report: PNG and SVG drawn with matplotlib (Agg, no display), A4 landscape.

The same layout, colours and sizes as the interactive view (:func:`style.prepare`); a title, a line saying
what is drawn, a legend of kinds (with counts) and of edge colours. Labels are 7 pt or more so they read on
paper; a large graph labels only its most connected nodes. ``group`` colours the members of one group (as
the HTML's "colour by group"). The SVG keeps its text as text, and both formats carry no date, so the same
graph gives the same bytes.
"""

from __future__ import annotations

import io
import math
import textwrap

import networkx as nx

from .style import GROUP_MEMBER, GROUP_OTHER, edge_legend, group_colours, prepare

A4_LANDSCAPE_MM = (297.0, 210.0)
DEFAULT_DPI = 200
LABEL_ALL_UP_TO = 70
LABEL_TOP = 40
LEGEND_WIDTH = 40


def png_size(dpi: int = DEFAULT_DPI) -> tuple[int, int]:
    """The pixel size of a PNG at this resolution: A4 landscape."""
    return round(A4_LANDSCAPE_MM[0] / 25.4 * dpi), round(A4_LANDSCAPE_MM[1] / 25.4 * dpi)


def _equal_limits(axes, xs: list[float], ys: list[float], box_ratio: float) -> None:
    """Limits with a margin that keep one unit the same length across and up (a circle stays round)."""
    span_x = (max(xs) - min(xs)) * 1.12 + 2
    span_y = (max(ys) - min(ys)) * 1.12 + 2
    if span_y / span_x < box_ratio:
        span_y = span_x * box_ratio
    else:
        span_x = span_y / box_ratio
    mid_x, mid_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    axes.set_xlim(mid_x - span_x / 2, mid_x + span_x / 2)
    axes.set_ylim(mid_y - span_y / 2, mid_y + span_y / 2)


def _figure(graph: nx.Graph, title: str | None, dpi: int, group: str | None, vector: bool = False):
    import matplotlib.patheffects as effects
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    drawn = prepare(graph)
    width, height = png_size(dpi)
    inches = (A4_LANDSCAPE_MM[0] / 25.4, A4_LANDSCAPE_MM[1] / 25.4) if vector else (width / dpi, height / dpi)
    figure = Figure(figsize=inches, dpi=dpi)
    title = title or drawn.graph.get("title") or "govgraph"
    view = drawn.graph.get("view", "")
    figure.text(0.02, 0.965, title, fontsize=16, fontweight="bold", va="top", ha="left")
    colour_note = f"colour: member of {group} or not" if group else "colour: kind"
    figure.text(0.02, 0.925, f"govgraph view {view!r}: {drawn.number_of_nodes():,} nodes, "
                f"{drawn.number_of_edges():,} edges; {colour_note}; size: number of links",
                fontsize=9, va="top", ha="left", color="#555555")
    axes = figure.add_axes((0.01, 0.02, 0.74, 0.88))
    axes.set_axis_off()
    nodes = list(drawn.nodes)
    if not nodes:
        axes.text(0.5, 0.5, "This view is empty.", ha="center", va="center", fontsize=14)
        return figure
    xs = [float(drawn.nodes[n]["x"]) for n in nodes]
    ys = [-float(drawn.nodes[n]["y"]) for n in nodes]
    index = {n: i for i, n in enumerate(nodes)}
    scale = min(1.0, math.sqrt(150 / len(nodes)))
    weights = [float(w or 1) for _u, _v, w in drawn.edges(data="weight")]
    top_weight = max(weights, default=1.0)
    segments = [((xs[index[u]], ys[index[u]]), (xs[index[v]], ys[index[v]])) for u, v in drawn.edges]
    edge_colours = [a["color"] for _u, _v, a in drawn.edges(data=True)]
    widths = [(0.4 + 2.0 * (w / top_weight)) * max(scale, 0.3) for w in weights]
    axes.add_collection(LineCollection(segments, colors=edge_colours, linewidths=widths, alpha=0.55, zorder=1))
    fills = group_colours(drawn, group) if group else {n: drawn.nodes[n]["color"] for n in nodes}
    sizes = [(float(drawn.nodes[n]["size"]) * 0.42 * scale) ** 2 for n in nodes]
    axes.scatter(xs, ys, s=sizes, c=[fills[n] for n in nodes], edgecolors="white", linewidths=0.5 * scale, zorder=2)
    labelled = nodes if len(nodes) <= LABEL_ALL_UP_TO else sorted(
        nodes, key=lambda n: (-drawn.nodes[n]["degree"], str(drawn.nodes[n]["label"])))[:LABEL_TOP]
    font = 7.5 if len(nodes) <= 40 else 7
    # A white halo keeps labels readable over edges; in SVG a halo would turn the text into outlines, so the
    # labels get a faint white box instead and stay text.
    halo: dict = ({"bbox": {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.7}}
                  if vector else {"path_effects": [effects.withStroke(linewidth=2.2, foreground="white")]})
    for node in labelled:
        i = index[node]
        offset = math.sqrt(sizes[i]) / 2 + 1
        axes.annotate(drawn.nodes[node]["short"], (xs[i], ys[i]), xytext=(0, -offset), textcoords="offset points",
                      ha="center", va="top", fontsize=font, color="#222222", zorder=3, **halo)
    _equal_limits(axes, xs, ys, box_ratio=(0.88 * height) / (0.74 * width))
    handles = []
    if group:
        handles += [Line2D([], [], marker="o", linestyle="", markersize=7, markerfacecolor=GROUP_MEMBER,
                           markeredgecolor="white", label=f"member of {group}"),
                    Line2D([], [], marker="o", linestyle="", markersize=7, markerfacecolor=GROUP_OTHER,
                           markeredgecolor="white", label=f"not a member of {group}")]
    counts = drawn.graph["kind_counts"]
    for kind, colour in drawn.graph["kind_colours"].items():
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=7, markerfacecolor=colour,
                              markeredgecolor="white", label=textwrap.fill(f"{kind} ({counts[kind]})", LEGEND_WIDTH)))
    for label, colour in edge_legend(drawn):
        handles.append(Line2D([], [], color=colour, linewidth=2, label=textwrap.fill(label, LEGEND_WIDTH)))
    figure.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.76, 0.9), fontsize=8, frameon=False,
                  title="Legend", title_fontsize=9, alignment="left")
    return figure


def to_png(graph: nx.Graph, title: str | None = None, *, dpi: int = DEFAULT_DPI, group: str | None = None) -> bytes:
    """The view as a PNG image, A4 landscape at ``dpi`` (2339 × 1654 pixels at the default 200)."""
    import matplotlib

    with matplotlib.rc_context({"svg.hashsalt": "govgraph"}):
        figure = _figure(graph, title, dpi, group)
        out = io.BytesIO()
        figure.savefig(out, format="png", dpi=dpi, metadata={"Software": None})
    return out.getvalue()


def to_svg(graph: nx.Graph, title: str | None = None, *, group: str | None = None) -> str:
    """The view as an SVG image, exactly A4 landscape (841.89 × 595.28 pt), text kept as text (searchable,
    selectable)."""
    import matplotlib

    with matplotlib.rc_context({"svg.hashsalt": "govgraph", "svg.fonttype": "none"}):
        figure = _figure(graph, title, DEFAULT_DPI, group, vector=True)
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return out.getvalue()
