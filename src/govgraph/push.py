"""``govgraph push``: load the built dataset into an external SPARQL 1.1 store, graph by graph.

When one machine is not enough, the dataset goes to a shared triple store (Oxigraph, Fuseki, GraphDB, ...).
A push replaces the store's copies of *our* named graphs with the ones of the current build and leaves every
other graph of the store alone. Two things make this safe to run against a store other people query:

**Each graph is replaced atomically.** Nothing is written into a graph directly. Every graph is first
uploaded under a temporary name, ``urn:govgraph:push:<run>:<graph IRI>`` where ``<run>`` is the UTC time and
a random token unique to this run (``urn:govgraph:push:20250211T101500Z-3f9a1c2b5d7e9f01:https://w3id.org/
govgraph/graph/catalogue``), either with the Graph Store HTTP Protocol (``PUT <gsp>?graph=<tmp>`` with an
N-Triples body, when ``--gsp`` is given) or with SPARQL Update ``INSERT DATA`` in batches. Only when every
graph is staged does the push replace them, one SPARQL Update request per graph::

    DELETE { GRAPH <g> { ?s ?p ?o } } WHERE { GRAPH <g> { ?s ?p ?o } FILTER EXISTS { GRAPH <tmp> { ?a ?b ?c } } } ;
    ADD SILENT GRAPH <tmp> TO GRAPH <g> ;
    DROP SILENT GRAPH <tmp>

A SPARQL 1.1 Update service treats a request atomically, so a reader sees the old graph or the new one,
never a mix. While the staged copy exists this is exactly ``MOVE SILENT <tmp> TO <g>``; when it does not,
it does nothing, where ``MOVE SILENT`` would empty ``<g>``. That matters because a request whose answer is
lost may have been applied, and is retried: a retried ``MOVE SILENT`` would wipe the graph it had just
replaced. Every request of a push can be repeated with the same result (the first batch of a graph drops the
temporary graph first and carries every triple with a blank node, since blank node labels hold only within
one request), so connection errors, timeouts and HTTP 5xx/429 answers are retried with exponential backoff.

A failure (after the retries, or at once on any other 4xx answer) leaves each graph in its old or its new
version; the push then drops its temporary graphs (best effort: if the store cannot be reached, they stay,
and the error names them; they are safe to ``DROP``), and says which graphs were replaced and which were not.
While a push runs, a store that serves the union of its graphs as the default graph also shows the staged
copies there.

**Credentials come from the environment only**: ``GOVGRAPH_PUSH_TOKEN`` (sent as ``Authorization: Bearer``),
or ``GOVGRAPH_PUSH_USER`` and ``GOVGRAPH_PUSH_PASSWORD`` (HTTP Basic), or else the ``user:password@`` of the
URL itself. They are never printed: messages name an endpoint without its user information, and any text
from the store that quotes a secret has it blanked out. Redirects are not followed, so credentials never
travel to another address.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import http.client
import os
import secrets
import ssl
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .errors import GovgraphError, UsageError

TMP_PREFIX = "urn:govgraph:push:"
BATCH_SIZE = 5000
TOKEN_ENV = "GOVGRAPH_PUSH_TOKEN"
USER_ENV = "GOVGRAPH_PUSH_USER"
PASSWORD_ENV = "GOVGRAPH_PUSH_PASSWORD"
USER_AGENT = "govgraph-push (https://w3id.org/govgraph/)"
_MESSAGE_CHARS = 200


# ---------------------------------------------------------------------------------------------------------
# What a push did


@dataclass
class PushReport:
    """A successful push: the endpoint (without credentials), the graphs replaced (IRI -> triples, in the
    order they were replaced), the time it took and the number of HTTP requests."""

    endpoint: str
    graphs: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0
    requests: int = 0
    base: str | None = None  # the dataset's base IRI, to name graphs briefly

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())

    def lines(self) -> list[str]:
        out = [f"replaced {_short(iri, self.base):<48} {count:>9,} triples" for iri, count in self.graphs.items()]
        out.append(f"pushed {self.triples:,} triples in {len(self.graphs)} graph(s) to {self.endpoint} "
                   f"in {self.elapsed:.1f} s ({self.requests} requests)")
        return out


class PushError(GovgraphError):
    """A push that failed. ``replaced`` graphs hold the new version, ``not_replaced`` the old one (or none);
    ``uncertain`` is a graph whose replace request got no answer (old or new version, whole either way);
    ``leftovers`` are temporary graphs the push could not drop."""

    def __init__(self, where: str, what: str, *, replaced: list[str], not_replaced: list[str],
                 uncertain: list[str], leftovers: list[str]) -> None:
        super().__init__(where, what)
        self.replaced = replaced
        self.not_replaced = not_replaced
        self.uncertain = uncertain
        self.leftovers = leftovers


class _RequestFailed(Exception):
    """One request failed for good. ``maybe_applied``: the store may have carried it out anyway (it was
    sent and no answer came back)."""

    def __init__(self, what: str, maybe_applied: bool) -> None:
        super().__init__(what)
        self.what = what
        self.maybe_applied = maybe_applied


# ---------------------------------------------------------------------------------------------------------
# Endpoints and credentials


@dataclass
class _Endpoint:
    url: str  # without user information: safe to print
    authorization: str | None = field(default=None, repr=False)

    def __str__(self) -> str:
        return self.url


def _credentials() -> tuple[str | None, str | None, str | None]:
    token = os.environ.get(TOKEN_ENV) or None
    user = os.environ.get(USER_ENV) or None
    password = os.environ.get(PASSWORD_ENV)
    if token and not (token.isascii() and token.isprintable() and " " not in token):
        raise GovgraphError("environment", f"{TOKEN_ENV} holds characters a bearer token cannot have")
    if token and (user or password):
        raise GovgraphError("environment", f"set either {TOKEN_ENV} or {USER_ENV} and {PASSWORD_ENV}, not both")
    if password is not None and not user:
        raise GovgraphError("environment", f"{PASSWORD_ENV} is set but {USER_ENV} is not")
    if user and password is None:
        raise GovgraphError("environment", f"{USER_ENV} is set but {PASSWORD_ENV} is not")
    return token, user, password


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def _endpoint(url: str, option: str, secrets_seen: list[str]) -> _Endpoint:
    """The URL without its user information, and the Authorization header to send to it."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        raise GovgraphError(option, "not a valid http:// or https:// URL") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise GovgraphError(option, "the store's endpoint must be an http:// or https:// URL")
    netloc = parts.netloc.rpartition("@")[2]
    clean = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
    if not clean.isascii() or any(c.isspace() or not c.isprintable() for c in clean):
        raise GovgraphError(_safe_url(clean), "the URL holds spaces or characters other than ASCII: percent-encode them")
    url_user = urllib.parse.unquote(parts.username) if parts.username else None
    url_password = urllib.parse.unquote(parts.password) if parts.password is not None else None
    if url_password:
        secrets_seen.append(url_password)
    token, user, password = _credentials()
    authorization = None
    if token:
        authorization = f"Bearer {token}"
        secrets_seen.append(token)
    elif user:
        authorization = _basic(user, password or "")
        if password:
            secrets_seen += [password, f"{user}:{password}"]
    elif url_user is not None:
        authorization = _basic(url_user, url_password or "")
        if url_password:
            secrets_seen.append(f"{url_user}:{url_password}")
    if authorization:
        secrets_seen.append(authorization.split(" ", 1)[1])
    return _Endpoint(clean, authorization)


