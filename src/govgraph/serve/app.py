"""The web application: routes, content negotiation, limits and security headers (Starlette).

Routes::

    /                      home: summits and resources by kind
    /sparql                SPARQL 1.1 Protocol (GET, form POST, direct POST), read-only; HTML editor on GET
    /id/{path}             a resource: HTML, Turtle, JSON-LD, RDF/XML or N-Triples by Accept or extension
    /id/{kind}/            the resources of a kind
    /queries               the canned catalogue; /queries/{name} runs one (.csv and .json download it)
    /ontology              the ontology as HTML or RDF (/ontology.ttl)
    /context.jsonld        the JSON-LD context
    /.well-known/void      the VoID description of the dataset
    /graph?view=NAME       the interactive pictures of govgraph.viz; a click on a node opens its page
    /static/...            the stylesheet and the editor's script (nothing is loaded from elsewhere)

Every response carries a Content-Security-Policy that allows only this server's own scripts and styles, so
even a label that slipped past escaping could not run; CORS allows any origin to *read* (no credentials).
"""

from __future__ import annotations

import json
import os
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode

import jinja2
import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.datastructures import MultiDict
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from .. import config
from ..errors import GovgraphError
from ..rdf import PREFIXES
from . import negotiate, results
from .backends import BackendError, Limits
from .guard import inspect
from .pages import Linker, Shown, describe

HERE = Path(__file__).resolve().parent
ASSETS = HERE.parent / "assets"
TEMPLATES = Jinja2Templates(env=jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True))
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
RESULTS_HTML = results.RESULT_FORMATS + (results.HTML,)
GRAPHS_HTML = results.GRAPH_FORMATS + (results.HTML,)
PAGE_FORMATS = (results.HTML,) + results.GRAPH_FORMATS
SD = "http://www.w3.org/ns/sparql-service-description#"
DUMP_FILES = ("dataset.nq",)


