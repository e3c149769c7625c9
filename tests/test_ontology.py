"""The ontology and the shapes: every term documented, every term used defined, every emitted class shaped."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from govgraph import config

GG = "https://w3id.org/govgraph/ontology#"
ONTOLOGY = "https://w3id.org/govgraph/ontology"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OWL = "http://www.w3.org/2002/07/owl#"
SH = "http://www.w3.org/ns/shacl#"


@pytest.fixture(scope="module")
def ontology() -> ox.Store:
    store = ox.Store()
    store.load(path=str(config.ONTOLOGY_DIR / "govgraph.ttl"), format=ox.RdfFormat.TURTLE)
    return store


def _objects(store, subject: str, predicate: str) -> list[str]:
    return [q.object.value for q in store.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(predicate), None)]


def test_ontology_header(ontology):
    assert _objects(ontology, ONTOLOGY, "http://purl.org/dc/terms/title") == ["govgraph ontology"]
    assert _objects(ontology, ONTOLOGY, OWL + "versionInfo") == ["0.1.0"]
    assert _objects(ontology, ONTOLOGY, "http://purl.org/dc/terms/license") == ["https://creativecommons.org/licenses/by/4.0/"]
    assert _objects(ontology, ONTOLOGY, "http://purl.org/vocab/vann/preferredNamespacePrefix") == ["gg"]


def test_every_term_has_label_definition_and_is_defined_by(ontology):
    kinds = [OWL + k for k in ("Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty", "NamedIndividual")]
    terms = {q.subject.value for k in kinds for q in ontology.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), ox.NamedNode(k))}
    assert len(terms) > 100
    for term in sorted(terms):
        assert term.startswith(GG)
        assert len(_objects(ontology, term, RDFS + "label")) >= 1, term
        assert len(_objects(ontology, term, SKOS + "definition")) == 1, term
        assert _objects(ontology, term, RDFS + "isDefinedBy") == [ONTOLOGY], term


def test_no_blank_nodes_in_the_ontology(ontology):
    assert not [q for q in ontology if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)]


def test_every_gg_term_used_in_the_dataset_is_defined(built, ontology):
    _result, home = built
    defined = {q.subject.value for q in ontology if q.subject.value.startswith(GG)}
    used = set()
    for q in ox.parse(path=str(home / "current" / "dataset.nq"), format=ox.RdfFormat.N_QUADS):
        for term in (q.predicate, q.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith(GG):
                used.add(term.value)
    assert sorted(used - defined) == []


def test_every_class_the_ingesters_emit_has_a_shape(built, ontology):
    """Each class an ingester types a node with is targeted by a shape, directly or through a superclass."""
    _result, home = built
    shapes = ox.Store()
    shapes.load(path=str(config.ONTOLOGY_DIR / "shapes.ttl"), format=ox.RdfFormat.TURTLE)
    targeted = {q.object.value for q in shapes.quads_for_pattern(None, ox.NamedNode(SH + "targetClass"), None)}
    skipped = {"https://w3id.org/govgraph/graph/ontology", "https://w3id.org/govgraph/graph/validation"}
    emitted = {q.object.value for q in ox.parse(path=str(home / "current" / "dataset.nq"), format=ox.RdfFormat.N_QUADS)
               if q.predicate.value == RDF_TYPE and q.graph_name.value not in skipped}

    def superclasses(cls: str) -> set[str]:
        seen, todo = {cls}, [cls]
        while todo:
            for parent in _objects(ontology, todo.pop(), RDFS + "subClassOf"):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen

    unshaped = sorted(c for c in emitted if not superclasses(c) & targeted)
    assert unshaped == []
