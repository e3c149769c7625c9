"""What the built graph must know (shared/brief.md, "What the graph must know"), asked of the built store in SPARQL.

Every test queries the embedded store of one session build (the ``sparql`` fixture: the union of the named
graphs as default graph) and asserts exact answers: exact sets, counts, values and, where the source has one,
order. Where provenance matters the pattern is wrapped in ``GRAPH <graph:...>`` so the fact is asserted to
come from the right source. Queries write ``<id:...>`` and ``<graph:...>`` for govgraph instance and graph
IRIs; :func:`q` expands them. Facts the graph lacks or gets wrong are ``xfail(strict=True)`` with the reason.

Note on counting: pyoxigraph's union default graph does not merge a triple asserted in several graphs, so the
build keeps each triple in one graph (curated records do not restate what their source's graph asserts);
test_investai_naive_sum_over_union guards that a plain SUM over the union is right.
"""

from __future__ import annotations

import re
from decimal import Decimal


from conftest import PARIS_PRIORITIES as PRIORITIES, ARTICLE_TEXT, PARIS_TEXT, SEEDS

ID = "https://w3id.org/govgraph/id/"
GRAPH = "https://w3id.org/govgraph/graph/"
GG = "https://w3id.org/govgraph/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"

PARIS = "graph:paris-statement-2025"
ARTICLE = "graph:techmonitor-2025-02-uk-us-decline"
RECORDS = "graph:records-ai-action-summit-2025"


def q(query: str) -> str:
    """Expand ``<id:kind/slug>`` and ``<graph:name>`` into govgraph IRIs."""
    query = re.sub(r"<id:([^>\s]+)>", lambda m: f"<{ID}{m.group(1)}>", query)
    return re.sub(r"<graph:([^>\s]+)>", lambda m: f"<{GRAPH}{m.group(1)}>", query)


def short(value):
    """A result value with the govgraph bases cut off: 'state/FRA', 'gg:Signing', 'graph:paris-...'."""
    if isinstance(value, str):
        for base, prefix in ((ID, ""), (GRAPH, "graph:"), (GG, "gg:"), (XSD, "xsd:")):
            if value.startswith(base):
                return prefix + value[len(base):]
    return value


def table(sparql, query: str) -> list[tuple]:
    """Rows as tuples (in the order of the SELECT variables), IRIs shortened."""
    return [tuple(short(v) for v in row.values()) for row in sparql(q(query))]


def column(sparql, query: str) -> list:
    return [row[0] for row in table(sparql, query)]


def seeds_present() -> bool:
    return (SEEDS / PARIS_TEXT).is_file() and (SEEDS / ARTICLE_TEXT).is_file()


# The signatory list of the Paris statement, in order: (list number, name as written, agent).
SIGNATORIES = [
    (1, "Armenia", "state/ARM"), (2, "Australia", "state/AUS"), (3, "Austria", "state/AUT"),
    (4, "Belgium", "state/BEL"), (5, "Brazil", "state/BRA"), (6, "Bulgaria", "state/BGR"),
    (7, "Cambodia", "state/KHM"), (8, "Canada", "state/CAN"), (9, "Chile", "state/CHL"),
    (10, "China", "state/CHN"), (11, "Croatia", "state/HRV"), (12, "Cyprus", "state/CYP"),
    (13, "Czechia", "state/CZE"), (14, "Denmark", "state/DNK"), (15, "Djibouti", "state/DJI"),
    (16, "Estonia", "state/EST"), (17, "Finland", "state/FIN"), (17, "Timano", None), (18, "France", "state/FRA"),
    (19, "Germany", "state/DEU"), (20, "Greece", "state/GRC"), (21, "Hungary", "state/HUN"),
    (22, "India", "state/IND"), (23, "Indonesia", "state/IDN"), (24, "Ireland", "state/IRL"),
    (25, "Italy", "state/ITA"), (26, "Japan", "state/JPN"), (27, "Kazakhstan", "state/KAZ"),
    (28, "Kenya", "state/KEN"), (29, "Latvia", "state/LVA"), (30, "Lithuania", "state/LTU"),
    (31, "Luxembourg", "state/LUX"), (32, "Malta", "state/MLT"), (33, "Mexico", "state/MEX"),
    (34, "Monaco", "state/MCO"), (35, "Morocco", "state/MAR"), (36, "New Zealand", "state/NZL"),
    (37, "Nigeria", "state/NGA"), (38, "Norway", "state/NOR"), (39, "Poland", "state/POL"),
    (40, "Portugal", "state/PRT"), (41, "Romania", "state/ROU"), (42, "Rwanda", "state/RWA"),
    (43, "Senegal", "state/SEN"), (44, "Serbia", "state/SRB"), (45, "Singapore", "state/SGP"),
    (46, "Slovakia", "state/SVK"), (47, "Slovenia", "state/SVN"), (48, "South Africa", "state/ZAF"),
    (49, "Republic of Korea", "state/KOR"), (50, "Spain", "state/ESP"), (51, "Sweden", "state/SWE"),
    (52, "Switzerland", "state/CHE"), (53, "Thailand", "state/THA"), (54, "Netherlands", "state/NLD"),
    (55, "United Arab Emirates", "state/ARE"), (56, "Ukraine", "state/UKR"), (57, "Uruguay", "state/URY"),
    (58, "Vatican", "state/VAT"), (59, "European Union", "organisation/european-union"),
    (60, "African Union Commission", "organisation/african-union-commission"),
]
SIGNATORY_STATES = {
    "ARM", "AUS", "AUT", "BEL", "BRA", "BGR", "KHM", "CAN", "CHL", "CHN", "HRV", "CYP", "CZE", "DNK", "DJI",
    "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IND", "IDN", "IRL", "ITA", "JPN", "KAZ", "KEN", "LVA", "LTU",
    "LUX", "MLT", "MEX", "MCO", "MAR", "NZL", "NGA", "NOR", "POL", "PRT", "ROU", "RWA", "SEN", "SRB", "SGP",
    "SVK", "SVN", "ZAF", "KOR", "ESP", "SWE", "CHE", "THA", "NLD", "ARE", "UKR", "URY", "VAT",
}
SIGNATORY_ORGANISATIONS = {"organisation/european-union", "organisation/african-union-commission"}
FOOTNOTE_1 = "In line with the approach of previous Summits, this Statement relates to civil applications and use of AI only"
FOOTNOTE_2 = "Kenya, Germany, Chile, Finland, Slovenia, France, Nigeria, Morocco, India"
FOOTNOTE_3 = "In line with the World Summit on the Information Society (WSIS)"
STATEMENT_TITLE = "Statement on Inclusive and Sustainable Artificial Intelligence for People and the Planet"


def test_expected_lists_are_consistent():
    """The expectations themselves: 61 entries, 58 states, 2 organisations, 1 unresolved."""
    assert len(SIGNATORIES) == 61
    assert len(SIGNATORY_STATES) == 58
    assert {a.split("/")[1] for _, _, a in SIGNATORIES if a and a.startswith("state/")} == SIGNATORY_STATES
    assert {a for _, _, a in SIGNATORIES if a and a.startswith("organisation/")} == SIGNATORY_ORGANISATIONS
    assert [n for n, _, a in SIGNATORIES if a is None] == [17]


