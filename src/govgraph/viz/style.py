"""How a graph looks, the same in every output: colour by kind, size by degree, short labels, edge colours by
relation or stance, and the layout's positions, all added as plain attributes by :func:`prepare`.

The palette is colour-blind safe (Okabe-Ito first); a kind not listed gets the next colour of a fallback
list in the order of its name, so a custom view's colours are stable too.
"""

from __future__ import annotations

import math
from typing import Any

import networkx as nx

from .layout import positions

KIND_COLOURS = {
    "state": "#0072B2",
    "territory": "#56B4E9",
    "intergovernmental organisation": "#009E73",
    "intergovernmental forum": "#44AA99",
    "government body": "#CC79A7",
    "company": "#8C564B",
    "civil-society organisation": "#882255",
    "trade association": "#BCBD22",
    "organisation": "#7F7F7F",
    "person": "#E69F00",
    "declaration": "#D55E00",
    "agreement": "#E8846B",
    "instrument": "#D55E00",
    "initiative": "#6A3D9A",
    "framework": "#117733",
    "event": "#3C5488",
    "decision": "#B2182B",
    "unresolved": "#000000",
    "other": "#999999",
}
FALLBACK_COLOURS = ["#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7",
                    "#9C755F", "#BAB0AC"]
# Edge colours: stances first (voices), then relations that deserve to stand out; the rest is grey.
EDGE_COLOURS = {
    "supports": "#1A9850",
    "critical": "#D73027",
    "opposes": "#A50026",
    "mixed": "#7B3294",
    "neutral": "#878787",
    "declined to sign": "#D73027",
    "endorsed": "#E69F00",
    "funds": "#6A3D9A",
    "founded": "#0072B2",
    "member of": "#C7C7C7",
}
EDGE_DEFAULT = "#9E9E9E"
GROUP_MEMBER = "#D55E00"
GROUP_OTHER = "#C8C8C8"
LABEL_LENGTH = 36


def kind_colours(kinds: list[str]) -> dict[str, str]:
    """A colour for each kind: the palette's, or a fallback colour in the order of the kinds' names."""
    colours: dict[str, str] = {}
    spare = iter(FALLBACK_COLOURS * (1 + len(kinds) // len(FALLBACK_COLOURS)))
    for kind in sorted(set(kinds)):
        colours[kind] = KIND_COLOURS.get(kind) or next(spare)
    return colours


def edge_category(attrs: dict[str, Any]) -> str:
    """What an edge is coloured by: its stance when it has one, else its first relation."""
    stance = attrs.get("stance")
    if stance:
        return str(stance).split(";")[0].strip()
    return str(attrs.get("relation") or "related to").split(";")[0].strip()


def short_label(label: str, length: int = LABEL_LENGTH) -> str:
    """A label cut to ``length`` characters at a word boundary, with an ellipsis."""
    label = " ".join(str(label).split())
    if len(label) <= length:
        return label
    cut = label[: length - 1].rsplit(" ", 1)[0] if " " in label[: length - 1] else label[: length - 1]
    return cut.rstrip(",;:") + "…"


def node_size(degree: int, max_degree: int, smallest: float = 12.0, largest: float = 48.0) -> float:
    """Node diameter (pixels in the HTML) growing with the square root of the degree."""
    if max_degree <= 0:
        return smallest
    return round(smallest + (largest - smallest) * math.sqrt(degree / max_degree), 2)


def prepare(graph: nx.Graph, seed: int = 0) -> nx.Graph:
    """A copy of the graph with the drawing attributes every writer uses: ``x``, ``y`` (layout, kept if the
    nodes have them already), ``degree``, ``size``, ``color``, ``short``, and on edges ``color`` and
    ``category``. The graph's ``kind_colours`` and ``edge_colours`` say what the colours mean (legends)."""
    drawn = graph.copy()
    if drawn.number_of_nodes() and not all("x" in d and "y" in d for _n, d in drawn.nodes(data=True)):
        found = positions(drawn, seed=seed)
        scale = max(400.0, 80.0 * math.sqrt(drawn.number_of_nodes()))
        for node, (x, y) in found.items():
            drawn.nodes[node]["x"] = round(x * scale, 2)
            drawn.nodes[node]["y"] = round(-y * scale, 2)
    degrees = dict(drawn.degree())
    max_degree = max(degrees.values(), default=0)
    colours = kind_colours([str(d.get("kind", "other")) for _n, d in drawn.nodes(data=True)])
    for node, attrs in drawn.nodes(data=True):
        attrs.setdefault("label", str(node))
        attrs.setdefault("kind", "other")
        attrs["degree"] = degrees[node]
        attrs["size"] = node_size(degrees[node], max_degree)
        attrs["color"] = colours[str(attrs["kind"])]
        attrs["short"] = short_label(str(attrs["label"]))
    edge_colours: dict[str, str] = {}
    for _u, _v, attrs in drawn.edges(data=True):
        category = edge_category(attrs)
        attrs["category"] = category
        attrs["color"] = EDGE_COLOURS.get(category, EDGE_DEFAULT)
        edge_colours[category] = attrs["color"]
    kind_counts: dict[str, int] = {}
    for _n, kind in drawn.nodes(data="kind"):
        kind_counts[str(kind)] = kind_counts.get(str(kind), 0) + 1
    drawn.graph["kind_colours"] = {k: colours[k] for k in sorted(kind_counts)}
    drawn.graph["kind_counts"] = dict(sorted(kind_counts.items()))
    drawn.graph["edge_colours"] = dict(sorted(edge_colours.items()))
    return drawn


def edge_legend(graph: nx.Graph) -> list[tuple[str, str]]:
    """(label, colour) for the legend of a prepared graph: categories drawn in the same colour share one
    entry ("about, speaks for"), in the order of their first category."""
    by_colour: dict[str, list[str]] = {}
    for category, colour in graph.graph.get("edge_colours", {}).items():
        by_colour.setdefault(colour, []).append(category)
    return sorted(((", ".join(names), colour) for colour, names in by_colour.items()), key=lambda e: e[0])


def group_colours(graph: nx.Graph, group: str) -> dict[str, str]:
    """Node colours for "colour by group": members of ``group`` stand out, other actors are grey, nodes that
    are not actors (no ``groups`` attribute, such as declarations) keep their kind's colour."""
    colours = {}
    for node, attrs in graph.nodes(data=True):
        groups = attrs.get("groups")
        if groups is None:
            colours[node] = attrs.get("color", KIND_COLOURS["other"])
        else:
            colours[node] = GROUP_MEMBER if group in groups else GROUP_OTHER
    return colours
