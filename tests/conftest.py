"""Shared fixtures: the seed texts (skipped with a reason when absent), one built dataset per test session,
SPARQL over its embedded store, and the CLI run as a real subprocess."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
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


def oxigraph_binary() -> str:
    """The ``oxigraph`` server binary beside the interpreter or on PATH; skip the test if it is absent."""
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(found).exists():
        pytest.skip("the oxigraph server (PyPI package oxigraph) is not installed")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def oxigraph_running(*arguments: str) -> Iterator[str]:
    """``oxigraph ARGUMENTS --bind 127.0.0.1:PORT`` (a free port), waited for until it answers a query; yields
    its base URL (``http://127.0.0.1:PORT``) and stops it afterwards."""
    binary = oxigraph_binary()
    port = free_port()
    server = subprocess.Popen([binary, *arguments, "--bind", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                server.wait(timeout=10)
                pytest.fail("the Oxigraph server did not start")
            time.sleep(0.1)
    try:
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


@contextmanager
def oxigraph_server(location: Path, data: Path, union_default_graph: bool = False) -> Iterator[str]:
    """A real Oxigraph server on 127.0.0.1 serving ``data`` (loaded into a store at ``location``; triples go to
    the default graph), read-only; yields its query URL and stops it afterwards."""
    subprocess.run([oxigraph_binary(), "load", "--location", str(location), "--file", str(data)],
                   check=True, capture_output=True, timeout=120)
    union = ["--union-default-graph"] if union_default_graph else []
    with oxigraph_running("serve-read-only", "--location", str(location), *union, "--timeout-s", "30") as base:
        yield base + "/query"


@contextmanager
def govgraph_server(home: Path | None = None, *args: str, env: dict | None = None) -> Iterator[str]:
    """A real ``govgraph serve`` on 127.0.0.1 (free port) over the build in ``home`` (or with ``--endpoint`` in
    ``args``); yields its base URL (``http://127.0.0.1:PORT/``) and stops it afterwards."""
    import select

    environment = {**os.environ, **(env or {})}
    command = [sys.executable, "-m", "govgraph", "serve", "--port", "0", *args]
    if home is not None:
        command += ["--home", str(home)]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment, text=True)
    url = ""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        ready, _w, _x = select.select([server.stdout], [], [], 0.5)
        if ready:
            url = server.stdout.readline().strip()
            break
    if not url.startswith("http://"):
        server.kill()
        _out, err = server.communicate(timeout=10)
        pytest.fail(f"govgraph serve did not start: {err[-2000:]}")
    try:
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


@pytest.fixture(scope="session")
def served(built) -> Iterator[str]:
    """``govgraph serve`` over the session's build, default limits; its base URL."""
    with govgraph_server(built[1]) as url:
        yield url


# ---------------------------------------------------------------------------------------------------------
# A real headless Chromium (Debian's, installed by .ci/run), driven with Playwright, which never downloads one

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",  # no name resolves but loopback
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-quic",
    "--no-first-run",
    "--no-sandbox",
    "--disable-gpu",
]


@pytest.fixture(scope="module")
def playwright():
    """Playwright for Python, or a skip with the reason (no Chromium, or Playwright not installed)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent (Debian's chromium package; .ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python (pip install playwright) "
                                                                 "is not installed")
    with sync_api.sync_playwright() as running:
        yield running


def launch_chromium(playwright):
    """Debian's Chromium, headless; anything not for loopback goes to a proxy on a port where nothing listens,
    and fails."""
    dead_proxy = f"--proxy-server=http://127.0.0.1:{free_port()}"
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=[*CHROMIUM_ARGS, dead_proxy])
