"""A view from the user's own CONSTRUCT query (``govgraph viz --query FILE.rq``): triples in, graph out.

IRIs and blank nodes become nodes, literals become attributes of their subject (keyed by the predicate,
compacted with the project's prefixes: ``gg:iso3166Alpha3``), ``rdf:type`` gives the node's ``type`` and
``kind`` (the class's local name, or the kind the project's palette knows for it), and every other predicate
between two resources becomes an edge labelled with it (several predicates between the same two nodes are
one edge, "dcterms:source; prov:used"). A label comes from rdfs:label, skos:prefLabel, dcterms:title or
schema:name, else from the IRI.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx
import pyoxigraph as ox

from ..rdf import PREFIXES
from .model import GraphBuilder, NodeTable, local_name, value

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL_PREDICATES = (
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://purl.org/dc/terms/title",
    "https://schema.org/name",
)
DCT_SOURCE = "http://purl.org/dc/terms/source"
_CLASS_KINDS = {
    "State": "state", "Territory": "territory", "Declaration": "declaration", "Statement": "declaration",
    "Agreement": "agreement", "IntergovernmentalOrganisation": "intergovernmental organisation",
    "IntergovernmentalForum": "intergovernmental forum", "GovernmentBody": "government body",
    "Company": "company", "CivilSocietyOrganisation": "civil-society organisation",
    "TradeAssociation": "trade association", "Person": "person", "Initiative": "initiative",
    "Platform": "initiative", "Fund": "initiative", "Observatory": "initiative", "Programme": "initiative",
    "Panel": "initiative", "Dialogue": "initiative", "Framework": "framework", "Summit": "event", "Event": "event",
}


def compact(iri: str) -> str:
    """``gg:signed`` for an IRI in one of the project's namespaces, else the IRI itself."""
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _node_id(term: Any) -> str:
    return str(value(term))


def graph_from_triples(triples: Iterable[ox.Triple], title: str = "Custom view") -> nx.DiGraph:
    """The graph of a CONSTRUCT query's triples (see the module's docstring)."""
    literals: dict[str, dict[str, list[Any]]] = {}
    types: dict[str, set[str]] = {}
    labels: dict[str, dict[str, set[str]]] = {}
    links: list[tuple[str, str, str]] = []
    subjects: set[str] = set()
    for triple in triples:
        subject = _node_id(triple.subject)
        predicate = triple.predicate.value
        subjects.add(subject)
        obj = triple.object
        if isinstance(obj, ox.Literal):
            if predicate in LABEL_PREDICATES:
                labels.setdefault(subject, {}).setdefault(predicate, set()).add(obj.value)
            literals.setdefault(subject, {}).setdefault(compact(predicate), []).append(value(obj))
        elif predicate == RDF_TYPE:
            types.setdefault(subject, set()).add(_node_id(obj))
        else:
            links.append((subject, _node_id(obj), predicate))
    b = GraphBuilder("custom", title, NodeTable([]), directed=True)
    ends = subjects | {o for _s, o, _p in links}
    for node in sorted(ends):
        attrs: dict[str, Any] = {"iri": node if not node.startswith("_:") else None}
        found = labels.get(node, {})
        for predicate in LABEL_PREDICATES:
            if found.get(predicate):
                attrs["label"] = min(found[predicate], key=lambda s: (len(s), s))
                break
        else:
            attrs["label"] = compact(node) if ":" in compact(node) and compact(node) != node else local_name(node)
        classes = sorted(types.get(node, set()))
        if classes:
            attrs["type"] = "; ".join(compact(c) for c in classes)
            known = [_CLASS_KINDS[local_name(c)] for c in classes if local_name(c) in _CLASS_KINDS]
            attrs["kind"] = known[0] if known else local_name(classes[0])
        else:
            attrs["kind"] = "resource"
        for key, values in sorted(literals.get(node, {}).items()):
            attrs[key] = values[0] if len(values) == 1 else sorted(values, key=str)
        b.node(node, **attrs)
    for subject, obj, predicate in links:
        source = obj if predicate == DCT_SOURCE else None
        b.edge(subject, obj, compact(predicate), key=compact(predicate), source=source)
    graph = b.graph()
    for _u, _v, attrs in graph.edges(data=True):
        attrs["label"] = attrs["relation"]
    graph.graph.update({"group_names": {}, "source_titles": {}, "declaration_titles": {}})
    return graph
