"""SHACL compiled to SPARQL and run on the build's pyoxigraph store: the build's fast validator.

pyshacl is the reference and pyshacl-turbo its faster twin, but both first copy the whole dataset into their own
structures (an rdflib Graph, or turbo's native graph: ~10 s per million triples before the first check) and then
visit focus nodes one by one. Here every constraint of ``ontology/shapes.ttl`` becomes one SPARQL query that
returns only the nodes that fail it, run on the store the build already holds (its default graph the union of
the named graphs), a few queries at a time. A million triples validate in seconds, without any rdflib Graph.

It supports exactly what the shapes use, and says so: targets ``sh:targetClass`` (instances of the class and of
its subclasses) and ``sh:targetSubjectsOf``; property shapes with an IRI or a sequence path and ``sh:minCount``,
``sh:maxCount``, ``sh:nodeKind``, ``sh:datatype``, ``sh:class``, ``sh:pattern`` (``sh:flags``),
``sh:minLength``, ``sh:in``, ``sh:lessThanOrEquals`` and ``sh:or`` of datatypes; ``sh:or`` of
``[ sh:path P ; sh:minCount 1 ]`` on a node shape; ``sh:sparql`` SELECT constraints (``$this`` bound by the
query itself, ``{?var}`` messages); ``sh:severity``; ``sh:message`` on every constrained shape. A shapes file
using anything else raises :class:`Unsupported`, and the caller validates with pyshacl-turbo instead.

The results are those pyshacl reports (the test suite compares them, finding by finding, on the shipped graph,
every fixture and a synthetic graph): one result per focus node and failing value, with the shape's message,
severity and the failing value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

SH = "http://www.w3.org/ns/shacl#"
RDF_ = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_ = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL_ = "http://www.w3.org/2002/07/owl#"

# datatypes whose lexical forms SPARQL can check with a cast (an ill-typed literal does not conform)
CASTABLE = {XSD + t for t in ("date", "dateTime", "integer", "decimal", "double", "float", "boolean", "gYear",
                              "gYearMonth")}
NODE_KINDS = {
    SH + "IRI": "isIRI({v})", SH + "Literal": "isLiteral({v})", SH + "BlankNode": "isBlank({v})",
    SH + "BlankNodeOrIRI": "(isBlank({v}) || isIRI({v}))", SH + "IRIOrLiteral": "(isIRI({v}) || isLiteral({v}))",
    SH + "BlankNodeOrLiteral": "(isBlank({v}) || isLiteral({v}))",
}
NODE_SHAPE_KEYS = {RDF_ + "type", RDFS_ + "label", RDFS_ + "comment", SH + "targetClass", SH + "targetSubjectsOf",
                   SH + "severity", SH + "property", SH + "sparql", SH + "or", SH + "message"}
PROPERTY_KEYS = {SH + "path", SH + "minCount", SH + "maxCount", SH + "nodeKind", SH + "datatype", SH + "class",
                 SH + "pattern", SH + "flags", SH + "minLength", SH + "in", SH + "lessThanOrEquals", SH + "or",
                 SH + "message", SH + "severity", SH + "name", SH + "description"}
SPARQL_KEYS = {SH + "message", SH + "prefixes", SH + "select"}


class Unsupported(Exception):
    """The shapes use a feature this validator does not implement: validate with pyshacl-turbo instead."""


@dataclass(frozen=True)
class Result:
    severity: str  # local name: Violation, Warning, Info
    kind: str  # the node shape's label
    message: str  # the message, {?var} filled for SPARQL constraints; {prefix:path} left for the caller
    focus: ox.NamedNode | ox.BlankNode | ox.Literal
    value: ox.NamedNode | ox.BlankNode | ox.Literal | None


@dataclass
class PropertyShape:
    path: list[str]
    message: str
    severity: str
    min_count: int | None = None
    max_count: int | None = None
    value_checks: list[str] = field(default_factory=list)  # SPARQL expressions true when ?v does NOT conform
    classes: list[str] = field(default_factory=list)
    less_or_equal: list[str] = field(default_factory=list)


@dataclass
class NodeShape:
    iri: str
    label: str
    severity: str
    message: str | None
    target_classes: list[str] = field(default_factory=list)
    target_subjects_of: list[str] = field(default_factory=list)
    properties: list[PropertyShape] = field(default_factory=list)
    or_paths: list[list[str]] = field(default_factory=list)  # sh:or of [ sh:path P ; sh:minCount 1 ]
    sparql: list[tuple[str, str]] = field(default_factory=list)  # (query, message)


def _lit(term) -> str:
    return str(term)


class CompiledShapes:
    """The shapes of a Turtle file, compiled to SPARQL; :meth:`validate` runs them on a store."""

    def __init__(self, path: Path) -> None:
        self.path = path
        triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
        self.out: dict = {}
        for t in triples:
            self.out.setdefault(t.subject, []).append((t.predicate.value, t.object))
        self.shapes = [self._node_shape(s) for s in sorted(
            (s for s, po in self.out.items() if (RDF_ + "type", ox.NamedNode(SH + "NodeShape")) in po),
            key=lambda s: s.value)]

    # ------------------------------------------------------------------------------------------ reading shapes

    def _values(self, node, predicate: str) -> list:
        return [o for p, o in self.out.get(node, ()) if p == predicate]

    def _one(self, node, predicate: str):
        values = self._values(node, predicate)
        if len(values) > 1:
            raise Unsupported(f"{node}: more than one {predicate}")
        return values[0] if values else None

    def _list(self, node) -> list:
        items = []
        while node != ox.NamedNode(RDF_ + "nil"):
            first = self._one(node, RDF_ + "first")
            if first is None:
                raise Unsupported(f"{node}: not an RDF list")
            items.append(first)
            node = self._one(node, RDF_ + "rest")
        return items

    def _check_keys(self, node, allowed: set[str]) -> None:
        unknown = {p for p, _o in self.out.get(node, ()) if p not in allowed}
        if unknown:
            raise Unsupported(f"{node}: {', '.join(sorted(unknown))}")

    def _severity(self, node) -> str:
        severity = self._one(node, SH + "severity")
        return severity.value.rsplit("#", 1)[1] if severity is not None else "Violation"

    def _path(self, node) -> list[str]:
        path = self._one(node, SH + "path")
        if isinstance(path, ox.NamedNode):
            return [path.value]
        if isinstance(path, ox.BlankNode) and self._one(path, RDF_ + "first") is not None:
            steps = self._list(path)
            if all(isinstance(s, ox.NamedNode) for s in steps):
                return [s.value for s in steps]
        raise Unsupported(f"{node}: only IRI and sequence paths are supported")

    def _datatype_ok(self, datatype: str, v: str = "?v") -> str:
        if datatype == RDF_ + "langString":
            return f"(isLiteral({v}) && LANG({v}) != \"\")"
        check = f"(isLiteral({v}) && DATATYPE({v}) = <{datatype}> && LANG({v}) = \"\""
        if datatype in CASTABLE:
            check += f" && BOUND(?cast_{self._cast_id(datatype)})"
        return check + ")"

    def _cast_id(self, datatype: str) -> str:
        return datatype.rsplit("#", 1)[1]

    def _property(self, node, message_default: str | None) -> PropertyShape:
        self._check_keys(node, PROPERTY_KEYS)
        message = self._one(node, SH + "message")
        if message is None:
            raise Unsupported(f"{node}: a property shape without sh:message")
        shape = PropertyShape(self._path(node), message.value, self._severity(node))
        if (n := self._one(node, SH + "minCount")) is not None:
            shape.min_count = int(n.value)
        if (n := self._one(node, SH + "maxCount")) is not None:
            shape.max_count = int(n.value)
        for kind in self._values(node, SH + "nodeKind"):
            shape.value_checks.append("!" + NODE_KINDS[kind.value].format(v="?v"))
        for datatype in self._values(node, SH + "datatype"):
            shape.value_checks.append("!" + self._datatype_ok(datatype.value))
        for cls in self._values(node, SH + "class"):
            shape.classes.append(cls.value)
        flags = self._one(node, SH + "flags")
        for pattern in self._values(node, SH + "pattern"):
            flag = f", {_lit(ox.Literal(flags.value))}" if flags is not None else ""
            shape.value_checks.append(f"(isBlank(?v) || !REGEX(STR(?v), {_lit(ox.Literal(pattern.value))}{flag}))")
        for n in self._values(node, SH + "minLength"):
            shape.value_checks.append(f"(isBlank(?v) || STRLEN(STR(?v)) < {int(n.value)})")
        for members in self._values(node, SH + "in"):
            allowed = " || ".join(f"sameTerm(?v, {m})" for m in self._list(members)) or "false"
            shape.value_checks.append(f"!({allowed})")
        for other in self._values(node, SH + "lessThanOrEquals"):
            shape.less_or_equal.append(other.value)
        for alternatives in self._values(node, SH + "or"):
            oks = []
            for alternative in self._list(alternatives):
                self._check_keys(alternative, {SH + "datatype"})
                oks.append(self._datatype_ok(self._one(alternative, SH + "datatype").value))
            shape.value_checks.append("!(" + " || ".join(oks) + ")")
        return shape

    def _node_shape(self, node) -> NodeShape:
        self._check_keys(node, NODE_SHAPE_KEYS)
        label = self._one(node, RDFS_ + "label")
        message = self._one(node, SH + "message")
        shape = NodeShape(node.value, label.value if label is not None else "other", self._severity(node),
                          message.value if message is not None else None)
        shape.target_classes = [c.value for c in self._values(node, SH + "targetClass")]
        shape.target_subjects_of = [p.value for p in self._values(node, SH + "targetSubjectsOf")]
        for prop in self._values(node, SH + "property"):
            shape.properties.append(self._property(prop, shape.message))
        for alternatives in self._values(node, SH + "or"):
            if shape.message is None:
                raise Unsupported(f"{node}: sh:or without sh:message")
            for alternative in self._list(alternatives):
                self._check_keys(alternative, {SH + "path", SH + "minCount"})
                count = self._one(alternative, SH + "minCount")
                if count is None or int(count.value) != 1:
                    raise Unsupported(f"{node}: sh:or alternatives must be [ sh:path P ; sh:minCount 1 ]")
                shape.or_paths.append(self._path(alternative))
        for constraint in self._values(node, SH + "sparql"):
            self._check_keys(constraint, SPARQL_KEYS)
            select = self._one(constraint, SH + "select")
            text = self._one(constraint, SH + "message")
            if select is None or text is None:
                raise Unsupported(f"{node}: a SPARQL constraint without sh:select or sh:message")
            prefixes = self._prefixes(self._one(constraint, SH + "prefixes"))
            shape.sparql.append((prefixes + re.sub(r"\$this\b", "?this", select.value), text.value))
        return shape

    def _prefixes(self, node) -> str:
        if node is None:
            return ""
        lines = []
        for declaration in self._values(node, SH + "declare"):
            prefix, namespace = self._one(declaration, SH + "prefix"), self._one(declaration, SH + "namespace")
            lines.append(f"PREFIX {prefix.value}: <{namespace.value}>\n")
        for imported in self._values(node, OWL_ + "imports"):
            if imported in self.out:
                lines.append(self._prefixes(imported))
        return "".join(lines)

    # ------------------------------------------------------------------------------------------ the queries

    @staticmethod
    def _path_pattern(path: list[str], start: str, end: str, tag: str) -> str:
        nodes = [start] + [f"?_{tag}{i}" for i in range(1, len(path))] + [end]
        return " ".join(f"{nodes[i]} <{p}> {nodes[i + 1]} ." for i, p in enumerate(path))

    def _closure(self, store: ox.Store, classes: list[str]) -> list[str]:
        found = set(classes)
        for cls in classes:
            found.update(r["c"].value for r in store.query(
                f"SELECT DISTINCT ?c WHERE {{ ?c <{RDFS_}subClassOf>* <{cls}> }}", use_default_graph_as_union=True))
        return sorted(found)

    def _focus(self, store: ox.Store, shape: NodeShape) -> str:
        parts = []
        if shape.target_classes:
            values = " ".join(f"<{c}>" for c in self._closure(store, shape.target_classes))
            parts.append(f"{{ VALUES ?_class {{ {values} }} ?this a ?_class . }}")
        for predicate in shape.target_subjects_of:
            parts.append(f"{{ ?this <{predicate}> ?_object . }}")
        return " UNION ".join(parts)

    def _jobs(self, store: ox.Store, shape: NodeShape) -> Iterator[tuple[str, str, str, str, str]]:
        """(query, kind of rows, severity, message, label): 'focus' rows give ?this, 'value' rows ?this and ?v."""
        if not (shape.target_classes or shape.target_subjects_of):
            return
        focus = self._focus(store, shape)
        for prop in shape.properties:
            path = self._path_pattern(prop.path, "?this", "?v", "p")
            path2 = self._path_pattern(prop.path, "?this", "?w", "q")
            job = (prop.severity, prop.message)
            if prop.min_count == 1:
                yield (f"SELECT DISTINCT ?this WHERE {{ {focus} OPTIONAL {{ {path} }} FILTER (!BOUND(?v)) }}", "focus", *job)
            elif prop.min_count:
                yield (f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ {path} }} }} GROUP BY ?this "
                       f"HAVING (COUNT(DISTINCT ?v) < {prop.min_count})", "focus", *job)
            if prop.max_count == 1:
                yield (f"SELECT DISTINCT ?this WHERE {{ {focus} {path} {path2} FILTER (!sameTerm(?v, ?w)) }}", "focus", *job)
            elif prop.max_count is not None:
                yield (f"SELECT ?this WHERE {{ {focus} {path} }} GROUP BY ?this "
                       f"HAVING (COUNT(DISTINCT ?v) > {prop.max_count})", "focus", *job)
            if prop.value_checks:
                casts = "".join(f"BIND (<{dt}>(STR(?v)) AS ?cast_{self._cast_id(dt)}) " for dt in sorted(CASTABLE)
                                if f"?cast_{self._cast_id(dt)}" in " ".join(prop.value_checks))
                yield (f"SELECT DISTINCT ?this ?v WHERE {{ {focus} {path} {casts}"
                       f"FILTER ({' || '.join(prop.value_checks)}) }}", "value", *job)
            for cls in prop.classes:
                members = " ".join(f"<{c}>" for c in self._closure(store, [cls]))
                yield (f"SELECT DISTINCT ?this ?v WHERE {{ {focus} {path} "
                       f"MINUS {{ VALUES ?_k {{ {members} }} ?v a ?_k . }} }}", "value", *job)
            for other in prop.less_or_equal:
                yield (f"SELECT DISTINCT ?this ?v WHERE {{ {focus} {path} ?this <{other}> ?_other . "
                       f"FILTER (!COALESCE(?v <= ?_other, false)) }}", "value", *job)
        if shape.or_paths:
            optionals = " ".join(f"OPTIONAL {{ {self._path_pattern(p, '?this', f'?_or{i}', f'o{i}_')} }}"
                                 for i, p in enumerate(shape.or_paths))
            unbound = " && ".join(f"!BOUND(?_or{i})" for i in range(len(shape.or_paths)))
            yield (f"SELECT DISTINCT ?this WHERE {{ {focus} {optionals} FILTER ({unbound}) }}", "focus",
                   shape.severity, shape.message)
        for query, message in shape.sparql:
            yield (query, "sparql", shape.severity, message)
            yield (f"SELECT DISTINCT ?this WHERE {{ {focus} }}", "targets", shape.severity, message)

    def validate(self, store: ox.Store, threads: int = 2) -> list[Result]:
        """Every result of the shapes on the union of the store's graphs (duplicates removed)."""
        jobs = [(shape, job) for shape in self.shapes for job in self._jobs(store, shape)]

        def run(item):
            shape, (query, kind, _severity, _message) = item
            try:
                return _rows(store, query, kind)
            except SyntaxError as exc:  # a SPARQL constraint this engine cannot read
                raise Unsupported(f"{shape.iri}: {exc}") from None

        with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
            answers = list(pool.map(run, jobs))
        results: set[Result] = set()
        sparql_rows: dict[tuple[str, str], list] = {}
        targets: dict[tuple[str, str], set] = {}
        for (shape, (_query, kind, severity, message)), rows in zip(jobs, answers, strict=True):
            if kind == "focus":
                results.update(Result(severity, shape.label, message, row["this"], None) for row in rows)
            elif kind == "value":
                results.update(Result(severity, shape.label, message, row["this"], row["v"]) for row in rows)
            elif kind == "sparql":
                sparql_rows.setdefault((shape.iri, message), []).extend(rows)
            else:
                targets.setdefault((shape.iri, message), set()).update(row["this"] for row in rows)
        for shape in self.shapes:
            for _query, message in shape.sparql:
                focus_nodes = targets.get((shape.iri, message), set())
                for row in sparql_rows.get((shape.iri, message), []):
                    this = row.get("this")
                    if this is None or this not in focus_nodes:
                        continue
                    text = message
                    for name, value in {**row, "this": this}.items():  # as pyshacl fills them
                        text = re.sub("{{[?$]{}}}".format(name), value.value, text)
                    results.add(Result(shape.severity, shape.label, text, this, row.get("value", this)))
        return sorted(results, key=lambda r: (r.severity, r.kind, r.message, str(r.focus), str(r.value)))


def _rows(store: ox.Store, query: str, kind: str) -> list[dict]:
    solutions = store.query(query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: s[n] for n in names if s[n] is not None} for s in solutions]


_COMPILED: dict[tuple[str, float], CompiledShapes] = {}


def compiled(path: Path) -> CompiledShapes:
    """The shapes of ``path`` compiled, cached while the file is unchanged."""
    key = (str(path), path.stat().st_mtime)
    if key not in _COMPILED:
        _COMPILED[key] = CompiledShapes(path)
    return _COMPILED[key]
