"""govgraph: a knowledge graph of international AI governance, every fact backed by its source.

The same capabilities as the command line, for notebooks::

    >>> import govgraph
    >>> result = govgraph.build()                 # doctest: +SKIP
    >>> result.findings[0].message                # doctest: +SKIP
    >>> store = govgraph.open_store()             # a read-only pyoxigraph.Store  # doctest: +SKIP

Heavy libraries (rdflib, pyshacl) are imported only by the functions that need them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .build import BuildResult


def build(**kwargs: Any) -> "BuildResult":
    """Build, validate and install the dataset; see :func:`govgraph.build.build`."""
    from .build import build as _build

    return _build(**kwargs)


def open_store(home=None):
    """The embedded store of the current build, read-only (a ``pyoxigraph.Store``)."""
    from .store import open_store as _open

    return _open(home)


def validate(quads):
    """SHACL findings for an iterable of pyoxigraph quads; see :func:`govgraph.validate.validate`."""
    from .validate import validate as _validate

    return _validate(quads)


def query(name_or_path: str, *, endpoint: str | None = None, home=None, **params):
    """Answer a canned query by name (or a query file) with bound parameters; see :mod:`govgraph.queries`.

    >>> [row["iso3"] for row in govgraph.query("group-members-not-signed")]   # doctest: +SKIP
    ['GBR', 'USA']
    """
    from .queries import query as _query

    return _query(name_or_path, endpoint=endpoint, home=home, **params)


def stats(home=None) -> dict:
    """The summary of the current build: triples per graph, entities per class, findings."""
    from .store import read_summary

    return read_summary(home)


__all__ = ["build", "open_store", "query", "stats", "validate", "__version__"]