class App:
    """Holds the backend, the limits and the base IRI; its methods are the route handlers."""

    def __init__(self, backend, limits: Limits, base: str) -> None:
        self.backend = backend
        self.limits = limits
        self.base = base
        self._void: tuple[str, bytes] | None = None
        self._graphs: dict[tuple[str, str], bytes] = {}
        from ..queries import load_catalogue

        self.catalogue = load_catalogue()  # read once: the files are part of the installed program

    # ------------------------------------------------------------------ helpers

    def render(self, request: Request, template: str, status: int = 200, **context) -> Response:
        context.setdefault("title", "govgraph")
        response = TEMPLATES.TemplateResponse(request, template, context, status_code=status)
        response.headers["Vary"] = "Accept"
        return response

    def error(self, request: Request, status: int, message: str, *, html: bool | None = None) -> Response:
        """An error with its message: HTML for a browser, plain text for every other client."""
        if html is None:
            html = negotiate.choose(request.headers.get("accept"), (results.Format("text", "text/plain", "txt"),
                                                                    results.HTML)) is results.HTML
        reasons = {400: "Bad Request", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
                   406: "Not Acceptable", 413: "Content Too Large", 414: "URI Too Long", 415: "Unsupported Media Type",
                   500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}
        if html:
            return self.render(request, "error.html", status, title=f"{status}", code=status,
                               reason=reasons.get(status, ""), message=message)
        return PlainTextResponse(f"{status} {reasons.get(status, '')}: {message}\n", status_code=status,
                                 headers={"Vary": "Accept"})

    async def read_body(self, request: Request) -> bytes:
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.limits.max_body:
            raise HTTPException(413, f"the request body is larger than the limit of {self.limits.max_body:,} bytes")
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > self.limits.max_body:
                raise HTTPException(413, f"the request body is larger than the limit of {self.limits.max_body:,} bytes")
        return bytes(body)

    def endpoint_url(self, request: Request) -> str:
        """The absolute URL of /sparql as the client addressed the server (its Host header), checked to be an IRI."""
        url = str(request.url_for("sparql"))
        try:
            ox.NamedNode(url)
        except ValueError:
            raise HTTPException(400, "the Host header does not make a valid URL") from None
        return url

    def linker(self) -> Linker:
        return Linker(self.base)

    # ------------------------------------------------------------------ SPARQL protocol

    async def sparql(self, request: Request) -> Response:
        params = MultiDict(request.query_params.multi_items())
        query: str | None = None
        if request.method == "POST":
            media = request.headers.get("content-type", "").split(";")[0].strip().lower()
            body = await self.read_body(request)
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                return self.error(request, 400, "the request body is not UTF-8 text")
            if media == "application/x-www-form-urlencoded":
                params = MultiDict(list(params.multi_items()) + parse_qsl(text, keep_blank_values=True))
            elif media == "application/sparql-query":
                query = text
            elif media == "application/sparql-update":
                return self.error(request, 403, "this endpoint is read-only: SPARQL updates are not accepted")
            else:
                return self.error(request, 415, "POST a query as application/sparql-query or as the form field "
                                                "'query' (application/x-www-form-urlencoded)")
        if "update" in params:
            return self.error(request, 403, "this endpoint is read-only: SPARQL updates are not accepted")
        queries = params.getlist("query")
        if query is None:
            if len(queries) > 1:
                return self.error(request, 400, "give one query, not several")
            query = queries[0] if queries else None
        elif queries:
            return self.error(request, 400, "give the query either as the body or as a parameter, not both")
        if query is None or (request.method == "GET" and not query.strip()):
            return await self.service(request, params)
        verdict = inspect(query)
        if verdict.refusal:
            return self.error(request, 403, verdict.refusal)
        offered = GRAPHS_HTML if verdict.is_graph else RESULTS_HTML
        fmt = negotiate.choose(request.headers.get("accept"), offered)
        if fmt is None:
            return self.error(request, 406, "none of the formats asked for (Accept) is offered: "
                                            + ", ".join(f.media_type for f in offered))
        graphs = params.getlist("default-graph-uri"), params.getlist("named-graph-uri")
        for graph in graphs[0] + graphs[1]:
            try:
                ox.NamedNode(graph)
            except ValueError:
                return self.error(request, 400, f"not an IRI: {graph!r}")
        wanted = fmt.name if fmt is not results.HTML else ("turtle" if verdict.is_graph else "json")
        try:
            reply = await self.backend.sparql(query, verdict, wanted, *graphs)
        except BackendError as exc:
            return self.error(request, exc.status, exc.message)
        if fmt is results.HTML:
            return self.sparql_html(request, query, reply)
        headers = {"Vary": "Accept"}
        if reply.truncated:
            headers["Govgraph-Truncated"] = f"the answer was cut at {self.limits.max_rows} rows"
        return Response(reply.body, media_type=reply.fmt.content_type, headers=headers)

    def sparql_html(self, request: Request, query: str, reply) -> Response:
        linker = self.linker()
        context = {"query": query, "truncated": reply.truncated}
        if reply.fmt.name == "json":
            answer = json.loads(reply.body)
            if "boolean" in answer:
                context["boolean"] = answer["boolean"]
            else:
                from ..queries.engines import _from_json

                context["columns"] = answer["head"]["vars"]
                context["rows"] = [[linker.show(_from_json(b[c])) if c in b else None for c in context["columns"]]
                                   for b in answer["results"]["bindings"]]
        else:
            context["graph_text"] = reply.body.decode("utf-8")
        return self.editor(request, **context)

    def editor(self, request: Request, status: int = 200, **context) -> Response:
        catalogue = self.catalogue
        chosen = request.query_params.get("example", "")
        if "query" not in context:
            context["query"] = catalogue[chosen].text if chosen in catalogue else catalogue[min(catalogue)].text
        context.setdefault("boolean", None)
        return self.render(request, "sparql.html", status, title="SPARQL", endpoint=self.endpoint_url(request),
                           limits=self.limits, examples=sorted(catalogue), chosen=chosen,
                           example_texts={n: q.text for n, q in sorted(catalogue.items())}, **context)

    async def service(self, request: Request, params) -> Response:
        """GET /sparql without a query: the editor for a browser, a service description for everyone else."""
        fmt = negotiate.choose(request.headers.get("accept"), results.GRAPH_FORMATS + (results.HTML,))
        if fmt is results.HTML:
            return self.editor(request)
        if fmt is None:
            fmt = results.BY_NAME["turtle"]
        endpoint = ox.NamedNode(self.endpoint_url(request))
        N = ox.NamedNode
        node = N(self.base + "id/service/sparql")
        triples = [ox.Triple(node, N(PREFIXES["rdf"] + "type"), N(SD + "Service")),
                   ox.Triple(node, N(SD + "endpoint"), endpoint),
                   ox.Triple(node, N(SD + "supportedLanguage"), N(SD + "SPARQL11Query")),
                   ox.Triple(node, N(SD + "feature"), N(SD + "UnionDefaultGraph"))]
        for f in results.RESULT_FORMATS:
            triples.append(ox.Triple(node, N(SD + "resultFormat"), N(ox.QueryResultsFormat.from_media_type(f.media_type).iri)))
        for f in results.GRAPH_FORMATS:
            triples.append(ox.Triple(node, N(SD + "resultFormat"), N(ox.RdfFormat.from_media_type(f.media_type).iri)))
        triples.append(ox.Triple(node, N(PREFIXES["dcterms"] + "description"),
                                 ox.Literal(f"Read-only SPARQL 1.1 endpoint of govgraph; queries stop after "
                                            f"{self.limits.timeout:g} s; answers are cut at {self.limits.max_rows} rows",
                                            language="en")))
        prefixes = {"sd": SD, "dcterms": PREFIXES["dcterms"]}
        return Response(results.write_graph(triples, fmt.name, prefixes), media_type=fmt.content_type,
                        headers={"Vary": "Accept"})

    # ------------------------------------------------------------------ linked data

    async def resource(self, request: Request) -> Response:
        path = request.path_params["path"]
        if path.endswith("/") or not path:
            return await self.listing(request, path.strip("/"))
        linker = self.linker()
        iri = self.base + "id/" + path
        fmt = None
        try:
            resource = await describe(self.backend, linker, iri, self.limits.max_page_statements)
            if not resource.exists and "." in path.rsplit("/", 1)[-1]:
                stem, extension = path.rsplit(".", 1)
                fmt = negotiate.by_extension(extension, PAGE_FORMATS)
                if fmt is not None:
                    iri = self.base + "id/" + stem
                    resource = await describe(self.backend, linker, iri, self.limits.max_page_statements)
        except ValueError:
            return self.error(request, 404, f"not an IRI: {iri}")
        except BackendError as exc:
            return self.error(request, exc.status, exc.message)
        if not resource.exists:
            return self.error(request, 404, f"nothing in the dataset is called <{iri}>")
        if fmt is None:
            fmt = negotiate.choose(request.headers.get("accept"), PAGE_FORMATS)
            if fmt is None:
                return self.error(request, 406, "offered: " + ", ".join(f.media_type for f in PAGE_FORMATS))
        if fmt is not results.HTML:
            return Response(results.write_graph(resource.triples, fmt.name, PREFIXES), media_type=fmt.content_type,
                            headers={"Vary": "Accept", "Content-Location": linker.path(iri) + "." + fmt.extension})
        own = linker.path(iri)
        downloads = [(f.name.replace("turtle", "Turtle").replace("jsonld", "JSON-LD").replace("rdfxml", "RDF/XML")
                      .replace("ntriples", "N-Triples"), own + "." + f.extension) for f in results.GRAPH_FORMATS]
        return self.render(request, "resource.html", title=resource.label, r=resource, downloads=downloads,
                           limit=self.limits.max_page_statements,
                           alternates=[(f.media_type, own + "." + f.extension) for f in results.GRAPH_FORMATS])

    async def listing(self, request: Request, kind: str) -> Response:
        if "/" in kind or not kind:
            return RedirectResponse("/", status_code=302) if not kind else self.error(request, 404, "no such kind")
        prefix = self.base + "id/" + kind + "/"
        text = ("SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?s), ?prefix)) } ORDER BY ?s")
        text = text.replace("?prefix", json.dumps(prefix))  # a JSON string is a valid SPARQL string literal
        try:
            _v, rows, cut = await self.backend.rows(text, {}, 5000)
            linker = self.linker()
            await self._labels(linker, [r["s"].value for r in rows])
        except BackendError as exc:
            return self.error(request, exc.status, exc.message)
        if not rows:
            return self.error(request, 404, f"no resource of the kind {kind!r}")
        items = sorted((linker.show(r["s"]) for r in rows), key=lambda s: (s.text.casefold(), s.href))
        return self.render(request, "listing.html", title=kind, kind=kind, items=items, truncated=cut)

    async def _labels(self, linker: Linker, iris: list[str]) -> None:
        from .pages import fetch_details, learn_labels

        learn_labels(linker, await fetch_details(self.backend, iris))

    async def home(self, request: Request) -> Response:
        prefix = self.base + "id/"
        text = ("SELECT ?kind (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                "FILTER(STRSTARTS(STR(?s), ?prefix)) BIND(STRBEFORE(STRAFTER(STR(?s), ?prefix), \"/\") AS ?kind) } "
                "GROUP BY ?kind ORDER BY ?kind").replace("?prefix", json.dumps(prefix))
        summits_text = ("SELECT DISTINCT ?s WHERE { ?s a <https://w3id.org/govgraph/ontology#Summit> } ORDER BY ?s")
        try:
            _v, kinds, _cut = await self.backend.rows(text, {}, 1000)
            _v, summits, _cut = await self.backend.rows(summits_text, {}, 1000)
            linker = self.linker()
            await self._labels(linker, [r["s"].value for r in summits])
        except BackendError as exc:
            return self.error(request, exc.status, exc.message)
        return self.render(request, "home.html", title="govgraph", backend=self.backend.description,
                           kinds=[(r["kind"].value, r["n"].value) for r in kinds if r.get("kind") and r["kind"].value],
                           summits=[linker.show(r["s"]) for r in summits])

    # ------------------------------------------------------------------ queries

    async def queries(self, request: Request) -> Response:
        catalogue = self.catalogue
        return self.render(request, "queries.html", title="Queries", queries=[catalogue[n] for n in sorted(catalogue)])

    async def canned(self, request: Request) -> Response:
        from ..queries.engines import python_value
        from ..queries.formats import render

        name = request.path_params["name"]
        download = None
        catalogue = self.catalogue
        if name not in catalogue and name.rsplit(".", 1)[-1] in ("csv", "json", "tsv"):
            name, download = name.rsplit(".", 1)
        query = catalogue.get(name)
        if query is None:
            return self.error(request, 404, f"no canned query is called {name!r}; see /queries")
        given = {p.name: request.query_params[p.name] for p in query.parameters if p.name in request.query_params}
        if download is None and "run" not in request.query_params:
            return self.render(request, "query.html", title=query.summary, q=query, given=given, columns=None)
        try:
            variables, rows, cut = await self.backend.canned(query, given)
        except BackendError as exc:
            if download:
                return self.error(request, exc.status, exc.message, html=False)
            status = exc.status
            return self.render(request, "query.html", status, title=query.summary, q=query, given=given, columns=None,
                               error=exc.message)
        if download:
            values = [[python_value(r.get(v)) for v in variables] for r in rows]
            media = {"csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
                     "json": "application/json"}[download]
            headers = {"Content-Disposition": f'attachment; filename="{name}.{download}"'}
            if cut:
                headers["Govgraph-Truncated"] = f"the answer was cut at {self.limits.max_rows} rows"
            return Response(render(variables, values, download).encode("utf-8"), media_type=media, headers=headers)
        linker = self.linker()
        iris = sorted({t.value for r in rows for t in r.values() if isinstance(t, ox.NamedNode) and linker.path(t.value)})
        try:
            await self._labels(linker, iris)
        except BackendError:
            pass  # labels are a nicety; the answer is shown with IRIs
        shown = [[linker.show(r[v]) if v in r else None for v in variables] for r in rows]
        query_string = urlencode(sorted(given.items()))
        suffix = "?" + query_string if query_string else ""
        return self.render(request, "query.html", title=query.summary, q=query, given=given, columns=variables,
                           rows=shown, truncated=cut, csv_href=f"/queries/{quote(name)}.csv{suffix}",
                           json_href=f"/queries/{quote(name)}.json{suffix}")

    # ------------------------------------------------------------------ documents

    async def ontology(self, request: Request) -> Response:
        path = request.url.path
        fmt = negotiate.by_extension(path.rsplit(".", 1)[-1], results.GRAPH_FORMATS) if "." in path else None
        if fmt is None:
            fmt = negotiate.choose(request.headers.get("accept"), PAGE_FORMATS)
        if fmt is None:
            return self.error(request, 406, "offered: " + ", ".join(f.media_type for f in PAGE_FORMATS))
        source = config.ONTOLOGY_DIR / "govgraph.ttl"
        if fmt.name == "turtle":
            return Response(source.read_bytes(), media_type=fmt.content_type, headers={"Vary": "Accept"})
        if fmt is not results.HTML:
            triples = list(ox.parse(path=str(source), format=ox.RdfFormat.TURTLE))
            return Response(results.write_graph(triples, fmt.name, PREFIXES), media_type=fmt.content_type,
                            headers={"Vary": "Accept"})
        return self.render(request, "ontology.html", **ontology_view(self.linker()))

    async def context(self, request: Request) -> Response:
        return Response((config.ONTOLOGY_DIR / "context.jsonld").read_bytes(), media_type="application/ld+json")

    async def void(self, request: Request) -> Response:
        fmt = negotiate.choose(request.headers.get("accept"), results.GRAPH_FORMATS)
        if fmt is None:
            return self.error(request, 406, "offered: " + ", ".join(f.media_type for f in results.GRAPH_FORMATS))
        triples = self.void_triples(self.endpoint_url(request))
        if triples is None:
            return self.error(request, 404, "the VoID description is made from the build; over an external endpoint, "
                                            "use the one `govgraph export --dump` writes")
        return Response(results.write_graph(triples, fmt.name, PREFIXES), media_type=fmt.content_type,
                        headers={"Vary": "Accept"})

    def void_triples(self, endpoint: str) -> list[ox.Triple] | None:
        home = getattr(self.backend, "home", None)
        if home is None:
            return None
        from ..export.core import load
        from ..export.void import describe as void_describe

        dataset = load(home)
        key = f"{dataset.build}|{endpoint}"
        if self._void is None or self._void[0] != key:
            self._void = (key, void_describe(dataset.quads, dataset.base, [], modified=dataset.build_date,
                                            endpoint_url=endpoint))
        return self._void[1]

    # ------------------------------------------------------------------ pictures

    async def graph(self, request: Request) -> Response:
        """/graph?view=NAME: the interactive view of :mod:`govgraph.viz`, fed by the backend's rows; a click on a
        node opens its page here. Built once per view and build (the queries take a few tenths of a second)."""
        from ..viz import find_view, to_html, views

        catalogue = views()
        name = request.query_params.get("view") or next(iter(catalogue))
        if name not in catalogue:
            return self.error(request, 404, f"no view is called {name!r}; views: {', '.join(catalogue)}")
        view = find_view(name)
        key = (name, self.build_key())
        cached = self._graphs.get(key)
        if cached is None:
            try:
                rows, cut = {}, False
                for query_name, text in view.queries.items():
                    _v, rows[query_name], truncated = await self.backend.rows(text, {}, self.limits.max_rows * 10)
                    cut = cut or truncated
            except BackendError as exc:
                return self.error(request, exc.status, exc.message)
            graph = view.build(rows)
            description = view.description + (" (cut at the row limit)" if cut else "")
            cached = to_html(graph, view.title, link_base="/", base=self.base, asset_url="/static/viz/",
                             description=description, current=f"/graph?view={name}",
                             menu=[(v.title, f"/graph?view={v.name}") for v in catalogue.values()]).encode("utf-8")
            self._graphs = {k: v for k, v in self._graphs.items() if k[1] == key[1]}  # drop older builds' pages
            self._graphs[key] = cached
        return Response(cached, media_type="text/html; charset=utf-8")

    async def viz_asset(self, request: Request) -> Response:
        from ..viz import asset_files

        path = asset_files().get(request.path_params["name"])
        if path is None:
            return self.error(request, 404, "no such file")
        media = "text/javascript; charset=utf-8" if path.suffix == ".js" else "text/css; charset=utf-8"
        return Response(path.read_bytes(), media_type=media, headers={"Cache-Control": "public, max-age=3600"})

    def build_key(self) -> str:
        """What identifies the data being served: the build folder (embedded), or the minute (an endpoint, whose
        changes cannot be seen from here)."""
        home = getattr(self.backend, "home", None)
        if home is not None:
            try:
                return os.readlink(home / "current")
            except OSError:
                return ""
        import time

        return str(int(time.time() // 60))

    async def status(self, request: Request) -> Response:
        return Response(json.dumps(self.backend.status()), media_type="application/json")


def ontology_view(linker: Linker) -> dict:
    """The ontology page's content: header statements and one block per term, by kind."""
    from ..export.site import RDF_TYPE, TERM_FIRST, TERM_KINDS, Ontology, compact

    onto = Ontology.read()
    for iri, props in onto.terms.items():
        labels = props.get("http://www.w3.org/2000/01/rdf-schema#label", ())
        if labels:
            linker.labels[iri] = labels[0].value

    def shown(term) -> Shown:
        if isinstance(term, ox.NamedNode) and term.value in onto.anchors:
            return Shown(compact(term.value), "#" + quote(onto.anchors[term.value], safe="-_.~"), code=True)
        return linker.show(term)

    header = [(compact(p), [shown(v) for v in values]) for p, values in sorted(onto.header.items())
              if p not in (RDF_TYPE, "http://purl.org/dc/terms/title")]
    title = next((o.value for o in onto.header.get("http://purl.org/dc/terms/title", ())), "govgraph ontology")
    sections, placed = [], set()
    for heading, classes in TERM_KINDS:
        members = []
        for iri in sorted(onto.terms, key=lambda i: (compact(i).casefold(), i)):
            types = {o.value for o in onto.terms[iri].get(RDF_TYPE, ())}
            if iri in placed or not types & set(classes):
                continue
            placed.add(iri)
            props = onto.terms[iri]
            keys = [p for p in TERM_FIRST if p in props] + sorted(p for p in props if p not in TERM_FIRST)
            label = next((o.value for o in props.get("http://www.w3.org/2000/01/rdf-schema#label", ())), compact(iri))
            members.append((onto.anchors[iri], compact(iri), label,
                            [(compact(p), [shown(v) for v in props[p]]) for p in keys
                             if p != "http://www.w3.org/2000/01/rdf-schema#isDefinedBy"]))
        if members:
            sections.append((heading, members))
    return {"title": title, "header": header, "sections": sections}


class LimitURL:
    """Pure ASGI middleware: refuse a request target longer than ``max_url`` bytes with 414 before routing."""

    def __init__(self, app, max_url: int) -> None:
        self.app = app
        self.max_url = max_url

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            size = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
            if size > self.max_url:
                response = PlainTextResponse(f"414 URI Too Long: the request target is longer than the limit of "
                                             f"{self.max_url:,} bytes; POST the query instead\n", status_code=414)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class SecurityHeaders:
    """Pure ASGI middleware adding :data:`SECURITY_HEADERS` to every response."""

    def __init__(self, app) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + self.headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(backend, limits: Limits | None = None, base: str | None = None) -> Starlette:
    """The ASGI application over ``backend`` (:class:`EmbeddedBackend` or :class:`RemoteBackend`)."""
    limits = limits or Limits()
    handlers = App(backend, limits, base or config.base_iri())

    @asynccontextmanager
    async def lifespan(_app):
        await backend.start()
        try:
            yield
        finally:
            await backend.close()

    async def http_error(request: Request, exc: HTTPException) -> Response:
        return handlers.error(request, exc.status_code, exc.detail)

    async def unexpected(request: Request, exc: Exception) -> Response:
        return handlers.error(request, 500, "the server failed to answer this request; it has been logged")

    async def user_error(request: Request, exc: GovgraphError) -> Response:
        return handlers.error(request, 400, str(exc))

    routes = [
        Route("/", handlers.home),
        Route("/sparql", handlers.sparql, methods=["GET", "POST"], name="sparql"),
        Route("/id/{path:path}", handlers.resource),
        Route("/queries", handlers.queries),
        Route("/queries/{name}", handlers.canned),
        Route("/ontology", handlers.ontology),
        Route("/ontology.{ext}", handlers.ontology),
        Route("/context.jsonld", handlers.context),
        Route("/.well-known/void", handlers.void),
        Route("/status", handlers.status),
        Route("/graph", handlers.graph),
        Route("/static/viz/{name}", handlers.viz_asset),
        Mount("/static", StaticFiles(directory=str(ASSETS)), name="static"),
    ]
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(LimitURL, max_url=limits.max_url),
        Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "HEAD"],
                   allow_headers=["Accept", "Content-Type"], allow_credentials=False, max_age=600),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={HTTPException: http_error, GovgraphError: user_error, Exception: unexpected})
    app.state.handlers = handlers
    return app
