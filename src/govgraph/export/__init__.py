"""``govgraph export``: the dataset in every common RDF format, framed summit documents, and a described dump.

Python API (the CLI is :mod:`govgraph.export.cli`)::

    from govgraph.export import export, dump, summit_frames
    data = export(home, "ttl")                                  # bytes; home = a GOVGRAPH_HOME, or a Store
    data = export(home, "trig", graphs=["paris-statement-2025"])
    files = dump(home, Path("out"))                             # every format, summit frames, void.ttl, SHA256SUMS

Formats: ``nq`` (N-Quads), ``trig`` (TriG) and ``jsonld`` (JSON-LD, one ``@graph`` per named graph,
compacted with ``ontology/context.jsonld``) keep the named graphs; ``ttl`` (Turtle), ``nt`` (N-Triples) and
``rdfxml`` (RDF/XML) hold the merge of the selected graphs (each triple once). ``graphs`` restricts the
export to named graphs given by IRI or short name (``paris-statement-2025``); an unknown one is an error.
The same dataset always gives byte-identical output.
"""

from __future__ import annotations

from .core import FORMATS, QUAD_FORMATS, Dataset, load, restrict, serialize
from .dump import dump
from .frames import summit_frames, write_frames
from .jsonld import CONTEXT_URL, load_context, offline_document_loader
from .void import describe


def export(home_or_store=None, fmt: str = "nq", graphs: list[str] | None = None) -> bytes:
    """The dataset (of the current build under ``home_or_store``, or of a pyoxigraph Store) in format ``fmt``.

    Named graphs are kept in ``nq``, ``trig`` and ``jsonld`` (JSON-LD: one ``@graph`` per named graph) and
    merged in the triple formats ``ttl``, ``nt`` and ``rdfxml``. ``graphs`` (IRIs or short names) restricts
    the output to those named graphs. Deterministic: the same dataset gives the same bytes.
    """
    return serialize(restrict(load(home_or_store), graphs), fmt)


__all__ = ["CONTEXT_URL", "FORMATS", "QUAD_FORMATS", "Dataset", "describe", "dump", "export", "load",
           "load_context", "offline_document_loader", "restrict", "serialize", "summit_frames", "write_frames"]
