"""Where each node is drawn: a deterministic layout shared by the HTML, GraphML, GEXF, JSON and images.

Each connected component is laid out on its own and the components are packed as discs whose area grows
with their size, largest in the middle, so that a small separate cluster neither flies off to a corner nor
squeezes the rest (nodes without edges share one disc). A component of up to ``SPRING_LIMIT`` nodes (every
shipped view) gets networkx's force-directed spring layout with a fixed seed. A force layout costs O(n²) per
iteration, minutes at 10,000 nodes, so a larger component is laid out in two levels: its communities
(Louvain, fixed seed: the same ones ``--stats`` reports) are laid out by the spring layout, each in its own
disc, and packed the same way; a community still too large is split again, and one that does not split is
placed as a sunflower ordered by degree (hubs in the middle). The same graph always gives the same
positions, so the exports are byte-identical from one run to the next.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import networkx as nx

SPRING_LIMIT = 400
PACK_GREEDY = 60
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
Positions = dict[str, tuple[float, float]]


def simple_undirected(graph: nx.Graph) -> nx.Graph:
    """The graph as a simple undirected graph whose edge weights add up the weights of the edges between the
    same two nodes (both directions, parallel edges): what layouts, centrality and communities work on."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    for u, v, weight in graph.edges(data="weight", default=1):
        if u == v:
            continue
        weight = weight if isinstance(weight, (int, float)) and weight > 0 else 1
        if simple.has_edge(u, v):
            simple[u][v]["weight"] += weight
        else:
            simple.add_edge(u, v, weight=weight)
    return simple


def communities(graph: nx.Graph, seed: int = 0) -> list[list[str]]:
    """Louvain communities of the graph (weighted, fixed seed), each sorted, the largest first (ties by
    their first node): the same partition every time for the same graph."""
    simple = graph if _is_simple_undirected(graph) else simple_undirected(graph)
    if simple.number_of_nodes() == 0:
        return []
    if simple.number_of_edges() == 0:
        return [[n] for n in sorted(simple.nodes)]
    found = nx.community.louvain_communities(simple, weight="weight", seed=seed)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def _is_simple_undirected(graph: nx.Graph) -> bool:
    return not graph.is_directed() and not graph.is_multigraph()


def _spring(graph: nx.Graph, seed: int, iterations: int) -> Positions:
    if graph.number_of_nodes() == 1:
        return {next(iter(graph.nodes)): (0.0, 0.0)}
    found = nx.spring_layout(graph, seed=seed, iterations=iterations, weight="weight")
    return {n: (float(x), float(y)) for n, (x, y) in found.items()}


def _sunflower(nodes: Iterable[str], graph: nx.Graph) -> Positions:
    """Nodes on a sunflower spiral inside the unit disc, the most connected in the middle."""
    ordered = sorted(nodes, key=lambda n: (-graph.degree(n), n))
    count = max(len(ordered), 1)
    return {n: (math.sqrt((i + 0.5) / count) * math.cos(i * GOLDEN_ANGLE),
                math.sqrt((i + 0.5) / count) * math.sin(i * GOLDEN_ANGLE)) for i, n in enumerate(ordered)}


def _normalise(found: Positions) -> Positions:
    """Centre on the origin and scale into the unit disc."""
    if not found:
        return {}
    cx = sum(x for x, _ in found.values()) / len(found)
    cy = sum(y for _, y in found.values()) / len(found)
    radius = max(math.hypot(x - cx, y - cy) for x, y in found.values()) or 1.0
    return {n: ((x - cx) / radius, (y - cy) / radius) for n, (x, y) in found.items()}


def _block(graph: nx.Graph, nodes: list[str], seed: int, depth: int) -> Positions:
    """Positions of one connected component or community inside the unit disc."""
    sub = graph.subgraph(nodes)
    if len(nodes) <= SPRING_LIMIT:
        return _normalise(_spring(sub, seed, iterations=100 if depth == 0 else 50))
    if depth < 3:
        parts = communities(sub, seed)
        if len(parts) > 1:
            return _normalise(_pack([_block(graph, part, seed, depth + 1) for part in parts], [len(p) for p in parts]))
    return _sunflower(nodes, sub)


def _overlaps(x: float, y: float, r: float, placed: list[tuple[float, float, float]]) -> bool:
    return any((x - px) ** 2 + (y - py) ** 2 < (r + pr) ** 2 - 1e-9 for px, py, pr in placed)


def _pack(blocks: list[Positions], sizes: list[int]) -> Positions:
    """Discs of area proportional to their number of nodes, largest first, each put as near the middle as it
    fits without overlapping those already placed (distances measured wider than high, for a landscape page);
    past ``PACK_GREEDY`` discs, on a sunflower spiral instead, which is cheaper."""
    radii = [math.sqrt(size) + 0.6 for size in sizes]
    placed: list[tuple[float, float, float]] = []
    for index, radius in enumerate(radii):
        if index == 0:
            centre = (0.0, 0.0)
        elif len(radii) > PACK_GREEDY:
            total = sum(r * r for r in radii[:index]) * 1.3
            distance = math.sqrt(total) + radius
            centre = (distance * math.cos(index * GOLDEN_ANGLE), distance * math.sin(index * GOLDEN_ANGLE))
        else:
            best = None
            for px, py, pr in placed:
                for step in range(24):
                    angle = step * math.pi / 12
                    x = px + (pr + radius) * math.cos(angle)
                    y = py + (pr + radius) * math.sin(angle)
                    cost = (x / 1.4) ** 2 + y ** 2
                    if (best is None or cost < best[0]) and not _overlaps(x, y, radius, placed):
                        best = (cost, x, y)
            centre = (best[1], best[2]) if best else (0.0, sum(r for _x, _y, r in placed) + radius)
        placed.append((centre[0], centre[1], radius))
    found: Positions = {}
    for block, (cx, cy, radius) in zip(blocks, placed):
        inner = radius - 0.6
        for node, (x, y) in block.items():
            found[node] = (cx + x * inner, cy + y * inner)
    return found


def positions(graph: nx.Graph, seed: int = 0) -> Positions:
    """A position in [-1, 1]² for every node of the graph (see the module's docstring for how).

    Connected components are laid out apart and packed, the largest in the middle; nodes without any edge
    share one sunflower disc."""
    simple = simple_undirected(graph)
    if simple.number_of_nodes() == 0:
        return {}
    components = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    blocks: list[Positions] = []
    sizes: list[int] = []
    for component in components:
        if len(component) > 1:
            blocks.append(_block(simple, component, seed, 0))
            sizes.append(len(component))
    alone = [c[0] for c in components if len(c) == 1]
    if alone:
        blocks.append(_sunflower(alone, simple))
        sizes.append(len(alone))
    found = _normalise(_pack(blocks, sizes))
    return {n: (round(x, 6), round(y, 6)) for n, (x, y) in found.items()}
