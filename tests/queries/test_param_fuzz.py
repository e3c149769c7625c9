"""Property-based tests of query parameters: any string, as the value of any parameter of any canned query, gives
a normal answer or a GovgraphError naming the parameter; never a SPARQL syntax error, another exception, or a
value pasted into the query text.

Values are random unicode (control characters, lone surrogates, line and paragraph separators), SPARQL syntax
(``") } ; DROP ALL #``, ``FRA> . ?s ?p ?o } #``), pieces of real slugs and IRIs glued to it, IRIs with spaces, and
very long strings. The engine is wrapped so that the test sees exactly what reaches it: the query text must be the
catalogue's text unchanged, and every accepted value must arrive as one RDF term (a literal holding the value, or
an IRI that names something in the dataset). The catalogue's parameters are all IRIs; the test fixture
``state_by_code.rq`` adds a string parameter. The same values also go to a real Oxigraph server through
``RemoteEngine`` (the parameters then travel in a ``VALUES`` block), whose answers must equal the embedded ones.
"""

from __future__ import annotations

import signal
import time
from contextlib import contextmanager

import pyoxigraph as ox
import pytest
from conftest import FIXTURES, oxigraph_server
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from govgraph import config
from govgraph.errors import GovgraphError
from govgraph.queries import EmbeddedEngine, RemoteEngine, find, load_catalogue, run

CATALOGUE = load_catalogue()
QUERIES = {**CATALOGUE, "state_by_code": find(str(FIXTURES / "queries" / "state_by_code.rq"))}
PARAMETERS = [(name, parameter.name) for name, query in sorted(QUERIES.items()) for parameter in query.parameters]
ID = config.DEFAULT_BASE + "id/"

HOSTILE = [
    '") } ; DROP ALL #',
    "FRA> . ?s ?p ?o } #",
    "FRA> } ; DROP ALL ; <x",
    "https://w3id.org/govgraph/id/state/FRA> . ?s ?p ?o } #",
    "https://w3id.org/govgraph/id/state/FRA x",
    "https://w3id.org/govgraph/id/state/FRA\n} INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "state/FRA } UNION { ?s ?p ?o",
    "g7\" . ?s ?p ?o . FILTER(\"1\"=\"1",
    "\\u003e } #",
    "FRA\u0000",
    "FRA\u2028} #",
    "<https://w3id.org/govgraph/id/state/FRA>",
    "'; DELETE WHERE { ?s ?p ?o } #",
    "SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o }",
    "../../etc/passwd",
    "FRA%3E%20%7D%20%23",
    "{}",
]
PIECES = [
    "FRA", "GBR", "g7", "g20", "paris-statement-2025", "state/", "organisation/", "declaration/", ID, "http://",
    "https://", "urn:x", ">", "<", "}", "{", ")", "(", '"', "'", "\\", "#", ";", ".", ",", "?s", "$o", " ", "\t",
    "\n", "\r", "\u00a0", "\u2028", "\u0000", "\u0007", "\ud800", "\udfff", "\ufeff", "\u202e", "DROP ALL",
    "INSERT DATA", "SELECT", "%3E", "..", "/", "-", "_", "é", "\U0001f600",
]
WEIRD = st.characters(categories=["Cc", "Cs", "Cf", "Zs", "Zl", "Zp", "Ps", "Pe", "Po", "Sm", "Pd", "Lo"])
VALUES = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=60),
    st.text(WEIRD, max_size=40),
    st.lists(st.sampled_from(PIECES), max_size=8).map("".join),
    st.tuples(st.sampled_from(PIECES), st.text(WEIRD, max_size=5), st.sampled_from(PIECES)).map("".join),
    st.tuples(st.sampled_from(["FRA", "}", "a", ID + "state/", '"']), st.integers(1_000, 200_000)).map(lambda t: t[0] * t[1]),
)
FUZZ = settings(max_examples=250, deadline=5000, suppress_health_check=[HealthCheck.too_slow])


class WallTimeExceeded(BaseException):
    """Raised by the alarm; a BaseException, so hypothesis does not catch it and shrink."""


@contextmanager
def wall_bound(seconds: float, what: str):
    """Fail with WallTimeExceeded if the block runs longer than ``seconds``; an enclosing bound keeps running."""

    def alarm(_signum, _frame):
        raise WallTimeExceeded(f"{what} ran longer than {seconds:g} s")

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, alarm)
    outer, _interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 0.001))


@pytest.fixture(autouse=True)
def _bounded_test(request):
    """Every test of this module is bounded in wall time as a whole (shrinking included)."""
    with wall_bound(60, request.node.name):
        yield


class Spy:
    """An engine that records what reaches the underlying one."""

    def __init__(self, engine) -> None:
        self.engine, self.selects = engine, []

    def select(self, text, bindings):
        self.selects.append((text, dict(bindings)))
        return self.engine.select(text, bindings)

    def exists(self, iri):
        assert isinstance(iri, ox.NamedNode)
        return self.engine.exists(iri)


