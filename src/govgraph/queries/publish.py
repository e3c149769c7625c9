"""The catalogue as RDF, the convention of SIB's sparql-examples: one ``sh:SPARQLExecutable`` per query.

Each query is ``<base>id/query/<name>``, typed ``sh:SPARQLExecutable`` and ``sh:SPARQLSelectExecutable``,
with its summary as ``rdfs:label``, its question as ``rdfs:comment``, the full text as ``sh:select``, its
tags as ``schema:keywords`` and one ``gg:QueryParameter`` node per parameter. The build adds it to the
dataset as the graph ``queries`` and validates it with the other shapes.
"""

from __future__ import annotations

from ..rdf import DCT, GG, RDF, RDFS, SCHEMA, SH, GraphWriter, entity, graph_iri, lit
from .catalogue import CannedQuery


def catalogue_graph(queries: dict[str, CannedQuery]) -> GraphWriter:
    w = GraphWriter(graph_iri("queries"))
    for name, query in sorted(queries.items()):
        node = entity("query", name)
        w.add(node, RDF.type, SH.SPARQLExecutable)
        w.add(node, RDF.type, SH.SPARQLSelectExecutable)
        w.add(node, DCT.identifier, lit(name))
        w.add(node, RDFS.label, lit(query.summary, "en"))
        w.add(node, RDFS.comment, lit(query.question, "en"))
        w.add(node, SH.select, lit(query.text))
        for tag in query.tags:
            w.add(node, SCHEMA.keywords, lit(tag))
        for parameter in query.parameters:
            p = entity("query", name, "parameter", parameter.name)
            w.add(node, GG.parameter, p)
            w.add(p, RDF.type, GG.QueryParameter)
            w.add(p, RDFS.label, lit(parameter.name))
            w.add(p, RDFS.comment, lit(parameter.doc, "en") if parameter.doc else None)
            w.add(p, GG.parameterType, lit(parameter.type))
            for kind in parameter.kinds:
                w.add(p, GG.parameterKind, lit(kind))
            w.add(p, GG.defaultValue, lit(parameter.default) if parameter.default is not None else None)
            w.add(p, GG.optionalParameter, parameter.optional)
    return w
