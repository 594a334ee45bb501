"""The on-disk cache of compiled glossaries: keyed by the content of every file compilation reads."""
from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import cast

from .. import __version__
from ..files import atomic_write_bytes
from ..glossary.model import Entry
from .build import compile_entries
from .store import MemoryStore, SqliteStore, write_store
from .types import Compiled

__all__ = ["FORMAT_VERSION", "cache_dir", "load_or_compile"]

FORMAT_VERSION = 18  # bump when the compiled layout or the form generation changes

_PARTS = ("latin", "cyrillic")


def cache_dir() -> Path:
    """Where compiled glossaries are cached: $TRANSLIT_CACHE_DIR, else $XDG_CACHE_HOME/translit."""
    if os.environ.get("TRANSLIT_CACHE_DIR"):
        return Path(os.environ["TRANSLIT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "translit"


def _content_key(paths: list[Path]) -> str:
    """Hash of the glossary files, the data files compilation reads, and the code version."""
    h = hashlib.sha256(f"{FORMAT_VERSION}:{__version__}".encode())
    data = Path(__file__).resolve().parent.parent / "data"
    schemes = Path(__file__).resolve().parent.parent / "schemes" / "data"
    extra = sorted(data.glob("*.yaml")) + sorted(schemes.glob("*.yaml"))
    for p in list(paths) + extra:
        h.update(str(p.name).encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:32]


def load_or_compile(paths: list[Path], loader: Callable[[list[Path]], Iterable[Entry]]) -> Compiled:
    """The compiled glossary for `paths`, from the on-disk cache when the files are unchanged.

    `loader` returns the Glossary for `paths` (only called on a cache miss).
    """
    key = _content_key(paths)
    target = cache_dir() / f"glossary-{key}.pickle"
    try:
        with open(target, "rb") as fh:
            compiled = pickle.load(fh)
        if isinstance(compiled, Compiled) and compiled.key == key and all(
                target.with_suffix(f".{p}.pickle").is_file() for p in _PARTS):
            compiled.source = target
            count = cast(int, compiled.store)  # pickled as its entry count (Compiled.__getstate__)
            compiled.store = SqliteStore(target.with_suffix(".sqlite"), count)
            return compiled
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    glossary = loader(paths)
    compiled = compile_entries(list(glossary))
    compiled.key = key
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for name in _PARTS:  # parts first: the core file is what marks the cache complete
            atomic_write_bytes(target.with_suffix(f".{name}.pickle"),
                               pickle.dumps(compiled.parts[name], protocol=pickle.HIGHEST_PROTOCOL))
        tmp = target.with_suffix(f".sqlite.{os.getpid()}.tmp")
        assert isinstance(compiled.store, MemoryStore)  # just compiled: held in memory
        write_store(tmp, compiled.store)
        os.replace(tmp, target.with_suffix(".sqlite"))
        atomic_write_bytes(target, pickle.dumps(compiled, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # a read-only cache only costs speed
    return compiled
