"""``govgraph build``: every source into one validated dataset and the embedded store.

The steps, in order:

1. the ontology, the catalogue, the reference data (ISO 3166-1 states, M49 regions, memberships), the canned
   query catalogue (``queries/``, as sh:SPARQLExecutable resources), the RDF shipped for each source text
   (``data/parsed``), the curated records, the reviewed links out (``data/links/*.nq``) and any ``--with``
   files, each in its own named graph;
2. evidence quotes re-found in their source texts where the texts are at hand (graph ``quote-checks``);
3. the shortcut triples of acts materialised beside them (``gg:signed`` next to each gg:Signing act);
4. SHACL validation (:mod:`govgraph.validate`): Violations stop the build, Warnings are kept and reported (and
   stop it too with ``--strict``); the findings are added as graph ``validation``;
5. IRIs moved to the configured base, if it is not the default;
6. the sorted N-Quads dump and the store written to a new folder, swapped in atomically.

Everything happens in one in-memory pyoxigraph store: ``--with`` files are parsed straight into it (no Python
object per statement), quote checks and shortcuts are SPARQL over it, the validator runs on it, and the dump
comes out of it as bytes. A million added triples build in seconds, and no rdflib Graph is ever made.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from . import config
from .catalogue import Catalogue
from .errors import BuildError, GovgraphError
from .evidence import normalise_text, source_text
from .ingest import records as records_ingest
from .ingest import reference
from .ingest.common import Source, load_sources
from .link import read_links
from .queries.catalogue import load_catalogue
from .queries.publish import catalogue_graph
from .rdf import GG, OA, RDF, GraphWriter, graph_iri, slugify
from .store import BuildWriter, build_lock, sorted_nquads
from .validate import VALIDATION_GRAPH, Finding, findings_to_rdf, summarise, validate

ONTOLOGY_GRAPH = graph_iri("ontology")
EARLY_STORE_LOAD = 200_000  # statements from which the embedded store is written while validation runs
QUOTE_GRAPH = graph_iri("quote-checks")

RDF_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".n3": ox.RdfFormat.N3,
}


@dataclass
class BuildResult:
    """What a build made and found; ``installed`` is the folder of the new build, or None if it failed."""

    graphs: dict[str, int]
    classes: dict[str, int]
    findings: list[Finding]
    quotes: dict[str, int]
    installed: Path | None = None
    failure: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.is_violation]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Warning"]

    def summary(self) -> dict:
        return {
            "triples": sum(self.graphs.values()),
            "graphs": self.graphs,
            "classes": self.classes,
            "quote_checks": self.quotes,
            "findings": summarise(self.findings),
            "finding_messages": [f.__dict__ for f in self.findings],
        }


def read_rdf_file(path: Path, default_graph: ox.NamedNode) -> list[ox.Quad]:
    """An RDF file as quads; triples go to ``default_graph``. Syntax errors name the file and line."""
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise GovgraphError(str(path), f"unknown RDF file extension {path.suffix!r} (use one of {', '.join(sorted(RDF_FORMATS))})")
    try:
        parsed = list(ox.parse(path=str(path), format=fmt))
    except SyntaxError as exc:
        line = f":{exc.lineno}" if exc.lineno else ""
        if "LoadDocumentCallback" in str(exc.msg):  # pyoxigraph's words for a remote @context it did not fetch
            raise GovgraphError(f"{path}{line}", "its @context is a URL, and nothing is fetched from the network "
                                                 "during a build: embed the context in the file "
                                                 "(the project's is ontology/context.jsonld)") from None
        raise GovgraphError(f"{path}{line}", f"not valid {fmt.name}: {exc.msg}") from None
    except FileNotFoundError:
        raise GovgraphError(str(path), "file not found") from None
    except OSError as exc:
        raise GovgraphError(str(path), f"cannot be read ({exc.strerror or exc})") from None
    quads = []
    for item in parsed:
        graph = item.graph_name if isinstance(item, ox.Quad) and not isinstance(item.graph_name, ox.DefaultGraph) else default_graph
        quads.append(ox.Quad(item.subject, item.predicate, item.object, graph))
    return quads


def collect(with_files: list[Path] = (), data_dir: Path | None = None) -> tuple[list[ox.Quad], list[str], dict[str, Source]]:
    """Every named graph of the dataset before checks: (quads, notes, sources)."""
    data_dir = data_dir or config.DATA_DIR
    notes: list[str] = []
    catalogue = Catalogue(data_dir)
    sources = load_sources(data_dir / "sources.yaml")
    catalogue.register_declarations(sources)
    quads: list[ox.Quad] = read_rdf_file(config.ONTOLOGY_DIR / "govgraph.ttl", ONTOLOGY_GRAPH)
    for writer in (reference.catalogue_graph(catalogue), reference.states(catalogue, data_dir),
                   reference.memberships(catalogue, data_dir), reference.regions(catalogue, data_dir)):
        quads += writer.quads()
    quads += catalogue_graph(load_catalogue(config.QUERIES_DIR)).quads()
    for source in sources.values():
        if source.parsed:
            quads += read_rdf_file(data_dir / source.parsed, source.graph)
    asserted = {q.triple for q in quads}
    for path in sorted((data_dir / "records").glob("*.yaml")):
        writer, _report = records_ingest.ingest(path, catalogue, sources)
        # A record adds to its source; it does not restate what the source's graph already asserts (an amount
        # the article mentions). Repeating a triple in two graphs would also make aggregates over the union of
        # graphs count it twice in engines that do not merge the union (pyoxigraph 0.5).
        quads += [q for q in writer.quads() if q.triple not in asserted]
    quads += read_links(data_dir)  # reviewed links out (data/links/*.nq, refreshed by ``govgraph link``)
    for path in with_files:
        quads += read_rdf_file(Path(path), graph_iri("with-" + slugify(Path(path).name)))
        notes.append(f"added {path}")
    return quads, notes, sources


def check_quotes(quads: list[ox.Quad], sources: dict[str, Source], seeds: Path) -> tuple[list[ox.Quad], dict[str, int]]:
    """Re-find every evidence quote in its source text, where the text is at hand; record the outcome."""
    texts = {source.iri.value: source_text(seeds / source.text) if source.text else None for source in sources.values()}
    has_source = {q.subject: q.object for q in quads if q.predicate == OA.hasSource}
    selectors = {q.subject: q.object for q in quads if q.predicate == OA.hasSelector}
    exacts = {q.subject: q.object.value for q in quads if q.predicate == OA.exact}
    w = GraphWriter(QUOTE_GRAPH)
    counts: Counter = Counter()
    for evidence, source in sorted(has_source.items(), key=lambda kv: kv[0].value):
        exact = exacts.get(selectors.get(evidence))
        text = texts.get(source.value)
        if exact is None:
            continue
        if text is None:
            status = GG.SourceTextUnavailable
        else:
            status = GG.QuoteFound if normalise_text(exact) in text else GG.QuoteNotFound
        counts[status.value.rsplit("#", 1)[1]] += 1
        w.add(evidence, GG.quoteStatus, status)
    return w.quads(), dict(sorted(counts.items()))


MATERIALISE_SHORTCUTS = """
PREFIX gg: <https://w3id.org/govgraph/ontology#>
INSERT { GRAPH ?g { ?subject ?shortcut ?instrument } }
WHERE {
    GRAPH ?g { ?act a ?class ; gg:instrument ?instrument .
               OPTIONAL { ?act gg:agent ?agent } OPTIONAL { ?act gg:statedIn ?statement } }
    GRAPH ?ontology { ?class gg:shortcutProperty ?shortcut }
    BIND (COALESCE(?agent, ?statement) AS ?subject)
    FILTER (BOUND(?subject))
}"""


def load_rdf_file(store: ox.Store, path: Path, default_graph: ox.NamedNode) -> None:
    """Parse an RDF file straight into ``store``; its triples (and default-graph quads) go to ``default_graph``.

    The same files and the same messages as :func:`read_rdf_file`, without a Python object per statement: a file
    the store's parser refuses is read again by :func:`read_rdf_file`, which names the file and line.
    """
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        read_rdf_file(path, default_graph)  # raises the usual message
    try:
        store.load(path=str(path), format=fmt, to_graph=default_graph)  # atomic: nothing is added on an error
    except (SyntaxError, ValueError, OSError):
        store.extend(read_rdf_file(path, default_graph))  # raises GovgraphError with the file and line


def collect_store(with_files: list[Path] = (), data_dir: Path | None = None) -> tuple[ox.Store, list[str], dict[str, Source]]:
    """:func:`collect` into an in-memory store, the ``--with`` files parsed straight into it."""
    quads, notes, sources = collect([], data_dir)
    store = ox.Store()
    store.extend(quads)
    for path in with_files:
        load_rdf_file(store, Path(path), graph_iri("with-" + slugify(Path(path).name)))
        notes.append(f"added {path}")
    return store, notes, sources


EVIDENCE_QUOTES = """
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?evidence ?source ?exact WHERE { ?evidence oa:hasSource ?source ; oa:hasSelector ?selector . ?selector oa:exact ?exact }"""


def check_quotes_store(store: ox.Store, sources: dict[str, Source], seeds: Path) -> dict[str, int]:
    """:func:`check_quotes` on a store: the outcome of every evidence quote is added to it (graph ``quote-checks``)."""
    texts = {source.iri.value: source_text(seeds / source.text) if source.text else None for source in sources.values()}
    found: dict[ox.NamedNode, tuple] = {}
    for row in store.query(EVIDENCE_QUOTES, use_default_graph_as_union=True):
        found[row["evidence"]] = (row["source"], row["exact"])
    w = GraphWriter(QUOTE_GRAPH)
    counts: Counter = Counter()
    for evidence, (source, exact) in sorted(found.items(), key=lambda kv: kv[0].value):
        text = texts.get(source.value)
        if text is None:
            status = GG.SourceTextUnavailable
        else:
            status = GG.QuoteFound if normalise_text(exact.value) in text else GG.QuoteNotFound
        counts[status.value.rsplit("#", 1)[1]] += 1
        w.add(evidence, GG.quoteStatus, status)
    store.extend(w.quads())
    return dict(sorted(counts.items()))


def materialise(quads: list[ox.Quad]) -> list[ox.Quad]:
    """The quads plus the shortcut triple of every act, in the act's own graph."""
    store = ox.Store()
    store.extend(quads)
    store.update(MATERIALISE_SHORTCUTS)
    return list(store.quads_for_pattern(None, None, None, None))


