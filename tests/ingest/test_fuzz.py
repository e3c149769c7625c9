"""Property-based tests: random and mutated inputs never make an ingester raise anything but the project's error.

Inputs are the fixtures written for the tests (and the seeds when present) cut, shuffled, with lines
repeated or dropped, with random text inserted, and plain random text; then, as files read through the entry
points of ``govgraph ingest declaration|article|records FILE``, the same texts with their encoding broken
(random bytes, NUL bytes, BOMs, latin-1, UTF-16 and UTF-32 re-encodings, lone surrogates, cut multi-byte
characters), binary files, empty files, folders, and lines of 1 MB. A failure must be a GovgraphError whose
message names the file, on one line of reasonable length. Each case is bounded in time by hypothesis's deadline
and each test by a wall-clock alarm, so a parser that hangs fails the test instead of the run.
"""

from __future__ import annotations

import signal
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import FIXTURES, SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govgraph.errors import GovgraphError, IngestError
from govgraph.ingest import article, declaration, records
from govgraph.ingest.common import Source, adhoc_source, load_sources

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
    path = tmp_path_factory.mktemp("records") / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        records.ingest(path, catalogue, load_sources())
    except IngestError as exc:
        assert str(exc).startswith(str(path)), exc


# ---------------------------------------------------------------------------------------------------------------
# Files, not strings: broken bytes through the entry points `govgraph ingest declaration|article|records FILE` uses
# (``declaration.ingest``, ``article.ingest``, ``records.ingest``, with the source ``cmd_ingest`` picks for the
# file). Every case is bounded twice: hypothesis's deadline per example, and a wall bound per test (an alarm that
# raises out of a parser stuck in a loop or a regular expression, so a hang fails the test instead of the run).
# ---------------------------------------------------------------------------------------------------------------

SOURCES = load_sources()
# The file names of the seeds: ``adhoc_source`` then finds their entries in sources.yaml, as the CLI does, so the
# article is read as being about the Paris statement (count claims and signing reports are looked for too).
FILE_NAMES = {"declaration": "000_5a39d49eebf9bea7.txt", "article": "004_4cabcd4b25897728.txt", "records": "fuzz.yaml"}
CORPUS = {"declaration": DECLARATIONS, "article": ARTICLES, "records": RECORDS}
MAX_MESSAGE = 600  # characters after the file name: one line a person reads, not the input echoed back
TEST_WALL_SECONDS = 90


class WallTimeExceeded(BaseException):
    """Raised by the alarm; a BaseException, so neither a parser nor hypothesis swallows it (no shrinking)."""


@contextmanager
def wall_bound(seconds: float, what: str):
    """Fail with WallTimeExceeded if the block runs longer than ``seconds`` (SIGALRM interrupts even ``re``)."""

    def alarm(_signum, _frame):
        raise WallTimeExceeded(f"{what} ran longer than {seconds:g} s: a parser hangs or is super-linear")

    started = time.monotonic()
    previous_handler = signal.signal(signal.SIGALRM, alarm)
    outer, _interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if outer:  # an enclosing bound keeps running
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 0.001))


@pytest.fixture(autouse=True)
def _bounded_test(request):
    """Every test of this module is bounded in wall time as a whole."""
    with wall_bound(TEST_WALL_SECONDS, request.node.name):
        yield


def ingest_file(kind: str, path: Path, catalogue) -> None:
    """What ``govgraph ingest KIND FILE`` does with the file, short of writing the Turtle."""
    if kind == "records":
        records.ingest(path, catalogue, SOURCES, seeds=SEEDS)
    else:
        module = declaration if kind == "declaration" else article
        source = adhoc_source(path, "declaration-text" if kind == "declaration" else "news-article", SOURCES)
        module.ingest(path, source, catalogue)


def assert_ingests_or_names_the_file(kind: str, path: Path, catalogue) -> None:
    try:
        ingest_file(kind, path, catalogue)
    except GovgraphError as exc:
        message = str(exc)
        assert message.startswith(str(path)), f"the message does not name the file: {message[:300]!r}"
        assert "\n" not in message and "\r" not in message, f"not one line: {message[:300]!r}"
        assert len(message) - len(str(path)) <= MAX_MESSAGE, f"a {len(message):,}-character message: {message[:300]!r}..."


