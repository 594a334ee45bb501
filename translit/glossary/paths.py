"""Which glossary files to use: --glossary, $TRANSLIT_GLOSSARY, ./glossaries, the bundled set.

Kept apart from the YAML loader so that finding a cached compiled glossary
does not import a YAML parser.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

__all__ = ["BUNDLED", "ENV_VAR", "bundled_dir", "glossary_hash", "resolve_paths"]

BUNDLED = "bundled"  # the word that names the bundled glossaries in --glossary / TRANSLIT_GLOSSARY
ENV_VAR = "TRANSLIT_GLOSSARY"


def glossary_hash(files: Iterable[tuple[str, bytes]]) -> str:
    """The `glossary` a batch manifest records: SHA-256 over the files' names and bytes in load order (16 hex
    digits), so that a rerun with other or edited glossaries redoes its documents."""
    h = hashlib.sha256()
    for name, data in files:
        h.update(name.encode("utf-8") + b"\0")
        h.update(data)
        h.update(b"\0")
    return h.hexdigest()[:16]


def bundled_dir() -> Path:
    """The directory of the bundled glossaries (in the wheel, or the repository checkout)."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "bundled_glossaries"
    if installed.is_dir():
        return installed
    return here.parent / "glossaries"


def _expand(spec: str) -> list[Path]:
    if spec == BUNDLED:
        return sorted(bundled_dir().glob("*.yaml"))
    p = Path(spec)
    if p.is_dir():
        return sorted(p.glob("*.yaml"))
    return [p]


def resolve_paths(specs: list[str] | None = None, cwd: Path | None = None) -> list[Path]:
    """The glossary files to load, in order.

    `specs` (from --glossary) replaces the defaults when given; a directory
    means its *.yaml files in sorted order and the word "bundled" the bundled
    set. Else TRANSLIT_GLOSSARY (an os.pathsep-separated list), else
    ./glossaries if it exists, else the bundled glossaries.
    """
    if specs:
        chosen = list(specs)
    elif os.environ.get(ENV_VAR):
        chosen = [s for s in os.environ[ENV_VAR].split(os.pathsep) if s]
    elif ((cwd or Path.cwd()) / "glossaries").is_dir():
        chosen = [str((cwd or Path.cwd()) / "glossaries")]
    else:
        chosen = [BUNDLED]
    out: list[Path] = []
    for spec in chosen:
        out.extend(_expand(spec))
    return out
