"""``govgraph export --site DIR``: a static linked-data site that works from ``file://`` and any static host.

Layout of ``DIR``::

    index.html                       the resources by kind, summits first
    ontology.html                    the ontology (ontology/govgraph.ttl) as HTML, one anchor per term: #<localname>
    queries.html                     the canned query catalogue
    style.css                        the one stylesheet, linked relatively
    id/<kind>/<name>.html            one page per resource under <base>id/ (evidence and selectors included)
    id/<kind>/<name>.ttl             its description (outgoing triples, all graphs merged) in Turtle
    id/<kind>/<name>.jsonld          the same in JSON-LD, compacted with the project's context (embedded)
    dump/                            the full dump (:func:`govgraph.export.dump.dump`)

Every link is relative and points at a file of the site; nothing is loaded from elsewhere (no CDN, no fonts,
no scripts), and IRIs outside the site are shown as text. Every text is escaped with :func:`html.escape`. The
same build gives byte-identical files: nothing depends on the clock, and everything is sorted. The store is read
once into dictionaries; no SPARQL query is run per page.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

from .. import config
from ..errors import GovgraphError
from ..rdf import PREFIXES
from .core import Dataset, load
from .dump import _write, dump
from .jsonld import write_dataset

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
OA = "http://www.w3.org/ns/oa#"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
LABEL_PREDICATES = (RDFS + "label", SKOS + "prefLabel", DCT + "title", "https://schema.org/name",
                    "http://xmlns.com/foaf/0.1/name", SKOS + "notation")
ONTOLOGY_FILE = config.ONTOLOGY_DIR / "govgraph.ttl"

#: kinds (first segment under id/) listed first on the index, in this order; the others follow alphabetically
KIND_ORDER = ("state", "organisation", "person", "event", "declaration", "initiative", "framework", "agreement",
              "act", "amount", "quantity", "post", "place", "region", "reason", "quotation", "claim", "source",
              "query", "finding", "membership", "evidence")
TERM_KINDS = (("Classes", (OWL + "Class", RDFS + "Class")),
              ("Object properties", (OWL + "ObjectProperty",)),
              ("Datatype properties", (OWL + "DatatypeProperty",)),
              ("Annotation properties", (OWL + "AnnotationProperty",)),
              ("Other properties", ("http://www.w3.org/1999/02/22-rdf-syntax-ns#Property",)))
TERM_FIRST = (RDFS + "label", SKOS + "definition", RDFS + "comment", RDFS + "subClassOf", RDFS + "subPropertyOf",
              RDFS + "domain", RDFS + "range")

_SAFE_SEGMENT = re.compile(r"[A-Za-z0-9_~-][A-Za-z0-9_.~-]*\Z")

CSS = (Path(__file__).resolve().parent.parent / "assets" / "style.css").read_text(encoding="utf-8")


def page_path(local: str) -> str:
    """The site path (without extension) of a resource ``<base>id/<local>``: ``state/FRA`` -> ``id/state/FRA``.

    A path segment that is not a plain file name (empty, ``.``/``..``, characters a file system or URL would
    treat specially) is replaced by a hash of itself, so that every IRI gets a file inside ``id/``.
    """
    segments = [seg if _SAFE_SEGMENT.match(seg) else "x-" + hashlib.sha256(seg.encode("utf-8")).hexdigest()[:16]
                for seg in local.split("/")]
    return "id/" + "/".join(segments)


def href(source: str, target: str) -> str:
    """The relative URL from the page at site path ``source`` to the site path ``target`` (``#anchor`` kept)."""
    path, _, anchor = target.partition("#")
    rel = posixpath.relpath(path, posixpath.dirname(source) or ".")
    return quote(rel, safe="/-_.~") + ("#" + quote(anchor, safe="-_.~") if anchor else "")


def compact(iri: str) -> str:
    """``https://w3id.org/govgraph/ontology#Summit`` -> ``gg:Summit``; an IRI in no known namespace as it is."""
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _lang_rank(lit: ox.Literal) -> tuple:
    lang = lit.language or ""
    return (0 if lang.lower().startswith("en") else 1 if not lang else 2, lang, lit.value)


@dataclass
class Index:
    """The dataset read once: statements out and in of every resource, labels, types and page paths."""

    base: str
    out: dict[str, dict[ox.Triple, set[str]]] = field(default_factory=lambda: defaultdict(dict))
    incoming: dict[str, set[ox.Triple]] = field(default_factory=lambda: defaultdict(set))
    labels: dict[str, str] = field(default_factory=dict)
    types: dict[str, list[str]] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # resource IRI -> site path without extension

    @classmethod
    def of(cls, quads: list[ox.Quad], base: str) -> "Index":
        index = cls(base)
        prefix = base + "id/"
        resources: set[str] = set()
        for q in quads:
            triple = q.triple
            s = q.subject.value
            graph = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
            index.out[s].setdefault(triple, set()).add(graph)
            if s.startswith(prefix):
                resources.add(s)
            if isinstance(q.object, ox.NamedNode):
                index.incoming[q.object.value].add(triple)
                if q.object.value.startswith(prefix):
                    resources.add(q.object.value)
        for iri in sorted(resources):
            index.pages[iri] = page_path(iri[len(prefix):])
            index.labels[iri] = index._label(iri)
            index.types[iri] = sorted({t.object.value for t in index.out.get(iri, {})
                                       if t.predicate.value == RDF_TYPE and isinstance(t.object, ox.NamedNode)})
        return index

    def _label(self, iri: str) -> str:
        literals: dict[str, list[ox.Literal]] = {}
        for t in self.out.get(iri, {}):
            if t.predicate.value in LABEL_PREDICATES and isinstance(t.object, ox.Literal):
                literals.setdefault(t.predicate.value, []).append(t.object)
        for predicate in LABEL_PREDICATES:
            if literals.get(predicate):
                return min(literals[predicate], key=_lang_rank).value
        return iri[len(self.base) + len("id/"):]

    def kind(self, iri: str) -> str:
        return iri[len(self.base) + len("id/"):].split("/", 1)[0]

    def described(self, iri: str) -> list[ox.Triple]:
        """The outgoing triples of a resource, all graphs merged, sorted."""
        return sorted(self.out.get(iri, {}), key=str)

    def objects(self, iri: str, predicate: str) -> list[ox.Term]:
        return sorted((t.object for t in self.out.get(iri, {}) if t.predicate.value == predicate), key=str)


@dataclass
class Ontology:
    """The terms of ontology/govgraph.ttl: subject -> predicate -> sorted objects, and their anchors."""

    header: dict[str, list[ox.Term]]
    terms: dict[str, dict[str, list[ox.Term]]]
    anchors: dict[str, str]  # term IRI -> anchor in ontology.html

    @classmethod
    def read(cls, path: Path = ONTOLOGY_FILE) -> "Ontology":
        try:
            triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
        except (OSError, SyntaxError) as exc:
            raise GovgraphError(str(path), f"the ontology cannot be read ({exc})") from None
        by_subject: dict[str, dict[str, list[ox.Term]]] = defaultdict(lambda: defaultdict(list))
        for t in triples:
            by_subject[t.subject.value][t.predicate.value].append(t.object)
        for props in by_subject.values():
            for values in props.values():
                values.sort(key=str)
        header: dict[str, list[ox.Term]] = {}
        terms: dict[str, dict[str, list[ox.Term]]] = {}
        documented = {iri for _title, classes in TERM_KINDS for iri in classes}
        for subject, props in sorted(by_subject.items()):
            types = {o.value for o in props.get(RDF_TYPE, ())}
            if OWL + "Ontology" in types:
                header = dict(props)
            elif types & documented:
                terms[subject] = dict(props)
        anchors: dict[str, str] = {}
        gg = PREFIXES["gg"]
        for iri in terms:
            if iri.startswith(gg):
                anchors[iri] = iri[len(gg):]
        for iri in terms:
            if iri not in anchors:
                anchors[iri] = re.sub(r"[^A-Za-z0-9_-]+", "-", compact(iri))
        return cls(header, terms, anchors)


class Site:
    """Writes the pages; holds the index of the dataset and of the ontology."""

    def __init__(self, dataset: Dataset, ontology: Ontology, dump_files: list[str] = ()) -> None:
        self.dataset = dataset
        self.index = Index.of(dataset.quads, dataset.base)
        self.ontology = ontology
        self.dump_files = sorted(dump_files)  # the dump's files, relative to dump/, listed on the index

    # ------------------------------------------------------------------ pieces

    def page(self, path: str, title: str, body: str, alternates: list[tuple[str, str]] = ()) -> bytes:
        links = "".join(f'\n<link rel="alternate" type="{escape(media)}" href="{escape(href(path, target))}">'
                        for media, target in alternates)
        nav = " ".join(f'<a href="{escape(href(path, target))}">{escape(text)}</a>' for text, target in
                       (("Index", "index.html"), ("Ontology", "ontology.html"), ("Queries", "queries.html"),
                        ("Dump", "dump/void.ttl")))
        text = (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                f"<title>{escape(title)} · govgraph</title>\n"
                f'<link rel="stylesheet" href="{escape(href(path, "style.css"))}">{links}\n</head>\n<body>\n'
                f"<nav>{nav}</nav>\n<main>\n{body}</main>\n</body>\n</html>\n")
        return text.encode("utf-8")

    def term_link(self, path: str, iri: str) -> str:
        """A class or property: its compact name, linked to its anchor on the ontology page if documented there."""
        name = escape(compact(iri))
        anchor = self.ontology.anchors.get(iri)
        if anchor:
            return f'<a href="{escape(href(path, "ontology.html#" + anchor))}"><code>{name}</code></a>'
        return f'<code class="iri">{name}</code>'

    def resource_link(self, path: str, iri: str) -> str:
        return f'<a href="{escape(href(path, self.index.pages[iri] + ".html"))}">{escape(self.index.labels[iri])}</a>'

    def term(self, path: str, term: ox.Term) -> str:
        """An object shown on a page: a resource by label and link, a literal with its language or datatype."""
        if isinstance(term, ox.NamedNode):
            if term.value in self.index.pages:
                return self.resource_link(path, term.value)
            if term.value in self.ontology.anchors:
                return self.term_link(path, term.value)
            return f'<code class="iri">{escape(compact(term.value))}</code>'
        if isinstance(term, ox.Literal):
            text = escape(term.value)
            if term.language:
                return f'{text} <span class="lang">@{escape(term.language)}</span>'
            if term.datatype.value != XSD_STRING:
                return f'{text} <span class="dt">^^{escape(compact(term.datatype.value))}</span>'
            return text
        return f"<code>{escape(str(term))}</code>"

    def graph_names(self, graphs: set[str]) -> str:
        prefix = self.dataset.base + "graph/"
        names = sorted(g[len(prefix):] if g.startswith(prefix) else g or "default" for g in graphs)
        return '<span class="graph">' + escape(", ".join(names)) + "</span>"

    # ------------------------------------------------------------------ pages

    def resource_files(self, iri: str) -> dict[str, bytes]:
        idx = self.index
        stem = idx.pages[iri]
        path = stem + ".html"
        name = posixpath.basename(stem)
        triples = idx.described(iri)
        files = {
            stem + ".ttl": ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES),
            stem + ".jsonld": write_dataset([ox.Quad(t.subject, t.predicate, t.object) for t in triples]),
        }
        label = idx.labels[iri]
        parts = [f"<h1>{escape(label)}</h1>\n", f'<p class="iri">{escape(iri)}</p>\n']
        types = idx.types[iri]
        if types:
            parts.append("<p>Type: " + ", ".join(self.term_link(path, t) for t in types) + "</p>\n")
        parts.append(f'<p>This description as <a href="{escape(quote(name) + ".ttl")}">Turtle</a> · '
                     f'<a href="{escape(quote(name) + ".jsonld")}">JSON-LD</a></p>\n')
        sources = [o for o in idx.objects(iri, DCT + "source")]
        if sources:
            parts.append("<h2>Sources</h2>\n<ul>\n" + "".join(f"<li>{self.term(path, o)}</li>\n" for o in sources) + "</ul>\n")
        quotes = self.evidence(path, iri)
        if quotes:
            parts.append("<h2>Evidence</h2>\n" + quotes)
        out = idx.out.get(iri, {})
        if out:
            rows = "".join(f"<tr><td>{self.term_link(path, t.predicate.value)}</td><td>{self.term(path, t.object)}</td>"
                           f"<td>{self.graph_names(out[t])}</td></tr>\n" for t in triples)
            parts.append(f"<h2>Statements ({len(triples)})</h2>\n<table>\n<tr><th>property</th><th>value</th>"
                         f"<th>graph</th></tr>\n{rows}</table>\n")
        incoming = sorted(idx.incoming.get(iri, ()), key=str)
        if incoming:
            rows = "".join(f"<tr><td>{self.term(path, t.subject)}</td><td>{self.term_link(path, t.predicate.value)}</td>"
                           f"<td>{self.graph_names(idx.out[t.subject.value][t])}</td></tr>\n" for t in incoming)
            parts.append(f"<h2>Statements about it ({len(incoming)})</h2>\n<table>\n<tr><th>subject</th>"
                         f"<th>property</th><th>graph</th></tr>\n{rows}</table>\n")
        files[path] = self.page(path, label, "".join(parts),
                                [("text/turtle", stem + ".ttl"), ("application/ld+json", stem + ".jsonld")])
        return files

    def evidence(self, path: str, iri: str) -> str:
        """The evidence quotes of a resource (gg:evidence -> oa:hasSelector -> oa:exact), quoted with their source."""
        out = []
        for ev in self.index.objects(iri, PREFIXES["gg"] + "evidence"):
            if not isinstance(ev, ox.NamedNode):
                continue
            for selector in self.index.objects(ev.value, OA + "hasSelector"):
                if not isinstance(selector, ox.NamedNode):
                    continue
                for exact in self.index.objects(selector.value, OA + "exact"):
                    if isinstance(exact, ox.Literal):
                        out.append(f"<blockquote>{escape(exact.value)}</blockquote>\n")
            cite = ", ".join(self.term(path, s) for s in self.index.objects(ev.value, OA + "hasSource"))
            link = self.term(path, ev)
            out.append(f"<p>Evidence {link}{' in ' + cite if cite else ''}</p>\n")
        return "".join(out)

    def index_page(self) -> bytes:
        path = "index.html"
        idx = self.index
        order = {k: i for i, k in enumerate(KIND_ORDER)}

        def listing(iris) -> str:
            items = sorted(iris, key=lambda i: (idx.labels[i].casefold(), i))
            return '<ul class="cols">\n' + "".join(f"<li>{self.resource_link(path, i)}</li>\n" for i in items) + "</ul>\n"

        summits = [i for i in idx.pages if PREFIXES["gg"] + "Summit" in idx.types[i]]
        by_kind: dict[str, list[str]] = defaultdict(list)
        for iri in idx.pages:
            by_kind[idx.kind(iri)].append(iri)
        kinds = sorted(by_kind, key=lambda k: (order.get(k, len(order)), k))
        parts = ["<h1>govgraph: a knowledge graph of international AI governance</h1>\n",
                 f"<p>{len(idx.pages)} resources, {len({q.triple for q in self.dataset.quads})} statements. "
                 f'See the <a href="ontology.html">ontology</a>, the <a href="queries.html">query catalogue</a> '
                 "and the dump below.</p>\n",
                 "<p>Kinds: " + " · ".join(f'<a href="#{escape(k)}">{escape(k)}</a> ({len(by_kind[k])})' for k in kinds)
                 + "</p>\n",
                 f'<h2 id="summits">Summits ({len(summits)})</h2>\n' + listing(summits)]
        for kind in kinds:
            parts.append(f'<h2 id="{escape(kind)}">{escape(kind)} ({len(by_kind[kind])})</h2>\n' + listing(by_kind[kind]))
        parts.append('<h2 id="dump">Dump</h2>\n<ul>\n' + "".join(
            f'<li><a href="{escape(quote("dump/" + name))}">{escape(name)}</a></li>\n' for name in self.dump_files) + "</ul>\n")
        return self.page(path, "Index", "".join(parts))

    def ontology_page(self) -> bytes:
        path = "ontology.html"
        onto = self.ontology
        parts = []
        title = next((o.value for o in onto.header.get(DCT + "title", ())), "govgraph ontology")
        parts.append(f"<h1>{escape(title)}</h1>\n")
        for predicate, values in sorted(onto.header.items()):
            if predicate in (RDF_TYPE, DCT + "title"):
                continue
            parts.append(f"<p>{self.term_link(path, predicate)}: " + ", ".join(self._onto_value(path, v) for v in values)
                         + "</p>\n")
        for heading, classes in TERM_KINDS:
            members = sorted((iri for iri, props in onto.terms.items()
                              if {o.value for o in props.get(RDF_TYPE, ())} & set(classes)
                              and not any({o.value for o in props.get(RDF_TYPE, ())} & set(c)
                                          for _h, c in TERM_KINDS[:[h for h, _c in TERM_KINDS].index(heading)])),
                             key=lambda i: (compact(i).casefold(), i))
            if not members:
                continue
            parts.append(f"<h2>{escape(heading)} ({len(members)})</h2>\n<p>" + " · ".join(
                f'<a href="#{escape(onto.anchors[i])}">{escape(compact(i))}</a>' for i in members) + "</p>\n")
            for iri in members:
                props = onto.terms[iri]
                label = next((o.value for o in sorted(props.get(RDFS + "label", ()), key=_lang_rank)), compact(iri))
                parts.append(f'<div class="term" id="{escape(onto.anchors[iri])}">\n<h3>{escape(compact(iri))} '
                             f"— {escape(label)}</h3>\n" f'<p class="iri">{escape(iri)}</p>\n<dl>\n')
                keys = [p for p in TERM_FIRST if p in props] + sorted(p for p in props if p not in TERM_FIRST)
                for predicate in keys:
                    if predicate in (RDFS + "isDefinedBy",):
                        continue
                    parts.append(f"<dt>{self.term_link(path, predicate)}</dt>\n" + "".join(
                        f"<dd>{self._onto_value(path, v)}</dd>\n" for v in props[predicate]))
                parts.append("</dl>\n</div>\n")
        return self.page(path, "Ontology", "".join(parts))

    def _onto_value(self, path: str, term: ox.Term) -> str:
        if isinstance(term, ox.NamedNode) and term.value in self.ontology.anchors:
            return self.term_link(path, term.value)
        return self.term(path, term)

    def queries_page(self) -> bytes:
        from ..queries.catalogue import load_catalogue

        path = "queries.html"
        catalogue = load_catalogue()
        parts = ["<h1>Canned queries</h1>\n", f"<p>{len(catalogue)} queries; run one with "
                 "<code>govgraph query NAME</code>.</p>\n<p>" + " · ".join(
                     f'<a href="#{escape(quote(n, safe="-_.~"))}">{escape(n)}</a>' for n in sorted(catalogue)) + "</p>\n"]
        for name in sorted(catalogue):
            q = catalogue[name]
            parts.append(f'<div class="term" id="{escape(quote(name, safe="-_.~"))}">\n<h2>{escape(name)}</h2>\n'
                         f"<p><strong>{escape(q.summary)}</strong></p>\n")
            if q.question:
                parts.append(f"<p>{escape(q.question)}</p>\n")
            if q.parameters:
                parts.append("<h3>Parameters</h3>\n<ul>\n" + "".join(
                    f"<li><code>{escape(p.describe())}</code>{': ' + escape(p.doc) if p.doc else ''}</li>\n"
                    for p in q.parameters) + "</ul>\n")
            if q.tags:
                parts.append(f"<p>Tags: {escape(', '.join(q.tags))}</p>\n")
            parts.append(f"<pre>{escape(q.text)}</pre>\n</div>\n")
        return self.page(path, "Queries", "".join(parts))

    # ------------------------------------------------------------------ all

    def files(self) -> dict[str, bytes]:
        files: dict[str, bytes] = {"style.css": CSS.encode("utf-8")}
        for iri in sorted(self.index.pages):
            files.update(self.resource_files(iri))
        files["index.html"] = self.index_page()
        files["ontology.html"] = self.ontology_page()
        files["queries.html"] = self.queries_page()
        return files


def write_site(home_or_store, directory: Path) -> list[Path]:
    """Write the static site of the dataset (of the current build under ``home_or_store``, or of a store or
    :class:`~govgraph.export.core.Dataset`) into ``directory``; returns the files written (dump included), sorted."""
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise GovgraphError(str(directory), "not a folder: the site needs a folder to write into")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GovgraphError(str(directory), f"cannot create the site folder ({exc.strerror or exc})") from None
    dataset = load(home_or_store)
    dumped = dump(dataset, directory / "dump")
    site = Site(dataset, Ontology.read(), [p.relative_to(directory / "dump").as_posix() for p in dumped])
    written = list(dumped)
    for name, data in sorted(site.files().items()):
        path = directory / name
        _write(path, data)
        written.append(path)
    return sorted(written)