# ------------------------------------------------------------------------------------------------ the summit


def test_summit_label_dates_and_city(sparql):
    rows = table(sparql, """
        SELECT ?type ?label (LANG(?label) AS ?lang) ?start (STR(DATATYPE(?start)) AS ?st) ?end (STR(DATATYPE(?end)) AS ?et)
               ?city ?cityType ?cityLabel
        WHERE {
            <id:event/ai-action-summit-2025> a ?type ; rdfs:label ?label .
            GRAPH <graph:paris-statement-2025> {
                <id:event/ai-action-summit-2025> schema:startDate ?start ; schema:endDate ?end ; schema:location ?city }
            ?city a ?cityType ; rdfs:label ?cityLabel .
        }""")
    assert rows == [("gg:Summit", "AI Action Summit", "en", "2025-02-10", "xsd:date", "2025-02-11", "xsd:date",
                     "place/paris", "gg:City", "Paris")]


def test_summit_co_chairs_are_cochairing_acts_with_evidence(sparql):
    rows = table(sparql, """
        SELECT ?g ?index ?name ?code ?source ?exact WHERE {
            GRAPH ?g {
                ?act a gg:CoChairing ; gg:instrument <id:event/ai-action-summit-2025> ; gg:agent ?agent ;
                     gg:listIndex ?index ; gg:nameAsWritten ?name ; dcterms:source ?source ;
                     gg:evidence/oa:hasSelector/oa:exact ?exact }
            ?agent a gg:State ; gg:iso3166Alpha3 ?code .
        } ORDER BY ?index""")
    quote = "Co-chaired by France and India 10-11 February, 2025, Paris"
    assert rows == [
        (PARIS, 1, "France", "FRA", "source/paris-statement-2025", quote),
        (PARIS, 2, "India", "IND", "source/paris-statement-2025", quote),
    ]
    # no other chairing of the summit, in any graph
    assert table(sparql, """
        SELECT ?class (COUNT(DISTINCT ?act) AS ?n) WHERE {
            ?act a ?class ; gg:instrument <id:event/ai-action-summit-2025> . FILTER(?class IN (gg:CoChairing, gg:Chairing))
        } GROUP BY ?class""") == [("gg:CoChairing", 2)]


def test_summit_co_chaired_shortcut(sparql):
    rows = table(sparql, """
        SELECT ?g ?agent WHERE { GRAPH ?g { ?agent gg:coChaired <id:event/ai-action-summit-2025> } }""")
    assert sorted(rows) == [(PARIS, "state/FRA"), (PARIS, "state/IND")]


def test_summit_participants_count_claim(sparql):
    rows = table(sparql, """
        SELECT ?g ?countOf ?qualifier ?quantity ?source ?exact WHERE {
            GRAPH ?g {
                ?claim a gg:CountClaim ; gg:about <id:event/ai-action-summit-2025> ; gg:countOf ?countOf ;
                       gg:quantityQualifier ?qualifier ; gg:claimedQuantity ?quantity ; dcterms:source ?source ;
                       gg:evidence/oa:hasSelector/oa:exact ?exact }
        }""")
    assert rows == [(PARIS, "gg:ParticipatingCountries", "gg:MoreThan", 100, "source/paris-statement-2025",
                     "Participants from over 100 countries")]


def test_statement_scope_is_civil_applications_from_footnote_1(sparql):
    rows = table(sparql, """
        SELECT ?g ?scope (LANG(?scope) AS ?lang) ?evidenceSource ?exact WHERE {
            GRAPH ?g { <id:declaration/paris-statement-2025> gg:scope ?scope ; gg:evidence ?ev .
                       ?ev oa:hasSource ?evidenceSource ; oa:hasSelector/oa:exact ?exact }
        }""")
    assert rows == [(RECORDS, "civil applications and use of AI only", "en", "source/paris-statement-2025",
                     "this Statement relates to civil applications and use of AI only")]
    # the evidence is a quote of footnote 1 as the statement's own graph holds it
    assert table(sparql, """
        SELECT ?marker WHERE {
            GRAPH <graph:paris-statement-2025> {
                ?fn a gg:Footnote ; gg:marker ?marker ; gg:evidence/oa:hasSelector/oa:exact ?fnExact }
            GRAPH <graph:records-ai-action-summit-2025> {
                <id:declaration/paris-statement-2025> gg:scope ?scope ; gg:evidence/oa:hasSelector/oa:exact ?exact }
            FILTER(CONTAINS(?fnExact, ?exact))
        }""") == [(1,)]


# ------------------------------------------------------------------------------------------------ the statement


def test_statement_title_date_place_and_summit(sparql):
    rows = table(sparql, """
        SELECT ?type ?title (LANG(?title) AS ?lang) ?issued (STR(DATATYPE(?issued)) AS ?dt) ?place ?placeType ?placeLabel ?summit
        WHERE {
            GRAPH <graph:paris-statement-2025> {
                <id:declaration/paris-statement-2025> a ?type ; dcterms:title ?title ; dcterms:issued ?issued ;
                    gg:issuedAt ?place ; gg:adoptedAt ?summit ; dcterms:source <id:source/paris-statement-2025> }
            ?place a ?placeType ; rdfs:label ?placeLabel .
        }""")
    assert rows == [("gg:Statement", STATEMENT_TITLE, "en", "2025-02-11", "xsd:date", "place/palais-de-l-elysee",
                     "gg:Venue", "Palais de l'Élysée", "event/ai-action-summit-2025")]


def test_statement_paragraphs(sparql):
    rows = table(sparql, """
        SELECT ?sequence ?number ?paragraph WHERE {
            GRAPH <graph:paris-statement-2025> {
                <id:declaration/paris-statement-2025> dcterms:hasPart ?paragraph .
                ?paragraph a gg:Paragraph ; dcterms:isPartOf <id:declaration/paris-statement-2025> ; gg:sequence ?sequence .
                OPTIONAL { ?paragraph gg:number ?number } }
        } ORDER BY ?sequence""")
    base = "declaration/paris-statement-2025/paragraph/"
    assert rows == [
        (1, 1, base + "1"), (2, 2, base + "2"), (3, 3, base + "3"),
        (4, None, base + "3-1"), (5, None, base + "3-2"), (6, None, base + "3-3"), (7, None, base + "3-4"),
        (8, 4, base + "4"), (9, 5, base + "5"), (10, 6, base + "6"),
    ]
    assert [number for _, number, _ in rows if number is not None] == [1, 2, 3, 4, 5, 6]




def test_statement_six_priorities_in_their_scheme_in_order(sparql):
    rows = table(sparql, """
        SELECT ?sequence ?notation ?concept WHERE {
            GRAPH <graph:paris-statement-2025> {
                <id:declaration/paris-statement-2025> gg:priorities ?scheme ; gg:affirmsPriority ?concept .
                ?scheme a skos:ConceptScheme ; skos:hasTopConcept ?concept .
                ?concept a gg:Priority ; skos:inScheme ?scheme ; skos:topConceptOf ?scheme ;
                         gg:sequence ?sequence ; skos:notation ?notation }
        } ORDER BY ?sequence""")
    base = "declaration/paris-statement-2025/priority/"
    assert rows == [(i, str(i), f"{base}{i}") for i in range(1, 7)]
    # one scheme only, with exactly these six concepts
    assert table(sparql, """
        SELECT ?scheme (COUNT(DISTINCT ?c) AS ?n) WHERE {
            GRAPH <graph:paris-statement-2025> { <id:declaration/paris-statement-2025> gg:priorities ?scheme .
                                                 ?c skos:inScheme ?scheme } } GROUP BY ?scheme""") == [
        ("declaration/paris-statement-2025/priorities", 6)]


