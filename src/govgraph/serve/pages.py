"""What the HTML pages show, gathered with SPARQL so that it works on the embedded store and on an endpoint.

A resource page needs three queries: the statements out of the resource (with their graphs), the statements
into it, and the labels and evidence details of every IRI those mention. Terms are turned into small view
objects (:class:`Shown`) that the templates print with autoescaping; a term only becomes a link when it is a
resource under the base (linked to its page here) or an ``http(s)`` IRI, so an IRI such as
``javascript:...`` in the data is shown as text, never as a link.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

import pyoxigraph as ox

from ..export.site import LABEL_PREDICATES, compact
from ..rdf import PREFIXES

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
DCT_SOURCE = "http://purl.org/dc/terms/source"
OA = "http://www.w3.org/ns/oa#"
GG = PREFIXES["gg"]

OUT_QUERY = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?p ?o ?g"
IN_QUERY = "SELECT ?o ?s ?p ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?p ?s ?g"
DETAILS_QUERY = """PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?x ?p ?v WHERE {
  VALUES ?x { %s }
  { VALUES ?p { %s } ?x ?p ?v }
  UNION { ?x oa:hasSelector/oa:exact ?v BIND(oa:exact AS ?p) }
  UNION { ?x oa:hasSource ?v BIND(oa:hasSource AS ?p) }
}"""


@dataclass(frozen=True)
class Shown:
    """A term as a page shows it: its text, a link if it gets one, and a note (language or datatype)."""

    text: str
    href: str | None = None
    note: str = ""
    code: bool = False  # an IRI shown as (compact) text


@dataclass
class Statement:
    subject: Shown
    predicate: Shown
    object: Shown
    graph: str


@dataclass
class Resource:
    iri: str
    label: str
    types: list[Shown] = field(default_factory=list)
    sources: list[Shown] = field(default_factory=list)
    evidence: list[tuple[list[str], list[Shown]]] = field(default_factory=list)  # (quotes, sources) per evidence
    out: list[Statement] = field(default_factory=list)
    incoming: list[Statement] = field(default_factory=list)
    triples: list[ox.Triple] = field(default_factory=list)  # out and in, for the RDF descriptions
    truncated: bool = False

    @property
    def exists(self) -> bool:
        return bool(self.triples)


def _lang_rank(lit: ox.Literal) -> tuple:
    lang = lit.language or ""
    return (0 if lang.lower().startswith("en") else 1 if not lang else 2, lang, lit.value)


class Linker:
    """Turns terms into :class:`Shown`, with the labels known so far."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.id_prefix = base + "id/"
        self.graph_prefix = base + "graph/"
        self.labels: dict[str, str] = {}

    def path(self, iri: str) -> str | None:
        """The path of a resource's page on this server (``/id/state/FRA``), or None if it is not ours."""
        if iri.startswith(self.id_prefix) and len(iri) > len(self.id_prefix):
            return "/id/" + quote(iri[len(self.id_prefix):], safe="/-_.~:@!$&'()*+,;=")
        return None

    def show(self, term) -> Shown:
        if isinstance(term, ox.NamedNode):
            iri = term.value
            local = self.path(iri)
            if local:
                return Shown(self.labels.get(iri) or iri[len(self.id_prefix):], local)
            if iri.startswith(GG) and len(iri) > len(GG):
                return Shown(compact(iri), "/ontology#" + quote(iri[len(GG):], safe="-_.~"), code=True)
            href = iri if iri.startswith(("http://", "https://")) else None
            return Shown(self.labels.get(iri) or compact(iri), href, code=iri not in self.labels)
        if isinstance(term, ox.Literal):
            if term.language:
                return Shown(term.value, note="@" + term.language)
            if term.datatype.value != XSD_STRING:
                return Shown(term.value, note="^^" + compact(term.datatype.value))
            return Shown(term.value)
        return Shown(str(term), code=True)

    def graph(self, term) -> str:
        value = getattr(term, "value", "")
        return value[len(self.graph_prefix):] if value.startswith(self.graph_prefix) else value or "default"


def pick_label(values: dict[str, list[ox.Literal]]) -> str | None:
    for predicate in LABEL_PREDICATES:
        literals = [v for v in values.get(predicate, ()) if isinstance(v, ox.Literal)]
        if literals:
            return min(literals, key=_lang_rank).value
    return None


async def fetch_details(backend, iris: list[str]) -> dict[str, dict[str, list]]:
    """The labels (every label property) and evidence details of ``iris``: IRI -> property -> values, asked 500
    IRIs at a time."""
    details: dict[str, dict[str, list]] = {}
    for start in range(0, len(iris), 500):
        chunk = iris[start:start + 500]
        text = DETAILS_QUERY % (" ".join(str(ox.NamedNode(i)) for i in chunk),
                                " ".join(str(ox.NamedNode(p)) for p in LABEL_PREDICATES))
        _v, rows, _cut = await backend.rows(text, {}, 50 * len(chunk) + 100)
        for row in rows:
            details.setdefault(row["x"].value, {}).setdefault(row["p"].value, []).append(row["v"])
    return details


def learn_labels(linker: Linker, details: dict[str, dict[str, list]]) -> None:
    for subject, values in details.items():
        label = pick_label(values)
        if label:
            linker.labels[subject] = label


async def describe(backend, linker: Linker, iri: str, limit: int) -> Resource:
    """Everything a resource page and its RDF descriptions show, from three queries."""
    node = ox.NamedNode(iri)
    _v, out_rows, out_cut = await backend.rows(OUT_QUERY, {"s": node}, limit)
    _v, in_rows, in_cut = await backend.rows(IN_QUERY, {"o": node}, limit)
    resource = Resource(iri, iri, truncated=out_cut or in_cut)
    mentioned = {iri}
    evidence_nodes = []
    for row in out_rows:
        for key in ("p", "o"):
            if isinstance(row.get(key), ox.NamedNode):
                mentioned.add(row[key].value)
        if row["p"].value == GG + "evidence" and isinstance(row["o"], ox.NamedNode):
            evidence_nodes.append(row["o"].value)
    for row in in_rows:
        mentioned.add(row["s"].value) if isinstance(row.get("s"), ox.NamedNode) else None
    details = await fetch_details(backend, sorted(i for i in mentioned if linker.path(i) or i in evidence_nodes))
    learn_labels(linker, details)
    resource.label = linker.labels.get(iri) or iri.rsplit("/", 1)[-1]
    seen_types, seen_sources = set(), set()
    for row in out_rows:
        p, o = row["p"], row["o"]
        resource.out.append(Statement(linker.show(node), linker.show(p), linker.show(o), linker.graph(row["g"])))
        if p.value == RDF_TYPE and o.value not in seen_types:
            seen_types.add(o.value)
            resource.types.append(linker.show(o))
        if p.value == DCT_SOURCE and str(o) not in seen_sources:
            seen_sources.add(str(o))
            resource.sources.append(linker.show(o))
    for row in in_rows:
        resource.incoming.append(Statement(linker.show(row["s"]), linker.show(row["p"]), linker.show(node),
                                           linker.graph(row["g"])))
    for ev in dict.fromkeys(evidence_nodes):
        values = details.get(ev, {})
        quotes = sorted(v.value for v in values.get(OA + "exact", ()) if isinstance(v, ox.Literal))
        cited = [linker.show(v) for v in sorted(values.get(OA + "hasSource", ()), key=str)]
        resource.evidence.append((quotes, cited))
    triples = {ox.Triple(node, r["p"], r["o"]) for r in out_rows}
    triples |= {ox.Triple(r["s"], r["p"], node) for r in in_rows}
    resource.triples = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return resource
