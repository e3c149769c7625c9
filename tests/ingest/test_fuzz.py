"""Property-based tests: random and mutated texts never make an ingester raise anything but IngestError.

Inputs are the fixtures written for the tests (and the seeds when present) cut, shuffled, with lines
repeated or dropped, with random text inserted, and plain random text. Each case is bounded in time by
hypothesis's deadline, so a parser that hangs fails the test instead of the run.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, SEEDS
from govgraph.errors import IngestError
from govgraph.ingest import article, declaration
from govgraph.ingest.common import Source

DECLARATION_SOURCE = Source(id="fuzz-declaration", kind="declaration-text", title="fuzzed declaration")
ARTICLE_SOURCE = Source(id="fuzz-article", kind="news-article", title="fuzzed article", about="paris-statement-2025")


def _texts(*paths: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in paths if p.is_file()]


DECLARATIONS = _texts(FIXTURES / "declarations" / "ok_statement.txt", SEEDS / "000_5a39d49eebf9bea7.txt")
ARTICLES = _texts(FIXTURES / "articles" / "ok_article.txt", SEEDS / "004_4cabcd4b25897728.txt")


@st.composite
def mutated(draw, corpus: list[str]) -> str:
    lines = draw(st.sampled_from(corpus)).splitlines()
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["cut", "shuffle", "repeat", "drop", "insert", "truncate_line"]))
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        if op == "cut":
            lines = lines[:i] if draw(st.booleans()) else lines[i:]
        elif op == "shuffle":
            lines = draw(st.permutations(lines))
        elif op == "repeat":
            lines = lines[: i + 1] + lines[i:]
        elif op == "drop":
            lines = lines[:i] + lines[i + 1:]
        elif op == "insert":
            lines.insert(i, draw(st.text(max_size=200)))
        else:
            lines[i] = lines[i][: draw(st.integers(0, max(len(lines[i]), 0)))]
    return "\n".join(lines)


FUZZ = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _ingest_declaration(text: str, catalogue) -> None:
    try:
        parsed = declaration.parse(text, "fuzz.txt")
        declaration.to_rdf(parsed, DECLARATION_SOURCE, catalogue)
    except IngestError as exc:
        assert str(exc).startswith("fuzz.txt"), exc


def _ingest_article(text: str, catalogue) -> None:
    try:
        article.to_rdf(text, "fuzz.txt", ARTICLE_SOURCE, catalogue)
    except IngestError as exc:
        assert str(exc).startswith("fuzz.txt"), exc


@FUZZ
@given(text=mutated(DECLARATIONS))
def test_mutated_declarations(text, catalogue):
    _ingest_declaration(text, catalogue)


@FUZZ
@given(text=st.text(max_size=2000))
def test_random_text_as_a_declaration(text, catalogue):
    _ingest_declaration(text, catalogue)


@FUZZ
@given(text=mutated(ARTICLES))
def test_mutated_articles(text, catalogue):
    _ingest_article(text, catalogue)


@FUZZ
@given(text=st.text(max_size=2000))
def test_random_text_as_an_article(text, catalogue):
    _ingest_article(text, catalogue)


RECORDS = _texts(FIXTURES / "records" / "valid.yaml", Path(__file__).resolve().parents[2] / "data" / "records" / "ai-action-summit-2025.yaml")


@FUZZ
@given(text=st.one_of(mutated(RECORDS), st.text(max_size=1000)))
def test_mutated_and_random_records(text, catalogue, tmp_path_factory):
    from govgraph.ingest import records
    from govgraph.ingest.common import load_sources

    path = tmp_path_factory.mktemp("records") / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        records.ingest(path, catalogue, load_sources())
    except IngestError as exc:
        assert str(exc).startswith(str(path)), exc
