"""Languages and grammatical cases: the names every layer uses for them.

    TEXT_LANGS      the languages of a text and of a glossary's house forms
    CYRILLIC_LANGS  the two written in Cyrillic: romanization schemes and morphology cover these
    CASES           the seven cases of Ukrainian and Russian names, in pymorphy3's names, nominative first
"""
from __future__ import annotations

__all__ = ["CASES", "CYRILLIC_LANGS", "TEXT_LANGS"]

TEXT_LANGS = ("en", "uk", "ru")
CYRILLIC_LANGS = ("uk", "ru")
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct")
