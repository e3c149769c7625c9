"""A query worker: a child process that holds the store open read-only and answers one request at a time.

Queries run in worker processes, not in the server, because pyoxigraph cannot interrupt a running query: a
query past its time limit is stopped by killing its process (see :mod:`govgraph.serve.pool`), and the server
goes on. The worker writes the answer in the requested format itself, so that only bytes cross the pipe.

Requests and replies are tuples (pickled by :mod:`multiprocessing`):

- ``("sparql", text, fmt, default_graphs, named_graphs, own_dataset, max_rows)`` -> ``("ok", body, fmt, truncated)``
- ``("rows", text, bindings, max_rows)`` -> ``("ok", variables, rows, truncated)``: rows are tuples of terms
- ``("canned", query, params, max_rows)`` -> the same as ``rows``; parameters bound by the catalogue's rules
- any failure -> ``("error", http_status, message)``
"""

from __future__ import annotations

import os
import signal
from itertools import islice
from multiprocessing.connection import Connection

import pyoxigraph as ox

from ..errors import GovgraphError
from . import results


def main(conn: Connection, store_path: str) -> None:
    """The worker's loop: open the store, say ready, answer requests until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops its workers
    try:
        store = ox.Store.read_only(store_path)
    except OSError as exc:
        conn.send(("failed", f"cannot open the store {store_path}: {exc}"))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = handle(store, request)
        except GovgraphError as exc:
            reply = ("error", 400, str(exc))
        except SyntaxError as exc:
            reply = ("error", 400, f"the query is not valid SPARQL: {exc}")
        except (OSError, RuntimeError, ValueError, TypeError) as exc:
            reply = ("error", 500, f"the store could not answer: {exc}")
        conn.send(reply)


def _dataset(default_graphs, named_graphs, own_dataset: bool) -> dict:
    """The query's dataset: the union of all graphs as default graph, unless the request (default-graph-uri,
    named-graph-uri) or the query (FROM, FROM NAMED) names graphs. FROM graphs are graphs of the store, never
    fetched."""
    options: dict = {}
    if own_dataset and not default_graphs and not named_graphs:
        return options  # pyoxigraph would let the union option override the query's FROM
    if default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    else:
        options["use_default_graph_as_union"] = True
    if named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    return options


def handle(store: ox.Store, request: tuple):
    op = request[0]
    if op == "sparql":
        _op, text, fmt, default_graphs, named_graphs, own_dataset, max_rows = request
        answer = store.query(text, **_dataset(default_graphs, named_graphs, own_dataset))
        if isinstance(answer, ox.QueryBoolean):
            fmt = fmt if fmt in ("json", "xml", "csv", "tsv") else "json"
            return ("ok", results.write_boolean(bool(answer), fmt), fmt, False)
        if isinstance(answer, ox.QuerySolutions):
            fmt = fmt if fmt in ("json", "xml", "csv", "tsv") else "json"
            variables = [v.value for v in answer.variables]
            rows = list(islice(answer, max_rows + 1))
            return ("ok", results.write_select(variables, rows[:max_rows], fmt), fmt, len(rows) > max_rows)
        fmt = fmt if fmt in ("turtle", "ntriples", "jsonld", "rdfxml") else "turtle"
        triples = list(islice(answer, max_rows + 1))
        from ..rdf import PREFIXES

        return ("ok", results.write_graph(triples[:max_rows], fmt, PREFIXES), fmt, len(triples) > max_rows)
    if op == "rows":
        _op, text, bindings, max_rows = request
        return _rows(store.query(text, use_default_graph_as_union=True,
                                 substitutions={ox.Variable(k): v for k, v in bindings.items()}), max_rows)
    if op == "canned":
        from ..queries import EmbeddedEngine
        from ..queries.params import bind

        _op, query, params, max_rows = request
        bindings = bind(query, params, EmbeddedEngine(store))
        return _rows(store.query(query.text, use_default_graph_as_union=True,
                                 substitutions={ox.Variable(k): v for k, v in bindings.items()}), max_rows)
    return ("error", 500, f"unknown request {op!r}")


def _rows(answer, max_rows: int) -> tuple:
    if not isinstance(answer, ox.QuerySolutions):
        raise GovgraphError("query", "only SELECT queries give rows")
    variables = [v.value for v in answer.variables]
    rows = [tuple(s[v] for v in variables) for s in islice(answer, max_rows + 1)]
    return ("ok", variables, rows[:max_rows], len(rows) > max_rows)
