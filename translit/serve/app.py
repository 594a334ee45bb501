"""The ASGI app: LibreTranslate-compatible routes, translit's own routes and the editors' page.

Every answer other than 200 is JSON `{"error": "..."}` with LibreTranslate's
codes (400 bad parameter, 403 key, 404, 413 too large, 429 queue full, 500
internal, 503 time limit). Blocking work (models, normalization) runs in worker
threads; the event loop only parses, checks and answers.
"""
from __future__ import annotations

import asyncio
import json
import logging
import sys
import time
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from collections.abc import Mapping
from typing import Any

import anyio
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .files import ZIP_FORMATS, FileStore, check_zip
from .service import ApiError, Service, key_ok

__all__ = ["create_app", "STATIC_DIR"]

log = logging.getLogger("translit.serve")
STATIC_DIR = Path(str(resources.files("translit.serve") / "static"))
OPENAPI_FILE = Path(str(resources.files("translit.serve") / "openapi.yaml"))


class JSONAnswer(JSONResponse):
    """JSON with non-ASCII letters as they are (as LibreTranslate answers)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def error(status: int, message: str, headers: Mapping[str, str] | None = None, **extra: Any) -> JSONAnswer:
    return JSONAnswer({"error": message, **extra}, status_code=status, headers=headers)


class _TooLarge(Exception):
    pass


class BodyLimit:
    """413 for a body over the limit: by Content-Length at once, else while it streams in."""

    def __init__(self, app: Any, limit: int, upload_limit: int, upload_paths: tuple[str, ...]):
        self.app = app
        self.limit = limit
        self.upload_limit = upload_limit
        self.upload_paths = upload_paths

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.upload_limit if scope["path"] in self.upload_paths else self.limit
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    size = int(value)
                except ValueError:
                    size = 0
                if size > limit:
                    await error(413, f"Request body too large ({size} bytes; limit {limit})")(scope, receive, send)
                    return
        seen = 0
        started = False

        async def counted() -> Any:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _TooLarge()
            return message

        async def tracked(message: Any) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except _TooLarge:
            if not started:
                await error(413, f"Request body too large (limit {limit} bytes)")(scope, receive, send)


async def _params(request: Request) -> dict[str, Any]:
    """Fields of a JSON, form-encoded or multipart body, plus the query string (as LibreTranslate reads them)."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    out: dict[str, Any] = dict(request.query_params)
    if ctype == "application/json" or ctype.endswith("+json"):
        body = await request.body()
        try:
            data = json.loads(body or b"null")
        except (ValueError, UnicodeDecodeError):
            raise ApiError(400, "Invalid JSON format") from None
        if not isinstance(data, dict):
            raise ApiError(400, "Invalid JSON format")
        out.update(data)
    elif ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        try:
            form = await request.form(max_files=1, max_fields=10_000)
        except _TooLarge:
            raise
        except Exception as exc:  # malformed multipart
            raise ApiError(400, f"Invalid request: cannot read the form ({exc})") from None
        for key in form.keys():
            values = form.getlist(key)
            out[key] = values if key == "q" and len(values) > 1 else values[-1]
    else:
        body = await request.body()
        if body.strip():
            try:
                data = json.loads(body)
            except (ValueError, UnicodeDecodeError):
                raise ApiError(400, "Invalid request: send JSON (Content-Type: application/json) or a form") from None
            if not isinstance(data, dict):
                raise ApiError(400, "Invalid JSON format")
            out.update(data)
    return out


def _text_list(value: Any, name: str = "q") -> tuple[list[str], bool]:
    """(strings, was_a_list) from a q value; 400 when missing or of the wrong type."""
    if value is None or value == "" or value == []:
        raise ApiError(400, f"Invalid request: missing {name} parameter")
    if isinstance(value, str):
        return [value], False
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value, True
    raise ApiError(400, f"Invalid request: {name} must be a string or a list of strings")


def _str_param(params: dict[str, Any], name: str, default: str | None = None, required: bool = False) -> str | None:
    value = params.get(name, default)
    if value is None or value == "":
        if required:
            raise ApiError(400, f"Invalid request: missing {name} parameter")
        return default
    if not isinstance(value, str):
        raise ApiError(400, f"Invalid request: {name} must be a string")
    return value.strip()


