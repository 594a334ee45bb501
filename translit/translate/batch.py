"""Resumable batch translation: many documents, a manifest, atomic outputs.

`DIR/manifest.json` records per input the SHA-256 of its bytes, the model(s)
used per language (package name@version) and the glossary hash. A rerun skips
what is recorded and still on disk, and redoes what changed. Outputs and the
manifest are written atomically, so a killed run leaves no partial file and a
rerun finishes the job.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..errors import InputError, UsageError
from ..files import atomic_write_text, read_text
from ..manifest import MANIFEST, BatchItem, file_sha256, load_manifest, plan_outputs
from ..manifest import clean_stale_temps as _clean_stale_temps
from ..manifest import is_done as _is_done
from ..manifest import save_manifest as _save_manifest
from .packages import ModelInfo
from .pipeline import plan_routes, translate_texts

__all__ = ["BatchItem", "ItemResult", "BatchProgress", "plan_outputs", "run_batch", "MANIFEST"]

GROUP_CHARS = int(os.environ.get("TRANSLIT_BATCH_GROUP_CHARS", "400000"))  # text per model run


@dataclass
class ItemResult:
    """What happened to one input."""

    input: str
    status: str                      # done | skipped | failed
    outputs: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    sentences: int = 0
    names: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"input": self.input, "status": self.status, "outputs": self.outputs, "error": self.error,
                "sentences": self.sentences, "names": self.names}


class BatchProgress(Protocol):
    def add_total(self, sentences: int) -> None: ...
    def advance(self, sentences: int) -> None: ...
    def document_done(self, result: ItemResult) -> None: ...


def run_batch(inputs: list[str | Path], out_dir: str | Path, source: str, targets: list[str], *,
              enforcer: Any = None, glossary_hash: str = "none", jobs: int | None = None,
              progress: BatchProgress | None = None,
              routes: dict[str, list[ModelInfo]] | None = None) -> list[ItemResult]:
    """Translate every input into every target under `out_dir`; return one result per input."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out_dir}: exists and is not a directory")
    out.mkdir(parents=True, exist_ok=True)
    out_resolved = out.resolve()
    routes = routes or plan_routes(source, targets)
    models = {t: [m.ident for m in chain] for t, chain in routes.items()}
    _clean_stale_temps(out)
    manifest = load_manifest(out)
    manifest.update({"version": 1, "source": source})
    items = plan_outputs(inputs)
    input_paths = {i.input for i in items}
    results: dict[str, ItemResult] = {}
    texts: dict[str, str] = {}
    shas: dict[str, str] = {}
    pending: dict[str, list[str]] = {t: [] for t in targets}
    for item in items:
        result = ItemResult(str(item.input), "skipped",
                            outputs={t: str(out / item.output(t)) for t in targets})
        results[item.key] = result
        try:
            collide = [t for t in targets if (out_resolved / item.output(t)) in input_paths]
            if collide:
                raise InputError(f"{item.input}: its output {item.output(collide[0])} would overwrite an input")
            text = read_text(item.input)
            data = item.input.read_bytes()
            if not text.strip():
                raise InputError(f"{item.input}: empty file")
        except InputError as exc:
            result.status, result.error, result.outputs = "failed", str(exc), {}
            continue
        except OSError as exc:
            result.status, result.error, result.outputs = "failed", f"{item.input}: {exc.strerror}", {}
            continue
        sha = file_sha256(data)
        texts[item.key], shas[item.key] = text, sha
        entry = manifest["items"].get(item.key)
        for t in targets:
            if not _is_done(entry, sha, glossary_hash, t, models[t], out, item.output(t)):
                pending[t].append(item.key)
        if entry:
            result.sentences = int(entry.get("sentences", 0))
    for result in results.values():
        if result.status == "failed" and progress:
            progress.document_done(result)
    by_key = {i.key: i for i in items}
    todo = [k for k in by_key if any(k in pending[t] for t in targets)]
    for key in by_key:
        if key in texts and key not in todo and progress:
            progress.document_done(results[key])
    for group in _groups(todo, texts):
        for t in targets:
            keys = [k for k in group if k in pending[t]]
            if not keys:
                continue
            translated = translate_texts([texts[k] for k in keys], source, [t], enforcer=enforcer, jobs=jobs,
                                         progress=progress, routes={t: routes[t]})
            for key, by_lang in zip(keys, translated):
                doc = by_lang[t]
                item, result = by_key[key], results[key]
                target_path = out / item.output(t)
                target_path.parent.mkdir(parents=True, exist_ok=True)
                atomic_write_text(target_path, doc.text)
                entry = manifest["items"].get(key)
                if not entry or entry.get("input_sha256") != shas[key] or entry.get("glossary") != glossary_hash:
                    entry = {"input": str(item.input), "input_sha256": shas[key], "glossary": glossary_hash,
                             "targets": {}}
                    manifest["items"][key] = entry
                entry["targets"][t] = {"output": item.output(t), "models": models[t],
                                       "sha256": file_sha256(doc.text.encode("utf-8")), "names": doc.names}
                entry["sentences"] = max(int(entry.get("sentences", 0)), doc.sentences)
                result.status, result.sentences = "done", entry["sentences"]
                result.names[t] = doc.names
        _save_manifest(out, manifest)
        if progress:
            for key in group:
                progress.document_done(results[key])
    _save_manifest(out, manifest)
    return [results[i.key] for i in items]


def _groups(keys: list[str], texts: dict[str, str]) -> Iterable[list[str]]:
    group: list[str] = []
    size = 0
    for key in keys:
        group.append(key)
        size += len(texts[key])
        if size >= GROUP_CHARS:
            yield group
            group, size = [], 0
    if group:
        yield group