def rebase(quads: list[ox.Quad], base: str) -> list[ox.Quad]:
    """Move instance and graph IRIs (``id/...``, ``graph/...``) from the default base to ``base``.

    The vocabulary keeps its published namespace (``https://w3id.org/govgraph/ontology#``) wherever the data
    is served, so canned queries and other people's queries keep working on a dataset with its own base.
    """
    if base == config.DEFAULT_BASE:
        return quads
    moved = tuple(config.DEFAULT_BASE + part for part in ("id/", "graph/"))
    old = len(config.DEFAULT_BASE)

    def move(term):
        if isinstance(term, ox.NamedNode) and term.value.startswith(moved):
            return ox.NamedNode(base + term.value[old:])
        return term

    return [ox.Quad(move(q.subject), q.predicate, move(q.object), move(q.graph_name)) for q in quads]


GRAPH_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
CLASS_COUNTS = """SELECT ?c (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a ?c } FILTER (?g NOT IN (%s)) } GROUP BY ?c"""


def _counts_store(store: ox.Store) -> tuple[dict[str, int], dict[str, int]]:
    graphs = {row["g"].value: int(row["n"].value) for row in store.query(GRAPH_COUNTS)}
    skip = ", ".join(str(g) for g in (ONTOLOGY_GRAPH, QUOTE_GRAPH, VALIDATION_GRAPH))
    classes = {row["c"].value: int(row["n"].value) for row in store.query(CLASS_COUNTS % skip)
               if isinstance(row["c"], ox.NamedNode)}
    return dict(sorted(graphs.items())), dict(sorted(classes.items()))


