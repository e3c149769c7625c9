"""Canned governance queries: the catalogue in ``queries/``, run with bound parameters on any engine.

In a notebook::

    >>> import govgraph
    >>> answer = govgraph.query("group-members-not-signed")            # doctest: +SKIP
    >>> [row["iso3"] for row in answer]                                 # doctest: +SKIP
    ['GBR', 'USA']
    >>> govgraph.query("signatories", declaration="").columns          # every declaration  # doctest: +SKIP

Rule for query authors (enforced by the loader): every parameter variable appears in the SELECT clause (and
GROUP BY when aggregating) and is bound by a triple pattern of the main WHERE group, because pyoxigraph only
substitutes projected variables and remote endpoints receive a trailing VALUES block.

``run(name_or_path, engine, **params)`` is the engine-level call the CLI, the server and the tests share;
``Answer`` holds ``columns`` and ``rows`` (lists of Python values), iterates as dicts and renders itself with
``to(fmt)`` (table, csv, tsv, json, md).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .catalogue import CannedQuery, Parameter, find, load_catalogue, read_query
from .engines import EmbeddedEngine, Engine, RdflibEngine, RemoteEngine
from .formats import FORMATS, render
from .params import bind


@dataclass
class Answer:
    query: CannedQuery
    columns: list[str]
    rows: list[list[Any]]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return (dict(zip(self.columns, row)) for row in self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def dicts(self) -> list[dict[str, Any]]:
        return list(self)

    def to(self, fmt: str) -> str:
        return render(self.columns, self.rows, fmt)


def run(name_or_path: str | CannedQuery, engine: Engine, **params: str) -> Answer:
    query = name_or_path if isinstance(name_or_path, CannedQuery) else find(str(name_or_path))
    bindings = bind(query, {k: str(v) for k, v in params.items()}, engine)
    columns, rows = engine.select(query.text, bindings)
    return Answer(query, columns, rows)


def engine_for(endpoint: str | None = None, home: Path | None = None) -> Engine:
    if endpoint:
        return RemoteEngine(endpoint)
    from ..store import open_store

    return EmbeddedEngine(open_store(home))


def query(name_or_path: str, *, endpoint: str | None = None, home: Path | None = None, **params: Any) -> Answer:
    """Run a canned query (by name) or a query file on the built store, or on ``endpoint``."""
    return run(name_or_path, engine_for(endpoint, home), **params)


__all__ = ["FORMATS", "Answer", "CannedQuery", "EmbeddedEngine", "Parameter", "RdflibEngine", "RemoteEngine",
           "engine_for", "find", "load_catalogue", "query", "read_query", "run"]
