"""Output layout and the resume manifest shared by every engine and command that writes into a folder.

`DIR/manifest.json` records per input (its output key) the SHA-256 of its
bytes, the glossary hash, and per target (a language, or "normalized") the
output file, the model(s) and the output's SHA-256. A document is done when
all of those still agree; a rerun skips it. Everything is written atomically.

This module is light on purpose: `normalize` uses it without the translation stack.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from .files import atomic_write_text

__all__ = [
    "MANIFEST",
    "BatchItem",
    "clean_stale_temps",
    "file_sha256",
    "is_done",
    "load_manifest",
    "plan_outputs",
    "record_target",
    "save_manifest",
]

MANIFEST = "manifest.json"


@dataclass
class BatchItem:
    """One input and where its outputs go (relative to the output dir)."""

    input: Path
    key: str                         # relative output stem, e.g. "a/article"
    suffix: str                      # ".txt"

    def output(self, lang: str | None) -> str:
        """`a/article.uk.txt` for a language; `a/article.txt` for None (same name as the input)."""
        return f"{self.key}.{lang}{self.suffix}" if lang else f"{self.key}{self.suffix}"


def _safe_part(part: str) -> str:
    return part if part not in ("", ".", "..") else "_"


def plan_outputs(inputs: Iterable[str | Path], bases: Iterable[str | Path | None] | None = None) -> list[BatchItem]:
    """Output names mirroring the inputs' paths below their common folder (never outside it).

    `news/a/article.txt` and `news/b/article.txt` become `a/article` and `b/article`.
    """
    paths: list[Path] = []
    for p in inputs:
        path = Path(p).resolve()
        if path not in paths:
            paths.append(path)
    if not paths:
        return []
    common = Path(os.path.commonpath([p.parent for p in paths]))
    items = []
    for path in paths:
        rel = PurePosixPath(*[_safe_part(x) for x in path.relative_to(common).parts])
        suffix = rel.suffix if rel.suffix and (len(rel.suffix) <= 6 or rel.suffix == ".parquet") else ".txt"
        stem = rel.with_suffix("") if rel.suffix == suffix else rel
        items.append(BatchItem(path, str(stem), suffix))
    return items


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_manifest(out_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"version": 1, "items": {}}
    if not isinstance(data, dict) or not isinstance(data.get("items"), dict):
        return {"version": 1, "items": {}}
    return data


def save_manifest(out_dir: Path, manifest: dict[str, Any]) -> None:
    atomic_write_text(out_dir / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def clean_stale_temps(out_dir: Path) -> None:
    """Remove temp files a killed run may have left (`.name.XXXX.tmp` from atomic writes)."""
    for tmp in out_dir.rglob(".*.tmp"):
        if tmp.is_file():
            tmp.unlink(missing_ok=True)


def is_done(entry: dict[str, Any] | None, sha: str, glossary_hash: str, target: str, models: list[str],
            out_dir: Path, output: str) -> bool:
    """True when `output` for `target` was made from these input bytes, glossary and models and is intact."""
    if not entry or entry.get("input_sha256") != sha or entry.get("glossary") != glossary_hash:
        return False
    record = entry.get("targets", {}).get(target)
    if not record or record.get("models") != models or record.get("output") != output:
        return False
    path = out_dir / output
    try:
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest() == record.get("sha256")
    except OSError:
        return False


def record_target(manifest: dict[str, Any], key: str, source: str, sha: str, glossary_hash: str, target: str,
                  output: str, models: list[str], output_sha: str, **extra: Any) -> dict[str, Any]:
    """Note in `manifest` that `output` (for `target`) is done; return the input's entry."""
    entry = manifest["items"].get(key)
    if not entry or entry.get("input_sha256") != sha or entry.get("glossary") != glossary_hash:
        entry = {"input": source, "input_sha256": sha, "glossary": glossary_hash, "targets": {}}
        manifest["items"][key] = entry
    entry["targets"][target] = {"output": output, "models": models, "sha256": output_sha, **extra}
    return entry
