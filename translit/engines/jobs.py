"""What an engine runs: a job cuts each input into units and a worker turns units into outputs.

A unit is one record of a records file, one block of a text file (normalize)
or a whole text file (translate). Units are plain dicts, so the same
`explode` and the same worker class run in this process (local engine) and in
Ray actors (Ray engine), which is what makes their outputs byte-identical.

    row = {"doc": 3, "seq": 0, "text": "...", "record": <pickled Record or None>,
           "nbytes": 1234, "last": False, "error": None}

After a document's units comes one row with `last` True and `seq` = the unit
count (or `error` set when the input could not be read).
"""
from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import InputError, TranslitError
from ..files import decode_text, is_url, open_input
from ..glossary.paths import glossary_hash

__all__ = ["GROUP_CHARS", "Doc", "NormalizeJob", "TranslateJob", "explode"]

GROUP_CHARS = int(os.environ.get("TRANSLIT_BATCH_GROUP_CHARS", "400000"))  # text per worker call (local)


@dataclass
class Doc:
    """One input file and where its outputs go."""

    index: int
    source: str                      # local path or URL
    fmt: str                         # text | jsonl | csv | parquet | telegram
    key: str                         # output stem relative to the output dir
    suffix: str                      # output suffix
    size: int = 0
    sha256: str = ""
    pending: list[str | None] = field(default_factory=list)


def _glossary_files(specs: list[str] | None) -> list[tuple[str, bytes]]:
    from ..glossary.paths import resolve_paths

    return [(p.name, p.read_bytes()) for p in resolve_paths(specs)]


def _materialize(files: list[tuple[str, bytes]]) -> list[str]:
    """Glossary files written to a folder of this process (a worker may run on another machine)."""
    folder = Path(tempfile.mkdtemp(prefix="translit-glossary-"))
    paths = []
    for i, (name, data) in enumerate(files):
        sub = folder / f"{i:03}"
        sub.mkdir()
        (sub / name).write_bytes(data)
        paths.append(str(sub / name))
    return paths


class NormalizeJob:
    """Normalize every unit; records get their matches, text files their rewritten text."""

    kind = "normalize"
    targets: list[str | None] = [None]
    whole_text = False

    def __init__(self, glossary: list[str] | None, lang: str = "auto", text_field: str = "text",
                 id_field: str | None = None, matches_field: str = "matches", processes: int = 1):
        self.glossary_files = _glossary_files(glossary)
        self.glossary_hash = glossary_hash(self.glossary_files) if self.glossary_files else "none"
        self.lang, self.text_field, self.id_field, self.matches_field = lang, text_field, id_field, matches_field
        self.processes = processes  # the local engine's forked workers (Ray has its actors)

    def models(self, target: str | None) -> list[str]:
        return []

    def manifest_target(self, target: str | None) -> str:
        return "normalized"

    def output_name(self, doc: Doc, target: str | None) -> str:
        return f"{doc.key}{doc.suffix}"

    def worker(self) -> _NormalizeWorker:
        return _NormalizeWorker(self)


