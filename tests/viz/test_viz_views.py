"""The views of ``govgraph viz``: their query files, the graphs they draw from the shipped build (checked
against facts of the sources), and their purity: the same rows give the same graph whether they come from the
store or from SPARQL JSON, and a view builds from hand-made rows with no store at all."""

from __future__ import annotations

import json

import networkx as nx
import pyoxigraph as ox
import pytest

from govgraph.errors import UsageError
from govgraph.viz import (
    View,
    build_view,
    find_view,
    rows_from_sparql_json,
    rows_from_store,
    view_rows,
    views,
)
from govgraph.viz.views import QUERY_DIR

ID = "https://w3id.org/govgraph/id/"
GG = "https://w3id.org/govgraph/ontology#"
PARIS = ID + "declaration/paris-statement-2025"
FRA, GBR, USA = ID + "state/FRA", ID + "state/GBR", ID + "state/USA"
EU = ID + "organisation/european-union"
TIMANO = ID + "act/paris-statement-2025/signatory-17-2"
INVESTAI = ID + "initiative/investai"


@pytest.fixture(scope="module")
def graphs(store) -> dict[str, nx.Graph]:
    return {name: build_view(name, store) for name in views()}


def test_the_catalogue_names_the_issue_views_with_their_queries():
    catalogue = views()
    assert list(catalogue) == ["signatories", "co-signature", "initiatives", "voices", "overview"]
    for view in catalogue.values():
        assert isinstance(view, View) and view.title and view.description
        assert {"nodes", "groups", "sources"} <= set(view.queries)
        for text in view.queries.values():
            assert "SELECT" in text and "PREFIX" in text


def test_every_query_file_starts_with_a_header_saying_what_it_draws():
    files = sorted(QUERY_DIR.glob("*.rq"))
    assert len(files) == 12
    used = {text for view in views().values() for text in view.queries.values()}
    for path in files:
        text = path.read_text(encoding="utf-8")
        header = text.split("PREFIX", 1)[0]
        assert header.startswith("# "), path.name
        assert "# draws: " in header, path.name
        assert text in used, f"{path.name} is used by no view"


def test_an_unknown_view_is_a_usage_error_naming_the_views():
    with pytest.raises(UsageError, match="no view named 'signers'.*signatories, co-signature"):
        find_view("signers")


def test_signatories_draws_who_signed_endorsed_and_declined(graphs):
    graph = graphs["signatories"]
    assert graph.is_directed()
    assert graph.edges[FRA, PARIS]["relation"] == "endorsed; signed"
    assert graph.edges[FRA, PARIS]["weight"] == 2
    assert graph.edges[GBR, PARIS]["relation"] == "declined to sign"
    assert graph.edges[USA, PARIS]["relation"] == "declined to sign"
    assert sorted(graph.successors(GBR)) == sorted(
        [PARIS, ID + "agreement/records-ai-action-summit-2025/summit-cybersecurity-agreement",
         ID + "agreement/records-ai-action-summit-2025/summit-sustainability-agreement"])
    signed_states = [u for u, v, r in graph.edges(data="relation")
                     if v == PARIS and "signed" in r.split("; ") and graph.nodes[u]["kind"] == "state"]
    assert len(signed_states) == 58
    assert graph.nodes[FRA]["groups"] == ["EU", "G20", "G7", "OECD", "UN"]
    assert graph.nodes[GBR]["groups"] == ["G20", "G7", "OECD", "UN"]  # not the EU any more
    assert graph.nodes[EU]["kind"] == "intergovernmental organisation"
    assert list(graph.successors(EU)) == [PARIS]  # the EU signs as itself, never expanded into its members
    assert graph.nodes[PARIS]["kind"] == "declaration"
    assert graph.graph["declaration_titles"][PARIS].startswith("Statement on Inclusive and Sustainable")


def test_the_unresolved_entry_stays_as_written_and_resolves_to_nothing(graphs):
    graph = graphs["signatories"]
    unresolved = [n for n, kind in graph.nodes(data="kind") if kind == "unresolved"]
    assert unresolved == [TIMANO]
    attrs = graph.nodes[TIMANO]
    assert (attrs["label"], attrs["nameAsWritten"], attrs["listNumber"], attrs["listIndex"]) == ("Timano", "Timano", 17, 18)
    assert attrs["groups"] == []
    assert list(graph.successors(TIMANO)) == [PARIS]


