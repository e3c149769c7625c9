"""The SPARQL 1.1 Protocol at /sparql on a real `govgraph serve`: methods, formats, negotiation, limits, refusals.

Every answer is read back with pyoxigraph's parsers and, for results, with rdflib's, so a writer that drifts
from the W3C formats fails here.
"""

from __future__ import annotations

import io
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
from conftest import PREFIXES, govgraph_server

SUMMITS = PREFIXES + "SELECT ?s ?label WHERE { ?s a gg:Summit ; rdfs:label ?label FILTER(LANG(?label) = 'en') } ORDER BY ?s"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def request(url: str, *, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    """(status, headers, body) of one request; HTTP errors are answers too."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def get(base: str, query: str, accept: str | None = None, **params):
    url = base + "sparql?" + urllib.parse.urlencode({"query": query, **params}, doseq=True)
    return request(url, headers={"Accept": accept} if accept else {})


@pytest.fixture(scope="module")
def summits(sparql):
    return sorted((row["s"], row["label"]) for row in sparql(SUMMITS.replace(PREFIXES, "")))


def rows_of(body: bytes, fmt: ox.QueryResultsFormat) -> list[tuple]:
    parsed = ox.parse_query_results(body, format=fmt)
    return sorted(tuple(s[v].value if s[v] is not None else None for v in parsed.variables) for s in parsed)


# ---------------------------------------------------------------------- methods and formats

def test_get_form_post_and_direct_post_give_the_same_rows(served, summits):
    assert summits and len(summits) >= 6
    _s, _h, by_get = get(served, SUMMITS)
    _s, _h, by_form = request(served + "sparql", data=urllib.parse.urlencode({"query": SUMMITS}).encode(),
                              headers={"Content-Type": "application/x-www-form-urlencoded"})
    status, headers, direct = request(served + "sparql", data=SUMMITS.encode(),
                                      headers={"Content-Type": "application/sparql-query; charset=utf-8"})
    assert status == 200
    assert headers["Content-Type"].startswith("application/sparql-results+json")
    for body in (by_get, by_form, direct):
        assert rows_of(body, ox.QueryResultsFormat.JSON) == summits


@pytest.mark.parametrize("accept, fmt", [
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("text/csv", ox.QueryResultsFormat.CSV),
    ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
])
def test_select_in_every_results_format(served, summits, accept, fmt):
    status, headers, body = get(served, SUMMITS, accept)
    assert status == 200
    assert headers["Content-Type"].split(";")[0] == accept
    assert "Accept" in headers["Vary"]
    if fmt == ox.QueryResultsFormat.CSV:  # CSV is lossy (pyoxigraph will not read it): read it as CSV
        import csv

        lines = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
        assert lines[0] == ["s", "label"] and body.endswith(b"\r\n")
        assert sorted(tuple(line) for line in lines[1:]) == summits
    else:
        assert rows_of(body, fmt) == summits


@pytest.mark.parametrize("accept, rdflib_format", [("application/sparql-results+json", "json"),
                                                   ("application/sparql-results+xml", "xml"),
                                                   ("text/csv", "csv"), ("text/tab-separated-values", "tsv")])
def test_results_read_back_by_rdflib(served, summits, accept, rdflib_format):
    from rdflib.query import Result

    _s, _h, body = get(served, SUMMITS, accept)
    result = Result.parse(io.BytesIO(body), format=rdflib_format)
    assert sorted((str(r[0]), str(r[1])) for r in result) == summits


def test_ask_in_every_results_format(served):
    for accept, expected in [("application/sparql-results+json", b'"boolean": true'),
                             ("application/sparql-results+xml", b"<boolean>true</boolean>"),
                             ("text/csv", b"true"), ("text/tab-separated-values", b"true")]:
        status, _h, body = get(served, PREFIXES + "ASK { <https://w3id.org/govgraph/id/state/FRA> a gg:State }", accept)
        assert status == 200 and expected in body, (accept, body)
    _s, _h, body = get(served, PREFIXES + "ASK { <https://w3id.org/govgraph/id/state/FRA> a gg:Summit }")
    assert bool(ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)) is False


CONSTRUCT = PREFIXES + "CONSTRUCT { ?s a gg:Summit ; rdfs:label ?l } WHERE { ?s a gg:Summit ; rdfs:label ?l }"


@pytest.mark.parametrize("accept, fmt", [("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", ox.RdfFormat.N_TRIPLES),
                                         ("application/ld+json", ox.RdfFormat.JSON_LD), ("application/rdf+xml", ox.RdfFormat.RDF_XML)])
def test_construct_in_every_graph_format(served, store, accept, fmt):
    expected = set(store.query(CONSTRUCT, use_default_graph_as_union=True))
    assert len(expected) >= 12
    status, headers, body = get(served, CONSTRUCT, accept)
    assert status == 200 and headers["Content-Type"].split(";")[0] == accept
    assert {q.triple for q in ox.parse(body, format=fmt)} == expected


def test_describe_answers_a_graph(served):
    status, _headers, body = get(served, PREFIXES + "DESCRIBE <https://w3id.org/govgraph/id/state/FRA>", "text/turtle")
    assert status == 200
    triples = [q.triple for q in ox.parse(body, format=ox.RdfFormat.TURTLE)]
    assert ox.Triple(ox.NamedNode("https://w3id.org/govgraph/id/state/FRA"),
                     ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                     ox.NamedNode("https://w3id.org/govgraph/ontology#State")) in triples


def test_negotiation_honours_q_values(served):
    for accept, expected in [("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
                             ("text/csv, application/sparql-results+xml;q=0.1", "text/csv"),
                             ("*/*", "application/sparql-results+json"),
                             ("application/json", "application/sparql-results+json"),
                             ("", "application/sparql-results+json")]:
        _s, headers, _b = get(served, "ASK {}", accept)
        assert headers["Content-Type"].split(";")[0] == expected, accept
    status, _h, body = get(served, "ASK {}", "image/png")
    assert status == 406 and b"application/sparql-results+json" in body
    _s, headers, _b = get(served, "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", "application/rdf+xml;q=0.2, text/turtle;q=0.3")
    assert headers["Content-Type"].split(";")[0] == "text/turtle"


def test_unknown_parameters_are_ignored(served, summits):
    status, _h, body = get(served, SUMMITS, None, format="json", output="json", results="json", foo="bar")
    assert status == 200 and rows_of(body, ox.QueryResultsFormat.JSON) == summits


def test_default_and_named_graph_parameters(served, store):
    graph = "https://w3id.org/govgraph/graph/catalogue"
    expected = len(list(store.quads_for_pattern(None, None, None, ox.NamedNode(graph))))
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    _s, _h, body = get(served, count, None, **{"default-graph-uri": graph})
    assert int(rows_of(body, ox.QueryResultsFormat.JSON)[0][0]) == expected
    _s, _h, body = get(served, count)
    assert int(rows_of(body, ox.QueryResultsFormat.JSON)[0][0]) > expected
    named = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    _s, _h, body = get(served, named, None, **{"named-graph-uri": graph})
    assert rows_of(body, ox.QueryResultsFormat.JSON) == [(graph,)]
    status, _h, _b = get(served, count, None, **{"default-graph-uri": "not an iri"})
    assert status == 400


def test_service_description_and_editor(served):
    status, headers, body = request(served + "sparql", headers={"Accept": "text/turtle"})
    assert status == 200
    sd = "http://www.w3.org/ns/sparql-service-description#"
    triples = [q.triple for q in ox.parse(body, format=ox.RdfFormat.TURTLE)]
    assert any(t.object == ox.NamedNode(sd + "Service") for t in triples)
    assert ox.NamedNode(served + "sparql") in {t.object for t in triples if t.predicate.value == sd + "endpoint"}
    status, headers, body = request(served + "sparql", headers={"Accept": "text/html"})
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b'<textarea name="query"' in body and b'<option value="signatories"' in body
    assert b"<script src=\"/static/editor.js\">" in body and b"http" not in body.split(b"<main>")[1].split(b"src=")[1][:8]


def test_html_results_for_a_browser(served):
    status, headers, body = get(served, SUMMITS, "text/html,application/xhtml+xml,*/*;q=0.8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b"AI Action Summit" in body and b'href="/id/event/ai-action-summit-2025"' in body


def test_cors_allows_reading_without_credentials(served):
    status, headers, _b = request(served + "sparql", method="OPTIONS",
                                  headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST",
                                           "Access-Control-Request-Headers": "content-type"})
    assert status == 200
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in headers
    _s, headers, _b = get(served, "ASK {}", None)
    assert headers["Content-Security-Policy"].startswith("default-src 'none'")


# ---------------------------------------------------------------------- refusals

@pytest.mark.parametrize("how", ["get-update", "form-update", "direct-update", "query-insert", "query-load",
                                 "query-drop", "with-delete"])
def test_updates_are_refused(served, store, how):
    before = len(store)
    update = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
    if how == "get-update":
        status, _h, body = request(served + "sparql?" + urllib.parse.urlencode({"update": update}))
    elif how == "form-update":
        status, _h, body = request(served + "sparql", data=urllib.parse.urlencode({"update": update}).encode(),
                                   headers={"Content-Type": "application/x-www-form-urlencoded"})
    elif how == "direct-update":
        status, _h, body = request(served + "sparql", data=update.encode(),
                                   headers={"Content-Type": "application/sparql-update"})
    else:
        text = {"query-insert": update, "query-load": "LOAD <http://127.0.0.1:9/x.ttl>",
                "query-drop": "# a comment\nDROP ALL", "with-delete": "PREFIX ex: <http://example.org/>\nWITH <x:g> "
                "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"}[how]
        status, _h, body = get(served, text)
    assert status == 403, body
    assert b"read-only" in body
    _s, _h, answer = get(served, "ASK { <http://example.org/a> ?p ?o }")
    assert b'"boolean": false' in answer
    assert len(store) == before


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { <x:a> <x:b> true.SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
])
def test_service_is_refused(served, text):
    status, _h, body = get(served, text)
    assert status == 403 and b"SERVICE is not allowed" in body


def test_words_inside_strings_iris_and_comments_are_not_keywords(served):
    text = ('PREFIX service: <http://example.org/service#>\n# SERVICE and INSERT in a comment\n'
            'SELECT ?x WHERE { BIND("SERVICE <http://x/> INSERT" AS ?x) FILTER(?x != service:DROP) }')
    status, _h, body = get(served, text)
    assert status == 200 and b"SERVICE <http://x/> INSERT" in body


def test_remote_from_graphs_are_not_fetched(served):
    status, _h, body = get(served, "SELECT * FROM <http://127.0.0.1:9/remote.ttl> WHERE { ?s ?p ?o }")
    assert status == 200
    assert rows_of(body, ox.QueryResultsFormat.JSON) == []


def test_malformed_query_gets_the_parser_message(served):
    status, headers, body = get(served, "SELECT ?s WHERE { ?s ?p }")
    assert status == 400
    assert headers["Content-Type"].startswith("text/plain")
    assert b"not valid SPARQL" in body and b"error at 1:" in body
    assert b"Traceback" not in body
    status, _h, _b = request(served + "sparql", data=b"\xff\xfe", headers={"Content-Type": "application/sparql-query"})
    assert status == 400
    status, _h, _b = request(served + "sparql", data=b"x", headers={"Content-Type": "application/json"})
    assert status == 415
    status, _h, _b = request(served + "sparql", data=b"", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200  # no query: the service description
    status, _h, _b = request(served + "sparql?" + urllib.parse.urlencode({"query": ["ASK {}", "ASK {}"]}, doseq=True))
    assert status == 400


# ---------------------------------------------------------------------- limits

@pytest.fixture(scope="module")
def limited(built):
    with govgraph_server(built[1], "--timeout", "2", "--max-rows", "5", "--max-body", "2000", "--max-url", "3000",
                         "--workers", "2", "--max-workers", "4") as url:
        yield url


def test_rows_are_capped_and_the_cut_is_said(limited):
    status, headers, body = get(limited, "SELECT ?s WHERE { ?s a <https://w3id.org/govgraph/ontology#State> }")
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 5
    assert "5 rows" in headers["Govgraph-Truncated"]
    _s, headers, body = get(limited, "CONSTRUCT WHERE { ?s a <https://w3id.org/govgraph/ontology#State> }", "application/n-triples")
    assert len(body.splitlines()) == 5 and "Govgraph-Truncated" in headers
    _s, headers, _b = get(limited, "SELECT * WHERE { ?s a <https://w3id.org/govgraph/ontology#Summit> } LIMIT 3")
    assert "Govgraph-Truncated" not in headers


def test_oversize_body_and_url_are_refused(limited):
    status, _h, body = request(limited + "sparql", data=b"ASK {}" + b" " * 3000,
                               headers={"Content-Type": "application/sparql-query"})
    assert status == 413 and b"2,000 bytes" in body
    status, _h, body = get(limited, "ASK {}" + " " * 4000)
    assert status == 414
    status, _h, _b = get(limited, "ASK {}")
    assert status == 200


def test_a_slow_query_is_stopped_while_others_are_answered(limited):
    import os

    outcome = {}
    before = set(json.loads(request(limited + "status")[2])["pids"])

    def slow():
        started = time.monotonic()
        outcome["slow"] = get(limited, SLOW)
        outcome["slow_seconds"] = time.monotonic() - started

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.3)
    quick = []
    while thread.is_alive():
        started = time.monotonic()
        status, _h, body = get(limited, "ASK { ?s a <https://w3id.org/govgraph/ontology#Summit> }")
        quick.append((status, time.monotonic() - started, body))
        time.sleep(0.1)
    thread.join()
    status, _h, body = outcome["slow"]
    assert status == 503 and b"time limit of 2 s" in body
    assert 1.9 <= outcome["slow_seconds"] < 8
    assert len(quick) >= 5
    assert all(s == 200 and b"true" in b for s, _t, b in quick)
    assert max(t for _s, t, _b in quick) < 1.5
    info = json.loads(request(limited + "status")[2])
    assert info["killed_at_time_limit"] >= 1
    # really stopped: the worker that ran it is gone from the system, not left computing in the background
    gone = before - set(info["pids"])
    assert gone
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(os.path.exists(f"/proc/{pid}") for pid in gone):
        time.sleep(0.1)
    assert not any(os.path.exists(f"/proc/{pid}") for pid in gone)
    assert get(limited, "ASK {}")[0] == 200
