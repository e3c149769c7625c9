"""Reference data in the built store: ISO 3166-1 states with codes and multilingual labels, and memberships of
the UN, OECD, EU, AU, G7 and G20 with dates and cited sources. Asked in SPARQL, exact answers.

Expected labels are computed from pycountry's own gettext catalogues, so the test follows pycountry rather
than copying its translations.
"""

from __future__ import annotations

import gettext

import pycountry
import pytest

from test_graph_facts import table

EU_MEMBERS = {
    "AUT", "BEL", "BGR", "CYP", "CZE", "DEU", "DNK", "ESP", "EST", "FIN", "FRA", "GRC", "HRV", "HUN", "IRL", "ITA",
    "LTU", "LUX", "LVA", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "SWE",
}
OECD_MEMBERS = {
    "AUS", "AUT", "BEL", "CAN", "CHE", "CHL", "COL", "CRI", "CZE", "DEU", "DNK", "ESP", "EST", "FIN", "FRA", "GBR",
    "GRC", "HUN", "IRL", "ISL", "ISR", "ITA", "JPN", "KOR", "LTU", "LUX", "LVA", "MEX", "NLD", "NOR", "NZL", "POL",
    "PRT", "SVK", "SVN", "SWE", "TUR", "USA",
}
AU_MEMBERS = {
    "AGO", "BDI", "BEN", "BFA", "BWA", "CAF", "CIV", "CMR", "COD", "COG", "COM", "CPV", "DJI", "DZA", "EGY", "ERI",
    "ESH", "ETH", "GAB", "GHA", "GIN", "GMB", "GNB", "GNQ", "KEN", "LBR", "LBY", "LSO", "MAR", "MDG", "MLI", "MOZ",
    "MRT", "MUS", "MWI", "NAM", "NER", "NGA", "RWA", "SDN", "SEN", "SLE", "SOM", "SSD", "STP", "SWZ", "SYC", "TCD",
    "TGO", "TUN", "TZA", "UGA", "ZAF", "ZMB", "ZWE",
}
G7_STATES = {"CAN", "DEU", "FRA", "GBR", "ITA", "JPN", "USA"}
G20_STATES = {"ARG", "AUS", "BRA", "CAN", "CHN", "DEU", "FRA", "GBR", "IDN", "IND", "ITA", "JPN", "KOR", "MEX", "RUS",
              "SAU", "TUR", "USA", "ZAF"}


def test_expected_member_lists():
    assert (len(EU_MEMBERS), len(OECD_MEMBERS), len(AU_MEMBERS), len(G7_STATES), len(G20_STATES)) == (27, 38, 55, 7, 19)


def members_of(sparql, group: str) -> set[str]:
    """Current members of a group (the org:memberOf shortcut): ISO alpha-3 codes of states, slugs of groups."""
    rows = table(sparql, f"""
        SELECT DISTINCT ?member WHERE {{ GRAPH <graph:memberships> {{ ?member org:memberOf <id:organisation/{group}> }} }}""")
    return {m.split("/", 1)[1] for (m,) in rows}


# ------------------------------------------------------------------------------------------------ ISO 3166-1


def test_iso_3166_entries_states_and_territories(sparql):
    rows = table(sparql, """
        SELECT ?type (COUNT(DISTINCT ?entry) AS ?n) WHERE {
            GRAPH <graph:iso-3166-1> { ?entry a ?type . FILTER(?type IN (gg:State, gg:Territory)) } } GROUP BY ?type ORDER BY ?type""")
    assert rows == [("gg:State", 195), ("gg:Territory", 54)]
    codes = table(sparql, """
        SELECT DISTINCT ?code WHERE { GRAPH <graph:iso-3166-1> { ?entry gg:iso3166Alpha3 ?code } }""")
    assert len(codes) == 249
    assert {c for (c,) in codes} == {country.alpha_3 for country in pycountry.countries}
    assert table(sparql, """
        SELECT ?entry WHERE { ?entry a gg:State , gg:Territory }""") == []


def test_states_are_un_members_and_the_two_observer_states(sparql):
    not_members = table(sparql, """
        SELECT ?code WHERE {
            GRAPH <graph:iso-3166-1> { ?state a gg:State ; gg:iso3166Alpha3 ?code }
            FILTER NOT EXISTS { GRAPH <graph:memberships> {
                ?m org:member ?state ; org:organization <id:organisation/united-nations> } }
        } ORDER BY ?code""")
    assert not_members == [("PSE",), ("VAT",)]
    not_states = table(sparql, """
        SELECT ?member WHERE {
            GRAPH <graph:memberships> { ?m org:member ?member ; org:organization <id:organisation/united-nations> }
            FILTER NOT EXISTS { GRAPH <graph:iso-3166-1> { ?member a gg:State } }
        }""")
    assert not_states == []


