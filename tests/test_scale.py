"""The synthetic governance graph of bench/generate.py, built with the shipped graph: deterministic, valid but
for the findings it plants, the same findings from every validation engine, and the same answers to every
canned query on the embedded store and on the Oxigraph server. (Timings are reported by bench/run, never
asserted here.)"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import ROOT, SEEDS, oxigraph_server

GENERATE = ROOT / "bench" / "generate.py"


def generate(out: Path, triples: int, seed: int = 1) -> dict:
    subprocess.run([sys.executable, str(GENERATE), "--triples", str(triples), "--seed", str(seed), "-o", str(out)],
                   check=True, capture_output=True, timeout=120)
    return json.loads(out.with_name(out.stem + ".expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scale-10k")
    return folder / "g10k.nq", generate(folder / "g10k.nq", 10_000)


@pytest.fixture(scope="module")
def small_build(small, tmp_path_factory):
    from govgraph.build import build

    path, _expected = small
    home = tmp_path_factory.mktemp("scale-10k-home")
    result = build(with_files=[path], home=home, seeds=SEEDS)
    assert result.failure is None, result.failure
    return result, home


def test_the_generator_is_deterministic_and_the_seed_matters(small, tmp_path):
    path, expected = small
    again = tmp_path / "again.nq"
    assert generate(again, 10_000) == expected | {"output": "again.nq", "build": "govgraph build --with again.nq"}
    assert again.read_bytes() == path.read_bytes()
    other = tmp_path / "other.nq"
    generate(other, 10_000, seed=2)
    assert other.read_bytes() != path.read_bytes()


def test_the_generator_writes_what_it_says(small):
    path, expected = small
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == expected["triples"] >= 10_000
    graphs = {q.graph_name for q in quads}
    assert len(graphs) == expected["graphs"] and not any(isinstance(g, ox.DefaultGraph) for g in graphs)
    signings = sum(1 for q in quads if q.predicate.value.endswith("#type") and q.object.value.endswith("#Signing"))
    assert signings == expected["counts"]["signings"] > 100
    minted = {q.subject.value for q in quads if "/id/state/" not in q.subject.value}
    assert all("/syn-" in iri for iri in minted)  # it mints only syn- resources and redefines no shipped one
    assert expected["planted_total"] == sum(expected["planted"].values()) > 0


def test_a_build_with_it_reports_the_shipped_findings_plus_exactly_the_planted_ones(built, small, small_build):
    _path, expected = small
    result, _home = small_build
    shipped = Counter((f.severity, f.kind) for f in built[0].findings)
    planted = Counter({("Warning", kind): n for kind, n in expected["planted"].items() if n})
    assert Counter((f.severity, f.kind) for f in result.findings) == shipped + planted
    assert not result.violations


def test_every_validation_engine_reports_the_same_findings_on_the_synthetic_graph(small_build):
    from govgraph.rdf import graph_iri
    from govgraph.validate import validate

    _result, home = small_build
    quads = [q for q in ox.parse(path=str(home / "current" / "dataset.nq"), format=ox.RdfFormat.N_QUADS)
             if q.graph_name != graph_iri("validation")]
    reference = validate(quads, engine="pyshacl")
    assert len(reference) > 5
    assert validate(quads, engine="oxigraph") == reference
    assert validate(quads, engine="turbo") == reference


def test_canned_queries_answer_alike_on_the_embedded_store_and_the_oxigraph_server(tmp_path):
    from govgraph.build import build
    from govgraph.queries import EmbeddedEngine, RemoteEngine, load_catalogue, run
    from govgraph.store import open_store

    path = tmp_path / "g100k.nq"
    generate(path, 100_000)
    home = tmp_path / "home"
    result = build(with_files=[path], home=home, seeds=SEEDS)
    assert result.failure is None, result.failure
    assert sum(result.graphs.values()) > 100_000
    embedded = EmbeddedEngine(open_store(home))
    with oxigraph_server(tmp_path / "oxigraph", home / "current" / "dataset.nq", union_default_graph=True) as url:
        remote = RemoteEngine(url)
        sizes = {}
        for name in sorted(load_catalogue()):
            mine, theirs = run(name, embedded), run(name, remote)
            assert mine.columns == theirs.columns, name
            assert mine.rows == theirs.rows, name
            sizes[name] = len(mine)
    empty = sorted(name for name, n in sizes.items() if n == 0)
    assert not empty, f"canned queries with no answer on the synthetic graph: {empty}"
    assert sizes["declarations"] > 50 and sizes["quotes"] > 100 and sizes["data-quality"] > 30
