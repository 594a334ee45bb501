"""`translit serve`: the LibreTranslate-compatible server and the editors' page.

Starlette, uvicorn and the translation stack are imported only when the command runs.
"""
from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

from .common import GlossaryOpt, echo_err, errors_to_exit, fail


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on. Anything but loopback "
                                      "should come with --api-keys.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", min=0, max=65535, help="Port (0: any free port).")] = 5000,
    glossary: GlossaryOpt = None,
    no_glossary: Annotated[bool, typer.Option("--no-glossary", help="No glossary: names left to the model, "
                                              "/normalize finds nothing.")] = False,
    api_keys: Annotated[Path | None, typer.Option("--api-keys", help="File of API keys, one per line "
                                                  "(at least 16 characters each); every API request must "
                                                  "carry one (api_key field or 'Authorization: Bearer').",
                                                  show_default=False)] = None,
    max_chars: Annotated[int, typer.Option("--max-chars", min=1, help="Characters of text per request "
                                           "(413 above).")] = 50_000,
    batch_limit: Annotated[int, typer.Option("--batch-limit", min=1, help="Strings in one q list (400 above).")]
    = 1_000,
    queue_size: Annotated[int, typer.Option("--queue-size", min=1, help="Translation requests waiting or running "
                                            "at once (429 above).")] = 64,
    batch_wait: Annotated[float, typer.Option("--batch-wait-ms", min=0, help="How long the first request of a "
                                              "batch waits for others to join it.")] = 5.0,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds a translation may take "
                                           "(503 after).")] = 60.0,
    max_upload_mb: Annotated[float, typer.Option("--max-upload-mb", min=0.001, help="Size limit of an "
                                                 "uploaded file.")] = 10.0,
    file_ttl: Annotated[float, typer.Option("--file-ttl", min=1, help="Seconds a translated file waits for "
                                            "its download before it is deleted.")] = 600.0,
    cors_origin: Annotated[list[str] | None, typer.Option("--cors-origin", help="Allow browser pages from this "
                                                           "origin (repeatable; '*' for any). Default: none.",
                                                           show_default=False)] = None,
    access_log: Annotated[bool, typer.Option("--access-log", help="Log every request.")] = False,
) -> None:
    """Serve the LibreTranslate API, translit's own endpoints and the editors' page.

    Existing LibreTranslate clients work unchanged (POST /translate, /detect,
    /translate_file, GET /languages); translit adds /normalize, /romanize,
    /cyrillize, /lookup, /glossary/entries/ID and /healthz (OpenAPI at
    /openapi.json). The page for editors is at /. Models and glossaries are
    loaded once at start; concurrent requests share model batches. Ctrl-C or
    SIGTERM stops it after the requests in flight have finished.

    [bold]Examples[/bold]

      translit serve                                  # http://127.0.0.1:5000/

      translit serve --port 8080 --glossary bundled --glossary team.yaml

      translit serve --host 0.0.0.0 --api-keys keys.txt --cors-origin https://cms.example.org

      curl -s localhost:5000/translate -H 'Content-Type: application/json' -d '{"q": "Kyiv", "source": "en", "target": "uk"}'
    """
    try:
        from ..serve import run
        from ..serve.service import ServeConfig, load_api_keys
    except ImportError as exc:
        fail(f"the server needs the 'serve' extra: pip install 'translit[serve]' ({exc.name} is missing)")
    keys = None
    if api_keys is not None:
        with errors_to_exit():
            keys = load_api_keys(api_keys)
    if not _loopback(host) and keys is None:
        echo_err(f"Warning: listening on {host} without --api-keys: anyone who can reach this address can "
                 "use the server")
    config = ServeConfig(
        host=host, port=port, glossary=glossary, no_glossary=no_glossary, api_keys=keys, max_chars=max_chars,
        batch_limit=batch_limit, queue_size=queue_size, batch_wait_ms=batch_wait, timeout=timeout,
        max_upload=int(max_upload_mb * 1024 * 1024), file_ttl=file_ttl, cors_origins=list(cors_origin or []),
        access_log=access_log,
    )
    with errors_to_exit():
        code = run(config)
    raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
