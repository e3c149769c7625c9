"""The records ingester: the shipped curated records, a small valid fixture, and fixtures broken one way each
(YAML, schema, currency, reference) or valid in structure but wrong in substance (a quote not in its source,
amounts that do not add up), which the build's checks and the shapes must report."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest
from conftest import ARTICLE_TEXT, FIXTURES, SEEDS, seed_path

from govgraph import config
from govgraph.build import ONTOLOGY_GRAPH, check_quotes, read_rdf_file
from govgraph.catalogue import Catalogue
from govgraph.errors import IngestError
from govgraph.ingest import records, reference
from govgraph.ingest.common import load_sources
from govgraph.rdf import DCT, GG, OA, ORG, SCHEMA, entity, graph_iri
from govgraph.validate import validate

RECORDS = FIXTURES / "records"
SHIPPED = config.DATA_DIR / "records" / "ai-action-summit-2025.yaml"
TECHMONITOR = "techmonitor-2025-02-uk-us-decline"


@pytest.fixture(scope="module")
def sources():
    return load_sources()


@pytest.fixture(scope="module")
def catalogue(sources) -> Catalogue:
    cat = Catalogue()
    cat.register_declarations(sources)
    return cat


@pytest.fixture(scope="module")
def context(catalogue, sources) -> list[ox.Quad]:
    """What records lean on when validated: the ontology, the catalogue and the description of each source."""
    quads = read_rdf_file(config.ONTOLOGY_DIR / "govgraph.ttl", ONTOLOGY_GRAPH)
    quads += reference.catalogue_graph(catalogue).quads()
    for source in sources.values():
        quads += source.writer().quads()
    return quads


def ingest(name, catalogue, sources):
    writer, report = records.ingest(RECORDS / name, catalogue, sources)
    return writer.quads(), report


def objects(quads, subject, predicate) -> list:
    return sorted((q.object for q in quads if q.subject == subject and q.predicate == predicate), key=str)


def quote_statuses(quads, sources) -> dict[str, str]:
    """{evidence quote: QuoteFound | QuoteNotFound} for every evidence node of ``quads``."""
    seed_path(ARTICLE_TEXT)  # skip, with the reason, when the seeds are absent
    checked, _counts = check_quotes(quads, sources, SEEDS)
    status = {q.subject: q.object.value.rsplit("#", 1)[1] for q in checked}
    selector = {q.subject: q.object for q in quads if q.predicate == OA.hasSelector}
    exact = {q.subject: q.object.value for q in quads if q.predicate == OA.exact}
    return {exact[selector[ev]]: s for ev, s in status.items()}


# -- the shipped records ----------------------------------------------------------------------------------

def test_shipped_records_ingest(catalogue, sources):
    writer, report = records.ingest(SHIPPED, catalogue, sources)
    assert report.lines() == ["records-ai-action-summit-2025: records: 41"]
    quads = writer.quads()
    assert {q.graph_name for q in quads} == {graph_iri("records-ai-action-summit-2025")}
    assert objects(quads, entity("source", "records-ai-action-summit-2025"), DCT.references) == [
        entity("source", "paris-statement-2025"), entity("source", TECHMONITOR)]
    # InvestAI: 200bn made of 150bn and 50bn
    total = entity("amount", TECHMONITOR, "eur-200bn")
    assert objects(quads, entity("initiative", "investai"), GG.totalAmount) == [total]
    assert objects(quads, total, GG.hasComponent) == [entity("amount", TECHMONITOR, "eur-150bn"),
                                                      entity("amount", TECHMONITOR, "eur-50bn")]


def test_shipped_evidence_quotes_are_all_in_their_sources(catalogue, sources):
    writer, _report = records.ingest(SHIPPED, catalogue, sources)
    statuses = quote_statuses(writer.quads(), sources)
    assert [quote for quote, status in statuses.items() if status != "QuoteFound"] == []
    assert len(statuses) == len({q.subject for q in writer.quads() if q.predicate == OA.hasSource})


# -- the valid fixture ------------------------------------------------------------------------------------

def test_valid_fixture(catalogue, sources, context):
    quads, report = ingest("valid.yaml", catalogue, sources)
    assert report.lines() == ["records-valid: records: 6"]
    post = entity("post", "ukai-chief-executive")
    assert objects(quads, post, ORG.heldBy) == [entity("person", "tim-flagg")]
    assert objects(quads, post, ORG.postIn) == [entity("organisation", "ukai")]
    assert objects(quads, entity("quotation", TECHMONITOR, "tim-flagg-1"), GG.stanceToward) == [
        entity("act", TECHMONITOR, "decliningtosign-gbr")]
    assert objects(quads, entity("quotation", TECHMONITOR, "tim-flagg-1"), GG.stance) == [GG.Supports]
    reason = entity("reason", TECHMONITOR, "us-too-much-regulation")
    assert objects(quads, entity("act", TECHMONITOR, "decliningtosign-usa"), GG.reason) == [reason]
    assert objects(quads, reason, GG.givenBy) == [entity("person", "jd-vance")]
    values = {q.subject.value.rsplit("/", 1)[1]: Decimal(q.object.value) for q in quads if q.predicate == SCHEMA.value}
    assert values == {"eur-200bn": Decimal("200000000000"), "eur-150bn": Decimal("150000000000"),
                      "eur-50bn": Decimal("50000000000")}
    assert objects(quads, entity("initiative", "investai-ai-gigafactories-fund"), GG.partOf) == [entity("initiative", "investai")]
    assert objects(quads, entity("initiative", "investai"), GG.supportedBy) == [entity("initiative", "horizon-europe")]
    assert validate(quads + context) == []


def test_valid_fixture_quotes_are_found(catalogue, sources):
    quads, _report = ingest("valid.yaml", catalogue, sources)
    assert set(quote_statuses(quads, sources).values()) == {"QuoteFound"}
    assert len(quote_statuses(quads, sources)) == 6


# -- broken fixtures --------------------------------------------------------------------------------------

# file, what follows the file name in the error's location, words the message must contain
BROKEN = [
    ("invalid_yaml.yaml", ":6", ["invalid YAML", "expected <block end>"]),
    ("unknown_type.yaml", ":6", ["records/1/type", "'rumour' is not one of"]),
    ("missing_field.yaml", ":6", ["records/1", "'organisation' is a required property"]),
    ("unknown_currency.yaml", ":6", ["currency 'EUX' is not an ISO 4217 code"]),
    ("unknown_reference.yaml", ":6 (person)", ["unknown person 'nobody'"]),
    ("unknown_fact_value.yaml", ":6 (value)", ["unknown initiative 'horizon-2040'"]),
]


@pytest.mark.parametrize("name, where, words", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_records_raise_with_file_line_and_field(name, where, words, catalogue, sources):
    path = RECORDS / name
    with pytest.raises(IngestError) as caught:
        records.ingest(path, catalogue, sources)
    assert caught.value.where == f"{path}{where}"
    assert str(caught.value).startswith(f"{path}{where}: ")
    for word in words:
        assert word in caught.value.what


@pytest.mark.parametrize("name, where, words", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_records_cli_prints_one_line(name, where, words, cli):
    path = RECORDS / name
    run = cli("ingest", "records", str(path))
    assert run.returncode == 1
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith(f"govgraph: {path}{where}: ")
    assert all(word in lines[0] for word in words)


def test_quote_not_in_source_is_found_by_the_quote_check(catalogue, sources, context):
    quads, report = ingest("quote_not_in_source.yaml", catalogue, sources)  # valid in structure
    assert report.lines() == ["records-quote-not-in-source: records: 2"]
    assert quote_statuses(quads, sources) == {
        "Tim Flagg, UKAI\u2019s chief executive": "QuoteFound",
        "Darren Thomson, who chairs the Commvault board": "QuoteNotFound",
    }
    checked, counts = check_quotes(quads, sources, SEEDS)
    assert counts == {"QuoteFound": 1, "QuoteNotFound": 1}
    findings = validate(quads + context + checked)
    assert [(f.severity, f.kind) for f in findings] == [("Warning", "evidence quote not found in its source")]
    assert '"Darren Thomson, who chairs the Commvault board"' in findings[0].message


def test_amounts_that_do_not_add_up_are_a_warning(catalogue, sources, context):
    quads, report = ingest("amounts_do_not_add_up.yaml", catalogue, sources)  # valid in structure
    assert report.lines() == ["records-amounts-do-not-add-up: records: 1"]
    findings = validate(quads + context)
    assert [(f.severity, f.kind, f.focus) for f in findings] == [
        ("Warning", "amounts do not add up", entity("amount", TECHMONITOR, "eur-200bn").value)]
    # the stated total and what its components add up to (150bn + 40bn)
    assert "EUR 200000000000" in findings[0].message
    assert "EUR 190000000000" in findings[0].message


def test_cli_names_the_record_whose_quote_is_not_in_its_source(cli):
    seed_path(ARTICLE_TEXT)
    path = RECORDS / "quote_not_in_source.yaml"
    run = cli("ingest", "records", str(path))
    assert run.returncode == 0, run.stderr  # a finding about a source, not broken structure
    assert run.stderr.splitlines()[1:] == [
        f"  unresolved: {path}:6: the evidence quote 'Darren Thomson, who chairs the Commvault board' is not in "
        "the text of Article on the UK and the US not signing the AI Action Summit declaration, and on InvestAI"]
