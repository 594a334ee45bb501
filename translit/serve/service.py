"""What the server does, without HTTP: glossary and models loaded once, calls into the library.

`Service.load(config)` loads and compiles the glossaries (raising GlossaryError
with every `file:line` problem), finds the installed models, plans every
language route and loads each model once. The methods are blocking and run in
worker threads; the HTTP layer (`translit.serve.app`) only parses and answers.
"""
from __future__ import annotations

import hmac
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import TranslitError, UsageError
from .batcher import Batcher

__all__ = ["ApiError", "ServeConfig", "Service", "load_api_keys", "LANGUAGE_NAMES"]

LANGUAGE_NAMES = {
    "en": "English", "uk": "Ukrainian", "ru": "Russian", "de": "German", "fr": "French", "pl": "Polish",
    "es": "Spanish", "it": "Italian", "be": "Belarusian", "kk": "Kazakh", "ka": "Georgian", "tr": "Turkish",
}


MEDIA_TYPES = {
    "txt": "text/plain; charset=utf-8", "md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8",
    "xhtml": "application/xhtml+xml", "srt": "application/x-subrip", "vtt": "text/vtt; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text", "odp": "application/vnd.oasis.opendocument.presentation",
    "epub": "application/epub+zip",
}


class ApiError(Exception):
    """An answer other than 200, as LibreTranslate gives it: `{"error": message}`."""

    def __init__(self, status: int, message: str, **extra: Any):
        super().__init__(message)
        self.status = status
        self.message = message
        self.extra = extra


@dataclass
class ServeConfig:
    """Everything `translit serve` can be told; the defaults are the safe ones."""

    host: str = "127.0.0.1"
    port: int = 5000
    glossary: list[str] | None = None
    no_glossary: bool = False
    api_keys: frozenset[str] | None = None        # None: no key needed
    max_chars: int = 50_000                       # characters of text per request (413 above)
    batch_limit: int = 1_000                      # strings in one q list (400 above)
    alternatives_limit: int = 5
    queue_size: int = 64                          # translate requests waiting or running (429 above)
    batch_wait_ms: float = 5.0
    # sentences per model call; None: one full sub-batch for every CTranslate2 worker (64 on 2 cores),
    # where batching has paid off (bench/bench_serve.py); a burst is served in calls of this size,
    # so its first requests answer before the last are done
    batch_sentences: int | None = None
    timeout: float = 60.0                         # seconds per translate request
    max_upload: int = 10 * 1024 * 1024            # bytes per uploaded file
    file_ttl: float = 600.0                       # seconds a translated file waits for its download
    cors_origins: list[str] = field(default_factory=list)
    access_log: bool = False

    @property
    def max_body(self) -> int:
        """Bytes of a request body other than an upload: JSON may spend 6 bytes on a character."""
        return max(1 << 20, 6 * self.max_chars + 64 * 1024)


