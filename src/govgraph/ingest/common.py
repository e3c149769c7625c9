"""What every ingester shares: the description of a source, evidence nodes and reading text files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import NamedNode

from ..config import DATA_DIR
from ..datafiles import load_checked
from ..errors import IngestError
from ..evidence import normalise_text
from ..rdf import DCT, GG, OA, RDF, SCHEMA, GraphWriter, entity, graph_iri, lit, short_hash

SOURCE_CLASSES = {
    "declaration-text": "DeclarationText",
    "news-article": "NewsArticle",
    "curated-records": "CuratedRecords",
    "reference-data": "ReferenceData",
}


@dataclass(frozen=True)
class Source:
    """One source document as ``data/sources.yaml`` describes it (or as a file given on the command line)."""

    id: str
    kind: str
    title: str
    publisher: str | None = None
    url: str | None = None
    issued: str | None = None
    text: str | None = None
    parsed: str | None = None
    instrument: str | None = None
    about: str | None = None

    @property
    def iri(self) -> NamedNode:
        return entity("source", self.id)

    @property
    def graph(self) -> NamedNode:
        return graph_iri(self.id)

    def writer(self) -> GraphWriter:
        """A writer for this source's graph, already holding the description of the source."""
        w = GraphWriter(self.graph)
        describe_source(w, self)
        return w


def load_sources(path: Path | None = None) -> dict[str, Source]:
    path = path or DATA_DIR / "sources.yaml"
    doc = load_checked(path, "sources")
    sources: dict[str, Source] = {}
    for entry in doc["sources"]:
        source = Source(**{k: (str(v) if v is not None else None) for k, v in entry.items()})
        if source.id in sources:
            raise IngestError(f"{path}:{entry.line}", f"duplicate source id {source.id!r}")
        sources[source.id] = source
    return sources


def describe_source(w: GraphWriter, source: Source) -> None:
    s = source.iri
    w.add(s, RDF.type, GG[SOURCE_CLASSES[source.kind]])
    w.add(s, DCT.title, lit(source.title, "en"))
    if source.url:
        w.add(s, SCHEMA.url, NamedNode(source.url))
    if source.issued:
        w.add(s, DCT.issued, issued_literal(source.issued))
    if source.publisher:
        w.add(s, DCT.publisher, entity("organisation", source.publisher))


def issued_literal(value: str):
    from ..rdf import XSD
    from pyoxigraph import Literal

    if len(value) == 10:
        return Literal(value, datatype=XSD.date)
    if len(value) == 7:
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value, datatype=XSD.gYear)


def add_evidence(w: GraphWriter, source: Source, exact: str) -> NamedNode:
    """An evidence node for a verbatim quote from ``source``; the same quote always gets the same node."""
    exact = " ".join(exact.split())
    ev = entity("evidence", source.id, short_hash(normalise_text(exact)))
    selector = NamedNode(ev.value + "/selector")
    w.add(ev, RDF.type, OA.SpecificResource)
    w.add(ev, OA.hasSource, source.iri)
    w.add(ev, OA.hasSelector, selector)
    w.add(selector, RDF.type, OA.TextQuoteSelector)
    w.add(selector, OA.exact, lit(exact))
    return ev


def read_text(path: Path) -> str:
    """A source text as Unicode, refusing what is not text with a message that names the file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError(str(path), "file not found") from None
    except IsADirectoryError:
        raise IngestError(str(path), "is a folder, not a text file") from None
    except OSError as exc:
        raise IngestError(str(path), f"cannot be read ({exc.strerror})") from None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise IngestError(f"{path}:{line}", "looks like a binary file (it contains NUL bytes), not extracted text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise IngestError(f"{path}:{line}", f"not UTF-8 text (byte {exc.start} cannot be decoded)") from None
    if not text.strip():
        raise IngestError(str(path), "is empty")
    return text


def adhoc_source(path: Path, kind: str, sources: dict[str, Source] | None = None) -> Source:
    """The source a file given on the command line stands for: its entry in sources.yaml, if it has one."""
    for source in (sources or {}).values():
        if source.text and Path(source.text).name == path.name and source.kind == kind:
            return source
    from ..rdf import slugify

    slug = slugify(path.stem) or "source"
    return Source(id=slug, kind=kind, title=path.name)
