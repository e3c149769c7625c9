"""Who is central in a view: degree, weighted degree, betweenness centrality and community for every node.

Degree says which actors sit in most instruments and initiatives; betweenness which bridge groups that
would otherwise be apart; communities (Louvain, fixed seed) which cluster together. All are computed on the
view as a simple undirected graph (edge weights added up, see :func:`layout.simple_undirected`); betweenness
counts shortest paths by number of edges (unweighted), normalised to [0, 1]. The figures are exact and
repeatable: the same graph always gives the same table.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from .layout import communities, simple_undirected

COLUMNS = ["rank", "label", "kind", "degree", "strength", "degree_centrality", "betweenness", "community", "node"]


def stats(graph: nx.Graph, seed: int = 0) -> list[dict[str, Any]]:
    """One row per node, most central first (degree centrality, then betweenness, then label): ``rank``,
    ``label``, ``kind``, ``degree`` (neighbours), ``strength`` (sum of edge weights), ``degree_centrality``
    (degree / (n - 1)), ``betweenness`` (normalised), ``community`` (1 = the largest) and ``node`` (IRI)."""
    simple = simple_undirected(graph)
    if simple.number_of_nodes() == 0:
        return []
    degree = nx.degree_centrality(simple) if simple.number_of_nodes() > 1 else {n: 0.0 for n in simple}
    betweenness = nx.betweenness_centrality(simple, normalized=True, weight=None)
    membership = {node: index for index, part in enumerate(communities(simple, seed), start=1) for node in part}
    rows = []
    for node in simple.nodes:
        attrs = graph.nodes[node]
        rows.append({
            "label": str(attrs.get("label", node)),
            "kind": str(attrs.get("kind", "")),
            "degree": simple.degree(node),
            "strength": simple.degree(node, weight="weight"),
            "degree_centrality": degree[node],
            "betweenness": betweenness[node],
            "community": membership[node],
            "node": str(node),
        })
    rows.sort(key=lambda r: (-r["degree_centrality"], -r["betweenness"], r["label"], r["node"]))
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
    return [{column: row[column] for column in COLUMNS} for row in rows]


def summary(graph: nx.Graph, seed: int = 0) -> dict[str, Any]:
    """Figures about the whole view: nodes, edges, density, components, communities and their modularity."""
    simple = simple_undirected(graph)
    parts = communities(simple, seed)
    modularity = nx.community.modularity(simple, [set(p) for p in parts], weight="weight") \
        if simple.number_of_edges() else 0.0
    return {
        "nodes": simple.number_of_nodes(),
        "edges": simple.number_of_edges(),
        "density": nx.density(simple) if simple.number_of_nodes() > 1 else 0.0,
        "components": nx.number_connected_components(simple) if simple.number_of_nodes() else 0,
        "communities": len(parts),
        "modularity": modularity,
    }


def table_rows(rows: list[dict[str, Any]], digits: int = 4) -> tuple[list[str], list[list[Any]]]:
    """Columns and rows for the CLI's table, CSV, TSV, JSON or Markdown, centralities rounded."""
    out = []
    for row in rows:
        out.append([round(row[c], digits) if isinstance(row[c], float) else row[c] for c in COLUMNS])
    return list(COLUMNS), out
