"""Which language a paragraph is written in: English, Ukrainian or Russian."""
from __future__ import annotations

import re

from ..text.langs import TEXT_LANGS
from ..text.scripts import CYRILLIC as _CYR, CYRILLIC_BLOCK, RU_ONLY, UK_ONLY

__all__ = ["blank", "detect_lang", "letter_votes", "paragraphs", "paragraph_bounds", "LANG_CHOICES"]

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


def letter_votes(text: str) -> tuple[int, int]:
    """(Ukrainian, Russian) evidence in `text`: letters only one language has, frequent words twice."""
    uk = sum(text.count(c) for c in UK_ONLY) + 2 * len(_UK_WORDS.findall(text))
    ru = sum(text.count(c) for c in RU_ONLY) + 2 * len(_RU_WORDS.findall(text))
    return uk, ru


def _only_letters(text: str) -> str:
    """"uk" or "ru" from the letters and frequent words only one language has, "" on a tie."""
    uk, ru = letter_votes(text)
    return "uk" if uk > ru else "ru" if ru > uk else ""


def _decide(around: str, full: str) -> str:
    """The language of a paragraph from the words around its names (`around`, names blanked out), the
    whole paragraph (`full`) only breaking a uk/ru tie; names only: their letters. "" when undecided."""
    lang = detect_lang(around, "")
    if lang:
        return lang
    if _CYR.search(around):  # Cyrillic words around the names, no uk/ru evidence in them
        return _only_letters(full)
    if _LAT.search(around):
        return "en"
    return detect_lang(full, "", dictionary=False)  # names only


def blank(text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None) -> str:
    """`text[start:end]` with the characters of `spans` (offsets in `text`) replaced by spaces."""
    end = len(text) if end is None else end
    chars = list(text[start:end])
    for s, e in spans:
        if s < end and e > start:
            chars[max(s, start) - start:min(e, end) - start] = " " * (min(e, end) - max(s, start))
    return "".join(chars)


def paragraph_bounds(text: str, start: int, end: int, reach: int = 4096) -> tuple[int, int, bool]:
    """(start, end, whole) of the paragraph holding `text[start:end]`, cut as `paragraphs` cuts them. Its
    start is looked for at most `reach` characters back: when it is further, (start - reach) is given and
    `whole` is False."""
    lo = max(0, start - reach)
    breaks = [m.end() for m in _PARA.finditer(text, lo, start)]
    after = _PARA.search(text, end)
    hi = after.start() if after else len(text)
    if breaks:
        return breaks[-1], hi, True
    return lo, hi, lo == 0


def paragraphs(text: str, lang: str = "auto", mask: list[tuple[int, int]] | None = None,
               votes: list[tuple[int, int]] | None = None, ties: set[int] | None = None,
               neutral: list[tuple[int, int]] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, lang) for each paragraph (blocks separated by blank lines).

    Spans in `mask` (the names found) are left out of the decision, so a
    Ukrainian name does not make a Russian paragraph Ukrainian, and rewriting
    names never changes a paragraph's language. Where the words around the names
    say nothing (a headline, a list of names), the letters of the names decide,
    then `votes` ((position, +1 for a form only Ukrainian has, -1 for Russian)),
    and the start of each paragraph still undecided is added to `ties`. The letters of
    the names in `neutral` (written alike in every language: Deutsche Welle) never decide.
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
    masked = blank(text, mask)
    named = blank(text, neutral) if neutral else text
    votes = votes or []
    whole_vote = sum(v for _, v in votes)
    whole = (_decide(masked, named) or ("uk" if whole_vote > 0 else "ru" if whole_vote < 0 else ""))
    out = []
    for s, e in spans:
        # the words around the names decide; where they tie, the whole paragraph does; where there
        # are none, only the letters of the names and which language's forms they are, so rewriting the
        # names cannot change the decision
        lang = _decide(masked[s:e], named[s:e])
        if not lang:
            vote = sum(v for p, v in votes if s <= p < e)
            lang = "uk" if vote > 0 else "ru" if vote < 0 else whole
        if not lang:
            if ties is not None and _CYR.search(text, s, e):
                ties.add(s)
            lang = "ru"
        out.append((s, e, lang))
    return out