def test_france_labels_as_pycountry_gives_them(sparql):
    france = pycountry.countries.get(alpha_3="FRA")
    expected = {(france.name, "en")}
    for locale, tag in (("fr", "fr"), ("es", "es"), ("ar", "ar"), ("zh_CN", "zh"), ("ru", "ru")):
        translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale])  # no fallback
        expected.add((translation.gettext(france.name), tag))
    assert len({lang for _, lang in expected}) == 6
    # the translations are real ones, not English fallbacks
    assert {text for text, lang in expected if lang in ("es", "ar", "zh", "ru")}.isdisjoint({france.name})
    for prop in ("rdfs:label", "skos:prefLabel"):
        rows = table(sparql, f"""
            SELECT ?text (LANG(?label) AS ?lang) WHERE {{
                GRAPH <graph:iso-3166-1> {{ <id:state/FRA> {prop} ?label }} BIND(STR(?label) AS ?text) }}""")
        assert len(rows) == 6, prop
        assert set(rows) == expected, prop
    assert table(sparql, """
        SELECT ?name (LANG(?name) AS ?lang) ?official WHERE {
            GRAPH <graph:iso-3166-1> { <id:state/FRA> gg:isoName ?name ; skos:altLabel ?official } }""") == [
        (france.name, "en", france.official_name)]


@pytest.mark.parametrize("alpha3, alpha2, numeric, kind", [
    ("FRA", "FR", "250", "gg:State"),
    ("IND", "IN", "356", "gg:State"),
    ("USA", "US", "840", "gg:State"),
    ("AFG", "AF", "004", "gg:State"),
    ("VAT", "VA", "336", "gg:State"),
    ("PSE", "PS", "275", "gg:State"),
    ("ESH", "EH", "732", "gg:Territory"),
    ("GRL", "GL", "304", "gg:Territory"),
])
def test_iso_codes(sparql, alpha3, alpha2, numeric, kind):
    rows = table(sparql, f"""
        SELECT ?type ?a2 ?a3 ?num (STR(DATATYPE(?num)) AS ?dt) ?source WHERE {{
            GRAPH <graph:iso-3166-1> {{
                <id:state/{alpha3}> a ?type ; gg:iso3166Alpha2 ?a2 ; gg:iso3166Alpha3 ?a3 ; gg:iso3166Numeric ?num ;
                                   dcterms:source ?source }} }}""")
    assert rows == [(kind, alpha2, alpha3, numeric, "xsd:string", "source/iso-3166-1")]
    country = pycountry.countries.get(alpha_3=alpha3)
    assert (country.alpha_2, country.numeric) == (alpha2, numeric)


# ------------------------------------------------------------------------------------------------ memberships


def test_membership_counts_per_group(sparql):
    rows = table(sparql, """
        SELECT ?group (COUNT(DISTINCT ?m) AS ?memberships) (SUM(IF(BOUND(?end), 1, 0)) AS ?ended) WHERE {
            GRAPH <graph:memberships> {
                ?m a org:Membership ; org:organization ?group ; org:memberDuring ?interval .
                OPTIONAL { ?interval time:hasEnd ?end } }
        } GROUP BY ?group ORDER BY ?group""")
    assert rows == [
        ("organisation/african-union", 55, 0),
        ("organisation/european-union", 28, 1),
        ("organisation/g20", 21, 0),
        ("organisation/g7", 8, 0),
        ("organisation/oecd", 38, 0),
        ("organisation/united-nations", 193, 0),
    ]


def test_un_members(sparql):
    members = members_of(sparql, "united-nations")
    assert len(members) == 193
    assert {"VAT", "PSE", "TWN", "ESH"}.isdisjoint(members)
    assert table(sparql, """
        SELECT ?start (STR(DATATYPE(?start)) AS ?dt) WHERE { GRAPH <graph:memberships> {
            ?m org:member <id:state/SSD> ; org:organization <id:organisation/united-nations> ;
               org:memberDuring/time:hasBeginning/time:inXSDDate ?start } }""") == [("2011-07-14", "xsd:date")]


def test_oecd_members(sparql):
    assert members_of(sparql, "oecd") == OECD_MEMBERS


def test_au_members(sparql):
    assert members_of(sparql, "african-union") == AU_MEMBERS


def test_eu_members_current_and_former(sparql):
    assert members_of(sparql, "european-union") == EU_MEMBERS
    rows = table(sparql, """
        SELECT ?start ?end WHERE { GRAPH <graph:memberships> {
            ?m org:member <id:state/GBR> ; org:organization <id:organisation/european-union> ;
               org:memberDuring ?i . ?i time:hasBeginning/time:inXSDDate ?start ; time:hasEnd/time:inXSDDate ?end } }""")
    assert rows == [("1973-01-01", "2020-01-31")]
    assert table(sparql, """
        SELECT ?g WHERE { GRAPH ?g { <id:state/GBR> org:memberOf <id:organisation/european-union> } }""") == []


