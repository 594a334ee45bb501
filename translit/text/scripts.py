"""Scripts, letters and apostrophes: the small facts every module needs."""
from __future__ import annotations

import re
import unicodedata

__all__ = [
    "APOSTROPHES",
    "LATIN_APOSTROPHE",
    "CYRILLIC_APOSTROPHE",
    "UK_ONLY",
    "RU_ONLY",
    "CYRILLIC",
    "CYRILLIC_BLOCK",
    "CYRILLIC_LETTERS",
    "in_cyrillic_block",
    "has_cyrillic",
    "is_cyrillic",
    "is_latin",
    "word_script",
    "words",
]

# Characters people type for an apostrophe or a soft-sign mark.
APOSTROPHES = "'’ʼ`´‘ʹ′"
LATIN_APOSTROPHE = "'"  # U+0027 in Latin-script forms
CYRILLIC_APOSTROPHE = "ʼ"  # U+02BC MODIFIER LETTER APOSTROPHE in Cyrillic forms (Ukrainian orthography)

UK_ONLY = set("іїєґІЇЄҐ")  # letters Russian does not have
RU_ONLY = set("ыэёъЫЭЁЪ")  # letters Ukrainian does not have

# The script ranges, as bodies of a regex character class.
CYRILLIC_BLOCK = "\u0400-\u04ff"  # the Cyrillic block: every Ukrainian and Russian letter is here
_CYRILLIC_SUPPLEMENT = "\u0500-\u052f"  # letters of other Cyrillic alphabets
# Cyrillic letters only: the block without its combining marks (U+0482-U+0489), and the supplement
CYRILLIC_LETTERS = "\u0400-\u0481\u048a-\u04ff" + _CYRILLIC_SUPPLEMENT
CYRILLIC = re.compile(f"[{CYRILLIC_BLOCK}]")
_WORD = re.compile(r"[^\W_]+(?:[" + re.escape(APOSTROPHES) + r"-][^\W_]+)*")


def in_cyrillic_block(ch: str) -> bool:
    """True for a character of the Cyrillic block (CYRILLIC_BLOCK)."""
    return "\u0400" <= ch <= "\u04ff"


def is_cyrillic(ch: str) -> bool:
    """True for a Cyrillic letter, the supplement's included."""
    return "\u0400" <= ch <= "\u04ff" or "\u0500" <= ch <= "\u052f"


def has_cyrillic(text: str) -> bool:
    """True when `text` has at least one Ukrainian or Russian letter."""
    if text.isascii():  # known without reading the text (CPython keeps the flag): most English text
        return False
    return CYRILLIC.search(text) is not None


def is_latin(ch: str) -> bool:
    """True for a Latin letter (ASCII or accented)."""
    if ch.isascii():
        return ch.isalpha()
    return ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN")


def word_script(word: str) -> str:
    """"cyrillic", "latin", "mixed" or "none" for the letters of one word."""
    cyr = any(is_cyrillic(c) for c in word)
    lat = any(is_latin(c) for c in word)
    if cyr and lat:
        return "mixed"
    if cyr:
        return "cyrillic"
    if lat:
        return "latin"
    return "none"


def words(text: str) -> list[str]:
    """Words of `text`: letters and digits, joined by inner apostrophes or hyphens."""
    return _WORD.findall(text)
