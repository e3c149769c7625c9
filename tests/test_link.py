"""``govgraph link wikidata``: links from our states to Wikidata items, asked of a real Oxigraph server on
127.0.0.1 loaded with a small Wikidata-shaped fixture; failures of the endpoint leave the links file alone."""

from __future__ import annotations

import http.server
import threading

import pyoxigraph as ox
import pytest

from conftest import FIXTURES, oxigraph_server
from govgraph.errors import GovgraphError
from govgraph.link import LINKS_GRAPH, catalogue_links, fetch, read_links
from govgraph.queries.engines import RemoteEngine

FIXTURE = FIXTURES / "wikidata" / "wikidata.ttl"
DATE = "2026-01-15"
GRAPH = "<https://w3id.org/govgraph/graph/wikidata-links>"
SENTINEL = b"<urn:a> <urn:b> <urn:c> <urn:g> .\n# the reviewed links, which a failed run must not touch\n"


def expected_nquads(endpoint: str) -> str:
    links = {"DEU": "Q9000002", "FRA": "Q9000001", "GBR": "Q9000003"}
    lines = [f"<https://w3id.org/govgraph/id/state/{code}> <http://www.w3.org/2004/02/skos/core#exactMatch> "
             f"<http://www.wikidata.org/entity/{qid}> {GRAPH} .\n" for code, qid in links.items()]
    lines += [
        f'{GRAPH} <http://purl.org/dc/terms/created> "{DATE}"^^<http://www.w3.org/2001/XMLSchema#date> {GRAPH} .\n',
        f"{GRAPH} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/prov#Entity> {GRAPH} .\n",
        f'{GRAPH} <http://www.w3.org/2000/01/rdf-schema#label> "Links from govgraph states to Wikidata items"@en {GRAPH} .\n',
        f"{GRAPH} <http://www.w3.org/ns/prov#wasDerivedFrom> <{endpoint}> {GRAPH} .\n",
    ]
    return "".join(sorted(lines))


@pytest.fixture(scope="module")
def wikidata(tmp_path_factory):
    """A real Oxigraph server on 127.0.0.1 whose default graph is the Wikidata-shaped fixture."""
    with oxigraph_server(tmp_path_factory.mktemp("wikidata"), FIXTURE) as url:
        yield url


class _Answer(http.server.BaseHTTPRequestHandler):
    """Answers every request as the test server's ``mode`` says: late, with an HTTP error, or with the wrong body."""

    def do_POST(self):  # noqa: N802 (http.server's naming)
        server = self.server
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if server.mode == "slow":
            server.release.wait(10)
            return
        status, ctype, body = {
            "error": (500, "text/plain", b"internal error"),
            "html": (200, "text/html", b"<html><body>Wikidata is down for maintenance</body></html>"),
            "not-results": (200, "application/sparql-results+json", b'{"error": "nothing here"}'),
            "empty": (200, "application/sparql-results+json",
                      b'{"head": {"vars": ["code", "item"]}, "results": {"bindings": []}}'),
        }[server.mode]
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass

    do_GET = do_POST

    def log_message(self, *args):
        pass


@pytest.fixture
def tiny_server():
    """Start a tiny http.server on 127.0.0.1 in a thread, answering in the given mode; stopped after."""
    started = []

    def start(mode: str) -> str:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answer)
        server.daemon_threads = True
        server.mode = mode
        server.release = threading.Event()
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        started.append((server, thread))
        return f"http://127.0.0.1:{server.server_address[1]}/sparql"

    yield start
    for server, thread in started:
        server.release.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_links_are_written_exactly(cli, wikidata, tmp_path):
    out = tmp_path / "links" / "wikidata.nq"
    result = cli("link", "wikidata", "--endpoint", wikidata, "--output", str(out), "--date", DATE)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == expected_nquads(wikidata)
    assert "3 state(s) linked" in result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in out.parent.iterdir()] == ["wikidata.nq"], "no temporary file is left behind"
    again = cli("link", "wikidata", "--endpoint", wikidata, "--output", str(out), "--date", DATE)
    assert again.returncode == 0 and out.read_text(encoding="utf-8") == expected_nquads(wikidata), "deterministic"


def test_ambiguous_codes_are_reported_not_guessed(cli, wikidata, tmp_path):
    out = tmp_path / "wikidata.nq"
    result = cli("link", "wikidata", "--endpoint", wikidata, "--output", str(out), "--date", DATE)
    assert result.returncode == 0, result.stderr
    assert "govgraph: ambiguous: ITA has 2 Wikidata items (Q9000005, Q9000006); not linked" in result.stderr
    assert "/state/ITA>" not in out.read_text(encoding="utf-8")
    missing = next(line for line in result.stderr.splitlines() if "no Wikidata item for" in line)
    assert "JPN" in missing, "a lexeme is not an item"
    assert "/state/JPN>" not in out.read_text(encoding="utf-8")