def test_g7_members_are_seven_states_and_the_eu(sparql):
    assert members_of(sparql, "g7") == G7_STATES | {"european-union"}


def test_g20_members_are_nineteen_states_the_eu_and_the_au(sparql):
    assert members_of(sparql, "g20") == G20_STATES | {"european-union", "african-union"}
    rows = table(sparql, """
        SELECT ?kind (COUNT(DISTINCT ?member) AS ?n) WHERE {
            GRAPH <graph:memberships> { ?member org:memberOf <id:organisation/g20> }
            OPTIONAL { ?member a gg:State . BIND("state" AS ?s) }
            OPTIONAL { ?member a/rdfs:subClassOf* gg:Organisation . BIND("organisation" AS ?o) }
            BIND(COALESCE(?s, ?o, "neither") AS ?kind)
        } GROUP BY ?kind ORDER BY ?kind""")
    assert rows == [("organisation", 2), ("state", 19)]


def test_groups_are_not_expanded_into_their_members(sparql):
    """The EU is a member of the G20; its member states are not members through it."""
    assert table(sparql, """
        SELECT ?m WHERE { ?m org:member <id:state/AUT> ; org:organization <id:organisation/g20> }""") == []
    assert table(sparql, """
        SELECT ?g WHERE { GRAPH ?g { <id:state/AUT> org:memberOf <id:organisation/g20> } }""") == []
    both_eu_and_g20 = table(sparql, """
        SELECT ?member WHERE { GRAPH <graph:memberships> {
            ?member org:memberOf <id:organisation/european-union> , <id:organisation/g20> } } ORDER BY ?member""")
    assert both_eu_and_g20 == [("state/DEU",), ("state/FRA",), ("state/ITA",)]
    both_au_and_g20 = table(sparql, """
        SELECT ?member WHERE { GRAPH <graph:memberships> {
            ?member org:memberOf <id:organisation/african-union> , <id:organisation/g20> } }""")
    assert both_au_and_g20 == [("state/ZAF",)]
    # every org:memberOf, in any graph, is backed by a current membership of its own (none is inferred)
    assert table(sparql, """
        SELECT ?member ?group WHERE { ?member org:memberOf ?group .
            FILTER NOT EXISTS { GRAPH <graph:memberships> {
                ?m org:member ?member ; org:organization ?group ; org:memberDuring ?i .
                FILTER NOT EXISTS { ?i time:hasEnd ?end } } } }""") == []
    assert table(sparql, """
        SELECT (COUNT(DISTINCT ?m) AS ?current) (SUM(IF(?shortcut, 1, 0)) AS ?shortcuts) WHERE {
            GRAPH <graph:memberships> {
                ?m org:member ?member ; org:organization ?group ; org:memberDuring ?i .
                FILTER NOT EXISTS { ?i time:hasEnd ?end }
                BIND(EXISTS { ?member org:memberOf ?group } AS ?shortcut) } }""") == [(342, 342)]


def test_every_membership_has_a_start_date_and_cites_a_source_with_a_url(sparql):
    assert table(sparql, """
        SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { GRAPH <graph:memberships> { ?m a org:Membership } }""") == [(343,)]
    incomplete = table(sparql, """
        SELECT ?m WHERE { GRAPH <graph:memberships> { ?m a org:Membership .
            FILTER NOT EXISTS { ?m org:member ?who ; org:organization ?group ;
                                   org:memberDuring/time:hasBeginning/time:inXSDDate ?start ;
                                   dcterms:source ?source . ?source schema:url ?url ; dcterms:title ?title ;
                                   dcterms:publisher ?publisher .
                                FILTER(isIRI(?url) && DATATYPE(?start) = xsd:date) } } }""")
    assert incomplete == []
    sources = table(sparql, """
        SELECT DISTINCT ?group ?url WHERE { GRAPH <graph:memberships> {
            ?m org:organization ?group ; dcterms:source ?source . ?source schema:url ?url } } ORDER BY ?group""")
    assert sources == [
        ("organisation/african-union", "https://au.int/en/member_states/countryprofiles2"),
        ("organisation/european-union", "https://european-union.europa.eu/principles-countries-history/eu-countries_en"),
        ("organisation/g20", "https://g20.org/about-the-g20/"),
        ("organisation/g7", "http://www.g7.utoronto.ca/what_is_g8.html"),
        ("organisation/oecd", "https://www.oecd.org/en/about/members-partners.html"),
        ("organisation/united-nations", "https://www.un.org/en/about-us/member-states"),
    ]
