"""SHACL validation of the dataset, and the findings a person reads.

Three engines give the same findings (the test suite checks it on the shipped graph, every fixture and a
synthetic graph):

- ``oxigraph`` (the default): the shapes compiled to SPARQL (:mod:`govgraph.fastshacl`) and run on a pyoxigraph
  store of the dataset, the one the build already holds: no copy of the dataset in another library, seconds
  for a million triples. Shapes using a SHACL feature it does not implement are validated with pyshacl-turbo;
- ``turbo``: pyshacl-turbo (pyshacl's API in Rust), on a plain rdflib graph (given a pyoxigraph store, version
  0.6.5 reads plain literals as typed and reports false ``sh:in`` violations);
- ``pyshacl``: the reference, on a plain rdflib graph made from the union of all named graphs (never on an
  oxrdflib-backed graph, which pyshacl handles slowly and wrongly; see ``shared/performance-facts.md``).

The ontology is part of the union, so ``sh:targetClass`` reaches instances of subclasses. Results become
:class:`Finding` objects with a kind (the shape's label), a severity and a message in words, and are also
written back as RDF with stable IRIs so that they can be queried.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .config import ONTOLOGY_DIR
from .errors import UsageError
from .rdf import PREFIXES, RDF, RDFS, SH, GraphWriter, entity, graph_iri, lit

SHAPES_PATH = ONTOLOGY_DIR / "shapes.ttl"
VALIDATION_GRAPH = graph_iri("validation")


@dataclass(frozen=True, order=True)
class Finding:
    """One SHACL result, in words."""

    severity: str  # "Violation", "Warning" or "Info"
    kind: str
    message: str
    focus: str
    value: str | None = None  # the node the finding is about inside the focus (the repeated entry), when it has one

    @property
    def is_violation(self) -> bool:
        return self.severity == "Violation"

    def line(self) -> str:
        return f"{self.severity}: {self.message} [{self.focus}]"


def _rdflib_graph(quads: Iterable[ox.Quad]):
    import rdflib

    data = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES)
    graph = rdflib.Graph()
    graph.parse(data=data, format="nt")
    return graph


def _shapes_graph(path: Path = SHAPES_PATH):
    import rdflib

    graph = rdflib.Graph()
    graph.parse(path, format="turtle")
    return graph


ENGINES = ("oxigraph", "turbo", "pyshacl")


def default_engine() -> str:
    """``GOVGRAPH_VALIDATOR`` if set; else the shapes compiled to SPARQL on pyoxigraph."""
    chosen = os.environ.get("GOVGRAPH_VALIDATOR")
    if chosen:
        if chosen not in ENGINES:
            raise UsageError("GOVGRAPH_VALIDATOR", f"unknown validator {chosen!r}: use one of {', '.join(ENGINES)}")
        return chosen
    return "oxigraph"


def _store_of(data: Iterable[ox.Quad] | ox.Store) -> ox.Store:
    if isinstance(data, ox.Store):
        return data
    store = ox.Store()
    store.extend(data)
    return store


def validate(data: Iterable[ox.Quad] | ox.Store, shapes: Path = SHAPES_PATH, engine: str | None = None) -> list[Finding]:
    """Validate the union of the graphs of ``data`` (quads, or a pyoxigraph store) against the shapes; return the
    findings, sorted, without duplicates.

    ``engine`` is ``"oxigraph"`` (the shapes compiled to SPARQL, run on a pyoxigraph store), ``"turbo"``
    (pyshacl-turbo, on an rdflib graph) or ``"pyshacl"`` (the reference, on an rdflib graph); the test suite checks
    that all report exactly the same findings.
    """
    engine = engine or default_engine()
    if engine == "oxigraph":
        from .fastshacl import Unsupported, compiled

        store = _store_of(data)
        try:
            results = compiled(shapes).validate(store)
        except Unsupported:
            engine = "turbo" if importlib.util.find_spec("pyshacl_turbo") else "pyshacl"
        else:
            findings = set()
            for r in results:
                focus = r.focus.value
                value = r.value.value if isinstance(r.value, ox.NamedNode) and r.value != r.focus else None
                findings.add(Finding(r.severity, r.kind, fill_paths_store(r.message, store, r.focus), focus, value))
            return _sorted(findings)
    from rdflib import RDFS as R_RDFS
    from rdflib import SH as R_SH
    from rdflib import URIRef
    from rdflib.namespace import RDF as R_RDF

    if engine == "turbo":
        # pyshacl-turbo 0.6.5 also takes a pyoxigraph Store, but then reads its plain literals as typed
        # xsd:string and reports false sh:in violations (every canned query parameter of the shipped graph):
        # it gets the rdflib graph pyshacl gets.
        import pyshacl_turbo as validator
    else:
        import pyshacl as validator

    data = graph = _rdflib_graph(data.quads_for_pattern(None, None, None, None) if isinstance(data, ox.Store) else data)
    shapes_graph = _shapes_graph(shapes)
    _conforms, report, _text = validator.validate(
        data, shacl_graph=shapes_graph, inference="none", allow_warnings=True, abort_on_first=False
    )
    findings = set()
    for result in report.subjects(R_RDF.type, R_SH.ValidationResult):
        severity = str(report.value(result, R_SH.resultSeverity)).rsplit("#", 1)[-1]
        shape = report.value(result, R_SH.sourceShape)
        kind = _shape_label(shapes_graph, shape, R_RDFS.label, R_SH.property)
        focus_node = report.value(result, R_SH.focusNode)
        message = fill_paths(str(report.value(result, R_SH.resultMessage) or "does not conform"), graph, focus_node)
        focus = str(focus_node)
        value = report.value(result, R_SH.value)
        value = str(value) if isinstance(value, URIRef) and value != focus_node else None
        findings.add(Finding(severity, kind, message, focus, value))
    return _sorted(findings)


def _sorted(findings) -> list[Finding]:
    return sorted(findings, key=lambda f: (_SEVERITY_ORDER.get(f.severity, 9), f.kind, f.message, f.focus))


_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
_PATH_PLACEHOLDER = re.compile(r"\{((?:[a-z]+:[A-Za-z0-9_]+)(?:/[a-z]+:[A-Za-z0-9_]+)*)\}")
_PREFIXES = {name: iri for name, iri in PREFIXES.items()}


def _fill(message: str, focus, objects, text) -> str:
    """Fill path placeholders, walking the data with ``objects(node, predicate IRI)``; ``text(node)`` prints."""

    def values(match: re.Match[str]) -> str:
        nodes = [focus]
        for step in match.group(1).split("/"):
            prefix, local = step.split(":", 1)
            if prefix not in _PREFIXES:
                return match.group(0)
            nodes = [o for n in nodes for o in objects(n, _PREFIXES[prefix] + local)]
        return ", ".join(sorted(text(n) for n in nodes)) or "?"

    if "{" not in message:
        return message
    return _PATH_PLACEHOLDER.sub(values, message)


def fill_paths_store(message: str, store: ox.Store, focus) -> str:
    """:func:`fill_paths` on a pyoxigraph store (the union of its graphs): the same text for the same data."""

    def objects(node, iri: str):
        if isinstance(node, ox.Literal):
            return []
        return dict.fromkeys(q.object for q in store.quads_for_pattern(node, ox.NamedNode(iri), None, None))

    return _fill(message, focus, objects, lambda n: n.value)


def fill_paths(message: str, data, focus) -> str:
    """Fill ``{gg:listNumber}`` or ``{gg:instrument/rdfs:label}`` placeholders from the focus node's values."""
    from rdflib import URIRef

    return _fill(message, focus, lambda n, iri: data.objects(n, URIRef(iri)), str)


