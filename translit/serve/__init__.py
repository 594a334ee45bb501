"""`translit serve`: a LibreTranslate-compatible HTTP API, translit's own endpoints, a page for editors.

- `service`: glossary, models and routes loaded once; the work, without HTTP
- `batcher`: one worker thread that shares CTranslate2 batches between requests
- `app`: the Starlette app (routes, errors, limits, CORS); `files`: translated files by token
- `static/`: the editors' page (plain HTML, CSS and JavaScript; nothing from a CDN)

From Python:

    from translit.serve import ServeConfig, Service, create_app
    app = create_app(Service.load(ServeConfig()))      # any ASGI server

Needs the `serve` extra (starlette, uvicorn, python-multipart).
"""
from __future__ import annotations

import signal
import socket
import sys

from .app import create_app
from .service import ApiError, ServeConfig, Service

__all__ = ["ApiError", "ServeConfig", "Service", "create_app", "run"]


def _bind(host: str, port: int) -> socket.socket:
    from ..errors import UsageError

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def run(config: ServeConfig) -> int:
    """Load everything, listen, serve until Ctrl-C or SIGTERM; the exit code.

    Raises GlossaryError / UsageError before listening when the glossary or the
    address is unusable.
    """
    import uvicorn

    service = Service.load(config)
    sock = _bind(config.host, config.port)
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    models = ", ".join(f"{a}→{b}" for a, b in sorted(service.routes)) or "none installed"
    sys.stderr.write(f"translit serve: http://{shown}:{port}/  ({len(service.glossary)} glossary entries; "
                     f"translation: {models})\n")
    sys.stderr.flush()
    app = create_app(service)
    server = uvicorn.Server(uvicorn.Config(
        app, log_level="info" if config.access_log else "warning", access_log=config.access_log,
        timeout_graceful_shutdown=5, proxy_headers=True, forwarded_allow_ips="127.0.0.1",
        server_header=False, lifespan="on",
    ))
    # uvicorn stops on SIGINT/SIGTERM (requests in flight finish, 5 s at most), then raises the
    # signal again for the previous handler: make that a no-op so a clean stop exits 0.
    stopped: list[int] = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda signum, frame: stopped.append(signum))
    server.run(sockets=[sock])
    sys.stderr.write("translit serve: stopped\n")
    return 0
