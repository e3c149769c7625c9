"""Shared fixtures: the seed texts (skipped with a reason when absent), one built dataset per test session,
SPARQL over its embedded store, and the CLI run as a real subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("GOVGRAPH_SEEDS", ROOT.parent / "shared" / "seeds")).resolve()
FIXTURES = ROOT / "tests" / "fixtures"
PARIS_TEXT = "000_5a39d49eebf9bea7.txt"
ARTICLE_TEXT = "004_4cabcd4b25897728.txt"

# The six priorities of the Paris statement as the graph labels them (short facts, not the statement's prose).
PARIS_PRIORITIES = [
    "Promoting AI accessibility to reduce digital divides",
    "Ensuring AI is open, inclusive, transparent, ethical, safe, secure and trustworthy, taking into account "
    "international frameworks for all",
    "Making innovation in AI thrive by enabling conditions for its development and avoiding market concentration "
    "driving industrial recovery and development",
    "Encouraging AI deployment that positively shapes the future of work and labour markets and delivers "
    "opportunity for sustainable growth",
    "Making AI sustainable for people and the planet",
    "Reinforcing international cooperation to promote coordination in international governance",
]


PREFIXES = """
PREFIX gg: <https://w3id.org/govgraph/ontology#>
PREFIX id: <https://w3id.org/govgraph/id/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX sh: <http://www.w3.org/ns/shacl#>
"""


def seed_path(name: str) -> Path:
    """A seed text, or skip the test with the reason why it cannot run."""
    path = SEEDS / name
    if not path.is_file():
        pytest.skip(f"seed text {name} is not in {SEEDS} (the shared seeds folder is absent)")
    return path


@pytest.fixture(scope="session")
def catalogue():
    """The catalogue of known names, with the declarations that sources carry."""
    from govgraph.catalogue import Catalogue
    from govgraph.ingest.common import load_sources

    names = Catalogue()
    names.register_declarations(load_sources())
    return names


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """One build of the shipped graph for the whole session: (BuildResult, GOVGRAPH_HOME)."""
    from govgraph.build import build

    home = tmp_path_factory.mktemp("govgraph-home")
    result = build(home=home, seeds=SEEDS)
    assert result.failure is None, result.failure
    return result, home


@pytest.fixture(scope="session")
def store(built):
    from govgraph.store import open_store

    return open_store(built[1])


def _python_value(term):
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value.rsplit("#", 1)[-1]
        if dt in ("integer", "int", "long"):
            return int(term.value)
        if dt == "decimal":
            from decimal import Decimal

            return Decimal(term.value)
        return term.value
    return term.value


@pytest.fixture(scope="session")
def sparql(store):
    """Run a SELECT (with the usual prefixes) on the built store; rows as dicts of Python values."""

    def run(query: str) -> list[dict]:
        solutions = store.query(PREFIXES + query, use_default_graph_as_union=True)
        names = [v.value for v in solutions.variables]
        return [{n: _python_value(s[n]) for n in names} for s in solutions]

    return run


@pytest.fixture
def cli(tmp_path):
    """Run ``python -m govgraph`` as a subprocess with its own GOVGRAPH_HOME; returns CompletedProcess."""

    def run(*args: str, home: Path | None = None, env: dict | None = None, timeout: float = 120):
        environment = {**os.environ, "GOVGRAPH_HOME": str(home or tmp_path / "home"), "GOVGRAPH_SEEDS": str(SEEDS)}
        environment.update(env or {})
        return subprocess.run([sys.executable, "-m", "govgraph", *args], capture_output=True, text=True,
                              env=environment, timeout=timeout, cwd=tmp_path)

    return run