def _shape_label(shapes_graph, shape, label_prop, property_prop) -> str:
    """The label of the node shape a result comes from (property shapes are blank nodes inside one)."""
    label = shapes_graph.value(shape, label_prop)
    if label is None:
        parent = next(shapes_graph.subjects(property_prop, shape), None)
        label = shapes_graph.value(parent, label_prop) if parent is not None else None
    return str(label) if label is not None else "other"


def findings_to_rdf(findings: list[Finding]) -> list[ox.Quad]:
    """The findings as sh:ValidationResult nodes with stable IRIs, in the validation graph."""
    w = GraphWriter(VALIDATION_GRAPH)
    for f in findings:
        digest = hashlib.sha1(f"{f.severity}|{f.kind}|{f.message}|{f.focus}|{f.value or ''}".encode()).hexdigest()[:16]
        node = entity("finding", digest)
        w.add(node, RDF.type, SH.ValidationResult)
        w.add(node, SH.resultSeverity, SH[f.severity])
        w.add(node, SH.resultMessage, lit(f.message, "en"))
        w.add(node, SH.focusNode, ox.NamedNode(f.focus) if f.focus.startswith("http") else lit(f.focus))
        w.add(node, RDFS.label, lit(f.kind, "en"))
        if f.value:
            w.add(node, SH.value, ox.NamedNode(f.value))
    return w.quads()


def summarise(findings: list[Finding]) -> dict[str, dict[str, int]]:
    """Counts of findings by severity and kind."""
    counts: dict[str, Counter] = {}
    for f in findings:
        counts.setdefault(f.severity, Counter())[f.kind] += 1
    return {sev: dict(sorted(c.items())) for sev, c in counts.items()}
