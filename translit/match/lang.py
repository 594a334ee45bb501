"""Which language a paragraph is written in: English, Ukrainian or Russian."""
from __future__ import annotations

import re

from ..scripts import RU_ONLY, UK_ONLY

__all__ = ["detect_lang", "paragraphs", "LANG_CHOICES"]

LANG_CHOICES = ("en", "uk", "ru")
_PARA = re.compile(r"\n[ \t\r]*\n")
_CYR = re.compile(r"[\u0400-\u04ff]")
_LAT = re.compile(r"[A-Za-z]")
# Frequent short words that only one of the two languages has.
_UK_WORDS = re.compile(r"(?i)\b(?:що|як|це|та|але|від|він|вона|який|яка|також|було|має|для|щоб|між)\b")
_RU_WORDS = re.compile(r"(?i)\b(?:что|как|это|но|от|он|она|который|которая|также|было|имеет|для|чтобы|между)\b")


def detect_lang(text: str, default: str = "en") -> str:
    """"uk", "ru" or "en" for a piece of text, from its script and the letters only one language has."""
    cyr = len(_CYR.findall(text))
    lat = len(_LAT.findall(text))
    if cyr == 0 and lat == 0:
        return default
    if cyr <= lat:
        return "en"
    uk = sum(text.count(c) for c in UK_ONLY) + 2 * len(_UK_WORDS.findall(text))
    ru = sum(text.count(c) for c in RU_ONLY) + 2 * len(_RU_WORDS.findall(text))
    if uk == ru:
        return default if default in ("uk", "ru") else "ru"
    return "uk" if uk > ru else "ru"


def paragraphs(text: str, lang: str = "auto") -> list[tuple[int, int, str]]:
    """(start, end, lang) for each paragraph (blocks separated by blank lines)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _PARA.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    if lang != "auto":
        return [(s, e, lang) for s, e in spans]
    whole = detect_lang(text)
    return [(s, e, detect_lang(text[s:e], whole)) for s, e in spans]
