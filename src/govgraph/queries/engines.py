"""Where a query runs: the embedded pyoxigraph store, rdflib's own engine, or a remote SPARQL endpoint.

Each engine answers ``select(text, bindings)`` with column names and rows of Python values, and
``exists(iri)``. Bindings are RDF terms and are never pasted into the query text: pyoxigraph substitutes
them, rdflib takes them as ``initBindings``, and a remote endpoint receives them in a trailing ``VALUES``
block written from the parsed term by pyoxigraph's own serialisation (the term was validated as an IRI or a
literal before, so it cannot carry SPARQL syntax).
"""

from __future__ import annotations

import datetime
import math
import warnings
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from ..errors import GovgraphError
from .lexer import first_brace

XSD = "http://www.w3.org/2001/XMLSchema#"
EXISTS = "ASK { { ?iri ?p ?o } UNION { ?s ?p ?iri } }"


def python_value(term: Any) -> Any:
    """An RDF term as the Python value a notebook user expects (IRIs and plain literals as str)."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        value = term.value
        try:
            if datatype in (XSD + "integer", XSD + "int", XSD + "long", XSD + "nonNegativeInteger"):
                return int(value)
            if datatype == XSD + "decimal":
                return Decimal(value)
            if datatype in (XSD + "double", XSD + "float"):
                return float(value)
            if datatype == XSD + "date":
                return datetime.date.fromisoformat(value)
            if datatype == XSD + "boolean":
                return value in ("true", "1")
        except ValueError:
            return value
        return value
    return term.value


class Engine(Protocol):
    def select(self, text: str, bindings: dict[str, ox.NamedNode | ox.Literal]) -> tuple[list[str], list[list[Any]]]: ...

    def exists(self, iri: ox.NamedNode) -> bool: ...


class EmbeddedEngine:
    """The read-only pyoxigraph store of the current build; the default graph is the union of all graphs."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def select(self, text, bindings):
        try:
            solutions = self.store.query(text, use_default_graph_as_union=True,
                                         substitutions={ox.Variable(k): v for k, v in bindings.items()})
        except SyntaxError as exc:
            raise GovgraphError("query", f"not valid SPARQL: {exc.msg}") from None
        except (RuntimeError, OSError) as exc:
            raise GovgraphError("query", f"the store could not answer: {exc}") from None
        if not isinstance(solutions, ox.QuerySolutions):
            raise GovgraphError("query", "only SELECT queries can be run as canned queries")
        columns = [v.value for v in solutions.variables]
        return columns, [[python_value(s[c]) for c in columns] for s in solutions]

    def exists(self, iri):
        return bool(self.store.query(EXISTS, use_default_graph_as_union=True, substitutions={ox.Variable("iri"): iri}))


class RdflibEngine:
    """rdflib's own SPARQL engine over the same dataset (for comparison and benchmarks)."""

    def __init__(self, dataset_path: Path) -> None:
        import rdflib

        self.dataset = rdflib.Dataset(default_union=True)
        self.dataset.parse(dataset_path, format="nquads")
        self._prepared: dict[str, Any] = {}

    def _to_rdflib(self, term):
        import rdflib

        if isinstance(term, ox.NamedNode):
            return rdflib.URIRef(term.value)
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        if term.datatype.value == XSD + "string":  # rdflib keeps plain and xsd:string literals apart
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))

    def _prepare(self, text: str):
        from rdflib.plugins.sparql import prepareQuery

        if text not in self._prepared:
            self._prepared[text] = prepareQuery(text)
        return self._prepared[text]

    def select(self, text, bindings):
        result = self.dataset.query(self._prepare(text), initBindings={k: self._to_rdflib(v) for k, v in bindings.items()})
        columns = [str(v) for v in result.vars]
        rows = []
        for row in result:
            rows.append([python_value(_from_rdflib(row[c])) if row[c] is not None else None for c in columns])
        return columns, rows

    def exists(self, iri):
        import rdflib

        return bool(self.dataset.query(EXISTS, initBindings={"iri": rdflib.URIRef(iri.value)}).askAnswer)


def _from_rdflib(term):
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    return ox.BlankNode(str(term))


