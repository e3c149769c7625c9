"""Reading the dataset to export, restricting it to named graphs, and writing each RDF format.

Everything goes through pyoxigraph (parsing and writing) and sorting of N-Quads lines: no rdflib graph is
ever built, and most of the work happens on bytes, so a million triples export in seconds. The same quads
always give the same bytes:

- ``nq``: N-Quads lines sorted (for a whole build, the build's own ``dataset.nq``, byte for byte);
- ``nt``: the distinct triples of the selected graphs, N-Triples lines sorted;
- ``ttl``, ``rdfxml``: those triples in that order, written by pyoxigraph with the prefixes of
  :data:`govgraph.rdf.PREFIXES`;
- ``trig``, ``jsonld``: graph by graph (graphs sorted by IRI), statements sorted within each graph.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox

from .. import config
from ..errors import GovgraphError
from ..rdf import PREFIXES

#: format name -> (file name in a dump, media type, what it holds)
FORMATS: dict[str, tuple[str, str, str]] = {
    "nq": ("dataset.nq", "application/n-quads", "N-Quads, named graphs kept"),
    "trig": ("dataset.trig", "application/trig", "TriG, named graphs kept"),
    "jsonld": ("dataset.jsonld", "application/ld+json", "JSON-LD compacted with the govgraph context, one @graph per named graph"),
    "ttl": ("dataset.ttl", "text/turtle", "Turtle, named graphs merged"),
    "nt": ("dataset.nt", "application/n-triples", "N-Triples, named graphs merged"),
    "rdfxml": ("dataset.rdf", "application/rdf+xml", "RDF/XML, named graphs merged"),
}
QUAD_FORMATS = ("nq", "trig", "jsonld")

_BUILD_NAME = re.compile(r"(\d{4})(\d{2})(\d{2})T\d{6}")


def _graph_of(line: bytes) -> bytes:
    """The graph IRI token (``<...>``) of an N-Quads line whose statement is in a named graph.

    The graph is the last term; IRIs hold no spaces and literals hold no raw newline, so the last `` <``
    of the line starts it.
    """
    return line[line.rfind(b" <", 0, len(line) - 3) + 1:-3]


@dataclass
class Dataset:
    """The statements to export, as sorted N-Quads lines, and what is known of the build they come from.

    ``named_only`` is true when no statement is in the default graph (always so for a govgraph build); the
    fast paths that cut the graph off a line rely on it.
    """

    lines: list[bytes]
    named_only: bool
    base: str = config.DEFAULT_BASE
    build: Path | None = None
    build_date: str | None = None  # ISO date of the build, from the build folder's name
    _graphs: list[str] | None = field(default=None, repr=False)

    @classmethod
    def from_quads(cls, quads, **kwargs) -> "Dataset":
        quads = list(quads)
        lines = sorted(ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True))
        named_only = not any(isinstance(q.graph_name, ox.DefaultGraph) for q in quads)
        return cls(lines=lines, named_only=named_only, **kwargs)

    @cached_property
    def quads(self) -> list[ox.Quad]:
        """The statements as pyoxigraph quads, in N-Quads line order."""
        return list(ox.parse(b"".join(self.lines), format=ox.RdfFormat.N_QUADS))

    def graph_names(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        if self._graphs is None:
            if self.named_only:
                self._graphs = sorted({_graph_of(line)[1:-1].decode("utf-8") for line in self.lines})
            else:
                self._graphs = sorted({q.graph_name.value for q in self.quads if isinstance(q.graph_name, ox.NamedNode)})
        return self._graphs


def build_date(build: Path) -> str | None:
    """The date a build was made, read from its folder name (``20261122T012309-1234`` -> ``2026-11-22``)."""
    match = _BUILD_NAME.match(build.name)
    return f"{match[1]}-{match[2]}-{match[3]}" if match else None


def _store_has_default_graph(store: ox.Store) -> bool:
    return next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None


def load(home_or_store=None) -> Dataset:
    """The dataset of the current build under a ``GOVGRAPH_HOME`` (a path; default: the configured home), or
    the statements of a pyoxigraph store."""
    if isinstance(home_or_store, Dataset):
        return home_or_store
    if isinstance(home_or_store, ox.Store):
        data = home_or_store.dump(format=ox.RdfFormat.N_QUADS)
        return Dataset(lines=sorted(data.splitlines(keepends=True)), named_only=not _store_has_default_graph(home_or_store),
                       base=config.base_iri())
    from ..store import current_build

    build = current_build(Path(home_or_store) if home_or_store is not None else None)
    path = build / "dataset.nq"
    try:
        lines = sorted(path.read_bytes().splitlines(keepends=True))
    except OSError as exc:
        raise GovgraphError(str(path), f"the build's dataset cannot be read ({exc.strerror or exc})") from None
    try:
        store = ox.Store.read_only(str(build / "store"))
        named_only = not _store_has_default_graph(store)
        del store
    except OSError:  # no store at hand: find out from the statements themselves
        named_only = not any(isinstance(q.graph_name, ox.DefaultGraph)
                             for q in ox.parse(b"".join(lines), format=ox.RdfFormat.N_QUADS))
    base = config.DEFAULT_BASE
    try:
        base = json.loads((build / "summary.json").read_text(encoding="utf-8")).get("base", base)
    except (OSError, ValueError):
        pass
    return Dataset(lines=lines, named_only=named_only, base=base, build=build, build_date=build_date(build))


def resolve_graphs(dataset: Dataset, graphs: list[str]) -> list[str]:
    """Graph IRIs, or short names (``paris-statement-2025``, ``graph/paris-statement-2025``), to the IRIs of the
    dataset's named graphs; an unknown graph is an error naming it and the graphs there are."""
    known = set(dataset.graph_names())
    prefix = dataset.base + "graph/"
    by_short = {iri[len(prefix):]: iri for iri in known if iri.startswith(prefix)}
    resolved: list[str] = []
    for name in graphs:
        short = name[len("graph/"):] if name.startswith("graph/") else name
        iri = name if name in known else by_short.get(short)
        if iri is None:
            raise GovgraphError("--graph", f"no named graph {name!r} in the dataset (its graphs: {', '.join(sorted(by_short))})")
        if iri not in resolved:
            resolved.append(iri)
    return resolved


