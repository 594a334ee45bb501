"""Which language a paragraph is written in: English, Ukrainian or Russian."""
from __future__ import annotations

import re

from ..text.langs import TEXT_LANGS
from ..text.scripts import CYRILLIC as _CYR, CYRILLIC_BLOCK, RU_ONLY, UK_ONLY

__all__ = ["detect_lang", "paragraphs", "LANG_CHOICES"]

LANG_CHOICES = TEXT_LANGS
_PARA = re.compile(r"\n[ \t\r]*\n")
_LAT = re.compile(r"[A-Za-z]")
# Frequent short words that only one of the two languages has.
_UK_WORDS = re.compile(r"(?i)\b(?:що|як|це|та|але|від|він|вона|який|яка|також|було|має|для|щоб|між)\b")
_RU_WORDS = re.compile(r"(?i)\b(?:что|как|это|но|от|он|она|который|которая|также|было|имеет|для|чтобы|между)\b")


_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+")
_CYR_WORD = re.compile(f"[{CYRILLIC_BLOCK}]{{3,}}")


def _dictionary_vote(text: str) -> int:
    """Words only the Ukrainian dictionary knows minus words only the Russian one knows."""
    from ..morph import analyzer  # pymorphy3 loads its dictionaries: only for a uk/ru vote

    uk, ru = analyzer("uk"), analyzer("ru")
    score = 0
    for word in _CYR_WORD.findall(text.lower())[:200]:
        in_uk, in_ru = uk.word_is_known(word), ru.word_is_known(word)
        score += (in_uk and not in_ru) - (in_ru and not in_uk)
    return score


def detect_lang(text: str, default: str = "en", dictionary: bool = True) -> str:
    """"uk", "ru" or "en" for a piece of text, from its script and the letters only one language has.

    Letters only one language has (і ї є ґ / ы э ё ъ, weighted with frequent
    function words) and words only one language's dictionary knows both vote,
    so a Ukrainian name in Russian text does not turn it Ukrainian.
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
    uk = sum(text.count(c) for c in UK_ONLY) + 2 * len(_UK_WORDS.findall(text))
    ru = sum(text.count(c) for c in RU_ONLY) + 2 * len(_RU_WORDS.findall(text))
    vote = (_dictionary_vote(text) if dictionary else 0) + (uk - ru)
    if vote:
        return "uk" if vote > 0 else "ru"
    return default if default in ("uk", "ru", "") else "ru"


def paragraphs(text: str, lang: str = "auto", mask: list[tuple[int, int]] | None = None
               ) -> list[tuple[int, int, str]]:
    """(start, end, lang) for each paragraph (blocks separated by blank lines).

    Spans in `mask` (the names found) are left out of the decision, so a
    Ukrainian name does not make a Russian paragraph Ukrainian, and rewriting
    names never changes a paragraph's language.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _PARA.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    if lang != "auto":
        return [(s, e, lang) for s, e in spans]
    whole = detect_lang(text)
    if not mask:
        return [(s, e, detect_lang(text[s:e], whole)) for s, e in spans]
    chars = list(text)
    for s, e in mask:
        chars[s:e] = " " * (e - s)
    masked = "".join(chars)
    whole = detect_lang(masked, "") or detect_lang(text, "ru", dictionary=False)
    out = []
    for s, e in spans:
        # the words around the names decide; where they tie, the whole paragraph does; where there
        # are none, only the letters of the names do, so rewriting the names cannot change the decision
        around = masked[s:e]
        lang = detect_lang(around, "") or detect_lang(text[s:e], whole, dictionary=bool(_CYR_WORD.search(around)))
        out.append((s, e, lang))
    return out
