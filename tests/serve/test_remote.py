"""``govgraph serve --endpoint URL`` over a real Oxigraph server (read-only, its default graph the union of the
named graphs) loaded with the build's ``dataset.nq`` answers exactly like ``govgraph serve`` on the embedded
store: every canned query's JSON download, with and without parameters, a resource's description, a 404 for
an IRI that names nothing, SPARQL SELECT (JSON) and CONSTRUCT (Turtle) through the protocol, and the refusal
of updates (403), which leave the endpoint unchanged.

Each answer is also checked against the session's embedded store queried in this process, so that two
servers agreeing on a wrong (say, empty) answer would not pass.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
from conftest import PREFIXES, govgraph_server, oxigraph_server

from govgraph.queries import EmbeddedEngine, load_catalogue, run

CATALOGUE = sorted(load_catalogue())
FRA = "https://w3id.org/govgraph/id/state/FRA"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
INSERTED = "<https://w3id.org/govgraph/id/state/FRA> <http://example.org/p> \"inserted\""
UPDATE = "INSERT DATA { " + INSERTED + " }"


@pytest.fixture(scope="module")
def remote(built, tmp_path_factory):
    """(base URL of ``govgraph serve --endpoint``, the Oxigraph query URL it uses)."""
    from govgraph.store import current_build

    data = current_build(built[1]) / "dataset.nq"
    assert data.is_file()
    with (oxigraph_server(tmp_path_factory.mktemp("oxigraph"), data, union_default_graph=True) as endpoint,
          govgraph_server(None, "--endpoint", endpoint) as url):
        yield url, endpoint


def fetch(url: str, *, accept: str | None = None, data: bytes | None = None,
          content_type: str | None = None) -> tuple[int, str, bytes]:
    """(status, content type, body) of a GET, or of a POST when ``data`` is given; errors are answers too."""
    request = urllib.request.Request(url, data=data)
    if accept:
        request.add_header("Accept", accept)
    if content_type:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers.get("content-type", ""), response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers.get("content-type", ""), error.read()


def both(remote, served, path: str, **kwargs) -> tuple[tuple[int, str, bytes], tuple[int, str, bytes]]:
    """The same request to the server over Oxigraph and to the embedded one."""
    return fetch(remote[0] + path, **kwargs), fetch(served + path, **kwargs)


def test_the_remote_server_answers_from_oxigraph(remote, served):
    status, _type, body = fetch(remote[0] + "status")
    assert status == 200
    described = json.loads(body)
    assert (described["backend"], described["endpoint"]) == ("remote", remote[1])
    status, _type, body = fetch(served + "status")
    assert status == 200 and json.loads(body)["backend"] == "embedded"


@pytest.mark.parametrize("name", CATALOGUE)
def test_every_canned_query_gives_the_same_json(remote, served, store, name):
    """/queries/NAME.json over Oxigraph is exactly the embedded server's, which is the library's answer."""
    over_remote, embedded = both(remote, served, f"queries/{name}.json")
    assert over_remote[0] == 200, over_remote[2][:500]
    assert embedded[0] == 200, embedded[2][:500]
    assert over_remote[1].startswith("application/json")
    answer = json.loads(over_remote[2])
    assert answer == json.loads(embedded[2])
    assert answer == json.loads(run(name, EmbeddedEngine(store)).to("json"))


def test_the_catalogue_is_all_there(remote):
    """The parametrised test above covers the whole catalogue, which the server lists."""
    assert len(CATALOGUE) >= 20
    status, _type, body = fetch(remote[0] + "queries")
    assert status == 200
    page = body.decode("utf-8")
    assert all(f'href="/queries/{name}"' in page for name in CATALOGUE)


@pytest.mark.parametrize(("name", "params"), [
    ("group-members-not-signed", {"group": "g20"}),
    ("group-members-not-signed", {"group": ""}),  # every group
    ("signatories", {"declaration": ""}),  # every declaration
    ("actor-profile", {"actor": "GBR"}),
    ("actor-profile", {"actor": "state/USA"}),
])
def test_parameters_give_the_same_json(remote, served, store, name, params):
    path = f"queries/{name}.json?" + urllib.parse.urlencode(params)
    over_remote, embedded = both(remote, served, path)
    assert over_remote[0] == embedded[0] == 200, (over_remote[2][:500], embedded[2][:500])
    answer = json.loads(over_remote[2])
    assert answer == json.loads(embedded[2])
    assert answer == json.loads(run(name, EmbeddedEngine(store), **params).to("json"))
    assert answer["rows"]


def test_a_group_parameter_changes_the_answer(remote):
    """group=g20 is bound: its answer is not the default group's (the G7)."""
    g7 = json.loads(fetch(remote[0] + "queries/group-members-not-signed.json")[2])
    g20 = json.loads(fetch(remote[0] + "queries/group-members-not-signed.json?group=g20")[2])
    assert g7["rows"] and g20["rows"] and g7 != g20
    assert {r["source"].rsplit("/", 1)[-1] for r in g20["rows"]} == {"membership-list-g20"}


