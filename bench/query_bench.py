"""Median latency of every canned query on the shipped graph: the embedded store against rdflib's engine.

Both engines answer each query with its default parameters, alternately, ``--runs`` times (after one
warm-up each, so rdflib's one-off grammar build and each query's preparation are not counted); the table
gives medians in milliseconds and the ratio rdflib / embedded, and is written to bench/results/queries.json.
Goal: under 20 ms per query on the embedded store. Reported, never asserted.

    python bench/query_bench.py [--runs 20]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    from govgraph.queries import EmbeddedEngine, RdflibEngine, load_catalogue, run
    from govgraph.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        subprocess.run([sys.executable, "-m", "govgraph", "build"], env={**os.environ, "GOVGRAPH_HOME": str(home)},
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        embedded = EmbeddedEngine(open_store(home))
        rdflib_engine = RdflibEngine(home / "current" / "dataset.nq")
        results = {}
        for name in sorted(load_catalogue()):
            timings = {"embedded": [], "rdflib": []}
            for engine in (embedded, rdflib_engine):
                run(name, engine)  # warm-up
            for _ in range(args.runs):
                for label, engine in (("embedded", embedded), ("rdflib", rdflib_engine)):
                    start = time.perf_counter()
                    run(name, engine)
                    timings[label].append((time.perf_counter() - start) * 1000)
            e, r = statistics.median(timings["embedded"]), statistics.median(timings["rdflib"])
            results[name] = {"embedded_ms": round(e, 2), "rdflib_ms": round(r, 2), "ratio": round(r / e, 1)}
    print(f"{'query':<28} {'embedded ms':>12} {'rdflib ms':>10} {'ratio':>7}")
    for name, row in results.items():
        flag = "" if row["embedded_ms"] < 20 else "  (over the 20 ms goal)"
        print(f"{name:<28} {row['embedded_ms']:>12.2f} {row['rdflib_ms']:>10.2f} {row['ratio']:>6.1f}x{flag}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "queries.json").write_text(json.dumps({"runs": args.runs, "queries": results}, indent=2) + "\n")


if __name__ == "__main__":
    main()