class _NormalizeWorker:
    def __init__(self, job: NormalizeJob):
        from ..normalize import compiled_for

        self.job = job
        self.compiled = compiled_for(_materialize(job.glossary_files)) if job.glossary_files else None

    def share(self) -> None:
        """Load now what scanning many texts needs (both automata, rapidfuzz): forked workers share it."""
        from ..match.scan import prepare_long_scan

        if self.compiled is not None:
            prepare_long_scan(self.compiled, cyrillic=True)

    def __call__(self, units: list[dict[str, Any]]) -> list[dict[str | None, tuple[Any, dict[str, Any]]]]:
        from ..normalize import normalize

        out: list[dict[str | None, tuple[Any, dict[str, Any]]]] = []
        for unit in units:
            text, rec = unit["text"], bool(unit["record"])
            if unit["kind"]:
                out.append({None: self._document(unit)})
                continue
            if self.compiled is None:
                out.append({None: (text, {self.job.matches_field: []} if rec else {})})
                continue
            result = normalize(text, self.job.lang, self.compiled)
            extra: dict[str, Any] = {}
            if rec:  # the rewrites themselves too: a Telegram message's entities keep their bounds
                extra = {self.job.matches_field: [m.to_dict() for m in result.matches],
                         "_edits": [(m.start, m.end, m.canonical) for m in result.matches if m.rewrites]}
            out.append({None: (result.text, extra)})
        return out

    def _document(self, unit: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        from ..documents import DocumentError
        from ..documents.normalize import normalize_bytes

        if self.compiled is None:
            return unit["data"], {}
        try:
            return normalize_bytes(unit["data"], unit["kind"], unit.get("name", ""), self.job.lang,
                                   self.compiled).data, {}
        except DocumentError as exc:
            return None, {"_error": str(exc)}


class TranslateJob:
    """Translate every unit into every target language (one output file per language)."""

    kind = "translate"
    whole_text = True

    def __init__(self, source: str, targets: list[str], glossary: list[str] | None, no_glossary: bool,
                 routes: dict[str, list[Any]], text_field: str = "text", id_field: str | None = None,
                 jobs: int | None = None):
        self.source, self.targets = source, list(targets)
        self.glossary_files = [] if no_glossary else _glossary_files(glossary)
        self.glossary_hash = glossary_hash(self.glossary_files) if self.glossary_files else "none"
        self.idents = {t: [m.ident for m in chain] for t, chain in routes.items()}
        self.text_field, self.id_field, self.jobs = text_field, id_field, jobs

    def models(self, target: str | None) -> list[str]:
        return self.idents[target or ""]

    def manifest_target(self, target: str | None) -> str:
        return target or ""

    def output_name(self, doc: Doc, target: str | None) -> str:
        return f"{doc.key}.{target}{doc.suffix}"

    def worker(self) -> _TranslateWorker:
        return _TranslateWorker(self)


class _TranslateWorker:
    def __init__(self, job: TranslateJob):
        from ..translate.enforce import build_enforcer
        from ..translate.pipeline import plan_routes

        self.job = job
        self.routes = plan_routes(job.source, job.targets)
        got = {t: [m.ident for m in chain] for t, chain in self.routes.items()}
        if got != job.idents:
            raise TranslitError(f"this worker has other models than the driver: {got} != {job.idents}")
        self.enforcer = build_enforcer(_materialize(job.glossary_files))[0] if job.glossary_files else None

    def __call__(self, units: list[dict[str, Any]], progress: Any = None
                 ) -> list[dict[str | None, tuple[Any, dict[str, Any]]]]:
        from ..translate.pipeline import translate_texts

        out: list[dict[str | None, tuple[Any, dict[str, Any]]]] = [{} for _ in units]
        docs = [i for i, u in enumerate(units) if u["kind"]]
        if docs:
            self._documents(units, docs, out)
        texts = [u["text"] or "" for u in units]
        todo = [i for i, u in enumerate(units) if not u["kind"] and texts[i].strip()]
        done = translate_texts([texts[i] for i in todo], self.job.source, self.job.targets, enforcer=self.enforcer,
                               jobs=self.job.jobs, routes=self.routes, progress=progress)
        for i, u in enumerate(units):
            if not u["kind"]:
                out[i] = {t: (texts[i], {}) for t in self.job.targets}
        for i, by_lang in zip(todo, done):
            out[i] = {t: (d.text, _report(d.names, d.sentences)) for t, d in by_lang.items()}
        return out

    def _documents(self, units: list[dict[str, Any]], which: list[int],
                   out: list[dict[str | None, tuple[Any, dict[str, Any]]]]) -> None:
        from ..documents import DocumentError, prepare, translate_documents

        for i in which:
            try:
                doc = prepare(units[i]["data"], units[i]["kind"], units[i].get("name", ""))
                by_lang = translate_documents([doc], self.job.source, self.job.targets, enforcer=self.enforcer,
                                              jobs=self.job.jobs, routes=self.routes)[0]
            except DocumentError as exc:
                out[i] = {t: (None, {"_error": str(exc)}) for t in self.job.targets}
                continue
            out[i] = {t: (data, _report(info.names, info.sentences)) for t, (data, info) in by_lang.items()}


def _report(names: list[Any], sentences: int) -> dict[str, Any]:
    """What the driver records of a translation: its names as JSON objects (manifest, --format json)."""
    return {"_names": [n.to_dict() for n in names], "_sentences": sentences}


def _open_source(source: str) -> IO[bytes]:
    if is_url(source):
        try:
            from pyarrow import fs  # type: ignore[import-untyped]
        except ImportError:
            raise InputError(f"{source}: reading URLs needs pyarrow (pip install 'translit[ray]')") from None
        filesystem, path = fs.FileSystem.from_uri(source)
        return filesystem.open_input_file(path)  # type: ignore[no-any-return]
    return open_input(source.removeprefix("file://"), name=source)


def _document_kind(source: str) -> str:
    """The translit.documents format of a file that is not plain text ("" for plain text)."""
    from ..documents import detect_format

    fmt = detect_format(source.split("?", 1)[0])
    return "" if fmt == "txt" else fmt


def _row(doc: int, seq: int, text: str | None, record: Any, nbytes: int, last: bool = False,
         error: str | None = None, kind: str = "", data: bytes = b"") -> dict[str, Any]:
    return {"doc": doc, "seq": seq, "text": text, "record": pickle.dumps(record) if record is not None else None,
            "nbytes": nbytes, "last": last, "error": error, "kind": kind, "data": data}


def explode(job: Any, doc: Doc, fh: IO[bytes] | None = None) -> Iterator[dict[str, Any]]:
    """The unit rows of one document, then its closing row (see the module doc)."""
    from ..records import read_records
    from ..records.read import SourceInfo
    from ..streaming import text_blocks

    seq = 0
    try:
        with (fh if fh is not None else _open_source(doc.source)) as stream:
            kind = _document_kind(doc.source) if doc.fmt == "text" else ""
            if kind:  # HTML, Markdown, DOCX...: the whole document is one unit, read by translit.documents
                data = stream.read()
                yield _row(doc.index, 0, None, None, len(data), kind=kind, data=data)
                seq = 1
            elif doc.fmt == "text":
                if job.whole_text:
                    data = stream.read()
                    text = decode_text(data, doc.source)
                    if not text.strip():
                        raise InputError(f"{doc.source}: empty file")
                    yield _row(doc.index, 0, text, None, len(data))
                    seq = 1
                else:
                    for block in text_blocks(stream, doc.source):
                        yield _row(doc.index, seq, block, None, len(block.encode("utf-8")))
                        seq += 1
            else:
                info = SourceInfo(doc.fmt, doc.source, job.text_field)
                for record in read_records(stream, doc.fmt, doc.source, job.text_field, job.id_field, info):
                    nbytes = len(record.text.encode("utf-8")) if record.text else len(record.raw or b"")
                    if seq == 0:
                        yield _row(doc.index, -1, None, info, 0)  # the writer's shape, before the records
                    yield _row(doc.index, seq, record.text, record, nbytes)
                    seq += 1
                if seq == 0:
                    yield _row(doc.index, -1, None, info, 0)
    except TranslitError as exc:
        yield _row(doc.index, seq, None, None, 0, last=True, error=str(exc))
        return
    yield _row(doc.index, seq, None, None, 0, last=True)
