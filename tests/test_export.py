"""``govgraph export``: every format read back by independent parsers, the VoID counts against SPARQL on the
store, checksums, byte-identical dumps, ``--graph``, the CLI's errors, and the summit documents' exact shape."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import pyoxigraph as ox
import pytest

from conftest import PREFIXES, ROOT

FORMATS = ("nq", "trig", "jsonld", "ttl", "nt", "rdfxml")
OX_FORMATS = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD,
              "ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML}
DUMP_FILES = {"dataset.nq", "dataset.trig", "dataset.jsonld", "dataset.ttl", "dataset.nt", "dataset.rdf", "void.ttl"}
SUMMITS = {"ai-action-summit-2025", "ai-for-good-global-summit-2025", "ai-seoul-summit-2024",
           "bletchley-park-ai-safety-summit-2023", "kigali-summit", "wsis"}
GRAPH = "https://w3id.org/govgraph/graph/"
VOID = "http://rdfs.org/ns/void#"


def no_network_loader(url, options=None):
    raise AssertionError(f"JSON-LD processing tried to fetch {url}")


def _count(store, query: str) -> int:
    return int(next(iter(store.query(PREFIXES + query)))["n"].value)


def _pairs(store, query: str) -> dict[str, int]:
    return {row["k"].value: int(row["n"].value) for row in store.query(PREFIXES + query)}


@pytest.fixture(scope="module")
def home(built):
    return built[1]


@pytest.fixture(scope="module")
def store_quads(store):
    return set(store.quads_for_pattern(None, None, None, None))


@pytest.fixture(scope="module")
def store_triples(store_quads):
    return {q.triple for q in store_quads}


@pytest.fixture(scope="module")
def exports(home):
    from govgraph.export import export

    return {fmt: export(home, fmt) for fmt in FORMATS}


@pytest.fixture(scope="module")
def dump_dir(home, tmp_path_factory):
    from govgraph.export import dump

    folder = tmp_path_factory.mktemp("dump")
    dump(home, folder)
    return folder


@pytest.fixture(scope="module")
def void(dump_dir):
    store = ox.Store()
    store.load(path=str(dump_dir / "void.ttl"), format=ox.RdfFormat.TURTLE)
    return store


# ---------------------------------------------------------------- round trips


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_parses_back_to_the_dataset(fmt, exports, store_quads, store_triples):
    parsed = set(ox.parse(exports[fmt], format=OX_FORMATS[fmt]))
    assert not any(isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in parsed)
    if fmt in ("nq", "trig", "jsonld"):
        assert len(parsed) == len(store_quads) > 12_000
        assert parsed == store_quads  # named graphs included
    else:
        assert all(isinstance(q.graph_name, ox.DefaultGraph) for q in parsed)
        assert {q.triple for q in parsed} == store_triples


def test_nquads_export_is_the_builds_own_dump(exports, home):
    assert exports["nq"] == (home / "current" / "dataset.nq").read_bytes()


def test_same_bytes_from_the_build_folder_and_from_the_store(exports, store):
    from govgraph.export import export

    for fmt in FORMATS:
        assert export(store, fmt) == exports[fmt], fmt


def test_turtle_and_trig_use_the_project_prefixes(exports):
    from govgraph.rdf import PREFIXES as PROJECT_PREFIXES

    for fmt in ("ttl", "trig"):
        head = exports[fmt].decode("utf-8")
        for prefix, ns in PROJECT_PREFIXES.items():
            assert f"@prefix {prefix}: <{ns}> ." in head, (fmt, prefix)
    assert b"gg:Signing" in exports["ttl"]
    assert b"<https://w3id.org/govgraph/graph/paris-statement-2025> {" in exports["trig"]


def test_triple_formats_merge_the_named_graphs(exports, store_triples):
    lines = exports["nt"].splitlines()
    assert len(lines) == len(set(lines)) == len(store_triples)
    assert lines == sorted(lines)


# ---------------------------------------------------------------- JSON-LD


def test_jsonld_expands_with_pyld_without_fetching(exports, store_quads):
    from pyld import jsonld

    document = json.loads(exports["jsonld"])
    nquads = jsonld.to_rdf(document, {"documentLoader": no_network_loader, "format": "application/n-quads"})
    assert set(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)) == store_quads


def test_jsonld_is_compacted_with_the_project_context(exports):
    from govgraph.export import load_context

    document = json.loads(exports["jsonld"])
    context_file = json.loads((ROOT / "ontology" / "context.jsonld").read_text(encoding="utf-8"))
    assert document["@context"] == context_file["@context"] == load_context()
    graphs = {g["@id"]: g["@graph"] for g in document["@graph"]}
    assert list(graphs) == sorted(graphs) and GRAPH + "paris-statement-2025" in graphs
    france = next(n for n in graphs[GRAPH + "iso-3166-1"] if n["@id"] == "id:state/FRA")
    assert france["@type"] == "State"
    assert france["iso3166Alpha3"] == "FRA"
    assert france["label"]["en"] == "France" and france["label"]["fr"] == "France"
    signing = next(n for n in graphs[GRAPH + "paris-statement-2025"] if n["@id"] == "id:act/paris-statement-2025/signatory-17-2")
    assert signing["@type"] == "Signing"
    assert signing["listNumber"] == 17 and signing["listIndex"] == 18  # JSON numbers
    assert signing["nameAsWritten"] == "Timano"
    assert signing["instrument"] == "id:declaration/paris-statement-2025"
    assert signing["date"] == "2025-02-11"
    amount = next(n for n in graphs[GRAPH + "techmonitor-2025-02-uk-us-decline"]
                  if n["@id"] == "id:amount/techmonitor-2025-02-uk-us-decline/eur-200bn")
    assert amount["@type"] == "MonetaryAmount" and amount["value"] == "200000000000" and amount["currency"] == "EUR"
    article = next(n for n in graphs[GRAPH + "techmonitor-2025-02-uk-us-decline"]
                   if n["@id"] == "id:source/techmonitor-2025-02-uk-us-decline")
    # a value no term fits (a gYearMonth under dcterms:issued, typed xsd:date) keeps its own type
    assert article["dcterms:issued"] == {"@value": "2025-02", "@type": "xsd:gYearMonth"}


def test_offline_loader_serves_the_context_and_refuses_everything_else():
    from pyld import jsonld

    from govgraph.export import CONTEXT_URL, offline_document_loader

    expanded = jsonld.expand({"@context": CONTEXT_URL, "@id": "id:state/FRA", "iso3166Alpha3": "FRA"},
                             {"documentLoader": offline_document_loader})
    assert expanded == [{"@id": "https://w3id.org/govgraph/id/state/FRA",
                         "https://w3id.org/govgraph/ontology#iso3166Alpha3": [{"@value": "FRA"}]}]
    with pytest.raises(Exception) as refused:
        jsonld.expand({"@context": "https://example.org/context.jsonld", "@id": "x"},
                      {"documentLoader": offline_document_loader})
    chain, exc = [], refused.value
    while exc is not None:
        chain.append(str(exc))
        exc = exc.__cause__ or exc.__context__
    assert any("refusing to fetch a remote JSON-LD document offline" in text and "https://example.org/context.jsonld" in text
               for text in chain), chain


def test_context_names_every_ontology_term(store):
    from govgraph.export import load_context
    from govgraph.rdf import PREFIXES as PROJECT_PREFIXES

    context = load_context()
    for prefix, ns in PROJECT_PREFIXES.items():
        assert context[prefix] == ns
    assert context["id"] == "https://w3id.org/govgraph/id/"
    terms = {}
    for term, definition in context.items():
        iri = definition if isinstance(definition, str) else definition.get("@id")
        if iri and ":" in iri and not iri.endswith(("#", "/")):
            prefix, _, local = iri.partition(":")
            terms[context[prefix] + local] = definition
    rows = store.query(PREFIXES + """
        PREFIX owl: <http://www.w3.org/2002/07/owl#>
        SELECT DISTINCT ?term ?kind WHERE { GRAPH ?g { ?term a ?kind }
            FILTER (?kind IN (owl:Class, owl:ObjectProperty, owl:DatatypeProperty))
            FILTER (STRSTARTS(STR(?term), "https://w3id.org/govgraph/ontology#")) }""")
    missing, wrong = [], []
    for row in rows:
        term, kind = row["term"].value, row["kind"].value
        if term not in terms:
            missing.append(term)
        elif kind.endswith("ObjectProperty") and terms[term].get("@type") != "@id":
            wrong.append(term)
    assert not missing, f"add these to ontology/context.jsonld: {missing}"
    assert not wrong, f"object properties not typed @id in ontology/context.jsonld: {wrong}"


# ---------------------------------------------------------------- rapper (Debian raptor2-utils)


@pytest.mark.parametrize("fmt,syntax", [("ttl", "turtle"), ("rdfxml", "rdfxml")])
def test_rapper_parses_turtle_and_rdfxml(fmt, syntax, exports, store, tmp_path):
    rapper = shutil.which("rapper")
    if rapper is None:
        pytest.skip("rapper is not installed (Debian package raptor2-utils; .ci/run installs it)")
    path = tmp_path / f"dataset.{fmt}"
    path.write_bytes(exports[fmt])
    result = subprocess.run([rapper, "-c", "-i", syntax, str(path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr
    returned = re.search(r"returned (\d+) triples", result.stderr)
    expected = _count(store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")
    assert returned and int(returned[1]) == expected


def test_rapper_parses_the_void_description(dump_dir, void):
    rapper = shutil.which("rapper")
    if rapper is None:
        pytest.skip("rapper is not installed (Debian package raptor2-utils; .ci/run installs it)")
    result = subprocess.run([rapper, "-c", "-i", "turtle", str(dump_dir / "void.ttl")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "Error" not in result.stderr, result.stderr
    assert int(re.search(r"returned (\d+) triples", result.stderr)[1]) == len(void)


# ---------------------------------------------------------------- VoID and DCAT


def test_void_counts_equal_sparql_counts_on_the_store(void, store):
    ds = "https://w3id.org/govgraph/id/dataset/govgraph"

    def value(prop):
        return int(next(iter(void.quads_for_pattern(ox.NamedNode(ds), ox.NamedNode(VOID + prop), None))).object.value)

    union = "{ SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
    assert value("triples") == _count(store, f"SELECT (COUNT(*) AS ?n) WHERE {union}")
    assert value("entities") == _count(store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert value("classes") == _count(store, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { GRAPH ?g { ?s a ?c } }")
    assert value("properties") == _count(store, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")

    void_classes = _pairs(void, """SELECT ?k ?n WHERE {
        <https://w3id.org/govgraph/id/dataset/govgraph> <http://rdfs.org/ns/void#classPartition> ?part .
        ?part <http://rdfs.org/ns/void#class> ?k ; <http://rdfs.org/ns/void#entities> ?n }""")
    assert void_classes == _pairs(store, "SELECT ?k (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?k } } GROUP BY ?k")
    assert void_classes["https://w3id.org/govgraph/ontology#Signing"] == 63
    assert void_classes["https://w3id.org/govgraph/ontology#Summit"] == 6

    void_properties = _pairs(void, """SELECT ?k ?n WHERE {
        <https://w3id.org/govgraph/id/dataset/govgraph> <http://rdfs.org/ns/void#propertyPartition> ?part .
        ?part <http://rdfs.org/ns/void#property> ?k ; <http://rdfs.org/ns/void#triples> ?n }""")
    assert void_properties == _pairs(store, "SELECT ?k (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?k ?o WHERE { GRAPH ?g { ?s ?k ?o } } } GROUP BY ?k")

    subsets = _pairs(void, """SELECT ?k ?n WHERE {
        <https://w3id.org/govgraph/id/dataset/govgraph> <http://rdfs.org/ns/void#subset> ?k .
        ?k <http://rdfs.org/ns/void#triples> ?n }""")
    assert subsets == _pairs(store, "SELECT ?k (COUNT(*) AS ?n) WHERE { GRAPH ?k { ?s ?p ?o } } GROUP BY ?k")
    assert len(subsets) == 11


def test_void_names_sources_licence_date_vocabularies_and_files(void, dump_dir, home):
    def objects(s, p):
        return sorted(q.object.value for q in void.quads_for_pattern(ox.NamedNode(s), ox.NamedNode(p), None))

    ds = "https://w3id.org/govgraph/id/dataset/govgraph"
    dct, prov, dcat = "http://purl.org/dc/terms/", "http://www.w3.org/ns/prov#", "http://www.w3.org/ns/dcat#"
    assert objects(ds, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type") == [VOID + "Dataset", dcat + "Dataset"]
    assert objects(ds, dct + "license") == ["https://creativecommons.org/licenses/by/4.0/"]
    assert objects(ds, dct + "title") and objects(ds, dct + "description")
    build_name = (home / "current").resolve().name
    assert objects(ds, dct + "modified") == [f"{build_name[:4]}-{build_name[4:6]}-{build_name[6:8]}"]
    assert objects(ds, VOID + "sparqlEndpoint") == []  # only with --endpoint-url
    vocabularies = set(objects(ds, VOID + "vocabulary"))
    for ns in ("https://w3id.org/govgraph/ontology#", "http://www.w3.org/ns/org#", "http://www.w3.org/2004/02/skos/core#",
               "https://schema.org/", "http://www.w3.org/2006/time#", "http://www.w3.org/ns/oa#", dct,
               "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.w3.org/2000/01/rdf-schema#"):
        assert ns in vocabularies
    assert objects(GRAPH + "paris-statement-2025", prov + "wasDerivedFrom") == [
        "https://w3id.org/govgraph/id/source/paris-statement-2025"]
    assert objects(GRAPH + "techmonitor-2025-02-uk-us-decline", prov + "wasDerivedFrom") == [
        "https://w3id.org/govgraph/id/source/techmonitor-2025-02-uk-us-decline"]
    assert "https://w3id.org/govgraph/id/source/membership-list-g7" in objects(GRAPH + "memberships", prov + "wasDerivedFrom")
    assert objects(GRAPH + "ontology", prov + "wasDerivedFrom") == ["https://w3id.org/govgraph/ontology"]
    for graph in objects(ds, VOID + "subset"):
        assert objects(graph, prov + "wasDerivedFrom") or graph == GRAPH + "queries", graph

    assert objects(ds, VOID + "dataDump") == sorted(f"https://w3id.org/govgraph/dump/{n}" for n in DUMP_FILES - {"void.ttl"})
    distributions = objects(ds, dcat + "distribution")
    assert len(distributions) == 6 + len(SUMMITS)
    for dist in distributions:
        name = dist.split("/distribution/", 1)[1]
        data = (dump_dir / name).read_bytes()
        assert objects(dist, dcat + "byteSize") == [str(len(data))]
        assert objects(dist, dcat + "downloadURL") == [f"https://w3id.org/govgraph/dump/{name}"]
        assert objects(dist, dcat + "mediaType")[0].startswith("https://www.iana.org/assignments/media-types/")
        (checksum,) = objects(dist, "http://spdx.org/rdf/terms#checksum")
        assert objects(checksum, "http://spdx.org/rdf/terms#algorithm") == ["http://spdx.org/rdf/terms#checksumAlgorithm_sha256"]
        assert objects(checksum, "http://spdx.org/rdf/terms#checksumValue") == [hashlib.sha256(data).hexdigest()]


def test_checksums_match_the_files(dump_dir):
    lines = (dump_dir / "SHA256SUMS").read_text(encoding="ascii").splitlines()
    listed = {}
    for line in lines:
        digest, name = line.split("  ", 1)
        listed[name] = digest
    on_disk = {str(p.relative_to(dump_dir)) for p in dump_dir.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert set(listed) == on_disk == DUMP_FILES | {f"summits/{s}.jsonld" for s in SUMMITS}
    assert list(listed) == sorted(listed)
    for name, digest in listed.items():
        assert hashlib.sha256((dump_dir / name).read_bytes()).hexdigest() == digest, name
    if shutil.which("sha256sum"):
        check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=dump_dir, capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr


def test_two_dumps_of_the_same_build_are_byte_identical(cli, home, dump_dir, tmp_path):
    again = tmp_path / "again"
    (again / "summits").mkdir(parents=True)
    (again / "summits" / "a-summit-no-longer-in-the-data.jsonld").write_text("{}")  # left by an earlier dump
    result = cli("export", "--dump", str(again), home=home)
    assert result.returncode == 0, result.stderr
    first = {str(p.relative_to(dump_dir)): p.read_bytes() for p in sorted(dump_dir.rglob("*")) if p.is_file()}
    second = {str(p.relative_to(again)): p.read_bytes() for p in sorted(again.rglob("*")) if p.is_file()}
    assert first.keys() == second.keys()
    for name in first:
        assert first[name] == second[name], name


def test_endpoint_url_adds_the_sparql_endpoint(cli, home, tmp_path):
    result = cli("export", "--dump", str(tmp_path / "d"), "--endpoint-url", "http://127.0.0.1:7878/query", home=home)
    assert result.returncode == 0, result.stderr
    void = ox.Store()
    void.load(path=str(tmp_path / "d" / "void.ttl"), format=ox.RdfFormat.TURTLE)
    endpoints = [q.object.value for q in void.quads_for_pattern(None, ox.NamedNode(VOID + "sparqlEndpoint"), None)]
    assert endpoints == ["http://127.0.0.1:7878/query"]


# ---------------------------------------------------------------- --graph


def test_graph_restricts_the_export(home, store, store_quads):
    from govgraph.export import export

    paris = GRAPH + "paris-statement-2025"
    parsed = set(ox.parse(export(home, "nq", graphs=["paris-statement-2025"]), format=ox.RdfFormat.N_QUADS))
    assert parsed == {q for q in store_quads if q.graph_name.value == paris}
    assert len(parsed) == _count(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{paris}> {{ ?s ?p ?o }} }}")
    both = set(ox.parse(export(home, "trig", graphs=[paris, "graph/memberships"]), format=ox.RdfFormat.TRIG))
    assert {q.graph_name.value for q in both} == {paris, GRAPH + "memberships"}
    assert both == {q for q in store_quads if q.graph_name.value in (paris, GRAPH + "memberships")}
    triples = {q.triple for q in ox.parse(export(home, "ttl", graphs=["ontology"]), format=ox.RdfFormat.TURTLE)}
    assert triples == {q.triple for q in store_quads if q.graph_name.value == GRAPH + "ontology"}
    document = json.loads(export(home, "jsonld", graphs=["validation"]))
    assert [g["@id"] for g in document["@graph"]] == [GRAPH + "validation"] and len(document["@graph"][0]["@graph"]) == 3


def test_graph_option_on_the_command_line(cli, home, store_quads):
    result = cli("export", "--format", "nt", "--graph", "techmonitor-2025-02-uk-us-decline", home=home)
    assert result.returncode == 0, result.stderr
    expected = {q.triple for q in store_quads if q.graph_name.value == GRAPH + "techmonitor-2025-02-uk-us-decline"}
    assert {q.triple for q in ox.parse(result.stdout.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)} == expected


# ---------------------------------------------------------------- the command line


def test_format_to_file_and_stdout_are_the_same(cli, home, exports, tmp_path):
    out = tmp_path / "graph.trig"
    to_file = cli("export", "--format", "trig", "-o", str(out), home=home)
    assert to_file.returncode == 0, to_file.stderr
    assert out.read_bytes() == exports["trig"]
    to_stdout = cli("export", "--format", "jsonld", home=home)
    assert to_stdout.returncode == 0 and to_stdout.stdout.encode("utf-8") == exports["jsonld"]


def _one_line_error(result, *needles):
    assert result.returncode == 1, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("govgraph: "), result.stderr
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    assert result.stdout == ""


def test_errors_give_one_line_and_exit_1(cli, home, tmp_path):
    _one_line_error(cli("export", "--format", "xml", home=home), "unknown format 'xml'", "rdfxml")
    _one_line_error(cli("export", "--format", "ttl", "--graph", "no-such-graph", home=home),
                    "no named graph 'no-such-graph'", "paris-statement-2025")
    _one_line_error(cli("export", "--format", "ttl", "-o", str(tmp_path / "missing" / "out.ttl"), home=home),
                    str(tmp_path / "missing" / "out.ttl"), "cannot write")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    _one_line_error(cli("export", "--dump", str(blocker / "dump"), home=home), str(blocker))
    _one_line_error(cli("export", "--frame", "declarations", "-o", str(tmp_path / "f"), home=home), "unknown frame")
    _one_line_error(cli("export", "--format", "nq", home=tmp_path / "no-build"), "no built dataset here")


def test_usage_errors_exit_2(cli, home):
    for args in (("export",), ("export", "--format", "ttl", "--dump", "x"), ("export", "--format", "ttl", "--endpoint-url", "http://x")):
        result = cli(*args, home=home)
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr


def test_frame_command_writes_the_summit_documents(cli, home, dump_dir, tmp_path):
    result = cli("export", "--frame", "summits", "-o", str(tmp_path / "frames"), home=home)
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "frames").iterdir())
    assert written == sorted(f"{s}.jsonld" for s in SUMMITS)
    for name in written:
        assert (tmp_path / "frames" / name).read_bytes() == (dump_dir / "summits" / name).read_bytes()


