"""``govgraph export --site DIR``: every link of every page leads to a file of the site, nothing points outside
it, the Turtle alternates hold exactly each resource's outgoing triples, two runs give the same bytes, texts are
escaped, the CLI, and the site opened in headless Chromium from ``file://``.

No request leaves the machine: the pages are checked to hold no ``http(s)://`` or ``//`` URL in any ``href``
or ``src`` (and there are no scripts, no ``@import``, no ``url(...)`` in the CSS), so a browser has nothing
external to load; Chromium is moreover run with ``--host-resolver-rules="MAP * ~NOTFOUND"`` (every host name
fails to resolve), ``--disable-background-networking``, ``--disable-component-update``, ``--disable-sync`` and
``--disable-quic``, so that even its own background traffic cannot reach the network.
"""

from __future__ import annotations

import posixpath
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pyoxigraph as ox
import pytest

from conftest import SEEDS

BASE = "https://w3id.org/govgraph/"
CHROMIUM = Path("/usr/bin/chromium")
XSS_LABEL = "<script>alert('govgraph')</script> & Co"


class Links(HTMLParser):
    """The href/src values, element ids and text of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)
            if name == "id" and value:
                self.ids.add(value)

    def handle_data(self, data):
        self.text.append(data)


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def page_of(iri: str) -> str:
    return "id/" + iri[len(BASE + "id/"):] + ".html"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def site(built, tmp_path_factory):
    from govgraph.export.site import write_site

    folder = tmp_path_factory.mktemp("site")
    write_site(built[1], folder)
    return folder


@pytest.fixture(scope="module")
def pages(site):
    return {p.relative_to(site).as_posix(): parse(p) for p in sorted(site.rglob("*.html"))}


def test_layout(site, store):
    for name in ("index.html", "ontology.html", "queries.html", "style.css", "dump/dataset.nq", "dump/void.ttl",
                 "dump/SHA256SUMS", "id/state/FRA.html", "id/state/FRA.ttl", "id/state/FRA.jsonld"):
        assert (site / name).is_file(), name
    resources = {t.value for q in store.quads_for_pattern(None, None, None, None)
                 for t in (q.subject, q.object) if isinstance(t, ox.NamedNode) and t.value.startswith(BASE + "id/")}
    missing = [iri for iri in resources if not (site / page_of(iri)).is_file()]
    assert not missing, missing[:5]
    fra = (site / "id/state/FRA.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="text/turtle" href="FRA.ttl">' in fra
    assert '<a href="FRA.ttl">' in fra and '<a href="FRA.jsonld">' in fra
    assert "<h1>France</h1>" in fra
    assert 'href="../../ontology.html#State"' in fra
    assert 'href="../organisation/european-union.html">European Union</a>' in fra


def test_every_link_resolves_inside_the_site(site, pages):
    assert len(pages) > 1000
    broken, outside = [], []
    for name, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("//") or link.startswith("/"):
                outside.append((name, link))
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path))) if parts.path else name
            if target.startswith("../") or not (site / target).is_file():
                broken.append((name, link))
            elif parts.fragment and target.endswith(".html") and unquote(parts.fragment) not in pages[target].ids:
                broken.append((name, link))
    assert not outside, outside[:5]
    assert not broken, broken[:5]
    css = (site / "style.css").read_text(encoding="utf-8")
    assert "url(" not in css and "@import" not in css
    assert not any("script" in page.tags or "iframe" in page.tags or "img" in page.tags for page in pages.values())


def test_index_lists_summits_first(site, pages):
    index = (site / "index.html").read_text(encoding="utf-8")
    summits = index.index('<h2 id="summits">')
    assert summits < index.index('<h2 id="state">')
    section = index[summits:index.index("<h2", summits + 1)]
    assert '<a href="id/event/ai-action-summit-2025.html">AI Action Summit</a>' in section
    for kind in ("state", "organisation", "person", "event", "declaration", "initiative", "framework", "act"):
        assert f'<h2 id="{kind}">' in index, kind


def test_ontology_and_queries_pages(site, pages):
    from govgraph.queries.catalogue import load_catalogue

    ontology = pages["ontology.html"]
    assert {"Summit", "State", "Declaration", "evidence"} <= ontology.ids
    text = "".join(ontology.text)
    assert "A meeting of heads of state or government" in text  # gg:Summit's definition
    queries = (site / "queries.html").read_text(encoding="utf-8")
    for name, query in load_catalogue().items():
        assert f"<h2>{name}</h2>" in queries
    assert queries.count("<pre>") == len(load_catalogue())


def test_turtle_alternates_hold_the_outgoing_triples(site, store):
    out: dict[str, set[ox.Triple]] = {}
    for q in store.quads_for_pattern(None, None, None, None):
        if q.subject.value.startswith(BASE + "id/"):
            out.setdefault(q.subject.value, set()).add(q.triple)
    for iri, triples in out.items():
        path = site / page_of(iri)[:-len(".html")]
        parsed = {q.triple for q in ox.parse(path.with_name(path.name + ".ttl").read_bytes(), format=ox.RdfFormat.TURTLE)}
        assert parsed == triples, iri
        from_jsonld = {q.triple for q in ox.parse(path.with_name(path.name + ".jsonld").read_bytes(), format=ox.RdfFormat.JSON_LD)}
        assert from_jsonld == triples, iri


def test_evidence_is_quoted(site, store):
    from conftest import PREFIXES

    row = next(iter(store.query(PREFIXES + """
        SELECT ?s ?exact WHERE { ?s gg:evidence/oa:hasSelector/oa:exact ?exact } ORDER BY ?s LIMIT 1""",
                                use_default_graph_as_union=True)))
    from html import escape

    page = (site / page_of(row["s"].value)).read_text(encoding="utf-8")
    assert f"<blockquote>{escape(row['exact'].value)}</blockquote>" in page


def test_byte_identical_across_runs(built, site, tmp_path, cli):
    """A second site, written by the CLI in another process, is byte for byte the first."""
    again = tmp_path / "again"
    done = cli("export", "--site", str(again), home=built[1])
    assert done.returncode == 0, done.stderr
    first, second = tree(site), tree(again)
    assert first.keys() == second.keys()
    differing = [name for name in first if first[name] != second[name]]
    assert not differing, differing[:5]


def test_cli_bad_target(built, tmp_path, cli):
    target = tmp_path / "a-file"
    target.write_text("not a folder\n")
    done = cli("export", "--site", str(target), home=built[1])
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "not a folder" in lines[0] and "Traceback" not in done.stderr


def test_labels_are_escaped(tmp_path):
    from govgraph.build import build
    from govgraph.export.site import write_site

    extra = tmp_path / "xss.ttl"
    text = XSS_LABEL.replace("\\", "\\\\").replace('"', '\\"')
    extra.write_text(f"""@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{BASE}id/organisation/xss-test> rdfs:label "{text}"@en ;
    rdfs:comment "a <b>bold</b> claim" .
