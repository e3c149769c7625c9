"""GraphML, GEXF and Cytoscape.js JSON: read back by networkx with the same nodes, edges and attributes,
cleaned of what those formats reject, byte-identical from one run to the next; and the custom view from a
CONSTRUCT query."""

from __future__ import annotations

import datetime
import io
import json
import xml.etree.ElementTree as ET
from decimal import Decimal

import networkx as nx
import pyoxigraph as ox
import pytest

from govgraph.viz import (
    build_view,
    clean,
    graph_from_triples,
    to_cytoscape_json,
    to_gexf,
    to_graphml,
    triples_from_store,
    views,
)
from govgraph.viz.export import exportable

ID = "https://w3id.org/govgraph/id/"
PARIS = ID + "declaration/paris-statement-2025"


@pytest.fixture(scope="module")
def graphs(store) -> dict[str, nx.Graph]:
    return {name: build_view(name, store) for name in views()}


def _same(reference: nx.Graph, back: nx.Graph, ignore_edge: frozenset[str] = frozenset(),
          ignore_node: frozenset[str] = frozenset()) -> None:
    assert set(back.nodes) == set(reference.nodes)
    assert set(back.edges) == set(reference.edges)
    for node, attrs in reference.nodes(data=True):
        got = {k: v for k, v in back.nodes[node].items() if k not in ignore_node}
        assert got == attrs, node
    for u, v, attrs in reference.edges(data=True):
        got = {k: val for k, val in back.edges[u, v].items() if k not in ignore_edge}
        assert got == attrs, (u, v)


@pytest.mark.parametrize("name", list(views()))
def test_graphml_reads_back_with_the_same_nodes_edges_and_attributes(graphs, name):
    reference = exportable(graphs[name])
    back = nx.read_graphml(io.BytesIO(to_graphml(graphs[name])))
    assert back.is_directed() == reference.is_directed()
    _same(reference, back)
    assert back.graph["view"] == name and back.graph["title"] == views()[name].title
    assert reference.number_of_nodes() == graphs[name].number_of_nodes()
    assert reference.number_of_edges() == graphs[name].number_of_edges()


@pytest.mark.parametrize("name", list(views()))
def test_gexf_reads_back_with_the_same_nodes_edges_and_attributes(graphs, name):
    reference = exportable(graphs[name])
    back = nx.read_gexf(io.BytesIO(to_gexf(graphs[name])))
    # GEXF gives every edge an id, and carries the drawing in Gephi's viz module besides the attributes.
    _same(reference, back, ignore_edge=frozenset({"id"}), ignore_node=frozenset({"viz"}))
    for node, attrs in reference.nodes(data=True):
        viz = back.nodes[node]["viz"]
        assert viz["position"]["x"] == pytest.approx(attrs["x"]) and viz["position"]["y"] == pytest.approx(-attrs["y"])
        assert viz["size"] == pytest.approx(attrs["size"])
        colour = attrs["color"].lstrip("#")
        assert (viz["color"]["r"], viz["color"]["g"], viz["color"]["b"]) == tuple(int(colour[i:i + 2], 16) for i in (0, 2, 4))


def test_exports_keep_the_facts_as_flat_values(graphs):
    back = nx.read_graphml(io.BytesIO(to_graphml(graphs["signatories"])))
    france = back.nodes[ID + "state/FRA"]
    assert france["groups"] == "EU; G20; G7; OECD; UN"
    assert france["label"] == "France" and france["kind"] == "state" and france["iso3"] == "FRA"
    assert back.edges[ID + "state/FRA", PARIS]["relation"] == "endorsed; signed"
    assert isinstance(france["x"], float) and isinstance(france["degree"], int)
    initiatives = nx.read_gexf(io.BytesIO(to_gexf(graphs["initiatives"])))
    pledge = initiatives.edges[ID + "initiative/european-ai-champions-initiative", ID + "initiative/investai"]
    assert pledge["amount"] == 150e9 and pledge["currency"] == "EUR"


def test_the_same_graph_gives_the_same_bytes(store):
    first = build_view("voices", store)
    second = build_view("voices", store)
    assert to_graphml(first) == to_graphml(second)
    assert to_gexf(first) == to_gexf(second)
    assert json.dumps(to_cytoscape_json(first)) == json.dumps(to_cytoscape_json(second))


