"""The query engine: bound parameters, clear errors, output formats, and the same answers on the embedded
store, on rdflib's engine and on a real Oxigraph server reached through SPARQLWrapper."""

from __future__ import annotations

import json

import pytest

from conftest import FIXTURES, oxigraph_server
from govgraph.errors import GovgraphError
from govgraph.queries import EmbeddedEngine, RdflibEngine, RemoteEngine, load_catalogue, run

QUERIES = FIXTURES / "queries"
CODE = str(QUERIES / "state_by_code.rq")
MEMBERS = str(QUERIES / "memberships_of.rq")
G7 = ["CAN", "DEU", "FRA", "GBR", "ITA", "JPN", "USA"]


@pytest.fixture(scope="module")
def endpoint(built, tmp_path_factory):
    """A real Oxigraph server on 127.0.0.1, loaded with the built dataset, union default graph; stopped after."""
    _result, home = built
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph"), home / "current" / "dataset.nq",
                         union_default_graph=True) as url:
        yield url


@pytest.fixture(scope="module")
def engines(built, store, endpoint):
    _result, home = built
    return {"embedded": EmbeddedEngine(store), "rdflib": RdflibEngine(home / "current" / "dataset.nq"),
            "remote": RemoteEngine(endpoint)}


@pytest.mark.parametrize("engine", ["embedded", "rdflib", "remote"])
def test_iri_parameter_default_slug_and_full_iri(engines, engine):
    e = engines[engine]
    assert [r[1] for r in run(MEMBERS, e).rows] == G7
    assert [r[1] for r in run(MEMBERS, e, group="organisation/g7").rows] == G7
    assert [r[1] for r in run(MEMBERS, e, group="https://w3id.org/govgraph/id/organisation/g7").rows] == G7
    g20 = run(MEMBERS, e, group="g20").rows
    assert len(g20) == 19 and {r[0] for r in g20} == {"https://w3id.org/govgraph/id/organisation/g20"}


@pytest.mark.parametrize("engine", ["embedded", "rdflib", "remote"])
@pytest.mark.parametrize("hostile", [
    'FRA" } ; DROP ALL ; #',
    "FRA' } UNION { ?s ?p ?o }",
    "} INSERT DATA { <urn:x> <urn:y> <urn:z> } #",
    'FRA" . ?state ?p ?o . FILTER("1"="1',
    "\\u0022) } #",
])
def test_string_parameters_are_matched_literally(engines, engine, hostile):
    assert run(CODE, engines[engine]).rows == [["FRA", "France"]]
    assert run(CODE, engines[engine], code=hostile).rows == []
    assert run(CODE, engines[engine]).rows == [["FRA", "France"]], "nothing was changed"


@pytest.mark.parametrize("hostile", [
    "g7> } ; DROP ALL ; <x",
    "https://w3id.org/govgraph/id/organisation/g7> } #",
    "g7 } UNION { ?s ?p ?o",
    "g7\"",
    "{}",
])
def test_iri_parameters_with_sparql_syntax_are_refused(engines, hostile):
    with pytest.raises(GovgraphError, match="neither a slug"):
        run(MEMBERS, engines["embedded"], group=hostile)


def test_a_value_that_names_nothing_is_an_error_not_an_empty_answer(engines):
    for engine in engines.values():
        with pytest.raises(GovgraphError, match="'g8' names nothing in the dataset"):
            run(MEMBERS, engine, group="g8")


def test_unknown_and_missing_parameters(engines):
    with pytest.raises(GovgraphError, match="unknown parameter colour"):
        run(MEMBERS, engines["embedded"], colour="red")
    with pytest.raises(GovgraphError, match="parameter group is required"):
        run(MEMBERS, engines["embedded"], group="")


def test_every_canned_query_answers_the_same_on_the_oxigraph_server(engines):
    catalogue = load_catalogue()
    if not catalogue:
        pytest.skip("the catalogue is empty")
    for name in sorted(catalogue):
        embedded = run(name, engines["embedded"])
        remote = run(name, engines["remote"])
        assert (remote.columns, remote.rows) == (embedded.columns, embedded.rows), name


def test_cli_formats(cli, built):
    _result, home = built
    csv_out = cli("query", MEMBERS, "-f", "csv", home=home)
    assert csv_out.returncode == 0, csv_out.stderr
    assert csv_out.stdout.splitlines()[1:] == [f"https://w3id.org/govgraph/id/organisation/g7,{c}" for c in G7]
    tsv = cli("query", CODE, "-f", "tsv", "-p", "code=JPN", home=home).stdout
    assert tsv == "code\tname\nJPN\tJapan\n"
    as_json = json.loads(cli("query", CODE, "-f", "json", home=home).stdout)
    assert as_json == {"columns": ["code", "name"], "rows": [{"code": "FRA", "name": "France"}]}
    md = cli("query", CODE, "-f", "md", "-p", "code=GBR", home=home).stdout
    assert md == "| code | name |\n|---|---|\n| GBR | United Kingdom |\n"
    table = cli("query", CODE, home=home).stdout
    assert table == "code  name\n----  ------\nFRA   France\n(1 row)\n"


def test_cli_endpoint(cli, built, endpoint):
    _result, home = built
    result = cli("query", MEMBERS, "--endpoint", endpoint, "-f", "csv", "-p", "group=g7", home=home)
    assert result.returncode == 0, result.stderr
    assert [line.split(",")[1] for line in result.stdout.splitlines()[1:]] == G7


def test_cli_errors(cli, built):
    _result, home = built
    unreachable = cli("query", MEMBERS, "--endpoint", "http://127.0.0.1:9/query", home=home)
    assert unreachable.returncode == 1 and "cannot reach the endpoint" in unreachable.stderr
    nothing = cli("query", MEMBERS, "-p", "group=g8", home=home)
    assert nothing.returncode == 1 and "names nothing in the dataset" in nothing.stderr
    no_such = cli("query", "no-such-question", home=home)
    assert no_such.returncode == 1 and "no such canned query" in no_such.stderr
    bad_param = cli("query", MEMBERS, "-p", "group", home=home)
    assert bad_param.returncode == 2 and "is not KEY=VALUE" in bad_param.stderr
    for result in (unreachable, nothing, no_such, bad_param):
        assert "Traceback" not in result.stderr


def test_python_api(built):
    import govgraph

    _result, home = built
    answer = govgraph.query(MEMBERS, home=home, group="g7")
    assert [row["iso3"] for row in answer] == G7
    assert answer.columns == ["group", "iso3"] and len(answer) == 7