""", encoding="utf-8")
    home = tmp_path / "home"
    result = build(home=home, seeds=SEEDS, with_files=[extra])
    assert result.failure is None, result.failure
    folder = tmp_path / "site"
    write_site(home, folder)
    page = (folder / "id/organisation/xss-test.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&#x27;govgraph&#x27;)&lt;/script&gt; &amp; Co" in page
    assert "a &lt;b&gt;bold&lt;/b&gt; claim" in page
    parsed = parse(folder / "id/organisation/xss-test.html")
    assert "script" not in parsed.tags and XSS_LABEL in "".join(parsed.text)
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in index


# ---------------------------------------------------------------- headless Chromium from file://

def chromium(profile: Path, *args: str, timeout: float = 90) -> subprocess.CompletedProcess:
    command = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-default-apps", "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def browser(tmp_path):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent (Debian's chromium package; .ci/run installs it)")
    profile = tmp_path / "profile"
    return lambda *args: chromium(profile, *args)


class Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href, self._text = dict(attrs).get("href"), []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.anchors.append((self._href, "".join(self._text)))
            self._href = None


def test_chromium_reads_the_site_from_file_urls(site, browser, tmp_path):
    """The DOM Chromium builds from file://.../index.html lists the AI Action Summit; following its link gives
    the summit's page, whose own links lead to existing files; a screenshot of the index is a 1280x900 PNG."""
    index = (site / "index.html").resolve()
    done = browser("--dump-dom", index.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    assert "AI Action Summit" in done.stdout
    anchors = Anchors()
    anchors.feed(done.stdout)
    href = next(h for h, text in anchors.anchors if text == "AI Action Summit")
    page = (index.parent / unquote(href)).resolve()
    assert page.is_file()
    done = browser("--dump-dom", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    assert "<h1>AI Action Summit</h1>" in done.stdout
    on_page = Anchors()
    on_page.feed(done.stdout)
    assert on_page.anchors
    for link, _text in on_page.anchors:
        assert not urlsplit(link).scheme and not link.startswith("//"), link
        assert (page.parent / unquote(urlsplit(link).path)).resolve().is_file(), link
    shot = tmp_path / "site.png"
    done = browser(f"--screenshot={shot}", "--window-size=1280,900", index.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 900)

