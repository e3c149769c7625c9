"""UN M49 regions in the built store: the SKOS scheme of regions, the most specific M49 area of every ISO 3166-1
entry, and counts of signatories by region. Asked in SPARQL, exact answers.

The expected numbers are written out by hand from the M49 overview table, not computed from
``data/reference/regions.yaml``, so that a wrong edit of the data file fails here.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from govgraph import config
from govgraph.build import ONTOLOGY_GRAPH, read_rdf_file
from govgraph.errors import IngestError
from govgraph.ingest import reference
from govgraph.rdf import graph_iri
from govgraph.validate import validate
from test_graph_facts import SIGNATORY_STATES, table

# Depth of a region: the number of regions from it up to the top, itself included (Africa 1, Sub-Saharan
# Africa 2, Eastern Africa 3). Ordering by it, deepest first, gives a country's chain from its own area up.
CHAIN = """
    SELECT ?code ?label WHERE {{
        GRAPH <graph:m49-regions> {{ <id:state/{a3}> gg:region ?area . ?area skos:broader* ?up .
                                     ?up skos:notation ?code ; skos:prefLabel ?label }}
        {{ SELECT ?up (COUNT(?top) AS ?depth) WHERE {{ ?up a gg:Region ; skos:broader* ?top }} GROUP BY ?up }}
    }} ORDER BY DESC(?depth)"""


@pytest.mark.parametrize(("a3", "chain"), [
    ("FRA", [("155", "Western Europe"), ("150", "Europe")]),
    ("KEN", [("014", "Eastern Africa"), ("202", "Sub-Saharan Africa"), ("002", "Africa")]),
    ("BRA", [("005", "South America"), ("419", "Latin America and the Caribbean"), ("019", "Americas")]),
    ("JPN", [("030", "Eastern Asia"), ("142", "Asia")]),
    ("GGY", [("830", "Channel Islands"), ("154", "Northern Europe"), ("150", "Europe")]),
    ("CYP", [("145", "Western Asia"), ("142", "Asia")]),
    ("NRU", [("057", "Micronesia"), ("009", "Oceania")]),
])
def test_region_chain_of_a_country(sparql, a3, chain):
    assert table(sparql, CHAIN.format(a3=a3)) == chain


def test_regions_sub_regions_and_intermediate_regions(sparql):
    rows = table(sparql, """
        SELECT ?depth (COUNT(?region) AS ?n) WHERE {
            { SELECT ?region (COUNT(?top) AS ?depth) WHERE {
                GRAPH <graph:m49-regions> { ?region a gg:Region ; skos:broader* ?top } } GROUP BY ?region }
        } GROUP BY ?depth ORDER BY ?depth""")
    # 5 regions; 17 sub-regions; 8 intermediate regions (the 4 of Sub-Saharan Africa, the 3 of Latin America
    # and the Caribbean, and the Channel Islands).
    assert rows == [(1, 5), (2, 17), (3, 8)]
    assert table(sparql, "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a gg:Region }") == [(30,)]
    tops = table(sparql, """
        SELECT ?code ?label WHERE { GRAPH <graph:m49-regions> {
            <id:region/m49> skos:hasTopConcept ?r . ?r skos:topConceptOf <id:region/m49> ; skos:notation ?code ; rdfs:label ?label } }
        ORDER BY ?code""")
    assert tops == [("002", "Africa"), ("009", "Oceania"), ("019", "Americas"), ("142", "Asia"), ("150", "Europe")]


def test_every_region_is_described_and_cited(sparql):
    rows = table(sparql, """
        SELECT ?region ?code ?label ?pref ?lang ?scheme ?source WHERE { GRAPH <graph:m49-regions> {
            ?region a gg:Region ; skos:notation ?code ; rdfs:label ?label ; skos:prefLabel ?pref ;
                    skos:inScheme ?scheme ; dcterms:source ?source . BIND(LANG(?label) AS ?lang) } }
        ORDER BY ?code""")
    assert len(rows) == 30
    for region, code, label, pref, lang, scheme, source in rows:
        assert (region, label, lang, scheme, source) == (f"region/{code}", pref, "en", "region/m49", "source/m49-regions")
    assert table(sparql, """
        SELECT ?title ?publisher ?url ?type WHERE { GRAPH <graph:m49-regions> {
            <id:source/m49-regions> dcterms:title ?title ; dcterms:publisher ?publisher ; schema:url ?url ; a ?type } }""") == [
        ("Standard country or area codes for statistical use (M49)", "United Nations Statistics Division",
         "https://unstats.un.org/unsd/methodology/m49/", "gg:ReferenceData")]
    assert table(sparql, """
        SELECT ?label WHERE { GRAPH <graph:m49-regions> { <id:region/m49> a skos:ConceptScheme ; rdfs:label ?label } }""") == [
        ("UN M49 geographic regions",)]


def test_states_and_territories_with_a_region(sparql):
    rows = table(sparql, """
        SELECT ?type (COUNT(DISTINCT ?entry) AS ?n) WHERE {
            ?entry a ?type ; gg:region ?region . ?region a gg:Region . FILTER(?type IN (gg:State, gg:Territory))
        } GROUP BY ?type ORDER BY ?type""")
    assert rows == [("gg:State", 195), ("gg:Territory", 52)]
    assert table(sparql, "SELECT (COUNT(*) AS ?n) WHERE { ?entry gg:region ?region }") == [(247,)]
    assert table(sparql, """
        SELECT (COUNT(?entry) AS ?n) WHERE { ?entry gg:region ?a , ?b . FILTER(?a != ?b) }""") == [(0,)]


def test_iso_entries_without_a_region(sparql):
    """Antarctica is under World only in M49; Taiwan is not listed in M49 (counted with China)."""
    rows = table(sparql, """
        SELECT ?code WHERE { ?entry gg:iso3166Alpha3 ?code . FILTER NOT EXISTS { ?entry gg:region ?region } }
        ORDER BY ?code""")
    assert rows == [("ATA",), ("TWN",)]


def test_iso_entries_per_region(sparql):
    """Entries, states and territories alike, per M49 region. Africa has 60: the 54 UN member states and six
    territories (British Indian Ocean Territory, French Southern Territories, Mayotte, Réunion, Saint Helena,
    Western Sahara)."""
    rows = table(sparql, """
        SELECT ?label (COUNT(DISTINCT ?entry) AS ?n) WHERE {
            ?entry gg:region/skos:broader* ?top . ?top a gg:Region ; skos:prefLabel ?label .
            FILTER NOT EXISTS { ?top skos:broader ?wider }
        } GROUP BY ?label ORDER BY ?label""")
    assert rows == [("Africa", 60), ("Americas", 57), ("Asia", 50), ("Europe", 51), ("Oceania", 29)]


PARIS_BY_REGION = """
    SELECT ?code ?label (COUNT(DISTINCT ?state) AS ?n) WHERE {
        ?act a gg:Signing ; gg:instrument <id:declaration/paris-statement-2025> ; gg:agent ?state .
        ?state a gg:State ; gg:region/skos:broader* ?area .
        ?area skos:notation ?code ; skos:prefLabel ?label .
        %s
    } GROUP BY ?code ?label ORDER BY ?code"""


def test_paris_statement_signatory_states_per_region(sparql):
    # By hand from the 58 signatory states (tests/test_graph_facts.py, SIGNATORY_STATES):
    # Africa: DJI KEN MAR NGA RWA SEN ZAF; Americas: BRA CAN CHL MEX URY; Oceania: AUS NZL;
    # Asia: ARE ARM CHN CYP IDN IND JPN KAZ KHM KOR SGP THA; Europe: the other 32.
    rows = table(sparql, PARIS_BY_REGION % "FILTER NOT EXISTS { ?area skos:broader ?wider }")
    assert rows == [("002", "Africa", 7), ("009", "Oceania", 2), ("019", "Americas", 5), ("142", "Asia", 12),
                    ("150", "Europe", 32)]
    assert sum(n for _code, _label, n in rows) == len(SIGNATORY_STATES) == 58


def test_paris_statement_signatory_states_per_area(sparql):
    """Per region at every level (a state counts in its area and in each wider one)."""
    rows = table(sparql, PARIS_BY_REGION % "")
    assert rows == [
        ("002", "Africa", 7),
        ("005", "South America", 3),                     # BRA CHL URY
        ("009", "Oceania", 2),
        ("011", "Western Africa", 2),                    # NGA SEN
        ("013", "Central America", 1),                   # MEX
        ("014", "Eastern Africa", 3),                    # DJI KEN RWA
        ("015", "Northern Africa", 1),                   # MAR
        ("018", "Southern Africa", 1),                   # ZAF
        ("019", "Americas", 5),
        ("021", "Northern America", 1),                  # CAN
        ("030", "Eastern Asia", 3),                      # CHN JPN KOR
        ("034", "Southern Asia", 1),                     # IND
        ("035", "South-eastern Asia", 4),                # IDN KHM SGP THA
        ("039", "Southern Europe", 9),                   # ESP GRC HRV ITA MLT PRT SRB SVN VAT
        ("053", "Australia and New Zealand", 2),         # AUS NZL
        ("142", "Asia", 12),
        ("143", "Central Asia", 1),                      # KAZ
        ("145", "Western Asia", 3),                      # ARE ARM CYP
        ("150", "Europe", 32),
        ("151", "Eastern Europe", 7),                    # BGR CZE HUN POL ROU SVK UKR
        ("154", "Northern Europe", 8),                   # DNK EST FIN IRL LTU LVA NOR SWE
        ("155", "Western Europe", 8),                    # AUT BEL CHE DEU FRA LUX MCO NLD
        ("202", "Sub-Saharan Africa", 6),
        ("419", "Latin America and the Caribbean", 4),
    ]


# ------------------------------------------------------------------------------------------------ the data file


def _data_dir_with(tmp_path: Path, edit) -> Path:
    """A copy of the regions file, edited, in a data folder of its own."""
    (tmp_path / "reference").mkdir()
    text = (ROOT / "data" / "reference" / "regions.yaml").read_text(encoding="utf-8")
    (tmp_path / "reference" / "regions.yaml").write_text(edit(text), encoding="utf-8")
    return tmp_path


def _line(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if line.startswith(start))


def test_shipped_file_loads(tmp_path):
    shutil.copytree(ROOT / "data" / "reference", tmp_path / "reference")
    assert len(reference.regions(None, tmp_path)) == 470


@pytest.mark.parametrize(("edit", "at", "what"), [
    (lambda t: t.replace('  FRA: "155"', '  FRA: 155'), "  ABW:", "countries/FRA: 155 is not valid"),
    (lambda t: t.replace('  FRA: "155"', '  FRA: "999"'), '  FRA:', "FRA is in region 999, which is not a listed region"),
    (lambda t: t.replace('  FRA: "155"', '  FRA: "150"'), '  FRA:', "FRA is given the region 150 (Europe)"),
    (lambda t: t.replace('  FRA: "155"', '  FRA: "155"\n  FRA: "039"'), '  FRA: "039"', "FRA is listed twice in countries"),
    (lambda t: t.replace('  FRA: "155"', '  FXX: "155"'), '  FXX:', "FXX is not an ISO 3166-1 alpha-3 code"),
    (lambda t: t.replace('  FRA: "155"  # France: Western Europe\n', ''), "countries:", "countries lacks ISO 3166-1 entries: FRA"),
    (lambda t: t.replace('parent: "202"}', 'parent: "203"}', 1), '  - {code: "014"', "parent 203, which is not a listed region"),
])
def test_mistakes_in_the_file_name_their_line(tmp_path, edit, at, what):
    data_dir = _data_dir_with(tmp_path, edit)
    text = (data_dir / "reference" / "regions.yaml").read_text(encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        reference.regions(None, data_dir)
    assert caught.value.where == f"{data_dir / 'reference' / 'regions.yaml'}:{_line(text, at)}"
    assert what in caught.value.what


def test_region_shape_requires_label_and_code(tmp_path):
    broken = tmp_path / "broken_region.ttl"
    broken.write_text("""
        @prefix gg: <https://w3id.org/govgraph/ontology#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <https://w3id.org/govgraph/id/region/m49> a skos:ConceptScheme ; rdfs:label "M49"@en .
        <https://w3id.org/govgraph/id/region/999> a gg:Region ; skos:inScheme <https://w3id.org/govgraph/id/region/m49> .
        <https://w3id.org/govgraph/id/region/15> a gg:Region ; rdfs:label "Northern Africa"@en ; skos:notation "15" ;
            skos:inScheme <https://w3id.org/govgraph/id/region/m49> .
        <https://w3id.org/govgraph/id/state/FRA> a gg:State ; rdfs:label "France"@en ; gg:iso3166Alpha2 "FR" ;
            gg:iso3166Alpha3 "FRA" ; gg:region <https://w3id.org/govgraph/id/state/DEU> .
    """, encoding="utf-8")
    quads = read_rdf_file(config.ONTOLOGY_DIR / "govgraph.ttl", ONTOLOGY_GRAPH) + read_rdf_file(broken, graph_iri("fixture"))
    findings = validate(quads, engine="pyshacl")
    assert sorted((f.severity, f.kind, f.focus.rsplit("/id/", 1)[1], f.message) for f in findings) == [
        ("Violation", "broken country", "state/FRA", "A country's M49 region is not one gg:Region."),
        ("Violation", "broken region", "region/15", "An M49 region has no code, or its code is not one three-digit string."),
        ("Violation", "broken region", "region/999", "An M49 region has no code, or its code is not one three-digit string."),
        ("Violation", "broken region", "region/999", "An M49 region has no label."),
    ]
