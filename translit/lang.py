"""Which language a text is written in: English, Ukrainian or Russian.

One detector for the whole project: the normalizer decides each paragraph with
`detect_lang`, `translate --from auto`, `batch --from auto` and the server's
`/detect` call `detect_language` on whole documents.

Latin letters against Cyrillic letters decide English; between Ukrainian and
Russian, letters only one language has (і ї є ґ / ы э ё ъ), frequent function
words only one has, and words only one language's dictionary knows all vote.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from .scripts import CYRILLIC as _CYR, RU_ONLY, UK_ONLY

__all__ = ["LANGS", "Detection", "detect_language", "detect_lang"]

LANGS = ("en", "uk", "ru")
_LAT = re.compile(r"[A-Za-z]")
# Frequent short words that only one of the two languages has.
_UK_WORDS = re.compile(r"(?i)\b(?:що|як|це|та|але|від|він|вона|який|яка|також|було|має|для|щоб|між)\b")
_RU_WORDS = re.compile(r"(?i)\b(?:что|как|это|но|от|он|она|который|которая|также|было|имеет|для|чтобы|между)\b")
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+")
_CYR_WORD = re.compile(r"[\u0400-\u04ff]{3,}")
_DICTIONARY_WORDS = 200      # words looked up per text: enough to decide, bounded for long documents


@dataclass(frozen=True)
class Detection:
    """The language of a text: `lang` (None when the text has no letters) and a score per language."""

    lang: str | None
    confidence: float
    scores: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"lang": self.lang, "confidence": round(self.confidence, 3),
                "scores": {k: round(v, 3) for k, v in self.scores.items()}}


def _dictionary_vote(text: str) -> int:
    """Words only the Ukrainian dictionary knows minus words only the Russian one knows."""
    from .morph import analyzer

    uk, ru = analyzer("uk"), analyzer("ru")
    score = 0
    for word in _CYR_WORD.findall(text.lower())[:_DICTIONARY_WORDS]:
        in_uk, in_ru = uk.word_is_known(word), ru.word_is_known(word)
        score += (in_uk and not in_ru) - (in_ru and not in_uk)
    return score


def _letter_vote(text: str) -> int:
    uk = sum(text.count(c) for c in UK_ONLY) + 2 * len(_UK_WORDS.findall(text))
    ru = sum(text.count(c) for c in RU_ONLY) + 2 * len(_RU_WORDS.findall(text))
    return uk - ru


def detect_lang(text: str, default: str = "en", dictionary: bool = True) -> str:
    """"uk", "ru" or "en" for a piece of text (a paragraph); `default` when the letters decide nothing.

    Letters only one language has (weighted with frequent function words) and
    words only one language's dictionary knows both vote, so a Ukrainian name
    in Russian text does not turn it Ukrainian.
    """
    text = _URL.sub(" ", text)
    cyr = len(_CYR.findall(text))
    lat = len(_LAT.findall(text))
    if cyr == 0 and lat == 0:
        return default
    if cyr > lat and not _CYR_WORD.search(text):
        return default  # a few stray letters decide nothing
    if cyr <= lat:
        return "en"
    vote = (_dictionary_vote(text) if dictionary else 0) + _letter_vote(text)
    if vote:
        return "uk" if vote > 0 else "ru"
    return default if default in ("uk", "ru", "") else "ru"


def detect_language(text: str) -> Detection:
    """The language of a whole document (en, uk or ru) with a score per language.

    The English score is the share of Latin letters; the Cyrillic share is split
    between Ukrainian and Russian by their vote (logistic, so a few words of
    evidence already decide). The language with the highest score wins; a tie
    between Ukrainian and Russian goes to Russian, as in `detect_lang`.
    """
    clean = _URL.sub(" ", text)
    cyr = len(_CYR.findall(clean))
    lat = len(_LAT.findall(clean))
    total = cyr + lat
    if total == 0:
        return Detection(None, 0.0, dict.fromkeys(LANGS, 0.0))
    vote = 0
    if cyr:
        vote = _letter_vote(clean) + (_dictionary_vote(clean) if _CYR_WORD.search(clean) else 0)
    p_uk = 1.0 / (1.0 + math.exp(-max(-50, min(50, vote))))
    scores = {"en": lat / total, "uk": cyr / total * p_uk, "ru": cyr / total * (1.0 - p_uk)}
    order = {"en": 0, "ru": 1, "uk": 2}       # ties: English, then Russian
    lang = max(scores, key=lambda k: (scores[k], -order[k]))
    return Detection(lang, scores[lang], scores)
