"""Running the application: the backend chosen, the socket bound, uvicorn started, the URL printed."""


from __future__ import annotations

import socket
import sys
from pathlib import Path

from .. import config
from ..errors import GovgraphError
from .app import create_app
from .backends import EmbeddedBackend, Limits, RemoteBackend

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def backend_for(endpoint: str | None, home: Path | None, limits: Limits):
    if endpoint:
        if not endpoint.startswith(("http://", "https://")):
            raise GovgraphError(endpoint, "an endpoint must be an http:// or https:// URL")
        return RemoteBackend(endpoint, limits)
    return EmbeddedBackend(home or config.home(), limits)


def build_base(home: Path) -> str | None:
    """The base IRI the current build was made with (from its summary), if there is one."""
    from ..store import read_summary

    try:
        return read_summary(home).get("base")
    except (GovgraphError, OSError, ValueError):
        return None


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *, endpoint: str | None = None, home: Path | None = None,
          base: str | None = None, limits: Limits | None = None, log_level: str = "warning") -> None:
    """Serve until interrupted. Binds first, then prints the URL on stdout (one line), so that a caller can wait
    for it; ``port=0`` picks a free port."""
    import uvicorn

    limits = limits or Limits()
    home = home or config.home()
    backend = backend_for(endpoint, home, limits)
    base = base or (None if endpoint else build_base(home)) or config.base_iri()
    app = create_app(backend, limits, base)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit this: without it, keep-alive clients wait ~40 ms for every answer
    # (Nagle's algorithm meets delayed ACKs when headers and body leave in separate writes).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        raise GovgraphError(f"{host}:{port}", f"cannot listen there ({exc.strerror or exc})") from None
    sock.listen(1024)
    actual = sock.getsockname()[1]
    shown_host = f"[{host}]" if family == socket.AF_INET6 else host
    server = uvicorn.Server(uvicorn.Config(app, log_level=log_level, access_log=False, timeout_keep_alive=5,
                                           limit_concurrency=max(64, limits.max_queue * 2),
                                           h11_max_incomplete_event_size=limits.max_url + 8192,
                                           server_header=False))

    async def announce():
        print(f"http://{shown_host}:{actual}/", flush=True)

    config_startup = server.startup

    async def startup(sockets=None):
        await config_startup(sockets=sockets)
        if server.started:
            await announce()
            print(f"govgraph: serving {backend.description} at http://{shown_host}:{actual}/ "
                  f"(SPARQL at /sparql; Ctrl-C stops)", file=sys.stderr, flush=True)

    server.startup = startup
    server.run(sockets=[sock])

