"""Where the server's queries run: the embedded store (through the worker pool) or an external endpoint.

Both answer the same three calls, so every page, the SPARQL endpoint and the canned queries work the same over
either (``govgraph serve`` and ``govgraph serve --endpoint URL``):

- ``sparql(text, verdict, fmt, default_graphs, named_graphs)``: a SPARQL Protocol request, written in ``fmt``;
- ``rows(text, bindings)``: a SELECT's variables and rows (dicts of terms), for pages;
- ``canned(query, params)``: a canned query with its parameters bound by the catalogue's rules.

Both enforce the same limits (:class:`Limits`): time, rows. Over an endpoint, results are read, capped and
written again by our own writers, so the client sees the same formats and limits as on the embedded store.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import GovgraphError
from . import results
from .guard import Verdict
from .pool import PoolError, WorkerPool


@dataclass(frozen=True)
class Limits:
    """What one request may cost. Every value is a ``govgraph serve`` option (see README, Security and limits)."""

    timeout: float = 10.0  # seconds a query may run before it is stopped (503)
    max_rows: int = 10_000  # result rows (SELECT) or triples (CONSTRUCT, DESCRIBE) sent; the rest is cut
    max_body: int = 1 * 2**20  # bytes of a POST body (413 beyond)
    max_url: int = 16 * 2**10  # bytes of a request target, path and query string (414 beyond)
    max_page_statements: int = 2_000  # statements shown on a resource page, each way
    workers: int = 2  # query worker processes kept ready
    max_workers: int = 8  # the most there may be under load
    max_queue: int = 256  # requests waiting for a worker before the server answers 503 at once


@dataclass
class Reply:
    body: bytes
    fmt: results.Format
    truncated: bool


class BackendError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _rows_as_dicts(variables: list[str], rows: list[tuple]) -> list[dict]:
    return [{v: t for v, t in zip(variables, row, strict=True) if t is not None} for row in rows]


class EmbeddedBackend:
    """The build ``current`` points at under ``home``, queried by worker processes."""

    def __init__(self, home: Path, limits: Limits) -> None:
        from ..store import current_build

        current_build(home)  # fail now, with a message, if there is nothing built
        self.home = home
        self.limits = limits
        self.pool = WorkerPool(lambda: os.fspath(current_build(home)), limits.workers, limits.max_workers,
                               limits.max_queue, link=os.fspath(home / "current"))
        self.description = f"the embedded store of {home}"

    async def start(self) -> None:
        await self.pool.start()

    async def close(self) -> None:
        await self.pool.close()

    async def _call(self, request: tuple):
        try:
            reply = await self.pool.call(request, self.limits.timeout)
        except PoolError as exc:
            raise BackendError(exc.status, exc.message) from None
        if reply[0] == "error":
            raise BackendError(reply[1], reply[2])
        return reply

    async def sparql(self, text: str, verdict: Verdict, fmt: str, default_graphs=(), named_graphs=()) -> Reply:
        _ok, body, fmt, truncated = await self._call(("sparql", text, fmt, list(default_graphs), list(named_graphs),
                                                      verdict.dataset, self.limits.max_rows))
        return Reply(body, results.BY_NAME[fmt], truncated)

    async def rows(self, text: str, bindings: dict | None = None, max_rows: int | None = None):
        _ok, variables, rows, truncated = await self._call(("rows", text, bindings or {}, max_rows or self.limits.max_rows))
        return variables, _rows_as_dicts(variables, rows), truncated

    async def canned(self, query, params: dict[str, str]):
        _ok, variables, rows, truncated = await self._call(("canned", query, params, self.limits.max_rows))
        return variables, _rows_as_dicts(variables, rows), truncated

    def status(self) -> dict:
        return {"backend": "embedded", "server_pid": os.getpid(), **self.pool.status()}


class RemoteBackend:
    """An external SPARQL 1.1 endpoint holding the dataset (its default graph the union of the graphs), reached
    through SPARQLWrapper in threads; at most ``max_workers`` requests to it at once."""

    def __init__(self, url: str, limits: Limits) -> None:
        from ..queries.engines import RemoteEngine

        self.engine = RemoteEngine(url, timeout=limits.timeout)
        self.limits = limits
        self._slots = asyncio.Semaphore(limits.max_workers)
        self.description = f"the SPARQL endpoint {url}"

    async def start(self) -> None:
        await self._thread(self.engine._run, "ASK {}")  # fail at start, with a message, if it does not answer

    async def close(self) -> None:
        pass

    async def _thread(self, function, *args):
        async with self._slots:
            try:
                return await asyncio.wait_for(asyncio.to_thread(function, *args), self.limits.timeout + 5)
            except TimeoutError:
                raise BackendError(503, f"the endpoint did not answer within {self.limits.timeout:g} s") from None
            except GovgraphError as exc:
                status = 503 if "did not answer" in exc.what else 400 if "refused" in exc.what else 502
                raise BackendError(status, str(exc)) from None

    async def sparql(self, text: str, verdict: Verdict, fmt: str, default_graphs=(), named_graphs=()) -> Reply:
        limit = self.limits.max_rows
        if verdict.is_graph:
            triples = await self._thread(self.engine.graph, text, verdict.form, list(default_graphs), list(named_graphs))
            fmt = fmt if fmt in ("turtle", "ntriples", "jsonld", "rdfxml") else "turtle"
            from ..rdf import PREFIXES

            return Reply(results.write_graph(triples[:limit], fmt, PREFIXES), results.BY_NAME[fmt], len(triples) > limit)
        answer = await self._thread(self.engine._run, text, verdict.form or None, list(default_graphs), list(named_graphs))
        fmt = fmt if fmt in ("json", "xml", "csv", "tsv") else "json"
        if "boolean" in answer:
            return Reply(results.write_boolean(answer["boolean"], fmt), results.BY_NAME[fmt], False)
        variables, rows = self._decode(answer)
        return Reply(results.write_select(variables, rows[:limit], fmt), results.BY_NAME[fmt], len(rows) > limit)

    def _decode(self, answer: dict) -> tuple[list[str], list[dict]]:
        from ..queries.engines import _from_json

        try:
            rows = [{c: _from_json(t) for c, t in b.items()} for b in answer["results"]["bindings"]]
        except (ValueError, KeyError, TypeError) as exc:
            raise BackendError(502, f"{self.engine.url}: the endpoint's answer holds a term that is not valid RDF ({exc})") from None
        return answer["head"]["vars"], rows

    async def rows(self, text: str, bindings: dict | None = None, max_rows: int | None = None):
        from ..queries.engines import with_values

        answer = await self._thread(self.engine._run, with_values(text, bindings or {}), "SELECT")
        variables, rows = self._decode(answer)
        limit = max_rows or self.limits.max_rows
        return variables, rows[:limit], len(rows) > limit

    async def canned(self, query, params: dict[str, str]):
        from ..queries.engines import with_values
        from ..queries.params import bind

        def run():
            try:
                bindings = bind(query, params, self.engine)
            except GovgraphError as exc:
                if exc.where == self.engine.url:
                    raise
                raise BackendError(400, str(exc)) from None
            return self.engine._run(with_values(query.text, bindings), "SELECT")

        variables, rows = self._decode(await self._thread(run))
        limit = self.limits.max_rows
        return variables, rows[:limit], len(rows) > limit

    def status(self) -> dict:
        return {"backend": "remote", "server_pid": os.getpid(), "endpoint": self.engine.url}


__all__ = ["BackendError", "EmbeddedBackend", "Limits", "RemoteBackend", "Reply"]
