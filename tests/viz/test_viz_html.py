"""The interactive HTML view, read as a file and opened in a real headless Chromium (Debian's
``/usr/bin/chromium``, driven with Playwright; Playwright never downloads a browser here).

In the browser: the nodes drawn are the view's, the filters (kind, group, declaration), colouring by group and
the search change what is shown, the tooltip gives the IRI and the source, no request leaves the file (every
request is recorded; anything not ``file://`` is aborted), no script error and no Content-Security-Policy
violation happens, and a screenshot is saved. Served mode (assets linked, the server's CSP) is checked through
routes that play the server's part, and node clicks open ``/id/...`` pages."""

from __future__ import annotations

import hashlib
import re
import struct
from pathlib import Path

import networkx as nx
import pytest
from conftest import launch_chromium

from govgraph.viz import asset_files, build_view, to_html
from govgraph.viz.html import VENDOR_JS
from govgraph.viz.style import GROUP_MEMBER, GROUP_OTHER, KIND_COLOURS

VIEWPORT = {"width": 1280, "height": 800}
ID = "https://w3id.org/govgraph/id/"
PARIS = ID + "declaration/paris-statement-2025"
CYTOSCAPE_SHA256 = "081591ab735b2b6a3b31a3c60f8f3a3e2fee8c92939e0c7820ad1208571b6cd8"
# The policy govgraph serve sends with every page (src/govgraph/serve/app.py): the served page must work under it.
SERVER_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
              "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", function (e) {
  window.__vizCsp({directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample});
});
"""


@pytest.fixture(scope="module")
def signatories(store) -> nx.Graph:
    return build_view("signatories", store)


@pytest.fixture(scope="module")
def page_file(signatories, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("viz-html") / "signatories.html"
    path.write_text(to_html(signatories), encoding="utf-8")
    return path


# ------------------------------------------------------------------------------------------- the file itself

def test_the_vendored_library_is_the_published_one():
    assert hashlib.sha256(VENDOR_JS.read_bytes()).hexdigest() == CYTOSCAPE_SHA256
    licence = (VENDOR_JS.parent / "LICENSE").read_text(encoding="utf-8")
    assert "The Cytoscape Consortium" in licence and "Permission is hereby granted" in licence
    readme = (VENDOR_JS.parent / "README.md").read_text(encoding="utf-8")
    assert "cytoscape" in readme and "3.34.4" in readme and "npm pack cytoscape@3.34.4" in readme


def test_the_standalone_file_refers_to_nothing_outside_itself(page_file):
    text = page_file.read_text(encoding="utf-8")
    data_start = text.index('<script type="application/json" id="govgraph-data">')
    markup = text[:data_start]  # the page's markup, before the data block and the inlined scripts
    assert not re.search(r"\b(src|href|action|poster|srcset)\s*=", markup, re.IGNORECASE)
    assert "@import" not in text and "url(" not in markup
    assert "<link" not in markup and "<img" not in markup and "<iframe" not in markup
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text).group(1)
    assert policy.startswith("default-src 'none'; ")
    inline = re.findall(r"<script>(.*?)</script>", text, re.DOTALL) + re.findall(r"<style[^>]*>(.*?)</style>", text, re.DOTALL)
    assert len(inline) == 3
    for body in inline:
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        import base64
        assert f"'sha256-{base64.b64encode(digest).decode()}'" in policy


def test_labels_cannot_break_out_of_the_data_block():
    graph = nx.DiGraph(view="custom", title="<b>T</b>")
    graph.add_node("x", label='</script><script>alert("x")</script>', kind="state", iri="x")
    text = to_html(graph)
    assert '</script><script>alert("x")' not in text
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert" in text
    assert "<title>&lt;b&gt;T&lt;/b&gt; · govgraph</title>" in text


def test_the_served_page_links_its_assets_and_inlines_no_script(signatories):
    text = to_html(signatories, link_base="/", asset_url="/static/viz/", menu=[("Signatories", "/graph?view=signatories"),
                                                                              ("Voices", "/graph?view=voices")],
                   current="/graph?view=signatories")
    assert '<script src="/static/viz/cytoscape.min.js"></script>' in text
    assert '<script src="/static/viz/govgraph-viz.js"></script>' in text
    assert 'href="/static/viz/govgraph-viz.css"' in text
    assert "<script>" not in text and "<style" not in text and "Content-Security-Policy" not in text
    assert '<a href="/graph?view=signatories" aria-current="page">Signatories</a>' in text
    assert set(asset_files()) == {"cytoscape.min.js", "govgraph-viz.js", "govgraph-viz.css"}
    assert all(path.is_file() for path in asset_files().values())


# ------------------------------------------------------------------------------------------------ the browser

@pytest.fixture(scope="module")
def chromium(playwright):
    browser = launch_chromium(playwright)
    try:
        yield browser
    finally:
        browser.close()


class Watched:
    """A page whose every request, console error, page error and CSP violation is recorded; any request that is
    not for a file:// URL (or one the test routes itself) is aborted."""

    def __init__(self, chromium, allow: str | None = None) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.violations: list[dict] = []
        self.context = chromium.new_context(viewport=VIEWPORT, device_scale_factor=1)
        self.context.expose_binding("__vizCsp", lambda _source, report: self.violations.append(report))
        self.context.add_init_script(CSP_LISTENER)
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.context.route(re.compile(r"^(?!file:).*"), lambda route: route.abort() if not (
            allow and route.request.url.startswith(allow)) else route.fallback())
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, url: str) -> None:
        self.page.goto(url)
        self.page.wait_for_function("window.govgraphViz && window.govgraphViz.ready", timeout=20_000)

    def shown(self) -> int:
        return self.page.evaluate("govgraphViz.shownNodes()")

    def drawn(self) -> int:
        """Nodes displayed whose drawn box lies inside the canvas."""
        return self.page.evaluate("""() => {
          const cy = govgraphViz.cy, w = cy.width(), h = cy.height();
          return cy.nodes(':visible').filter(n => { const b = n.renderedBoundingBox();
            return b.w > 0 && b.x1 >= -1 && b.y1 >= -1 && b.x2 <= w + 1 && b.y2 <= h + 1; }).length; }""")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(chromium):
    pages: list[Watched] = []

    def make(allow: str | None = None) -> Watched:
        pages.append(Watched(chromium, allow))
        return pages[-1]

    yield make
    for page in pages:
        page.close()


