"""The canned query catalogue (``queries/*.rq``): the exact answer of every query on the built graph, and the
same answer on every engine.

Each query is run through the engine of ``govgraph.queries`` (``run(name, engine, **params)``), with its
defaults and with other parameter values, and its rows are compared in full with the expected rows (IRIs of
govgraph instances shortened to ``kind/slug``, ontology terms to ``gg:Term``). ``test_same_answer_on_every_engine``
runs every query, with several parameter sets, on the embedded store (pyoxigraph substitutions), on rdflib's
own engine (``initBindings``) and on the embedded store again with the parameters in a trailing ``VALUES``
block (what a remote endpoint receives), and requires identical rows in identical order.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import PARIS_PRIORITIES as PRIORITIES, ARTICLE_TEXT, PARIS_TEXT, SEEDS
from govgraph.queries import EmbeddedEngine, RdflibEngine, load_catalogue, run
from govgraph.queries.engines import python_value, values_clause

ID = "https://w3id.org/govgraph/id/"
GG = "https://w3id.org/govgraph/ontology#"

CONTRACT = [
    "summits", "signatories", "declined", "group-members-not-signed", "signed-a-not-b", "founding-members",
    "initiatives", "funding", "funding-consistency", "acknowledged-frameworks", "priorities", "milestones",
    "quotes", "claim-checks", "data-quality", "actor-profile", "memberships", "provenance", "timeline",
    "coverage-by-region",
]

PARIS = "declaration/paris-statement-2025"
TITLE = "Statement on Inclusive and Sustainable Artificial Intelligence for People and the Planet"
PARIS_SOURCE = "source/paris-statement-2025"
ARTICLE = "source/techmonitor-2025-02-uk-us-decline"
SUSTAINABILITY = "agreement/records-ai-action-summit-2025/summit-sustainability-agreement"
CYBERSECURITY = "agreement/records-ai-action-summit-2025/summit-cybersecurity-agreement"
SUSTAINABILITY_TITLE = "Agreement on sustainability signed at the AI Action Summit (not named in the source)"
CYBERSECURITY_TITLE = "Agreement on cybersecurity signed at the AI Action Summit (not named in the source)"
BN = 1_000_000_000
SIGNED = date(2025, 2, 11)


def seeds_present() -> bool:
    return (SEEDS / PARIS_TEXT).is_file() and (SEEDS / ARTICLE_TEXT).is_file()


def short(value):
    if isinstance(value, str):
        if value.startswith(ID):
            return value[len(ID):]
        if value.startswith(GG):
            return "gg:" + value[len(GG):]
    return value


class ValuesEngine(EmbeddedEngine):
    """The embedded store, with the parameters in a trailing VALUES block as a remote endpoint receives them."""

    def select(self, text, bindings):
        solutions = self.store.query(text + values_clause(bindings), use_default_graph_as_union=True)
        columns = [v.value for v in solutions.variables]
        return columns, [[python_value(s[c]) for c in columns] for s in solutions]


@pytest.fixture(scope="module")
def embedded(store):
    return EmbeddedEngine(store)


@pytest.fixture(scope="module")
def rdflib_engine(built):
    return RdflibEngine(built[1] / "current" / "dataset.nq")


@pytest.fixture(scope="module")
def ask(embedded):
    """Run a canned query on the embedded store: rows as tuples, IRIs shortened."""

    def answer(name: str, **params) -> list[tuple]:
        return [tuple(short(v) for v in row) for row in run(name, embedded, **params).rows]

    return answer


def columns(embedded, name: str, **params) -> list[str]:
    return run(name, embedded, **params).columns


# ------------------------------------------------------------------------------------------------ the catalogue


def test_catalogue_holds_the_contract_names_and_more():
    catalogue = load_catalogue()
    assert set(CONTRACT) <= set(catalogue)
    assert len(catalogue) >= 22
    for name, query in catalogue.items():
        assert query.summary and query.question and query.tags, name


@pytest.mark.parametrize("name", sorted(load_catalogue()))
def test_query_file_follows_the_conventions(name):
    query = load_catalogue()[name]
    text = query.text
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    assert body.lstrip().startswith("PREFIX "), "the query starts with its own PREFIX lines"
    for prefix in set(re.findall(r"\b([a-z]+):[A-Za-z]", re.sub(r"<[^>]*>|\"[^\"]*\"", "", body))):
        assert re.search(rf"^PREFIX {prefix}: <", body, re.M), f"prefix {prefix}: is not declared"
    assert re.search(r"^SELECT\b", body, re.M) and re.search(r"^ORDER BY\b", body, re.M)
    # no instance IRI is written in the query (parameters are bound, and the instance base is configurable)
    assert "w3id.org/govgraph/id/" not in body and "w3id.org/govgraph/graph/" not in body
    projection = re.search(r"^SELECT\b(.*?)^WHERE\b", body, re.M | re.S).group(1)
    if "gg:iso3166Alpha3" in body:
        assert "?iso3" in projection, "states carry their ISO 3166-1 alpha-3 code in a column named iso3"
    if "schema:currency" in body:
        assert "?value" in projection and "?currency" in projection, "amounts give value and currency"
    for parameter in query.parameters:
        assert re.search(rf"\?{parameter.name}\b", projection), parameter.name
        if parameter.kinds:
            assert parameter.type == "iri"


def test_sparqlwrapper_sees_every_query_as_a_select():
    """Remote endpoints are reached through SPARQLWrapper, which guesses the query form from the text with comments
    only partly removed (every other line of a block of ``#`` lines survives) and takes the first of SELECT, ASK,
    ADD, LOAD, MOVE... found anywhere, even inside a word ("add up", "task", "remove"): a header word can turn the
    query into an update that the endpoint refuses."""
    from SPARQLWrapper import SPARQLWrapper

    client = SPARQLWrapper("http://127.0.0.1/sparql")
    for name, query in sorted(load_catalogue().items()):
        client.setQuery(query.text)
        assert client.queryType == "SELECT", name


# ------------------------------------------------------------------------------------------------ signatories

# The signatory list of the Paris statement: (list number, name as written, ISO alpha-3 or organisation slug).
PARIS_LIST = [
    (1, "Armenia", "ARM"), (2, "Australia", "AUS"), (3, "Austria", "AUT"), (4, "Belgium", "BEL"),
    (5, "Brazil", "BRA"), (6, "Bulgaria", "BGR"), (7, "Cambodia", "KHM"), (8, "Canada", "CAN"), (9, "Chile", "CHL"),
    (10, "China", "CHN"), (11, "Croatia", "HRV"), (12, "Cyprus", "CYP"), (13, "Czechia", "CZE"),
    (14, "Denmark", "DNK"), (15, "Djibouti", "DJI"), (16, "Estonia", "EST"), (17, "Finland", "FIN"),
    (17, "Timano", None), (18, "France", "FRA"), (19, "Germany", "DEU"), (20, "Greece", "GRC"),
    (21, "Hungary", "HUN"), (22, "India", "IND"), (23, "Indonesia", "IDN"), (24, "Ireland", "IRL"),
    (25, "Italy", "ITA"), (26, "Japan", "JPN"), (27, "Kazakhstan", "KAZ"), (28, "Kenya", "KEN"),
    (29, "Latvia", "LVA"), (30, "Lithuania", "LTU"), (31, "Luxembourg", "LUX"), (32, "Malta", "MLT"),
    (33, "Mexico", "MEX"), (34, "Monaco", "MCO"), (35, "Morocco", "MAR"), (36, "New Zealand", "NZL"),
    (37, "Nigeria", "NGA"), (38, "Norway", "NOR"), (39, "Poland", "POL"), (40, "Portugal", "PRT"),
    (41, "Romania", "ROU"), (42, "Rwanda", "RWA"), (43, "Senegal", "SEN"), (44, "Serbia", "SRB"),
    (45, "Singapore", "SGP"), (46, "Slovakia", "SVK"), (47, "Slovenia", "SVN"), (48, "South Africa", "ZAF"),
    (49, "Republic of Korea", "KOR"), (50, "Spain", "ESP"), (51, "Sweden", "SWE"), (52, "Switzerland", "CHE"),
    (53, "Thailand", "THA"), (54, "Netherlands", "NLD"), (55, "United Arab Emirates", "ARE"),
    (56, "Ukraine", "UKR"), (57, "Uruguay", "URY"), (58, "Vatican", "VAT"), (59, "European Union", "european-union"),
    (60, "African Union Commission", "african-union-commission"),
]
LABELS = {"KOR": "South Korea", "VAT": "Holy See (Vatican City State)"}
PARIS_STATES = {code for _, _, code in PARIS_LIST if code and code.isupper()}


def paris_signatory_rows() -> list[tuple]:
    rows = []
    for index, (number, name, code) in enumerate(PARIS_LIST, start=1):
        if code is None:
            actor, kind, iso3 = None, "unresolved", None
        elif code.isupper():
            actor, kind, iso3 = LABELS.get(code, name), "state", code
        else:
            actor, kind, iso3 = name, "intergovernmental organisation", None
        rows.append((PARIS, TITLE, index, number, name, actor, kind, iso3, SIGNED, PARIS_SOURCE))
    return rows


def test_signatories_of_the_paris_statement_in_list_order(ask, embedded):
    assert columns(embedded, "signatories") == [
        "declaration", "title", "index", "number", "nameAsWritten", "actor", "kind", "iso3", "date", "source"]
    rows = ask("signatories")
    assert rows == paris_signatory_rows()
    assert len(rows) == 61 and len({r[7] for r in rows if r[6] == "state"}) == 58 == len(PARIS_STATES)
    assert [r for r in rows if r[4] == "Timano"] == [
        (PARIS, TITLE, 18, 17, "Timano", None, "unresolved", None, SIGNED, PARIS_SOURCE)]


def test_signatories_of_every_instrument_with_the_title_in_a_column(ask):
    rows = ask("signatories", declaration="")
    assert rows == [
        (CYBERSECURITY, CYBERSECURITY_TITLE, None, None, None, "United Kingdom", "state", "GBR", None, ARTICLE),
        (SUSTAINABILITY, SUSTAINABILITY_TITLE, None, None, None, "United Kingdom", "state", "GBR", None, ARTICLE),
    ] + paris_signatory_rows()
    assert ask("signatories", declaration="agreement/" + SUSTAINABILITY.split("/", 1)[1]) == [
        (SUSTAINABILITY, SUSTAINABILITY_TITLE, None, None, None, "United Kingdom", "state", "GBR", None, ARTICLE)]


def test_declined(ask):
    quote = "The UK and the US have opted out of signing"
    expected = [(PARIS, TITLE, "United Kingdom", "GBR", 3, quote, ARTICLE),
                (PARIS, TITLE, "United States", "USA", 1, quote, ARTICLE)]
    assert ask("declined") == expected
    assert ask("declined", declaration="") == expected
    assert ask("declined", declaration=SUSTAINABILITY) == []


def _not_signed(group, label, source, members):
    return [("organisation/" + group, label, PARIS, TITLE, actor, iso3, declined, through, "source/" + source)
            for actor, iso3, declined, through in members]


def test_g7_members_that_did_not_sign_the_paris_statement(ask, embedded):
    """The default question: exactly the United Kingdom and the United States (the EU, a G7 member, signed)."""
    assert columns(embedded, "group-members-not-signed") == [
        "group", "groupLabel", "declaration", "title", "actor", "iso3", "declined", "signedThrough", "source"]
    assert ask("group-members-not-signed") == _not_signed("g7", "G7", "membership-list-g7", [
        ("United Kingdom", "GBR", True, None), ("United States", "USA", True, None)])
    assert [r[5] for r in ask("group-members-not-signed", group="g7", declaration=PARIS)] == ["GBR", "USA"]


def test_g20_members_that_did_not_sign(ask):
    """The G20 is 19 states plus the EU and the AU; the AU did not sign, its Commission did."""
    assert ask("group-members-not-signed", group="g20") == _not_signed("g20", "G20", "membership-list-g20", [
        ("African Union", None, False, "African Union Commission"),
        ("Argentina", "ARG", False, None), ("Russian Federation", "RUS", False, None),
        ("Saudi Arabia", "SAU", False, None), ("Türkiye", "TUR", False, None),
        ("United Kingdom", "GBR", True, None), ("United States", "USA", True, None)])


def test_eu_members_all_signed_and_the_uk_left_before(ask):
    """All 27 member states signed; the United Kingdom, a member until 2020-01-31, is not counted in 2025."""
    assert ask("group-members-not-signed", group="european-union") == []


def test_au_and_oecd_members_that_did_not_sign(ask):
    au = ask("group-members-not-signed", group="african-union")
    assert [r[5] for r in au] == [
        "DZA", "AGO", "BEN", "BWA", "BFA", "BDI", "CPV", "CMR", "CAF", "TCD", "COM", "COG", "COD", "CIV", "EGY",
        "GNQ", "ERI", "SWZ", "ETH", "GAB", "GMB", "GHA", "GIN", "GNB", "LSO", "LBR", "LBY", "MDG", "MWI", "MLI",
        "MRT", "MUS", "MOZ", "NAM", "NER", "STP", "SYC", "SLE", "SOM", "SSD", "SDN", "TZA", "TGO", "TUN", "UGA",
        "ESH", "ZMB", "ZWE"]
    assert {(r[0], r[1], r[2], r[6], r[7], r[8]) for r in au} == {
        ("organisation/african-union", "African Union", PARIS, False, None, "source/membership-list-african-union")}
    assert ask("group-members-not-signed", group="oecd") == _not_signed(
        "oecd", "Organisation for Economic Co-operation and Development", "membership-list-oecd", [
            ("Colombia", "COL", False, None), ("Costa Rica", "CRI", False, None), ("Iceland", "ISL", False, None),
            ("Israel", "ISR", False, None), ("Türkiye", "TUR", False, None), ("United Kingdom", "GBR", True, None),
            ("United States", "USA", True, None)])


def test_group_members_not_signed_for_an_agreement_and_for_every_group(ask):
    rows = ask("group-members-not-signed", group="g7", declaration=SUSTAINABILITY)
    assert [(r[4], r[6]) for r in rows] == [
        ("Canada", False), ("European Union", False), ("France", False), ("Germany", False), ("Italy", False),
        ("Japan", False), ("United States", False)]
    every = ask("group-members-not-signed", group="")
    assert {r[1] for r in every} == {"African Union", "G20", "G7", "Organisation for Economic Co-operation and Development",
                                     "United Nations"}
    assert len(every) == 48 + 7 + 2 + 7 + (193 - 57)  # UN members: 193, of which 57 signed (the Holy See is no member)


def test_signed_a_not_b(ask):
    assert ask("signed-a-not-b") == [
        (SUSTAINABILITY, PARIS, SUSTAINABILITY_TITLE, TITLE, "United Kingdom", "GBR", True, ARTICLE)]
    reverse = ask("signed-a-not-b", a=PARIS, b=CYBERSECURITY)
    assert len(reverse) == 60
    assert {r[5] for r in reverse if r[5]} == PARIS_STATES
    assert sorted(r[4] for r in reverse if r[5] is None) == ["African Union Commission", "European Union"]
    assert {(r[0], r[1], r[6], r[7]) for r in reverse} == {(PARIS, CYBERSECURITY, False, PARIS_SOURCE)}
    assert ask("signed-a-not-b", a=CYBERSECURITY, b=SUSTAINABILITY) == []


# ------------------------------------------------------------------------------------------------ initiatives and money

FOUNDERS = [("Kenya", "KEN"), ("Germany", "DEU"), ("Chile", "CHL"), ("Finland", "FIN"), ("Slovenia", "SVN"),
            ("France", "FRA"), ("Nigeria", "NGA"), ("Morocco", "MAR"), ("India", "IND")]
FOOTNOTE_2 = "Kenya, Germany, Chile, Finland, Slovenia, France, Nigeria, Morocco, India"


def test_founding_members(ask):
    expected = [("initiative/public-interest-ai-platform", "Public Interest AI Platform and Incubator", i, name, name,
                 code, TITLE, FOOTNOTE_2, PARIS_SOURCE) for i, (name, code) in enumerate(FOUNDERS, start=1)]
    assert ask("founding-members") == expected
    assert ask("founding-members", initiative="") == expected
    assert ask("founding-members", initiative="investai") == []


def test_initiatives_of_the_paris_statement_and_its_summit(ask):
    expected = [
        (PARIS, TITLE, "Global Dialogue on AI Governance", "dialogue", "committing", None, "declaration", None,
         "Global Digital Compact", PARIS_SOURCE),
        (PARIS, TITLE, "Independent International Scientific Panel on AI", "panel", "committing", None, "declaration",
         None, "Global Digital Compact", PARIS_SOURCE),
        (PARIS, TITLE, "InvestAI", "programme", "launching", "European Commission", "summit", None, None, ARTICLE),
        (PARIS, TITLE, "Network of observatories on AI and the job market", "observatory", "committing", None,
         "declaration", None, None, PARIS_SOURCE),
        (PARIS, TITLE, "Observatory on the energy impact of AI", "observatory", "welcoming", None, "declaration",
         "International Energy Agency", None, PARIS_SOURCE),
        (PARIS, TITLE, "Public Interest AI Platform and Incubator", "platform", "launching", None, "declaration", None,
         None, PARIS_SOURCE),
    ]
    assert ask("initiatives") == expected
    assert ask("initiatives", declaration="") == expected


def test_funding(ask):
    investai = [
        ("initiative/investai", "InvestAI", "total", None, None, Decimal(200 * BN), "EUR", None, ARTICLE),
        ("initiative/investai", "InvestAI", "funding", "European AI Champions Initiative", "initiative",
         Decimal(150 * BN), "EUR", None, ARTICLE),
        ("initiative/investai", "InvestAI", "funding", "European Commission", "government body", Decimal(50 * BN), "EUR",
         None, ARTICLE),
        ("initiative/investai", "InvestAI", "support", "Digital Europe Programme", "programme", None, None, None, ARTICLE),
        ("initiative/investai", "InvestAI", "support", "Horizon Europe", "programme", None, None, None, ARTICLE),
    ]
    fund = [("initiative/investai-ai-gigafactories-fund", "InvestAI fund for AI gigafactories", "total", None, None,
             Decimal(20 * BN), "EUR", "InvestAI", ARTICLE)]
    assert ask("funding") == investai + fund
    assert ask("funding", initiative="investai") == investai
    assert ask("funding", initiative="investai-ai-gigafactories-fund") == fund
    assert ask("funding", initiative="public-interest-ai-platform") == []


def test_funding_consistency(ask):
    assert ask("funding-consistency") == [
        ("components add up to the total", "InvestAI", Decimal(200 * BN), "EUR", Decimal(200 * BN), 2,
         "its components", True, ARTICLE),
        ("funders' pledges add up to the total", "InvestAI", Decimal(200 * BN), "EUR", Decimal(200 * BN), 2,
         "its funders' pledges", True, ARTICLE),
        ("part fits inside the whole", "InvestAI fund for AI gigafactories", Decimal(20 * BN), "EUR", Decimal(200 * BN),
         1, "InvestAI", True, ARTICLE),
    ]


# ------------------------------------------------------------------------------------------------ the statement's content


def test_acknowledged_frameworks(ask):
    def row(relation, label, kind, adopted_by, evidence):
        return (PARIS, TITLE, relation, label, kind, adopted_by, evidence, PARIS_SOURCE)

    un = "Acknowledging existing multilateral initiatives on AI, including the United Nations General Assembly Resolutions"
    expected = [
        row("acknowledging", "African Union Continental AI Strategy", "framework", None,
            "African Union Continental AI Strategy"),
        row("acknowledging", "Council of Europe", "intergovernmental organisation", None, "council of Europe"),
        row("acknowledging", "European Union", "intergovernmental organisation", None, "European Union"),
        row("acknowledging", "G20", "intergovernmental forum", None, "G20"),
        row("acknowledging", "G7", "intergovernmental forum", None, "G7"),
        row("acknowledging", "Global Digital Compact", "framework", "United Nations General Assembly",
            un + ", the Global Digital Compact"),
        row("acknowledging", "Hiroshima AI Process", "framework", "G7", "Hiroshima AI Process"),
        row("acknowledging", "Organisation for Economic Co-operation and Development", "intergovernmental organisation",
            None, "Organization for Economic Cooperation and Development (OECD)"),
        row("acknowledging", "UNESCO Recommendation on the Ethics of Artificial Intelligence", "framework", None,
            un + ", the Global Digital Compact, the UNESCO Recommendation on Ethics of AI"),
        row("acknowledging", "United Nations General Assembly resolutions on AI", "framework", None, un),
        row("citing", "Global Digital Compact", "framework", "United Nations General Assembly",
            "As outlined in the Global Digital Compact"),
        row("citing", "Paris Pact for People and the Planet", "framework", None,
            "In line with the Paris Pact for People and the Planet"),
        row("citing", "World Summit on the Information Society", "summit", None,
            "In line with the World Summit on the Information Society (WSIS)"),
    ]
    assert ask("acknowledged-frameworks") == expected
    assert ask("acknowledged-frameworks", declaration="") == expected




def test_priorities(ask):
    expected = [(PARIS, TITLE, i, str(i), text, PARIS_SOURCE) for i, text in enumerate(PRIORITIES, start=1)]
    assert ask("priorities") == expected
    assert ask("priorities", declaration="") == expected


def test_milestones(ask):
    forward = "look forward to next AI milestones such as the Kigali Summit"
    forum = forward + ", the 3rd Global Forum on the Ethics of AI"
    commend = "commend the role of the Bletchley Park AI Safety Summit"

    def row(relation, event, kind, host, evidence):
        return (PARIS, TITLE, relation, event, kind, None, None, host, evidence, PARIS_SOURCE)

    expected = [
        row("building on", "AI Safety Summit (Bletchley Park)", "summit", None, commend),
        row("building on", "AI Seoul Summit", "summit", None, commend + " and Seoul Summits"),
        row("looking forward to", "2025 World AI Conference", "event", None, "2025 World AI Conference"),
        row("looking forward to", "3rd Global Forum on the Ethics of AI", "event", "Thailand", forum),
        row("looking forward to", "3rd Global Forum on the Ethics of AI", "event", "UNESCO", forum),
        row("looking forward to", "AI for Good Global Summit 2025", "summit", None, "AI for Good Global Summit 2025"),
        row("looking forward to", "Kigali Summit", "summit", None, forward),
    ]
    assert ask("milestones") == expected
    assert ask("milestones", declaration="") == expected


FOOTNOTE_1 = "In line with the approach of previous Summits, this Statement relates to civil applications and use of AI only"


def test_declaration_parts(ask):
    def paragraph(sequence, number, label, words, text):
        return (PARIS, TITLE, "paragraph", sequence, number, label, words, None, None, text, PARIS_SOURCE)

    def footnote(marker, anchored_in, anchor_text, text):
        return (PARIS, TITLE, "footnote", marker, marker, f"Footnote {marker}", None, anchored_in, anchor_text, text,
                PARIS_SOURCE)

    expected = [
        paragraph(1, 1, "Paragraph 1", 132, "Participants from over 100 countries, including government leaders, "
                                            "international organisations, representatives of"),
        paragraph(2, 2, "Paragraph 2", 63, "This Summit has highlighted the importance of reinforcing the diversity of the"),
        paragraph(3, 3, "Paragraph 3", 65, "Acknowledging existing multilateral initiatives on AI, including the United "
                                           "Nations General Assembly"),
        paragraph(4, None, "Unnumbered paragraph 3-1", 5, "To deliver on these priorities:"),
        paragraph(5, None, "Unnumbered paragraph 3-2", 82, "Founding members have launched a major Public Interest AI "
                                                           "Platform and Incubator,"),
        paragraph(6, None, "Unnumbered paragraph 3-3", 67, "We have discussed, at a Summit for the first time and in"),
        paragraph(7, None, "Unnumbered paragraph 3-4", 51, "We recognize the need to enhance our shared knowledge on "
                                                           "the impacts"),
        paragraph(8, 4, "Paragraph 4", 120, "We recognize the need for inclusive multistakeholder dialogues and "
                                            "cooperation on AI"),
        paragraph(9, 5, "Paragraph 5", 69, "Harnessing the benefits of AI technologies to support our economies and "
                                           "societies"),
        paragraph(10, 6, "Paragraph 6", 58, "We look forward to next AI milestones such as the Kigali Summit,"),
        footnote(1, TITLE, "Statement", FOOTNOTE_1),
        footnote(2, "Unnumbered paragraph 3-2", "Founding members", FOOTNOTE_2),
        footnote(3, "Paragraph 4", "dialogues", "In line with the World Summit on the Information Society (WSIS)"),
    ]
    assert ask("declaration-parts") == expected
    assert ask("declaration-parts", declaration="") == expected


def test_declarations(ask):
    assert ask("declarations") == [
        (CYBERSECURITY, CYBERSECURITY_TITLE, "agreement", None, None, "AI Action Summit", 1, 1, 0, 0, 0, ARTICLE),
        (SUSTAINABILITY, SUSTAINABILITY_TITLE, "agreement", None, None, "AI Action Summit", 1, 1, 0, 0, 0, ARTICLE),
        (PARIS, TITLE, "statement", SIGNED, "Palais de l'Élysée", "AI Action Summit", 61, 58, 2, 1, 2, PARIS_SOURCE),
    ]


# ------------------------------------------------------------------------------------------------ the article: people, quotes, stances

SPOKESPERSON = "UK government spokesperson (unnamed)"
UK_GOV = "Government of the United Kingdom"
US_GOV = "Government of the United States"


def test_reasons(ask):
    expected = [
        (PARIS, TITLE, "United Kingdom", "GBR",
         "A decision of national interest, balancing opportunity and security, not a following of US policy",
         SPOKESPERSON, "Spokesperson", UK_GOV,
         "this is about our own national interest, ensuring the balance between opportunity and security", ARTICLE),
        (PARIS, TITLE, "United Kingdom", "GBR",
         "The declaration did not provide enough practical clarity on global governance", SPOKESPERSON, "Spokesperson",
         UK_GOV, "didn’t provide enough practical clarity on global governance", ARTICLE),
        (PARIS, TITLE, "United Kingdom", "GBR",
         "The declaration did not sufficiently address national security and the challenge AI poses to it",
         SPOKESPERSON, "Spokesperson", UK_GOV, "nor sufficiently address harder questions around national security",
         ARTICLE),
        (PARIS, TITLE, "United States", "USA",
         "Excessive regulation could hinder technological progress; the administration favours pro-growth AI policies",
         "JD Vance", "Vice President of the United States", US_GOV,
         "warning that excessive regulation could hinder technological progress", ARTICLE),
    ]
    assert ask("reasons") == expected
    assert ask("reasons", declaration="") == expected


UK_DECLINING = "United Kingdom declining to sign"
US_DECLINING = "United States declining to sign"
QUOTES = [
    ("alexandra-reeve-givens", "Alexandra Reeve Givens", "President and chief executive",
     "Center for Democracy and Technology",
     ["The Vice President emphasized that AI can improve our well-being as nations and as individuals",
      "That’s simply not possible without basic safeguards and accountability."], ["critical", "critical"],
     [US_DECLINING, US_DECLINING]),
    ("darren-thomson", "Darren Thomson", "Field CTO", "Commvault",
     ["This revelation from the Summit emphasises how challenging implementing global regulations can be",
      "But without robust regulatory frameworks, we risk building AI capabilities on unstable foundations."],
     ["critical", "critical"], [UK_DECLINING, UK_DECLINING]),
    ("emmanuel-macron", "Emmanuel Macron", "President of the French Republic", "Presidency of the French Republic",
     ["We need these rules for AI to move forward"], ["supports"], [TITLE]),
    ("jd-vance", "JD Vance", "Vice President of the United States", US_GOV,
     ["AI is an opportunity that the Trump administration will not squander", "pro-growth AI policies"],
     ["supports", "supports"], [US_DECLINING, US_DECLINING]),
    ("tim-flagg", "Tim Flagg", "Chief executive", "UKAI",
     ["While UKAI agrees that being environmentally responsible is important, we question how to balance this "
      "responsibility with the growing needs of the AI industry for more energy"], ["supports"], [UK_DECLINING]),
    ("uk-government-spokesperson", SPOKESPERSON, "Spokesperson", UK_GOV,
     ["We felt the declaration didn’t provide enough practical clarity on global governance, nor sufficiently "
      "address harder questions around national security and the challenge AI poses to it",
      "This isn’t about the US, this is about our own national interest, ensuring the balance between opportunity "
      "and security"], ["critical", "supports"], [TITLE, UK_DECLINING]),
]


def quote_rows(only: str | None = None) -> list[tuple]:
    rows = []
    for slug, name, role, organisation, texts, stances, towards in QUOTES:
        if only and slug != only:
            continue
        for n, (text, stance, toward) in enumerate(zip(texts, stances, towards), start=1):
            rows.append((f"person/{slug}", name, role, organisation, text, stance, toward, ARTICLE,
                         f"quotation/techmonitor-2025-02-uk-us-decline/{slug}-{n}"))
    return rows


def test_quotes(ask):
    assert ask("quotes") == quote_rows()
    assert len(quote_rows()) == 10
    assert ask("quotes", person="jd-vance") == quote_rows("jd-vance")
    assert ask("quotes", person="ursula-von-der-leyen") == []


def test_stances(ask):
    expected = [
        (PARIS, "declining to sign", "United Kingdom", "critical", "Darren Thomson", "Commvault", 2, ARTICLE),
        (PARIS, "declining to sign", "United Kingdom", "supports", "Tim Flagg", "UKAI", 1, ARTICLE),
        (PARIS, "declining to sign", "United Kingdom", "supports", SPOKESPERSON, UK_GOV, 1, ARTICLE),
        (PARIS, "declining to sign", "United States", "critical", "Alexandra Reeve Givens",
         "Center for Democracy and Technology", 2, ARTICLE),
        (PARIS, "declining to sign", "United States", "supports", "JD Vance", US_GOV, 2, ARTICLE),
        (PARIS, "the instrument itself", "", "critical", SPOKESPERSON, UK_GOV, 1, ARTICLE),
        (PARIS, "the instrument itself", "", "supports", "Emmanuel Macron", "Presidency of the French Republic", 1,
         ARTICLE),
    ]
    assert ask("stances") == expected
    assert ask("stances", declaration="") == expected
    assert ask("stances", declaration=SUSTAINABILITY) == []


def test_people(ask):
    assert ask("people") == [
        ("person/alexandra-reeve-givens", "Alexandra Reeve Givens", "President and chief executive",
         "Center for Democracy and Technology", "civil-society organisation", 2, 0, ARTICLE),
        ("person/darren-thomson", "Darren Thomson", "Field CTO", "Commvault", "company", 2, 0, ARTICLE),
        ("person/emmanuel-macron", "Emmanuel Macron", "President of the French Republic",
         "Presidency of the French Republic", "government body", 1, 0, ARTICLE),
        ("person/jd-vance", "JD Vance", "Vice President of the United States", US_GOV, "government body", 2, 1, ARTICLE),
        ("person/tim-flagg", "Tim Flagg", "Chief executive", "UKAI", "trade association", 1, 0, ARTICLE),
        ("person/uk-government-spokesperson", SPOKESPERSON, "Spokesperson", UK_GOV, "government body", 2, 3, ARTICLE),
        ("person/ursula-von-der-leyen", "Ursula von der Leyen", "President", "European Commission", "government body",
         0, 0, ARTICLE),
    ]


# ------------------------------------------------------------------------------------------------ checks and findings


OVER_60 = ("Over 60 countries, including France, China, and India, endorsed")


def test_claim_checks_over_60_against_the_counted_list(ask, embedded):
    assert columns(embedded, "claim-checks") == [
        "about", "aboutLabel", "counts", "qualifier", "claimed", "states", "organisations", "unresolved", "holds",
        "evidence", "source"]
    paris = (PARIS, TITLE, "signatory states", "more than", 60, 58, 2, 1, False, OVER_60, ARTICLE)
    assert ask("claim-checks") == [paris]
    summit = ("event/ai-action-summit-2025", "AI Action Summit", "participating countries", "more than", 100, None,
              None, None, None, "Participants from over 100 countries", PARIS_SOURCE)
    assert ask("claim-checks", about="") == [summit, paris]
    assert ask("claim-checks", about="ai-action-summit-2025") == [summit]


def test_data_quality_lists_timano_and_the_repeated_number(ask):
    rows = ask("data-quality")
    assert [(severity, kind, focus, entry, name, number, source)
            for severity, kind, focus, entry, name, number, _, source in rows] == [
        ("Warning", "count claim disagrees with the list", "claim/techmonitor-2025-02-uk-us-decline-line-1-1", None,
         None, None, ARTICLE),
        ("Warning", "repeated list number", PARIS, "act/paris-statement-2025/signatory-17-2", "Timano", 17, PARIS_SOURCE),
        ("Warning", "unresolved name in a list", "act/paris-statement-2025/signatory-17-2", None, "Timano", 17,
         PARIS_SOURCE),
    ]
    claim, repeated, unresolved = (row[6] for row in rows)
    assert claim == (f'Tech Monitor ("Article on the UK and the US not signing the AI Action Summit declaration, and on '
                     f'InvestAI") claims more than 60 states signed the {TITLE}; its signatory list names 58 states and '
                     f'2 organisations; unresolved entries: 1.')
    assert repeated == (f'Number 17 is used twice in the list of the {TITLE}: by "Finland" (entry 17) and by "Timano" '
                        f'(entry 18).')
    assert unresolved == f'Entry 17 "Timano" of the list of the {TITLE} matches no known state or organisation.'


def test_evidence_not_found(ask):
    rows = ask("evidence-not-found")
    if seeds_present():
        assert rows == []
    else:  # the build could not check the quotes: every one is reported as unchecked, none as missing
        assert rows and {r[0] for r in rows} == {"source text unavailable"}


def test_evidence_not_found_names_a_quote_the_build_did_not_find(built):
    """On a copy of the dataset where one quote is marked not found, the query reports exactly that quote."""
    memory = ox.Store()
    memory.load(path=str(built[1] / "current" / "dataset.nq"), format=ox.RdfFormat.N_QUADS)
    status = ox.NamedNode(GG + "quoteStatus")
    (evidence,) = [q.subject for q in memory.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/ns/oa#exact"),
                                                               ox.Literal("17. Timano"))]
    evidence = ox.NamedNode(evidence.value.rsplit("/selector", 1)[0])
    graph = ox.NamedNode("https://w3id.org/govgraph/graph/quote-checks")
    for quad in list(memory.quads_for_pattern(evidence, status, None)):
        memory.remove(quad)
    memory.add(ox.Quad(evidence, status, ox.NamedNode(GG + "QuoteNotFound"), graph))
    rows = [tuple(short(v) for v in row) for row in run("evidence-not-found", EmbeddedEngine(memory)).rows]
    expected = [("quote not found", PARIS_SOURCE, "act/paris-statement-2025/signatory-17-2", "gg:evidence", "17. Timano")]
    assert (rows if seeds_present() else [r for r in rows if r[0] == "quote not found"]) == expected


# ------------------------------------------------------------------------------------------------ actors and groups


def test_actor_profile_of_france(ask):
    assert ask("actor-profile") == [
        ("state/FRA", "France", "FRA", "co-chairing", "AI Action Summit", "France", None, None, None, None, PARIS_SOURCE),
        ("state/FRA", "France", "FRA", "endorsing", TITLE, None, None, None, None, None, ARTICLE),
        ("state/FRA", "France", "FRA", "founding", "Public Interest AI Platform and Incubator", "France", None, None,
         None, None, PARIS_SOURCE),
        ("state/FRA", "France", "FRA", "signing", TITLE, "France", SIGNED, SIGNED, None, None, PARIS_SOURCE),
        ("state/FRA", "France", "FRA", "member of", "European Union", "EEC founding member; EU from 1993-11-01",
         date(1958, 1, 1), None, None, None, "source/membership-list-european-union"),
        ("state/FRA", "France", "FRA", "member of", "G20", None, date(1999, 9, 25), None, None, None,
         "source/membership-list-g20"),
        ("state/FRA", "France", "FRA", "member of", "G7", "founding participant, Rambouillet summit 1975-11-15/17",
         date(1975, 11, 15), None, None, None, "source/membership-list-g7"),
        ("state/FRA", "France", "FRA", "member of", "Organisation for Economic Co-operation and Development",
         "founding member; Convention in force 1961-09-30", date(1961, 8, 7), None, None, None,
         "source/membership-list-oecd"),
        ("state/FRA", "France", "FRA", "member of", "United Nations", None, date(1945, 10, 24), None, None, None,
         "source/membership-list-united-nations"),
    ]


def test_actor_profile_of_the_united_kingdom(ask):
    assert ask("actor-profile", actor="GBR") == [
        ("state/GBR", "United Kingdom", "GBR", "declining to sign", TITLE, None, None, None, None, None, ARTICLE),
        ("state/GBR", "United Kingdom", "GBR", "signing", CYBERSECURITY_TITLE, None, None, None, None, None, ARTICLE),
        ("state/GBR", "United Kingdom", "GBR", "signing", SUSTAINABILITY_TITLE, None, None, None, None, None, ARTICLE),
        ("state/GBR", "United Kingdom", "GBR", "member of", "European Union",
         "joined the European Communities; left the EU on 2020-01-31", date(1973, 1, 1), date(2020, 1, 31), None, None,
         "source/membership-list-european-union"),
        ("state/GBR", "United Kingdom", "GBR", "member of", "G20", None, date(1999, 9, 25), None, None, None,
         "source/membership-list-g20"),
        ("state/GBR", "United Kingdom", "GBR", "member of", "G7", "founding participant, Rambouillet summit 1975-11-15/17",
         date(1975, 11, 15), None, None, None, "source/membership-list-g7"),
        ("state/GBR", "United Kingdom", "GBR", "member of", "Organisation for Economic Co-operation and Development",
         "founding member; Convention in force 1961-09-30", date(1961, 5, 2), None, None, None,
         "source/membership-list-oecd"),
        ("state/GBR", "United Kingdom", "GBR", "member of", "United Nations", None, date(1945, 10, 24), None, None, None,
         "source/membership-list-united-nations"),
    ]


def test_actor_profile_of_people_and_organisations(ask):
    vance = "person/jd-vance"
    assert ask("actor-profile", actor="jd-vance") == [
        (vance, "JD Vance", None, "holds a post in", US_GOV, "Vice President of the United States", None, None, None,
         None, ARTICLE),
        (vance, "JD Vance", None, "gave a reason for", US_DECLINING,
         "Excessive regulation could hinder technological progress; the administration favours pro-growth AI policies",
         None, None, None, None, ARTICLE),
        (vance, "JD Vance", None, "quoted on", US_DECLINING,
         "AI is an opportunity that the Trump administration will not squander", None, None, None, None, ARTICLE),
        (vance, "JD Vance", None, "quoted on", US_DECLINING, "pro-growth AI policies", None, None, None, None, ARTICLE),
    ]
    commission = ("organisation/european-commission", "European Commission", None)
    assert ask("actor-profile", actor="european-commission") == [
        commission + ("funding", "InvestAI", None, None, None, Decimal(50 * BN), "EUR", ARTICLE),
        commission + ("launching", "InvestAI", None, None, None, None, None, ARTICLE),
        commission + ("part of", "European Union", None, None, None, None, None, "source/catalogue"),
    ]
    assert ask("actor-profile", actor="ursula-von-der-leyen") == [
        ("person/ursula-von-der-leyen", "Ursula von der Leyen", None, "holds a post in", "European Commission",
         "President", None, None, None, None, ARTICLE),
        ("person/ursula-von-der-leyen", "Ursula von der Leyen", None, "launching for", "InvestAI",
         "European Commission", None, None, None, None, ARTICLE),
    ]
    assert ask("actor-profile", actor="african-union-commission") == [
        ("organisation/african-union-commission", "African Union Commission", None, "signing", TITLE,
         "African Union Commission", SIGNED, SIGNED, None, None, PARIS_SOURCE),
        ("organisation/african-union-commission", "African Union Commission", None, "part of", "African Union", None,
         None, None, None, None, "source/catalogue"),
    ]


G7_MEANING = "date of first participation in a G7 leaders' summit"
RAMBOUILLET = "founding participant, Rambouillet summit 1975-11-15/17"


def test_memberships_of_the_g7(ask):
    def row(member, iso3, start, note):
        return ("organisation/g7", "G7", member, iso3, start, None, note, G7_MEANING, "source/membership-list-g7")

    assert ask("memberships") == [
        row("Canada", "CAN", date(1976, 6, 27), "joined at the Puerto Rico summit 1976-06-27/28"),
        row("European Union", None, date(1977, 5, 7),
            "non-enumerated member; participates since the London summit 1977-05-07/08"),
        row("France", "FRA", date(1975, 11, 15), RAMBOUILLET),
        row("Germany", "DEU", date(1975, 11, 15), "founding participant (Federal Republic), Rambouillet summit 1975-11-15/17"),
        row("Italy", "ITA", date(1975, 11, 15), RAMBOUILLET),
        row("Japan", "JPN", date(1975, 11, 15), RAMBOUILLET),
        row("United Kingdom", "GBR", date(1975, 11, 15), RAMBOUILLET),
        row("United States", "USA", date(1975, 11, 15), RAMBOUILLET),
    ]


AU_MEMBERS = [
    "DZA", "AGO", "BEN", "BWA", "BFA", "BDI", "CPV", "CMR", "CAF", "TCD", "COM", "COG", "COD", "CIV", "DJI", "EGY",
    "GNQ", "ERI", "SWZ", "ETH", "GAB", "GMB", "GHA", "GIN", "GNB", "KEN", "LSO", "LBR", "LBY", "MDG", "MWI", "MLI",
    "MRT", "MUS", "MAR", "MOZ", "NAM", "NER", "NGA", "RWA", "STP", "SEN", "SYC", "SLE", "SOM", "ZAF", "SSD", "SDN",
    "TZA", "TGO", "TUN", "UGA", "ESH", "ZMB", "ZWE",
]


def test_memberships_of_the_african_union(ask):
    rows = ask("memberships", group="african-union")
    assert [r[3] for r in rows] == AU_MEMBERS
    assert {(r[0], r[1], r[5], r[7], r[8]) for r in rows} == {(
        "organisation/african-union", "African Union", None,
        "date of membership of the African Union (2001-05-26, entry into force of the Constitutive Act, for states "
        "then in the OAU)", "source/membership-list-african-union")}
    assert {r[3]: (r[4], r[6]) for r in rows if r[4] != date(2001, 5, 26) or r[6]} == {
        "MAR": (date(2017, 1, 30), "readmitted 2017-01-30 after leaving the OAU in 1984"),
        "SSD": (date(2011, 7, 28), "consents received 2011-07-26, admission announced 2011-07-27/28; formal "
                                   "ceremony 2011-08-15"),
        "ESH": (date(2001, 5, 26), "Sahrawi Arab Democratic Republic (Western Sahara); OAU member since 1982"),
    }
    assert [r[2] for r in rows if r[3] in ("ESH", "COD", "CIV")] == [
        "Congo, The Democratic Republic of the", "Côte d'Ivoire", "Western Sahara"]
    every = ask("memberships", group="")
    assert len(every) == 8 + 21 + 55 + 28 + 38 + 193
    assert [r for r in every if r[0] == "organisation/african-union"] == rows


def test_coverage_by_region(ask):
    def row(m49, region, signatories, states, declaration=PARIS, title=TITLE):
        return (declaration, title, m49, region, signatories, states, "source/m49-regions")

    paris = [row("002", "Africa", 7, 54), row("009", "Oceania", 2, 14), row("019", "Americas", 5, 35),
             row("142", "Asia", 12, 48), row("150", "Europe", 32, 44)]
    assert ask("coverage-by-region") == paris
    assert sum(r[4] for r in paris) == 58 and sum(r[5] for r in paris) == 195
    sustainability = [row(code, region, 1 if region == "Europe" else 0, states, SUSTAINABILITY, SUSTAINABILITY_TITLE)
                      for _, _, code, region, _, states, _ in paris]
    assert ask("coverage-by-region", declaration=SUSTAINABILITY) == sustainability
    cybersecurity = [(CYBERSECURITY, CYBERSECURITY_TITLE) + r[2:] for r in sustainability]
    assert ask("coverage-by-region", declaration="") == cybersecurity + sustainability + paris


# ------------------------------------------------------------------------------------------------ events, sources, time


def test_summits(ask):
    catalogue = "source/catalogue"
    assert ask("summits") == [
        ("event/ai-action-summit-2025", "AI Action Summit", "summit", date(2025, 2, 10), date(2025, 2, 11), "Paris",
         "FRA", 2, 0, 3, PARIS_SOURCE),
        ("event/world-ai-conference-2025", "2025 World AI Conference", "event", None, None, None, None, 0, 0, 0, catalogue),
        ("event/global-forum-ethics-ai-2025", "3rd Global Forum on the Ethics of AI", "event", None, None, None, None, 0,
         2, 0, catalogue),
        ("event/bletchley-park-ai-safety-summit-2023", "AI Safety Summit (Bletchley Park)", "summit", None, None, None,
         None, 0, 0, 0, catalogue),
        ("event/ai-seoul-summit-2024", "AI Seoul Summit", "summit", None, None, None, None, 0, 0, 0, catalogue),
        ("event/ai-for-good-global-summit-2025", "AI for Good Global Summit 2025", "summit", None, None, None, None, 0,
         0, 0, catalogue),
        ("event/kigali-summit", "Kigali Summit", "summit", None, None, None, None, 0, 0, 0, catalogue),
        ("event/wsis", "World Summit on the Information Society", "summit", None, None, None, None, 0, 0, 0, catalogue),
    ]


def test_provenance(ask):
    paris_quotes, article_quotes = 114, 49
    found = seeds_present()
    reference = "reference data"

    def listed(slug, title, publisher, url, resources):
        return (f"source/membership-list-{slug}", title, reference, publisher, url, None, resources, 0, 0)

    assert ask("provenance") == [
        ("source/catalogue", "govgraph catalogue of organisations, people, initiatives, frameworks, events and places",
         "curated records", None, None, None, 53, 0, 0),
        ("source/iso-3166-1", "ISO 3166-1 country codes and names (as shipped by pycountry)", reference, None,
         "https://www.iso.org/iso-3166-country-codes.html", None, 249, 0, 0),
        ("source/m49-regions", "Standard country or area codes for statistical use (M49)", reference,
         "United Nations Statistics Division", "https://unstats.un.org/unsd/methodology/m49/", None, 31, 0, 0),
        listed("african-union", "Member States", "African Union", "https://au.int/en/member_states/countryprofiles2", 55),
        listed("european-union", "EU countries", "European Union",
               "https://european-union.europa.eu/principles-countries-history/eu-countries_en", 28),
        listed("g20", "About G20", "G20", "https://g20.org/about-the-g20/", 21),
        listed("g7", "What is the G7?", "G7 Research Group, University of Toronto",
               "http://www.g7.utoronto.ca/what_is_g8.html", 8),
        listed("oecd", "List of OECD Member countries - Ratification of the Convention on the OECD", "OECD",
               "https://www.oecd.org/en/about/members-partners.html", 38),
        listed("united-nations", "Member States", "United Nations", "https://www.un.org/en/about-us/member-states", 193),
        ("source/memberships", "govgraph curated memberships of intergovernmental groups", "curated records", None,
         None, None, 0, 0, 0),
        (PARIS_SOURCE, TITLE, "declaration text", "Presidency of the French Republic",
         "https://www.elysee.fr/en/emmanuel-macron/2025/02/11/statement-on-inclusive-and-sustainable-artificial-"
         "intelligence-for-people-and-the-planet", SIGNED, 100, paris_quotes, paris_quotes if found else 0),
        ("source/records-ai-action-summit-2025", "govgraph curated records: ai-action-summit-2025.yaml",
         "curated records", None, None, None, 0, 0, 0),
        (ARTICLE, "Article on the UK and the US not signing the AI Action Summit declaration, and on InvestAI",
         "news article", "Tech Monitor",
         "https://techmonitor.ai/digital-economy/ai-and-automation/uk-us-global-ai-declaration-ai-action-summit-paris",
         "2025-02", 36, article_quotes, article_quotes if found else 0),
    ]


def test_timeline(ask):
    summit = (date(2025, 2, 10), date(2025, 2, 11))
    assert ask("timeline") == [
        ("2025-02", "2025-02", "news article published",
         "Article on the UK and the US not signing the AI Action Summit declaration, and on InvestAI", None, None, ARTICLE),
        summit + ("held", "AI Action Summit", None, None, PARIS_SOURCE),
        summit + ("launching", "InvestAI", 1, 1, ARTICLE),
        summit + ("signing", CYBERSECURITY_TITLE, 1, 1, ARTICLE),
        summit + ("signing", SUSTAINABILITY_TITLE, 1, 1, ARTICLE),
        (SIGNED, SIGNED, "declaration text published", TITLE, None, None, PARIS_SOURCE),
        (SIGNED, SIGNED, "issued", TITLE, None, None, PARIS_SOURCE),
        (SIGNED, SIGNED, "signing", TITLE, 61, 60, PARIS_SOURCE),
    ]


# ------------------------------------------------------------------------------------------------ every engine alike

# Parameter sets run on every engine besides the defaults and "every optional parameter left empty".
EXTRA = {
    "group-members-not-signed": [{"group": "g20"}, {"group": "european-union"}, {"group": "african-union"},
                                 {"group": "g7", "declaration": SUSTAINABILITY}],
    "signed-a-not-b": [{"a": PARIS, "b": CYBERSECURITY}, {"a": CYBERSECURITY, "b": SUSTAINABILITY}],
    "actor-profile": [{"actor": "GBR"}, {"actor": "jd-vance"}, {"actor": "european-commission"},
                      {"actor": "ursula-von-der-leyen"}, {"actor": "african-union-commission"},
                      {"actor": "european-ai-champions-initiative"}],
    "memberships": [{"group": "african-union"}, {"group": "european-union"}],
    "signatories": [{"declaration": SUSTAINABILITY}],
    "quotes": [{"person": "jd-vance"}],
    "funding": [{"initiative": "investai"}],
    "claim-checks": [{"about": "ai-action-summit-2025"}],
    "coverage-by-region": [{"declaration": SUSTAINABILITY}],
    "stances": [{"declaration": SUSTAINABILITY}],
}


def engine_cases():
    cases = []
    for name, query in sorted(load_catalogue().items()):
        sets = [{}]
        optional = {p.name: "" for p in query.parameters if p.optional}
        if optional:
            sets.append(optional)
        sets += EXTRA.get(name, [])
        cases += [pytest.param(name, params, id=f"{name}-{i}") for i, params in enumerate(sets)]
    return cases


@pytest.mark.parametrize("name, params", engine_cases())
def test_same_answer_on_every_engine(name, params, embedded, rdflib_engine):
    expected = run(name, embedded, **params)
    assert expected.rows or name == "evidence-not-found" or params, f"{name} answers nothing with its defaults"
    by_values = run(name, ValuesEngine(embedded.store), **params)
    by_rdflib = run(name, rdflib_engine, **params)
    assert by_values.columns == by_rdflib.columns == expected.columns
    assert by_values.rows == expected.rows
    assert by_rdflib.rows == expected.rows


def test_every_query_has_an_answer_test():
    """Every query of the catalogue is asked by name in this file, with its defaults."""
    text = Path(__file__).read_text(encoding="utf-8")
    for name in load_catalogue():
        assert f'ask("{name}")' in text, name
