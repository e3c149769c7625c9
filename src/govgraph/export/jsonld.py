"""JSON-LD: the project's context, a compactor for it, and an offline document loader for pyld.

The compacted document is written here rather than by pyld's ``compact``: pyld takes ~0.9 s for the shipped
graph (13k quads) and would take minutes at a million triples, and its output order is not ours to fix. The
compactor applies exactly the term definitions of ``ontology/context.jsonld`` (a term is used only where the
value fits its ``@type`` or ``@container``; anything else is written under the compact IRI of the property in
expanded value form), so that any JSON-LD processor, pyld included, expands the output back to the same quads.
The context is embedded in every document: reading them never needs the network.

Shape of a document: ``{"@context": {...}, "@graph": [<default-graph nodes>..., {"@id": <graph>, "@graph":
[<nodes>...]}...]}``, one node object a line; graphs and nodes sorted by IRI, keys ``@id``, ``@type`` then the
others sorted, values sorted. Integers (in their canonical form, below 2**53) and booleans are JSON numbers
and booleans; other literals are strings, typed by the term or by ``@type``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .. import config
from ..errors import GovgraphError

CONTEXT_PATH = config.ONTOLOGY_DIR / "context.jsonld"
CONTEXT_URL = config.DEFAULT_BASE + "context.jsonld"

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
XSD_INTEGER = XSD + "integer"
XSD_BOOLEAN = XSD + "boolean"
_CANONICAL_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)\Z")
_SAFE_INTEGER = 2**53


@lru_cache(maxsize=1)
def load_context(path: Path = CONTEXT_PATH) -> dict:
    """The inner ``@context`` object of ``ontology/context.jsonld`` (key order as in the file)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))["@context"]
    except (OSError, ValueError, KeyError) as exc:
        raise GovgraphError(str(path), f"not a readable JSON-LD context ({exc})") from None


def offline_document_loader(url: str, options: dict | None = None) -> dict:
    """A pyld document loader that serves the govgraph context from disk and refuses every other URL.

    Use it as ``pyld.jsonld.expand(doc, {"documentLoader": offline_document_loader})`` so that no JSON-LD
    processing ever reaches the network.
    """
    if url == CONTEXT_URL:
        document = json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))
        return {"contextUrl": None, "documentUrl": url, "document": document, "contentType": "application/ld+json"}
    raise GovgraphError(url, f"refusing to fetch a remote JSON-LD document offline (only {CONTEXT_URL} is served, from {CONTEXT_PATH})")


class Compactor:
    """Turns pyoxigraph terms into compact JSON-LD values under one context (no ``@vocab``, no ``@base``)."""

    def __init__(self, context: dict) -> None:
        self.context = context
        prefixes: dict[str, str] = {}
        for term, definition in context.items():
            if isinstance(definition, str) and definition.endswith(("#", "/")) and ":" not in term:
                prefixes[term] = definition
        self.prefixes = sorted(((ns, p) for p, ns in prefixes.items()), key=lambda kv: (-len(kv[0]), kv[1]))
        self.class_terms: dict[str, str] = {}
        # property IRI -> (term, kind): kind is "@id", "@language", a datatype IRI, or "" (no coercion)
        self.property_terms: dict[str, tuple[str, str]] = {}
        for term, definition in sorted(context.items()):
            if term.startswith("@") or term in prefixes:
                continue
            if isinstance(definition, str):
                iri = self.expand(definition)
                self.class_terms.setdefault(iri, term)
                self.property_terms.setdefault(iri, (term, ""))
                continue
            if "@reverse" in definition or "@id" not in definition:
                continue
            iri = self.expand(definition["@id"])
            if definition.get("@container") == "@language":
                kind = "@language"
            elif definition.get("@type") == "@id":
                kind = "@id"
            elif "@type" in definition:
                kind = self.expand(definition["@type"])
            else:
                kind = ""
            if "@language" in definition or definition.get("@container") not in (None, "@language"):
                continue  # terms with a default language or other containers are for hand-written documents
            self.property_terms.setdefault(iri, (term, kind))

    def expand(self, value: str) -> str:
        prefix, sep, suffix = value.partition(":")
        if sep and prefix in self.context and isinstance(self.context[prefix], str) and not suffix.startswith("//"):
            return self.context[prefix] + suffix
        return value

    @lru_cache(maxsize=65536)  # noqa: B019 - one compactor per export; the cache dies with it
    def iri(self, iri: str) -> str:
        """An IRI as a compact IRI with the longest matching prefix, or as it is."""
        for ns, prefix in self.prefixes:
            if iri.startswith(ns):
                suffix = iri[len(ns):]
                if suffix and not suffix.startswith("//"):
                    return f"{prefix}:{suffix}"
        return iri

    def type_iri(self, iri: str) -> str:
        return self.class_terms.get(iri) or self.iri(iri)

    def literal(self, lit: ox.Literal) -> Any:
        """A literal in expanded form, for a key without coercion."""
        if lit.language:
            return {"@value": lit.value, "@language": lit.language}
        datatype = lit.datatype.value
        if datatype == XSD_STRING:
            return lit.value
        if datatype == XSD_INTEGER and _CANONICAL_INTEGER.match(lit.value) and abs(int(lit.value)) < _SAFE_INTEGER:
            return int(lit.value)
        if datatype == XSD_BOOLEAN and lit.value in ("true", "false"):
            return lit.value == "true"
        return {"@value": lit.value, "@type": self.iri(datatype)}

    def coerced(self, lit: ox.Literal, datatype: str) -> Any:
        """A literal under a term typed ``datatype`` (the caller has checked that the datatypes agree)."""
        if datatype == XSD_INTEGER and _CANONICAL_INTEGER.match(lit.value) and abs(int(lit.value)) < _SAFE_INTEGER:
            return int(lit.value)
        if datatype == XSD_BOOLEAN and lit.value in ("true", "false"):
            return lit.value == "true"
        return lit.value

    def node(self, subject: ox.NamedNode, pairs: list[tuple[ox.NamedNode, Any]]) -> dict:
        """One node object from its (predicate, object) pairs, sorted by the caller."""
        out: dict[str, Any] = {"@id": self.iri(subject.value)}
        props: dict[str, list] = {}
        languages: dict[str, dict[str, list]] = {}
        types: list[str] = []
        for predicate, obj in pairs:
            p = predicate.value
            if p == RDF_TYPE and isinstance(obj, ox.NamedNode):
                types.append(self.type_iri(obj.value))
                continue
            term, kind = self.property_terms.get(p, ("", None))
            if isinstance(obj, ox.NamedNode):
                if kind == "@id":
                    props.setdefault(term, []).append(self.iri(obj.value))
                else:
                    props.setdefault(self.key(p), []).append({"@id": self.iri(obj.value)})
                continue
            if isinstance(obj, ox.BlankNode):
                raise GovgraphError(str(subject), "blank nodes cannot be exported: the dataset mints IRIs for every node")
            if kind == "@language" and obj.language:
                languages.setdefault(term, {}).setdefault(obj.language, []).append(obj.value)
            elif kind == "" and term and not obj.language and obj.datatype.value == XSD_STRING:
                props.setdefault(term, []).append(obj.value)
            elif kind and kind not in ("@id", "@language") and not obj.language and obj.datatype.value == kind:
                props.setdefault(term, []).append(self.coerced(obj, kind))
            else:
                props.setdefault(self.key(p), []).append(self.literal(obj))
        if types:
            out["@type"] = types[0] if len(types) == 1 else types
        for term, by_language in languages.items():
            props[term] = [{lang: values[0] if len(values) == 1 else values for lang, values in sorted(by_language.items())}]
        for key in sorted(props):
            values = props[key]
            out[key] = values[0] if len(values) == 1 else values
        return out

    def key(self, predicate: str) -> str:
        """The key for values that no term fits: the property's compact IRI (never a term: terms have no colon)."""
        return self.iri(predicate)


