"""Scanning a text for glossary mentions: automaton hits, name extension, fuzzy step, resolution.

Each step is a module of its own (state → extend → candidates → fuzzy → resolve, rewrite).
"""
from __future__ import annotations

from .fuzzy import load_scorer
from .resolve import Scanner
from .types import Compiled, Match

__all__ = ["Match", "prepare_long_scan", "scan"]


def scan(text: str, compiled: Compiled, lang: str = "auto") -> list[Match]:
    """Every mention of a compiled glossary's entries in `text`."""
    if not text:
        return []
    return Scanner(compiled, text, lang).resolve()


def prepare_long_scan(compiled: Compiled, cyrillic: bool) -> None:
    """Load now what scanning a long text needs: the automata (the Cyrillic one when the text has
    Cyrillic) and the edit-distance library. Worker processes forked afterwards share them."""
    compiled.load_now("latin")
    if cyrillic:
        compiled.load_now("cyrillic")
    load_scorer()
