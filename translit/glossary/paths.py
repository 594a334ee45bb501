"""Which glossary files to use: --glossary, $TRANSLIT_GLOSSARY, ./glossaries, the bundled set.

Kept apart from the YAML loader so that finding a cached compiled glossary
does not import a YAML parser.
"""
from __future__ import annotations

import os
from pathlib import Path

__all__ = ["BUNDLED", "ENV_VAR", "bundled_dir", "resolve_paths"]

BUNDLED = "bundled"  # the word that names the bundled glossaries in --glossary / TRANSLIT_GLOSSARY
ENV_VAR = "TRANSLIT_GLOSSARY"


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