def _context_text(context: dict, indent: str = "  ") -> str:
    """The context object written one term a line, in the file's order."""
    inner = ",\n".join(f"{indent}  {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
                       for k, v in context.items())
    return "{\n" + inner + "\n" + indent + "}"


def write_dataset(quads: Iterable[ox.Quad], context: dict | None = None) -> bytes:
    """The quads as one compacted JSON-LD document: named graphs kept (one ``@graph`` each), context embedded.

    ``quads`` must come graph by graph, sorted within each graph (the export's canonical order). The layout is
    one node object a line, so that the file is readable, diffable and quick to write::

        {
          "@context": {
            "gg": "https://w3id.org/govgraph/ontology#",
            ...
          },
          "@graph": [
            {"@id": "https://w3id.org/govgraph/graph/catalogue", "@graph": [
              {"@id": "id:event/ai-action-summit-2025", "@type": "Summit", "label": {"en": "AI Action Summit"}, ...},
              ...
            ]},
            ...
          ]
        }
    """
    context = context if context is not None else load_context()
    compactor = Compactor(context)
    encode = json.JSONEncoder(ensure_ascii=False).encode
    blocks: list[str] = []
    nodes: list[str] = []
    current_graph = None
    current_subject = None
    pairs: list = []

    def flush_graph():
        if current_graph is None:
            return
        if isinstance(current_graph, ox.DefaultGraph):
            blocks.extend("    " + n for n in nodes)
        else:
            head = "    {" + f'"@id": {encode(compactor.iri(current_graph.value))}, "@graph": ['
            blocks.append(head + "\n" + ",\n".join("      " + n for n in nodes) + "\n    ]}")

    for quad in quads:
        graph, subject = quad.graph_name, quad.subject
        if graph != current_graph:
            if current_subject is not None:
                nodes.append(encode(compactor.node(current_subject, pairs)))
            flush_graph()
            current_graph, current_subject, pairs, nodes = graph, None, [], []
        if subject != current_subject:
            if current_subject is not None:
                nodes.append(encode(compactor.node(current_subject, pairs)))
            if isinstance(subject, ox.BlankNode):
                raise GovgraphError(str(subject), "blank nodes cannot be exported: the dataset mints IRIs for every node")
            current_subject, pairs = subject, []
        pairs.append((quad.predicate, quad.object))
    if current_subject is not None:
        nodes.append(encode(compactor.node(current_subject, pairs)))
    flush_graph()
    body = ",\n".join(blocks)
    text = '{\n  "@context": ' + _context_text(context) + ',\n  "@graph": [\n' + body + ("\n" if body else "") + "  ]\n}\n"
    return text.encode("utf-8")


def dumps(document: dict) -> bytes:
    """A JSON-LD document as UTF-8 bytes: indented, key order as built, one trailing newline."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
