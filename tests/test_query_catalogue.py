"""The canned query catalogue as a resource: the contract's names, headers that describe each query, query
texts that run as pasted in any SPARQL 1.1 engine, and the catalogue published as RDF in the dataset."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from govgraph.queries import load_catalogue

CONTRACT = [
    "summits", "signatories", "declined", "group-members-not-signed", "signed-a-not-b", "founding-members",
    "initiatives", "funding", "funding-consistency", "acknowledged-frameworks", "priorities", "milestones",
    "quotes", "claim-checks", "data-quality", "actor-profile", "memberships", "provenance", "timeline",
    "coverage-by-region",
]


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def test_the_contract_names_exist_and_more(catalogue):
    assert sorted(set(CONTRACT) - set(catalogue)) == []
    assert len(catalogue) >= 22


def test_every_query_describes_itself(catalogue):
    for name, query in catalogue.items():
        assert query.summary and "\n" not in query.summary, name
        assert len(query.question.split()) >= 5, name
        assert query.tags, name
        for parameter in query.parameters:
            assert parameter.doc, (name, parameter.name)
            if parameter.type == "iri":
                assert parameter.kinds, (name, parameter.name)
            assert parameter.default is not None or parameter.optional, (name, parameter.name)


def test_no_query_hardcodes_an_instance_or_graph_iri(catalogue):
    """Instances and graphs move with GOVGRAPH_BASE; defaults are slugs, resolved against the configured base."""
    for name, query in catalogue.items():
        assert "w3id.org/govgraph/id/" not in query.text and "w3id.org/govgraph/graph/" not in query.text, name


def test_every_query_runs_as_pasted_in_two_engines(catalogue):
    """Its own PREFIX lines suffice: rdflib prepares it without any namespace given, pyoxigraph runs it."""
    from rdflib.plugins.sparql import prepareQuery

    empty = ox.Store()
    for name, query in catalogue.items():
        prepareQuery(query.text, initNs={})
        assert isinstance(empty.query(query.text), ox.QuerySolutions), name


def test_the_catalogue_is_published_as_rdf(catalogue, sparql):
    rows = sparql("""
        SELECT ?name ?summary ?question ?text WHERE {
            GRAPH <https://w3id.org/govgraph/graph/queries> {
                ?q a sh:SPARQLExecutable , sh:SPARQLSelectExecutable ; dcterms:identifier ?name ;
                   rdfs:label ?summary ; rdfs:comment ?question ; sh:select ?text } } ORDER BY ?name""")
    assert [r["name"] for r in rows] == sorted(catalogue)
    for row in rows:
        query = catalogue[row["name"]]
        assert (row["summary"], row["question"], row["text"]) == (query.summary, query.question, query.text)
    params = sparql("""
        SELECT ?name ?param ?type ?default WHERE {
            ?q dcterms:identifier ?name ; gg:parameter ?p . ?p rdfs:label ?param ; gg:parameterType ?type .
            OPTIONAL { ?p gg:defaultValue ?default } } ORDER BY ?name ?param""")
    expected = sorted((q.name, p.name, p.type, p.default) for q in catalogue.values() for p in q.parameters)
    assert [(r["name"], r["param"], r["type"], r["default"]) for r in params] == expected


def test_the_published_catalogue_conforms_to_the_shapes(built):
    result, _home = built
    assert [f for f in result.findings if f.kind == "broken canned query"] == []


def test_cli_lists_the_catalogue(cli, catalogue):
    result = cli("query", "--list")
    assert result.returncode == 0, result.stderr
    for name, query in catalogue.items():
        assert f"{name:<28} {query.summary}" in result.stdout
