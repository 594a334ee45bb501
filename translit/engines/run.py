"""Run a job over many inputs with the local engine or Ray, writing outputs the same way for both.

    inputs (files, folders, URLs) → documents (format, output name, SHA-256)
      → skip what the manifest says is done
      → unit rows (engines.jobs.explode) → worker (here, or in Ray actors)
      → the driver writes each document's outputs through temp files, renames
        them into place and notes them in the manifest, one document at a time

so an interrupted run leaves whole files only and a rerun redoes only what is
missing. A document that cannot be read is reported and the rest goes on; a
record that cannot be understood is reported and passed through unchanged.
"""
from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import Any, Protocol

from ..errors import InputError, UsageError
from ..files import AtomicSink, input_files, is_url
from ..manifest import DocResult, Manifest, OutputRecord, check_not_an_input, mirrored_names
from ..records.formats import detect_format, output_suffix
from ..workers import ordered_map
from .jobs import GROUP_CHARS, Doc, explode

__all__ = ["DocResult", "Progress", "plan_documents", "run_documents"]


class Progress(Protocol):
    def start(self, total_bytes: int) -> None: ...
    def advance(self, nbytes: int) -> None: ...
    def document_done(self, result: DocResult) -> None: ...


def _parts(source: str) -> tuple[str, ...]:
    if is_url(source):
        scheme, rest = source.split("://", 1)
        return (f"{scheme}:", *PurePosixPath(rest).parts)
    return Path(source).resolve().parts


_LONG_SUFFIXES = (".parquet", ".ndjson", ".markdown")


def plan_documents(sources: list[str], input_format: str = "auto") -> list[Doc]:
    """Documents with output names mirroring their paths below the inputs' common folder."""
    names = mirrored_names([_parts(s) for s in sources], _LONG_SUFFIXES)
    docs = []
    for i, (source, (stem, suffix)) in enumerate(zip(sources, names)):
        fmt = detect_format(source, input_format)
        docs.append(Doc(i, source if is_url(source) else str(Path(source).resolve()), fmt, stem,
                        output_suffix(fmt, suffix)))
    return docs


def _hash_source(doc: Doc) -> None:
    from .jobs import _open_source

    h = hashlib.sha256()
    size = 0
    with _open_source(doc.source) as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
            size += len(block)
    doc.sha256, doc.size = h.hexdigest(), size


class _Open:
    """A document being written: one sink (and record writer) per target, rows put back in order."""

    def __init__(self, doc: Doc, result: DocResult):
        self.doc, self.result = doc, result
        self.sinks: dict[str | None, AtomicSink] = {}
        self.writers: dict[str | None, Any] = {}
        self.info: Any = None
        self.next = 0
        self.waiting: dict[int, dict[str, Any]] = {}
        self.closing: dict[str, Any] | None = None
        self.written = 0
        self.error: str | None = None              # a unit the worker could not process


class _Driver:
    def __init__(self, job: Any, docs: list[Doc], out: Path | None, manifest: Manifest | None,
                 results: dict[int, DocResult], progress: Progress | None):
        self.job, self.out, self.manifest, self.results, self.progress = job, out, manifest, results, progress
        self.docs = {d.index: d for d in docs}
        self.open: dict[int, _Open] = {}

    def _state(self, index: int) -> _Open:
        state = self.open.get(index)
        if state is None:
            state = self.open[index] = _Open(self.docs[index], self.results[index])
        return state

    def _sink(self, state: _Open, target: str | None) -> AtomicSink:
        sink = state.sinks.get(target)
        if sink is None:
            path = None if self.out is None else self.out / self.job.output_name(state.doc, target)
            sink = state.sinks[target] = AtomicSink(path)
            if state.info is not None:
                from ..records import open_writer

                state.writers[target] = open_writer(sink, state.info)  # type: ignore[arg-type]
        return sink

    def row(self, row: dict[str, Any], result: Any) -> None:
        """Take one processed row (any order within a document); write what is in order."""
        state = self._state(row["doc"])
        if row["seq"] == -1 and not row["last"]:
            state.info = pickle.loads(row["record"])
            return
        if row["last"]:
            state.closing = row
        else:
            state.waiting[row["seq"]] = {**row, "result": result}
        while state.next in state.waiting:
            self._write(state, state.waiting.pop(state.next))
            state.next += 1
        if state.closing is not None and state.next >= state.closing["seq"]:
            self._close(state)

    def _write(self, state: _Open, row: dict[str, Any]) -> None:
        record = pickle.loads(row["record"]) if row["record"] else None
        result = row["result"] or {}
        state.result.units += 1
        if record is not None and record.error:
            state.result.problems.append(record.error)
        for target in self.job.targets:
            sink = self._sink(state, target)
            text, extra = result.get(target, (None, {}))
            if isinstance(extra, dict) and "_names" in extra:
                state.result.names.setdefault(target or "", []).extend(extra["_names"])
                if target == self.job.targets[0]:
                    state.result.sentences += extra["_sentences"]
            public = {k: v for k, v in (extra or {}).items() if not k.startswith("_")}
            if isinstance(extra, dict) and extra.get("_error") and not state.error:
                state.error = f"{state.doc.source}: {extra['_error']}"
            if isinstance(text, bytes):
                sink.write(text)
            elif record is None:
                sink.write((text or "").encode("utf-8"))
            else:
                state.writers[target].write(record, text if record.text is not None else None,
                                            public if record.text is not None else {},
                                            extra.get("_edits") if isinstance(extra, dict) else None)
        if self.progress:
            self.progress.advance(row["nbytes"])
            state.written += row["nbytes"]

    def _close(self, state: _Open) -> None:
        del self.open[state.doc.index]
        doc, result, row = state.doc, state.result, state.closing
        assert row is not None
        if row["error"] or state.error:
            for sink in state.sinks.values():
                sink.abort()
            result.status, result.error, result.outputs = "failed", row["error"] or state.error, {}
        else:
            for target in self.job.targets:
                sink = self._sink(state, target)  # a document without units still gets its (empty) output
                if target in state.writers:
                    state.writers[target].close()
                sha = sink.commit()
                if self.manifest is not None:  # journalled the moment the output is in place
                    self.manifest.record(OutputRecord(
                        doc.key, doc.source, doc.sha256, self.job.glossary_hash, self.job.manifest_target(target),
                        self.job.output_name(doc, target), self.job.models(target), sha, result.sentences,
                        result.names.get(target or "", [])))
            result.status = "done"
        if self.progress:
            self.progress.advance(max(0, doc.size - state.written))
            self.progress.document_done(result)

    def abort(self) -> None:
        for state in self.open.values():
            for sink in state.sinks.values():
                sink.abort()


