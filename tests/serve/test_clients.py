"""Real SPARQL clients against a real `govgraph serve`: SPARQLWrapper in every format it speaks, rdflib's
SPARQLStore, and our own remote engine running every canned query (same rows as on the embedded store)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from conftest import PREFIXES
from SPARQLWrapper import CSV, JSON, JSONLD, TURTLE, XML, SPARQLWrapper

SIGNED = PREFIXES + """SELECT ?iso3 WHERE {
  ?act a gg:Signing ; gg:instrument id:declaration\\/paris-statement-2025 ; gg:agent ?state .
  ?state gg:iso3166Alpha3 ?iso3 .
} ORDER BY ?iso3"""
SUMMIT_LABELS = PREFIXES + "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a gg:Summit ; rdfs:label ?l }"


@pytest.fixture(scope="module")
def signed(sparql):
    rows = [r["iso3"] for r in sparql(SIGNED.replace(PREFIXES, ""))]
    assert len(rows) >= 55 and "FRA" in rows and "GBR" not in rows
    return rows


def client(served: str, query: str, fmt) -> SPARQLWrapper:
    c = SPARQLWrapper(served + "sparql")
    c.setQuery(query)
    c.setReturnFormat(fmt)
    return c


def test_sparqlwrapper_json(served, signed):
    answer = client(served, SIGNED, JSON).queryAndConvert()
    assert [b["iso3"]["value"] for b in answer["results"]["bindings"]] == signed


def test_sparqlwrapper_xml(served, signed):
    document = client(served, SIGNED, XML).queryAndConvert()  # an xml.dom.minidom document
    values = [n.firstChild.data for n in document.getElementsByTagName("literal")]
    assert values == signed


def test_sparqlwrapper_csv(served, signed):
    text = client(served, SIGNED, CSV).queryAndConvert().decode("utf-8")
    assert text.splitlines() == ["iso3", *signed]


@pytest.mark.parametrize("fmt, media", [(TURTLE, ox.RdfFormat.TURTLE), (JSONLD, ox.RdfFormat.JSON_LD)])
def test_sparqlwrapper_graphs(served, store, fmt, media):
    expected = set(store.query(SUMMIT_LABELS, use_default_graph_as_union=True))
    result = client(served, SUMMIT_LABELS, fmt).query()
    body = result.response.read()
    assert {q.triple for q in ox.parse(body, format=media)} == expected


def test_sparqlwrapper_post(served, signed):
    from SPARQLWrapper import POST

    c = client(served, SIGNED, JSON)
    c.setMethod(POST)
    answer = c.queryAndConvert()
    assert [b["iso3"]["value"] for b in answer["results"]["bindings"]] == signed


def test_rdflib_sparqlstore(served, signed):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = rdflib.Graph(SPARQLStore(served + "sparql", returnFormat="json"))
    rows = [str(r.iso3) for r in graph.query(SIGNED)]
    assert rows == signed
    ask = graph.query(PREFIXES + "ASK { <https://w3id.org/govgraph/id/state/FRA> a gg:State }")
    assert ask.askAnswer is True
    france = rdflib.URIRef("https://w3id.org/govgraph/id/state/FRA")
    assert rdflib.Literal("France", lang="en") in set(graph.objects(france, rdflib.SKOS.prefLabel))


def test_sparqlstore_cannot_write(served):
    from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

    store = SPARQLUpdateStore(query_endpoint=served + "sparql", update_endpoint=served + "sparql")
    graph = rdflib.Graph(store)
    with pytest.raises(Exception) as caught:
        store.update("INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }")
    assert "403" in str(caught.value) or "Forbidden" in str(caught.value)
    assert not graph.query("ASK { <http://example.org/a> ?p ?o }").askAnswer


def test_every_canned_query_answers_the_same_over_http(served, built):
    """Our remote engine (SPARQLWrapper, VALUES-bound parameters) against the server, versus the embedded store."""
    from govgraph.queries import EmbeddedEngine, RemoteEngine, load_catalogue, run
    from govgraph.store import open_store

    embedded = EmbeddedEngine(open_store(built[1]))
    remote = RemoteEngine(served + "sparql")
    catalogue = load_catalogue()
    assert len(catalogue) >= 20
    for name, query in sorted(catalogue.items()):
        here, there = run(query, embedded), run(query, remote)
        assert there.columns == here.columns, name
        assert sorted(there.rows, key=repr) == sorted(here.rows, key=repr), name
