"""The views' pure functions: query rows in, a networkx graph out (no I/O, no store, no clock).

Each function takes ``rows``: {query name: [row, ...]} where a row maps a variable name to a pyoxigraph
term (or None when unbound), for the queries named in the view's ``queries`` (see ``views.py`` and the
``views/*.rq`` files, whose header comments say what each query draws). The shared queries ``nodes``,
``groups`` and ``sources`` name, classify and group the nodes; the others give the edges.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

import networkx as nx

from .model import (
    GraphBuilder,
    NodeTable,
    Rows,
    format_amount,
    get,
    group_memberships,
    source_titles,
)


def _context(rows: dict[str, Rows]) -> tuple[NodeTable, dict[str, list[str]], dict[str, str], dict[str, str]]:
    table = NodeTable(rows.get("nodes", []))
    memberships, group_names = group_memberships(rows.get("groups", []))
    return table, memberships, group_names, source_titles(rows.get("sources", []))


def _finish(builder: GraphBuilder, group_names: dict[str, str], sources: dict[str, str]) -> nx.Graph:
    graph = builder.graph()
    used_groups = sorted({g for _n, gs in graph.nodes(data="groups") for g in (gs or [])})
    used_sources = sorted({s for _n, ss in graph.nodes(data="sources") for s in (ss or [])})
    declarations = sorted({d for _n, ds in graph.nodes(data="declarations") for d in (ds or [])})
    graph.graph["group_names"] = {g: group_names.get(g, g) for g in used_groups}
    graph.graph["source_titles"] = {s: sources.get(s, s) for s in used_sources}
    graph.graph["declaration_titles"] = {d: builder.table.label(d) for d in declarations}
    return graph


def signatories(rows: dict[str, Rows], title: str = "Signatories") -> nx.Graph:
    """Actors <-> instruments: who signed, endorsed or declined to sign which declaration or agreement.

    A list entry that resolves to nothing is drawn as its own node of kind "unresolved", labelled with the
    name as written and keyed by its act's IRI: it stays visible and is never merged into a real actor.
    """
    table, memberships, group_names, sources = _context(rows)
    b = GraphBuilder("signatories", title, table, directed=True, memberships=memberships)
    for row in rows.get("acts", []):
        instrument = get(row, "instrument")
        agent = get(row, "agent")
        relation = get(row, "relation") or "signed"
        b.node(instrument)
        if agent:
            b.node(agent)
        else:
            written = get(row, "nameAsWritten") or "unnamed entry"
            agent = b.node(get(row, "act"), label=str(written), kind="unresolved", type="unresolved list entry",
                           iri=get(row, "act"), nameAsWritten=str(written), listNumber=get(row, "number"),
                           listIndex=get(row, "index"))
        b.edge(agent, instrument, relation, key=get(row, "act"), source=get(row, "source"), declarations=instrument)
    return _finish(b, group_names, sources)


def co_signature(rows: dict[str, Rows], title: str = "Co-signature") -> nx.Graph:
    """Actor <-> actor, weighted by the number of instruments both signed (undirected).

    Every signatory is a node, with the number of instruments it signed; one that shares none with another
    actor has no edge. An edge lists the instruments (``declarations``) the two signed together.
    """
    table, memberships, group_names, sources = _context(rows)
    b = GraphBuilder("co-signature", title, table, directed=False, memberships=memberships)
    signed: dict[str, set[str]] = defaultdict(set)
    by_instrument: dict[str, set[str]] = defaultdict(set)
    source_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows.get("signings", []):
        agent, instrument = get(row, "agent"), get(row, "instrument")
        if not agent or not instrument:
            continue
        signed[agent].add(instrument)
        by_instrument[instrument].add(agent)
        if get(row, "source"):
            source_of[(agent, instrument)].add(get(row, "source"))
    for agent in sorted(signed):
        b.node(agent, instruments=len(signed[agent]), declarations=sorted(signed[agent]),
               sources=sorted(s for i in signed[agent] for s in source_of[(agent, i)]))
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    for instrument, agents in sorted(by_instrument.items()):
        for u, v in combinations(sorted(agents), 2):
            shared[(u, v)].add(instrument)
    for (u, v), instruments in sorted(shared.items()):
        edge_sources = sorted({s for i in instruments for s in source_of[(u, i)] | source_of[(v, i)]})
        b.edge(u, v, "co-signed", weight=len(instruments), declarations=sorted(instruments),
               sources=edge_sources, label=str(len(instruments)))
    graph = _finish(b, group_names, sources)
    for instrument in by_instrument:
        graph.graph["declaration_titles"].setdefault(instrument, table.label(instrument))
    return graph


def initiatives(rows: dict[str, Rows], title: str = "Initiatives") -> nx.Graph:
    """Initiatives <-> founders, funders, partners, supporting programmes, the declarations that launch or
    welcome them and the initiatives they are part of; amounts on funding edges and totals on initiatives."""
    table, memberships, group_names, sources = _context(rows)
    b = GraphBuilder("initiatives", title, table, directed=True, memberships=memberships)
    for row in rows.get("totals", []):
        initiative = get(row, "initiative")
        amount, currency = get(row, "value"), get(row, "currency")
        b.node(initiative, total=amount, currency=currency, totalLabel=format_amount(amount, currency),
               sources=[get(row, "source")] if get(row, "source") else [])
    for row in rows.get("links", []):
        source_node, target = get(row, "from"), get(row, "to")
        if not source_node or not target:
            continue
        b.node(source_node)
        b.node(target)
        amount, currency = get(row, "value"), get(row, "currency")
        extra: dict[str, Any] = {}
        if amount is not None:
            extra = {"amount": amount, "currency": currency, "label": format_amount(amount, currency)}
        declaration = get(row, "declaration")
        relation = get(row, "relation") or "related to"
        b.edge(source_node, target, relation, key=relation, source=get(row, "source"),
               declarations=[declaration] if declaration else [], **extra)
    return _finish(b, group_names, sources)


def voices(rows: dict[str, Rows], title: str = "Voices") -> nx.Graph:
    """People <-> the organisations they speak for <-> the declarations or decisions they spoke about.

    Stance edges (person -> declaration or decision) carry the stance and the number of quotations; reason
    edges (person -> decision) the number of reasons; a decision (such as a state declining to sign) is tied
    to the state that took it and to the instrument it is about.
    """
    table, memberships, group_names, sources = _context(rows)
    b = GraphBuilder("voices", title, table, directed=True, memberships=memberships)
    about: dict[str, str] = {}
    for row in rows.get("decisions", []):
        decision, agent, instrument = get(row, "decision"), get(row, "agent"), get(row, "instrument")
        label = " ".join(str(x) for x in (get(row, "agentLabel"), get(row, "actLabel")) if x) or None
        b.node(decision, label=label, kind="decision", type=get(row, "actLabel"), iri=decision)
        about[decision] = instrument
        b.node(agent)
        b.node(instrument)
        b.edge(agent, decision, "took the decision", source=get(row, "source"), declarations=instrument)
        b.edge(decision, instrument, "about", source=get(row, "source"), declarations=instrument)
    stances: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows.get("quotations", []):
        person, target = get(row, "person"), get(row, "target")
        entry = stances.setdefault((person, target), {"stances": set(), "quotations": set(), "sources": set()})
        entry["stances"].add(get(row, "stance") or "unknown")
        entry["quotations"].add(get(row, "quotation"))
        if get(row, "source"):
            entry["sources"].add(get(row, "source"))
    for (person, target), entry in sorted(stances.items()):
        b.node(person)
        if target not in b.nodes:
            b.node(target)
        stance = "; ".join(sorted(entry["stances"]))
        declaration = about.get(target, target)
        b.edge(person, target, "spoke about", sources=sorted(entry["sources"]), declarations=declaration,
               stance=stance, quotations=len(entry["quotations"]), weight=len(entry["quotations"]), label=stance)
    reasons: dict[tuple[str, str], dict[str, set[str]]] = {}
    for row in rows.get("reasons", []):
        key = (get(row, "person"), get(row, "decision"))
        entry = reasons.setdefault(key, {"reasons": set(), "sources": set()})
        entry["reasons"].add(get(row, "reason"))
        if get(row, "source"):
            entry["sources"].add(get(row, "source"))
    for (person, decision), entry in sorted(reasons.items()):
        b.node(person)
        b.node(decision)
        b.edge(person, decision, "gave reasons for", sources=sorted(entry["sources"]),
               declarations=about.get(decision, decision), reasons=len(entry["reasons"]), weight=len(entry["reasons"]))
    spoken: dict[str, set[str]] = defaultdict(set)
    for (person, target) in stances:
        spoken[person].add(about.get(target, target))
    for (person, decision) in reasons:
        spoken[person].add(about.get(decision, decision))
    for row in rows.get("posts", []):
        person, organisation = get(row, "person"), get(row, "organisation")
        if person not in b.nodes:
            continue
        b.node(organisation)
        b.edge(person, organisation, "speaks for", source=get(row, "source"), role=get(row, "role"),
               declarations=sorted(spoken[person]))
    return _finish(b, group_names, sources)


def overview(rows: dict[str, Rows], title: str = "Overview") -> nx.Graph:
    """Actors -> what they acted on (instruments, initiatives, events), and actors -> their current groups.

    The graph ``govgraph viz --stats`` measures by default: degree says who sits in most instruments and
    initiatives, betweenness who bridges groups.
    """
    table, memberships, group_names, sources = _context(rows)
    b = GraphBuilder("overview", title, table, directed=True, memberships=memberships)
    for row in rows.get("acts", []):
        agent, target = get(row, "agent"), get(row, "target")
        if not agent or not target:
            continue
        b.node(agent)
        b.node(target)
        declaration = get(row, "declaration")
        target_kind = b.nodes[target].get("kind")
        declarations = [declaration] if declaration else ([target] if target_kind in ("declaration", "agreement") else [])
        relation = get(row, "relation") or "acted on"
        b.edge(agent, target, relation, key=relation, source=get(row, "source"), declarations=declarations)
    pairs = sorted({(get(row, "member"), get(row, "group"), get(row, "source") or "") for row in rows.get("groups", [])
                    if get(row, "member") in b.nodes and get(row, "group")})
    for member, group, source in pairs:
        b.node(group)
        b.edge(member, group, "member of", source=source or None)
    return _finish(b, group_names, sources)