def test_co_signature_joins_signatories_by_the_instruments_both_signed(graphs):
    graph = graphs["co-signature"]
    assert not graph.is_directed()
    assert graph.number_of_nodes() == 59  # the 58 states on the Paris list, and the UK; no organisation
    assert EU not in graph
    assert graph.number_of_edges() == 58 * 57 // 2
    assert graph.edges[FRA, ID + "state/DEU"]["weight"] == 1
    assert graph.edges[FRA, ID + "state/DEU"]["declarations"] == [PARIS]
    assert graph.degree(GBR) == 0 and graph.nodes[GBR]["instruments"] == 2  # signed two agreements, alone
    assert USA not in graph  # declined: not a signatory
    assert TIMANO not in graph


def test_initiatives_carry_founders_funders_and_amounts(graphs):
    graph = graphs["initiatives"]
    platform = ID + "initiative/public-interest-ai-platform"
    founders = sorted(graph.nodes[u]["iso3"] for u, v, r in graph.in_edges(platform, data="relation") if r == "founded")
    assert founders == ["CHL", "DEU", "FIN", "FRA", "IND", "KEN", "MAR", "NGA", "SVN"]
    champions = graph.edges[ID + "initiative/european-ai-champions-initiative", INVESTAI]
    commission = graph.edges[ID + "organisation/european-commission", INVESTAI]
    assert (champions["relation"], champions["amount"], champions["currency"], champions["label"]) == \
        ("funds", 150e9, "EUR", "EUR 150bn")
    assert (commission["relation"], commission["amount"], commission["label"]) == ("funds; launched", 50e9, "EUR 50bn")
    assert champions["amount"] + commission["amount"] == graph.nodes[INVESTAI]["total"] == 200e9
    fund = ID + "initiative/investai-ai-gigafactories-fund"
    assert graph.nodes[fund]["totalLabel"] == "EUR 20bn"
    assert graph.edges[fund, INVESTAI]["relation"] == "part of"
    assert graph.edges[PARIS, platform]["relation"] == "launches"
    assert graph.edges[ID + "organisation/international-energy-agency", ID + "initiative/observatory-ai-energy"][
        "relation"] == "partner of"


def test_voices_ties_people_to_organisations_and_to_what_they_spoke_about(graphs):
    graph = graphs["voices"]
    vance, macron = ID + "person/jd-vance", ID + "person/emmanuel-macron"
    spokesperson = ID + "person/uk-government-spokesperson"
    usa_decision = ID + "act/techmonitor-2025-02-uk-us-decline/decliningtosign-usa"
    gbr_decision = ID + "act/techmonitor-2025-02-uk-us-decline/decliningtosign-gbr"
    assert graph.nodes[usa_decision]["label"] == "United States declining to sign"
    assert graph.nodes[usa_decision]["kind"] == "decision"
    assert graph.edges[vance, usa_decision]["stance"] == "supports"
    assert graph.edges[vance, usa_decision]["quotations"] == 2 and graph.edges[vance, usa_decision]["reasons"] == 1
    assert graph.edges[macron, PARIS]["stance"] == "supports"
    assert graph.edges[spokesperson, PARIS]["stance"] == "critical"
    assert graph.edges[spokesperson, gbr_decision]["stance"] == "supports"
    assert graph.edges[spokesperson, gbr_decision]["reasons"] == 3
    assert graph.edges[ID + "person/darren-thomson", gbr_decision]["stance"] == "critical"
    assert graph.edges[vance, ID + "organisation/us-government"]["role"] == "Vice President of the United States"
    assert graph.edges[GBR, gbr_decision]["relation"] == "took the decision"
    assert graph.edges[gbr_decision, PARIS]["relation"] == "about"
    people = sorted(graph.nodes[n]["label"] for n, k in graph.nodes(data="kind") if k == "person")
    assert people == ["Alexandra Reeve Givens", "Darren Thomson", "Emmanuel Macron", "JD Vance", "Tim Flagg",
                      "UK government spokesperson (unnamed)"]
    assert graph.nodes[ID + "organisation/commvault"]["declarations"] == [PARIS]