def _safe_url(url: str) -> str:
    """A URL fit for a message: no user information, no query string, no fragment."""
    try:
        parts = urllib.parse.urlsplit(url)
        return urllib.parse.urlunsplit((parts.scheme, parts.netloc.rpartition("@")[2], parts.path, "", ""))
    except ValueError:
        return "(an unreadable address)"


# ---------------------------------------------------------------------------------------------------------
# HTTP


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are reported, not followed: credentials must not travel to another address."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class _Client:
    """Sends the requests of one push: retries, backoff, one-line errors with every secret blanked out."""

    def __init__(self, timeout: float, retries: int, backoff: float, secrets_seen: list[str]) -> None:
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.secrets = sorted({s for s in secrets_seen if s}, key=len, reverse=True)
        self.requests = 0
        self._opener = urllib.request.build_opener(_NoRedirect())

    def scrub(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text

    def update(self, endpoint: _Endpoint, text: str, what: str) -> None:
        self.send(endpoint, endpoint.url, "POST", text.encode("utf-8"),
                  "application/sparql-update; charset=utf-8", what)

    def send(self, endpoint: _Endpoint, url: str, method: str, body: bytes, content_type: str, what: str) -> None:
        """Send one request, retrying transient failures; raise _RequestFailed when it fails for good."""
        headers = {"Content-Type": content_type, "Accept": "*/*", "User-Agent": USER_AGENT}
        if endpoint.authorization:
            headers["Authorization"] = endpoint.authorization
        attempt = 0
        maybe_applied = False
        while True:
            attempt += 1
            self.requests += 1
            request = urllib.request.Request(url, data=body, method=method, headers=headers)
            transient, applied, reason = self._attempt(request)
            if reason is None:
                return
            maybe_applied = maybe_applied or applied
            if not transient or attempt > self.retries:
                tries = f" (after {attempt} attempts)" if attempt > 1 else ""
                raise _RequestFailed(f"{what}: {reason}{tries}", maybe_applied)
            time.sleep(self.backoff * 2 ** (attempt - 1))

    def _attempt(self, request: urllib.request.Request) -> tuple[bool, bool, str | None]:
        """(transient, maybe applied, reason) of a failed attempt; reason None when the store said yes."""
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                response.read()
            return False, True, None
        except urllib.error.HTTPError as exc:
            code = exc.code
            detail = self._first_line(exc)
            if 300 <= code < 400:
                location = exc.headers.get("Location", "") if exc.headers else ""
                where = f" to {_safe_url(location)}" if location else ""
                return False, False, f"the store redirected the request{where} (HTTP {code}); give that URL instead"
            if code in (401, 403):
                return False, False, (f"the store refused the credentials (HTTP {code}{': ' + detail if detail else ''}); "
                                      f"set {TOKEN_ENV}, or {USER_ENV} and {PASSWORD_ENV}")
            text = f"the store answered HTTP {code}" + (f": {detail}" if detail else "")
            if code == 429 or code >= 500:
                return True, code >= 500, text
            return False, False, text
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, ssl.SSLCertVerificationError):
                return False, False, f"the store's TLS certificate is not trusted ({reason.verify_message})"
            if isinstance(reason, ConnectionRefusedError):
                return True, False, "cannot reach the store (connection refused)"
            if isinstance(reason, TimeoutError):
                return True, True, f"no answer within {self.timeout:g} s"
            if isinstance(reason, ConnectionError):
                return True, True, f"the connection broke ({type(reason).__name__})"
            return True, True, f"cannot reach the store ({self._one_line(str(reason))})"
        except TimeoutError:
            return True, True, f"no answer within {self.timeout:g} s"
        except (ConnectionError, http.client.HTTPException, OSError) as exc:
            return True, True, f"the connection broke ({type(exc).__name__})"
        except ValueError as exc:  # http.client refusing a header or URL it cannot send
            return False, False, f"the request could not be sent ({type(exc).__name__})"

    def _one_line(self, text: str) -> str:
        """The first non-blank line of a text from outside, secrets blanked out, then cut to a readable length."""
        line = next((part.strip() for part in self.scrub(text).splitlines() if part.strip()), "")
        return line if len(line) <= _MESSAGE_CHARS else line[:_MESSAGE_CHARS - 1] + "…"

    def _first_line(self, exc: urllib.error.HTTPError) -> str:
        try:
            body = exc.read(4096)
        except (OSError, http.client.HTTPException):
            return ""
        finally:
            exc.close()
        return self._one_line(body.decode("utf-8", errors="replace")) if body else ""


