"""Linked data on a real `govgraph serve`: resource pages and their RDF, listings, the ontology, the context,
VoID, the canned-query pages and downloads, escaping of hostile text, and paths that must not reach files."""

from __future__ import annotations

import http.client
import json
import urllib.parse
from html.parser import HTMLParser

import pyoxigraph as ox
import pytest
from conftest import SEEDS, govgraph_server

BASE = "https://w3id.org/govgraph/"
FRA = BASE + "id/state/FRA"
XSS = "<script>alert('govgraph')</script> & Co"


def fetch(url: str, accept: str | None = None, path_as_is: str | None = None):
    """(status, headers, body) of a GET; ``path_as_is`` is sent exactly as given (no normalisation)."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    target = path_as_is if path_as_is is not None else (parts.path or "/") + ("?" + parts.query if parts.query else "")
    connection.request("GET", target, headers={"Accept": accept} if accept else {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, response.headers, body


class Page(HTMLParser):
    """The links, headings, tags and text of a page."""

    def __init__(self, body: bytes) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.tags: list[str] = []
        self.h1 = ""
        self.text: list[str] = []
        self._a: str | None = None
        self._in_h1 = False
        self._a_text: list[str] = []
        self.feed(body.decode("utf-8"))

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if tag == "a":
            self._a, self._a_text = attrs.get("href"), []
        self._in_h1 = tag == "h1" or self._in_h1

    def handle_endtag(self, tag):
        if tag == "a" and self._a is not None:
            self.links.append((self._a, "".join(self._a_text).strip()))
            self._a = None
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        self.text.append(data)
        if self._a is not None:
            self._a_text.append(data)
        if self._in_h1:
            self.h1 += data


def described(store, iri: str) -> set[ox.Triple]:
    node = ox.NamedNode(iri)
    return ({q.triple for q in store.quads_for_pattern(node, None, None)}
            | {q.triple for q in store.quads_for_pattern(None, None, node)})


# ---------------------------------------------------------------------- resources

def test_resource_page(served, store):
    status, headers, body = fetch(served + "id/state/FRA", "text/html")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    page = Page(body)
    assert page.h1 == "France"
    links = dict(page.links)
    assert links["/ontology#State"] == "gg:State"
    assert ("/id/organisation/g7", "G7") in page.links
    incoming = [href for href, _t in page.links if href.startswith("/id/act/")]
    assert "/id/act/paris-statement-2025/signatory-18" in incoming
    assert b"Statements about it" in body and b"iso-3166-1" in body  # the graph column
    for media, href in (("text/turtle", "/id/state/FRA.ttl"), ("application/ld+json", "/id/state/FRA.jsonld")):
        assert f'<link rel="alternate" type="{media}" href="{href}">'.encode() in body


def test_evidence_quotes_are_shown(served, store):
    act = BASE + "id/act/paris-statement-2025/signatory-18"
    quotes = [r["q"].value for r in store.query(
        f"SELECT ?q WHERE {{ <{act}> <https://w3id.org/govgraph/ontology#evidence>/<http://www.w3.org/ns/oa#hasSelector>/"
        "<http://www.w3.org/ns/oa#exact> ?q }", use_default_graph_as_union=True)]
    assert quotes
    _s, _h, body = fetch(served + "id/act/paris-statement-2025/signatory-18", "text/html")
    from html import escape

    for quote in quotes:
        assert f"<blockquote>{escape(quote)}</blockquote>".encode() in body


@pytest.mark.parametrize("accept, extension, fmt", [
    ("text/turtle", "ttl", ox.RdfFormat.TURTLE), ("application/ld+json", "jsonld", ox.RdfFormat.JSON_LD),
    ("application/rdf+xml", "rdf", ox.RdfFormat.RDF_XML), ("application/n-triples", "nt", ox.RdfFormat.N_TRIPLES)])
def test_resource_rdf_by_accept_and_by_extension(served, store, accept, extension, fmt):
    expected = described(store, FRA)
    assert len(expected) >= 30
    for url, asked in ((served + "id/state/FRA", accept), (served + f"id/state/FRA.{extension}", None)):
        status, headers, body = fetch(url, asked)
        assert status == 200 and headers["Content-Type"].split(";")[0] == accept
        assert "Accept" in headers["Vary"]
        assert {q.triple for q in ox.parse(body, format=fmt)} == expected


def test_jsonld_uses_the_project_context(served):
    from govgraph.export.jsonld import load_context

    _s, _h, body = fetch(served + "id/state/FRA.jsonld")
    document = json.loads(body)
    assert document["@context"] == load_context()
    assert any(node.get("@id") in ("id:state/FRA", FRA) for node in document["@graph"])


def test_unknown_resources_are_404(served):
    for path in ("id/state/XXX", "id/state/FRA.xyz", "id/nothing/", "id/state/FRA/extra"):
        status, _headers, body = fetch(served + path)
        assert status == 404, path
        assert b"Traceback" not in body
    status, _h, body = fetch(served + "id/state/XXX", "text/html")
    assert status == 404 and b"<h1>404 Not Found</h1>" in body and b"state/XXX" in body


@pytest.mark.parametrize("target", ["/id/../../../../etc/passwd", "/static/../serve/app.py", "/static/..%2f..%2fpyproject.toml",
                                    "/static/%2e%2e/%2e%2e/pyproject.toml", "/queries/..%2f..%2fpyproject.toml",
                                    "/queries/%2fetc%2fpasswd", "/static//etc/passwd", "/id/%00"])
def test_paths_never_reach_files(served, target):
    status, _h, body = fetch(served, path_as_is=target)
    assert status in (400, 404), (target, status)
    assert b"root:" not in body and b"[project]" not in body and b"import" not in body


def test_listing_and_home(served):
    status, _h, body = fetch(served + "id/state/", "text/html")
    assert status == 200
    page = Page(body)
    assert ("/id/state/FRA", "France") in page.links and len(page.links) > 190
    status, _h, body = fetch(served, "text/html")
    page = Page(body)
    assert ("/id/event/ai-action-summit-2025", "AI Action Summit") in page.links
    assert ("/id/state/", "state") in page.links


# ---------------------------------------------------------------------- documents

def test_ontology_context_and_void(served, store):
    from govgraph import config

    status, headers, body = fetch(served + "ontology", "text/html")
    assert status == 200 and b'id="State"' in body and b'id="instrument"' in body
    turtle = (config.ONTOLOGY_DIR / "govgraph.ttl").read_bytes()
    assert fetch(served + "ontology", "text/turtle")[2] == turtle
    assert fetch(served + "ontology.ttl")[2] == turtle
    nt = fetch(served + "ontology", "application/n-triples")[2]
    assert {q.triple for q in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)} == \
        {q.triple for q in ox.parse(turtle, format=ox.RdfFormat.TURTLE)}
    assert fetch(served + "context.jsonld")[2] == (config.ONTOLOGY_DIR / "context.jsonld").read_bytes()
    status, headers, body = fetch(served + ".well-known/void")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    void = [q.triple for q in ox.parse(body, format=ox.RdfFormat.TURTLE)]
    dataset = ox.NamedNode(BASE + "id/dataset/govgraph")
    triples = {t.object.value for t in void if t.subject == dataset and t.predicate.value == "http://rdfs.org/ns/void#triples"}
    assert triples == {str(len({q.triple for q in store}))}
    endpoint = {t.object.value for t in void if t.predicate.value == "http://rdfs.org/ns/void#sparqlEndpoint"}
    assert endpoint == {served + "sparql"}


# ---------------------------------------------------------------------- canned queries

def test_query_catalogue_page(served):
    from govgraph.queries import load_catalogue

    _s, _h, body = fetch(served + "queries", "text/html")
    links = {href for href, _t in Page(body).links}
    assert {f"/queries/{name}" for name in load_catalogue()} <= links


def test_query_page_form_and_answer(served, cli, built):
    status, _h, body = fetch(served + "queries/signatories", "text/html")
    assert status == 200
    assert b'<input type="text" id="p-declaration" name="declaration" value="paris-statement-2025">' in body
    assert b'class="results"' not in body  # nothing runs until asked
    status, _h, body = fetch(served + "queries/signatories?run=1&declaration=paris-statement-2025")
    assert status == 200
    assert b'<p id="count">61 row(s)' in body
    assert body.count(b"<tr><td>") == 61


@pytest.mark.parametrize("name, params", [("signatories", {}), ("group-members-not-signed", {"group": "g7"}),
                                          ("declined", {})])
def test_downloads_equal_the_cli(served, cli, built, name, params):
    args = [arg for k, v in params.items() for arg in ("-p", f"{k}={v}")]
    for fmt in ("csv", "json"):
        expected = cli("query", name, *args, "-f", fmt, home=built[1])
        assert expected.returncode == 0, expected.stderr
        query = "?" + urllib.parse.urlencode(params) if params else ""
        status, headers, body = fetch(served + f"queries/{name}.{fmt}{query}")
        assert status == 200
        assert f'filename="{name}.{fmt}"' in headers["Content-Disposition"]
        assert body.decode("utf-8") == expected.stdout


def test_query_errors(served):
    status, _h, body = fetch(served + "queries/no-such-query", "text/html")
    assert status == 404
    status, _h, body = fetch(served + "queries/signatories?run=1&declaration=" + urllib.parse.quote(XSS), "text/html")
    assert status == 400
    assert b"<script>" not in body and b"&lt;script&gt;" in body
    status, _h, body = fetch(served + "queries/signatories.csv?declaration=nope")
    assert status == 400 and b"names nothing in the dataset" in body


# ---------------------------------------------------------------------- hostile text in the data

@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    from govgraph.build import build

    folder = tmp_path_factory.mktemp("hostile")
    extra = folder / "xss.ttl"
    text = XSS.replace("\\", "\\\\").replace('"', '\\"')
    extra.write_text(f"""@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{BASE}id/organisation/xss-test> rdfs:label "{text}"@en ;
    rdfs:comment "a <b>bold</b> claim" ;
    rdfs:seeAlso <javascript:alert(1)> .