def test_statement_priority_labels(sparql):
    rows = table(sparql, """
        SELECT ?sequence ?pref (LANG(?pref) AS ?lang) ?label WHERE {
            GRAPH <graph:paris-statement-2025> {
                <id:declaration/paris-statement-2025> gg:affirmsPriority ?c .
                ?c gg:sequence ?sequence ; skos:prefLabel ?pref ; rdfs:label ?label }
        } ORDER BY ?sequence""")
    assert rows == [(i, text, "en", text) for i, text in enumerate(PRIORITIES, start=1)]


def test_statement_footnotes_markers_and_anchors(sparql):
    rows = table(sparql, """
        SELECT ?marker ?anchoredIn ?anchorText ?exact WHERE {
            GRAPH <graph:paris-statement-2025> {
                <id:declaration/paris-statement-2025> dcterms:hasPart ?fn .
                ?fn a gg:Footnote ; dcterms:isPartOf <id:declaration/paris-statement-2025> ; gg:marker ?marker ;
                    gg:anchoredIn ?anchoredIn ; gg:anchorText ?anchorText ; gg:evidence/oa:hasSelector/oa:exact ?exact }
        } ORDER BY ?marker""")
    assert rows == [
        (1, "declaration/paris-statement-2025", "Statement", FOOTNOTE_1),
        (2, "declaration/paris-statement-2025/paragraph/3-2", "Founding members", FOOTNOTE_2),
        (3, "declaration/paris-statement-2025/paragraph/4", "dialogues", FOOTNOTE_3),
    ]


# ------------------------------------------------------------------------------------------------ signatories


def test_signing_acts_as_listed(sparql):
    rows = table(sparql, """
        SELECT ?index ?number ?name ?agent ?date (STR(DATATYPE(?date)) AS ?dt) ?source ?exact WHERE {
            GRAPH <graph:paris-statement-2025> {
                ?act a gg:Signing ; gg:instrument <id:declaration/paris-statement-2025> ; gg:listIndex ?index ;
                     gg:listNumber ?number ; gg:nameAsWritten ?name ; dcterms:date ?date ; dcterms:source ?source ;
                     gg:evidence/oa:hasSelector/oa:exact ?exact .
                OPTIONAL { ?act gg:agent ?agent } }
        } ORDER BY ?index""")
    assert [(i, n, name, agent) for i, n, name, agent, *_ in rows] == [
        (i, n, name, agent) for i, (n, name, agent) in enumerate(SIGNATORIES, start=1)]
    assert {(date, dt, source) for _, _, _, _, date, dt, source, _ in rows} == {
        ("2025-02-11", "xsd:date", "source/paris-statement-2025")}
    assert [exact for *_, exact in rows] == [f"{n}. {name}" for n, name, _ in SIGNATORIES]


def test_signing_acts_count_and_graph(sparql):
    """61 signing acts on the statement, all in the statement's graph, each with one list number and name."""
    assert table(sparql, """
        SELECT ?g (COUNT(DISTINCT ?act) AS ?n) WHERE {
            GRAPH ?g { ?act a gg:Signing ; gg:instrument <id:declaration/paris-statement-2025> } } GROUP BY ?g""") == [
        (PARIS, 61)]
    assert table(sparql, """
        SELECT (COUNT(DISTINCT ?act) AS ?n) WHERE {
            GRAPH <graph:paris-statement-2025> { ?act a gg:Signing ; gg:instrument <id:declaration/paris-statement-2025> }
            FILTER NOT EXISTS { GRAPH <graph:paris-statement-2025> { ?act gg:listNumber ?number ; gg:nameAsWritten ?name } }
        }""") == [(0,)]


def test_signatory_states_iso_codes(sparql):
    codes = column(sparql, """
        SELECT DISTINCT ?code WHERE {
            GRAPH <graph:paris-statement-2025> {
                ?act a gg:Signing ; gg:instrument <id:declaration/paris-statement-2025> ; gg:agent ?agent }
            ?agent a gg:State ; gg:iso3166Alpha3 ?code .
        }""")
    assert len(codes) == 58
    assert set(codes) == SIGNATORY_STATES


def test_signatory_organisations_are_organisations_not_states(sparql):
    rows = table(sparql, """
        SELECT DISTINCT ?agent ?number ?name ?label WHERE {
            GRAPH <graph:paris-statement-2025> {
                ?act a gg:Signing ; gg:instrument <id:declaration/paris-statement-2025> ; gg:agent ?agent ;
                     gg:listNumber ?number ; gg:nameAsWritten ?name }
            ?agent a/rdfs:subClassOf* gg:Organisation ; rdfs:label ?label .
        } ORDER BY ?number""")
    assert rows == [
        ("organisation/european-union", 59, "European Union", "European Union"),
        ("organisation/african-union-commission", 60, "African Union Commission", "African Union Commission"),
    ]
    assert table(sparql, """
        SELECT ?agent ?type WHERE {
            VALUES ?agent { <id:organisation/european-union> <id:organisation/african-union-commission> }
            ?agent a ?type . FILTER(?type IN (gg:State, gg:Territory, gg:CountryOrArea))
        }""") == []
    # every resolved signatory is either a state or an organisation, never both
    assert table(sparql, """
        SELECT ?kind (COUNT(DISTINCT ?agent) AS ?n) WHERE {
            GRAPH <graph:paris-statement-2025> {
                ?act a gg:Signing ; gg:instrument <id:declaration/paris-statement-2025> ; gg:agent ?agent }
            OPTIONAL { ?agent a gg:State . BIND("state" AS ?s) }
            OPTIONAL { ?agent a/rdfs:subClassOf* gg:Organisation . BIND("organisation" AS ?o) }
            BIND(IF(BOUND(?s) && BOUND(?o), "both", COALESCE(?s, ?o, "neither")) AS ?kind)
        } GROUP BY ?kind ORDER BY ?kind""") == [("organisation", 2), ("state", 58)]


def test_vatican_resolves_to_vat(sparql):
    rows = table(sparql, """
        SELECT ?number ?agent ?type ?code WHERE {
            GRAPH <graph:paris-statement-2025> {
                ?act a gg:Signing ; gg:nameAsWritten "Vatican" ; gg:listNumber ?number ; gg:agent ?agent }
            ?agent a ?type ; gg:iso3166Alpha3 ?code .
        }""")
    assert rows == [(58, "state/VAT", "gg:State", "VAT")]