def _expected_shown(graph: nx.Graph, kind_off: str | None = None, group: str | None = None,
                    declaration: str | None = None) -> int:
    count = 0
    for _node, attrs in graph.nodes(data=True):
        if kind_off and attrs["kind"] == kind_off:
            continue
        if group and attrs.get("groups") is not None and group not in attrs["groups"]:
            continue
        if declaration and declaration not in attrs["declarations"]:
            continue
        count += 1
    return count


def test_the_file_draws_every_node_filters_and_searches_offline(watched, page_file, signatories, tmp_path):
    view = watched()
    url = page_file.as_uri()
    view.open(url)
    page = view.page
    total = signatories.number_of_nodes()
    assert view.shown() == total == 66
    assert view.drawn() == total
    assert page.evaluate("govgraphViz.cy.edges(':visible').length") == signatories.number_of_edges()
    assert page.inner_text("#gv-status") == f"{total} of {total} nodes shown, 65 edges"

    # the legend is the filter by kind
    page.click("label[for='gv-kind-state']")
    assert view.shown() == _expected_shown(signatories, kind_off="state") == 6
    assert view.drawn() == 6
    assert page.inner_text("#gv-status").startswith("6 of 66 nodes shown")
    page.click("label[for='gv-kind-state']")
    assert view.shown() == total

    # by group: members of the G7, and every node that is not an actor
    page.select_option("#gv-group", "G7")
    # the seven G7 states and the EU (a member of the G7 as of itself), the statement and the two agreements
    assert view.shown() == _expected_shown(signatories, group="G7") == 11
    page.select_option("#gv-group", "")
    assert view.shown() == total

    # by declaration: one of the summit's agreements, which only the UK signed
    agreement = next(n for n, k in signatories.nodes(data="kind") if k == "agreement")
    page.select_option("#gv-declaration", agreement)
    assert view.shown() == _expected_shown(signatories, declaration=agreement) == 2
    page.select_option("#gv-declaration", PARIS)
    assert view.shown() == _expected_shown(signatories, declaration=PARIS) == 64
    page.select_option("#gv-declaration", "")

    # search
    page.fill("#gv-search", "france")
    page.wait_for_function("document.getElementById('gv-search-status').textContent === '1 match'")
    assert page.evaluate("govgraphViz.cy.nodes('.gv-match').map(n => n.id())") == [ID + "state/FRA"]
    page.fill("#gv-search", "")

    # colour by group
    page.select_option("#gv-colour", "G7")
    def fill(node: str) -> str:
        return page.evaluate(f"govgraphViz.cy.getElementById('{ID}{node}').style('background-color')")

    def rgb(colour: str) -> str:
        return "rgb({},{},{})".format(*(int(colour[i:i + 2], 16) for i in (1, 3, 5)))

    assert fill("state/FRA") == rgb(GROUP_MEMBER) and fill("state/KEN") == rgb(GROUP_OTHER)
    assert fill("declaration/paris-statement-2025") == rgb(KIND_COLOURS["declaration"])  # not an actor: keeps its kind's colour
    assert "member of G7" in page.inner_text("#gv-colour-legend")
    page.select_option("#gv-colour", "")
    assert fill("state/KEN") == rgb(KIND_COLOURS["state"])

    # the tooltip names the IRI and the source
    x, y = page.evaluate(f"""() => {{ const p = govgraphViz.cy.getElementById('{ID}state/FRA').renderedPosition();
        const r = document.getElementById('gv-graph').getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }}""")
    page.mouse.move(x, y)
    page.wait_for_selector("#gv-tip", state="visible")
    tip = page.inner_text("#gv-tip")
    assert "France" in tip and ID + "state/FRA" in tip
    assert "Statement on Inclusive and Sustainable Artificial Intelligence for People and the Planet" in tip
    assert "member of: EU, G20, G7, OECD, UN" in tip

    # a screenshot, a real PNG of the viewport's size
    shot = tmp_path / "signatories-view.png"
    page.screenshot(path=str(shot))
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    assert struct.unpack(">II", data[16:24]) == (VIEWPORT["width"], VIEWPORT["height"])
    assert len(data) > 20_000

    assert view.requests == [url], "a request left the file"
    assert view.errors == [] and view.violations == []