""", encoding="utf-8")
    home = folder / "home"
    result = build(home=home, seeds=SEEDS, with_files=[extra])
    assert result.failure is None, result.failure
    with govgraph_server(home) as url:
        yield url


def test_script_in_labels_is_shown_escaped(hostile):
    status, _h, body = fetch(hostile + "id/organisation/xss-test", "text/html")
    assert status == 200
    page = Page(body)
    assert "script" not in page.tags  # resource pages load no script at all
    assert b"<script>alert" not in body and b"<b>bold" not in body
    assert page.h1 == XSS
    assert not any(href.startswith("javascript:") for href, _t in page.links)
    for target in ("id/organisation/", "sparql?" + urllib.parse.urlencode(
            {"query": "SELECT ?l WHERE { <https://w3id.org/govgraph/id/organisation/xss-test> ?p ?l }"})):
        status, _h, listing = fetch(hostile + target, "text/html")
        assert status == 200 and b"<script>alert" not in listing and b"&lt;script&gt;" in listing, target


def test_script_in_a_query_and_its_error_is_escaped(hostile):
    query = "SELECT * WHERE { ?s ?p \"</textarea><script>alert(1)</script>\" . ?s }"
    status, _h, body = fetch(hostile + "sparql?" + urllib.parse.urlencode({"query": query}), "text/html")
    assert status == 400
    assert b"<script>alert" not in body
    status, _h, body = fetch(hostile + "sparql?" + urllib.parse.urlencode(
        {"query": "SELECT ?x WHERE { BIND(\"<script>alert(1)</script>\" AS ?x) }"}), "text/html")
    assert status == 200 and b"<script>alert" not in body and b"&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert b"</textarea><script>" not in body


def test_iris_dereference_when_the_base_is_the_server(tmp_path, cli):
    """Built with the server's own address as base IRI, every IRI in the data is a working URL."""
    from conftest import free_port

    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    home = tmp_path / "home"
    built = cli("build", home=home, env={"GOVGRAPH_BASE": base})
    assert built.returncode == 0, built.stderr
    import subprocess
    import sys
    import time

    server = subprocess.Popen([sys.executable, "-m", "govgraph", "serve", "--port", str(port), "--home", str(home)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout.readline().strip() == base
        status, _h, body = fetch(base + "id/state/FRA", "application/n-triples")
        assert status == 200
        triples = {q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)}
        assert ox.Triple(ox.NamedNode(base + "id/state/FRA"), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                         ox.NamedNode("https://w3id.org/govgraph/ontology#State")) in triples
        for t in triples:  # every resource IRI of the description answers at its own address
            if isinstance(t.object, ox.NamedNode) and t.object.value.startswith(base + "id/organisation/"):
                assert fetch(t.object.value)[0] == 200
        started = time.monotonic()
        assert fetch(base + "id/state/FRA", "text/html")[0] == 200 and time.monotonic() - started < 30
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_serve_command_errors(tmp_path, cli, built):
    done = cli("serve", "--home", str(tmp_path / "nothing"))
    assert done.returncode == 1 and "run `govgraph build` first" in done.stderr and "Traceback" not in done.stderr
    done = cli("serve", "--timeout", "0", home=built[1])
    assert done.returncode == 2 and "--timeout" in done.stderr
    done = cli("serve", "--endpoint", "ftp://example.org/sparql", home=built[1])
    assert done.returncode == 1 and "http:// or https://" in done.stderr
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        done = cli("serve", "--port", str(busy.getsockname()[1]), home=built[1])
    assert done.returncode == 1 and "cannot listen there" in done.stderr and "Traceback" not in done.stderr