def test_timano_kept_as_written_and_unresolved(sparql):
    rows = table(sparql, """
        SELECT ?act ?number ?index ?agent ?exact WHERE {
            GRAPH ?g { ?act gg:nameAsWritten "Timano" ; a gg:Signing ; gg:listNumber ?number ; gg:listIndex ?index ;
                       gg:evidence/oa:hasSelector/oa:exact ?exact .
                       OPTIONAL { ?act gg:agent ?agent } }
        }""")
    assert rows == [("act/paris-statement-2025/signatory-17-2", 17, 18, None, "17. Timano")]
    # never guessed: nothing in the graph is called Timano
    assert table(sparql, """
        SELECT ?thing WHERE { ?thing rdfs:label|skos:prefLabel|skos:altLabel ?name . FILTER(LCASE(STR(?name)) = "timano") }
    """) == []


def test_signed_shortcut_for_the_60_resolved_agents(sparql):
    rows = table(sparql, """
        SELECT ?g ?agent WHERE { GRAPH ?g { ?agent gg:signed <id:declaration/paris-statement-2025> } }""")
    assert len(rows) == 60
    assert set(rows) == {(PARIS, agent) for _, _, agent in SIGNATORIES if agent}


# ------------------------------------------------------------------------------------------------ initiatives


def test_acts_on_initiatives_stated_in_the_statement(sparql):
    rows = table(sparql, """
        SELECT ?class ?initiative (COUNT(DISTINCT ?act) AS ?n) WHERE {
            GRAPH <graph:paris-statement-2025> {
                ?act a ?class ; gg:instrument ?initiative ; gg:statedIn <id:declaration/paris-statement-2025> }
            ?initiative a/rdfs:subClassOf* gg:Initiative .
        } GROUP BY ?class ?initiative ORDER BY ?class ?initiative""")
    assert rows == [
        ("gg:Committing", "initiative/global-dialogue-ai-governance", 1),
        ("gg:Committing", "initiative/network-observatories-ai-job-market", 1),
        ("gg:Committing", "initiative/scientific-panel-ai", 1),
        ("gg:Founding", "initiative/public-interest-ai-platform", 9),
        ("gg:Launching", "initiative/public-interest-ai-platform", 1),
        ("gg:Welcoming", "initiative/observatory-ai-energy", 1),
    ]


def test_public_interest_ai_platform_launched_in_the_statement(sparql):
    rows = table(sparql, """
        SELECT ?type ?label ?agent ?exact WHERE {
            GRAPH <graph:paris-statement-2025> {
                ?act a gg:Launching ; gg:instrument <id:initiative/public-interest-ai-platform> ;
                     gg:statedIn <id:declaration/paris-statement-2025> ; dcterms:source <id:source/paris-statement-2025> ;
                     gg:evidence/oa:hasSelector/oa:exact ?exact .
                OPTIONAL { ?act gg:agent ?agent } }
            <id:initiative/public-interest-ai-platform> a ?type ; rdfs:label ?label .
        }""")
    assert rows == [("gg:Platform", "Public Interest AI Platform and Incubator", None,
                     "have launched a major Public Interest AI Platform and Incubator")]
    assert table(sparql, """
        SELECT ?g ?who WHERE { GRAPH ?g { ?who gg:launched <id:initiative/public-interest-ai-platform> } }""") == [
        (PARIS, "declaration/paris-statement-2025")]


def test_public_interest_ai_platform_founding_members(sparql):
    rows = table(sparql, """
        SELECT ?index ?name ?code ?exact WHERE {
            GRAPH <graph:paris-statement-2025> {
                ?act a gg:Founding ; gg:instrument <id:initiative/public-interest-ai-platform> ; gg:agent ?agent ;
                     gg:statedIn <id:declaration/paris-statement-2025> ; gg:listIndex ?index ; gg:nameAsWritten ?name ;
                     gg:evidence/oa:hasSelector/oa:exact ?exact }
            ?agent a gg:State ; gg:iso3166Alpha3 ?code .
        } ORDER BY ?index""")
    founders = [("Kenya", "KEN"), ("Germany", "DEU"), ("Chile", "CHL"), ("Finland", "FIN"), ("Slovenia", "SVN"),
                ("France", "FRA"), ("Nigeria", "NGA"), ("Morocco", "MAR"), ("India", "IND")]
    assert rows == [(i, name, code, FOOTNOTE_2) for i, (name, code) in enumerate(founders, start=1)]
    shortcut = table(sparql, """
        SELECT ?g ?agent WHERE { GRAPH ?g { ?agent gg:founded <id:initiative/public-interest-ai-platform> } }""")
    assert sorted(shortcut) == sorted((PARIS, f"state/{code}") for _, code in founders)


def test_energy_observatory_welcomed_with_the_iea(sparql):
    rows = table(sparql, """
        SELECT ?type ?label ?exact WHERE {
            GRAPH <graph:paris-statement-2025> {
                ?act a gg:Welcoming ; gg:instrument <id:initiative/observatory-ai-energy> ;
                     gg:statedIn <id:declaration/paris-statement-2025> ; gg:evidence/oa:hasSelector/oa:exact ?exact }
            <id:initiative/observatory-ai-energy> a ?type ; rdfs:label ?label .
        }""")
    assert rows == [("gg:Observatory", "Observatory on the energy impact of AI",
                     "welcoming an observatory on the energy impact of AI")]
    partners = table(sparql, """
        SELECT ?g ?partner ?label ?evidenceSource ?exact WHERE {
            GRAPH ?g { <id:initiative/observatory-ai-energy> gg:partner ?partner ; gg:evidence ?ev .
                       ?ev oa:hasSource ?evidenceSource ; oa:hasSelector/oa:exact ?exact }
            ?partner rdfs:label ?label .
        }""")
    assert partners == [(RECORDS, "organisation/international-energy-agency", "International Energy Agency",
                         "source/paris-statement-2025",
                         "an observatory on the energy impact of AI with the International Energy Agency")]


def test_network_of_observatories_on_ai_and_the_job_market(sparql):
    rows = table(sparql, """
        SELECT ?class ?type ?label ?exact WHERE {
            GRAPH <graph:paris-statement-2025> {
                ?act a ?class ; gg:instrument <id:initiative/network-observatories-ai-job-market> ;
                     gg:statedIn <id:declaration/paris-statement-2025> ; gg:evidence/oa:hasSelector/oa:exact ?exact }
            <id:initiative/network-observatories-ai-job-market> a ?type ; rdfs:label ?label .
        }""")
    assert rows == [("gg:Committing", "gg:Observatory", "Network of observatories on AI and the job market",
                     "creation of network of Observatories")]


