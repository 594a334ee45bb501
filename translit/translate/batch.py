"""Resumable batch translation: many documents, a manifest with a journal, atomic outputs.

`DIR/manifest.json` records per input the SHA-256 of its bytes, the model(s)
used per language (package name@version) and the glossary hash. Every output
is recorded in an append-only journal the moment it is renamed into place
(see `manifest.Manifest`), so a run killed at any instant is resumed by a rerun
that redoes only the documents whose outputs were not finished. Batching is a
separate concern: documents are translated in groups of about `group_chars`
characters, all sentences of a group going to CTranslate2 together.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ..documents import DocumentError, detect_format, is_zip_format, prepare, size_of, translate_documents
from ..documents.text import ENCODING_HINT, encode_output, to_utf8
from ..documents.formats import EXTENSIONS
from ..errors import InputError, UsageError
from ..files import read_bytes
from ..match.lang import detect_lang
from ..manifest import MANIFEST, DocResult, Manifest, check_inside, check_not_an_input, file_sha256, mirrored_names
from .packages import MissingModelError, ModelInfo
from .pipeline import count_sentences, plan_routes

__all__ = ["BatchItem", "BatchProgress", "plan_outputs", "run_batch", "MANIFEST",
           "GROUP_CHARS", "file_sha256"]

# Text per model run. Small enough that a kill loses little work, large enough to keep
# CTranslate2's batches full (about 500 sentences, two translate_batch calls).
GROUP_CHARS = int(os.environ.get("TRANSLIT_BATCH_GROUP_CHARS", "60000"))


@dataclass
class BatchItem:
    """One input and where its translations go (relative to the output dir)."""

    input: Path                      # absolute, symlinks not followed
    key: str                         # manifest id: relative stem ("a/article"), documents with extension
    suffix: str                      # ".txt"
    given: str = ""                  # the path as the user spelled it

    stem: str = ""                   # output stem when it differs from the key ("a/report" for a/report.docx)

    def output(self, lang: str) -> str:
        return f"{self.stem or self.key}.{lang}{self.suffix}"

    @property
    def name(self) -> str:
        return self.given or str(self.input)


class BatchProgress(Protocol):
    def add_total(self, sentences: int) -> None: ...
    def advance(self, sentences: int) -> None: ...
    def document_done(self, result: DocResult) -> None: ...


def plan_outputs(inputs: Iterable[str | Path]) -> list[BatchItem]:
    """Output names mirroring the inputs' paths below their common folder (never outside it).

    `news/a/article.txt` and `news/b/article.txt` become `a/article` and `b/article`.
    Paths are taken as given (made absolute, `..` folded, symlinks not followed), so a
    link is named after itself, not after its target.
    """
    paths: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for p in inputs:
        path = Path(os.path.abspath(p))
        if path not in seen:
            seen.add(path)
            paths.append((path, str(p)))
    items = []
    for (path, given), (stem, suffix) in zip(paths, mirrored_names([p.parts for p, _ in paths], EXTENSIONS)):
        # documents are keyed with their extension, so report.docx and report.html in one folder stay apart
        key = stem if suffix == ".txt" else stem + suffix
        items.append(BatchItem(path, key, suffix, given, stem=stem))
    return items


class _Share:
    """Pipeline progress (sentences per hop, retries) mapped onto a fixed share of the batch total."""

    def __init__(self, sink: BatchProgress | None, budget: int, hops: int):
        self.sink, self.budget = sink, budget
        self.total, self.done, self.sent = budget * max(1, hops), 0, 0
        self.seen = 0

    def add_total(self, sentences: int) -> None:
        self.seen += sentences
        self.total = max(self.total, self.seen)

    def advance(self, sentences: int) -> None:
        self.done += sentences
        self._to(min(self.budget, self.budget * self.done // max(1, self.total)))

    def _to(self, value: int) -> None:
        if self.sink and value > self.sent:
            self.sink.advance(value - self.sent)
            self.sent = value

    def finish(self) -> None:
        self._to(self.budget)


def run_batch(inputs: list[str | Path], out_dir: str | Path, source: str, targets: list[str], *,
              enforcer: Any = None, glossary_hash: str = "none", jobs: int | None = None,
              progress: BatchProgress | None = None,
              routes: dict[str, list[ModelInfo]] | None = None,
              group_chars: int | None = None, encoding: str = "utf-8",
              output_encoding: str | None = None) -> list[DocResult]:
    """Translate every input into every target under `out_dir`; return one result per input.

    `encoding`: of the text inputs (a codec name, or "auto" to detect each file's);
    outputs are written in `output_encoding`, else in their input's encoding. An output
    that encoding cannot hold fails that file, as an unreadable input does.

    `source` "auto" detects each document's language (en, uk, ru) with
    `translit.match.lang.detect_lang`; a document already in a target language is
    copied unchanged for that language.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out_dir}: exists and is not a directory")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"--out {out_dir}: cannot create ({exc.strerror or exc})") from None
    group_chars = group_chars or GROUP_CHARS
    route_cache: dict[str, dict[str, list[ModelInfo]]] = {}
    if routes is not None and source != "auto":
        route_cache[source] = routes

    def routes_for(src: str) -> dict[str, list[ModelInfo]]:
        if src not in route_cache:
            route_cache[src] = plan_routes(src, [t for t in targets if t != src])
        return route_cache[src]

    state = Manifest.open(out)
    state.set(source=source)
    items = plan_outputs(inputs)
    input_paths = {i.input.resolve() for i in items}
    results: dict[str, DocResult] = {}
    texts: dict[str, Any] = {}                    # str for plain text, a parsed Document otherwise
    shas: dict[str, str] = {}
    sources: dict[str, str] = {}
    originals: dict[str, bytes] = {}              # inputs already in a target language: copied as they are
    written_in: dict[str, str] = {}               # the encoding each input's outputs are written in
    pending: dict[str, list[str]] = {}           # key -> targets still to do
    for item in items:
        result = DocResult(item.name, "skipped", outputs={t: str(out / item.output(t)) for t in targets})
        results[item.key] = result
        try:
            check_not_an_input(out, item.name, [item.output(t) for t in targets], input_paths)
            for t in targets:
                check_inside(out, item.output(t))
            data = read_bytes(item.input)
            utf8, used = data, "utf-8"
            if not is_zip_format(detect_format(item.input)):
                try:
                    utf8, used = to_utf8(data, encoding)
                except DocumentError as exc:
                    raise InputError(f"{item.name}: {exc}") from None
                written_in[item.key] = output_encoding or used
            text = _prepare(item.input, utf8)
            if not _has_text(text):
                raise InputError(f"{item.name}: empty file")
            src = source
            if source == "auto":
                src = detect_lang(_plain(text), default="")     # the detector the server's /detect uses
                if not src:
                    raise InputError(f"{item.name}: cannot tell the language (no letters)")
            chains = routes_for(src)
        except InputError as exc:
            message = str(exc).replace(str(item.input), item.name, 1)
            if "not valid UTF-8" in message:
                message += ENCODING_HINT
            result.status, result.error, result.outputs = "failed", message, {}
            continue
        except MissingModelError as exc:
            result.status, result.error, result.outputs = "failed", f"{item.name}: {exc}", {}
            continue
        except OSError as exc:
            result.status, result.error, result.outputs = "failed", f"{item.name}: {exc.strerror or exc}", {}
            continue
        sha = file_sha256(data)
        texts[item.key], shas[item.key], sources[item.key] = text, sha, src
        if src in targets:
            originals[item.key] = utf8
        result.source = src
        models = {t: [m.ident for m in chains[t]] if t != src else ["copy"] for t in targets}
        written = written_in.get(item.key, "utf-8")
        todo = [t for t in targets
                if not state.is_done(item.key, sha, glossary_hash, t, models[t], item.output(t), written)]
        if todo:
            pending[item.key] = todo
        entry = state.entry(item.key)
        if entry:
            result.sentences = int(entry.get("sentences", 0))
    by_key = {i.key: i for i in items}
    if progress:
        for key, result in results.items():
            if key not in pending:
                progress.document_done(result)
    try:
        _translate_pending(state, pending, by_key, results, texts, originals, shas, sources, targets, routes_for,
                           written_in=written_in, enforcer=enforcer, glossary_hash=glossary_hash, jobs=jobs, progress=progress,
                           group_chars=group_chars)
    finally:
        state.fold()
    return [results[i.key] for i in items]