def test_a_value_that_names_nothing_is_refused_alike(remote, served):
    over_remote, embedded = both(remote, served, "queries/group-members-not-signed.json?group=no-such-group")
    assert over_remote[0] == embedded[0] == 400
    assert b"no-such-group" in over_remote[2] and over_remote[2] == embedded[2]


def triples(body: bytes, fmt: ox.RdfFormat) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, format=fmt)}


def test_a_resource_is_described_alike(remote, served, store):
    """/id/state/FRA.nt (and by Accept) holds the same triples over Oxigraph: every statement out of France and
    into it, as the store has them; the HTML page is headed France."""
    node = ox.NamedNode(FRA)
    expected = {ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(node, None, None)}
    expected |= {ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, node)}
    assert ox.Triple(node, ox.NamedNode(RDFS_LABEL), ox.Literal("France", language="en")) in expected
    over_remote, embedded = both(remote, served, "id/state/FRA.nt")
    assert over_remote[0] == embedded[0] == 200
    assert triples(over_remote[2], ox.RdfFormat.N_TRIPLES) == triples(embedded[2], ox.RdfFormat.N_TRIPLES) == expected
    over_remote, embedded = both(remote, served, "id/state/FRA", accept="application/n-triples")
    assert over_remote[0] == embedded[0] == 200
    assert triples(over_remote[2], ox.RdfFormat.N_TRIPLES) == triples(embedded[2], ox.RdfFormat.N_TRIPLES) == expected
    over_remote, embedded = both(remote, served, "id/state/FRA.ttl")
    assert triples(over_remote[2], ox.RdfFormat.TURTLE) == expected
    status, content_type, body = fetch(remote[0] + "id/state/FRA", accept="text/html")
    assert status == 200 and content_type.startswith("text/html")
    assert "<h1>France</h1>" in body.decode("utf-8")


@pytest.mark.parametrize("path", ["id/state/XXX", "id/state/XXX.nt", "id/no-such-kind/thing"])
def test_an_unknown_iri_is_404_alike(remote, served, path):
    over_remote, embedded = both(remote, served, path, accept="application/n-triples")
    assert over_remote[0] == embedded[0] == 404


SELECT = PREFIXES + """
SELECT ?state ?code ?numeric ?label ?date WHERE {
  ?act a gg:Signing ; gg:agent ?state ; gg:instrument ?declaration .
  ?state gg:iso3166Alpha3 ?code ; gg:iso3166Numeric ?numeric ; rdfs:label ?label .
  OPTIONAL { ?act dcterms:date ?date }
  FILTER(LANG(?label) IN ("en", "fr"))
} ORDER BY ?code ?label"""

