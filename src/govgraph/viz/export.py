"""Graph files for other tools: GraphML and GEXF (Gephi, Cytoscape desktop, yEd) and Cytoscape.js JSON.

GraphML and GEXF hold only scalar attributes of one type per key, so :func:`clean` flattens what they
reject: lists become "; "-joined strings, dicts and None are dropped, keys become strings, Decimal and other
numbers become float, dates ISO strings, and a key whose values mix types is written as strings. The files
carry the drawing attributes too (position, size, colour; in GEXF also as ``viz`` so Gephi shows the same
picture). The same graph always gives the same bytes.
"""

from __future__ import annotations

import datetime
import io
import math
from decimal import Decimal
from typing import Any

import networkx as nx

from .style import prepare

SEPARATOR = "; "
# Attributes networkx's GEXF writer treats as its own (dynamics, hierarchy): never written as data.
GEXF_RESERVED = frozenset({"start", "end", "pid", "spells", "viz"})


def _scalar(value: Any) -> Any:
    """A value GraphML and GEXF accept, or None to drop it."""
    if value is None or isinstance(value, dict):
        return None
    if isinstance(value, bool | str | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(str(_scalar(v)) for v in value if _scalar(v) is not None) if isinstance(value, set | frozenset) \
            else [str(_scalar(v)) for v in value if _scalar(v) is not None]
        return SEPARATOR.join(items)
    if hasattr(value, "__float__"):
        return float(value)
    return str(value)


def _clean_attrs(attrs: dict[Any, Any]) -> dict[str, Any]:
    cleaned = {}
    for key, value in attrs.items():
        scalar = _scalar(value)
        if scalar is not None:
            cleaned[str(key)] = scalar
    return cleaned


def _unify_types(items: list[dict[str, Any]]) -> None:
    """One type per key: int and float mixed become float; anything mixed with str (or bool with numbers)
    becomes str."""
    types: dict[str, set[type]] = {}
    for attrs in items:
        for key, value in attrs.items():
            types.setdefault(key, set()).add(type(value))
    for key, kinds in types.items():
        if len(kinds) <= 1:
            continue
        if kinds <= {int, float}:
            convert: Any = float
        else:
            convert = str
        for attrs in items:
            if key in attrs:
                attrs[key] = convert(attrs[key])


def clean(graph: nx.Graph) -> nx.Graph:
    """A copy of the graph that GraphML and GEXF can hold (see the module's docstring); node ids as str."""
    cleaned = nx.DiGraph() if graph.is_directed() else nx.Graph()
    cleaned.graph.update(_clean_attrs(dict(graph.graph)))
    nodes = [(str(n), _clean_attrs(dict(a))) for n, a in graph.nodes(data=True)]
    edges = [(str(u), str(v), _clean_attrs(dict(a))) for u, v, a in graph.edges(data=True)]
    _unify_types([a for _n, a in nodes])
    _unify_types([a for _u, _v, a in edges])
    cleaned.add_nodes_from(nodes)
    cleaned.add_edges_from(edges)
    return cleaned


def exportable(graph: nx.Graph) -> nx.Graph:
    """The graph with its drawing attributes (layout, size, colour), cleaned for GraphML and GEXF."""
    return clean(prepare(graph))


def to_graphml(graph: nx.Graph) -> bytes:
    """GraphML (UTF-8) of the graph with its drawing attributes; typed keys, one per attribute."""
    out = io.BytesIO()
    nx.write_graphml(exportable(graph), out, encoding="utf-8", prettyprint=True)
    return out.getvalue()


def _rgb(colour: str) -> dict[str, int]:
    colour = colour.lstrip("#")
    return {"r": int(colour[0:2], 16), "g": int(colour[2:4], 16), "b": int(colour[4:6], 16), "a": 1.0}


def to_gexf(graph: nx.Graph) -> bytes:
    """GEXF 1.2 of the graph; Gephi's ``viz`` module carries the same position, size and colour."""
    drawn = exportable(graph)
    for _node, attrs in drawn.nodes(data=True):
        for reserved in GEXF_RESERVED:
            attrs.pop(reserved, None)
        attrs["viz"] = {"position": {"x": float(attrs["x"]), "y": float(-attrs["y"]), "z": 0.0},
                        "size": float(attrs["size"]), "color": _rgb(str(attrs["color"]))}
    for _u, _v, attrs in drawn.edges(data=True):
        for reserved in GEXF_RESERVED | {"id"}:
            attrs.pop(reserved, None)
    out = io.BytesIO()
    nx.write_gexf(drawn, out, encoding="utf-8", prettyprint=True, version="1.2draft")
    return out.getvalue()


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(_json_value(v) for v in value)
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def to_cytoscape_json(graph: nx.Graph) -> dict[str, Any]:
    """The graph in Cytoscape.js form: ``{"data": {...}, "directed": bool, "elements": {"nodes": [{"data":
    {"id": ..., ...}, "position": {"x", "y"}}], "edges": [{"data": {"id", "source", "target", ...}}]}}``.
    Lists stay lists (JSON holds them); Cytoscape.js (``cy.add(json["elements"])``) and Cytoscape desktop
    (File > Import > Network from File) read it."""
    drawn = prepare(graph)
    nodes = []
    for node, attrs in drawn.nodes(data=True):
        data = {"id": str(node), **{str(k): _json_value(v) for k, v in attrs.items() if k not in ("x", "y")}}
        nodes.append({"data": data, "position": {"x": attrs["x"], "y": attrs["y"]}})
    edges = []
    for index, (u, v, attrs) in enumerate(drawn.edges(data=True)):
        data = {"id": f"e{index}", "source": str(u), "target": str(v),
                **{str(k): _json_value(val) for k, val in attrs.items() if k not in ("id", "source", "target")}}
        edges.append({"data": data})
    return {"data": {str(k): _json_value(v) for k, v in drawn.graph.items()}, "directed": drawn.is_directed(),
            "elements": {"nodes": nodes, "edges": edges}}