def values_clause(bindings: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """A trailing VALUES block for the bound parameters, each term serialised by pyoxigraph."""
    if not bindings:
        return ""
    names = sorted(bindings)
    return "\nVALUES (" + " ".join(f"?{n}" for n in names) + ") { (" + " ".join(str(bindings[n]) for n in names) + ") }\n"


def with_values(text: str, bindings: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """``text`` with the bound parameters as a VALUES block at the start of its main group.

    The same answers as a trailing VALUES block, because every parameter is bound by a triple pattern of the
    main group (the catalogue's rule), but an engine sees the values before it plans the group: on Oxigraph a
    trailing block made ``group-members-not-signed`` 16 times slower. Falls back to the trailing block when
    the query has no group to put it in.
    """
    block = values_clause(bindings)
    if not block:
        return text
    at = first_brace(text)
    if at is None:
        return text + block
    return text[:at] + block + text[at:]


class RemoteEngine:
    """Any SPARQL 1.1 endpoint holding the dataset, through SPARQLWrapper (its default graph must be the union)."""

    def __init__(self, url: str, timeout: float = 60, agent: str | None = None) -> None:
        if not url.startswith(("http://", "https://")):
            raise GovgraphError(url, "an endpoint must be an http:// or https:// URL")
        self.url = url
        self.timeout = timeout
        self.agent = agent  # the User-Agent header (public services such as Wikidata's ask for a descriptive one)

    def _client(self, text: str, form: str, default_graphs=(), named_graphs=()):
        from SPARQLWrapper import POST, SPARQLWrapper

        from .lexer import strip_comments

        client = SPARQLWrapper(self.url, agent=self.agent) if self.agent else SPARQLWrapper(self.url)
        client.setMethod(POST)
        # SPARQLWrapper guesses the query form from keywords anywhere in the text ("add up" in a comment reads as
        # an ADD update); send the query without its comments and say what it is.
        client.setQuery(strip_comments(text))
        client.queryType = form
        for graph in default_graphs:
            client.addDefaultGraph(graph)
        for graph in named_graphs:
            client.addNamedGraph(graph)
        client.setTimeout(max(1, math.ceil(self.timeout)))  # SPARQLWrapper takes whole seconds; 0 would mean none
        return client

    @contextmanager
    def _errors(self):
        """Every failure of the endpoint as one GovgraphError naming it."""
        from http.client import HTTPException
        from urllib.error import URLError

        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        try:
            with warnings.catch_warnings():  # an unexpected content type is reported by the caller, not as a warning
                warnings.simplefilter("ignore", RuntimeWarning)
                yield
        except SPARQLWrapperException as exc:
            raise GovgraphError(self.url, f"the endpoint refused the query: {str(exc).splitlines()[0]}") from None
        except (URLError, OSError, HTTPException) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError) or isinstance(exc, TimeoutError):
                raise GovgraphError(self.url, f"the endpoint did not answer within {self.timeout:g} s") from None
            raise GovgraphError(self.url, f"cannot reach the endpoint ({reason})") from None
        except ValueError as exc:
            raise GovgraphError(self.url, f"the endpoint's answer is not SPARQL JSON results ({exc})") from None

    def _run(self, text: str, form: str | None = None, default_graphs=(), named_graphs=()) -> dict:
        """The endpoint's SPARQL JSON answer to a SELECT or ASK ``text``."""
        from SPARQLWrapper import JSON

        from .lexer import keywords

        if form is None:
            form = "ASK" if next((w for w in keywords(text) if w in ("SELECT", "ASK")), "") == "ASK" else "SELECT"
        client = self._client(text, form, default_graphs, named_graphs)
        client.setReturnFormat(JSON)
        with self._errors():
            answer = client.queryAndConvert()
        if not _is_sparql_json(answer):
            raise GovgraphError(self.url, "the endpoint's answer is not SPARQL JSON results")
        return answer

    def graph(self, text: str, form: str = "CONSTRUCT", default_graphs=(), named_graphs=(),
              max_bytes: int = 256 * 2**20) -> list[ox.Triple]:
        """The triples a CONSTRUCT or DESCRIBE ``text`` gives on the endpoint (read as whatever RDF it sends)."""
        from SPARQLWrapper import TURTLE

        client = self._client(text, form, default_graphs, named_graphs)
        client.setReturnFormat(TURTLE)
        with self._errors():
            response = client.query().response
            media = (response.headers.get("Content-Type") or "text/turtle").split(";")[0].strip()
            body = response.read(max_bytes + 1)
        if len(body) > max_bytes:
            raise GovgraphError(self.url, f"the endpoint's answer is larger than {max_bytes:,} bytes")
        fmt = ox.RdfFormat.from_media_type(media)
        if fmt is None:
            raise GovgraphError(self.url, f"the endpoint answered with {media}, not RDF")
        try:
            return list(ox.parse(body, format=fmt))
        except SyntaxError as exc:
            raise GovgraphError(self.url, f"the endpoint's answer is not valid {media} ({exc})") from None

    def rows(self, text: str) -> tuple[list[str], list[dict[str, ox.NamedNode | ox.Literal | ox.BlankNode]]]:
        """A SELECT's column names and its solutions as RDF terms (unbound columns left out), unconverted."""
        answer = self._run(text)
        if "results" not in answer:
            raise GovgraphError(self.url, "the endpoint answered a SELECT query with a boolean")
        try:
            solutions = [{c: _from_json(t) for c, t in b.items()} for b in answer["results"]["bindings"]]
        except ValueError as exc:
            raise GovgraphError(self.url, f"the endpoint's answer holds a term that is not valid RDF ({exc})") from None
        return answer["head"]["vars"], solutions

    def select(self, text, bindings):
        columns, solutions = self.rows(with_values(text, bindings))
        return columns, [[python_value(s.get(c)) for c in columns] for s in solutions]

    def exists(self, iri):
        return bool(self._run(with_values(EXISTS, {"iri": iri})).get("boolean"))


def _is_sparql_json(answer: Any) -> bool:
    """Whether a decoded answer has the shape of SPARQL 1.1 JSON results (a SELECT's or an ASK's)."""
    if not isinstance(answer, dict):
        return False
    if "boolean" in answer:
        return isinstance(answer["boolean"], bool)
    if not isinstance(answer.get("head"), dict):
        return False
    results, columns = answer.get("results"), answer["head"].get("vars")
    if not isinstance(results, dict) or not isinstance(columns, list) or not isinstance(results.get("bindings"), list):
        return False
    return all(isinstance(b, dict) and all(isinstance(t, dict) and "type" in t and "value" in t for t in b.values())
               for b in results["bindings"])


def _from_json(term: dict | None):
    if term is None:
        return None
    if term["type"] == "uri":
        return ox.NamedNode(term["value"])
    if term["type"] in ("literal", "typed-literal"):
        if "xml:lang" in term:
            return ox.Literal(term["value"], language=term["xml:lang"])
        if "datatype" in term:
            return ox.Literal(term["value"], datatype=ox.NamedNode(term["datatype"]))
        return ox.Literal(term["value"])
    return ox.BlankNode(term["value"])
