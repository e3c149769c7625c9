"""The VoID and DCAT description of the dataset and its dump (``void.ttl``).

Counts, all over the union of the named graphs (what the triple dumps hold):

- ``void:triples``: distinct triples; ``void:entities``: distinct subjects (all IRIs: the dataset has no blank
  nodes); ``void:classes``: distinct objects of ``rdf:type``; ``void:properties``: distinct predicates;
- one ``void:classPartition`` per class (``void:class``, ``void:entities`` = its distinct instances) and one
  ``void:propertyPartition`` per property (``void:property``, ``void:triples``);
- one ``void:subset`` per named graph, identified by the graph's own IRI, with its ``void:triples`` and the
  documents it was read from (``prov:wasDerivedFrom``: the graph's source document ``id/source/<graph>``
  and every ``dcterms:source`` its statements cite; the ontology for ``graph/ontology``; the shapes for
  ``graph/validation``; the checked documents for ``graph/quote-checks``).

Every node has an IRI under ``<base>id/dataset/govgraph``; the counts are computed here from the quads and
the tests recount them with SPARQL on the store. ``dcterms:modified`` is the build's date, never the clock.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from ..rdf import PREFIXES

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
SPDX = "http://spdx.org/rdf/terms#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
GG = "https://w3id.org/govgraph/ontology#"
OA_HAS_SOURCE = "http://www.w3.org/ns/oa#hasSource"
ONTOLOGY_IRI = "https://w3id.org/govgraph/ontology"
SHAPES_IRI = "https://w3id.org/govgraph/ontology/shapes"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
IANA = "https://www.iana.org/assignments/media-types/"

VOID_PREFIXES = {"void": VOID, "dcat": DCAT, "spdx": SPDX, **PREFIXES}

TITLE = "govgraph: a knowledge graph of international AI governance"
DESCRIPTION = ("Summits, declarations, states, organisations and initiatives in international AI governance: who "
               "signed, who declined and why, who founded and who funds what, with how much money. Every fact "
               "carries its source (one named graph per source) and a short verbatim evidence quote.")

_SAFE_LOCAL = re.compile(r"[A-Za-z0-9_-]+\Z")


@dataclass(frozen=True)
class Distribution:
    """One file of the dump: its path relative to the dump folder, media type, title, size and SHA-256."""

    path: str
    media_type: str
    title: str
    size: int
    sha256: str
    is_dump: bool  # a whole-dataset dump (void:dataDump), not a derived document


@dataclass
class Counts:
    triples: int
    entities: int
    classes: dict[str, int]         # class IRI -> distinct instances
    properties: dict[str, int]      # property IRI -> triples
    graphs: dict[str, int]          # graph IRI -> triples in that graph


def count(quads: list[ox.Quad]) -> Counts:
    """The VoID counts of the quads, computed in Python (the tests recount with SPARQL)."""
    triples = {q.triple for q in quads}
    subjects = {t.subject for t in triples}
    instances: dict[str, set] = defaultdict(set)
    properties: Counter = Counter()
    for t in triples:
        properties[t.predicate.value] += 1
        if t.predicate.value == RDF_TYPE and isinstance(t.object, ox.NamedNode):
            instances[t.object.value].add(t.subject)
    graphs = Counter(q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode))
    return Counts(triples=len(triples), entities=len(subjects),
                  classes={c: len(s) for c, s in sorted(instances.items())},
                  properties=dict(sorted(properties.items())), graphs=dict(sorted(graphs.items())))


def vocabulary(iri: str) -> str:
    """The namespace (vocabulary URI) of a class or property IRI."""
    for ns in sorted({*PREFIXES.values(), *VOID_PREFIXES.values()}, key=len, reverse=True):
        if iri.startswith(ns) and len(iri) > len(ns):
            return ns
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[:cut + 1] if cut > 0 else iri


def _slug(iri: str) -> str:
    """A readable, unique slug for a class or property: ``gg-Summit``, ``rdfs-label``, else a hash."""
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns) and _SAFE_LOCAL.match(iri[len(ns):]):
            return f"{prefix}-{iri[len(ns):]}"
    import hashlib

    return "iri-" + hashlib.sha256(iri.encode("utf-8")).hexdigest()[:16]


def graph_sources(quads: list[ox.Quad], base: str) -> dict[str, list[str]]:
    """For each named graph, the documents its statements were derived from (see the module doc)."""
    subjects = {q.subject.value for q in quads}
    cited: dict[str, set[str]] = defaultdict(set)
    has_source = {}
    for q in quads:
        if q.predicate.value == DCT + "source" and isinstance(q.object, ox.NamedNode):
            cited[q.graph_name.value].add(q.object.value)
        elif q.predicate.value == OA_HAS_SOURCE and isinstance(q.object, ox.NamedNode):
            has_source[q.subject.value] = q.object.value
    out: dict[str, list[str]] = {}
    prefix = base + "graph/"
    for graph in sorted({q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}):
        sources = set(cited.get(graph, ()))
        short = graph[len(prefix):] if graph.startswith(prefix) else None
        if short:
            own = base + "id/source/" + short
            if own in subjects:
                sources.add(own)
            if short == "ontology":
                sources.add(ONTOLOGY_IRI)
            elif short == "validation":
                sources.add(SHAPES_IRI)
            elif short == "quote-checks":
                checked = {q.subject.value for q in quads if q.graph_name.value == graph and q.predicate.value == GG + "quoteStatus"}
                sources.update(has_source[e] for e in checked if e in has_source)
        out[graph] = sorted(sources)
    return out


def describe(quads: list[ox.Quad], base: str, distributions: list[Distribution], *, modified: str | None = None,
             endpoint_url: str | None = None, download_url: str | None = None) -> list[ox.Triple]:
    """The VoID + DCAT triples describing ``quads`` and the dump files ``distributions``, sorted."""
    N = ox.NamedNode

    def L(value, datatype=None, lang=None):
        if lang:
            return ox.Literal(str(value), language=lang)
        return ox.Literal(str(value), datatype=N(datatype)) if datatype else ox.Literal(str(value))

    def integer(n: int):
        return L(n, XSD + "integer")

    ds_iri = base + "id/dataset/govgraph"
    ds = N(ds_iri)
    a = N(RDF_TYPE)
    out: list[ox.Triple] = []

    def add(s, p, o):
        out.append(ox.Triple(s, N(p) if isinstance(p, str) else p, o))

    counts = count(quads)
    download_url = download_url or base + "dump/"
    add(ds, a, N(VOID + "Dataset"))
    add(ds, a, N(DCAT + "Dataset"))
    add(ds, DCT + "title", L(TITLE, lang="en"))
    add(ds, DCT + "description", L(DESCRIPTION, lang="en"))
    add(ds, DCT + "license", N(CC_BY))
    if modified:
        add(ds, DCT + "modified", L(modified, XSD + "date"))
    add(ds, VOID + "triples", integer(counts.triples))
    add(ds, VOID + "entities", integer(counts.entities))
    add(ds, VOID + "classes", integer(len(counts.classes)))
    add(ds, VOID + "properties", integer(len(counts.properties)))
    if endpoint_url:
        add(ds, VOID + "sparqlEndpoint", N(endpoint_url))
    vocabularies = {vocabulary(c) for c in counts.classes} | {vocabulary(p) for p in counts.properties}
    for ns in sorted(vocabularies):
        add(ds, VOID + "vocabulary", N(ns))
    for cls, n in counts.classes.items():
        part = N(f"{ds_iri}/class/{_slug(cls)}")
        add(ds, VOID + "classPartition", part)
        add(part, VOID + "class", N(cls))
        add(part, VOID + "entities", integer(n))
    for prop, n in counts.properties.items():
        part = N(f"{ds_iri}/property/{_slug(prop)}")
        add(ds, VOID + "propertyPartition", part)
        add(part, VOID + "property", N(prop))
        add(part, VOID + "triples", integer(n))
    titles: dict[str, ox.Literal] = {}
    for q in quads:
        if q.predicate.value == DCT + "title" and isinstance(q.object, ox.Literal):
            known = titles.get(q.subject.value)
            titles[q.subject.value] = q.object if known is None else min(known, q.object, key=str)
    for graph, sources in graph_sources(quads, base).items():
        subset = N(graph)
        add(ds, VOID + "subset", subset)
        add(subset, a, N(VOID + "Dataset"))
        add(subset, VOID + "triples", integer(counts.graphs.get(graph, 0)))
        for source in sources:
            add(subset, PROV + "wasDerivedFrom", N(source))
        own = base + "id/source/" + graph.rsplit("/", 1)[-1]
        if graph.startswith(base + "graph/") and own in titles:
            add(subset, DCT + "title", titles[own])
    for dist in distributions:
        node = N(f"{ds_iri}/distribution/{dist.path}")
        url = N(download_url + dist.path)
        if dist.is_dump:
            add(ds, VOID + "dataDump", url)
        add(ds, DCAT + "distribution", node)
        add(node, a, N(DCAT + "Distribution"))
        add(node, DCT + "title", L(dist.title, lang="en"))
        add(node, DCT + "license", N(CC_BY))
        add(node, DCAT + "downloadURL", url)
        add(node, DCAT + "mediaType", N(IANA + dist.media_type))
        add(node, DCAT + "byteSize", L(dist.size, XSD + "nonNegativeInteger"))
        checksum = N(f"{ds_iri}/distribution/{dist.path}/sha256")
        add(node, SPDX + "checksum", checksum)
        add(checksum, a, N(SPDX + "Checksum"))
        add(checksum, SPDX + "algorithm", N(SPDX + "checksumAlgorithm_sha256"))
        add(checksum, SPDX + "checksumValue", L(dist.sha256, XSD + "hexBinary"))
    return sorted(set(out), key=str)


def to_turtle(triples: list[ox.Triple]) -> bytes:
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=VOID_PREFIXES)
