"""``govgraph push``: the built dataset loaded into a real Oxigraph server on 127.0.0.1, graph by graph.

A recording proxy (a thread of this test) sits between the push and the server where a test needs to see the
requests or to break them: it forwards a request, cuts the connection while the body comes in (the server
never sees it), forwards it and then drops the answer (the server carried it out, the push cannot know),
hangs, or answers with an HTTP status of its own. After every failure each graph on the server must be its
old or its new version, whole, and no temporary graph may be left.
"""

from __future__ import annotations

import base64
import functools
import http.client
import http.server
import json
import re
import socket
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import free_port, oxigraph_running

from govgraph import push as push_module
from govgraph.errors import GovgraphError
from govgraph.push import (
    TMP_PREFIX,
    PushError,
    push,
    replace_update,
)
from govgraph.queries import EmbeddedEngine, RemoteEngine, load_catalogue, run

BASE = "https://w3id.org/govgraph/"
GRAPH = BASE + "graph/"
FOREIGN = "urn:example:someone-elses-graph"
FOREIGN_TRIPLE = "<urn:example:s> <urn:example:p> \"not ours\""
TMP_NAME = re.compile(re.escape(TMP_PREFIX) + r"(\d{8}T\d{6}Z-[0-9a-f]{16}):(" + re.escape(GRAPH) + r"[a-z0-9-]+)")
ENV = ("GOVGRAPH_PUSH_TOKEN", "GOVGRAPH_PUSH_USER", "GOVGRAPH_PUSH_PASSWORD")


# ---------------------------------------------------------------------------------------------------------
# The Oxigraph server, and reading what it holds (straight from it, never through the proxy)


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    """A read-write Oxigraph server on 127.0.0.1 (union default graph); its base URL. Stopped afterwards.

    The store is in memory: on disk (``--location``) every ``DROP ALL`` between tests leaves RocksDB more to
    skip, and the file's pushes grow three to ten times slower; what is tested here is the protocol."""
    with oxigraph_running("serve", "--union-default-graph") as base:
        yield base


@pytest.fixture
def server(oxigraph, monkeypatch):
    """The server, emptied; no push credentials and no HTTP proxy from the environment."""
    for name in ENV + ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    update(oxigraph, "DROP ALL")
    return oxigraph


def update(base: str, text: str) -> None:
    request = urllib.request.Request(base + "/update", data=text.encode(), method="POST",
                                     headers={"Content-Type": "application/sparql-update"})
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()


def remote(base: str) -> dict[str, set[ox.Triple]]:
    """Every named graph the server holds (IRI -> triples), read with a GSP GET of the whole dataset."""
    request = urllib.request.Request(base + "/store", headers={"Accept": "application/n-quads"})
    with urllib.request.urlopen(request, timeout=30) as response:
        data = response.read()
    graphs: dict[str, set[ox.Triple]] = {}
    for quad in ox.parse(data, format=ox.RdfFormat.N_QUADS):
        key = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
        graphs.setdefault(key, set()).add(quad.triple)
    return graphs