def test_global_dialogue_and_scientific_panel_outlined_in_the_global_digital_compact(sparql):
    committed = table(sparql, """
        SELECT ?initiative ?type ?label WHERE {
            GRAPH <graph:paris-statement-2025> {
                ?act a gg:Committing ; gg:instrument ?initiative ; gg:statedIn <id:declaration/paris-statement-2025> }
            ?initiative a ?type ; rdfs:label ?label .
            FILTER(?initiative IN (<id:initiative/global-dialogue-ai-governance>, <id:initiative/scientific-panel-ai>))
        } ORDER BY ?initiative""")
    assert committed == [
        ("initiative/global-dialogue-ai-governance", "gg:Dialogue", "Global Dialogue on AI Governance"),
        ("initiative/scientific-panel-ai", "gg:Panel", "Independent International Scientific Panel on AI"),
    ]
    outlined = table(sparql, """
        SELECT ?g ?initiative ?framework ?evidenceSource WHERE {
            GRAPH ?g { ?initiative gg:outlinedIn ?framework ; gg:evidence ?ev . ?ev oa:hasSource ?evidenceSource }
        } ORDER BY ?initiative""")
    assert outlined == [
        (RECORDS, "initiative/global-dialogue-ai-governance", "framework/global-digital-compact", "source/paris-statement-2025"),
        (RECORDS, "initiative/scientific-panel-ai", "framework/global-digital-compact", "source/paris-statement-2025"),
    ]
    assert table(sparql, """
        SELECT ?type ?label ?adoptedBy WHERE {
            <id:framework/global-digital-compact> a ?type ; rdfs:label ?label ; gg:adoptedBy ?adoptedBy }""") == [
        ("gg:Framework", "Global Digital Compact", "organisation/un-general-assembly")]


# ------------------------------------------------------------------------------------------------ frameworks


def test_frameworks_acknowledged(sparql):
    rows = table(sparql, """
        SELECT ?target ?type ?label WHERE {
            GRAPH <graph:paris-statement-2025> {
                ?act a gg:Acknowledging ; gg:instrument ?target ; gg:statedIn <id:declaration/paris-statement-2025> ;
                     dcterms:source <id:source/paris-statement-2025> }
            ?target a ?type ; rdfs:label ?label .
        } ORDER BY ?target""")
    assert rows == [
        ("framework/au-continental-ai-strategy", "gg:Framework", "African Union Continental AI Strategy"),
        ("framework/global-digital-compact", "gg:Framework", "Global Digital Compact"),
        ("framework/hiroshima-ai-process", "gg:Framework", "Hiroshima AI Process"),
        ("framework/unesco-recommendation-ethics-ai", "gg:Framework",
         "UNESCO Recommendation on the Ethics of Artificial Intelligence"),
        ("framework/unga-ai-resolutions", "gg:Framework", "United Nations General Assembly resolutions on AI"),
        ("organisation/council-of-europe", "gg:IntergovernmentalOrganisation", "Council of Europe"),
        ("organisation/european-union", "gg:IntergovernmentalOrganisation", "European Union"),
        ("organisation/g20", "gg:IntergovernmentalForum", "G20"),
        ("organisation/g7", "gg:IntergovernmentalForum", "G7"),
        ("organisation/oecd", "gg:IntergovernmentalOrganisation", "Organisation for Economic Co-operation and Development"),
    ]
    shortcut = column(sparql, """
        SELECT ?target WHERE { GRAPH <graph:paris-statement-2025> {
            <id:declaration/paris-statement-2025> gg:acknowledges ?target } } ORDER BY ?target""")
    assert shortcut == [target for target, _, _ in rows]
    assert table(sparql, """
        SELECT ?adoptedBy WHERE { <id:framework/hiroshima-ai-process> gg:adoptedBy ?adoptedBy }""") == [
        ("organisation/g7",)]


def test_wsis_cited_from_footnote_3(sparql):
    rows = table(sparql, """
        SELECT ?marker ?type ?label ?exact WHERE {
            GRAPH <graph:paris-statement-2025> {
                ?act a gg:Citing ; gg:instrument <id:event/wsis> ; gg:statedIn <id:declaration/paris-statement-2025> ;
                     gg:evidence ?ev .
                ?ev oa:hasSelector/oa:exact ?exact .
                ?fn a gg:Footnote ; gg:marker ?marker ; gg:evidence ?ev }
            <id:event/wsis> a ?type ; rdfs:label ?label .
        }""")
    assert rows == [(3, "gg:Summit", "World Summit on the Information Society", FOOTNOTE_3)]
    assert column(sparql, """
        SELECT ?target WHERE { GRAPH <graph:paris-statement-2025> {
            ?act a gg:Citing ; gg:instrument ?target ; gg:statedIn <id:declaration/paris-statement-2025> } }
        ORDER BY ?target""") == ["event/wsis", "framework/global-digital-compact", "framework/paris-pact-people-planet"]


# ------------------------------------------------------------------------------------------------ other events


def test_earlier_summits_built_on(sparql):
    rows = table(sparql, """
        SELECT ?event ?label ?exact WHERE {
            GRAPH <graph:paris-statement-2025> {
                ?act a gg:BuildingOn ; gg:instrument ?event ; gg:statedIn <id:declaration/paris-statement-2025> ;
                     gg:evidence/oa:hasSelector/oa:exact ?exact .
                <id:declaration/paris-statement-2025> gg:buildsOn ?event }
            ?event a gg:Summit ; rdfs:label ?label .
        } ORDER BY ?event""")
    assert rows == [
        ("event/ai-seoul-summit-2024", "AI Seoul Summit",
         "commend the role of the Bletchley Park AI Safety Summit and Seoul Summits"),
        ("event/bletchley-park-ai-safety-summit-2023", "AI Safety Summit (Bletchley Park)",
         "commend the role of the Bletchley Park AI Safety Summit"),
    ]


def test_milestones_looked_forward_to(sparql):
    rows = table(sparql, """
        SELECT ?event ?label WHERE {
            GRAPH <graph:paris-statement-2025> {
                ?act a gg:LookingForwardTo ; gg:instrument ?event ; gg:statedIn <id:declaration/paris-statement-2025> .
                <id:declaration/paris-statement-2025> gg:looksForwardTo ?event }
            ?event a/rdfs:subClassOf* gg:Event ; rdfs:label ?label .
        } ORDER BY ?event""")
    assert rows == [
        ("event/ai-for-good-global-summit-2025", "AI for Good Global Summit 2025"),
        ("event/global-forum-ethics-ai-2025", "3rd Global Forum on the Ethics of AI"),
        ("event/kigali-summit", "Kigali Summit"),
        ("event/world-ai-conference-2025", "2025 World AI Conference"),
    ]


def test_global_forum_hosted_by_thailand_and_unesco(sparql):
    rows = table(sparql, """
        SELECT ?g ?host ?exact WHERE {
            GRAPH ?g { ?act a gg:Hosting ; gg:instrument <id:event/global-forum-ethics-ai-2025> ; gg:agent ?host ;
                            gg:statedIn <id:declaration/paris-statement-2025> ; gg:evidence/oa:hasSelector/oa:exact ?exact }
        } ORDER BY ?host""")
    assert rows == [
        (PARIS, "organisation/unesco", "3rd Global Forum on the Ethics of AI hosted by Thailand and UNESCO"),
        (PARIS, "state/THA", "3rd Global Forum on the Ethics of AI hosted by Thailand"),
    ]
    assert sorted(table(sparql, """
        SELECT ?g ?host WHERE { GRAPH ?g { ?host gg:hosted <id:event/global-forum-ethics-ai-2025> } }""")) == [
        (PARIS, "organisation/unesco"), (PARIS, "state/THA")]


# ------------------------------------------------------------------------------------------------ the article