def _translate_pending(state: Manifest, pending: dict[str, list[str]], by_key: dict[str, BatchItem],
                       results: dict[str, DocResult], texts: dict[str, Any], originals: dict[str, bytes],
                       shas: dict[str, str],
                       sources: dict[str, str], targets: list[str], routes_for: Any, *,
                       written_in: dict[str, str], enforcer: Any,
                       glossary_hash: str, jobs: int | None, progress: BatchProgress | None,
                       group_chars: int) -> None:
    # a stable sentence total: every (document, language) still to do, counted before any work
    budgets: dict[tuple[str, str], int] = {}
    for src in dict.fromkeys(sources[k] for k in pending):
        chains = routes_for(src)
        for t in targets:
            keys = [k for k in pending if sources[k] == src and t in pending[k]]
            if not keys:
                continue
            counts = (count_sentences([_plain(texts[k]) for k in keys], chains[t], jobs) if t != src
                      else [1] * len(keys))
            budgets.update({(k, t): n for k, n in zip(keys, counts)})
    if progress:
        progress.add_total(sum(budgets.values()))
    left = {k: set(ts) for k, ts in pending.items()}
    for src in dict.fromkeys(sources[k] for k in pending):
        chains = routes_for(src)
        for group in _groups([k for k in pending if sources[k] == src], texts, group_chars):
            for t in targets:
                keys = [k for k in group if t in pending[k]]
                if not keys:
                    continue
                share = _Share(progress, sum(budgets[(k, t)] for k in keys), len(chains.get(t, [])))
                docs: list[tuple[Any, list[str], int, Any]]
                if t == src:
                    docs = [(originals[k], ["copy"], budgets[(k, t)], []) for k in keys]
                else:
                    translated = translate_documents([texts[k] for k in keys], src, [t], enforcer=enforcer,
                                                     jobs=jobs, progress=share, routes={t: chains[t]})
                    docs = [(d[t][0], d[t][1].models, d[t][1].sentences, d[t][1].names) for d in translated]
                for key, (data, models, sentences, names) in zip(keys, docs):
                    item, result = by_key[key], results[key]
                    written = written_in.get(key, "utf-8")
                    try:
                        try:
                            data = encode_output(data, written)
                        except DocumentError as exc:
                            raise InputError(f"{item.name}: {exc}") from None
                        state.write_output(key, input=item.name, input_sha256=shas[key], glossary=glossary_hash,
                                           target=t, output=item.output(t), models=models, data=data,
                                           sentences=sentences, names=[n.to_dict() for n in names], encoding=written)
                    except (InputError, OSError) as exc:  # this output only; the rest goes on
                        result.status, result.error, result.outputs = "failed", str(exc), {}
                        left[key].discard(t)
                        continue
                    entry = state.entry(key) or {}
                    result.status, result.sentences = "done", int(entry.get("sentences", sentences))
                    result.names[t] = [n.to_dict() for n in names]
                    left[key].discard(t)
                    if not left[key] and progress:
                        progress.document_done(result)
                share.finish()


def _prepare(path: Path, data: bytes) -> Any:
    """The input parsed for translation, in the format its extension says (text, HTML, DOCX...)."""
    return prepare(data, detect_format(path), str(path))


def _has_text(doc: Any) -> bool:
    return bool(doc.strip()) if isinstance(doc, str) else bool(doc.blocks)


def _plain(doc: Any) -> str:
    """The text of a prepared document, one line per block (for counting and detection)."""
    return doc if isinstance(doc, str) else "\n".join(b.text for b in doc.blocks)


def _groups(keys: list[str], texts: dict[str, Any], group_chars: int) -> Iterable[list[str]]:
    group: list[str] = []
    size = 0
    for key in keys:
        group.append(key)
        size += size_of(texts[key])
        if size >= group_chars:
            yield group
            group, size = [], 0
    if group:
        yield group