def load_api_keys(path: str | Path) -> frozenset[str]:
    """Keys from a file, one per line; blank lines and `#` comments skipped. Raises UsageError."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read API keys ({getattr(exc, 'strerror', None) or exc})") from exc
    keys = frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))
    if not keys:
        raise UsageError(f"{path}: no API keys in the file (one key per line)")
    short = [k for k in keys if len(k) < 16]
    if short:
        raise UsageError(f"{path}: API keys must be at least 16 characters ({len(short)} shorter)")
    return keys


def key_ok(given: str | None, keys: frozenset[str]) -> bool:
    """True when `given` is one of `keys`; every key is compared, each in constant time."""
    if not given:
        return False
    probe = given.encode("utf-8")
    found = False
    for key in keys:
        found |= hmac.compare_digest(probe, key.encode("utf-8"))
    return found


_TRANSLIT_LANGS = ("en", "uk", "ru")


def _name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


class Service:
    """Loaded glossary, models and routes; blocking methods called from worker threads."""

    def __init__(self, config: ServeConfig, glossary: Any, compiled: Any, enforcer: Any,
                 routes: dict[tuple[str, str], list[Any]], batcher: Batcher | None = None):
        self.config = config
        self.glossary = glossary
        self.compiled = compiled
        self.enforcer = enforcer
        self.routes = routes
        if batcher is None:
            from ..translate.engine import SUB_BATCH, thread_plan

            batcher = Batcher(config.batch_wait_ms, config.batch_sentences or thread_plan()[0] * SUB_BATCH)
        self.batcher = batcher
        self.started = time.time()
        self._known: dict[str, dict[str, str]] = {}

    # -- loading ------------------------------------------------------------------------------

    @classmethod
    def load(cls, config: ServeConfig, load_models: bool = True) -> "Service":
        """Glossary compiled and models loaded, or GlossaryError/UsageError."""
        from ..glossary import Glossary, load_glossary
        from ..normalize import compile_glossary

        if config.no_glossary:
            glossary = Glossary([], [])
        else:
            glossary = load_glossary(config.glossary)
        compiled = compile_glossary(glossary)
        enforcer = None
        if len(glossary) and load_models:
            from ..translate.enforce import NameEnforcer

            enforcer = NameEnforcer(compiled, {e.id: e for e in glossary})
        routes: dict[tuple[str, str], list[Any]] = {}
        if load_models:
            routes = plan_all_routes()
            from ..translate.engine import get_engine

            for chain in routes.values():
                for model in chain:
                    get_engine(model)
        return cls(config, glossary, compiled, enforcer, routes)

    def close(self) -> None:
        self.batcher.close()

    # -- languages ----------------------------------------------------------------------------

    def languages(self) -> list[dict[str, Any]]:
        """LibreTranslate's /languages: every language with the targets reachable from it."""
        codes = sorted({c for pair in self.routes for c in pair})
        return [{"code": c, "name": _name(c), "targets": sorted(t for s, t in self.routes if s == c)}
                for c in codes]

    def _chain(self, source: str, target: str) -> list[Any]:
        from ..translate.packages import install_hint

        codes = {c for pair in self.routes for c in pair}
        for code in (source, target):
            if code not in codes and (code not in _TRANSLIT_LANGS or source == target):
                raise ApiError(400, f"{code} is not supported")
        for code in (source, target):
            if code not in codes:  # a language translit knows, without a model
                none = "no translation model is installed" if not codes else \
                    f"no installed translation model reads or writes {_name(code)} ({code})"
                raise ApiError(400, f"{none}: {install_hint(source, target)}, then restart the server")
        chain = self.routes.get((source, target))
        if chain is None:
            raise ApiError(400, f"{_name(target)} ({target}) is not available as a target language from "
                                f"{_name(source)} ({source})")
        return chain

    # -- translation --------------------------------------------------------------------------

    def detect(self, text: str) -> list[dict[str, Any]]:
        from ..detect import detect_languages

        return [d.to_dict() for d in detect_languages(text)]

    def resolve_source(self, texts: list[str], source: str) -> tuple[str, dict[str, Any] | None]:
        """The source code to use and, for "auto", LibreTranslate's detectedLanguage object."""
        if source != "auto":
            return source, None
        from ..detect import detect_languages

        best = detect_languages("\n".join(texts))[0]
        return best.lang, best.to_dict()

    def translate(self, texts: list[str], source: str, target: str, fmt: str = "text",
                  alternatives: int = 0, deadline: float | None = None,
                  skip_entries: frozenset[str] = frozenset()) -> dict[str, Any]:
        """Translations of `texts` (and up to `alternatives` others each, on direct routes).

        Names of `skip_entries` (glossary entry ids) are left as the model writes them.
        """
        from ..translate.pipeline import translate_texts

        deadline = deadline or time.monotonic() + self.config.timeout
        chain = self._chain(source, target)
        enforcer = self.enforcer.without(skip_entries) if self.enforcer is not None and skip_entries \
            else self.enforcer

        def runner(engine: Any, tokens: list[list[str]]) -> list[list[str]]:
            return self.batcher.run(engine, tokens, deadline)  # type: ignore[no-any-return]

        if fmt == "html":
            outputs = [self._translate_html(t, source, target, chain, runner, enforcer) for t in texts]
            return {"texts": outputs, "alternatives": [[] for _ in texts]}
        results = translate_texts(texts, source, [target], enforcer=enforcer, routes={target: chain},
                                  runner=runner)
        outputs = [r[target].text for r in results]
        alts: list[list[str]] = [[] for _ in texts]
        if alternatives > 0 and len(chain) == 1:
            alts = [self._alternatives(t, out, source, target, chain[0], alternatives, deadline, enforcer)
                    for t, out in zip(texts, outputs)]
        return {"texts": outputs, "alternatives": alts, "names": [r[target].names for r in results]}

    def _alternatives(self, text: str, best: str, source: str, target: str, model: Any, n: int,
                      deadline: float, enforcer: Any) -> list[str]:
        """Other translations: the k-th hypothesis of every sentence, names enforced, duplicates dropped."""
        from ..translate.engine import get_engine

        engine = get_engine(model)
        lines = text.split("\n")
        units = engine.units(lines)
        hyps = self.batcher.run(engine, [u.tokens for u in units], deadline, hypotheses=n + 1)
        out: list[str] = []
        for k in range(1, n + 1):
            joined: list[list[tuple[str, list[str]]]] = [[] for _ in lines]
            for unit, h in zip(units, hyps):
                joined[unit.paragraph].append((unit.sep, h[k] if k < len(h) else h[0]))
            rendered = []
            for line, pieces in zip(lines, joined):
                value = engine.join(pieces) if pieces else line
                if enforcer is not None and pieces:
                    value = enforcer.check(line, value, source, target).text
                rendered.append(value)
            candidate = "\n".join(rendered)
            if candidate != best and candidate not in out:
                out.append(candidate)
        return out

    def _translate_html(self, html: str, source: str, target: str, chain: list[Any], runner: Any,
                        enforcer: Any) -> str:
        """Reader text of an HTML fragment or page translated; tags and attributes kept (translit.documents)."""
        from ..documents import DocumentError, prepare, translate_documents

        try:
            doc = prepare(html.encode("utf-8"), "html", "q")
            data, _ = translate_documents([doc], source, [target], enforcer=enforcer, routes={target: chain},
                                          runner=runner)[0][target]
        except DocumentError as exc:
            raise ApiError(400, f"Invalid request: {exc}") from None
        return data.decode("utf-8")

    # -- files ------------------------------------------------------------------------------

    def document_formats(self) -> dict[str, str]:
        """Upload formats (suffix → media type of the result) that translit.documents reads."""
        from ..documents import EXTENSIONS

        return {ext: MEDIA_TYPES.get(fmt, "application/octet-stream") for ext, fmt in EXTENSIONS.items()}

    def translate_file(self, data: bytes, suffix: str, source: str, target: str, max_chars: int,
                       deadline: float) -> tuple[bytes, str]:
        """The translated file's bytes and media type; the format comes from the suffix."""
        from ..documents import DocumentError, EXTENSIONS, prepare, size_of, translate_documents

        fmt = EXTENSIONS.get(suffix)
        if fmt is None:
            raise ApiError(400, f"Invalid request: file format not supported ({suffix})")
        try:
            doc = prepare(data, fmt, f"file{suffix}")
        except DocumentError as exc:
            raise ApiError(400, f"Invalid request: {exc}") from None
        chars = size_of(doc)
        if chars > max_chars:
            raise ApiError(413, f"Invalid request: request ({chars}) exceeds text limit ({max_chars})")
        text = doc if isinstance(doc, str) else "\n".join(b.text for b in doc.blocks)
        source, _ = self.resolve_source([text], source)
        chain = self._chain(source, target)

        def runner(engine: Any, tokens: list[list[str]]) -> list[list[str]]:
            return self.batcher.run(engine, tokens, deadline)  # type: ignore[no-any-return]

        try:
            out, _ = translate_documents([doc], source, [target], enforcer=self.enforcer, routes={target: chain},
                                         runner=runner)[0][target]
        except DocumentError as exc:
            raise ApiError(400, f"Invalid request: {exc}") from None
        return out, MEDIA_TYPES.get(fmt, "application/octet-stream")

    # -- names --------------------------------------------------------------------------------

    def normalize(self, text: str, lang: str = "auto", fmt: str = "text") -> dict[str, Any]:
        """The object `translit normalize --format json` prints (without `path`); fmt "text" or "html"."""
        from ..documents import DocumentError, normalize_document

        if lang not in ("auto", "en", "uk", "ru"):
            raise ApiError(400, f"{lang} is not supported (use auto, en, uk or ru)")
        kind = "html" if fmt == "html" else "txt"
        try:
            result = normalize_document(text.encode("utf-8"), kind, name="q", lang=lang, compiled=self.compiled)
        except DocumentError as exc:
            raise ApiError(400, f"Invalid request: {exc}") from None
        return {"format": kind, "lang": result.lang, "changed": result.changed, "matches": result.mentions,
                "text": result.data.decode("utf-8")}

    def romanize(self, text: str, lang: str, scheme: str | None) -> dict[str, Any]:
        from ..schemes import all_romanizations, get_scheme, romanize

        try:
            if scheme == "all":
                return {"lang": lang, "input": text, "schemes": all_romanizations(text, lang)}
            slug = get_scheme(lang, scheme).slug
            return {"lang": lang, "scheme": slug, "input": text, "output": romanize(text, lang, slug)}
        except TranslitError as exc:
            raise ApiError(400, str(exc)) from exc

    def cyrillize(self, text: str, lang: str, scheme: str | None) -> dict[str, Any]:
        from ..schemes import check_lang, cyrillize_text, get_scheme, known_forms

        try:
            check_lang(lang)
            if scheme:
                get_scheme(lang, scheme)
            if lang not in self._known:
                self._known[lang] = known_forms(self.glossary, lang)
            return cyrillize_text(text, lang, scheme, known=self._known[lang]).to_dict()
        except TranslitError as exc:
            raise ApiError(400, str(exc)) from exc

    def lookup(self, query: str) -> dict[str, Any]:
        """The entry a name resolves to (as `translit lookup --format json`), or 404."""
        from ..tools.lookup import describe
        from ..normalize import find_matches

        matches = find_matches(query, "auto", self.compiled)
        best = max(matches, key=lambda m: (m.end - m.start, m.score), default=None)
        if best is None:
            raise ApiError(404, f"{query!r}: no glossary entry matches", candidates=[])
        if best.entry is None:
            raise ApiError(404, f"{query!r} is ambiguous: {', '.join(best.candidates)}",
                           candidates=list(best.candidates))
        info = _public(describe(self.glossary.get(best.entry), best))
        info["query"] = query
        return info

    def entry(self, entry_id: str) -> dict[str, Any]:
        from ..tools.lookup import describe

        entry = self.glossary.get(entry_id)
        if entry is None:
            raise ApiError(404, f"no glossary entry with id {entry_id!r}")
        return _public(describe(entry))

    def health(self) -> dict[str, Any]:
        return {
            "status": "ok",
            "entries": len(self.glossary),
            "models": sorted({m.ident for chain in self.routes.values() for m in chain}),
            "languages": sorted({c for pair in self.routes for c in pair}),
            "queue": self.batcher.waiting(),
            "batches": self.batcher.batches,
            "sentences": self.batcher.sentences,
            "uptime": round(time.time() - self.started, 1),
        }


def _public(info: dict[str, Any]) -> dict[str, Any]:
    """An entry description without the server's directories: `people.yaml:3`, not a full path."""
    path, _, line = str(info.get("source", "")).rpartition(":")
    if path:
        info["source"] = f"{Path(path).name}:{line}"
    return info


def plan_all_routes() -> dict[tuple[str, str], list[Any]]:
    """(source, target) → model chain, for every pair the installed models can do."""
    from ..translate.packages import installed_models, route

    models = installed_models()
    codes = sorted({m.from_code for m in models} | {m.to_code for m in models})
    routes: dict[tuple[str, str], list[Any]] = {}
    for a in codes:
        for b in codes:
            if a == b:
                continue
            try:
                routes[(a, b)] = route(a, b)
            except UsageError:
                pass
    return routes
