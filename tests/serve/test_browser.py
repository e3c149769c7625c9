"""``govgraph serve`` in a real headless Chromium (Debian's ``/usr/bin/chromium``, driven with Playwright):
a person runs a canned query from its form, follows links between resource pages, picks an example in the
SPARQL editor and runs it; screenshots of the pages are real PNG images.

Every test watches the browser while it works: every request the pages make is recorded and must go to the
server under test on 127.0.0.1; a failed request, a console error, an uncaught script error, a document
without the server's Content-Security-Policy or a CSP violation (reported by a ``securitypolicyviolation``
listener added to each document) fails the test. Nothing can leave the machine: Chromium runs with
``--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"``, a proxy on a local port where nothing
listens (loopback is never proxied) and its background networking off. Playwright never downloads a browser
here (``executable_path`` is Debian's)."""

from __future__ import annotations

import json
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import launch_chromium

PARIS = "paris-statement-2025"
PARIS_TITLE = "Statement on Inclusive and Sustainable Artificial Intelligence for People and the Planet"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Reports each CSP violation of every document (the listener is added by the browser before any page script,
# outside the page's CSP) to the test through a binding.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", function (e) {
  window.__govgraphCsp({directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile,
                        line: e.lineNumber, sample: e.sample, page: document.location.href});
});
"""


@pytest.fixture(scope="module")
def chromium(playwright):
    browser = launch_chromium(playwright)
    try:
        yield browser
    finally:
        browser.close()


@dataclass
class Watch:
    """What the pages of one browser context did: requests, console errors, script errors, CSP violations."""

    origin: str
    requests: list[str] = field(default_factory=list)
    failed: list[tuple[str, str | None]] = field(default_factory=list)
    downloads: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    favicon_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp: list[dict] = field(default_factory=list)
    documents: list[tuple[str, int, str | None]] = field(default_factory=list)  # url, status, CSP header

    def on_console(self, message) -> None:
        if message.type != "error":
            return
        where = (message.location or {}).get("url", "")
        text = f"{message.text} (at {where})"
        # Chromium asks every site for /favicon.ico unless a page names an icon: checked by test_no_favicon_error.
        if urlsplit(where).path == "/favicon.ico":
            self.favicon_errors.append(text)
        else:
            self.console_errors.append(text)

    def on_response(self, response) -> None:
        if response.request.resource_type == "document":
            self.documents.append((response.url, response.status, response.headers.get("content-security-policy")))

    def on_failed(self, request) -> None:
        self.failed.append((request.url, request.failure))

    def assert_clean(self) -> None:
        """Nothing left the server under test, nothing went wrong in the pages, and every document had the CSP."""
        assert self.requests, "the pages made no request at all"
        strays = [u for u in self.requests if not u.startswith(self.origin)]
        assert not strays, f"requests that do not go to {self.origin}: {strays}"
        # a download ends (aborts) the navigation that asked for it
        failed = [f for f in self.failed if not (f[0] in self.downloads and f[1] == "net::ERR_ABORTED")]
        assert not failed, f"requests that failed: {failed}"
        assert not self.csp, f"Content-Security-Policy violations: {self.csp}"
        assert not self.page_errors, f"uncaught script errors: {self.page_errors}"
        assert not self.console_errors, f"console errors: {self.console_errors}"
        assert self.documents
        for url, _status, policy in self.documents:
            assert policy and "script-src 'self'" in policy and "default-src 'none'" in policy, (url, policy)


def watched(browser, served: str):
    """A fresh page (1280x900) in its own context of ``browser``, watched: (context, page, watch)."""
    origin = served.rstrip("/")
    assert urlsplit(origin).hostname == "127.0.0.1"
    watch = Watch(origin + "/")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True,
                                  service_workers="block")
    context.set_default_timeout(20_000)
    context.on("request", lambda request: watch.requests.append(request.url))
    context.on("response", watch.on_response)
    context.on("requestfailed", watch.on_failed)
    context.expose_binding("__govgraphCsp", lambda _source, report: watch.csp.append(report))
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.on("console", watch.on_console)
    page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
    page.on("download", lambda download: watch.downloads.append(download.url))
    return context, page, watch


@pytest.fixture
def browse(chromium, served):
    """A watched page of the module's browser: (page, watch)."""
    context, page, watch = watched(chromium, served)
    try:
        yield page, watch
    finally:
        context.close()


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the IHDR chunk of a PNG file (which must be one)."""
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE, f"{path} is not a PNG file"
    assert data[12:16] == b"IHDR", f"{path} does not start with an IHDR chunk"
    return struct.unpack(">II", data[16:24])


def table_rows(page, selector: str) -> list[list[str]]:
    """The text of each body cell of a results table."""
    return page.eval_on_selector(selector, """t => Array.from(t.tBodies[0].rows,
                                                    r => Array.from(r.cells, c => c.innerText.trim()))""")


def test_signatories_form_runs_and_shows_every_entry(browse, served, store, tmp_path):
    """The form of /queries/signatories keeps the Paris statement as its parameter; clicking Run shows 61 rows
    (the count line and the table agree with the embedded engine, entry by entry); the JSON link downloads the
    same answer; the link to the SPARQL editor opens it with the query's text; a value that names nothing
    shows an error and no table."""
    from govgraph.queries import EmbeddedEngine, load_catalogue, run

    page, watch = browse
    expected = run("signatories", EmbeddedEngine(store))
    assert len(expected) == 61  # the Paris statement's numbered list, the unresolved "Timano" kept

    page.goto(served + "queries/signatories")
    assert page.locator("table.results").count() == 0 and page.locator("#count").count() == 0
    field_ = page.locator("#p-declaration")
    assert field_.input_value() == PARIS
    field_.fill(PARIS)
    with page.expect_navigation():
        page.click("#run")
    address = urlsplit(page.url)
    assert address.path == "/queries/signatories"
    assert parse_qs(address.query) == {"declaration": [PARIS], "run": ["1"]}
    count = re.match(r"(\d+) row\(s\)", page.inner_text("#count"))
    assert count and int(count.group(1)) == len(expected)
    assert page.locator("table.results tbody tr").count() == len(expected)
    headers = page.eval_on_selector("table.results", "t => Array.from(t.tHead.rows[0].cells, c => c.innerText)")
    assert headers == expected.columns
    rows = table_rows(page, "table.results")
    written, code = expected.columns.index("nameAsWritten"), expected.columns.index("iso3")
    assert [r[written] for r in rows] == [row["nameAsWritten"] for row in expected]
    assert [r[code] for r in rows] == [row["iso3"] or "" for row in expected]
    assert "Timano" in [r[written] for r in rows] and "FRA" in [r[code] for r in rows]
    shot = tmp_path / "signatories.png"
    page.screenshot(path=str(shot), full_page=True)
    width, height = png_size(shot)
    assert width > 300 and height > 300

    with page.expect_download() as download:
        page.click("#count a:text-is('JSON')")
    assert download.value.suggested_filename == "signatories.json"
    answer = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert answer["columns"] == expected.columns
    assert [r["nameAsWritten"] for r in answer["rows"]] == [row["nameAsWritten"] for row in expected]

    with page.expect_navigation():
        page.click("a:text-is('Open in the SPARQL editor')")
    assert urlsplit(page.url).path == "/sparql" and parse_qs(urlsplit(page.url).query) == {"example": ["signatories"]}
    assert page.locator("#example").input_value() == "signatories"
    assert page.locator("#query").input_value() == load_catalogue()["signatories"].text.replace("\r\n", "\n")

    page.goto(served + "queries/signatories")
    page.fill("#p-declaration", "no-such-declaration")
    with page.expect_navigation():
        page.click("#run")
    assert "no-such-declaration" in page.inner_text("#error")
    assert page.locator("table.results").count() == 0
    # the answer to a value that names nothing is a 400 page, which Chromium logs as a failed load
    watch.console_errors = [e for e in watch.console_errors
                            if not ("status of 400" in e and "declaration=no-such-declaration" in e)]
    watch.assert_clean()


def test_resource_pages_link_to_each_other(browse, served, tmp_path):
    """/id/state/FRA is headed France; clicking the declaration it signed leads to that declaration's page
    (its URL and heading), back again, and clicking its G7 membership leads to the membership's page, whose
    link to the G7 leads to the G7's page."""
    page, watch = browse
    page.goto(served + "id/state/FRA")
    assert page.inner_text("h1") == "France"
    assert page.title().startswith("France")
    shot = tmp_path / "france.png"
    page.screenshot(path=str(shot), full_page=True)
    width, height = png_size(shot)
    assert width > 300 and height > 300

    link = page.locator(f"#out a[href='/id/declaration/{PARIS}']").first
    text = link.inner_text()
    assert text == PARIS_TITLE
    with page.expect_navigation():
        link.click()
    assert page.url == served + f"id/declaration/{PARIS}"
    assert page.inner_text("h1") == text

    page.go_back()
    assert page.url == served + "id/state/FRA" and page.inner_text("h1") == "France"
    link = page.locator("#in a[href='/id/membership/g7/FRA']")
    text = link.inner_text()
    assert "FRA" in text
    with page.expect_navigation():
        link.click()
    assert page.url == served + "id/membership/g7/FRA"
    assert page.inner_text("h1") == text
    assert page.locator("#out a[href='/id/state/FRA']").inner_text() == "France"
    with page.expect_navigation():
        page.click("#out a[href='/id/organisation/g7']")
    assert page.url == served + "id/organisation/g7"
    assert page.inner_text("h1") == "G7"
    assert page.locator("#in a[href='/id/membership/g7/FRA']").count() == 1
    watch.assert_clean()