def test_uk_and_us_declined_to_sign(sparql):
    rows = table(sparql, """
        SELECT ?g ?agent ?source ?exact WHERE {
            GRAPH ?g { ?act a gg:DecliningToSign ; gg:agent ?agent ; gg:instrument <id:declaration/paris-statement-2025> ;
                            dcterms:source ?source ; gg:evidence/oa:hasSelector/oa:exact ?exact }
        } ORDER BY ?agent""")
    quote = "The UK and the US have opted out of signing"
    assert rows == [(ARTICLE, "state/GBR", "source/techmonitor-2025-02-uk-us-decline", quote),
                    (ARTICLE, "state/USA", "source/techmonitor-2025-02-uk-us-decline", quote)]
    assert sorted(table(sparql, """
        SELECT ?g ?agent WHERE { GRAPH ?g { ?agent gg:declinedToSign <id:declaration/paris-statement-2025> } }""")) == [
        (ARTICLE, "state/GBR"), (ARTICLE, "state/USA")]
    # neither is a listed signatory of the statement
    assert table(sparql, """
        SELECT ?agent WHERE { ?agent gg:signed <id:declaration/paris-statement-2025> .
                              FILTER(?agent IN (<id:state/GBR>, <id:state/USA>)) }""") == []


def test_reasons_for_declining_and_who_gave_them(sparql):
    rows = table(sparql, """
        SELECT ?agent ?reason ?label ?givenBy ?source WHERE {
            GRAPH <graph:techmonitor-2025-02-uk-us-decline> { ?act a gg:DecliningToSign ; gg:agent ?agent }
            GRAPH <graph:records-ai-action-summit-2025> {
                ?act gg:reason ?reason . ?reason a gg:Reason ; rdfs:label ?label ; gg:givenBy ?givenBy ;
                                                 dcterms:source ?source ; gg:evidence/oa:hasSelector/oa:exact ?exact }
        } ORDER BY ?agent ?reason""")
    source = "source/techmonitor-2025-02-uk-us-decline"
    reason = "reason/techmonitor-2025-02-uk-us-decline/"
    assert rows == [
        ("state/GBR", reason + "uk-governance-clarity",
         "The declaration did not provide enough practical clarity on global governance",
         "person/uk-government-spokesperson", source),
        ("state/GBR", reason + "uk-national-interest",
         "A decision of national interest, balancing opportunity and security, not a following of US policy",
         "person/uk-government-spokesperson", source),
        ("state/GBR", reason + "uk-national-security",
         "The declaration did not sufficiently address national security and the challenge AI poses to it",
         "person/uk-government-spokesperson", source),
        ("state/USA", reason + "us-regulation-hinders-progress",
         "Excessive regulation could hinder technological progress; the administration favours pro-growth AI policies",
         "person/jd-vance", source),
    ]


def test_uk_signed_other_agreements_at_the_summit(sparql):
    rows = table(sparql, """
        SELECT ?topic ?type ?source WHERE {
            GRAPH <graph:records-ai-action-summit-2025> {
                ?act a gg:Signing ; gg:agent <id:state/GBR> ; gg:instrument ?agreement ;
                     gg:occasion <id:event/ai-action-summit-2025> ; dcterms:source ?source .
                ?agreement a ?type ; gg:topic ?topic ; gg:adoptedAt <id:event/ai-action-summit-2025> }
        } ORDER BY ?topic""")
    assert rows == [("cybersecurity", "gg:Agreement", "source/techmonitor-2025-02-uk-us-decline"),
                    ("sustainability", "gg:Agreement", "source/techmonitor-2025-02-uk-us-decline")]
    assert column(sparql, """
        SELECT ?instrument WHERE { GRAPH ?g { <id:state/GBR> gg:signed ?instrument } } ORDER BY ?instrument""") == [
        "agreement/records-ai-action-summit-2025/summit-cybersecurity-agreement",
        "agreement/records-ai-action-summit-2025/summit-sustainability-agreement",
    ]


def test_article_claims_over_60_countries_endorsed(sparql):
    rows = table(sparql, """
        SELECT ?g ?about ?countOf ?qualifier ?quantity ?source ?exact WHERE {
            GRAPH ?g { ?claim a gg:CountClaim ; gg:about ?about ; gg:countOf ?countOf ; gg:quantityQualifier ?qualifier ;
                              gg:claimedQuantity ?quantity ; dcterms:source ?source ; gg:evidence/oa:hasSelector/oa:exact ?exact }
            FILTER(?about = <id:declaration/paris-statement-2025>)
        }""")
    assert rows == [(ARTICLE, "declaration/paris-statement-2025", "gg:SignatoryStates", "gg:MoreThan", 60,
                     "source/techmonitor-2025-02-uk-us-decline",
                     "Over 60 countries, including France, China, and India, endorsed")]
    # the states the article names as endorsing, kept apart from the listed signatures
    assert table(sparql, """
        SELECT ?g ?agent WHERE { GRAPH ?g { ?act a gg:Endorsing ; gg:agent ?agent ;
                                                 gg:instrument <id:declaration/paris-statement-2025> } }
        ORDER BY ?agent""") == [(ARTICLE, "state/CHN"), (ARTICLE, "state/FRA"), (ARTICLE, "state/IND")]


def test_people_roles_and_organisations(sparql):
    rows = table(sparql, """
        SELECT ?person ?title (LANG(?title) AS ?lang) ?organisation ?source WHERE {
            GRAPH <graph:records-ai-action-summit-2025> {
                ?post a org:Post ; gg:roleTitle ?title ; org:heldBy ?p ; org:postIn ?o ; dcterms:source ?source .
                ?p org:holds ?post }
            ?p a gg:Person ; rdfs:label ?person . ?o rdfs:label ?organisation .
        } ORDER BY ?person""")
    source = "source/techmonitor-2025-02-uk-us-decline"
    assert rows == [
        ("Alexandra Reeve Givens", "President and chief executive", "en", "Center for Democracy and Technology", source),
        ("Darren Thomson", "Field CTO", "en", "Commvault", source),
        ("Emmanuel Macron", "President of the French Republic", "en", "Presidency of the French Republic", source),
        ("JD Vance", "Vice President of the United States", "en", "Government of the United States", source),
        ("Tim Flagg", "Chief executive", "en", "UKAI", source),
        ("UK government spokesperson (unnamed)", "Spokesperson", "en", "Government of the United Kingdom", source),
        ("Ursula von der Leyen", "President", "en", "European Commission", source),
    ]


