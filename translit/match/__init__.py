"""Matching: the compiled index of every form of every glossary entry, and the scanner that finds them in text.

- `types`: the hit encoding (`Role`, `FormLang`, `Origin`, `pack`), `EntryInfo`, `Store`, `Compiled`, `Match`
- `scores`: every score the scanner gives, in one commented table
- `forms`, `build`: deriving every form of an entry and compiling them into two automata
- `store`: entry infos and the fuzzy index, in memory or read from SQLite on demand
- `cache`: the on-disk cache, keyed by the content of every file compilation reads
- `lang`: which language a paragraph is written in
- the scan, one module per step: `state` (the text and its spans), `extend` (surname to full name),
  `candidates` (automaton hits), `fuzzy` (typos), `resolve` (choosing), `rewrite` (house forms); `scan()`
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names
from .cache import FORMAT_VERSION, cache_dir, load_or_compile
from .lang import LANG_CHOICES, detect_lang, paragraphs
from .scan import scan
from .store import MemoryStore, SqliteStore
from .types import (CASES, LANGS, METHODS, ROLES, Compiled, EntryInfo, FormLang, Match, Origin, Role, Store, pack,
                    unpack)


if TYPE_CHECKING:
    from .build import compile_entries

# compile_entries on first use: a cache hit never loads the compiler (forms, morphology, the glossary model)
__getattr__ = lazy_names(__name__, {"compile_entries": "build"})


__all__ = [
    "CASES", "FORMAT_VERSION", "LANGS", "LANG_CHOICES", "METHODS", "ROLES", "Compiled", "EntryInfo", "FormLang",
    "Match", "MemoryStore", "Origin", "Role", "SqliteStore", "Store", "cache_dir", "compile_entries", "detect_lang", "load_or_compile", "pack",
    "paragraphs", "scan", "unpack",
]
