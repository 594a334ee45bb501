"""What a batch has finished: `manifest.json` plus an append-only journal beside it.

Each output is recorded the moment it is renamed into place, by appending one
JSON line to `manifest.journal` (written with one `write` call and fsynced). A
run killed at any instant leaves either a complete journal line or a torn last
line that is ignored, so a rerun redoes only the outputs that were not
recorded (at most the documents in flight). Opening a manifest replays the
journal into it, and `fold()` writes `manifest.json` atomically and removes
the journal: the journal never grows past one run.

The engines (`translit batch`, the Ray engine) share this API:

    state = Manifest.open(out_dir)
    if not state.is_done(key, sha, glossary, "uk", models, "a/x.uk.txt"): ...
    state.write_output(key, ..., data=translated)     # atomic write, then journal
    state.fold()
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import InputError, UsageError
from .files import atomic_write_bytes, atomic_write_text

__all__ = ["MANIFEST", "JOURNAL", "DocResult", "Manifest", "OutputRecord", "check_inside", "check_not_an_input",
           "file_sha256", "mirrored_names"]

MANIFEST = "manifest.json"
JOURNAL = "manifest.journal"
VERSION = 1


def check_inside(out_dir: Path, output: str) -> None:
    """Refuse an output that a symlinked folder or file inside `out_dir` would send elsewhere
    (the atomic writer follows symlinks to their target)."""
    root = Path(os.path.realpath(out_dir))
    target = out_dir / output
    if not Path(os.path.realpath(target)).is_relative_to(root):
        raise InputError(f"{target}: a symlink inside --out leads outside it ({os.path.realpath(target)}); "
                         "not written")


def mirrored_names(paths: list[tuple[str, ...]], long_suffixes: Collection[str] = ()) -> list[tuple[str, str]]:
    """(stem, suffix) of each input's outputs: its path (as parts) below the inputs' common folder.

    `news/a/article.txt` and `news/b/article.txt` become ("a/article", ".txt") and ("b/article", ".txt");
    "", "." and ".." parts become "_", so an output never lands outside the folder. A suffix longer than
    six letters is a suffix only when in `long_suffixes` (".markdown"); a name without one gets ".txt".
    """
    common = 0
    if paths:
        dirs = [p[:-1] for p in paths]
        while all(len(d) > common and d[common] == dirs[0][common] for d in dirs):
            common += 1
    names = []
    for parts in paths:
        rel = PurePosixPath(*[x if x not in ("", ".", "..") else "_" for x in parts[common:]])
        long_ok = len(rel.suffix) <= 6 or rel.suffix.lower() in long_suffixes
        suffix = rel.suffix if rel.suffix and long_ok else ".txt"
        names.append((str(rel.with_suffix("") if rel.suffix == suffix else rel), suffix))
    return names


def check_not_an_input(out_dir: Path, name: str, outputs: list[str], inputs: Collection[Path]) -> None:
    """InputError naming input `name` when one of its outputs (relative to `out_dir`) is one of the inputs
    (resolved paths): writing it would destroy what the run reads."""
    for output in outputs:
        if (out_dir / output).resolve() in inputs:
            raise InputError(f"{name}: its output {output} would overwrite an input")


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class DocResult:
    """What a run (`translit batch`, `normalize --out`, either engine) did with one input."""

    input: str
    status: str                                   # done | skipped | failed
    outputs: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    problems: list[str] = field(default_factory=list)   # records reported and passed through
    units: int = 0                                # records or blocks written
    sentences: int = 0
    names: dict[str, list[dict[str, Any]]] = field(default_factory=dict)   # per target: names enforced
    source: str | None = None                     # the input's language (detected with --from auto)

    def to_dict(self) -> dict[str, Any]:
        return {"input": self.input, "status": self.status, "source": self.source, "outputs": self.outputs,
                "error": self.error, "problems": self.problems, "units": self.units, "sentences": self.sentences,
                "names": self.names}


@dataclass(frozen=True)
class OutputRecord:
    """One finished output: which input (and its hash) and settings it was made from."""

    key: str                       # the document's output stem, e.g. "a/article"
    input: str
    input_sha256: str
    glossary: str
    target: str
    output: str                    # relative to the output folder, e.g. "a/article.uk.txt"
    models: list[str]
    sha256: str                    # of the output's bytes
    sentences: int = 0
    names: list[dict[str, Any]] | None = None
    encoding: str = "utf-8"        # of a text output (--output-encoding, else its input's)

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "input": self.input, "input_sha256": self.input_sha256,
                "glossary": self.glossary, "target": self.target, "output": self.output,
                "models": self.models, "sha256": self.sha256, "sentences": self.sentences,
                "names": self.names or [], "encoding": self.encoding}


class Manifest:
    """The finished outputs of one output folder (see the module docstring)."""

    def __init__(self, out_dir: Path, data: dict[str, Any]):
        self.out_dir = out_dir
        self.data = data
        self._journal_fd: int | None = None

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def open(cls, out_dir: str | Path) -> "Manifest":
        """Load `manifest.json`, replay the journal a killed run left, and fold it in; the temp files
        (`.name.XXXX.tmp`) such a run left in the folder are removed."""
        out = Path(out_dir)
        for tmp in out.rglob(".*.tmp"):
            if tmp.is_file() and not tmp.is_symlink():
                tmp.unlink(missing_ok=True)
        data = cls._load(out)
        state = cls(out, data)
        replayed = state._replay()
        if replayed:
            state.fold()
        return state

    @staticmethod
    def _load(out: Path) -> dict[str, Any]:
        path = out / MANIFEST
        if path.is_symlink() or (path.exists() and not path.is_file()):
            raise UsageError(f"{path}: exists and is not a file")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, UnicodeDecodeError):
            return {"version": VERSION, "items": {}}
        if not isinstance(data, dict) or not isinstance(data.get("items"), dict):
            return {"version": VERSION, "items": {}}
        return data

    def _replay(self) -> int:
        path = self.out_dir / JOURNAL
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return 0
        except OSError as exc:
            raise UsageError(f"{path}: cannot read ({exc.strerror or exc})") from None
        count = 0
        for line in raw.split(b"\n"):
            try:
                record = json.loads(line.decode("utf-8"))
                self._apply(OutputRecord(**record))
            except (ValueError, TypeError, UnicodeDecodeError):
                continue               # a torn last line from a kill, or junk: not recorded
            count += 1
        return count or 1              # a journal file (even empty) is folded and removed

    # -- reading -------------------------------------------------------------------------------
    @property
    def items(self) -> dict[str, Any]:
        items: dict[str, Any] = self.data["items"]
        return items

    def entry(self, key: str) -> dict[str, Any] | None:
        return self.items.get(key)

    def is_done(self, key: str, input_sha256: str, glossary: str, target: str, models: list[str],
                output: str, encoding: str = "utf-8") -> bool:
        """True if `output` was made from this input, glossary and models, in this encoding, and is still on
        disk unchanged."""
        entry = self.items.get(key)
        if not entry or entry.get("input_sha256") != input_sha256 or entry.get("glossary") != glossary:
            return False
        done = entry.get("targets", {}).get(target)
        if (not done or done.get("models") != models or done.get("output") != output
                or done.get("encoding", "utf-8") != encoding):
            return False
        try:
            return bool(file_sha256((self.out_dir / output).read_bytes()) == done.get("sha256"))
        except OSError:
            return False

    # -- writing -------------------------------------------------------------------------------
    def _apply(self, rec: OutputRecord) -> None:
        entry = self.items.get(rec.key)
        if not entry or entry.get("input_sha256") != rec.input_sha256 or entry.get("glossary") != rec.glossary:
            entry = {"input": rec.input, "input_sha256": rec.input_sha256, "glossary": rec.glossary,
                     "targets": {}}
            self.items[rec.key] = entry
        entry["targets"][rec.target] = {"output": rec.output, "models": rec.models, "sha256": rec.sha256,
                                        "names": rec.names or [], "encoding": rec.encoding}
        entry["sentences"] = max(int(entry.get("sentences", 0)), rec.sentences)

    def record(self, rec: OutputRecord) -> None:
        """Append `rec` to the journal (one write, fsynced) and to the in-memory manifest."""
        line = (json.dumps(rec.to_dict(), ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
        if self._journal_fd is None:
            self._journal_fd = os.open(self.out_dir / JOURNAL, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            # a torn line left by a kill must not swallow this one
            if os.fstat(self._journal_fd).st_size:
                os.write(self._journal_fd, b"\n")
        os.write(self._journal_fd, line)
        os.fsync(self._journal_fd)
        self._apply(rec)

    def write_output(self, key: str, *, input: str, input_sha256: str, glossary: str, target: str,
                     output: str, models: list[str], data: bytes | str, sentences: int = 0,
                     names: list[dict[str, Any]] | None = None, encoding: str = "utf-8") -> OutputRecord:
        """Write one output (bytes, or text as UTF-8) atomically under the folder, then record it."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        path = self.out_dir / output
        check_inside(self.out_dir, output)
        path.parent.mkdir(parents=True, exist_ok=True)
        check_inside(self.out_dir, output)  # again: the folder may have been swapped for a symlink
        atomic_write_bytes(path, data)
        rec = OutputRecord(key, input, input_sha256, glossary, target, output, models,
                           file_sha256(data), sentences, names, encoding)
        self.record(rec)
        return rec

    def set(self, **fields: Any) -> None:
        """Top-level fields (e.g. source language) saved with the next fold."""
        self.data.update(fields)

    def fold(self) -> None:
        """Write manifest.json atomically with everything recorded, then drop the journal."""
        self.data["version"] = VERSION
        atomic_write_text(self.out_dir / MANIFEST,
                          json.dumps(self.data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
        self.close()
        (self.out_dir / JOURNAL).unlink(missing_ok=True)

    def close(self) -> None:
        if self._journal_fd is not None:
            os.close(self._journal_fd)
            self._journal_fd = None