def test_every_edge_and_node_names_its_sources(graphs):
    for name, graph in graphs.items():
        titles = graph.graph["source_titles"]
        for node, attrs in graph.nodes(data=True):
            assert attrs["sources"], (name, node)
            assert set(attrs["sources"]) <= set(titles)
        for _u, _v, attrs in graph.edges(data=True):
            assert attrs["sources"], (name, attrs)
    assert graphs["signatories"].graph["source_titles"][ID + "source/paris-statement-2025"].startswith("Statement on")


def test_rows_from_sparql_json_build_the_same_graph_as_rows_from_the_store(store, graphs):
    for name, view in views().items():
        rows = {}
        for query, text in view.queries.items():
            answer = store.query(text, use_default_graph_as_union=True)
            rows[query] = rows_from_sparql_json(json.loads(answer.serialize(format=ox.QueryResultsFormat.JSON)))
        again = view.build(rows)
        assert nx.utils.graphs_equal(again, graphs[name]), name
        assert list(again.nodes) == list(graphs[name].nodes)


def test_the_same_rows_always_give_the_same_graph(store):
    view = views()["voices"]
    rows = view_rows(view, store)
    first, second = view.build(rows), view.build(rows)
    assert list(first.nodes(data=True)) == list(second.nodes(data=True))
    assert list(first.edges(data=True)) == list(second.edges(data=True))


def _iri(suffix: str) -> ox.NamedNode:
    return ox.NamedNode(ID + suffix)


def test_a_view_builds_from_hand_made_rows_without_any_store():
    """The server hands rows it fetched itself to View.build: nothing else is needed, no I/O is done."""
    rows = {
        "acts": [
            {"act": _iri("act/x/1"), "relation": ox.Literal("signed"), "agent": _iri("state/AAA"),
             "instrument": _iri("declaration/x"), "source": _iri("source/s")},
            {"act": _iri("act/x/2"), "relation": ox.Literal("signed"), "instrument": _iri("declaration/x"),
             "nameAsWritten": ox.Literal("Atlantis"), "number": ox.Literal("2", datatype=ox.NamedNode(
                 "http://www.w3.org/2001/XMLSchema#integer"))},
        ],
        "nodes": [
            {"node": _iri("state/AAA"), "class": ox.NamedNode(GG + "State"), "top": ox.NamedNode(GG + "CountryOrArea"),
             "label": ox.Literal("Aland", language="en"), "iso3": ox.Literal("AAA")},
            {"node": _iri("declaration/x"), "class": ox.NamedNode(GG + "Statement"),
             "top": ox.NamedNode(GG + "Instrument"), "label": ox.Literal("Declaration X")},
        ],
        "groups": [{"member": _iri("state/AAA"), "group": _iri("organisation/g9"),
                    "groupLabel": ox.Literal("Group of Nine", language="en"), "groupName": ox.Literal("G9")}],
        "sources": [{"source": _iri("source/s"), "title": ox.Literal("Source S")}],
    }
    graph = views()["signatories"].build(rows)
    assert sorted(graph.nodes) == [ID + "act/x/2", ID + "declaration/x", ID + "state/AAA"]
    assert graph.nodes[ID + "state/AAA"] == {
        "label": "Aland", "kind": "state", "iri": ID + "state/AAA", "iso3": "AAA", "groups": ["G9"],
        "sources": [ID + "source/s"], "declarations": [ID + "declaration/x"]}
    assert graph.edges[ID + "state/AAA", ID + "declaration/x"] == {
        "relation": "signed", "weight": 1, "sources": [ID + "source/s"], "declarations": [ID + "declaration/x"]}
    assert graph.nodes[ID + "act/x/2"]["kind"] == "unresolved"
    assert graph.nodes[ID + "act/x/2"]["listNumber"] == 2
    assert graph.graph["group_names"] == {"G9": "Group of Nine"}
    assert graph.graph["source_titles"] == {ID + "source/s": "Source S"}
    with pytest.raises(ValueError, match="no rows given"):
        views()["signatories"].build({})


def test_rows_from_store_leaves_unbound_variables_out(store):
    rows = rows_from_store(store, "SELECT ?a ?b WHERE { VALUES ?a { 1 } }")
    assert rows == [{"a": ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))}]