def test_a_click_opens_the_node_page_when_the_file_links_to_a_server(watched, signatories, tmp_path):
    path = tmp_path / "linked.html"
    path.write_text(to_html(signatories, link_base="http://govgraph.test/"), encoding="utf-8")
    view = watched(allow="http://govgraph.test/")
    view.context.route("http://govgraph.test/**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<!doctype html><title>page</title>"))
    view.open(path.as_uri())
    page = view.page
    x, y = page.evaluate(f"""() => {{ const p = govgraphViz.cy.getElementById('{ID}state/GBR').renderedPosition();
        const r = document.getElementById('gv-graph').getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }}""")
    with page.expect_navigation(url="http://govgraph.test/id/state/GBR"):
        page.mouse.click(x, y)
    assert view.requests == [path.as_uri(), "http://govgraph.test/id/state/GBR"]


def test_the_served_page_works_under_the_server_policy(watched, store):
    """What /graph will send: the page with linked assets under govgraph serve's Content-Security-Policy."""
    graph = build_view("voices", store)
    origin = "http://govgraph.test"
    html = to_html(graph, link_base="/", asset_url="/static/viz/", menu=[("Voices", "/graph?view=voices")],
                   current="/graph?view=voices")
    assets = asset_files()
    types = {".js": "text/javascript", ".css": "text/css"}
    headers = {"Content-Security-Policy": SERVER_CSP, "X-Content-Type-Options": "nosniff"}

    def serve(route):
        path = route.request.url[len(origin):]
        if path.startswith("/static/viz/") and path.rsplit("/", 1)[-1] in assets:
            file = assets[path.rsplit("/", 1)[-1]]
            route.fulfill(status=200, headers={**headers, "Content-Type": types[file.suffix]}, body=file.read_bytes())
        elif path.startswith("/graph"):
            route.fulfill(status=200, headers={**headers, "Content-Type": "text/html; charset=utf-8"}, body=html)
        else:
            route.fulfill(status=200, headers={**headers, "Content-Type": "text/html"}, body="<!doctype html><p>page")

    view = watched(allow=origin)
    view.context.route(origin + "/**", serve)
    view.open(origin + "/graph?view=voices")
    assert view.shown() == graph.number_of_nodes() == 17
    assert view.drawn() == 17
    assert view.violations == [] and view.errors == []
    macron = ID + "person/emmanuel-macron"
    assert view.page.evaluate(f"govgraphViz.linkFor('{macron}')") == "/id/person/emmanuel-macron"
    x, y = view.page.evaluate(f"""() => {{ const p = govgraphViz.cy.getElementById('{macron}').renderedPosition();
        const r = document.getElementById('gv-graph').getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }}""")
    with view.page.expect_navigation(url=origin + "/id/person/emmanuel-macron"):
        view.page.mouse.click(x, y)
    assert all(url.startswith(origin + "/") for url in view.requests)


def test_the_densest_shipped_view_draws_in_the_browser(watched, store, tmp_path):
    graph = build_view("co-signature", store)
    path = tmp_path / "co-signature.html"
    path.write_text(to_html(graph), encoding="utf-8")
    view = watched()
    view.open(path.as_uri())
    assert view.shown() == view.drawn() == 59
    assert view.page.evaluate("govgraphViz.cy.edges().length") == 58 * 57 // 2
    view.page.select_option("#gv-group", "EU")
    assert view.shown() == _expected_shown(graph, group="EU")
    assert view.errors == [] and view.requests == [path.as_uri()]