def remote_graph_names(base: str) -> set[str]:
    """The named graphs the server knows, empty ones included."""
    query = urllib.parse.urlencode({"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"})
    request = urllib.request.Request(f"{base}/query?{query}", headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        answer = json.load(response)
    return {b["g"]["value"] for b in answer["results"]["bindings"]}


def remote_count(base: str, graph: str) -> int:
    query = urllib.parse.urlencode({"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"})
    request = urllib.request.Request(f"{base}/query?{query}", headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return int(json.load(response)["results"]["bindings"][0]["n"]["value"])


def temporary_graphs(base: str) -> set[str]:
    return {g for g in remote_graph_names(base) | set(remote(base)) if g.startswith(TMP_PREFIX)}


@functools.cache
def _local(dataset: Path) -> dict[str, frozenset[ox.Triple]]:
    graphs: dict[str, set[ox.Triple]] = {}
    for quad in ox.parse(dataset.read_bytes(), format=ox.RdfFormat.N_QUADS):
        graphs.setdefault(quad.graph_name.value, set()).add(quad.triple)
    return {g: frozenset(t) for g, t in graphs.items()}


def local(home: Path) -> dict[str, set[ox.Triple]]:
    """The named graphs of a home's current build (IRI -> triples)."""
    return {g: set(t) for g, t in _local((home / "current" / "dataset.nq").resolve()).items()}


def load_directly(base: str, home: Path) -> None:
    """Put a build's dataset into the server in one GSP POST (faster than a push, and independent of it)."""
    request = urllib.request.Request(base + "/store", data=(home / "current" / "dataset.nq").read_bytes(), method="POST",
                                     headers={"Content-Type": "application/n-quads"})
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()


def make_home(path: Path, quads: list[ox.Quad]) -> Path:
    """A GOVGRAPH_HOME whose current build is just these quads (a dataset.nq, as a build writes it)."""
    build = path / "builds" / "20260101T000000-1"
    build.mkdir(parents=True)
    lines = sorted(ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True))
    (build / "dataset.nq").write_bytes(b"".join(lines))
    (path / "current").symlink_to(Path("builds") / build.name)
    return path


def add_foreign_graph(base: str) -> None:
    update(base, f"INSERT DATA {{ GRAPH <{FOREIGN}> {{ {FOREIGN_TRIPLE} }} }}")


def foreign_untouched(base: str) -> bool:
    return remote(base).get(FOREIGN) == {ox.Triple(ox.NamedNode("urn:example:s"), ox.NamedNode("urn:example:p"),
                                                   ox.Literal("not ours"))}


@pytest.fixture(scope="module")
def old_home(built):
    return built[1]


@pytest.fixture(scope="module")
def new_home(built, tmp_path_factory):
    """A later version of the dataset: five graphs changed (one new, one smaller), the other seven as they were."""
    quads = list(ox.parse((built[1] / "current" / "dataset.nq").read_bytes(), format=ox.RdfFormat.N_QUADS))
    out = []
    dropped = {GRAPH + "catalogue": 0, GRAPH + "validation": 0}
    for quad in quads:
        graph = quad.graph_name.value
        if graph in dropped and dropped[graph] < 5:  # five statements fewer in each of these
            dropped[graph] += 1
            continue
        out.append(quad)
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    for graph in ("memberships", "quote-checks", "push-test"):
        subject = ox.NamedNode(BASE + f"id/test/{graph}")
        out.append(ox.Quad(subject, label, ox.Literal(f"added to {graph} in the new version", language="en"),
                           ox.NamedNode(GRAPH + graph)))
    return make_home(tmp_path_factory.mktemp("new-home"), out)


def old_or_new(base: str, old: dict, new: dict) -> dict[str, str]:
    """For each of our graphs, "old" or "new" as the server holds it; fails if it holds anything else."""
    held = remote(base)
    state = {}
    for graph in sorted(set(old) | set(new)):
        there = held.get(graph)
        if there == new.get(graph) and there == old.get(graph):
            state[graph] = "same"
        elif there == new.get(graph):
            state[graph] = "new"
        elif there == old.get(graph):
            state[graph] = "old"
        else:
            pytest.fail(f"{graph} is neither its old nor its new version on the server "
                        f"({len(there or ())} triples; old {len(old.get(graph) or ())}, new {len(new.get(graph) or ())})")
    return state


# ---------------------------------------------------------------------------------------------------------
# A recording proxy that can break requests


@dataclass
class Seen:
    method: str
    path: str
    authorization: str | None
    content_type: str | None
    body: bytes = b""


class Proxy:
    """An HTTP relay on 127.0.0.1 in front of ``upstream``; ``plan(index, seen)`` says what to do with each
    request: "forward", "cut" (break the connection halfway through the body; the server never sees it),
    "lose" (forward, then break the connection instead of answering), "hang" (answer nothing for 2 s), or
    (status, body[, headers]) to answer itself."""

    def __init__(self, upstream: str, plan=None) -> None:
        self.upstream = urllib.parse.urlsplit(upstream)
        self.plan = plan or (lambda index, seen: "forward")
        self.seen: list[Seen] = []
        self.lock = threading.Lock()
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Relay)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.httpd.proxy = self
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _Relay(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def _abort(self) -> None:
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _handle(self) -> None:
        proxy: Proxy = self.server.proxy
        length = int(self.headers.get("Content-Length") or 0)
        seen = Seen(self.command, self.path, self.headers.get("Authorization"), self.headers.get("Content-Type"))
        with proxy.lock:
            index = len(proxy.seen)
            proxy.seen.append(seen)
        action = proxy.plan(index, seen)
        if action == "cut":
            seen.body = self.rfile.read(length // 2)
            self._abort()
            return
        seen.body = self.rfile.read(length)
        if action == "hang":
            time.sleep(2)
            self._abort()
            return
        if isinstance(action, tuple):
            status, body, *rest = action
            headers = rest[0] if rest else {}
            self._answer(status, body if isinstance(body, bytes) else body.encode(), "text/plain", headers)
            return
        connection = http.client.HTTPConnection(proxy.upstream.hostname, proxy.upstream.port, timeout=30)
        forwarded = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
        connection.request(self.command, self.path, body=seen.body, headers=forwarded)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        if action == "lose":
            self._abort()
            return
        self._answer(response.status, data, response.getheader("Content-Type"), {})

    def _answer(self, status: int, body: bytes, content_type: str | None, headers: dict) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_DELETE = _handle


@pytest.fixture
def proxy(server):
    proxies: list[Proxy] = []

    def make(plan=None) -> Proxy:
        p = Proxy(server, plan)
        proxies.append(p)
        return p

    yield make
    for p in proxies:
        p.close()


def at(actions: dict[int, object]):
    """A plan: these actions at these request numbers (counted from 0), forward the others."""
    return lambda index, seen: actions.get(index, "forward")


def no_sleep(monkeypatch) -> list[float]:
    delays: list[float] = []
    monkeypatch.setattr(push_module.time, "sleep", delays.append)
    return delays


# ---------------------------------------------------------------------------------------------------------
# The command line


def run_cli(argv: list[str]) -> int:
    from govgraph import cli

    return cli.main(argv)


# ---------------------------------------------------------------------------------------------------------
# Pushing into an empty store, and the canned queries over it


@pytest.mark.parametrize("protocol", ["update", "gsp"])
def test_push_into_an_empty_store(server, proxy, old_home, protocol):
    relay = proxy()
    gsp = relay.url + "/store" if protocol == "gsp" else None
    report = push(relay.url + "/update", gsp=gsp, home=old_home, batch_size=1000, backoff=0)
    expected = local(old_home)
    held = remote(server)
    assert held == expected  # every graph, with exactly its triples, and nothing else
    assert {g: remote_count(server, g) for g in expected} == {g: len(t) for g, t in expected.items()}
    assert report.graphs == {g: len(t) for g, t in sorted(expected.items())}
    assert report.triples == sum(len(t) for t in expected.values()) and report.elapsed > 0
    assert temporary_graphs(server) == set()
    # Each graph went in under a temporary name of this run, then was moved into place in one request.
    staging = [s for s in relay.seen if b"INSERT DATA" in s.body or s.method == "PUT"]
    replacing = [s for s in relay.seen if b"ADD SILENT" in s.body]
    assert len(staging) + len(replacing) == len(relay.seen) == report.requests
    if protocol == "gsp":
        assert len(staging) == len(expected) and {s.content_type for s in staging} == {"application/n-triples"}
        names = [urllib.parse.parse_qs(urllib.parse.urlsplit(s.path).query)["graph"][0] for s in staging]
    else:
        assert len(staging) == sum(-(-len(t) // 1000) for t in expected.values())
        names = [m[0] for s in staging for m in TMP_NAME.finditer(s.body.decode())]
    tokens = {TMP_NAME.fullmatch(n)[1] for n in names}
    assert len(tokens) == 1, "one token for the whole run"
    assert {TMP_NAME.fullmatch(n)[2] for n in names} == set(expected)
    assert [TMP_NAME.search(s.body.decode())[2] for s in replacing] == sorted(expected)


def test_every_canned_query_answers_the_same_over_the_server(server, old_home, store):
    push(server + "/update", home=old_home)
    catalogue = load_catalogue()
    assert catalogue, "the catalogue is empty"
    embedded, remote_engine = EmbeddedEngine(store), RemoteEngine(server + "/query")
    for name in sorted(catalogue):
        here, there = run(name, embedded), run(name, remote_engine)
        assert there.columns == here.columns, name
        if re.search(r"\bORDER\s+BY\b", catalogue[name].text, re.IGNORECASE):
            assert there.rows == here.rows, name
        else:
            assert sorted(map(repr, there.rows)) == sorted(map(repr, here.rows)), name
    assert run("signatories", remote_engine).rows, "the answers are not all empty"


def test_push_then_serve_over_the_store_answers_like_the_embedded_server(server, built, served, monkeypatch):
    """The hand-over of README's "On an external store": `govgraph push`, then `govgraph serve --endpoint`;
    every canned question's download and a resource's description are the same as from the embedded server."""
    from conftest import govgraph_server

    monkeypatch.setenv("GOVGRAPH_HOME", str(built[1]))
    assert run_cli(["push", "--endpoint", server + "/update", "--gsp", server + "/store"]) == 0
    with govgraph_server(None, "--endpoint", server + "/query") as over_store:
        for name in sorted(load_catalogue()):
            here = urllib.request.urlopen(served + f"queries/{name}.json", timeout=60).read()
            there = urllib.request.urlopen(over_store + f"queries/{name}.json", timeout=60).read()
            assert json.loads(there) == json.loads(here), name
        france = [urllib.request.urlopen(url + "id/state/FRA.nt", timeout=60).read() for url in (served, over_store)]
        assert {q.triple for q in ox.parse(france[1], format=ox.RdfFormat.N_TRIPLES)} == \
            {q.triple for q in ox.parse(france[0], format=ox.RdfFormat.N_TRIPLES)}


# ---------------------------------------------------------------------------------------------------------
# Replacing: twice, a changed dataset, some graphs only, other people's graphs


def test_push_twice_replaces_changed_graphs_and_leaves_others_alone(server, old_home, new_home):
    add_foreign_graph(server)
    old, new = local(old_home), local(new_home)
    stale = f"<{BASE}id/test/stale> <http://www.w3.org/2000/01/rdf-schema#label> \"left over\""
    update(server, f"INSERT DATA {{ GRAPH <{GRAPH}catalogue> {{ {stale} }} }}")
    push(server + "/update", home=old_home)
    push(server + "/update", gsp=server + "/store", home=old_home)
    held = remote(server)
    assert {g: t for g, t in held.items() if g != FOREIGN} == old  # the stale triple is gone: replaced, not merged
    assert all(remote_count(server, g) == len(t) for g, t in old.items()), "no duplicates"
    push(server + "/update", home=new_home)
    state = old_or_new(server, old, new)
    changed = {GRAPH + g for g in ("catalogue", "validation", "memberships", "quote-checks", "push-test")}
    assert {g for g, s in state.items() if s == "new"} == changed
    assert {g for g, s in state.items() if s == "same"} == set(old) - changed
    assert foreign_untouched(server)
    assert temporary_graphs(server) == set()
    # Back to the old version of two graphs only: the rest keeps the new one; push-test, gone from the old
    # dataset, is not ours to remove.
    report = push(server + "/update", home=old_home, graphs=["catalogue", GRAPH + "memberships"])
    assert list(report.graphs) == [GRAPH + "catalogue", GRAPH + "memberships"]
    held = remote(server)
    assert held[GRAPH + "catalogue"] == old[GRAPH + "catalogue"]
    assert held[GRAPH + "memberships"] == old[GRAPH + "memberships"]
    assert held[GRAPH + "validation"] == new[GRAPH + "validation"]
    assert held[GRAPH + "push-test"] == new[GRAPH + "push-test"]
    assert foreign_untouched(server)


def test_blank_nodes_and_awkward_literals_survive_batches_and_retries(server, proxy, tmp_path, monkeypatch):
    no_sleep(monkeypatch)
    g = ox.NamedNode(GRAPH + "awkward")
    p = ox.NamedNode("urn:example:p")
    values = ['\\u0022) } ; DROP ALL ; #', 'a "quoted" \\ backslash', "new\nline\ttab\r", "é ü 中文 🤖", "}} ]] >>",
              "\\", "' ; DELETE WHERE { ?s ?p ?o } #"]
    quads = [ox.Quad(ox.NamedNode(f"urn:example:s{i}"), p, ox.Literal(v), g) for i, v in enumerate(values)]
    quads.append(ox.Quad(ox.NamedNode("urn:example:s"), p, ox.Literal("deux", language="fr"), g))
    quads.append(ox.Quad(ox.NamedNode("urn:example:s"), p, ox.Literal("12.5", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#decimal")), g))
    a, b = ox.BlankNode(), ox.BlankNode()
    quads += [ox.Quad(ox.NamedNode("urn:example:s"), p, a, g), ox.Quad(a, p, b, g), ox.Quad(b, p, ox.Literal("leaf"), g),
              ox.Quad(a, p, ox.Literal("branch"), g)]
    home = make_home(tmp_path / "home", quads)

    def canonical(data: list[ox.Quad]) -> set[str]:
        dataset = ox.Dataset(data)
        dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
        return {str(q) for q in dataset}

    expected = canonical(quads)
    for gsp in (None, "/store"):
        update(server, "DROP ALL")
        # The answer to the first request (the one with the blank nodes) is lost; it is sent again.
        relay = proxy(at({0: "lose"}))
        push(relay.url + "/update", gsp=relay.url + gsp if gsp else None, home=home, batch_size=2, retries=1)
        held = [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(name))
                for name, triples in remote(server).items() for t in triples]
        assert canonical(held) == expected
        assert remote_count(server, g.value) == len(quads), "the blank-node triples were not stored twice"


def test_replace_is_move_while_the_copy_exists_and_nothing_after():
    """Why not plain MOVE SILENT: repeated after a lost answer, it would empty the graph it had just filled."""
    store = ox.Store()
    store.update("INSERT DATA { GRAPH <urn:tmp> { <urn:a> <urn:b> \"new\" } GRAPH <urn:g> { <urn:a> <urn:b> \"old\" } }")
    store.update(replace_update("urn:g", "urn:tmp"))
    new = {str(q.object) for q in store.quads_for_pattern(None, None, None, ox.NamedNode("urn:g"))}
    assert new == {'"new"'} and not list(store.quads_for_pattern(None, None, None, ox.NamedNode("urn:tmp")))
    store.update(replace_update("urn:g", "urn:tmp"))  # the same request again
    assert {str(q.object) for q in store.quads_for_pattern(None, None, None, ox.NamedNode("urn:g"))} == new
    store.update("MOVE SILENT GRAPH <urn:tmp> TO GRAPH <urn:g>")  # what the plain form would have done
    assert not list(store.quads_for_pattern(None, None, None, ox.NamedNode("urn:g")))


# ---------------------------------------------------------------------------------------------------------
# A network failure in the middle


# The new dataset has 12 graphs: requests 0-11 upload them (one INSERT DATA each), 12-23 replace them.
# "cut": the server never sees the request; "lose": it carries it out and its answer is lost.
@pytest.mark.parametrize("action, failing", [("cut", 0), ("lose", 0), ("cut", 7), ("lose", 11), ("cut", 12),
                                             ("lose", 12), ("cut", 15), ("lose", 17), ("cut", 23)])
def test_a_failure_in_the_middle_leaves_each_graph_old_or_new(server, proxy, old_home, new_home, action, failing):
    old, new = local(old_home), local(new_home)
    assert len(new) == 12
    add_foreign_graph(server)
    load_directly(server, old_home)
    relay = proxy(at({failing: action}))
    with pytest.raises(PushError) as failure:
        push(relay.url + "/update", home=new_home, retries=0)
    error = failure.value
    message = str(error)
    assert "\n" not in message and message.startswith(relay.url + "/update: ")
    assert "the connection broke" in message
    state = old_or_new(server, old, new)
    swapped = max(failing - 12, 0)
    order = sorted(new)
    assert error.replaced == order[:swapped]
    if failing >= 12:  # a replace request got no answer: the push cannot know whether it was carried out
        assert error.uncertain == [order[swapped]] and "holds its old or its new version" in message
        assert state[order[swapped]] in (("new", "same") if action == "lose" else ("old", "same"))
        assert error.not_replaced == order[swapped + 1:]
    else:
        assert error.uncertain == [] and error.not_replaced == order[swapped:]
    for graph in error.replaced:
        assert state[graph] in ("new", "same")
    for graph in error.not_replaced:
        assert state[graph] in ("old", "same")
    if error.replaced or error.uncertain:
        assert f"replaced {swapped} graph(s)" in message
    else:
        assert "no graph was replaced" in message
    assert error.leftovers == [] and temporary_graphs(server) == set()
    assert relay.seen[-1].body.startswith(b"DROP SILENT GRAPH") or failing == 0 and action == "cut"
    assert foreign_untouched(server)


def test_when_the_store_goes_away_the_temporary_graphs_are_named(server, proxy, old_home, new_home):
    old, new = local(old_home), local(new_home)
    load_directly(server, old_home)
    relay = proxy(lambda index, seen: "cut" if index >= 14 else "forward")  # gone after two replaces
    with pytest.raises(PushError) as failure:
        push(relay.url + "/update", home=new_home, retries=1, backoff=0.001)
    error = failure.value
    order = sorted(new)
    assert error.replaced == order[:2] and error.uncertain == order[2:3] and error.not_replaced == order[3:]
    assert "10 temporary graph(s) may remain" in str(error) and "\n" not in str(error)
    left = temporary_graphs(server)
    assert left == set(error.leftovers) and len(left) == 10
    assert all(TMP_NAME.fullmatch(name)[2] in order[2:] for name in left)
    state = old_or_new(server, old, new)
    assert [state[g] in ("new", "same") for g in order[:2]] == [True, True]
    assert all(state[g] in ("old", "same") for g in order[2:])
    # The next push is not disturbed by the leftovers, and they can be dropped by name.
    push(server + "/update", home=new_home)
    assert {g: t for g, t in remote(server).items() if not g.startswith(TMP_PREFIX)} == new
    update(server, " ; ".join(f"DROP GRAPH <{name}>" for name in left))
    assert temporary_graphs(server) == set()


def test_cli_failure_is_one_line_and_exit_1(server, proxy, old_home, monkeypatch, capsys):
    monkeypatch.setenv("GOVGRAPH_HOME", str(old_home))
    relay = proxy(at({3: "cut"}))
    code = run_cli(["push", "--endpoint", relay.url + "/update", "--retries", "0"])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"govgraph: {relay.url}/update: uploading graph/memberships: ")
    assert "Traceback" not in err and "no graph was replaced" in err
    assert remote(server) == {} and temporary_graphs(server) == set()


# ---------------------------------------------------------------------------------------------------------
# Retries


def test_transient_failures_are_retried_with_backoff(server, proxy, old_home, monkeypatch):
    delays = no_sleep(monkeypatch)
    # The first upload: 503, then cut, then its answer lost (it was carried out), then it goes through.
    # 7 is the 429's retry; 15 is the first replace (11 uploads, 4 retries before it): its answer is lost too.
    relay = proxy(at({0: (503, "busy\nplease retry"), 1: "cut", 2: "lose", 6: (429, "slow down"), 15: "lose"}))
    report = push(relay.url + "/update", home=old_home, retries=3, backoff=0.25)
    assert remote(server) == local(old_home) and temporary_graphs(server) == set()
    assert report.requests == len(relay.seen) == 22 + 5
    assert delays == [0.25, 0.5, 1.0, 0.25, 0.25]


def test_retries_run_out(server, proxy, old_home, monkeypatch):
    delays = no_sleep(monkeypatch)
    relay = proxy(lambda index, seen: (503, "Service Unavailable: down for maintenance\nstack trace ..."))
    with pytest.raises(PushError, match=r"uploading graph/catalogue: the store answered HTTP 503: Service Unavailable: "
                                        r"down for maintenance \(after 3 attempts\); no graph was replaced") as failure:
        push(relay.url + "/update", home=old_home, retries=2, backoff=0.1)
    assert "stack trace" not in str(failure.value)
    assert delays == [0.1, 0.2]
    assert len(relay.seen) == 3 + 1  # three tries, then the best-effort DROP of what may have been staged


def test_client_errors_fail_at_once_with_the_servers_first_line(server, proxy, old_home):
    relay = proxy(lambda index, seen: (400, "Parser error at line 3: unexpected '}'\n" + "x" * 5000))
    with pytest.raises(PushError) as failure:
        push(relay.url + "/update", home=old_home, retries=3, backoff=10)
    message = str(failure.value)
    assert "HTTP 400: Parser error at line 3: unexpected '}'" in message and "xxx" not in message
    assert len(relay.seen) == 1


def test_a_timeout_is_reported(server, proxy, old_home):
    relay = proxy(lambda index, seen: "hang")
    with pytest.raises(PushError, match=r"no answer within 0.3 s"):
        push(relay.url + "/update", home=old_home, retries=0, timeout=0.3)


def test_unreachable_store(server, old_home, monkeypatch):
    no_sleep(monkeypatch)
    url = f"http://127.0.0.1:{free_port()}/update"
    with pytest.raises(PushError, match=re.escape(url) + r": uploading graph/catalogue: cannot reach the store "
                                        r"\(connection refused\) \(after 2 attempts\); no graph was replaced$"):
        push(url, home=old_home, retries=1)


def test_redirects_are_not_followed(server, proxy, old_home):
    relay = proxy(lambda index, seen: (307, "moved", {"Location": "http://elsewhere.example/update?key=1"}))
    with pytest.raises(PushError, match=r"redirected the request to http://elsewhere.example/update \(HTTP 307\)"):
        push(relay.url + "/update", home=old_home)
    assert len(relay.seen) == 1


# ---------------------------------------------------------------------------------------------------------
# Credentials


def test_basic_credentials_from_the_environment(server, proxy, old_home, monkeypatch):
    monkeypatch.setenv("GOVGRAPH_PUSH_USER", "alice")
    monkeypatch.setenv("GOVGRAPH_PUSH_PASSWORD", "correct horse battery staple")
    relay = proxy()
    push(relay.url + "/update", gsp=relay.url + "/store", home=old_home, graphs=["catalogue", "validation"])
    expected = "Basic " + base64.b64encode(b"alice:correct horse battery staple").decode()
    assert [s.authorization for s in relay.seen] == [expected] * 4
    assert remote(server)[GRAPH + "catalogue"] == local(old_home)[GRAPH + "catalogue"]


def test_a_token_from_the_environment(server, proxy, old_home, monkeypatch):
    monkeypatch.setenv("GOVGRAPH_PUSH_TOKEN", "tok-9f8e7d6c5b4a")
    relay = proxy()
    push(relay.url + "/update", home=old_home, graphs=["validation"])
    assert [s.authorization for s in relay.seen] == ["Bearer tok-9f8e7d6c5b4a"] * 2


def test_credentials_in_the_url_are_used_and_never_shown(server, proxy, old_home, monkeypatch, capsys):
    monkeypatch.setenv("GOVGRAPH_HOME", str(old_home))
    relay = proxy()
    url = relay.url.replace("http://", "http://bob:hunter2%21x@") + "/update"
    assert run_cli(["push", "--endpoint", url, "--graph", "validation"]) == 0
    out, err = capsys.readouterr()
    assert [s.authorization for s in relay.seen] == ["Basic " + base64.b64encode(b"bob:hunter2!x").decode()] * 2
    assert out == "" and f"to {relay.url}/update in" in err
    assert "hunter2" not in err and "bob" not in err
    # The environment wins over the URL.
    monkeypatch.setenv("GOVGRAPH_PUSH_TOKEN", "tok-env")
    push(url, home=old_home, graphs=["validation"])
    assert relay.seen[-1].authorization == "Bearer tok-env"


def _echo_401(index, seen):
    """A store that refuses, quoting the credentials it got (decoded too) in its answer."""
    auth = seen.authorization or ""
    decoded = base64.b64decode(auth.split(" ", 1)[1]).decode() if auth.startswith("Basic ") else ""
    return 401, f"unauthorized: got {auth} ({decoded}) for {seen.path}\nsecond line", {"WWW-Authenticate": "Basic"}


@pytest.mark.parametrize("how", ["basic", "token", "url"])
def test_secrets_never_appear_when_the_store_refuses_them(server, proxy, old_home, monkeypatch, capsys, how):
    monkeypatch.setenv("GOVGRAPH_HOME", str(old_home))
    relay = proxy(_echo_401)
    url = relay.url + "/update"
    if how == "basic":
        monkeypatch.setenv("GOVGRAPH_PUSH_USER", "carol")
        monkeypatch.setenv("GOVGRAPH_PUSH_PASSWORD", "s3cr3t-pa55")
        secrets = ["s3cr3t-pa55", base64.b64encode(b"carol:s3cr3t-pa55").decode()]
    elif how == "token":
        monkeypatch.setenv("GOVGRAPH_PUSH_TOKEN", "tok-s3cr3t-0123456789")
        secrets = ["tok-s3cr3t-0123456789"]
    else:
        url = relay.url.replace("http://", "http://dave:pw-s3cr3t@") + "/update"
        secrets = ["pw-s3cr3t", base64.b64encode(b"dave:pw-s3cr3t").decode(), "dave:"]
    with pytest.raises(PushError) as failure:
        push(url, gsp=url.replace("/update", "/store"), home=old_home)
    assert relay.seen[0].authorization  # it was sent
    text = str(failure.value) + repr(failure.value) + repr(failure.value.args)
    assert "refused the credentials (HTTP 401: unauthorized: got " in text
    assert run_cli(["push", "--endpoint", url]) == 1
    out, err = capsys.readouterr()
    assert "refused the credentials" in err and err.count("\n") == 1
    for secret in secrets:
        assert secret not in text and secret not in out and secret not in err
    assert len(relay.seen) == 2, "no retry on 401, and nothing to drop"


def test_incomplete_credentials_are_refused(server, old_home, monkeypatch):
    monkeypatch.setenv("GOVGRAPH_PUSH_USER", "erin")
    with pytest.raises(GovgraphError, match="GOVGRAPH_PUSH_USER is set but GOVGRAPH_PUSH_PASSWORD is not"):
        push(server + "/update", home=old_home)
    monkeypatch.setenv("GOVGRAPH_PUSH_PASSWORD", "pw-not-shown")
    monkeypatch.setenv("GOVGRAPH_PUSH_TOKEN", "tok-not-shown")
    with pytest.raises(GovgraphError, match="either") as failure:
        push(server + "/update", home=old_home)
    assert "not-shown" not in str(failure.value)
    for name in ("GOVGRAPH_PUSH_USER", "GOVGRAPH_PUSH_PASSWORD"):
        monkeypatch.delenv(name)
    monkeypatch.setenv("GOVGRAPH_PUSH_TOKEN", "tok-not-shown\r\nX-Injected: 1")
    with pytest.raises(GovgraphError, match="holds characters a bearer token cannot have") as failure:
        push(server + "/update", home=old_home)
    assert "not-shown" not in str(failure.value)
    assert remote(server) == {}


# ---------------------------------------------------------------------------------------------------------
# The command line and bad input


def test_cli_push(server, old_home, monkeypatch, capsys):
    monkeypatch.setenv("GOVGRAPH_HOME", str(old_home))
    code = run_cli(["push", "--endpoint", server + "/update", "--gsp", server + "/store", "--graph", "catalogue",
                    "--graph", "graph/validation", "--timeout", "20", "--retries", "1"])
    out, err = capsys.readouterr()
    assert code == 0 and out == ""
    lines = err.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("govgraph: replaced graph/catalogue ") and lines[1].startswith("govgraph: replaced graph/validation ")
    assert re.fullmatch(rf"govgraph: pushed [\d,]+ triples in 2 graph\(s\) to {re.escape(server)}/update in [\d.]+ s \(4 requests\)",
                        lines[2])
    expected = local(old_home)
    assert remote(server) == {g: expected[g] for g in (GRAPH + "catalogue", GRAPH + "validation")}
    assert f"{len(expected[GRAPH + 'catalogue']):,} triples" in lines[0]


def test_cli_options(server, old_home, monkeypatch, capsys):
    monkeypatch.setenv("GOVGRAPH_HOME", str(old_home))
    assert run_cli(["push", "--endpoint", server + "/update", "--timeout", "0"]) == 2
    assert run_cli(["push", "--endpoint", server + "/update", "--retries", "-1"]) == 2
    assert run_cli(["push", "--endpoint", "ftp://example.org/update"]) == 1
    assert run_cli(["push", "--endpoint", server + "/up date"]) == 1
    assert run_cli(["push", "--endpoint", server + "/update", "--graph", "no-such-graph"]) == 1
    err = capsys.readouterr().err
    assert "--timeout: must be a positive number" in err and "--retries: must be 0 or more" in err
    assert "must be an http:// or https:// URL" in err and "no named graph 'no-such-graph'" in err
    assert "holds spaces or characters other than ASCII" in err
    with pytest.raises(SystemExit):
        run_cli(["push"])  # --endpoint is required: a usage error from argparse
    assert remote(server) == {}


def test_no_built_dataset(server, tmp_path):
    with pytest.raises(GovgraphError, match="no built dataset here: run `govgraph build` first"):
        push(server + "/update", home=tmp_path / "empty-home")
