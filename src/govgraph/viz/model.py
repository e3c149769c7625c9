"""The shape every view's graph has, and the small builder that gives it that shape.

Views are pure functions from query rows to a networkx graph, and the writers (HTML, GraphML, GEXF, JSON,
PNG, SVG) and the statistics read the same attributes whatever the view, so the attribute names live here:

- node id: the resource's IRI (an unresolved list entry is drawn as its act's IRI, never as a guessed actor);
- node ``label`` (str), ``kind`` (what decides its colour: "state", "declaration", "person"...), ``type``
  (its most specific class, as the ontology labels it), ``iri``, ``sources`` (IRIs of the source documents
  stating its edges), ``groups`` (short names of the groups an actor is a member of now), ``declarations``
  (IRIs of the instruments it is tied to in this view, for the declaration filter), ``iso3`` for a state;
- edge ``relation`` (what the edge says: "signed", "funds", "spoke about"...), ``weight``, ``sources``,
  ``declarations``, and per view ``stance``, ``amount``/``currency``, ``quotations``, ``role``...;
- graph ``view``, ``title``, ``source_titles`` ({source IRI: title}), ``group_names`` ({short: full}) and
  ``declaration_titles`` ({IRI: title}): what the HTML needs to name sources, groups and declarations.

Lists stay lists here (the exporters flatten them for formats that cannot hold them). The builder sorts nodes
and edges on output, so that the same rows always give the same graph, the same layout and the same bytes.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import networkx as nx
import pyoxigraph as ox

Row = Mapping[str, Any]
Rows = list[Row]

XSD = "http://www.w3.org/2001/XMLSchema#"
GG = "https://w3id.org/govgraph/ontology#"
LIST_ATTRIBUTES = ("sources", "groups", "declarations")
# Kinds of node that can be members of groups: they all carry ``groups`` (maybe empty), so that "not a member"
# and "not an actor" (a declaration, a person) can be told apart.
ACTOR_KINDS = frozenset({
    "state", "territory", "intergovernmental organisation", "intergovernmental forum", "government body",
    "company", "civil-society organisation", "trade association", "organisation", "unresolved"})


def value(term: Any) -> Any:
    """A query term as a plain Python value: IRIs as str, blank nodes as ``_:id``, numbers as int or float.

    Also accepts values that are already plain (str, int, float) and ``None`` (an unbound variable), so that
    rows fetched by another client than pyoxigraph can be given to a view as they are.
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        text = term.value
        try:
            if datatype in (XSD + "integer", XSD + "int", XSD + "long", XSD + "nonNegativeInteger",
                            XSD + "positiveInteger", XSD + "short"):
                return int(text)
            if datatype in (XSD + "decimal", XSD + "double", XSD + "float"):
                return float(text)
        except ValueError:
            return text
        return text
    if isinstance(term, Decimal):
        return float(term)
    if isinstance(term, datetime.date):
        return term.isoformat()
    return term


def get(row: Row, name: str) -> Any:
    """The value of a variable in a row, or None when it is unbound (absent or None)."""
    return value(row.get(name))


def local_name(iri: str) -> str:
    """The last segment of an IRI, to name a thing that has no label."""
    return iri.rstrip("/").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


# Broad classes of the nodes query (?top) -> the kind a node is coloured by. Organisations keep their
# specific class (a company is not a government body), instruments split into declarations and agreements,
# every initiative (platform, fund, programme...) is an "initiative".
_TOP_KINDS = {"Person": "person", "Initiative": "initiative", "Framework": "framework", "Event": "event"}
_CLASS_KINDS = {
    "State": "state", "Territory": "territory",
    "Declaration": "declaration", "Statement": "declaration", "Agreement": "agreement",
    "IntergovernmentalOrganisation": "intergovernmental organisation",
    "IntergovernmentalForum": "intergovernmental forum", "GovernmentBody": "government body",
    "Company": "company", "CivilSocietyOrganisation": "civil-society organisation",
    "TradeAssociation": "trade association", "Organisation": "organisation",
}


