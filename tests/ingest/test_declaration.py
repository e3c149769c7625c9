"""The declaration ingester on the Paris statement (the seed, skipped when absent) and on fixtures written for
these tests, including broken ones.

The seed's own sentences are not repeated here: where a test needs a long passage of the seed (the labels of
the priorities), it names the line of the seed the passage comes from, its opening words and its length.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import FIXTURES, PARIS_TEXT, seed_path

from govgraph.config import DATA_DIR
from govgraph.errors import IngestError
from govgraph.ingest import declaration
from govgraph.ingest.common import Source, load_sources, read_text
from govgraph.rdf import DCT, GG, RDF, SCHEMA, SKOS, entity

DECLARATIONS = FIXTURES / "declarations"
ID = "https://w3id.org/govgraph/id/"

# The 58 states of the Paris list, in list order, as ISO 3166-1 alpha-3 codes (entries 1-58, "Timano" aside).
PARIS_STATES = [
    "ARM", "AUS", "AUT", "BEL", "BRA", "BGR", "KHM", "CAN", "CHL", "CHN",
    "HRV", "CYP", "CZE", "DNK", "DJI", "EST", "FIN", "FRA", "DEU", "GRC",
    "HUN", "IND", "IDN", "IRL", "ITA", "JPN", "KAZ", "KEN", "LVA", "LTU",
    "LUX", "MLT", "MEX", "MCO", "MAR", "NZL", "NGA", "NOR", "POL", "PRT",
    "ROU", "RWA", "SEN", "SRB", "SGP", "SVK", "SVN", "ZAF", "KOR", "ESP",
    "SWE", "CHE", "THA", "NLD", "ARE", "UKR", "URY", "VAT",
]


@pytest.fixture(scope="module")
def paris_source() -> Source:
    return load_sources()["paris-statement-2025"]


@pytest.fixture(scope="module")
def paris_path() -> Path:
    return seed_path(PARIS_TEXT)


@pytest.fixture(scope="module")
def paris(paris_path) -> declaration.ParsedDeclaration:
    return declaration.parse(read_text(paris_path), str(paris_path))


@pytest.fixture(scope="module")
def paris_rdf(paris_path, paris_source, catalogue):
    writer, report = declaration.ingest(paris_path, paris_source, catalogue)
    return {q.triple for q in writer.quads()}, report


FIXTURE_SOURCE = Source(id="ok-statement", kind="declaration-text", title="Fixture statement",
                        instrument="verneuil-declaration-2031")


@pytest.fixture(scope="module")
def ok() -> declaration.ParsedDeclaration:
    path = DECLARATIONS / "ok_statement.txt"
    return declaration.parse(read_text(path), str(path))


@pytest.fixture(scope="module")
def ok_rdf(catalogue):
    writer, report = declaration.ingest(DECLARATIONS / "ok_statement.txt", FIXTURE_SOURCE, catalogue)
    return {q.triple for q in writer.quads()}, report


# -- helpers -----------------------------------------------------------------------------------------------

def objects(triples, subject, predicate) -> list:
    return sorted((t.object for t in triples if t.subject == subject and t.predicate == predicate), key=str)


def one(triples, subject, predicate):
    found = objects(triples, subject, predicate)
    assert len(found) == 1, (subject, predicate, found)
    return found[0]


def acts(triples, kind: str) -> list[ox.NamedNode]:
    """The acts of one class, in the order of their list index (then IRI)."""
    nodes = [t.subject for t in triples if t.predicate == RDF.type and t.object == GG[kind]]

    def index(node):
        found = objects(triples, node, GG.listIndex)
        return (int(found[0].value) if found else 0, node.value)

    return sorted(nodes, key=index)


def agent_code(triples, act) -> str | None:
    """'FRA' for a state, 'organisation/european-union' for anything else, None for no agent."""
    agents = objects(triples, act, GG.agent)
    if not agents:
        return None
    assert len(agents) == 1
    local = agents[0].value[len(ID):]
    return local.removeprefix("state/")


# -- the Paris statement (seed) --------------------------------------------------------------------------

def test_paris_header(paris):
    assert paris.venue == "Palais de l'Élysée"
    assert paris.header_line == 3
    assert paris.issued == date(2025, 2, 11)
    assert paris.summit_name == "AI Action Summit"
    assert paris.summit_line == 5
    assert paris.chair_act == "CoChairing"
    assert paris.chairs == ["France", "India"]
    assert paris.summit_dates == (date(2025, 2, 10), date(2025, 2, 11))
    assert paris.city == "Paris"
    assert paris.title == "Statement on Inclusive and Sustainable Artificial Intelligence for People and the Planet"
    assert paris.title_line == 9
    assert paris.title_markers == [(1, "Statement")]
    assert paris.notes == []


def test_paris_paragraphs(paris):
    assert [(p.key, p.number, p.sequence, p.line) for p in paris.paragraphs] == [
        ("1", 1, 1, 11), ("2", 2, 2, 12), ("3", 3, 3, 13),
        ("3-1", None, 4, 24), ("3-2", None, 5, 26), ("3-3", None, 6, 27), ("3-4", None, 7, 28),
        ("4", 4, 8, 29), ("5", 5, 9, 30), ("6", 6, 10, 31),
    ]
    # markers and bold marks are gone from the text, and the markers are kept with the word they were glued to
    founding = paris.paragraphs[4]
    assert founding.text.startswith("Founding members have launched")
    assert founding.raw.startswith("**2Founding members")
    assert founding.markers == [(2, "Founding members")]
    assert paris.paragraphs[7].markers == [(3, "dialogues")]
    assert [p.markers for i, p in enumerate(paris.paragraphs) if i not in (4, 7)] == [[]] * 8
    assert all("**" not in p.text and "³" not in p.text for p in paris.paragraphs)


def test_paris_priorities(paris, paris_path):
    # six priorities: five indented bullets, then (after footnote 1, at a page break) the one bulleted "•"
    assert [line for _label, line in paris.priorities] == [14, 15, 16, 17, 18, 22]
    assert [(" ".join(label.split()[:3]), len(label.split())) for label, _line in paris.priorities] == [
        ("Promoting AI accessibility", 7),
        ("Ensuring AI is", 18),
        ("Making innovation in", 20),
        ("Encouraging AI deployment", 19),
        ("Making AI sustainable", 8),
        ("Reinforcing international cooperation", 9),
    ]
    # each label is its line of the seed without the bullet and without the list's ';'
    seed_lines = paris_path.read_text(encoding="utf-8").splitlines()
    for label, line in paris.priorities:
        assert label == seed_lines[line - 1].strip().lstrip("-\u2022 ").rstrip(";")
        assert not label.endswith((";", ","))


def test_paris_footnotes(paris):
    assert sorted(paris.footnotes) == [1, 2, 3]
    assert [(f.marker, f.line, f.anchor_in, f.anchor_word) for f in paris.footnotes.values()] == [
        (1, 20, "title", "Statement"),
        (2, 46, "3-2", "Founding members"),
        (3, 48, "4", "dialogues"),
    ]
    assert paris.footnotes[1].text.endswith("use of AI only")  # the scope: civil applications only
    assert paris.footnotes[2].text == "Kenya, Germany, Chile, Finland, Slovenia, France, Nigeria, Morocco, India"
    assert paris.footnotes[3].text.endswith("World Summit on the Information Society (WSIS)")
    assert len(paris.footnotes[3].text.split()) == 11


def test_paris_signatory_list(paris):
    entries = paris.entries
    assert len(entries) == 61
    assert [e.index for e in entries] == list(range(1, 62))
    # 17 is printed twice; nothing else repeats or is skipped
    assert [e.number for e in entries] == [*range(1, 18), 17, *range(18, 61)]
    assert [(e.number, e.name, e.line) for e in entries[15:19]] == [
        (16, "Estonia", 55), (17, "Finland", 56), (17, "Timano", 57), (18, "France", 58)]
    # footnotes 2 and 3 sit between entries 10 and 11 (lines 46 and 48) and are not entries
    assert [(e.number, e.line) for e in entries[9:11]] == [(10, 44), (11, 50)]
    assert [(e.number, e.name) for e in entries[-3:]] == [
        (58, "Vatican"), (59, "European Union"), (60, "African Union Commission")]


def test_paris_signatories_resolve_exactly(paris_rdf):
    triples, report = paris_rdf
    signings = acts(triples, "Signing")
    assert len(signings) == 61
    agents = [agent_code(triples, act) for act in signings]
    assert [a for a in agents if a and "/" not in a] == PARIS_STATES
    assert [(i, a) for i, a in enumerate(agents, start=1) if a is None or "/" in a] == [
        (18, None), (60, "organisation/european-union"), (61, "organisation/african-union-commission")]
    # the unresolved entry keeps its number, position and name as written
    timano = entity("act", "paris-statement-2025", "signatory-17-2")
    assert objects(triples, timano, GG.nameAsWritten) == [ox.Literal("Timano")]
    assert objects(triples, timano, GG.listNumber) == [ox.Literal("17", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))]
    assert objects(triples, timano, GG.agent) == []
    finland = entity("act", "paris-statement-2025", "signatory-17")
    assert agent_code(triples, finland) == "FIN"
    # every signing is dated with the statement's date
    assert {one(triples, act, DCT.date).value for act in signings} == {"2025-02-11"}
    assert report.unresolved == ["signatory entry 17 'Timano' (line 57) matches no known state or organisation"]
    assert report.notes == ["line 57: list number 17 is used more than once"]
    assert report.counts == {"paragraphs": 10, "priorities": 6, "footnotes": 3, "signatory entries": 61,
                             "states": 58, "organisations": 2, "unresolved": 1}


def test_paris_founding_members(paris_rdf):
    triples, _report = paris_rdf
    founding = acts(triples, "Founding")
    assert [agent_code(triples, act) for act in founding] == [
        "KEN", "DEU", "CHL", "FIN", "SVN", "FRA", "NGA", "MAR", "IND"]
    assert {one(triples, act, GG.instrument) for act in founding} == {entity("initiative", "public-interest-ai-platform")}
    assert {one(triples, act, GG.statedIn) for act in founding} == {entity("declaration", "paris-statement-2025")}


def test_paris_summit_and_statement(paris_rdf):
    triples, _report = paris_rdf
    summit = entity("event", "ai-action-summit-2025")
    statement = entity("declaration", "paris-statement-2025")
    xsd_date = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
    assert one(triples, summit, SCHEMA.startDate) == ox.Literal("2025-02-10", datatype=xsd_date)
    assert one(triples, summit, SCHEMA.endDate) == ox.Literal("2025-02-11", datatype=xsd_date)
    assert one(triples, summit, SCHEMA.location) == entity("place", "paris")
    assert one(triples, statement, RDF.type) == GG.Statement
    assert one(triples, statement, DCT.issued) == ox.Literal("2025-02-11", datatype=xsd_date)
    assert one(triples, statement, GG.issuedAt) == entity("place", "palais-de-l-elysee")
    assert one(triples, statement, GG.adoptedAt) == summit
    chairs = acts(triples, "CoChairing")
    assert [agent_code(triples, act) for act in chairs] == ["FRA", "IND"]
    assert {one(triples, act, GG.instrument) for act in chairs} == {summit}
    # the priorities form a SKOS scheme of six concepts, in order
    scheme = one(triples, statement, GG.priorities)
    concepts = objects(triples, scheme, SKOS.hasTopConcept)
    assert sorted(int(one(triples, c, GG.sequence).value) for c in concepts) == [1, 2, 3, 4, 5, 6]
    # footnotes: anchored in the statement itself, the founding paragraph and paragraph 4
    anchors = {int(one(triples, f, GG.marker).value): (one(triples, f, GG.anchoredIn), one(triples, f, GG.anchorText).value)
               for f in acts(triples, "Footnote")}
    assert anchors == {
        1: (statement, "Statement"),
        2: (entity("declaration", "paris-statement-2025", "paragraph", "3-2"), "Founding members"),
        3: (entity("declaration", "paris-statement-2025", "paragraph", "4"), "dialogues"),
    }


def test_paris_participants_claim(paris_rdf):
    triples, _report = paris_rdf
    claims = [t.subject for t in triples if t.predicate == RDF.type and t.object == GG.CountClaim]
    assert claims == [entity("claim", "paris-statement-2025-paragraph-1-1")]
    claim = claims[0]
    assert one(triples, claim, GG.countOf) == GG.ParticipatingCountries
    assert one(triples, claim, GG.claimedQuantity).value == "100"
    assert one(triples, claim, GG.quantityQualifier) == GG.MoreThan
    assert one(triples, claim, GG.about) == entity("event", "ai-action-summit-2025")


# -- regeneration: the shipped data/parsed files are what the ingester makes of the seeds -------------------

@pytest.mark.parametrize("kind, seed, source_id", [
    ("declaration", PARIS_TEXT, "paris-statement-2025"),
    ("article", "004_4cabcd4b25897728.txt", "techmonitor-2025-02-uk-us-decline"),
])
def test_shipped_parsed_rdf_is_regenerated_from_the_seeds(kind, seed, source_id, catalogue, cli, tmp_path):
    from govgraph.ingest import article

    path = seed_path(seed)
    source = load_sources()[source_id]
    shipped = DATA_DIR / source.parsed
    module = declaration if kind == "declaration" else article
    writer, _report = module.ingest(path, source, catalogue)
    made = {q.triple for q in writer.quads()}
    expected = {q.triple for q in ox.parse(path=str(shipped), format=ox.RdfFormat.TURTLE)}
    assert (sorted(map(str, made - expected)), sorted(map(str, expected - made))) == ([], []), (
        f"data/{source.parsed} is stale: regenerate it with `govgraph ingest {kind} {path} -o data/{source.parsed}`")
    out = tmp_path / "out.ttl"
    run = cli("ingest", kind, str(path), "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert out.read_bytes() == shipped.read_bytes(), (
        f"data/{source.parsed} differs from what the CLI writes: regenerate it with "
        f"`govgraph ingest {kind} {path} -o data/{source.parsed}`")


# -- the ok fixture ---------------------------------------------------------------------------------------

def test_fixture_header(ok):
    assert ok.venue == "Château de Verneuil"
    assert ok.header_line == 3
    assert ok.issued == date(2031, 3, 6)
    assert ok.summit_name == "Summit on Shared Machine Intelligence"
    assert ok.summit_line == 5
    assert ok.chair_act == "CoChairing"
    assert ok.chairs == ["Kenya", "Norway"]
    assert ok.summit_dates == (date(2031, 3, 5), date(2031, 3, 6))
    assert ok.city == "Nairobi"
    assert ok.title == "Declaration on Fair and Open Machine Intelligence for All Communities"
    assert (ok.title_line, ok.title_markers) == (9, [(1, "Declaration")])
    assert ok.notes == []


def test_fixture_structure(ok):
    assert [(p.key, p.number, p.line, p.markers) for p in ok.paragraphs] == [
        ("1", 1, 11, []), ("2", 2, 12, []), ("3", 3, 13, []),
        ("3-1", None, 23, []), ("3-2", None, 25, [(2, "Founding members")]), ("3-3", None, 26, []),
        ("4", 4, 27, [(3, "dialogues")]), ("5", 5, 28, []),
    ]
    assert ok.paragraphs[4].text == ("Founding members have launched the Public Interest AI Platform and Incubator, "
                                     "a shared space where public bodies can exchange open tools, models and evaluation methods.")
    assert ok.paragraphs[7].text.startswith("We look forward to the next meetings such")
    assert ok.priorities == [
        ("Widening affordable access to computing for researchers", 14),
        ("Keeping public datasets documented, open and reusable", 15),
        ("Measuring the energy and water used by large models", 16),
        ("Training civil servants to procure and audit systems", 17),
        ("Protecting workers whose tasks are reshaped by automation", 21),
    ]
    assert [(f.marker, f.line, f.anchor_in, f.anchor_word, f.text) for f in ok.footnotes.values()] == [
        (1, 19, "title", "Declaration", "This Declaration covers civilian uses of machine intelligence only"),
        (2, 38, "3-2", "Founding members", "Kenya, Norway, Trinidad and Tobago and Chile"),
        (3, 40, "4", "dialogues", "Building on the World Summit on the Information Society (WSIS)"),
    ]
    assert [(e.number, e.index, e.name, e.line) for e in ok.entries] == [
        (1, 1, "Kenya", 32), (2, 2, "Norway", 33), (3, 3, "Brazil", 34), (4, 4, "Czech Republic", 35),
        (5, 5, "Republic of Korea", 36), (6, 6, "Ghana", 42), (7, 7, "Chile", 43), (7, 8, "Freedonia", 44),
        (8, 9, "Untied Kingdom", 45), (9, 10, "Vatican", 46), (10, 11, "Türkiye", 47),
        (11, 12, "European Union", 48), (13, 13, "African Union Commission", 49),
    ]


def test_fixture_rdf(ok_rdf):
    triples, report = ok_rdf
    signings = acts(triples, "Signing")
    # ISO names, reviewed aliases (Czech Republic, Republic of Korea, Vatican) and catalogue organisations
    # resolve; a near miss ("Untied Kingdom") is never guessed
    assert [agent_code(triples, act) for act in signings] == [
        "KEN", "NOR", "BRA", "CZE", "KOR", "GHA", "CHL", None, None, "VAT", "TUR",
        "organisation/european-union", "organisation/african-union-commission"]
    # "Trinidad and Tobago" is one founder, not two
    assert [(agent_code(triples, act), one(triples, act, GG.nameAsWritten).value) for act in acts(triples, "Founding")] == [
        ("KEN", "Kenya"), ("NOR", "Norway"), ("TTO", "Trinidad and Tobago"), ("CHL", "Chile")]
    assert [agent_code(triples, act) for act in acts(triples, "CoChairing")] == ["KEN", "NOR"]
    stated = sorted((one(triples, act, RDF.type).value.rsplit("#", 1)[1], one(triples, act, GG.instrument).value[len(ID):])
                    for kind in ("Acknowledging", "Launching", "LookingForwardTo", "BuildingOn")
                    for act in acts(triples, kind))
    assert stated == [
        ("Acknowledging", "framework/global-digital-compact"),
        ("Acknowledging", "organisation/council-of-europe"),
        ("Acknowledging", "organisation/oecd"),
        ("BuildingOn", "event/wsis"),
        ("Launching", "initiative/public-interest-ai-platform"),
        ("LookingForwardTo", "event/ai-for-good-global-summit-2025"),
        ("LookingForwardTo", "event/kigali-summit"),
    ]
    summit = entity("event", "summit-on-shared-machine-intelligence-2031")
    assert one(triples, summit, RDF.type) == GG.Summit
    assert one(triples, summit, SCHEMA.location) == entity("place", "nairobi")
    assert one(triples, entity("place", "nairobi"), RDF.type) == GG.City
    assert one(triples, entity("declaration", "verneuil-declaration-2031"), RDF.type) == GG.Declaration
    assert report.unresolved == [
        "signatory entry 7 'Freedonia' (line 44) matches no known state or organisation",
        "signatory entry 8 'Untied Kingdom' (line 45) matches no known state or organisation",
    ]
    assert report.notes == [
        f"summit 'Summit on Shared Machine Intelligence' is not in the catalogue; minted {summit.value}",
        "line 44: list number 7 is used more than once",
        "line 49: the list jumps from 11 to 13: no entry numbered 12",
    ]
    assert report.counts == {"paragraphs": 8, "priorities": 5, "footnotes": 3, "signatory entries": 13,
                             "states": 9, "organisations": 2, "unresolved": 2}


def test_fixture_cli_prints_turtle_and_the_report(cli):
    path = DECLARATIONS / "ok_statement.txt"
    run = cli("ingest", "declaration", str(path))
    assert run.returncode == 0, run.stderr
    triples = set(ox.parse(run.stdout.encode(), format=ox.RdfFormat.TURTLE))
    assert len([t for t in triples if t.predicate == RDF.type and t.object == GG.Signing]) == 13
    assert run.stderr.splitlines() == [
        "ok-statement: paragraphs: 8, priorities: 5, footnotes: 3, signatory entries: 13, states: 9, organisations: 2, unresolved: 2",
        "  unresolved: signatory entry 7 'Freedonia' (line 44) matches no known state or organisation",
        "  unresolved: signatory entry 8 'Untied Kingdom' (line 45) matches no known state or organisation",
        "  note: summit 'Summit on Shared Machine Intelligence' is not in the catalogue; minted "
        "https://w3id.org/govgraph/id/event/summit-on-shared-machine-intelligence-2031",
        "  note: line 44: list number 7 is used more than once",
        "  note: line 49: the list jumps from 11 to 13: no entry numbered 12",
    ]


# -- broken fixtures --------------------------------------------------------------------------------------

# file, the line the error names (None: the whole file), words the message must contain
BROKEN = [
    ("truncated_list.txt", 39, ["signatory entry '24.' has a number but no name", "truncated"]),
    ("garbage_in_list.txt", 25, ["'%%ocr-confidence=0.41 col=2' inside the signatory list",
                                 "neither a numbered entry", "nor a footnote"]),
    ("bad_date.txt", 1, ["the date 'Monday Febtember 31st 2031' is not a date", "'Febtember' is not a month"]),
    ("bad_summit_dates.txt", 5, ["the summit's dates '12-10 June, 2031' are not a date", "ends before it starts"]),
    ("binary.txt", 4, ["looks like a binary file", "NUL bytes"]),
    ("latin1.txt", 1, ["not UTF-8 text", "byte 1 cannot be decoded"]),
    ("empty.txt", None, ["is empty"]),
    ("no_paragraphs.txt", None, ["no numbered paragraph", "no signatory list", "is this a declaration?"]),
    # broken five ways (header date on line 1, summit dates on line 5, footnote 1 twice, a stray line in the
    # list, a truncated last entry): the first break in the file is the one reported
    ("broken_many.txt", 1, ["the date 'Monday Febtember 31st 2031' is not a date"]),
]


@pytest.mark.parametrize("name, line, words", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_fixture_raises_with_file_and_line(name, line, words, catalogue):
    path = DECLARATIONS / name
    with pytest.raises(IngestError) as caught:
        declaration.ingest(path, FIXTURE_SOURCE, catalogue)
    error = caught.value
    assert error.where == (f"{path}:{line}" if line else str(path))
    assert str(error).startswith(f"{error.where}: ")
    for word in words:
        assert word in error.what


@pytest.mark.parametrize("name, line, words", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_fixture_cli_prints_one_line(name, line, words, cli):
    path = DECLARATIONS / name
    run = cli("ingest", "declaration", str(path))
    assert run.returncode == 1
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    where = f"{path}:{line}" if line else str(path)
    assert lines[0].startswith(f"govgraph: {where}: ")
    assert all(word in lines[0] for word in words)


def test_broken_many_reports_later_breaks_once_the_first_is_fixed(tmp_path, catalogue):
    """Each break of broken_many.txt is found in turn, in file order, once those above it are repaired."""
    text = (DECLARATIONS / "broken_many.txt").read_text(encoding="utf-8")
    repairs = [
        ("Monday Febtember 31st 2031", "Monday June 2nd 2031", 5, "the summit's dates '12-10 June, 2031'"),
        ("12-10 June, 2031", "1-2 June, 2031", 22, "footnote 1 appears twice (first at line 12)"),
        ("\n\n¹ This Communiqué is not legally binding\n\n- 6.", "\n\n- 6.", 29, "'Page intentionally left blank, see annex'"),
        ("Page intentionally left blank, see annex\n", "", 40, "signatory entry '24.' has a number but no name"),
    ]
    path = tmp_path / "broken_many.txt"
    for old, new, line, words in repairs:
        assert old in text
        text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
        with pytest.raises(IngestError) as caught:
            declaration.parse(read_text(path), str(path))
        assert caught.value.where == f"{path}:{line}"
        assert words in caught.value.what
    path.write_text(text.replace("- 24.\n", "- 24. Peru\n"), encoding="utf-8")
    parsed = declaration.parse(read_text(path), str(path))
    assert [e.name for e in parsed.entries][-2:] == ["Senegal", "Peru"]


def test_read_text_refuses_a_folder_and_a_missing_file(tmp_path):
    with pytest.raises(IngestError) as caught:
        read_text(tmp_path)
    assert (caught.value.where, caught.value.what) == (str(tmp_path), "is a folder, not a text file")
    with pytest.raises(IngestError) as caught:
        read_text(tmp_path / "absent.txt")
    assert (caught.value.where, caught.value.what) == (str(tmp_path / "absent.txt"), "file not found")