# ---------------------------------------------------------------------------------------------------------
# The dataset and the requests that load it


def _short(iri: str, base: str | None = None) -> str:
    from . import config

    base = base or config.DEFAULT_BASE
    return iri.removeprefix(base)


def run_token() -> str:
    """A name for this run, unique to it: the UTC time and 64 random bits."""
    return datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(8)


def temporary_graph(graph: str, token: str) -> str:
    """The name a graph is staged under: ``urn:govgraph:push:<token>:<graph IRI>``."""
    return f"{TMP_PREFIX}{token}:{graph}"


def _has_blank_node(triple: ox.Triple) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def _nt(triples: list[ox.Triple]) -> bytes:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def insert_batches(triples: list[ox.Triple], tmp: str, batch_size: int = BATCH_SIZE) -> list[str]:
    """SPARQL Update requests that stage ``triples`` in the graph ``tmp``, ``batch_size`` triples each.

    The first request drops ``tmp`` first and carries every triple with a blank node (however many), so that
    every request gives the same result when it is sent twice. Terms are written by pyoxigraph.
    """
    name = str(ox.NamedNode(tmp))
    with_blank = [t for t in triples if _has_blank_node(t)]
    ground = [t for t in triples if not _has_blank_node(t)]
    first = max(batch_size - len(with_blank), 0)
    chunks = [with_blank + ground[:first]]
    chunks += [ground[i:i + batch_size] for i in range(first, len(ground), batch_size)]
    requests = []
    for index, chunk in enumerate(chunks):
        drop = f"DROP SILENT GRAPH {name} ;\n" if index == 0 else ""
        body = _nt(chunk).decode("utf-8") if chunk else ""
        requests.append(f"{drop}INSERT DATA {{ GRAPH {name} {{\n{body}}} }}\n")
    return requests