def kind_of(class_iri: str | None, top_iri: str | None) -> str:
    """The kind a node is coloured and filtered by, from its class and the broad class it falls under."""
    cls = local_name(class_iri) if class_iri else ""
    top = local_name(top_iri) if top_iri else ""
    if cls in _CLASS_KINDS:
        return _CLASS_KINDS[cls]
    if top in _TOP_KINDS:
        return _TOP_KINDS[top]
    if top == "Organisation":
        return "organisation"
    if top == "Instrument":
        return "instrument"
    if top == "CountryOrArea":
        return "territory"
    return "other"


class NodeTable:
    """What the shared ``nodes`` query says about each node: label, kind, class label, ISO code.

    A node may have several English labels or classes (rows multiply); the choice is deterministic: the most
    specific kind known, then the smallest label.
    """

    def __init__(self, rows: Rows) -> None:
        self._info: dict[str, dict[str, Any]] = {}
        for row in rows:
            node = get(row, "node")
            if not node:
                continue
            kind = kind_of(get(row, "class"), get(row, "top"))
            entry = self._info.setdefault(node, {"labels": set(), "kinds": set(), "types": set(), "iso3": None})
            if get(row, "label"):
                entry["labels"].add(str(get(row, "label")))
            entry["kinds"].add(kind)
            if get(row, "classLabel"):
                entry["types"].add(str(get(row, "classLabel")))
            if get(row, "iso3"):
                entry["iso3"] = str(get(row, "iso3"))

    def __contains__(self, iri: str) -> bool:
        return iri in self._info

    def attributes(self, iri: str) -> dict[str, Any]:
        """The node attributes the table gives for this IRI (label, kind, type, iri, iso3)."""
        entry = self._info.get(iri)
        if entry is None:
            return {"label": local_name(iri), "kind": "other", "iri": iri}
        kinds = sorted(entry["kinds"], key=lambda k: (k in ("other", "organisation", "instrument"), k))
        labels = sorted(entry["labels"], key=lambda s: (len(s), s))
        attrs: dict[str, Any] = {"label": labels[0] if labels else local_name(iri), "kind": kinds[0], "iri": iri}
        if entry["types"]:
            attrs["type"] = min(entry["types"])
        if entry["iso3"]:
            attrs["iso3"] = entry["iso3"]
        return attrs

    def label(self, iri: str) -> str:
        return self.attributes(iri)["label"]


def group_memberships(rows: Rows) -> tuple[dict[str, list[str]], dict[str, str]]:
    """From the shared ``groups`` query: {member IRI: [short group names]} and {short name: full name}.

    A group's short name is its shortest English name that is not "the ..." ("EU", "G7", "OECD").
    """
    names: dict[str, set[str]] = {}
    full: dict[str, str] = {}
    members: dict[str, set[str]] = {}
    for row in rows:
        group = get(row, "group")
        member = get(row, "member")
        if not group or not member:
            continue
        members.setdefault(member, set()).add(group)
        label = get(row, "groupLabel")
        if label:
            full.setdefault(group, str(label))
        name = get(row, "groupName")
        if name and not str(name).lower().startswith("the "):
            names.setdefault(group, set()).add(str(name))
    short: dict[str, str] = {}
    for group in {g for gs in members.values() for g in gs}:
        candidates = names.get(group) or {full.get(group) or local_name(group)}
        short[group] = min(candidates, key=lambda s: (len(s), s))
    memberships = {member: sorted(short[g] for g in groups) for member, groups in members.items()}
    group_names = {short[g]: full.get(g, short[g]) for g in short}
    return memberships, group_names


def source_titles(rows: Rows) -> dict[str, str]:
    """From the shared ``sources`` query: {source IRI: title}."""
    titles: dict[str, str] = {}
    for row in rows:
        source = get(row, "source")
        if source:
            titles.setdefault(source, str(get(row, "title") or local_name(source)))
    return titles


def _merge(attrs: dict[str, Any], new: Mapping[str, Any]) -> None:
    """Merge attributes: lists are unioned, other values are kept from the first time they were given (a
    later None never erases a value)."""
    for key, item in new.items():
        if item is None:
            continue
        if key in LIST_ATTRIBUTES or key in ("relations", "keys"):
            items = [item] if isinstance(item, str) else list(item)
            attrs.setdefault(key, set()).update(i for i in items if i)
        else:
            attrs.setdefault(key, item)


