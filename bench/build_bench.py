"""Cold `govgraph build` of the shipped graph, whole process, against a baseline run in the same command.

Baseline: the same build's parse and validation done with rdflib and pyshacl alone (a fresh process that
imports rdflib and pyshacl, parses the built dataset's N-Quads with rdflib and validates it with pyshacl
against ontology/shapes.ttl). Each is run several times alternately; medians and the ratio are printed and
written to bench/results/build.json. Nothing here is asserted: the machine is noisy, read the ratio.

    python bench/build_bench.py [--runs 5]
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
BASELINE = """
import sys, time
t = time.perf_counter()
import rdflib, pyshacl
data = rdflib.Dataset()
data.parse(sys.argv[1], format="nquads")
union = rdflib.Graph()
for s, p, o, _g in data.quads((None, None, None, None)):
    union.add((s, p, o))
shapes = rdflib.Graph().parse(sys.argv[2], format="turtle")
pyshacl.validate(union, shacl_graph=shapes, inference="none", allow_warnings=True)
"""


def _time(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "GOVGRAPH_HOME": str(Path(tmp) / "home")}
        build_cmd = [sys.executable, "-m", "govgraph", "build"]
        subprocess.run(build_cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        dataset = Path(tmp) / "home" / "current" / "dataset.nq"
        triples = sum(1 for _ in dataset.open("rb"))
        baseline_cmd = [sys.executable, "-c", BASELINE, str(dataset), str(ROOT / "ontology" / "shapes.ttl")]
        builds, baselines = [], []
        for _ in range(args.runs):
            builds.append(_time(build_cmd, env))
            baselines.append(_time(baseline_cmd, env))
    result = {
        "triples": triples,
        "runs": args.runs,
        "govgraph_build_s": round(statistics.median(builds), 3),
        "rdflib_pyshacl_parse_validate_s": round(statistics.median(baselines), 3),
        "ratio_baseline_over_build": round(statistics.median(baselines) / statistics.median(builds), 2),
        "goal_build_s": 2.0,
    }
    print(f"{'measure':<48} {'median s':>9}")
    print(f"{'govgraph build (whole process, cold)':<48} {result['govgraph_build_s']:>9.3f}")
    print(f"{'rdflib parse + pyshacl validate (baseline)':<48} {result['rdflib_pyshacl_parse_validate_s']:>9.3f}")
    print(f"baseline / build = {result['ratio_baseline_over_build']}x  ({triples:,} triples, {args.runs} runs, goal < 2 s)")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "build.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