def replace_update(graph: str, tmp: str) -> str:
    """The one request that replaces ``graph`` by the staged ``tmp``: ``MOVE SILENT`` while ``tmp`` exists,
    nothing when it does not (so that a retry after a lost answer cannot empty ``graph``)."""
    g, t = str(ox.NamedNode(graph)), str(ox.NamedNode(tmp))
    return (f"DELETE {{ GRAPH {g} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
            f"FILTER EXISTS {{ GRAPH {t} {{ ?a ?b ?c }} }} }} ;\n"
            f"ADD SILENT GRAPH {t} TO GRAPH {g} ;\n"
            f"DROP SILENT GRAPH {t}\n")


def drop_update(tmps: list[str]) -> str:
    return " ;\n".join(f"DROP SILENT GRAPH {ox.NamedNode(t)}" for t in tmps) + "\n"


def _gsp_url(gsp: str, tmp: str) -> str:
    return gsp + ("&" if "?" in gsp else "?") + urllib.parse.urlencode({"graph": tmp})


def _read_graphs(home: Path | None, graphs: list[str] | None) -> tuple[dict[str, list[ox.Triple]], str]:
    """The triples of each named graph to push (graphs sorted by IRI), and the dataset's base IRI."""
    from .export.core import load, resolve_graphs

    dataset = load(home)
    if not dataset.named_only:
        raise GovgraphError(str(dataset.build or "dataset"), "the dataset has statements in the default graph; "
                            "only named graphs can be pushed")
    wanted = set(resolve_graphs(dataset, list(graphs)) if graphs else dataset.graph_names())
    by_graph: dict[str, list[ox.Triple]] = {iri: [] for iri in sorted(wanted)}
    for quad in dataset.quads:
        triples = by_graph.get(quad.graph_name.value)
        if triples is not None:
            triples.append(quad.triple)
    return by_graph, dataset.base


# ---------------------------------------------------------------------------------------------------------
# The push


