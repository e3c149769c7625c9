"""Export speed, in triples per second, for every format of ``govgraph export``, beside rdflib's serializers.

The data is a synthetic governance-shaped dataset made here, deterministically (a seeded generator): states
with ISO codes and labels, organisations, memberships with dated intervals (W3C ORG + OWL-Time), declarations
with reified signature acts (agent, list number, name as written, date, source, evidence quote) and their
shortcut triples, initiatives with founders and monetary amounts; one named graph per declaration, plus
reference, memberships and initiatives graphs. No blank nodes, like the real dataset.

For each format, govgraph's export (``export(store, fmt)``: reading every quad from an in-memory pyoxigraph
store, sorting, writing) and rdflib's ``serialize`` (on an rdflib Dataset for nq, trig and json-ld, on a
Graph of the union for ttl, nt and xml; parsing into rdflib not counted) run alternately; the table gives
medians, triples per second and the ratio of throughputs (govgraph / rdflib), and is written to
bench/results/export.json. rdflib runs on ``--rdflib-triples`` (default: the same data); if that is smaller,
it runs on a prefix of the same generator and the ratio compares throughputs. ``--pyld-triples`` adds a row
for pyld's ``compact`` with the project context (the reason the export writes compacted JSON-LD itself).
Reported, never asserted.

    python bench/export_bench.py [--triples 1000000] [--runs 3] [--rdflib-runs 1] [--rdflib-triples N]
                                 [--pyld-triples 100000]
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
BASE = "https://w3id.org/govgraph/"
GG = BASE + "ontology#"
ID = BASE + "id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"
ORG = "http://www.w3.org/ns/org#"
TIME = "http://www.w3.org/2006/time#"
OA = "http://www.w3.org/ns/oa#"
SCHEMA = "https://schema.org/"

RDFLIB_FORMATS = {"nq": ("nquads", True), "trig": ("trig", True), "jsonld": ("json-ld", True),
                  "ttl": ("turtle", False), "nt": ("nt", False), "rdfxml": ("xml", False)}


def generate(target: int, seed: int = 20250211) -> list[ox.Quad]:
    """About ``target`` quads of governance-shaped data (stops at the first unit past the target)."""
    rng = random.Random(seed)
    N, L = ox.NamedNode, ox.Literal
    quads: list[ox.Quad] = []
    a = N(RDF_TYPE)

    def add(s, p, o, g):
        quads.append(ox.Quad(s, p if isinstance(p, ox.NamedNode) else N(p), o, g))

    def date(y, m, d):
        return L(f"{y:04d}-{m:02d}-{d:02d}", datatype=N(XSD + "date"))

    def integer(n):
        return L(str(n), datatype=N(XSD + "integer"))

    reference = N(BASE + "graph/reference")
    states = []
    for i in range(250):
        code = chr(65 + i // 676 % 26) + chr(65 + i // 26 % 26) + chr(65 + i % 26)
        s = N(f"{ID}state/{code}")
        states.append((s, code))
        add(s, a, N(GG + "State"), reference)
        for lang in ("en", "fr", "es"):
            add(s, RDFS_LABEL, L(f"State {code} ({lang})", language=lang), reference)
        add(s, GG + "iso3166Alpha3", L(code), reference)
        add(s, GG + "iso3166Numeric", L(f"{i:03d}"), reference)
        add(s, DCT + "source", N(f"{ID}source/reference"), reference)
    orgs = []
    for j in range(40):
        o = N(f"{ID}organisation/org-{j}")
        orgs.append(o)
        add(o, a, N(GG + "IntergovernmentalOrganisation"), reference)
        add(o, RDFS_LABEL, L(f"Organisation {j}", language="en"), reference)
    memberships = N(BASE + "graph/memberships")
    for j, org in enumerate(orgs):
        for s, code in rng.sample(states, 60):
            m = N(f"{ID}membership/org-{j}/{code}")
            interval = N(f"{ID}interval/org-{j}/{code}")
            instant = N(f"{ID}instant/org-{j}/{code}/start")
            add(m, a, N(ORG + "Membership"), memberships)
            add(m, ORG + "member", s, memberships)
            add(m, ORG + "organization", org, memberships)
            add(m, ORG + "memberDuring", interval, memberships)
            add(s, ORG + "memberOf", org, memberships)
            add(interval, a, N(TIME + "Interval"), memberships)
            add(interval, TIME + "hasBeginning", instant, memberships)
            add(instant, a, N(TIME + "Instant"), memberships)
            add(instant, TIME + "inXSDDate", date(rng.randint(1945, 2024), rng.randint(1, 12), rng.randint(1, 28)), memberships)
    initiatives = N(BASE + "graph/initiatives")
    k = 0
    while len(quads) < target:
        k += 1
        slug = f"declaration-{k}"
        g = N(f"{BASE}graph/{slug}")
        d = N(f"{ID}declaration/{slug}")
        src = N(f"{ID}source/{slug}")
        y, m, day = rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)
        add(d, a, N(GG + "Declaration"), g)
        add(d, RDFS_LABEL, L(f"Declaration {k} on artificial intelligence", language="en"), g)
        add(d, DCT + "issued", date(y, m, day), g)
        add(d, DCT + "source", src, g)
        add(src, a, N(GG + "DeclarationText"), g)
        for n, (s, code) in enumerate(rng.sample(states, rng.randint(20, 120)), start=1):
            act = N(f"{ID}act/{slug}/signatory-{n}")
            ev = N(f"{ID}evidence/{slug}/{n}")
            sel = N(f"{ID}evidence/{slug}/{n}/selector")
            add(act, a, N(GG + "Signing"), g)
            add(act, GG + "agent", s, g)
            add(act, GG + "instrument", d, g)
            add(act, GG + "listNumber", integer(n), g)
            add(act, GG + "listIndex", integer(n), g)
            add(act, GG + "nameAsWritten", L(f"State {code}"), g)
            add(act, DCT + "date", date(y, m, day), g)
            add(act, DCT + "source", src, g)
            add(act, GG + "evidence", ev, g)
            add(ev, a, N(OA + "SpecificResource"), g)
            add(ev, OA + "hasSource", src, g)
            add(ev, OA + "hasSelector", sel, g)
            add(sel, a, N(OA + "TextQuoteSelector"), g)
            add(sel, OA + "exact", L(f"{n}. State {code}"), g)
            add(s, GG + "signed", d, g)
        if k % 5 == 0:
            ini = N(f"{ID}initiative/initiative-{k}")
            amount = N(f"{ID}amount/initiative-{k}")
            add(ini, a, N(GG + "Initiative"), initiatives)
            add(ini, RDFS_LABEL, L(f"Initiative {k}", language="en"), initiatives)
            add(d, GG + "launched", ini, g)
            add(ini, GG + "totalAmount", amount, initiatives)
            add(amount, a, N(SCHEMA + "MonetaryAmount"), initiatives)
            add(amount, SCHEMA + "value", L(str(rng.randint(1, 500) * 10**8), datatype=N(XSD + "decimal")), initiatives)
            add(amount, SCHEMA + "currency", L(rng.choice(["EUR", "USD", "GBP"])), initiatives)
            for s, _code in rng.sample(states, 5):
                add(s, GG + "founded", ini, initiatives)
    return quads


def timed(fn) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3, help="runs of each govgraph export")
    parser.add_argument("--rdflib-runs", type=int, default=1, help="runs of each rdflib serializer")
    parser.add_argument("--rdflib-triples", type=int, default=None, help="size of rdflib's data (default: --triples)")
    parser.add_argument("--pyld-triples", type=int, default=0, help="also time pyld's compact on this many triples")
    parser.add_argument("--formats", default="nq,nt,ttl,trig,rdfxml,jsonld")
    args = parser.parse_args()
    from govgraph.export import export

    formats = args.formats.split(",")
    quads = generate(args.triples)
    n = len(quads)
    store = ox.Store()
    store.extend(quads)
    print(f"generated {n:,} quads in {len({q.graph_name for q in quads}):,} named graphs", file=sys.stderr)
    rdflib_n = args.rdflib_triples or n
    rdflib_quads = quads if rdflib_n >= n else generate(rdflib_n)
    rdflib_n = len(rdflib_quads)
    import rdflib

    start = time.perf_counter()
    nq = ox.serialize(rdflib_quads, format=ox.RdfFormat.N_QUADS)
    rdf_dataset = rdflib.Dataset()
    rdf_dataset.parse(data=nq, format="nquads")
    rdf_union = rdflib.Graph()
    rdf_union.parse(data=ox.serialize((q.triple for q in rdflib_quads), format=ox.RdfFormat.N_TRIPLES), format="nt")
    del nq
    print(f"rdflib: loaded {rdflib_n:,} quads in {time.perf_counter() - start:.1f} s (not counted)", file=sys.stderr)
    # Both sides keep millions of objects alive for the whole run; frozen, the cyclic collector stops walking
    # rdflib's graph during govgraph's timings (and the other way round), as in two separate processes.
    gc.collect()
    gc.freeze()

    results = {}
    for fmt in formats:
        ours, theirs = [], []
        rdflib_format, keeps_graphs = RDFLIB_FORMATS[fmt]
        target = rdf_dataset if keeps_graphs else rdf_union
        for run in range(max(args.runs, args.rdflib_runs)):
            if run < args.runs:
                ours.append(timed(lambda: export(store, fmt)))
            if run < args.rdflib_runs:
                theirs.append(timed(lambda: target.serialize(format=rdflib_format, encoding="utf-8")))
            print(f"  {fmt} run {run + 1}: govgraph {ours[-1]:.2f} s"
                  + (f", rdflib {theirs[-1]:.2f} s" if run < args.rdflib_runs else ""), file=sys.stderr)
        o, t = statistics.median(ours), statistics.median(theirs)
        results[fmt] = {"govgraph_s": round(o, 3), "govgraph_triples_per_s": round(n / o),
                        "rdflib_s": round(t, 3), "rdflib_triples_per_s": round(rdflib_n / t),
                        "ratio_throughput": round((n / o) / (rdflib_n / t), 1)}
    extra = {}
    if args.pyld_triples:
        from pyld import jsonld as pyld

        from govgraph.export import load_context, offline_document_loader

        sample = generate(args.pyld_triples)
        expanded = json.loads(ox.serialize(sample, format=ox.RdfFormat.JSON_LD))
        context = {"@context": load_context()}
        seconds = timed(lambda: pyld.compact(expanded, context, {"documentLoader": offline_document_loader}))
        extra["pyld_compact"] = {"triples": len(sample), "seconds": round(seconds, 2),
                                 "triples_per_s": round(len(sample) / seconds)}
    print(f"\n{n:,} quads (rdflib on {rdflib_n:,}); medians of {args.runs} govgraph and {args.rdflib_runs} rdflib runs")
    print(f"{'format':<8} {'govgraph s':>11} {'triples/s':>12} {'rdflib s':>10} {'triples/s':>12} {'ratio':>7}")
    for fmt, row in results.items():
        print(f"{fmt:<8} {row['govgraph_s']:>11.2f} {row['govgraph_triples_per_s']:>12,} {row['rdflib_s']:>10.2f} "
              f"{row['rdflib_triples_per_s']:>12,} {row['ratio_throughput']:>6.1f}x")
    if extra:
        p = extra["pyld_compact"]
        print(f"pyld compact with the project context: {p['triples']:,} triples in {p['seconds']:.1f} s "
              f"({p['triples_per_s']:,} triples/s)")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "export.json").write_text(json.dumps({
        "quads": n, "rdflib_quads": rdflib_n, "runs": args.runs, "rdflib_runs": args.rdflib_runs,
        "formats": results, **extra}, indent=2) + "\n")


if __name__ == "__main__":
    main()
