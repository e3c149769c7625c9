"""Hostile requests and hostile data (issue 8, scope 5), beyond the protocol refusals of test_protocol.py:
nothing writes, fetches, leaks a file or a traceback, injects a header, or runs a script."""

from __future__ import annotations

import http.client
import http.server
import threading
import urllib.parse
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import SEEDS, govgraph_server

BASE = "https://w3id.org/govgraph/"
SCRIPT = "<script>alert('quote')</script>"


class Recorder(http.server.BaseHTTPRequestHandler):
    """A local HTTP server that records every request made to it (nothing should reach it)."""

    seen: ClassVar[list[str]] = []

    def do_GET(self):
        Recorder.seen.append(self.path)
        body = b'{"@context": {"label": "http://www.w3.org/2000/01/rdf-schema#label"}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    Recorder.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def raw(url: str, method: str, target: str, body: bytes | None = None, headers: dict | None = None):
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    connection.putrequest(method, target, skip_accept_encoding=True)
    for name, value in (headers or {}).items():
        connection.putheader(name, value)
    if body is not None:
        connection.putheader("Content-Length", str(len(body)))
    connection.endheaders(body)
    response = connection.getresponse()
    answer = response.status, response.getheaders(), response.read()
    connection.close()
    return answer


def test_nothing_is_fetched_because_of_a_query(served, recorder):
    for text in (f"SELECT * WHERE {{ SERVICE <{recorder}sparql> {{ ?s ?p ?o }} }}",
                 f"SELECT * FROM <{recorder}data.ttl> WHERE {{ ?s ?p ?o }}",
                 f"SELECT * FROM NAMED <{recorder}data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
                 f"LOAD <{recorder}data.ttl>", f"DESCRIBE <{recorder}thing>"):
        status, _h, _b = raw(served, "GET", "/sparql?" + urllib.parse.urlencode({"query": text}))
        assert status in (200, 403), text
    assert Recorder.seen == []


def test_a_remote_jsonld_context_is_never_fetched(tmp_path, recorder, cli):
    extra = tmp_path / "remote-context.jsonld"
    extra.write_text('{"@context": "' + recorder + 'context.jsonld", "@id": "' + BASE + 'id/organisation/x", '
                     '"label": "X"}', encoding="utf-8")
    done = cli("build", "--with", str(extra))
    assert done.returncode == 1
    assert "remote-context.jsonld" in done.stderr and "nothing is fetched" in done.stderr
    assert "Traceback" not in done.stderr
    done = cli("validate", str(extra))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert Recorder.seen == []


@pytest.mark.parametrize("target", [
    "/queries/signatories.csv?declaration=FRA%0d%0aSet-Cookie:%20injected=1",
    "/queries/signatories?run=1&declaration=x%0d%0aSet-Cookie:%20injected=1",
    "/sparql?query=ASK%7B%7D%0d%0aSet-Cookie:%20injected=1",
    "/id/state/FRA%0d%0aSet-Cookie:%20injected=1",
])
def test_no_header_injection_through_parameters(served, target):
    status, headers, body = raw(served, "GET", target)
    names = [name.lower() for name, _v in headers]
    assert "set-cookie" not in names
    assert all("\r" not in v and "\n" not in v for _n, v in headers)
    assert b"Traceback" not in body
    assert status in (200, 400, 404)


def test_cors_preflights_from_other_origins(served):
    status, headers, _b = raw(served, "OPTIONS", "/sparql", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "PUT"})
    assert status == 400  # a method we never allow
    status, headers, _b = raw(served, "OPTIONS", "/sparql", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, authorization"})
    assert status == 400  # a header we never allow: no credentials of any kind
    status, headers, _b = raw(served, "OPTIONS", "/sparql", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    head = {name.lower(): value for name, value in headers}
    assert status == 200 and head["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in head
    # the preflight granted a read, not a write: the update itself is still refused
    status, _h, _b = raw(served, "POST", "/sparql", b"DROP ALL", {"Origin": "https://evil.example",
                                                                  "Content-Type": "application/sparql-update"})
    assert status == 403


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_write_nothing(served, method):
    status, _h, _b = raw(served, method, "/sparql", b"DROP ALL", {"Content-Type": "application/sparql-update"})
    assert status == 405
    status, _h, _b = raw(served, method, "/id/state/FRA", b"<a> <b> <c> .", {"Content-Type": "text/turtle"})
    assert status == 405


def test_no_traceback_or_file_in_any_error(served):
    for method, target, body in (("GET", "/sparql?query=%ff%fe", None), ("POST", "/sparql", b"\x00\x01\x02"),
                                 ("GET", "/id/" + "a" * 5000, None), ("GET", "/queries/%00", None),
                                 ("GET", "/static/style.css%00.py", None), ("GET", "/.well-known/../../etc/passwd", None)):
        status, _h, answer = raw(served, method, target, body,
                                 {"Content-Type": "application/sparql-query"} if body else {})
        assert status < 500, (target, status)
        for leak in (b"Traceback", b"File \"", b"root:x:", str(Path(__file__).parents[2]).encode()):
            assert leak not in answer, (target, leak)


@pytest.fixture(scope="module")
def hostile_quote(tmp_path_factory):
    from govgraph.build import build

    folder = tmp_path_factory.mktemp("hostile-quote")
    extra = folder / "quote.ttl"
    extra.write_text(f"""@prefix gg: <https://w3id.org/govgraph/ontology#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{BASE}id/organisation/quote-test> rdfs:label "Quote test"@en ;
    gg:evidence <{BASE}id/evidence/quote-test/1> .
<{BASE}id/evidence/quote-test/1> oa:hasSelector <{BASE}id/evidence/quote-test/1/selector> ;
    oa:hasSource <javascript:alert(2)> .
<{BASE}id/evidence/quote-test/1/selector> oa:exact "{SCRIPT}" .
""", encoding="utf-8")
    home = folder / "home"
    result = build(home=home, seeds=SEEDS, with_files=[extra])
    assert result.failure is None, result.failure
    with govgraph_server(home) as url:
        yield url


def test_script_in_an_evidence_quote_is_shown_escaped(hostile_quote):
    status, _h, body = raw(hostile_quote, "GET", "/id/organisation/quote-test", headers={"Accept": "text/html"})
    assert status == 200
    assert b"<blockquote>&lt;script&gt;alert(&#39;quote&#39;)&lt;/script&gt;</blockquote>" in body
    assert b"<script" not in body
    assert b'href="javascript:' not in body