QUOTATIONS = {
    # quotation slug: (speaker, stance, toward, first words of what was said)
    "alexandra-reeve-givens-1": ("person/alexandra-reeve-givens", "gg:Critical",
                                 "act/techmonitor-2025-02-uk-us-decline/decliningtosign-usa", "The Vice President emphasized"),
    "alexandra-reeve-givens-2": ("person/alexandra-reeve-givens", "gg:Critical",
                                 "act/techmonitor-2025-02-uk-us-decline/decliningtosign-usa", "That’s simply not possible"),
    "darren-thomson-1": ("person/darren-thomson", "gg:Critical",
                         "act/techmonitor-2025-02-uk-us-decline/decliningtosign-gbr", "This revelation from the Summit"),
    "darren-thomson-2": ("person/darren-thomson", "gg:Critical",
                         "act/techmonitor-2025-02-uk-us-decline/decliningtosign-gbr", "But without robust regulatory frameworks"),
    "emmanuel-macron-1": ("person/emmanuel-macron", "gg:Supports", "declaration/paris-statement-2025",
                          "We need these rules"),
    "jd-vance-1": ("person/jd-vance", "gg:Supports", "act/techmonitor-2025-02-uk-us-decline/decliningtosign-usa",
                   "AI is an opportunity"),
    "jd-vance-2": ("person/jd-vance", "gg:Supports", "act/techmonitor-2025-02-uk-us-decline/decliningtosign-usa",
                   "pro-growth AI policies"),
    "tim-flagg-1": ("person/tim-flagg", "gg:Supports", "act/techmonitor-2025-02-uk-us-decline/decliningtosign-gbr",
                    "While UKAI agrees"),
    "uk-government-spokesperson-1": ("person/uk-government-spokesperson", "gg:Critical",
                                     "declaration/paris-statement-2025", "We felt the declaration"),
    "uk-government-spokesperson-2": ("person/uk-government-spokesperson", "gg:Supports",
                                     "act/techmonitor-2025-02-uk-us-decline/decliningtosign-gbr", "This isn’t about the US"),
}


def test_quotations_speakers_stances_and_targets(sparql):
    rows = table(sparql, """
        SELECT ?quotation ?speaker ?stance ?toward ?text (LANG(?text) AS ?lang) ?exact WHERE {
            GRAPH <graph:techmonitor-2025-02-uk-us-decline> {
                ?quotation a gg:Quotation ; gg:speaker ?speaker ; gg:quotedText ?text ;
                           dcterms:source <id:source/techmonitor-2025-02-uk-us-decline> ;
                           gg:evidence/oa:hasSelector/oa:exact ?exact }
            GRAPH <graph:records-ai-action-summit-2025> {
                ?quotation gg:stance ?stance ; gg:stanceToward ?toward ; gg:stanceEvidence ?stanceEvidence }
        } ORDER BY ?quotation""")
    prefix = "quotation/techmonitor-2025-02-uk-us-decline/"
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        (prefix + slug, speaker, stance, toward) for slug, (speaker, stance, toward, _) in sorted(QUOTATIONS.items())]
    for (quotation, _, _, _, text, lang, exact), (slug, (*_, first_words)) in zip(rows, sorted(QUOTATIONS.items())):
        said = " ".join(text.split())
        assert lang == "en"
        assert said.startswith(first_words), (slug, said)
        assert said == exact, (slug, said, exact)
    # every quotation of the article has a speaker and a stance; Ursula von der Leyen has a role but no quotation
    assert table(sparql, """
        SELECT (COUNT(DISTINCT ?quotation) AS ?all) (COUNT(DISTINCT ?withSpeaker) AS ?spoken) (COUNT(DISTINCT ?withStance) AS ?judged)
        WHERE { GRAPH <graph:techmonitor-2025-02-uk-us-decline> { ?quotation a gg:Quotation }
                OPTIONAL { ?quotation gg:speaker ?s . BIND(?quotation AS ?withSpeaker) }
                OPTIONAL { ?quotation gg:stance ?st . BIND(?quotation AS ?withStance) } }""") == [(10, 10, 10)]
    assert table(sparql, """
        SELECT ?quotation WHERE { ?quotation gg:speaker <id:person/ursula-von-der-leyen> }""") == []


# ------------------------------------------------------------------------------------------------ InvestAI

BN = 1_000_000_000


def test_investai_total_and_components_add_up(sparql):
    total = table(sparql, """
        SELECT ?value ?currency (STR(DATATYPE(?value)) AS ?dt) WHERE {
            GRAPH <graph:records-ai-action-summit-2025> { <id:initiative/investai> gg:totalAmount ?total }
            GRAPH <graph:techmonitor-2025-02-uk-us-decline> {
                ?total a schema:MonetaryAmount ; schema:value ?value ; schema:currency ?currency }
        }""")
    assert total == [(Decimal(200 * BN), "EUR", "xsd:decimal")]
    components = table(sparql, """
        SELECT ?value ?currency WHERE {
            GRAPH <graph:records-ai-action-summit-2025> {
                <id:initiative/investai> gg:totalAmount ?total . ?total gg:hasComponent ?c }
            GRAPH <graph:techmonitor-2025-02-uk-us-decline> { ?c schema:value ?value ; schema:currency ?currency }
        } ORDER BY DESC(?value)""")
    assert components == [(Decimal(150 * BN), "EUR"), (Decimal(50 * BN), "EUR")]
    assert table(sparql, """
        SELECT ?total (SUM(?value) AS ?sum) (COUNT(?c) AS ?parts) WHERE {
            GRAPH <graph:records-ai-action-summit-2025> { <id:initiative/investai> gg:totalAmount ?t . ?t gg:hasComponent ?c }
            GRAPH <graph:techmonitor-2025-02-uk-us-decline> { ?t schema:value ?total . ?c schema:value ?value }
        } GROUP BY ?total""") == [(Decimal(200 * BN), Decimal(200 * BN), 2)]


def test_investai_naive_sum_over_union(sparql):
    assert table(sparql, """
        SELECT (SUM(?value) AS ?sum) (COUNT(?c) AS ?parts) WHERE {
            <id:initiative/investai> gg:totalAmount ?t . ?t gg:hasComponent ?c . ?c schema:value ?value }""") == [
        (Decimal(200 * BN), 2)]


def test_investai_funding_acts(sparql):
    rows = table(sparql, """
        SELECT ?funder ?value ?currency ?isComponent ?source WHERE {
            GRAPH <graph:records-ai-action-summit-2025> {
                ?act a gg:Funding ; gg:agent ?funder ; gg:instrument <id:initiative/investai> ; gg:amount ?amount ;
                     dcterms:source ?source ; gg:evidence/oa:hasSelector/oa:exact ?exact .
                <id:initiative/investai> gg:totalAmount ?total .
                BIND(EXISTS { ?total gg:hasComponent ?amount } AS ?isComponent) }
            ?amount schema:value ?value ; schema:currency ?currency .
        } ORDER BY DESC(?value)""")
    source = "source/techmonitor-2025-02-uk-us-decline"
    assert rows == [
        ("initiative/european-ai-champions-initiative", Decimal(150 * BN), "EUR", "true", source),
        ("organisation/european-commission", Decimal(50 * BN), "EUR", "true", source),
    ]
    assert sorted(table(sparql, """
        SELECT ?g ?funder WHERE { GRAPH ?g { ?funder gg:funds <id:initiative/investai> } }""")) == [
        (RECORDS, "initiative/european-ai-champions-initiative"), (RECORDS, "organisation/european-commission")]


def test_investai_introduced_by_von_der_leyen_for_the_commission(sparql):
    assert table(sparql, """
        SELECT ?agent ?person ?occasion WHERE {
            GRAPH <graph:records-ai-action-summit-2025> {
                ?act a gg:Launching ; gg:instrument <id:initiative/investai> ; gg:agent ?agent ;
                     gg:representedBy ?person ; gg:occasion ?occasion }
        }""") == [("organisation/european-commission", "person/ursula-von-der-leyen", "event/ai-action-summit-2025")]


