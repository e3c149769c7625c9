"""The article ingester on the Tech Monitor article (the seed, skipped when absent) and on fixtures written for
these tests: quotations and their speakers, amounts, states reported as declining or endorsing, count claims."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import ARTICLE_TEXT, FIXTURES, seed_path

from govgraph.catalogue import Catalogue
from govgraph.errors import IngestError
from govgraph.ingest import article
from govgraph.ingest.common import Source, load_sources, read_text
from govgraph.money import CurrencyError, find_amounts
from govgraph.rdf import DCT, GG, RDF, SCHEMA, entity

ARTICLES = FIXTURES / "articles"
ID = "https://w3id.org/govgraph/id/"
TECHMONITOR = "techmonitor-2025-02-uk-us-decline"
FIXTURE_SOURCE = Source(id="ok-article", kind="news-article", title="Fixture article", about="nairobi-charter-2031")


@pytest.fixture(scope="module")
def seed_article() -> Path:
    return seed_path(ARTICLE_TEXT)


@pytest.fixture(scope="module")
def seed_rdf(seed_article, catalogue):
    writer, report = article.ingest(seed_article, load_sources()[TECHMONITOR], catalogue)
    return {q.triple for q in writer.quads()}, report


@pytest.fixture(scope="module")
def ok_rdf(catalogue):
    writer, report = article.ingest(ARTICLES / "ok_article.txt", FIXTURE_SOURCE, catalogue)
    return {q.triple for q in writer.quads()}, report


def quotations(path: Path, source_id: str, catalogue: Catalogue) -> list[tuple[int, str | None]]:
    text = read_text(path)
    found = article.find_quotations(article._paragraphs(text), catalogue, source_id, article.load_rules())
    return [(q.line, q.speaker.slug if q.speaker else None) for q in found]


def of_type(triples, cls) -> list[ox.NamedNode]:
    return sorted((t.subject for t in triples if t.predicate == RDF.type and t.object == cls), key=str)


def one(triples, subject, predicate):
    found = [t.object for t in triples if t.subject == subject and t.predicate == predicate]
    assert len(found) == 1, (subject, predicate, found)
    return found[0]


def amounts(triples) -> list[tuple[str, Decimal]]:
    return sorted((one(triples, a, SCHEMA.currency).value, Decimal(one(triples, a, SCHEMA.value).value))
                  for a in of_type(triples, SCHEMA.MonetaryAmount))


def reported_states(triples, kind: str) -> list[str]:
    return sorted(one(triples, act, GG.agent).value[len(ID + "state/"):] for act in of_type(triples, GG[kind]))


def claims(triples) -> list[tuple[str, str, int, str]]:
    return sorted((one(triples, c, GG.countOf).value.rsplit("#", 1)[1], one(triples, c, GG.quantityQualifier).value.rsplit("#", 1)[1],
                   int(one(triples, c, GG.claimedQuantity).value), one(triples, c, GG.about).value[len(ID):])
                  for c in of_type(triples, GG.CountClaim))


# -- the Tech Monitor article (seed) ----------------------------------------------------------------------

def test_seed_quotations_and_speakers(seed_article, catalogue):
    assert quotations(seed_article, TECHMONITOR, catalogue) == [
        (5, "uk-government-spokesperson"),
        (7, "jd-vance"), (7, "jd-vance"),  # "..., Vance said" and the phrase he "highlighted"
        (9, "alexandra-reeve-givens"), (9, "alexandra-reeve-givens"),  # the second continues the first
        (11, "darren-thomson"), (11, "darren-thomson"),
        (13, "tim-flagg"),
        (15, "uk-government-spokesperson"),
        (17, "emmanuel-macron"),
    ]


def test_seed_quotation_nodes(seed_rdf):
    triples, report = seed_rdf
    nodes = of_type(triples, GG.Quotation)
    assert [n.value.rsplit("/", 1)[1] for n in nodes] == [
        "alexandra-reeve-givens-1", "alexandra-reeve-givens-2", "darren-thomson-1", "darren-thomson-2",
        "emmanuel-macron-1", "jd-vance-1", "jd-vance-2", "tim-flagg-1",
        "uk-government-spokesperson-1", "uk-government-spokesperson-2"]
    vance = entity("quotation", TECHMONITOR, "jd-vance-2")
    assert one(triples, vance, GG.quotedText) == ox.Literal("pro-growth AI policies", language="en")
    assert one(triples, vance, GG.speaker) == entity("person", "jd-vance")
    assert report.unresolved == []


def test_seed_amounts(seed_rdf, seed_article):
    triples, report = seed_rdf
    assert amounts(triples) == [
        ("EUR", Decimal("20000000000")), ("EUR", Decimal("50000000000")),
        ("EUR", Decimal("150000000000")), ("EUR", Decimal("200000000000")),
    ]
    nodes = of_type(triples, SCHEMA.MonetaryAmount)
    assert [n.value.rsplit("/", 1)[1] for n in nodes] == ["eur-150bn", "eur-200bn", "eur-20bn", "eur-50bn"]
    xsd_decimal = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
    assert [one(triples, n, SCHEMA.value) for n in nodes] == [
        ox.Literal(v, datatype=xsd_decimal) for v in ("150000000000", "200000000000", "20000000000", "50000000000")]
    # six mentions (the headline and the "Read more" line repeat 200bn and 150bn), four amounts
    mentions = [(a.currency, a.value) for _line, block in article._paragraphs(read_text(seed_article))
                for a in find_amounts(block)]
    assert mentions == [("EUR", Decimal("200000000000")), ("EUR", Decimal("200000000000")),
                        ("EUR", Decimal("150000000000")), ("EUR", Decimal("50000000000")),
                        ("EUR", Decimal("20000000000")), ("EUR", Decimal("150000000000"))]
    assert report.counts == {"paragraphs": 14, "quotations": 10, "amounts": 6, "signing reports": 5}


def test_seed_declining_and_endorsing(seed_rdf):
    triples, _report = seed_rdf
    assert reported_states(triples, "DecliningToSign") == ["GBR", "USA"]
    # "the UK signed other agreements" is no endorsement of the statement
    assert reported_states(triples, "Endorsing") == ["CHN", "FRA", "IND"]
    statement = entity("declaration", "paris-statement-2025")
    assert {one(triples, act, GG.instrument) for kind in ("DecliningToSign", "Endorsing")
            for act in of_type(triples, GG[kind])} == {statement}
    assert {one(triples, act, DCT.source) for act in of_type(triples, GG.Endorsing)} == {entity("source", TECHMONITOR)}


def test_seed_count_claim(seed_rdf):
    triples, _report = seed_rdf
    assert claims(triples) == [("SignatoryStates", "MoreThan", 60, "declaration/paris-statement-2025")]


# -- the ok fixture ---------------------------------------------------------------------------------------

def test_fixture_quotations(catalogue):
    assert quotations(ARTICLES / "ok_article.txt", FIXTURE_SOURCE.id, catalogue) == [
        (5, "emmanuel-macron"),  # "...," said X
        (7, "jd-vance"),  # "...," X said
        (7, "jd-vance"),  # a continuation in the same paragraph
        (7, "jd-vance"),  # "He called the charter "..."" (straight quotes)
        (9, "tim-flagg"),  # X said: "..."
        (13, "darren-thomson"),
        (13, None),  # "...," added <someone govgraph does not know>: not the paragraph's earlier speaker
        (15, None),  # "...," said <someone govgraph does not know>
        (15, None),  # "...," she added: the same unknown person
    ]


def test_fixture_rdf(ok_rdf):
    triples, report = ok_rdf
    assert amounts(triples) == [
        ("EUR", Decimal("12000000000")), ("GBP", Decimal("40000000")),
        ("USD", Decimal("750000000")), ("USD", Decimal("2000000000")),
    ]
    assert reported_states(triples, "DecliningToSign") == ["CAN", "GBR"]
    assert reported_states(triples, "Endorsing") == ["BRA", "KEN", "NOR"]  # not GBR: it "signed other agreements"
    assert claims(triples) == [("SignatoryStates", "MoreThan", 40, "declaration/nairobi-charter-2031")]
    unattributed = [q for q in of_type(triples, GG.Quotation) if not [t for t in triples if t.subject == q and t.predicate == GG.speaker]]
    assert [q.value.rsplit("/", 1)[1] for q in unattributed] == ["unattributed-1", "unattributed-2", "unattributed-3"]
    assert report.unresolved == [
        "quotation at line 13 ('The numbers are real, but the'...) has no speaker govgraph knows",
        "quotation at line 15 ('Nobody in the room expected unanimity'...) has no speaker govgraph knows",
        "quotation at line 15 ('Getting forty signatures was already more'...) has no speaker govgraph knows",
    ]
    assert report.notes == []
    assert report.counts == {"paragraphs": 8, "quotations": 9, "amounts": 4, "signing reports": 5}


def test_fixture_cli_without_a_declaration_reports_signing_as_notes(cli):
    """Given on the command line, the fixture has no entry in sources.yaml, so nothing says which declaration
    the states declined or endorsed: no act is made, and the report says why."""
    run = cli("ingest", "article", str(ARTICLES / "ok_article.txt"))
    assert run.returncode == 0, run.stderr
    triples = {q.triple for q in ox.parse(run.stdout.encode(), format=ox.RdfFormat.TURTLE)}
    assert of_type(triples, GG.DecliningToSign) == of_type(triples, GG.Endorsing) == of_type(triples, GG.CountClaim) == []
    assert len(of_type(triples, GG.Quotation)) == 9
    assert run.stderr.splitlines() == [
        "ok-article: paragraphs: 8, quotations: 9, amounts: 4, signing reports: 0",
        "  unresolved: quotation at line 13 ('The numbers are real, but the'...) has no speaker govgraph knows",
        "  unresolved: quotation at line 15 ('Nobody in the room expected unanimity'...) has no speaker govgraph knows",
        "  unresolved: quotation at line 15 ('Getting forty signatures was already more'...) has no speaker govgraph knows",
        "  note: line 1: the article reports signing, but sources.yaml does not say which declaration it is about",
    ]


# -- money ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("€200bn", [("EUR", Decimal("200000000000"))]),
    ("$750m and £40m", [("USD", Decimal("750000000")), ("GBP", Decimal("40000000"))]),
    ("USD 2 billion", [("USD", Decimal("2000000000"))]),
    ("€1.5bn", [("EUR", Decimal("1500000000"))]),
    ("100,000 advanced AI chips", []),
    ("$5 more", [("USD", Decimal("5"))]),
])
def test_find_amounts(text, expected):
    assert [(a.currency, a.value) for a in find_amounts(text)] == expected


def test_unknown_currency_code_is_refused():
    with pytest.raises(CurrencyError) as caught:
        find_amounts("a further XYZ 20bn")
    assert str(caught.value) == "amount 'XYZ 20bn' has currency 'XYZ', which is not an ISO 4217 code"


def test_unknown_currency_fixture(catalogue):
    path = ARTICLES / "unknown_currency.txt"
    with pytest.raises(IngestError) as caught:
        article.ingest(path, FIXTURE_SOURCE, catalogue)
    assert caught.value.where == f"{path}:3"
    assert "'XYZ 20bn'" in caught.value.what
    assert "'XYZ', which is not an ISO 4217 code" in caught.value.what


def test_unknown_currency_fixture_cli(cli):
    path = ARTICLES / "unknown_currency.txt"
    run = cli("ingest", "article", str(path))
    assert run.returncode == 1
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    assert run.stderr.splitlines() == [
        f"govgraph: {path}:3: amount 'XYZ 20bn' has currency 'XYZ', which is not an ISO 4217 code"]


@pytest.mark.parametrize("name, where", [("empty.txt", ""), ("binary.txt", ":4"), ("latin1.txt", ":1")])
def test_article_refuses_what_is_not_text(name, where, cli):
    """The article ingester reads files as the declaration ingester does (the declaration fixtures serve)."""
    path = FIXTURES / "declarations" / name
    run = cli("ingest", "article", str(path))
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"govgraph: {path}{where}: "), run.stderr
