"""RDF terms, namespaces and the quad collector every ingester writes into.

Ingesters build pyoxigraph terms (cheap to import, fast to sort and write) and never blank nodes: every node
gets an IRI minted from readable, stable slugs, so that the same inputs give byte-identical dumps and every
node can be dereferenced later.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from pyoxigraph import BlankNode, Literal, NamedNode, Quad

from .config import DEFAULT_BASE

Term = NamedNode | Literal


class Namespace:
    """Attribute and item access to the IRIs of one vocabulary: ``GG.Signing``, ``SCHEMA["value"]``."""

    def __init__(self, iri: str) -> None:
        self.iri = iri

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        return NamedNode(self.iri + name)

    def __getitem__(self, name: str) -> NamedNode:
        return NamedNode(self.iri + name)


GG = Namespace(DEFAULT_BASE + "ontology#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCT = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
TIME = Namespace("http://www.w3.org/2006/time#")
OA = Namespace("http://www.w3.org/ns/oa#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES = {
    "gg": GG.iri,
    "rdf": RDF.iri,
    "rdfs": RDFS.iri,
    "xsd": XSD.iri,
    "owl": OWL.iri,
    "skos": SKOS.iri,
    "dcterms": DCT.iri,
    "prov": PROV.iri,
    "org": ORG.iri,
    "schema": SCHEMA.iri,
    "time": TIME.iri,
    "oa": OA.iri,
    "foaf": FOAF.iri,
    "sh": SH.iri,
}


def slugify(text: str) -> str:
    """A readable ASCII slug: 'Palais de l'Élysée' -> 'palais-de-l-elysee'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def entity(kind: str, *slugs: str) -> NamedNode:
    """The IRI of an instance: ``entity('state', 'FRA')`` -> ``<base>id/state/FRA``."""
    return NamedNode(DEFAULT_BASE + "id/" + "/".join((kind, *slugs)))


def graph_iri(source_id: str) -> NamedNode:
    """The named graph holding what was read from one source."""
    return NamedNode(DEFAULT_BASE + "graph/" + source_id)


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def lit(value: object, lang: str | None = None) -> Literal:
    """A literal with the datatype a SPARQL user expects for a Python value."""
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=XSD.boolean)
    if isinstance(value, int):
        return Literal(str(value), datatype=XSD.integer)
    if isinstance(value, Decimal):
        return Literal(format(value.normalize(), "f"), datatype=XSD.decimal)
    if isinstance(value, date):
        return Literal(value.isoformat(), datatype=XSD.date)
    if lang:
        return Literal(str(value), language=lang)
    return Literal(str(value))


def date_lit(value: str) -> Literal:
    return Literal(value, datatype=XSD.date)


class GraphWriter:
    """Collects the triples of one named graph, without duplicates, in a stable order."""

    def __init__(self, graph: NamedNode) -> None:
        self.graph = graph
        self._quads: dict[Quad, None] = {}

    def add(self, s: NamedNode, p: NamedNode, o: Term | str | int | Decimal | date | bool | None) -> None:
        """Add one triple; ``None`` objects are skipped so optional facts need no ``if``."""
        if o is None:
            return
        if not isinstance(o, (NamedNode, Literal)):
            o = lit(o)
        self._quads[Quad(s, p, o, self.graph)] = None

    def add_all(self, s: NamedNode, p: NamedNode, objects: Iterable[Term]) -> None:
        for o in objects:
            self.add(s, p, o)

    def label(self, s: NamedNode, text: str, lang: str | None = "en") -> None:
        self.add(s, RDFS.label, lit(text, lang))

    def merge(self, quads: Iterable[Quad]) -> None:
        for q in quads:
            self._quads[Quad(q.subject, q.predicate, q.object, self.graph)] = None

    def __len__(self) -> int:
        return len(self._quads)

    def quads(self) -> list[Quad]:
        return sorted(self._quads, key=str)


def assert_no_blank_nodes(quads: Iterable[Quad]) -> None:
    for q in quads:
        if isinstance(q.subject, BlankNode) or isinstance(q.object, BlankNode):
            raise ValueError(f"blank node in {q}: mint an IRI instead")