CONSTRUCT = PREFIXES + """
CONSTRUCT { ?state gg:signed ?declaration ; rdfs:label ?label }
WHERE { ?state gg:signed ?declaration ; gg:iso3166Alpha3 ?code ; rdfs:label ?label FILTER(LANG(?label) = "en") }"""


def solutions(body: bytes) -> tuple[list[str], list[tuple]]:
    parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    names = [v.value for v in parsed.variables]
    return names, [tuple(s[n] for n in names) for s in parsed]


def test_sparql_select_in_json_alike(remote, served, store):
    query = urllib.parse.urlencode({"query": SELECT})
    accept = "application/sparql-results+json"
    over_remote, embedded = both(remote, served, "sparql?" + query, accept=accept)
    assert over_remote[0] == embedded[0] == 200
    assert over_remote[1].startswith(accept)
    local = store.query(SELECT, use_default_graph_as_union=True)
    names = [v.value for v in local.variables]
    expected = (names, [tuple(s[n] for n in names) for s in local])
    assert len(expected[1]) > 100  # 58 states signed; two labels each
    assert solutions(over_remote[2]) == solutions(embedded[2]) == expected
    posted = fetch(remote[0] + "sparql", accept=accept, data=SELECT.encode("utf-8"),
                   content_type="application/sparql-query")
    assert posted[0] == 200 and solutions(posted[2]) == expected


def test_sparql_construct_in_turtle_alike(remote, served, store):
    body = urllib.parse.urlencode({"query": CONSTRUCT}).encode("ascii")
    over_remote, embedded = both(remote, served, "sparql", accept="text/turtle", data=body,
                                 content_type="application/x-www-form-urlencoded")
    assert over_remote[0] == embedded[0] == 200
    assert over_remote[1].startswith("text/turtle")
    expected = set(store.query(CONSTRUCT, use_default_graph_as_union=True))
    assert len(expected) > 100
    assert triples(over_remote[2], ox.RdfFormat.TURTLE) == triples(embedded[2], ox.RdfFormat.TURTLE) == expected


def test_sparql_ask_alike(remote, served):
    for query, answer in ((PREFIXES + "ASK { <https://w3id.org/govgraph/id/state/FRA> gg:signed ?d }", True),
                          (PREFIXES + "ASK { <https://w3id.org/govgraph/id/state/USA> gg:signed ?d }", False)):
        over_remote, embedded = both(remote, served, "sparql?" + urllib.parse.urlencode({"query": query}),
                                     accept="application/sparql-results+json")
        assert over_remote[0] == embedded[0] == 200
        assert json.loads(over_remote[2])["boolean"] is json.loads(embedded[2])["boolean"] is answer


@pytest.mark.parametrize("how", ["update parameter", "update form", "sparql-update body", "update as query"])
def test_an_update_is_refused_in_remote_mode(remote, served, how):
    """Every way of sending an update gets 403 over Oxigraph, as on the embedded store, and changes nothing."""
    requests = {
        "update parameter": ("sparql?" + urllib.parse.urlencode({"update": UPDATE}), {}),
        "update form": ("sparql", {"data": urllib.parse.urlencode({"update": UPDATE}).encode("ascii"),
                                   "content_type": "application/x-www-form-urlencoded"}),
        "sparql-update body": ("sparql", {"data": UPDATE.encode("utf-8"),
                                          "content_type": "application/sparql-update"}),
        "update as query": ("sparql?" + urllib.parse.urlencode({"query": UPDATE}), {}),
    }
    path, kwargs = requests[how]
    over_remote, embedded = both(remote, served, path, **kwargs)
    assert over_remote[0] == 403, over_remote[2][:500]
    assert embedded[0] == 403
    assert b"read-only" in over_remote[2]
    ask = urllib.parse.urlencode({"query": "ASK { " + INSERTED + " }"})
    for base in (remote[0] + "sparql?", remote[1] + "?"):
        status, _type, body = fetch(base + ask, accept="application/sparql-results+json")
        assert status == 200 and json.loads(body)["boolean"] is False
