"""`govgraph build`: deterministic, atomic, locked, strict on request, and clear about bad input."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import FIXTURES, SEEDS
from govgraph.build import build
from govgraph.store import build_lock, open_store

GRAPHS = FIXTURES / "graphs"
COUNT_STATES = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/govgraph/ontology#State> }"


def _dataset(home: Path) -> bytes:
    return (home / "current" / "dataset.nq").read_bytes()


def _count_states(home: Path) -> int:
    store = open_store(home)
    return int(next(iter(store.query(COUNT_STATES, use_default_graph_as_union=True)))["n"].value)


def test_building_twice_gives_the_same_bytes(built, tmp_path):
    _result, home = built
    again = build(home=tmp_path / "again", seeds=SEEDS)
    assert again.failure is None
    assert _dataset(tmp_path / "again") == _dataset(home)
    lines = _dataset(home).splitlines()
    assert lines == sorted(lines), "the dump is sorted N-Quads"
    assert b"_:" not in _dataset(home), "no blank nodes: every node has a stable IRI"


def test_a_build_that_fails_validation_leaves_the_previous_build_intact(tmp_path):
    home = tmp_path / "home"
    first = build(home=home, seeds=SEEDS)
    before_target, before_bytes = os.readlink(home / "current"), _dataset(home)
    failed = build(home=home, seeds=SEEDS, with_files=[GRAPHS / "broken_structure.ttl"])
    assert failed.installed is None
    assert failed.failure == "3 violation(s) of the shapes: the dataset was not installed"
    assert os.readlink(home / "current") == before_target
    assert _dataset(home) == before_bytes
    assert _count_states(home) == 195
    assert first.installed is not None


def test_strict_fails_on_warnings_and_installs_nothing(cli, tmp_path):
    home = tmp_path / "strict-home"
    result = cli("build", "--strict", home=home)
    assert result.returncode == 1
    assert "3 warning(s) and --strict" in result.stderr
    assert not (home / "current").exists()
    assert "Traceback" not in result.stderr


def test_cli_build_prints_the_summary(cli, tmp_path):
    result = cli("build", home=tmp_path / "h")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Triples per graph:" in out and "graph/paris-statement-2025" in out
    assert "Entities per class:" in out and "gg:Signing" in out
    assert "Findings: 0 violation(s), 3 warning(s)" in out
    assert 'Entry 17 "Timano" of the list of the Statement on Inclusive and Sustainable Artificial Intelligence' in out
    assert "govgraph: built" in result.stderr  # progress goes to stderr, data to stdout
    stats = cli("stats", home=tmp_path / "h")
    assert stats.returncode == 0
    assert "Findings: 0 violation(s), 3 warning(s)" in stats.stdout


def test_extra_rdf_is_added_in_its_own_graph(tmp_path):
    extra = tmp_path / "extra.ttl"
    extra.write_text('<https://w3id.org/govgraph/id/state/FRA> <http://www.w3.org/2000/01/rdf-schema#comment> "added by a test"@en .\n')
    home = tmp_path / "home"
    result = build(home=home, seeds=SEEDS, with_files=[extra])
    assert result.failure is None
    assert result.graphs["https://w3id.org/govgraph/graph/with-extra-ttl"] == 1
    rows = list(open_store(home).query(
        "SELECT ?g WHERE { GRAPH ?g { ?s <http://www.w3.org/2000/01/rdf-schema#comment> \"added by a test\"@en } }"))
    assert [r["g"].value for r in rows] == ["https://w3id.org/govgraph/graph/with-extra-ttl"]


@pytest.mark.parametrize("content, expected", [
    ('<http://e/a> <http://e/b> "unterminated .\n', "bad.ttl:1: not valid Turtle"),
    ("@prefix : <http://e/> .\n:a :b :c .\n:a :b\n", "bad.ttl:4: not valid Turtle"),
])
def test_bad_extra_rdf_names_file_and_line(cli, tmp_path, content, expected):
    bad = tmp_path / "bad.ttl"
    bad.write_text(content)
    result = cli("build", "--with", str(bad))
    assert result.returncode == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_extension_and_missing_file(cli, tmp_path):
    odd = tmp_path / "data.csv"
    odd.write_text("a,b\n")
    assert "unknown RDF file extension '.csv'" in cli("build", "--with", str(odd)).stderr
    missing = cli("build", "--with", str(tmp_path / "nope.ttl"))
    assert missing.returncode == 1 and "nope.ttl: file not found" in missing.stderr


def test_a_second_build_refuses_while_one_runs(cli, tmp_path):
    home = tmp_path / "locked"
    with build_lock(home):
        result = cli("build", home=home)
    assert result.returncode == 1
    assert "another build is running" in result.stderr


def test_killed_builds_leave_the_previous_build_answering(tmp_path):
    home = tmp_path / "home"
    assert build(home=home, seeds=SEEDS).failure is None
    before_target, before_bytes = os.readlink(home / "current"), _dataset(home)
    env = {**os.environ, "GOVGRAPH_HOME": str(home), "GOVGRAPH_SEEDS": str(SEEDS)}
    for delay in (0.3, 0.8, 1.2):
        proc = subprocess.Popen([sys.executable, "-m", "govgraph", "build"], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        current = os.readlink(home / "current")
        if current != before_target:  # the kill came after the swap: the new build must be complete
            assert _dataset(home) == before_bytes
            before_target = current
        assert _dataset(home) == before_bytes
        assert _count_states(home) == 195
    assert build(home=home, seeds=SEEDS).failure is None, "a build after kills succeeds and cleans up"
    assert not list((home / "builds").glob(".tmp-*"))


def test_base_iri_is_configurable(tmp_path):
    home = tmp_path / "home"
    os.environ["GOVGRAPH_BASE"] = "https://example.org/gg/"
    try:
        result = build(home=home, seeds=SEEDS)
    finally:
        del os.environ["GOVGRAPH_BASE"]
    assert result.failure is None
    data = _dataset(home)
    assert b"<https://example.org/gg/id/state/FRA>" in data
    assert b"<https://example.org/gg/graph/paris-statement-2025>" in data
    assert b"https://w3id.org/govgraph/id/" not in data and b"https://w3id.org/govgraph/graph/" not in data
    assert b"<https://w3id.org/govgraph/ontology#State>" in data, "the vocabulary keeps its namespace"


def test_python_api(built):
    import govgraph

    _result, home = built
    summary = govgraph.stats(home)
    assert summary["findings"] == {"Warning": {"count claim disagrees with the list": 1, "repeated list number": 1,
                                               "unresolved name in a list": 1}}
    assert isinstance(govgraph.open_store(home), ox.Store)