BOMS = [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252", "surrogates"]


def _encode(text: str, encoding: str, surrogates: list[tuple[int, str]]) -> bytes:
    if encoding == "surrogates":  # lone surrogates written as UTF-8 would write them: invalid UTF-8
        for position, char in surrogates:
            text = text[:position] + char + text[position:]
        return text.encode("utf-8", "surrogatepass")
    return text.encode(encoding, "replace")


@st.composite
def broken_bytes(draw, corpus: list[str]) -> bytes:
    """A mutated seed or fixture, re-encoded, then damaged byte by byte."""
    text = draw(mutated(corpus))
    surrogates = draw(st.lists(st.tuples(st.integers(0, max(len(text), 0)), st.characters(categories=["Cs"])),
                               min_size=1, max_size=3))
    data = _encode(text, draw(st.sampled_from(ENCODINGS)), surrogates)
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["insert", "nul", "bom", "truncate", "repeat", "flip"]))
        i = draw(st.integers(0, len(data)))
        if op == "insert":
            data = data[:i] + draw(st.binary(min_size=1, max_size=8)) + data[i:]
        elif op == "nul":
            data = data[:i] + b"\x00" + data[i:]
        elif op == "bom":
            data = draw(st.sampled_from(BOMS)) + data
        elif op == "truncate":  # may cut a multi-byte character in two
            data = data[:i]
        elif op == "repeat":
            j = draw(st.integers(i, min(len(data), i + 400)))
            data = data[:j] + data[i:j] * draw(st.integers(2, 5)) + data[j:]
        elif data:
            k = min(i, len(data) - 1)
            data = data[:k] + bytes([data[k] ^ (1 << draw(st.integers(0, 7)))]) + data[k + 1:]
    return data


