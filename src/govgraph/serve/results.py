"""SPARQL results and RDF graphs written in the formats the endpoint offers, with the row cap applied.

pyoxigraph writes results only from a whole ``QuerySolutions`` iterator, so a capped answer (the first N
rows) needs its own writers; they follow the W3C specifications (SPARQL 1.1 Query Results JSON, XML, CSV and
TSV) and the tests read every one back with pyoxigraph's and rdflib's parsers. Graphs (CONSTRUCT, DESCRIBE,
resource descriptions) are written by pyoxigraph, JSON-LD with the project's context.

A row is any mapping from variable name to term (``None`` or missing when unbound): a pyoxigraph
``QuerySolution`` or a ``dict``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class Format:
    name: str  # the short name: json, xml, csv, tsv, turtle, ntriples, jsonld, rdfxml, html
    media_type: str  # sent as Content-Type (text types get "; charset=utf-8")
    extension: str
    aliases: tuple[str, ...] = ()  # other media types a client may ask for

    @property
    def content_type(self) -> str:
        text = self.media_type.startswith("text/") or self.name in ("json", "jsonld", "xml", "rdfxml")
        return self.media_type + ("; charset=utf-8" if text else "")


RESULT_FORMATS = (
    Format("json", "application/sparql-results+json", "srj", ("application/json",)),
    Format("xml", "application/sparql-results+xml", "srx", ("application/xml", "text/xml")),
    Format("csv", "text/csv", "csv"),
    Format("tsv", "text/tab-separated-values", "tsv"),
)
GRAPH_FORMATS = (
    Format("turtle", "text/turtle", "ttl", ("application/x-turtle",)),
    Format("ntriples", "application/n-triples", "nt", ("text/plain",)),
    Format("jsonld", "application/ld+json", "jsonld", ("application/json",)),
    Format("rdfxml", "application/rdf+xml", "rdf", ("application/xml", "text/xml")),
)
HTML = Format("html", "text/html", "html", ("application/xhtml+xml",))
BY_NAME = {f.name: f for f in RESULT_FORMATS + GRAPH_FORMATS + (HTML,)}
_OX_GRAPH = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML}


def _term_json(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {k: _term_json(getattr(term, k)) for k in ("subject", "predicate", "object")}}


def _term_xml(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return ("<triple>" + "".join(f"<{k}>{_term_xml(getattr(term, k))}</{k}>" for k in ("subject", "predicate", "object"))
            + "</triple>")


def _term_csv(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


def _value(row, var: str):
    try:
        return row[var]
    except (KeyError, IndexError):
        return None


def write_select(variables: list[str], rows: Iterable[Mapping], fmt: str) -> bytes:
    """The rows (already capped) of a SELECT in ``fmt`` (json, xml, csv, tsv)."""
    if fmt == "json":
        bindings = [{v: _term_json(t) for v in variables if (t := _value(row, v)) is not None} for row in rows]
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if fmt == "xml":
        out = ['<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
        out += [f"<variable name={quoteattr(v)}/>" for v in variables]
        out.append("</head>\n<results>\n")
        for row in rows:
            out.append("<result>")
            for v in variables:
                term = _value(row, v)
                if term is not None:
                    out.append(f"<binding name={quoteattr(v)}>{_term_xml(term)}</binding>")
            out.append("</result>\n")
        out.append("</results>\n</sparql>\n")
        return "".join(out).encode("utf-8")
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(variables)
        for row in rows:
            writer.writerow([_term_csv(_value(row, v)) for v in variables])
        return buffer.getvalue().encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in variables)]
        for row in rows:
            lines.append("\t".join("" if (t := _value(row, v)) is None else str(t) for v in variables))
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise ValueError(f"not a results format: {fmt}")


def write_boolean(answer: bool, fmt: str) -> bytes:
    """An ASK answer in ``fmt``; CSV and TSV have no boolean form in the standard, so they get one column."""
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": bool(answer)}).encode("utf-8")
    if fmt == "xml":
        return ('<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
                f"<head/>\n<boolean>{'true' if answer else 'false'}</boolean>\n</sparql>\n").encode()
    if fmt == "csv":
        return f"_askResult\r\n{'true' if answer else 'false'}\r\n".encode()
    if fmt == "tsv":
        return f"?_askResult\n{'true' if answer else 'false'}\n".encode()
    raise ValueError(f"not a results format: {fmt}")


def write_graph(triples: Iterable[ox.Triple], fmt: str, prefixes: dict[str, str] | None = None) -> bytes:
    """Triples in ``fmt`` (turtle, ntriples, jsonld, rdfxml); JSON-LD is compacted with the project's context."""
    if fmt == "jsonld":
        from ..export.jsonld import write_dataset

        triples = sorted(set(triples), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        if any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples):
            return ox.serialize(triples, format=ox.RdfFormat.JSON_LD)  # the compactor mints no blank node ids
        return write_dataset(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    if fmt not in _OX_GRAPH:
        raise ValueError(f"not a graph format: {fmt}")
    if fmt == "turtle":
        return ox.serialize(list(triples), format=_OX_GRAPH[fmt], prefixes=prefixes or {})
    return ox.serialize(list(triples), format=_OX_GRAPH[fmt])