def _local_rows(job: Any, docs: list[Doc], progress: Any) -> Iterator[tuple[dict[str, Any], Any]]:
    """(row, result) pairs computed here, units grouped by GROUP_CHARS per worker call; a job with
    `processes` above 1 (normalize) has its groups worked in that many forked processes, in order."""
    worker = job.worker()

    def groups() -> Iterator[list[dict[str, Any]]]:
        group: list[dict[str, Any]] = []
        size = 0
        for doc in docs:
            for row in explode(job, doc):
                group.append(row)
                size += len(row["text"] or "") + len(row["data"])
                if size >= GROUP_CHARS:
                    yield group
                    group, size = [], 0
        yield group

    def units(group: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [r for r in group if (r["text"] is not None or r["kind"]) and not r["last"] and r["seq"] >= 0]

    def work(group: list[dict[str, Any]]) -> list[Any]:
        todo = units(group)
        return worker(todo) if todo else []

    for group, results in ordered_map(work, groups(), getattr(job, "processes", 1),
                                      before_fork=lambda _first: worker.share()):
        by_id = {id(r): res for r, res in zip(units(group), results)}
        for r in group:
            yield r, by_id.get(id(r))


def run_documents(job: Any, inputs: list[str], out_dir: str | Path | None, *, input_format: str = "auto",
                  recursive: bool = False, engine: str = "local", ray_address: str | None = None,
                  progress: Progress | None = None) -> list[DocResult]:
    """Run `job` (engines.jobs.NormalizeJob / TranslateJob) over `inputs`; one result per input file.

    With `out_dir` None, outputs go to stdout in input order (local engine only).
    """
    if engine not in ("local", "ray"):
        raise UsageError(f"--engine {engine}: choose local or ray")
    out = Path(out_dir) if out_dir is not None else None
    if out is None and engine == "ray":
        raise UsageError("--engine ray needs --out DIR")
    if out is not None:
        if out.exists() and not out.is_dir():
            raise UsageError(f"--out {out_dir}: exists and is not a directory")
        out.mkdir(parents=True, exist_ok=True)
    docs = plan_documents(input_files(inputs, recursive), input_format)
    manifest = Manifest.open(out) if out is not None else None
    if manifest is not None:
        manifest.set(job=job.kind)
    results: dict[int, DocResult] = {}
    pending: list[Doc] = []
    local_inputs = {Path(d.source) for d in docs if not is_url(d.source)}
    for doc in docs:
        outputs = ({job.manifest_target(t): str(out / job.output_name(doc, t)) for t in job.targets}
                   if out is not None else {})
        result = results[doc.index] = DocResult(doc.source, "skipped", outputs)
        try:
            if out is not None:
                check_not_an_input(out, doc.source, [job.output_name(doc, t) for t in job.targets], local_inputs)
            if doc.fmt == "parquet" and out is None:
                raise InputError(f"{doc.source}: Parquet output needs --out DIR")
            _hash_source(doc)
        except InputError as exc:
            result.status, result.error, result.outputs = "failed", str(exc), {}
            continue
        except OSError as exc:
            result.status, result.error, result.outputs = "failed", f"{doc.source}: {exc.strerror or exc}", {}
            continue
        entry = manifest.entry(doc.key) if manifest is not None else None
        if manifest is None or not all(manifest.is_done(doc.key, doc.sha256, job.glossary_hash,
                                                        job.manifest_target(t), job.models(t),
                                                        job.output_name(doc, t)) for t in job.targets):
            pending.append(doc)
        elif entry:
            result.sentences = int(entry.get("sentences", 0))
    if progress:
        progress.start(sum(d.size for d in pending))
        for doc in docs:
            if doc not in pending:
                progress.document_done(results[doc.index])
    driver = _Driver(job, pending, out, manifest, results, progress)
    try:
        if engine == "ray":
            from .ray_engine import ray_rows

            rows: Iterable[tuple[dict[str, Any], Any]] = ray_rows(job, pending, ray_address)
        else:
            rows = _local_rows(job, pending, progress)
        for row, result in rows:
            driver.row(row, result)
    except BaseException:
        driver.abort()
        if manifest is not None:
            manifest.close()           # the journal keeps what was finished; the next run folds it in
        raise
    if manifest is not None:
        manifest.fold()
    return [results[d.index] for d in docs]