FILES = settings(max_examples=100, deadline=3000, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
KINDS = ["declaration", "article", "records"]


@contextmanager
def fuzz_file(kind: str):
    with tempfile.TemporaryDirectory(prefix=f"fuzz-{kind}-") as folder:
        yield Path(folder) / FILE_NAMES[kind]


@pytest.mark.parametrize("kind", KINDS)
def test_broken_bytes_from_a_file(kind, catalogue):
    with fuzz_file(kind) as path:

        @FILES
        @given(data=broken_bytes(CORPUS[kind]))
        def case(data):
            path.write_bytes(data)
            assert_ingests_or_names_the_file(kind, path, catalogue)

        case()


@pytest.mark.parametrize("kind", KINDS)
def test_binary_files(kind, catalogue):
    with fuzz_file(kind) as path:

        @FILES
        @given(data=st.one_of(st.binary(max_size=4096), st.binary(min_size=1, max_size=64).map(lambda b: b * 200)))
        def case(data):
            path.write_bytes(data)
            assert_ingests_or_names_the_file(kind, path, catalogue)

        case()


def _valid_example(kind: str) -> bytes:
    return CORPUS[kind][0].encode("utf-8")


EMPTY_AND_ODD = {
    "empty": b"",
    "newlines": b"\n\n\n",
    "whitespace": b" \t \r\n \f\v ",
    "bom only": b"\xef\xbb\xbf",
    "utf-16 bom only": b"\xff\xfe",
    "nul": b"\x00",
    "nul in the middle": b"Title\n\n- 1. A paragraph.\x00\n",
    "lone surrogate": "Title \ud800 text\n".encode("utf-8", "surrogatepass"),
    "utf-16 with bom": "Statement\n\n- 1. A paragraph.\n".encode("utf-16"),
    "latin-1": "D\xe9claration de Paris\n\n- 1. Un paragraphe \xe9l\xe9gant.\n".encode("latin-1"),
    "png header": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "pdf header": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "gzip": b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03",
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", list(EMPTY_AND_ODD))
def test_empty_and_odd_files(kind, name, catalogue, tmp_path):
    path = tmp_path / FILE_NAMES[kind]
    path.write_bytes(EMPTY_AND_ODD[name])
    assert_ingests_or_names_the_file(kind, path, catalogue)


@pytest.mark.parametrize("kind", KINDS)
def test_what_is_not_a_file(kind, catalogue, tmp_path):
    folder = tmp_path / FILE_NAMES[kind]
    folder.mkdir()
    with pytest.raises(GovgraphError, match="folder|cannot be read"):
        ingest_file(kind, folder, catalogue)
    missing = tmp_path / "nowhere" / FILE_NAMES[kind]
    with pytest.raises(GovgraphError, match="not found"):
        ingest_file(kind, missing, catalogue)


MB = 1 << 20
FILLER = " lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod "


def _line(piece: str, filler: str = FILLER) -> str:
    """About 1 MB of ``piece`` repeated on one line, ``filler`` between (a match every ~100 characters)."""
    unit = piece + filler
    return unit * (MB // len(unit.encode("utf-8")))


# One line of about 1 MB, in shapes that make a careless regular expression or a per-match slice of the rest of the
# line quadratic, each through the parser it concerns (every one of the article's took minutes to hours).
HUGE_LINES = {
    "digits": "1" * MB,
    "digits and commas": "1," * (MB // 2) + " countries",
    "numbered entries": _line("17. Finland"),
    "unclosed curly quotes": "\u201c" * (MB // 3),
    "quotations and speakers": _line('"Yes," said Emmanuel Macron,', FILLER * 6),
    "amounts": _line("\u20ac200bn"),
    "a currency and digits": "\u20ac" + "9" * MB,
    "a currency code and a long number": "EUR " + "9" * MB + " bn",
    "count claims": _line("over 60 countries endorsed"),
    "footnote markers": _line("**2Founding members"),
}
HUGE_CASES = [
    *(("article", shape) for shape in ["digits", "digits and commas", "unclosed curly quotes", "quotations and speakers",
                                       "amounts", "a currency and digits", "a currency code and a long number"]),
    *(("declaration", shape) for shape in ["numbered entries", "footnote markers", "count claims", "digits"]),
    *(("records", shape) for shape in ["numbered entries", "unclosed curly quotes"]),
]


def _with_a_huge_line(kind: str, line: str) -> bytes:
    """The shipped example of ``kind`` with the huge line in its middle (for records: as an evidence quote)."""
    lines = _valid_example(kind).decode("utf-8").splitlines()
    if kind == "records":
        quoted = line.replace("\\", "\\\\").replace('"', '\\"')
        record = f'  - {{type: part-of, part: initiative/investai, whole: initiative/investai, evidence: "{quoted}"}}'
        return "\n".join([*lines, record]).encode("utf-8")
    middle = len(lines) // 2
    return "\n".join([*lines[:middle], line, *lines[middle:]]).encode("utf-8")


@pytest.mark.parametrize("kind, shape", HUGE_CASES)
def test_a_huge_line(kind, shape, catalogue, tmp_path):
    """Linear in the size of the input: each case takes 0.1-3 s."""
    line = HUGE_LINES[shape]
    variants = [("in a valid file", _with_a_huge_line(kind, line))]
    if kind == "records":  # alone, the line is a YAML scalar: the schema's message must not echo it whole
        variants.append(("alone", line.encode("utf-8")))
    for where, data in variants:
        path = tmp_path / where.replace(" ", "-") / FILE_NAMES[kind]
        path.parent.mkdir()
        path.write_bytes(data)
        with wall_bound(20, f"{kind} with a 1 MB line of {shape} ({where})"):
            assert_ingests_or_names_the_file(kind, path, catalogue)


def _laughs(levels: int) -> str:
    """A YAML 'billion laughs': each level an alias list of nine of the level before (9**levels strings)."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def _valid_records_with(old: str, new: str) -> str:
    text = _valid_example("records").decode("utf-8")
    assert old in text
    return text.replace(old, new, 1)


# Records files that are valid YAML but hold what Python's number and YAML's alias handling choke on.
ODD_RECORDS = {
    "an infinite amount": _valid_records_with("value: 200000000000", "value: .inf"),
    "an amount too large for a double": _valid_records_with("value: 200000000000", "value: 1.0e+999"),
    "an amount that is not a number": _valid_records_with("value: 200000000000", "value: .nan"),
    "an integer of 5,000 digits": _valid_records_with("value: 200000000000", "value: " + "9" * 5000),
    "lists nested 100,000 deep": "[" * 100_000,
    "mappings nested 5,000 deep": "{a: " * 5_000,
    "a billion laughs": _laughs(10),
}


@pytest.mark.parametrize("name", list(ODD_RECORDS))
def test_odd_records_files(name, catalogue, tmp_path):
    path = tmp_path / FILE_NAMES["records"]
    path.write_text(ODD_RECORDS[name], encoding="utf-8")
    with wall_bound(10, f"a records file with {name}"):
        assert_ingests_or_names_the_file("records", path, catalogue)


@pytest.mark.parametrize("kind", KINDS)
def test_cli_refuses_a_binary_file_in_one_line(kind, cli, tmp_path):
    binary = tmp_path / FILE_NAMES[kind]
    binary.write_bytes(bytes(range(256)) * 16)
    result = cli("ingest", kind, str(binary))
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"govgraph: {binary}"), lines[0]
    assert "Traceback" not in result.stderr and result.stdout == ""