def _entry_ids(value: Any, service: Service) -> frozenset[str]:
    """translit's `skip_entries`: glossary entry ids (a list, or one comma-separated string); 400 if unknown."""
    if value is None or value == "" or value == []:
        return frozenset()
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ApiError(400, "Invalid request: skip_entries must be a list of glossary entry ids")
    if len(value) > service.config.batch_limit:
        raise ApiError(400, f"Invalid request: skip_entries has {len(value)} ids (limit {service.config.batch_limit})")
    unknown = sorted({v for v in value if service.glossary.get(v) is None})
    if unknown:
        shown = ", ".join(repr(v[:60]) for v in unknown[:5]) + (" ..." if len(unknown) > 5 else "")
        raise ApiError(400, f"Invalid request: skip_entries: no glossary entry {shown}")
    return frozenset(value)


def create_app(service: Service) -> Starlette:
    """The Starlette app around a loaded `Service`."""
    config = service.config
    store = FileStore(config.file_ttl)
    translate_slots = anyio.CapacityLimiter(config.queue_size)
    names_slots = anyio.CapacityLimiter(8)
    inflight = {"n": 0}

    def check_key(request: Request, params: dict[str, Any]) -> None:
        if config.api_keys is None:
            return
        given = params.get("api_key")
        auth = request.headers.get("authorization", "")
        if not given and auth.lower().startswith("bearer "):
            given = auth[7:].strip()
        if not isinstance(given, str) or not given:
            raise ApiError(403, "Missing API key: this server needs one (api_key)")
        if not key_ok(given, config.api_keys):
            raise ApiError(403, "Invalid API key")

    async def in_thread(limiter: anyio.CapacityLimiter, fn: Any, *args: Any) -> Any:
        return await anyio.to_thread.run_sync(fn, *args, limiter=limiter)

    async def translating(fn: Any, *args: Any) -> Any:
        """Run a translation in a worker thread: 429 when the queue is full, 503 past the time limit."""
        from .batcher import Closed, TimedOut

        if inflight["n"] >= config.queue_size:
            raise ApiError(429, f"Slowdown: {inflight['n']} translation requests are waiting; try again shortly",
                           )
        inflight["n"] += 1
        try:
            return await in_thread(translate_slots, fn, *args)
        except TimedOut:
            raise ApiError(503, f"Translation took longer than the time limit ({config.timeout:g} s)") from None
        except Closed:
            raise ApiError(503, "The server is shutting down") from None
        finally:
            inflight["n"] -= 1

    def check_size(texts: list[str]) -> None:
        chars = sum(len(t) for t in texts)
        if chars > config.max_chars:
            raise ApiError(413, f"Invalid request: request ({chars}) exceeds text limit ({config.max_chars})")

    async def texts_request(request: Request, fold_lines: bool = False) -> tuple[dict[str, Any], list[str], bool]:
        """A request on `q` texts: its parameters (key checked), the texts, and whether `q` was a list.

        400 for a missing `q` or a list over the batch limit, 413 over the text limit. With
        `fold_lines` (translate, as LibreTranslate) a form's CRLF line breaks become LF first.
        """
        params = await _params(request)
        check_key(request, params)
        texts, batch = _text_list(params.get("q"))
        if batch and len(texts) > config.batch_limit:
            raise ApiError(400, f"Invalid request: request ({len(texts)}) exceeds text limit ({config.batch_limit})")
        if fold_lines and not request.headers.get("content-type", "").startswith("application/json"):
            texts = ["\n".join(t.splitlines()) for t in texts]
        check_size(texts)
        return params, texts, batch

    # -- LibreTranslate-compatible ------------------------------------------------------------

    async def translate(request: Request) -> Response:
        params, texts, batch = await texts_request(request, fold_lines=True)
        source = _str_param(params, "source", required=True)
        target = _str_param(params, "target", required=True)
        fmt = _str_param(params, "format", "text")
        if fmt not in ("text", "html"):
            raise ApiError(400, f"{fmt} format is not supported")
        try:
            alternatives = max(0, int(params.get("alternatives", 0) or 0))
        except (TypeError, ValueError):
            raise ApiError(400, "Invalid request: alternatives parameter is not a number") from None
        if alternatives > config.alternatives_limit:
            raise ApiError(400, f"Invalid request: alternatives parameter must be <= {config.alternatives_limit}")
        skip = _entry_ids(params.get("skip_entries"), service)
        assert source is not None and target is not None
        src, detected = service.resolve_source(texts, source)
        deadline = time.monotonic() + config.timeout
        result = await translating(service.translate, texts, src, target, fmt, alternatives, deadline, skip)
        body: dict[str, Any] = {"translatedText": result["texts"] if batch else result["texts"][0]}
        if detected is not None:
            body["detectedLanguage"] = [detected] * len(texts) if batch else detected
        if alternatives > 0:
            body["alternatives"] = result["alternatives"] if batch else result["alternatives"][0]
        return JSONAnswer(body)

    async def languages(request: Request) -> Response:
        return JSONAnswer(service.languages())

    async def detect(request: Request) -> Response:
        _, texts, _ = await texts_request(request)
        return JSONAnswer(await in_thread(names_slots, service.detect, "\n".join(texts)))

    def file_formats() -> dict[str, str]:
        return service.document_formats()

    async def translate_file(request: Request) -> Response:
        ctype = request.headers.get("content-type", "")
        if not ctype.startswith("multipart/form-data"):
            raise ApiError(400, "Invalid request: send the file as multipart/form-data (field 'file')")
        try:
            form = await request.form(max_files=1, max_fields=20, max_part_size=config.max_upload)
        except _TooLarge:
            raise
        except Exception as exc:
            raise ApiError(400, f"Invalid request: cannot read the upload ({exc})") from None
        params = {k: form.get(k) for k in form.keys()}
        check_key(request, {k: v for k, v in params.items() if isinstance(v, str)})
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise ApiError(400, "Invalid request: missing file parameter")
        source = _str_param({k: v for k, v in params.items() if isinstance(v, str)}, "source", required=True)
        target = _str_param({k: v for k, v in params.items() if isinstance(v, str)}, "target", required=True)
        filename = Path(upload.filename or "").name
        if not filename:
            raise ApiError(400, "Invalid request: empty file")
        suffix = Path(filename).suffix.lower()
        formats = file_formats()
        if suffix not in formats:
            raise ApiError(400, f"Invalid request: file format not supported ({suffix or 'no extension'}; "
                                f"supported: {', '.join(sorted(formats))})")
        data = await upload.read()
        await upload.close()
        if not data:
            raise ApiError(400, "Invalid request: empty file")
        if len(data) > config.max_upload:
            raise ApiError(413, f"Invalid request: file too large ({len(data)} bytes; limit {config.max_upload})")
        if suffix in ZIP_FORMATS:
            check_zip(data, suffix[1:].upper(), 20 * config.max_upload)
        assert source is not None and target is not None
        deadline = time.monotonic() + config.timeout
        out, media = await translating(service.translate_file, data, suffix, source, target, config.max_chars,
                                       deadline)
        stem = Path(filename).stem
        token = store.put(out, f"{stem}.{target}{suffix}", media)
        url = str(request.url_for("download_file", token=token))
        return JSONAnswer({"translatedFileUrl": url})

    async def download_file(request: Request) -> Response:
        stored = store.take(request.path_params["token"])
        if stored is None:
            raise ApiError(404, "No such file (files are deleted after download or when their time is up)")
        return FileResponse(stored.path, media_type=stored.media_type, filename=stored.name,
                            background=BackgroundTask(stored.path.unlink, missing_ok=True))

    async def frontend_settings(request: Request) -> Response:
        return JSONAnswer({
            "charLimit": config.max_chars,
            "frontendTimeout": 500,
            "apiKeys": config.api_keys is not None,
            "keyRequired": config.api_keys is not None,
            "suggestions": False,
            "filesTranslation": True,
            "supportedFilesFormat": sorted(file_formats()),
            "language": {
                "source": {"code": "auto", "name": "Auto Detect"},
                "target": {"code": "uk", "name": "Ukrainian"},
            },
        })

    # -- translit's own -----------------------------------------------------------------------

    async def normalize(request: Request) -> Response:
        params, texts, batch = await texts_request(request)
        lang = _str_param(params, "lang", "auto") or "auto"
        fmt = _str_param(params, "format", "text")
        if fmt not in ("text", "html"):
            raise ApiError(400, f"{fmt} format is not supported")

        def run() -> list[dict[str, Any]]:
            return [service.normalize(t, lang, fmt or "text") for t in texts]

        results = await in_thread(names_slots, run)
        return JSONAnswer(results if batch else results[0])

    def scheme_route(kind: str) -> Any:
        async def handler(request: Request) -> Response:
            params, texts, batch = await texts_request(request)
            lang = _str_param(params, "lang", "uk") or "uk"
            scheme = _str_param(params, "scheme")
            fn = service.romanize if kind == "romanize" else service.cyrillize
            results = await in_thread(names_slots, lambda: [fn(t, lang, scheme) for t in texts])
            return JSONAnswer(results if batch else results[0])

        return handler

    async def lookup(request: Request) -> Response:
        params = dict(request.query_params)
        check_key(request, params)
        query = (params.get("q") or "").strip()
        if not query:
            raise ApiError(400, "Invalid request: missing q parameter")
        check_size([query])
        return JSONAnswer(await in_thread(names_slots, service.lookup, query))

    async def entry(request: Request) -> Response:
        check_key(request, dict(request.query_params))
        return JSONAnswer(await in_thread(names_slots, service.entry, request.path_params["entry_id"]))

    async def healthz(request: Request) -> Response:
        return JSONAnswer({**service.health(), "files": len(store), "inflight": inflight["n"]})

    async def health(request: Request) -> Response:
        return JSONAnswer({"status": "ok"})

    spec: dict[str, Any] = {}

    async def openapi(request: Request) -> Response:
        if not spec:
            import yaml

            spec.update(yaml.safe_load(OPENAPI_FILE.read_text(encoding="utf-8")))
        return JSONAnswer(spec)

    async def index(request: Request) -> Response:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html; charset=utf-8")

    # -- errors -------------------------------------------------------------------------------

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        headers = {"Retry-After": "1"} if exc.status in (429, 503) else None
        return error(exc.status, exc.message, headers, **exc.extra)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        messages = {404: "Not found", 405: "Method not allowed"}
        headers = dict(exc.headers) if exc.headers is not None else None
        return error(exc.status_code, messages.get(exc.status_code, str(exc.detail)), headers)

    async def internal_error(request: Request, exc: Exception) -> Response:
        log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
        return error(500, "Internal server error (the server log has the details)")

    async def too_large(request: Request, exc: Exception) -> Response:
        return error(413, f"Request body too large (limit {config.max_body} bytes)")

    # -- lifespan: sweep expired files, close cleanly -----------------------------------------

    @asynccontextmanager
    async def lifespan(app: Starlette):  # type: ignore[no-untyped-def]
        async def sweeper() -> None:
            while True:
                await asyncio.sleep(min(30.0, max(0.5, config.file_ttl / 4)))
                store.sweep()

        task = asyncio.create_task(sweeper())
        try:
            yield
        finally:
            task.cancel()
            await anyio.to_thread.run_sync(service.close)
            store.close()

    routes = [
        Route("/", index),
        Route("/translate", translate, methods=["POST"]),
        Route("/languages", languages, methods=["GET", "POST"]),
        Route("/detect", detect, methods=["POST"]),
        Route("/translate_file", translate_file, methods=["POST"]),
        Route("/download_file/{token}", download_file, name="download_file"),
        Route("/frontend/settings", frontend_settings),
        Route("/normalize", normalize, methods=["POST"]),
        Route("/romanize", scheme_route("romanize"), methods=["POST"]),
        Route("/cyrillize", scheme_route("cyrillize"), methods=["POST"]),
        Route("/lookup", lookup),
        Route("/glossary/entries/{entry_id}", entry),
        Route("/healthz", healthz),
        Route("/health", health),
        Route("/openapi.json", openapi),
        Route("/spec", openapi),
        Mount("/static", app=StaticFiles(directory=STATIC_DIR), name="static"),
    ]
    middleware = [Middleware(BodyLimit, limit=config.max_body, upload_limit=config.max_upload + 64 * 1024,
                             upload_paths=("/translate_file",))]
    if config.cors_origins:
        middleware.append(Middleware(CORSMiddleware, allow_origins=config.cors_origins,
                                     allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"]))
    app = Starlette(
        routes=routes, middleware=middleware, lifespan=lifespan,
        exception_handlers={ApiError: api_error, HTTPException: http_error, _TooLarge: too_large,
                            Exception: internal_error},
    )
    app.state.service = service
    app.state.files = store
    return app


def _log_to_stderr() -> None:
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        log.addHandler(handler)
        log.propagate = False