def push(endpoint: str, *, gsp: str | None = None, graphs: list[str] | None = None, home: Path | None = None,
         timeout: float = 60, retries: int = 3, backoff: float = 0.5, batch_size: int = BATCH_SIZE) -> PushReport:
    """Replace the store's copies of the dataset's named graphs (or of ``graphs``: short names or IRIs) with
    those of the current build under ``home``.

    ``endpoint`` is the store's SPARQL 1.1 Update endpoint; ``gsp`` its Graph Store HTTP Protocol endpoint,
    used for the upload when given. Each request waits ``timeout`` seconds and is retried ``retries`` times
    on connection errors, timeouts and HTTP 5xx/429, after ``backoff``, then twice as long each time.
    Raises :class:`PushError` (a GovgraphError) naming the graphs replaced and not replaced.
    """
    if not timeout > 0:
        raise UsageError("--timeout", "must be a positive number of seconds")
    if retries < 0:
        raise UsageError("--retries", "must be 0 or more")
    if batch_size < 1:
        raise UsageError("--batch-size", "must be 1 or more")
    started = time.perf_counter()
    secrets_seen: list[str] = []
    update_endpoint = _endpoint(endpoint, "--endpoint", secrets_seen)
    gsp_endpoint = _endpoint(gsp, "--gsp", secrets_seen) if gsp else None
    client = _Client(timeout, retries, max(backoff, 0.0), secrets_seen)
    by_graph, base = _read_graphs(Path(home) if home is not None else None, graphs)
    token = run_token()
    staged = {graph: temporary_graph(graph, token) for graph in by_graph}
    report = PushReport(str(update_endpoint), base=base)
    where = str(update_endpoint)
    uploaded: set[str] = set()  # graphs with at least one staging request carried out
    current: str | None = None
    swapping = False
    try:
        for graph, triples in by_graph.items():
            current = graph
            what = f"uploading {_short(graph, base)}"
            if gsp_endpoint is not None:
                where = str(gsp_endpoint)
                client.send(gsp_endpoint, _gsp_url(gsp_endpoint.url, staged[graph]), "PUT", _nt(triples),
                            "application/n-triples", what)
                uploaded.add(graph)
            else:
                where = str(update_endpoint)
                batches = insert_batches(triples, staged[graph], batch_size)
                for number, text in enumerate(batches, 1):
                    part = f" (batch {number} of {len(batches)})" if len(batches) > 1 else ""
                    client.update(update_endpoint, text, what + part)
                    uploaded.add(graph)
        swapping = True
        where = str(update_endpoint)
        for graph, triples in by_graph.items():
            current = graph
            client.update(update_endpoint, replace_update(graph, staged[graph]), f"replacing {_short(graph, base)}")
            report.graphs[graph] = len(triples)
    except _RequestFailed as failure:
        if failure.maybe_applied and current is not None:
            uploaded.add(current)
        raise _failed(client, update_endpoint, where, failure, by_graph, staged, uploaded, report, current, swapping,
                      base) from None
    except BaseException:  # an interrupt: still try not to leave temporary graphs behind
        if current is not None:
            uploaded.add(current)
        _cleanup(client, update_endpoint, [staged[g] for g in by_graph if g in uploaded and g not in report.graphs])
        raise
    report.elapsed = time.perf_counter() - started
    report.requests = client.requests
    return report


def _cleanup(client: _Client, endpoint: _Endpoint, tmps: list[str]) -> list[str]:
    """Drop the temporary graphs (one request, no retry); the ones that may remain."""
    if not tmps:
        return []
    quick = _Client(min(client.timeout, 10), 0, 0, client.secrets)
    try:
        quick.update(endpoint, drop_update(tmps), "dropping the temporary graphs")
    except _RequestFailed:
        return tmps
    return []