def test_gigafactories_fund_inside_investai(sparql):
    rows = table(sparql, """
        SELECT ?type ?whole ?value ?currency WHERE {
            GRAPH <graph:records-ai-action-summit-2025> {
                <id:initiative/investai-ai-gigafactories-fund> gg:partOf ?whole ; gg:totalAmount ?amount }
            ?amount schema:value ?value ; schema:currency ?currency .
            <id:initiative/investai-ai-gigafactories-fund> a ?type .
        }""")
    assert rows == [("gg:Fund", "initiative/investai", Decimal(20 * BN), "EUR")]
    quantities = table(sparql, """
        SELECT ?value ?unit ?qualifier WHERE {
            GRAPH <graph:records-ai-action-summit-2025> {
                <id:initiative/investai-ai-gigafactories-fund> gg:plannedQuantity ?quantity .
                ?quantity a gg:Quantity ; schema:value ?value ; schema:unitText ?unit ; gg:quantityQualifier ?qualifier }
        } ORDER BY ?value""")
    assert quantities == [(4, "AI gigafactories", "gg:Exactly"), (100000, "advanced AI chips", "gg:About")]
    # the fund sits inside the total it is part of
    assert table(sparql, """
        SELECT (?fund <= ?total AS ?inside) WHERE {
            GRAPH <graph:records-ai-action-summit-2025> {
                <id:initiative/investai-ai-gigafactories-fund> gg:partOf ?whole ; gg:totalAmount ?f . ?whole gg:totalAmount ?t }
            ?f schema:value ?fund . ?t schema:value ?total .
        }""") == [("true",)]


def test_investai_supported_by_horizon_europe_and_digital_europe(sparql):
    assert table(sparql, """
        SELECT ?g ?programme ?label WHERE {
            GRAPH ?g { <id:initiative/investai> gg:supportedBy ?programme }
            ?programme a gg:Programme ; rdfs:label ?label .
        } ORDER BY ?programme""") == [
        (RECORDS, "initiative/digital-europe-programme", "Digital Europe Programme"),
        (RECORDS, "initiative/horizon-europe", "Horizon Europe"),
    ]


def test_amounts_use_iso_4217_currency_codes(sparql):
    assert table(sparql, """
        SELECT DISTINCT ?currency (STR(DATATYPE(?currency)) AS ?dt) WHERE { ?amount a schema:MonetaryAmount ;
                                                                                   schema:currency ?currency }""") == [
        ("EUR", "xsd:string")]
    # every amount has exactly one currency and one value
    assert table(sparql, """
        SELECT ?amount WHERE { ?amount a schema:MonetaryAmount .
            { SELECT ?amount (COUNT(DISTINCT ?c) AS ?nc) (COUNT(DISTINCT ?v) AS ?nv) WHERE {
                ?amount a schema:MonetaryAmount . OPTIONAL { ?amount schema:currency ?c } OPTIONAL { ?amount schema:value ?v } }
              GROUP BY ?amount }
            FILTER(?nc != 1 || ?nv != 1) }""") == []


# ------------------------------------------------------------------------------------------------ provenance

ACTS_PER_GRAPH_AND_CLASS = [
    (PARIS, "gg:Acknowledging", 10), (PARIS, "gg:BuildingOn", 2), (PARIS, "gg:Citing", 3),
    (PARIS, "gg:CoChairing", 2), (PARIS, "gg:Committing", 3), (PARIS, "gg:Founding", 9), (PARIS, "gg:Hosting", 2),
    (PARIS, "gg:Launching", 1), (PARIS, "gg:LookingForwardTo", 4), (PARIS, "gg:Signing", 61),
    (PARIS, "gg:Welcoming", 1),
    (RECORDS, "gg:Funding", 2), (RECORDS, "gg:Launching", 1), (RECORDS, "gg:Signing", 2),
    (ARTICLE, "gg:DecliningToSign", 2), (ARTICLE, "gg:Endorsing", 3),
]


def test_acts_per_graph_and_class(sparql):
    rows = table(sparql, """
        SELECT ?g ?class (COUNT(DISTINCT ?act) AS ?n) WHERE {
            GRAPH ?g { ?act a ?class } GRAPH <graph:ontology> { ?class rdfs:subClassOf+ gg:Act }
        } GROUP BY ?g ?class""")
    assert sorted(rows) == sorted(ACTS_PER_GRAPH_AND_CLASS)


def test_every_act_has_source_and_evidence_quote(sparql):
    total = sum(n for *_, n in ACTS_PER_GRAPH_AND_CLASS)
    assert table(sparql, """
        SELECT (COUNT(DISTINCT ?act) AS ?n) WHERE { ?act a/rdfs:subClassOf+ gg:Act }""") == [(total,)]
    missing = table(sparql, """
        SELECT DISTINCT ?act WHERE {
            ?act a/rdfs:subClassOf+ gg:Act .
            FILTER NOT EXISTS {
                ?act dcterms:source ?source ; gg:evidence ?ev .
                ?ev oa:hasSource ?source ; oa:hasSelector/oa:exact ?exact .
                FILTER(STRLEN(STR(?exact)) > 0) }
        }""")
    assert missing == []


def test_quote_status_of_every_evidence_quote(sparql):
    status = "gg:QuoteFound" if seeds_present() else "gg:SourceTextUnavailable"
    rows = table(sparql, """
        SELECT ?source ?status (COUNT(DISTINCT ?ev) AS ?n) WHERE {
            ?ev a oa:SpecificResource ; oa:hasSource ?source .
            OPTIONAL { GRAPH <graph:quote-checks> { ?ev gg:quoteStatus ?status } }
        } GROUP BY ?source ?status ORDER BY ?source ?status""")
    assert rows == [("source/paris-statement-2025", status, 114),
                    ("source/techmonitor-2025-02-uk-us-decline", status, 49)]


# ------------------------------------------------------------------------------------------------ findings


def test_validation_findings_are_the_three_expected_warnings(sparql):
    rows = table(sparql, """
        SELECT ?kind ?severity ?focus ?message WHERE {
            GRAPH <graph:validation> { ?finding a sh:ValidationResult ; rdfs:label ?kind ; sh:resultSeverity ?severity ;
                                                sh:focusNode ?focus ; sh:resultMessage ?message }
        } ORDER BY ?kind""")
    assert [(kind, severity, focus) for kind, severity, focus, _ in rows] == [
        ("count claim disagrees with the list", "http://www.w3.org/ns/shacl#Warning",
         "claim/techmonitor-2025-02-uk-us-decline-line-1-1"),
        ("repeated list number", "http://www.w3.org/ns/shacl#Warning", "declaration/paris-statement-2025"),
        ("unresolved name in a list", "http://www.w3.org/ns/shacl#Warning", "act/paris-statement-2025/signatory-17-2"),
    ]
    claim, repeated, unresolved = (message for *_, message in rows)
    assert "60" in claim and "58 states" in claim and "2 organisations" in claim and "unresolved entries: 1" in claim
    assert "17" in repeated and '"Finland"' in repeated and '"Timano"' in repeated
    assert "17" in unresolved and '"Timano"' in unresolved
    assert table(sparql, """
        SELECT (COUNT(?r) AS ?n) WHERE { ?r sh:resultSeverity sh:Violation }""") == [(0,)]
