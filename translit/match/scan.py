"""Scanning a text for glossary mentions: automaton hits, name extension, fuzzy step, resolution.

Each step is a module of its own (state → extend → candidates → fuzzy → resolve, rewrite).
"""
from __future__ import annotations

from .resolve import Scanner
from .types import Compiled, Match

__all__ = ["Match", "scan"]


def scan(text: str, compiled: Compiled, lang: str = "auto") -> list[Match]:
    """Every mention of a compiled glossary's entries in `text`."""
    if not text:
        return []
    return Scanner(compiled, text, lang).resolve()
