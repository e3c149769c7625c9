"""``govgraph serve``: options and the command."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import UsageError
from .backends import Limits

DEFAULTS = Limits()


def add_serve_parser(sub) -> None:
    s = sub.add_parser("serve", help="serve the graph: SPARQL endpoint, linked-data pages, canned queries",
                       description="Serve the built graph (or an external store with --endpoint) over HTTP. "
                                   "Binds 127.0.0.1 unless told otherwise and prints its URL on stdout.")
    s.add_argument("--host", default="127.0.0.1", help="the address to listen on (default 127.0.0.1: this machine only)")
    s.add_argument("--port", type=int, default=8000, help="the port (default 8000; 0 picks a free one)")
    s.add_argument("--base", metavar="IRI", help="the base IRI of the resources (default: the build's, else GOVGRAPH_BASE)")
    s.add_argument("--endpoint", metavar="URL", help="serve over this SPARQL endpoint instead of the embedded store "
                                                    "(see `govgraph push`)")
    s.add_argument("--home", metavar="DIR", help="the built dataset to serve (default GOVGRAPH_HOME or .govgraph)")
    s.add_argument("--timeout", type=float, default=DEFAULTS.timeout, metavar="S",
                   help=f"seconds a query may run before it is stopped with 503 (default {DEFAULTS.timeout:g})")
    s.add_argument("--max-rows", type=int, default=DEFAULTS.max_rows, metavar="N",
                   help=f"rows or triples an answer may hold; the rest is cut (default {DEFAULTS.max_rows})")
    s.add_argument("--max-body", type=int, default=DEFAULTS.max_body, metavar="BYTES",
                   help=f"largest request body (default {DEFAULTS.max_body})")
    s.add_argument("--max-url", type=int, default=DEFAULTS.max_url, metavar="BYTES",
                   help=f"longest request target (default {DEFAULTS.max_url})")
    s.add_argument("--workers", type=int, default=DEFAULTS.workers, metavar="N",
                   help=f"query worker processes kept ready (default {DEFAULTS.workers})")
    s.add_argument("--max-workers", type=int, default=DEFAULTS.max_workers, metavar="N",
                   help=f"query worker processes at most, under load (default {DEFAULTS.max_workers})")
    s.set_defaults(func=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    from .server import serve

    for name in ("timeout", "max_rows", "max_body", "max_url", "workers", "max_workers"):
        if getattr(args, name) <= 0:
            raise UsageError("--" + name.replace("_", "-"), "must be a positive number")
    if not 0 <= args.port <= 65535:
        raise UsageError("--port", "must be between 0 and 65535")
    limits = Limits(timeout=args.timeout, max_rows=args.max_rows, max_body=args.max_body, max_url=args.max_url,
                    workers=args.workers, max_workers=max(args.workers, args.max_workers))
    serve(args.host, args.port, endpoint=args.endpoint, home=Path(args.home).resolve() if args.home else None,
          base=args.base, limits=limits)
    return 0
