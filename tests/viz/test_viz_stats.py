"""Centrality and communities: exact, repeatable figures for the shipped graph, and known values on graphs
small enough to work out by hand."""

from __future__ import annotations

import networkx as nx
import pytest

from govgraph.viz import build_view, communities, stats, summary

ID = "https://w3id.org/govgraph/id/"


def _figures(rows, limit=None):
    return [(r["label"], r["kind"], r["degree"], r["strength"], round(r["degree_centrality"], 4),
             round(r["betweenness"], 4), r["community"]) for r in rows[:limit]]


@pytest.fixture(scope="module")
def overview(store):
    return build_view("overview", store)


def test_overview_centrality_of_the_shipped_graph(overview):
    """Who sits in most instruments, initiatives and groups, and who bridges them (77 nodes, 229 edges)."""
    rows = stats(overview)
    assert len(rows) == 77
    assert _figures(rows, 12) == [
        ("Statement on Inclusive and Sustainable Artificial Intelligence for People and the Planet", "declaration",
         62, 65, 0.8158, 0.3823, 4),
        ("United Nations", "intergovernmental organisation", 59, 59, 0.7763, 0.3211, 2),
        ("Organisation for Economic Co-operation and Development", "intergovernmental organisation", 33, 33, 0.4342,
         0.0647, 1),
        ("European Union", "intergovernmental organisation", 30, 30, 0.3947, 0.0553, 1),
        ("G20", "intergovernmental forum", 16, 16, 0.2105, 0.0187, 3),
        ("Public Interest AI Platform and Incubator", "initiative", 9, 9, 0.1184, 0.0052, 2),
        ("France", "state", 8, 9, 0.1053, 0.021, 4),
        ("G7", "intergovernmental forum", 8, 8, 0.1053, 0.0035, 3),
        ("United Kingdom", "state", 7, 7, 0.0921, 0.0529, 3),
        ("Germany", "state", 7, 7, 0.0921, 0.0061, 3),
        ("African Union", "intergovernmental organisation", 7, 7, 0.0921, 0.0026, 2),
        ("Italy", "state", 6, 6, 0.0789, 0.0027, 3),
    ]
    states = [r for r in rows if r["kind"] == "state"]
    # France sits in the most: the statement (signed and endorsed), the platform it founded, the summit it
    # co-chaired, and the EU, G7, G20, OECD and UN.
    assert states[0]["label"] == "France" and states[0]["rank"] == 7
    # The bridges among states: the UK alone links the two summit agreements to the rest, Thailand the forum
    # it hosts with UNESCO.
    bridges = sorted(states, key=lambda r: -r["betweenness"])[:3]
    assert [(r["label"], round(r["betweenness"], 4)) for r in bridges] == [
        ("United Kingdom", 0.0529), ("Thailand", 0.0498), ("France", 0.021)]
    holy_see = next(r for r in rows if r["node"] == ID + "state/VAT")
    assert (holy_see["degree"], holy_see["betweenness"]) == (1, 0.0)  # signed, and in none of the groups


def test_overview_summary_of_the_shipped_graph(overview):
    figures = summary(overview)
    assert {k: round(v, 4) if isinstance(v, float) else v for k, v in figures.items()} == {
        "nodes": 77, "edges": 229, "density": 0.0783, "components": 2, "communities": 5, "modularity": 0.2073}


def test_voices_centrality_of_the_shipped_graph(store):
    rows = stats(build_view("voices", store))
    assert _figures(rows, 9) == [
        ("United Kingdom declining to sign", "decision", 5, 9, 0.3125, 0.525, 1),
        ("Statement on Inclusive and Sustainable Artificial Intelligence for People and the Planet", "declaration",
         4, 4, 0.25, 0.6333, 3),
        ("United States declining to sign", "decision", 4, 7, 0.25, 0.525, 2),
        ("UK government spokesperson (unnamed)", "person", 3, 6, 0.1875, 0.125, 1),
        ("Alexandra Reeve Givens", "person", 2, 3, 0.125, 0.125, 2),
        ("Darren Thomson", "person", 2, 3, 0.125, 0.125, 1),
        ("Emmanuel Macron", "person", 2, 2, 0.125, 0.125, 3),
        ("JD Vance", "person", 2, 4, 0.125, 0.125, 2),
        ("Tim Flagg", "person", 2, 2, 0.125, 0.125, 4),
    ]


def test_initiatives_centrality_of_the_shipped_graph(store):
    rows = stats(build_view("initiatives", store))
    assert _figures(rows, 4) == [
        ("Public Interest AI Platform and Incubator", "initiative", 10, 10, 0.4545, 0.4286, 1),
        ("Statement on Inclusive and Sustainable Artificial Intelligence for People and the Planet", "declaration",
         5, 5, 0.2273, 0.3095, 2),
        ("InvestAI", "initiative", 5, 6, 0.2273, 0.0433, 3),
        ("Observatory on the energy impact of AI", "initiative", 2, 2, 0.0909, 0.0649, 2),
    ]


def test_co_signature_is_flat_while_one_instrument_has_many_signatories(store):
    """Only the Paris statement has more than one signatory in the shipped graph: its 58 states form a clique
    (every one co-signed with 57 others, no one is a bridge), and the UK, alone on two agreements, is apart."""
    rows = stats(build_view("co-signature", store))
    assert len(rows) == 59
    clique = [r for r in rows if r["node"] != ID + "state/GBR"]
    assert {(r["degree"], round(r["degree_centrality"], 4), r["betweenness"], r["community"]) for r in clique} == {
        (57, 0.9828, 0.0, 1)}
    uk = rows[-1]
    assert (uk["label"], uk["degree"], uk["degree_centrality"], uk["betweenness"], uk["community"]) == \
        ("United Kingdom", 0, 0.0, 0.0, 2)


def test_stats_are_the_same_every_time(overview):
    assert stats(overview) == stats(overview.copy())
    assert communities(overview) == communities(overview.copy())


def test_known_values_on_a_path_and_two_triangles():
    path = nx.Graph([("a", "b"), ("b", "c")])
    nx.set_node_attributes(path, {n: n.upper() for n in path}, "label")
    rows = {r["node"]: r for r in stats(path)}
    assert (rows["b"]["degree_centrality"], rows["b"]["betweenness"], rows["b"]["rank"]) == (1.0, 1.0, 1)
    assert (rows["a"]["degree_centrality"], rows["a"]["betweenness"]) == (0.5, 0.0)
    triangles = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    found = communities(triangles)
    assert found == [["a", "b", "c"], ["x", "y", "z"]]
    by_node = {r["node"]: r for r in stats(triangles)}
    assert by_node["c"]["betweenness"] == pytest.approx(9 / 15) and by_node["c"]["community"] == 1
    assert by_node["z"]["community"] == 2
    # weights add up in strength but not in degree; direction is ignored
    directed = nx.DiGraph()
    directed.add_edge("p", "q", weight=2)
    directed.add_edge("q", "p", weight=3)
    row = {r["node"]: r for r in stats(directed)}["p"]
    assert (row["degree"], row["strength"]) == (1, 5)


def test_an_empty_graph_has_no_rows():
    assert stats(nx.Graph()) == []
    assert summary(nx.Graph())["nodes"] == 0