def restrict(dataset: Dataset, graphs: list[str] | None) -> Dataset:
    """The dataset cut down to the given named graphs (all of it if ``graphs`` is empty or None)."""
    if not graphs:
        return dataset
    keep = set(resolve_graphs(dataset, graphs))
    tokens = {f"<{iri}>".encode("utf-8") for iri in keep}
    if dataset.named_only:
        lines = [line for line in dataset.lines if _graph_of(line) in tokens]
    else:
        quads = [q for q in dataset.quads if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in keep]
        lines = sorted(ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True))
    return Dataset(lines=lines, named_only=True, base=dataset.base, build=dataset.build, build_date=dataset.build_date,
                   _graphs=sorted(keep))


def triple_lines(dataset: Dataset) -> list[bytes]:
    """The distinct triples of the union of the graphs, as sorted N-Triples lines."""
    if not dataset.named_only:
        data = ox.serialize((q.triple for q in dataset.quads), format=ox.RdfFormat.N_TRIPLES)
        return sorted(set(data.splitlines(keepends=True)))
    # Cutting the graph off sorted N-Quads lines keeps them sorted (the cut is at the end of the triple) and
    # puts the copies of a triple held by several graphs next to each other.
    out: list[bytes] = []
    previous = None
    for line in dataset.lines:
        triple = line[:line.rfind(b" <", 0, len(line) - 3)] + b" .\n"
        if triple != previous:
            out.append(triple)
            previous = triple
    return out


def lines_by_graph(dataset: Dataset) -> bytes:
    """N-Quads with the statements of each graph together (default graph first, then graphs by IRI)."""
    if dataset.named_only:
        return b"".join(sorted(dataset.lines, key=_graph_of))  # stable: lines stay sorted within a graph
    keyed = sorted(zip(ox.serialize(dataset.quads, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True), dataset.quads),
                   key=lambda lq: ("" if isinstance(lq[1].graph_name, ox.DefaultGraph) else "<" + lq[1].graph_name.value, lq[0]))
    return b"".join(line for line, _q in keyed)


def _check_no_blank_nodes(data: bytes) -> None:
    if b"_:" in data:  # cheap pre-check; only a parse says for sure
        for q in ox.parse(data, format=ox.RdfFormat.N_QUADS):
            if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode):
                raise GovgraphError(str(q.subject), "blank nodes cannot be exported deterministically: mint an IRI instead")


def _write(statements, target: ox.RdfFormat, fmt: str) -> bytes:
    try:
        return ox.serialize(statements, format=target, prefixes=PREFIXES)
    except (ValueError, TypeError, SyntaxError) as exc:  # e.g. a predicate RDF/XML cannot write as an XML name
        raise GovgraphError("--format " + fmt, f"the dataset cannot be written in this format: {exc}") from None


def serialize(dataset: Dataset, fmt: str) -> bytes:
    """The dataset in one format. Named graphs are kept by ``nq``, ``trig`` and ``jsonld`` and merged (their
    union, each triple once) by ``ttl``, ``nt`` and ``rdfxml``."""
    if fmt not in FORMATS:
        raise GovgraphError("--format", f"unknown format {fmt!r} (use one of {', '.join(FORMATS)})")
    if fmt == "nq":
        data = b"".join(dataset.lines)
        _check_no_blank_nodes(data)
        return data
    if fmt in ("nt", "ttl", "rdfxml"):
        data = b"".join(triple_lines(dataset))
        _check_no_blank_nodes(data)
        if fmt == "nt":
            return data
        target = ox.RdfFormat.TURTLE if fmt == "ttl" else ox.RdfFormat.RDF_XML
        return _write(ox.parse(data, format=ox.RdfFormat.N_TRIPLES), target, fmt)
    data = lines_by_graph(dataset)
    _check_no_blank_nodes(data)
    if fmt == "trig":
        return _write(ox.parse(data, format=ox.RdfFormat.N_QUADS), ox.RdfFormat.TRIG, fmt)
    from .jsonld import write_dataset

    return write_dataset(ox.parse(data, format=ox.RdfFormat.N_QUADS))