def _failed(client, endpoint, where, failure, by_graph, staged, uploaded, report, current, swapping, base) -> PushError:
    replaced = list(report.graphs)
    uncertain = [current] if swapping and current and failure.maybe_applied else []
    not_replaced = [g for g in by_graph if g not in replaced and g not in uncertain]
    # Every staged copy not yet moved into place; the uncertain graph's too (if its replace was carried out,
    # the copy is gone already and the DROP SILENT does nothing).
    leftovers = _cleanup(client, endpoint, [staged[g] for g in by_graph if g in uploaded and g not in replaced])

    def names(iris: list[str]) -> str:
        return ", ".join(_short(i, base) for i in iris)

    parts = [failure.what]
    if not replaced and not uncertain:
        parts.append("no graph was replaced")
    else:
        parts.append(f"replaced {len(replaced)} graph(s)" + (f" ({names(replaced)})" if replaced else ""))
        if uncertain:
            parts.append(f"{names(uncertain)} holds its old or its new version (the store did not answer)")
        if not_replaced:
            parts.append(f"not replaced: {names(not_replaced)}")
    if leftovers:
        run = leftovers[0][len(TMP_PREFIX):].split(":", 1)[0]
        parts.append(f"{len(leftovers)} temporary graph(s) may remain, as dropping them failed too "
                     f"(names start with {TMP_PREFIX}{run}:)")
    elif uploaded - set(replaced):
        parts.append("temporary graphs dropped")
    return PushError(where, client.scrub("; ".join(parts)), replaced=replaced, not_replaced=not_replaced,
                     uncertain=uncertain, leftovers=leftovers)


# ---------------------------------------------------------------------------------------------------------
# Command line


def cmd_push(args: argparse.Namespace) -> int:
    """``govgraph push``: a line per graph replaced and a total on stderr; exit 0, or a GovgraphError."""
    from . import config

    report = push(args.endpoint, gsp=args.gsp, graphs=args.graph or None, home=config.home(), timeout=args.timeout,
                  retries=args.retries, batch_size=args.batch_size)
    for line in report.lines():
        print(f"govgraph: {line}", file=sys.stderr)
    return 0


def add_parser(subparsers) -> None:
    """Add ``push`` to the main parser's subcommands."""
    p = subparsers.add_parser(
        "push", help="load the built dataset into an external SPARQL store, replacing each of its graphs atomically",
        description="Load the current build into a SPARQL 1.1 store, graph by graph. Each graph is uploaded "
                    f"under a temporary name ({TMP_PREFIX}<run>:<graph IRI>) and then replaced in one update "
                    "request, so the store holds the old or the new version of every graph, never half of one; "
                    "the store's other graphs are left alone. Credentials come from the environment only: "
                    f"{TOKEN_ENV} (Bearer), or {USER_ENV} and {PASSWORD_ENV} (Basic), or the URL's user:password@; "
                    "they are never printed.")
    p.add_argument("--endpoint", required=True, metavar="URL",
                   help="the store's SPARQL 1.1 Update endpoint (Oxigraph: http://host:7878/update)")
    p.add_argument("--gsp", metavar="URL",
                   help="the store's Graph Store HTTP Protocol endpoint (Oxigraph: /store, Fuseki: /ds/data); "
                        "upload each graph with one PUT instead of INSERT DATA batches")
    p.add_argument("--graph", action="append", default=[], metavar="NAME",
                   help="only this named graph (a short name such as paris-statement-2025, or an IRI); repeatable")
    p.add_argument("--timeout", type=float, default=60, metavar="S", help="seconds to wait for each request (default 60)")
    p.add_argument("--retries", type=int, default=3, metavar="N",
                   help="retries of a request after a connection error, a timeout or HTTP 5xx/429, with exponential "
                        "backoff from 0.5 s (default 3)")
    p.add_argument("--batch-size", type=int, default=BATCH_SIZE, metavar="N",
                   help=f"triples per INSERT DATA request without --gsp (default {BATCH_SIZE:,})")
    p.set_defaults(func=cmd_push)


__all__ = ["TMP_PREFIX", "PushError", "PushReport", "add_parser", "cmd_push", "push", "temporary_graph"]
