"""SHACL validation: structure is a Violation, findings about sources are Warnings with readable messages,
and pyshacl-turbo (used for speed) reports exactly what pyshacl (the reference) reports."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import FIXTURES
from govgraph import config
from govgraph.build import ONTOLOGY_GRAPH, read_rdf_file
from govgraph.rdf import graph_iri
from govgraph.validate import validate

GRAPHS = FIXTURES / "graphs"


def _with_ontology(*paths: Path) -> list[ox.Quad]:
    quads = read_rdf_file(config.ONTOLOGY_DIR / "govgraph.ttl", ONTOLOGY_GRAPH)
    for path in paths:
        quads += read_rdf_file(path, graph_iri("fixture"))
    return quads


def _by_kind(findings):
    return sorted((f.severity, f.kind) for f in findings)


def test_broken_structure_gives_violations():
    findings = validate(_with_ontology(GRAPHS / "broken_structure.ttl"), engine="pyshacl")
    violations = [f for f in findings if f.is_violation]
    messages = " | ".join(f.message for f in violations)
    assert "An act has no instrument" in messages
    assert "issue date is not a date" in messages
    assert "An amount has no currency" in messages
    assert {f.focus.rsplit("/id/", 1)[1] for f in violations} == {
        "act/fixture/no-instrument", "declaration/fixture-accord", "amount/fixture/no-currency"}


def test_source_findings_are_warnings_with_readable_messages():
    findings = validate(_with_ontology(GRAPHS / "source_findings.ttl"), engine="pyshacl")
    assert not [f for f in findings if f.is_violation], [f.line() for f in findings if f.is_violation]
    messages = sorted(f.message for f in findings)
    assert messages == sorted([
        'Entry 2 "Atlantis" of the list of the Fixture Accord matches no known state or organisation.',
        'Number 2 is used twice in the list of the Fixture Accord: by "Germany" (entry 2) and by "Atlantis" (entry 3).',
        'The list of the Fixture Accord jumps to number 4 ("Italy") without an entry numbered 3: an entry may be missing.',
        'Fixture Press ("Fixture source text") claims exactly 5 states signed the Fixture Accord; its signatory list '
        'names 3 states and 0 organisations; unresolved entries: 1.',
        "The components of EUR 200 add up to EUR 190.",
        "Funding pledged to Fixture Plan adds up to EUR 250, more than its stated total of EUR 200.",
        "Fixture Fund (EUR 250) is part of Fixture Plan, but is larger than its total of EUR 200.",
        'The evidence quote "a quote that the source never said" was not found in the text of Fixture source text.',
    ])
    assert {f.severity for f in findings} == {"Warning"}


@pytest.mark.parametrize("engine", ["turbo", "oxigraph"])
@pytest.mark.parametrize("fixture", ["broken_structure.ttl", "source_findings.ttl"])
def test_fast_engines_report_exactly_what_pyshacl_reports_on_fixtures(fixture, engine):
    quads = _with_ontology(GRAPHS / fixture)
    reference = validate(quads, engine="pyshacl")
    assert reference
    assert validate(quads, engine=engine) == reference


def test_the_oxigraph_engine_validates_a_store_in_place():
    store = ox.Store()
    store.extend(_with_ontology(GRAPHS / "source_findings.ttl"))
    before = len(store)
    assert validate(store, engine="oxigraph") == validate(_with_ontology(GRAPHS / "source_findings.ttl"), engine="pyshacl")
    assert len(store) == before


def test_shapes_the_oxigraph_engine_cannot_compile_go_to_another_engine(tmp_path):
    from govgraph.fastshacl import CompiledShapes, Unsupported

    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(config.ONTOLOGY_DIR.joinpath("shapes.ttl").read_text(encoding="utf-8") + """
ggsh:HasValueShape a sh:NodeShape ; rdfs:label "unsupported" ; sh:targetClass gg:State ;
    sh:property [ sh:path gg:iso3166Alpha3 ; sh:hasValue "FRA" ; sh:message "not France" ] .
""", encoding="utf-8")
    with pytest.raises(Unsupported):
        CompiledShapes(shapes)
    quads = _with_ontology(GRAPHS / "source_findings.ttl")
    assert validate(quads, shapes=shapes, engine="oxigraph") == validate(quads, shapes=shapes, engine="pyshacl")


def test_turbo_reports_exactly_what_pyshacl_reports_on_the_shipped_graph(built):
    _result, home = built
    quads = list(ox.parse(path=str(home / "current" / "dataset.nq"), format=ox.RdfFormat.N_QUADS))
    validation = graph_iri("validation")
    quads = [q for q in quads if q.graph_name != validation]
    reference = validate(quads, engine="pyshacl")
    assert validate(quads, engine="turbo") == reference
    assert validate(quads, engine="oxigraph") == reference
    assert [(f.severity, f.kind) for f in reference] == [
        ("Warning", "count claim disagrees with the list"),
        ("Warning", "repeated list number"),
        ("Warning", "unresolved name in a list"),
    ]


def test_cli_validate_files_exit_status(cli):
    broken = cli("validate", str(GRAPHS / "broken_structure.ttl"))
    assert broken.returncode == 1
    assert "Violation - broken act" in broken.stdout and "Traceback" not in broken.stderr
    warnings = cli("validate", str(GRAPHS / "source_findings.ttl"))
    assert warnings.returncode == 0, warnings.stderr
    assert "0 violation(s), 8 warning(s)" in warnings.stdout
    strict = cli("validate", "--strict", str(GRAPHS / "source_findings.ttl"))
    assert strict.returncode == 1


def test_unknown_validator_is_a_usage_error(cli):
    result = cli("validate", str(GRAPHS / "source_findings.ttl"), env={"GOVGRAPH_VALIDATOR": "fast"})
    assert result.returncode == 2
    assert "unknown validator 'fast'" in result.stderr and "Traceback" not in result.stderr


def test_findings_on_an_instrument_name_the_entry_they_are_about():
    findings = validate(_with_ontology(GRAPHS / "source_findings.ttl"), engine="pyshacl")
    by_kind = {f.kind: f for f in findings}
    act = "https://w3id.org/govgraph/id/act/fixture/"
    assert (by_kind["repeated list number"].focus, by_kind["repeated list number"].value) == (
        "https://w3id.org/govgraph/id/declaration/fixture-accord", act + "s3")
    assert by_kind["gap in list numbering"].value == act + "s4"
    assert by_kind["unresolved name in a list"].value is None
    assert validate(_with_ontology(GRAPHS / "source_findings.ttl"), engine="turbo") == findings


def test_the_build_stores_findings_with_the_entry(sparql):
    rows = sparql("""
        SELECT ?kind ?value WHERE { GRAPH <https://w3id.org/govgraph/graph/validation> {
            ?finding rdfs:label ?kind . OPTIONAL { ?finding sh:value ?value } } } ORDER BY ?kind""")
    assert rows == [
        {"kind": "count claim disagrees with the list", "value": None},
        {"kind": "repeated list number", "value": "https://w3id.org/govgraph/id/act/paris-statement-2025/signatory-17-2"},
        {"kind": "unresolved name in a list", "value": None},
    ]