def test_sparql_editor_runs_a_chosen_example(browse, served, store):
    """In /sparql, choosing "declined" in the example list puts its text in the editor (editor.js); Run shows a
    results table with the columns and rows the embedded store gives for that text (the UK and the US)."""
    from govgraph.queries import load_catalogue

    page, watch = browse
    catalogue = load_catalogue()
    page.goto(served + "sparql")
    editor = page.locator("#query")
    first = catalogue[min(catalogue)].text  # the editor starts with the first in name order
    assert editor.input_value() == first
    text = catalogue["declined"].text
    assert text != first
    page.select_option("#example", "declined")
    assert editor.input_value() == text
    with page.expect_navigation():
        page.click("#run")
    assert urlsplit(page.url).path == "/sparql"
    assert parse_qs(urlsplit(page.url).query)["query"][0].replace("\r\n", "\n") == text
    solutions = store.query(text, use_default_graph_as_union=True)
    columns = [v.value for v in solutions.variables]
    expected = list(solutions)
    assert expected
    headers = page.eval_on_selector("table.results", "t => Array.from(t.tHead.rows[0].cells, c => c.innerText)")
    assert headers == columns
    count = re.match(r"(\d+) row\(s\)", page.inner_text("#count"))
    assert count and int(count.group(1)) == len(expected)
    rows = table_rows(page, "table.results")
    assert len(rows) == len(expected)
    code = columns.index("iso3")
    assert sorted(r[code] for r in rows) == sorted(s["iso3"].value for s in expected) == ["GBR", "USA"]
    assert editor.input_value().replace("\r\n", "\n") == text  # the editor keeps the query it ran
    watch.assert_clean()