def _sorted_dump(store: ox.Store, base: str) -> bytes:
    """The store's statements as sorted N-Quads, IRIs moved to ``base``."""
    if base != config.DEFAULT_BASE:
        return sorted_nquads(rebase(list(store), base))
    lines = store.dump(format=ox.RdfFormat.N_QUADS).splitlines(keepends=True)
    lines.sort()
    return b"".join(lines)


def _counts(quads: list[ox.Quad]) -> tuple[dict[str, int], dict[str, int]]:
    graphs = Counter(q.graph_name.value for q in quads)
    skip = {ONTOLOGY_GRAPH, QUOTE_GRAPH, VALIDATION_GRAPH}
    classes = Counter(q.object.value for q in quads if q.predicate == RDF.type and q.graph_name not in skip)
    return dict(sorted(graphs.items())), dict(sorted(classes.items()))


def build(with_files: list[Path] = (), strict: bool = False, home: Path | None = None,
          seeds: Path | None = None, base: str | None = None) -> BuildResult:
    """Build, validate and install the dataset. Never raises for findings: see ``BuildResult.failure``."""
    home = home or config.home()
    seeds = seeds or config.seeds_dir()
    base = base or config.base_iri()
    with build_lock(home):
        store, notes, sources = collect_store(list(with_files))
        quote_counts = check_quotes_store(store, sources, seeds)
        store.update(MATERIALISE_SHORTCUTS)
        writer = BuildWriter(home)
        try:
            if base == config.DEFAULT_BASE and len(store) >= EARLY_STORE_LOAD:
                # The embedded store is written while validation runs: the statements are final but for the
                # findings, added when it is done (the store is discarded if the build fails).
                writer.start_store(store.dump(format=ox.RdfFormat.N_QUADS))
            findings = validate(store)
            finding_quads = findings_to_rdf(findings)
            store.extend(finding_quads)
            graphs, classes = _counts_store(store)
            result = BuildResult(graphs, classes, findings, quote_counts, notes=notes)
            if result.violations:
                result.failure = f"{len(result.violations)} violation(s) of the shapes: the dataset was not installed"
            elif strict and result.warnings:
                result.failure = f"{len(result.warnings)} warning(s) and --strict: the dataset was not installed"
            if result.failure:
                writer.abandon()
                return result
            dataset = _sorted_dump(store, base)
            del store  # the dump holds it all now
            summary = result.summary() | {"base": base}
            result.installed = writer.finish(dataset, summary, more=finding_quads)
            return result
        except BaseException:
            writer.abandon()
            raise


__all__ = ["BuildError", "BuildResult", "build", "collect", "collect_store", "load_rdf_file", "read_rdf_file"]