# ---------------------------------------------------------------- summit documents


@pytest.fixture(scope="module")
def paris(dump_dir):
    return json.loads((dump_dir / "summits" / "ai-action-summit-2025.jsonld").read_text(encoding="utf-8"))


def _keys(tree) -> set[str]:
    if isinstance(tree, dict):
        return set(tree) | {k for v in tree.values() for k in _keys(v)}
    if isinstance(tree, list):
        return {k for v in tree for k in _keys(v)}
    return set()


def test_summit_document_shape(paris):
    assert list(paris) == ["@context", "@id", "@type", "label", "startDate", "endDate", "location", "coChairs",
                           "declarations", "agreements", "launchedAtSummit"]
    assert (paris["@id"], paris["@type"], paris["label"]) == ("id:event/ai-action-summit-2025", "Summit", "AI Action Summit")
    assert (paris["startDate"], paris["endDate"]) == ("2025-02-10", "2025-02-11")
    assert paris["location"] == {"@id": "id:place/paris", "@type": "City", "label": "Paris"}
    assert [c["iso3"] for c in paris["coChairs"]] == ["FRA", "IND"]
    # a web developer reads plain keys: every key is a short term or a JSON-LD keyword, never an IRI
    body = {k: v for k, v in paris.items() if k != "@context"}
    assert all(":" not in key for key in _keys(body))

    (statement,) = paris["declarations"]
    assert list(statement) == ["@id", "@type", "label", "title", "issued", "issuedAt", "signatories", "endorsements",
                               "declined", "launched", "welcomes", "commitsTo"]
    assert statement["@id"] == "id:declaration/paris-statement-2025" and statement["@type"] == "Statement"
    assert statement["title"] == "Statement on Inclusive and Sustainable Artificial Intelligence for People and the Planet"
    assert statement["issued"] == "2025-02-11"
    assert statement["issuedAt"]["label"] == "Palais de l'Élysée"

    signatories = statement["signatories"]
    assert len(signatories) == 61
    assert [s["listIndex"] for s in signatories] == list(range(1, 62))
    iso3 = [s["agent"]["iso3"] for s in signatories if "iso3" in s.get("agent", {})]
    assert len(iso3) == len(set(iso3)) == 58
    assert signatories[0] == {"@id": "id:act/paris-statement-2025/signatory-1", "@type": "Signing", "listIndex": 1,
                              "listNumber": 1, "nameAsWritten": "Armenia", "date": "2025-02-11",
                              "agent": {"@id": "id:state/ARM", "@type": "State", "label": "Armenia", "iso3": "ARM"}}
    finland, timano = signatories[16], signatories[17]
    assert (finland["listNumber"], finland["nameAsWritten"], finland["agent"]["iso3"]) == (17, "Finland", "FIN")
    assert timano == {"@id": "id:act/paris-statement-2025/signatory-17-2", "@type": "Signing", "listIndex": 18,
                      "listNumber": 17, "nameAsWritten": "Timano", "date": "2025-02-11"}  # kept as written, no agent
    assert signatories[58]["nameAsWritten"] == "Vatican" and signatories[58]["agent"]["iso3"] == "VAT"
    organisations = [s for s in signatories if "agent" in s and "iso3" not in s["agent"]]
    assert [(s["listNumber"], s["nameAsWritten"], s["agent"]["@id"], s["agent"]["@type"]) for s in organisations] == [
        (59, "European Union", "id:organisation/european-union", "IntergovernmentalOrganisation"),
        (60, "African Union Commission", "id:organisation/african-union-commission", "IntergovernmentalOrganisation")]
    korea = next(s for s in signatories if s["nameAsWritten"] == "Republic of Korea")
    assert korea["agent"]["iso3"] == "KOR"

    assert [e["agent"]["iso3"] for e in statement["endorsements"]] == ["CHN", "FRA", "IND"]
    declined = {d["agent"]["iso3"]: d for d in statement["declined"]}
    assert list(declined) == ["GBR", "USA"]
    assert len(declined["GBR"]["reason"]) == 3
    assert {r["givenBy"]["label"] for r in declined["GBR"]["reason"]} == {"UK government spokesperson (unnamed)"}
    assert [r["givenBy"]["label"] for r in declined["USA"]["reason"]] == ["JD Vance"]

    (platform,) = statement["launched"]
    assert platform["@id"] == "id:initiative/public-interest-ai-platform" and platform["@type"] == "Platform"
    assert sorted(f["iso3"] for f in platform["foundedBy"]) == ["CHL", "DEU", "FIN", "FRA", "IND", "KEN", "MAR", "NGA", "SVN"]
    (observatory,) = statement["welcomes"]
    assert observatory["@id"] == "id:initiative/observatory-ai-energy"
    assert [p["label"] for p in observatory["partner"]] == ["International Energy Agency"]
    assert [i["@id"] for i in statement["commitsTo"]] == ["id:initiative/global-dialogue-ai-governance",
                                                          "id:initiative/network-observatories-ai-job-market",
                                                          "id:initiative/scientific-panel-ai"]

    assert len(paris["agreements"]) == 2
    for agreement in paris["agreements"]:
        assert agreement["@type"] == "Agreement"
        assert [s["agent"]["iso3"] for s in agreement["signatories"]] == ["GBR"]