@pytest.fixture(scope="module")
def embedded(store):
    return EmbeddedEngine(store)


def outcome(engine, query_name: str, parameter: str, value: str):
    """('answer', columns, rows) or ('refused', message); anything else propagates and fails the test."""
    try:
        answer = run(QUERIES[query_name], engine, **{parameter: value})
    except GovgraphError as exc:
        return ("refused", str(exc))
    return ("answer", answer.columns, answer.rows)


def check(embedded, query_name: str, parameter: str, value: str):
    query = QUERIES[query_name]
    spy = Spy(embedded)
    result = outcome(spy, query_name, parameter, value)
    if result[0] == "refused":
        assert f"parameter {parameter}" in result[1], f"the message does not name the parameter: {result[1][:300]!r}"
        assert not result[1].startswith("query:"), f"the value reached the query text: {result[1][:300]!r}"
        assert "\n" not in result[1] and len(result[1]) < 1000, f"not one short line: {result[1][:300]!r}..."
        assert not spy.selects, "a refused value must not run the query"
        return result
    [(text, bindings)] = spy.selects
    assert text == query.text, "the query text was changed"
    spec = query.parameter(parameter)
    if not value.strip():
        assert parameter not in bindings or spec.default is not None
        return result
    term = bindings[parameter]
    if spec.type == "string":
        assert term == ox.Literal(value.strip())
    else:
        assert isinstance(term, ox.NamedNode), term
        assert term.value.endswith(value.strip()), (term, value)
        assert embedded.exists(term), f"{term} names nothing in the dataset"
    return result


@FUZZ
@given(target=st.sampled_from(PARAMETERS), value=VALUES)
def test_any_value_of_any_parameter(embedded, target, value):
    with wall_bound(10, f"{target} = {value[:40]!r}"):
        result = check(embedded, *target, value)
    kinds = ("neither a slug", "names nothing", "is required", "not valid Unicode")
    event(result[0] if result[0] == "answer" else next((k for k in kinds if k in result[1]), "refused otherwise"))


@pytest.mark.parametrize("query_name, parameter", PARAMETERS)
def test_hostile_values_are_refused_naming_the_parameter(embedded, query_name, parameter):
    default = run(QUERIES[query_name], embedded)
    for value in HOSTILE:
        result = check(embedded, query_name, parameter, value)
        if QUERIES[query_name].parameter(parameter).type == "iri":
            assert result[0] == "refused", (value, result)
            assert result[1].startswith(f"parameter {parameter}: "), result[1]
    again = run(QUERIES[query_name], embedded)
    assert (again.columns, again.rows) == (default.columns, default.rows), "the answer changed: something was written"


def test_a_value_that_closes_an_iri_is_refused(embedded):
    with pytest.raises(GovgraphError, match=r"^parameter actor: 'FRA> \. \?s \?p \?o } #' is neither a slug"):
        run("actor-profile", embedded, actor="FRA> . ?s ?p ?o } #")
    with pytest.raises(GovgraphError, match=r"^parameter actor: .* is neither a slug"):
        run("actor-profile", embedded, actor=ID + "state/FRA x")
    assert run("actor-profile", embedded, actor=ID + "state/FRA").rows == run("actor-profile", embedded, actor="FRA").rows


def test_string_values_are_literals_even_when_they_look_like_sparql(embedded):
    for value in HOSTILE:
        result = check(embedded, "state_by_code", "code", value)
        assert result[0] == "answer" and result[2] == [] or "parameter code" in result[1], (value, result)
    assert run(QUERIES["state_by_code"], embedded, code="FRA").rows == [["FRA", "France"]]


@pytest.fixture(scope="module")
def remote(built, tmp_path_factory):
    _result, home = built
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph-fuzz"), home / "current" / "dataset.nq",
                         union_default_graph=True) as url:
        yield RemoteEngine(url, timeout=20)


REMOTE = settings(max_examples=40, deadline=10_000, suppress_health_check=[HealthCheck.too_slow])
SHORT_VALUES = st.one_of(st.sampled_from(HOSTILE), st.text(WEIRD, max_size=30),
                         st.lists(st.sampled_from(PIECES), max_size=6).map("".join))


@REMOTE
@given(target=st.sampled_from([("state_by_code", "code"), ("actor-profile", "actor"), ("memberships", "group")]),
       value=SHORT_VALUES)
def test_a_remote_endpoint_gives_the_embedded_answer(embedded, remote, target, value):
    started = time.monotonic()
    with wall_bound(30, f"{target} = {value[:40]!r} on the Oxigraph server"):
        here = outcome(embedded, *target, value)
        there = outcome(remote, *target, value)
    if here[0] == "refused":
        assert there[0] == "refused" and f"parameter {target[1]}" in there[1], (here, there)
    else:
        assert there == here, (value, here[:2], there[:2])
    assert time.monotonic() - started < 30
