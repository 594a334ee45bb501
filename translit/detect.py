"""Which of English, Ukrainian and Russian a text is written in, with a confidence for each.

    >>> detect_languages("Кирило Буданов заявив, що ...")[0].lang
    'uk'

Built on the same signals as `translit.match.lang.detect_lang` (script, letters
only one language has, frequent function words, words only one dictionary
knows). Used by `translit translate --from auto` and the server's `/detect`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .match import lang as _lang
from .text.scripts import CYRILLIC, RU_ONLY, UK_ONLY

__all__ = ["Detection", "detect_languages", "detect_language"]


@dataclass(frozen=True)
class Detection:
    """One candidate language; `confidence` runs from 0 to 100 (as LibreTranslate reports it)."""

    lang: str
    confidence: float

    def to_dict(self) -> dict[str, object]:
        return {"language": self.lang, "confidence": self.confidence}


def detect_languages(text: str) -> list[Detection]:
    """en, uk and ru with their confidences, best first.

    The share of Cyrillic letters splits English from the other two; Ukrainian
    against Russian is a logistic of the vote (letters і ї є ґ against ы э ё ъ,
    function words, dictionary-only words). A tie between uk and ru lists ru first,
    as `detect_lang` decides. Text without letters gives en with confidence 0.
    """
    text = _lang._URL.sub(" ", text)
    cyr = len(CYRILLIC.findall(text))
    lat = len(_lang._LAT.findall(text))
    if cyr + lat == 0:
        return [Detection("en", 0.0), Detection("ru", 0.0), Detection("uk", 0.0)]
    p_cyr = cyr / (cyr + lat)
    p_uk = 0.5
    if cyr:
        vote = sum(text.count(c) for c in UK_ONLY) + 2 * len(_lang._UK_WORDS.findall(text))
        vote -= sum(text.count(c) for c in RU_ONLY) + 2 * len(_lang._RU_WORDS.findall(text))
        if _lang._CYR_WORD.search(text):
            vote += _lang._dictionary_vote(text)
        p_uk = 1.0 / (1.0 + math.exp(-max(-30, min(30, vote))))
    scores = {"en": 1.0 - p_cyr, "uk": p_cyr * p_uk, "ru": p_cyr * (1.0 - p_uk)}
    order = {"en": 0, "ru": 1, "uk": 2}
    ranked = sorted(scores, key=lambda k: (-round(scores[k], 6), order[k]))
    return [Detection(k, round(100.0 * scores[k], 1)) for k in ranked]


def detect_language(text: str) -> str:
    """The most likely of "en", "uk", "ru"."""
    return detect_languages(text)[0].lang
