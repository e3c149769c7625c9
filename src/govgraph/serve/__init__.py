"""``govgraph serve``: the graph on the web, as linked-data users expect it.

A SPARQL 1.1 endpoint (read-only, bounded in time and size), a page or an RDF description at every resource's
IRI, the canned questions as pages with forms and downloads, the ontology, the JSON-LD context and the VoID
description. The same pages and limits work over the embedded store (queries in worker processes that can be
stopped) and over an external SPARQL endpoint (``--endpoint URL``, after ``govgraph push``).

In Python::

    >>> from govgraph.serve import create_app, EmbeddedBackend, Limits   # doctest: +SKIP
    >>> app = create_app(EmbeddedBackend(Path(".govgraph"), Limits()))   # any ASGI server runs it
"""

from __future__ import annotations

from importlib import import_module

_EXPORTS = {"create_app": "app", "EmbeddedBackend": "backends", "RemoteBackend": "backends", "Limits": "backends",
            "serve": "server"}


def __getattr__(name: str):  # imported on first use: the CLI's other commands need not load Starlette
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(name)


__all__ = ["EmbeddedBackend", "Limits", "RemoteBackend", "create_app", "serve"]