def test_links_read_back_as_one_named_graph(cli, wikidata, tmp_path):
    out = tmp_path / "wikidata.nq"
    assert cli("link", "wikidata", "--endpoint", wikidata, "--output", str(out), "--date", DATE).returncode == 0
    quads = list(ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS))
    assert {q.graph_name for q in quads} == {LINKS_GRAPH}
    assert sum(q.predicate.value.endswith("#exactMatch") for q in quads) == 3


def test_catalogue_links_are_checked(wikidata):
    catalogue = catalogue_links()
    assert catalogue.get("organisation/united-nations") == "Q1065"
    report = fetch(RemoteEngine(wikidata), ["FRA"], catalogue)
    assert report.links == {"FRA": "http://www.wikidata.org/entity/Q9000001"}
    assert report.catalogue_checked == len(catalogue)
    gone = {entry.split(" ")[0] for entry in report.catalogue_gone}
    assert gone == set(catalogue) - {"organisation/united-nations"}, "only Q1065 is in the fixture"


@pytest.mark.parametrize("hostile", ['FRA" } ; DROP ALL ; #', "fra", "FRANCE", "FR", "} UNION { ?s ?p ?o"])
def test_codes_are_validated_before_they_reach_the_query(wikidata, hostile):
    with pytest.raises(GovgraphError, match="not an ISO 3166-1 alpha-3 code"):
        fetch(RemoteEngine(wikidata), ["FRA", hostile])


def _assert_failed_cleanly(result, out, message):
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert out.read_bytes() == SENTINEL, "the existing links are byte-identical"
    assert [p.name for p in out.parent.iterdir()] == [out.name], "no temporary file is left behind"


def test_unreachable_endpoint_leaves_the_links_untouched(cli, tmp_path):
    out = tmp_path / "links" / "wikidata.nq"
    out.parent.mkdir()
    out.write_bytes(SENTINEL)
    result = cli("link", "wikidata", "--endpoint", "http://127.0.0.1:9/sparql", "--output", str(out), "--timeout", "5")
    _assert_failed_cleanly(result, out, "cannot reach the endpoint")


def test_endpoint_timeout_leaves_the_links_untouched(cli, tiny_server, tmp_path):
    out = tmp_path / "links" / "wikidata.nq"
    out.parent.mkdir()
    out.write_bytes(SENTINEL)
    url = tiny_server("slow")
    result = cli("link", "wikidata", "--endpoint", url, "--output", str(out), "--timeout", "1")
    _assert_failed_cleanly(result, out, "did not answer within 1 s")


@pytest.mark.parametrize("mode, message", [
    ("error", "the endpoint refused the query"),
    ("html", "not SPARQL JSON results"),
    ("not-results", "not SPARQL JSON results"),
    ("empty", "has no item for any of our"),
])
def test_bad_answers_leave_the_links_untouched(cli, tiny_server, tmp_path, mode, message):
    out = tmp_path / "links" / "wikidata.nq"
    out.parent.mkdir()
    out.write_bytes(SENTINEL)
    result = cli("link", "wikidata", "--endpoint", tiny_server(mode), "--output", str(out), "--timeout", "10")
    _assert_failed_cleanly(result, out, message)


def test_bad_options(cli, tmp_path):
    out = tmp_path / "wikidata.nq"
    for args, message in ((["--timeout", "0"], "--timeout"), (["--date", "15/01/2026"], "--date"),
                          (["--endpoint", "ftp://example.org/sparql"], "http:// or https://")):
        result = cli("link", "wikidata", "--output", str(out), *args)
        assert result.returncode in (1, 2) and message in result.stderr and "Traceback" not in result.stderr
        assert not out.exists()


def test_the_build_loads_every_links_file(tmp_path):
    import govgraph.build

    assert govgraph.build.read_links is read_links, "collect() reads the links through read_links"
    (tmp_path / "links").mkdir()
    assert read_links(tmp_path) == []
    (tmp_path / "links" / "wikidata.nq").write_text(
        f"<https://w3id.org/govgraph/id/state/FRA> <http://www.w3.org/2004/02/skos/core#exactMatch> "
        f"<http://www.wikidata.org/entity/Q9000001> {GRAPH} .\n", encoding="utf-8")
    (tmp_path / "links" / "other.nq").write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    (tmp_path / "links" / "README.md").write_text("not RDF\n", encoding="utf-8")
    quads = read_links(tmp_path)
    assert sorted(q.graph_name.value for q in quads) == [
        "https://w3id.org/govgraph/graph/links-other", "https://w3id.org/govgraph/graph/wikidata-links"]
    (tmp_path / "links" / "broken.nq").write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    with pytest.raises(GovgraphError, match="broken.nq"):
        read_links(tmp_path)