def test_clean_drops_or_flattens_what_graphml_and_gexf_reject():
    graph = nx.DiGraph(title="t", nested={"a": 1}, nothing=None)
    graph.add_node("a", label="A", tags=["x", "y"], extra={"k": "v"}, empty=None, amount=Decimal("1.5"),
                   day=datetime.date(2025, 2, 11), count=1, flag=True, bag={"z", "w"})
    graph.add_node("b", label="B", count=2.5)  # int in one node, float in the other: both become float
    graph.add_node("c", label="C", mixed=3)
    graph.add_node("d", label="D", mixed="three")  # int and str: both become str
    graph.nodes["a"][7] = "seven"  # a key that is not a string
    graph.add_edge("a", "b", relation="r", weight=2, sources=["s1", "s2"], meta={"x": 1}, nothing=None)
    cleaned = clean(graph)
    assert cleaned.graph == {"title": "t"}
    assert cleaned.nodes["a"] == {"label": "A", "tags": "x; y", "amount": 1.5, "day": "2025-02-11", "count": 1.0,
                                  "flag": True, "bag": "w; z", "7": "seven"}
    assert cleaned.nodes["b"] == {"label": "B", "count": 2.5}
    assert isinstance(cleaned.nodes["a"]["count"], float) and isinstance(cleaned.nodes["a"]["flag"], bool)
    assert cleaned.nodes["c"]["mixed"] == "3" and cleaned.nodes["d"]["mixed"] == "three"
    assert cleaned.edges["a", "b"] == {"relation": "r", "weight": 2, "sources": "s1; s2"}
    for writer, reader in ((to_graphml, nx.read_graphml), (to_gexf, nx.read_gexf)):
        back = reader(io.BytesIO(writer(graph)))
        assert back.nodes["a"]["tags"] == "x; y" and back.nodes["a"]["7"] == "seven"
        assert back.nodes["a"]["count"] == 1.0 and back.nodes["b"]["count"] == 2.5


def test_graphml_declares_one_typed_key_per_attribute(graphs):
    root = ET.fromstring(to_graphml(graphs["initiatives"]))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in root.findall("g:key", ns)}
    assert keys[("node", "label")] == "string"
    assert keys[("node", "total")] == "double"
    assert keys[("edge", "amount")] == "double"
    assert keys[("node", "degree")] in ("int", "long")


def test_cytoscape_json_has_elements_with_ids_positions_and_data(graphs):
    document = to_cytoscape_json(graphs["signatories"])
    json.dumps(document)  # plain JSON
    nodes, edges = document["elements"]["nodes"], document["elements"]["edges"]
    assert len(nodes) == graphs["signatories"].number_of_nodes() and len(edges) == graphs["signatories"].number_of_edges()
    ids = {n["data"]["id"] for n in nodes}
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in edges)
    assert len({e["data"]["id"] for e in edges}) == len(edges)
    france = next(n for n in nodes if n["data"]["id"] == ID + "state/FRA")
    assert set(france["position"]) == {"x", "y"}
    assert france["data"]["groups"] == ["EU", "G20", "G7", "OECD", "UN"]
    assert france["data"]["color"] == document["data"]["kind_colours"]["state"]
    assert document["directed"] is True and document["data"]["view"] == "signatories"


CONSTRUCT = """
PREFIX gg: <https://w3id.org/govgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT {
  ?state gg:signed ?declaration ; a gg:State ; rdfs:label ?name ; gg:iso3166Alpha3 ?code .
  ?declaration a gg:Statement .
}
WHERE {
  ?state gg:signed ?declaration ; a gg:State ; rdfs:label ?name ; gg:iso3166Alpha3 ?code .
  ?declaration a gg:Statement .
  FILTER(LANG(?name) = "en" && ?code IN ("FRA", "DEU", "IND"))
}
"""


def test_a_construct_query_becomes_a_graph_of_resources_with_literal_attributes(store):
    graph = graph_from_triples(triples_from_store(store, CONSTRUCT), title="Three signatories")
    assert sorted(graph.nodes) == [PARIS, ID + "state/DEU", ID + "state/FRA", ID + "state/IND"]
    france = graph.nodes[ID + "state/FRA"]
    assert (france["label"], france["kind"], france["type"], france["gg:iso3166Alpha3"]) == ("France", "state", "gg:State", "FRA")
    assert graph.nodes[PARIS]["kind"] == "declaration"
    assert graph.edges[ID + "state/FRA", PARIS]["relation"] == "gg:signed"
    assert graph.edges[ID + "state/FRA", PARIS]["label"] == "gg:signed"
    assert graph.graph["title"] == "Three signatories"
    back = nx.read_graphml(io.BytesIO(to_graphml(graph)))
    assert back.nodes[ID + "state/IND"]["gg:iso3166Alpha3"] == "IND"


def test_a_custom_graph_keeps_several_values_and_blank_nodes():
    ex = "http://example.org/"
    triples = [
        ox.Triple(ox.NamedNode(ex + "a"), ox.NamedNode(ex + "name"), ox.Literal("first")),
        ox.Triple(ox.NamedNode(ex + "a"), ox.NamedNode(ex + "name"), ox.Literal("second")),
        ox.Triple(ox.NamedNode(ex + "a"), ox.NamedNode(ex + "knows"), ox.BlankNode("b1")),
        ox.Triple(ox.NamedNode(ex + "a"), ox.NamedNode(ex + "likes"), ox.BlankNode("b1")),
    ]
    graph = graph_from_triples(triples)
    assert graph.nodes[ex + "a"][ex + "name"] == ["first", "second"]
    assert graph.nodes[ex + "a"]["label"] == "a" and graph.nodes[ex + "a"]["kind"] == "resource"
    assert graph.edges[ex + "a", "_:b1"]["relation"] == f"{ex}knows; {ex}likes"
    back = nx.read_graphml(io.BytesIO(to_graphml(graph)))
    assert back.nodes[ex + "a"][ex + "name"] == "first; second"