def test_summit_document_amounts_add_up(paris):
    (launch,) = paris["launchedAtSummit"]
    assert launch["agent"]["label"] == "European Commission"
    assert launch["representedBy"]["label"] == "Ursula von der Leyen"
    investai = launch["instrument"]
    assert investai["label"] == "InvestAI"
    assert investai["totalAmount"] == {"@id": "id:amount/techmonitor-2025-02-uk-us-decline/eur-200bn",
                                       "@type": "MonetaryAmount", "label": "EUR 200,000,000,000",
                                       "value": "200000000000", "currency": "EUR"}
    parts = {f["agent"]["label"]: int(f["amount"]["value"]) for f in investai["funding"]}
    assert parts == {"European AI Champions Initiative": 150_000_000_000, "European Commission": 50_000_000_000}
    assert sum(parts.values()) == int(investai["totalAmount"]["value"])
    (fund,) = investai["components"]
    assert fund["totalAmount"]["value"] == "20000000000" and fund["totalAmount"]["currency"] == "EUR"
    assert sorted(q["count"] for q in fund["plannedQuantity"]) == [4, 100_000]
    assert [p["label"] for p in investai["supportedBy"]] == ["Digital Europe Programme", "Horizon Europe"]


def test_summit_documents_are_json_ld_whose_triples_are_in_the_dataset(dump_dir, store_triples):
    from pyld import jsonld

    for summit in SUMMITS:
        document = json.loads((dump_dir / "summits" / f"{summit}.jsonld").read_text(encoding="utf-8"))
        nquads = jsonld.to_rdf(document, {"documentLoader": no_network_loader, "format": "application/n-quads"})
        triples = {q.triple for q in ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)}
        assert triples, summit
        assert triples <= store_triples, (summit, sorted(map(str, triples - store_triples))[:5])
        assert document["@type"] == "Summit"