class GraphBuilder:
    """Collects nodes and edges of a view, merging repeats, and returns a sorted networkx graph.

    Nodes take their label and kind from the node table unless given; an edge adds its relation to the
    edge's relations (one edge per pair of nodes, "signed; endorsed" when a source reports both); the
    sources and declarations of a node are those of its edges, plus its own.
    """

    def __init__(self, view: str, title: str, table: NodeTable, *, directed: bool = True,
                 memberships: Mapping[str, list[str]] | None = None) -> None:
        self.view = view
        self.title = title
        self.table = table
        self.directed = directed
        self.memberships = memberships or {}
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: dict[tuple[str, str], dict[str, Any]] = {}

    def node(self, iri: str, /, **attrs: Any) -> str:
        """Add or merge a node; attributes given win over the node table's for a new node."""
        if iri not in self.nodes:
            base = self.table.attributes(iri)
            if (attrs.get("kind") or base["kind"]) in ACTOR_KINDS or iri in self.memberships:
                base["groups"] = list(self.memberships.get(iri, []))
            self.nodes[iri] = {}
            _merge(self.nodes[iri], {**base, **{k: v for k, v in attrs.items() if v is not None}})
        else:
            _merge(self.nodes[iri], attrs)
        return iri

    def edge(self, u: str, v: str, relation: str, *, key: str | None = None, source: str | None = None,
             declarations: Iterable[str] | str | None = None, weight: float | None = None, **attrs: Any) -> None:
        """Add or merge the edge u -> v. ``key`` names the fact behind it (an act's IRI): the weight is the
        number of distinct facts on the edge (rows repeated by a query's joins, such as one row per source,
        count once), unless weights are given, which add up (two quotations and one reason weigh 3)."""
        pair = (u, v) if self.directed or u <= v else (v, u)
        entry = self.edges.setdefault(pair, {})
        _merge(entry, {"relations": [relation], "keys": [key or relation], "sources": [source] if source else [],
                       "declarations": declarations or [], **attrs})
        if weight is not None:
            entry["weight"] = entry.get("weight", 0) + weight

    def graph(self, **graph_attrs: Any) -> nx.Graph:
        graph: nx.Graph = nx.DiGraph() if self.directed else nx.Graph()
        graph.graph.update({"view": self.view, "title": self.title, **graph_attrs})
        incident: dict[str, dict[str, set[str]]] = {n: {"sources": set(), "declarations": set()} for n in self.nodes}
        for (u, v), attrs in self.edges.items():
            for end in (u, v):
                incident[end]["sources"] |= attrs.get("sources", set())
                incident[end]["declarations"] |= attrs.get("declarations", set())
        for iri in sorted(self.nodes):
            attrs = dict(self.nodes[iri])
            for key in ("sources", "declarations"):
                attrs[key] = set(attrs.get(key, set())) | incident[iri][key]
            if attrs.get("kind") in ("declaration", "agreement", "instrument"):
                attrs["declarations"].add(iri)
            graph.add_node(iri, **_finish(attrs))
        for (u, v) in sorted(self.edges):
            attrs = dict(self.edges[(u, v)])
            relations = sorted(attrs.pop("relations", set()))
            attrs["relation"] = "; ".join(relations)
            keys = attrs.pop("keys", set())
            attrs.setdefault("weight", len(keys) or 1)
            graph.add_edge(u, v, **_finish(attrs))
        return graph


def _finish(attrs: dict[str, Any]) -> dict[str, Any]:
    """Sets become sorted lists; empty lists stay (every node has the same list attributes)."""
    return {k: sorted(v) if isinstance(v, set) else v for k, v in sorted(attrs.items())}


def format_amount(amount: float | None, currency: str | None) -> str:
    """EUR 150bn, USD 2.5m: amounts as a reader of a report writes them (ISO 4217 code, no symbol)."""
    if amount is None:
        return ""
    for suffix, scale in (("tn", 1e12), ("bn", 1e9), ("m", 1e6)):
        if abs(amount) >= scale:
            number = f"{amount / scale:.1f}".rstrip("0").rstrip(".")
            return f"{currency or ''} {number}{suffix}".strip()
    return f"{currency or ''} {amount:,.0f}".strip()