def test_graph_page_draws_a_view_and_a_click_opens_the_node_page(browse, served, store, tmp_path):
    """/graph draws the signatories view with the view's node count; the menu switches views; clicking France
    opens /id/state/FRA; everything under the server's own Content-Security-Policy."""
    from govgraph.viz import build_view

    page, watch = browse
    page.goto(served + "graph?view=signatories")
    page.wait_for_function("window.govgraphViz && govgraphViz.cy && govgraphViz.cy.nodes().length > 0")
    expected = build_view("signatories", store).number_of_nodes()
    assert page.evaluate("govgraphViz.shownNodes()") == expected
    shot = tmp_path / "graph.png"
    page.screenshot(path=str(shot))
    assert min(png_size(shot)) > 300
    france = "https://w3id.org/govgraph/id/state/FRA"
    x, y = page.evaluate(f"""() => {{ const p = govgraphViz.cy.getElementById('{france}').renderedPosition();
        const r = document.getElementById('gv-graph').getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }}""")
    with page.expect_navigation(url=served + "id/state/FRA"):
        page.mouse.click(x, y)
    assert page.inner_text("h1") == "France"
    page.goto(served + "graph?view=voices")
    page.wait_for_function("window.govgraphViz && govgraphViz.cy && govgraphViz.cy.nodes().length > 0")
    assert page.evaluate("govgraphViz.shownNodes()") == build_view("voices", store).number_of_nodes()
    watch.assert_clean()


def test_the_watch_sees_a_csp_violation(browse, served):
    """The checks above can fail: an inline script put into the page is refused by the server's CSP (it does
    not run), and the watch records the violation and the console error."""
    page, watch = browse
    page.goto(served + "sparql")
    page.evaluate("""() => { const s = document.createElement("script");
                             s.textContent = "window.__inlineRan = true;"; document.body.appendChild(s); }""")
    for _ in range(50):  # the report reaches the test through the binding, asynchronously
        if watch.csp:
            break
        page.wait_for_timeout(100)
    assert page.evaluate("() => window.__inlineRan === true") is False
    assert any(v["directive"].startswith("script-src") for v in watch.csp), watch.csp
    assert any("Content Security Policy" in e for e in watch.console_errors), watch.console_errors
    with pytest.raises(AssertionError, match="Content-Security-Policy violations"):
        watch.assert_clean()


def test_no_favicon_error(playwright, served):
    """A browser that has not been to the server yet asks it for /favicon.ico by itself (a browser remembers the
    failure, hence a browser of its own); that must not end in a console error."""
    browser = launch_chromium(playwright)
    try:
        _context, page, watch = watched(browser, served)
        page.goto(served)
        assert page.inner_text("h1").startswith("govgraph")
        page.wait_for_timeout(1000)
    finally:
        browser.close()
    assert not watch.favicon_errors, watch.favicon_errors
    watch.assert_clean()
