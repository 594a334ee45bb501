"""The rewrite policy: a mention is rewritten only when the scan is sure of entry, span and form.

Every mention not in its house form that is left alone gets a reason (see docs/normalize.md).
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..text.fold import fold_form
from ..text.scripts import has_cyrillic
from .context import cases_after
from .extend import agrees
from .fuzzy import FuzzyStep
from .house import house_spelling, is_house_form, letter_case
from .rewrite import canonical_form
from .state import Cand
from .types import CASES, LANGS, EntryInfo, Role, unpack

__all__ = ["RewritePolicy", "repeats_context", "house_words", "CONTEXT_REACH"]

_ABBREVIATION = int(Role.ABBREVIATION)  # a plain int: reading an enum member is slow (Python 3.11)
CONTEXT_REACH = 40  # how far around a mention repeats_context looks
_ALNUM = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*|\d+")


class RewritePolicy(FuzzyStep):
    """Decides, for a mention not in its house form, whether it is rewritten."""

    def policy(self, info: EntryInfo, best: Cand, lang: str, case: int, found: str, canonical: str
               ) -> tuple[str | None, int, str]:
        """(reason to leave the mention alone or None, case, house form)."""
        words, house = _ALNUM.findall(found), _ALNUM.findall(canonical)
        for w in words:  # a newsroom that writes РФ (or рф) keeps it, also inside a longer name
            letters = [ch for ch in w if ch.isalpha()]
            if w not in house and (len(letters) >= 2 and letters[1].isupper() and  # (most words: no)
                                   all(ch.isupper() for ch in letters) and
                                   not found.isupper() or self._abbreviation_key(w)):
                return "abbreviation", case, canonical
        if not info.person and repeats_context(self.text, best.start, best.end, words, house):
            return "repeats-context", case, canonical  # (“Spider Web” drone operation)
        if not info.person and len(words) != len(house):
            return "short-form", case, canonical  # Кабмін, Сумщина, Офіс президента: another name, kept
        if lang in ("uk", "ru") and has_cyrillic(found):
            same = house_spelling(info, found, lang)
            if same is not None:
                return None, case, letter_case(found, same)  # only the capitals differ
            if is_house_form(info, found, lang):
                return "already-house-form", case, canonical  # мосту / моста: the one written stays
            if self.tie_at(best.start) and any(is_house_form(info, found, other) for other in ("uk", "ru")):
                return "cross-language", case, canonical
            if not info.person and CASES[case] == "gent" and LANGS[best.lang] != lang and \
                    {found[-1:].lower(), canonical[-1:].lower()} == {"а", "у"}:
                return "case-unknown", case, canonical  # росатома (ru) in uk text: Росатома or Росатому?
            if len(set(best.cases) - {0, 3}) > (0 if 0 in best.cases else 1) and \
                    LANGS[best.lang] in ("uk", "ru"):
                options = {c: canonical_form(info, best, lang, c, found) for c in best.cases}
                given = _given_written(best.shape, found)
                if info.person and 0 in options and len(set(options.values())) > 1:
                    options.pop(CASES.index("voct"), None)  # a name that may be called out is read as named
                if info.person and given and len(set(options.values())) > 1:
                    # a person named in full: the given name's case decides (Олени Іванової, Олені Івановій)
                    options = {c: f for c, f in options.items() if agrees(info, given, (c,))} or options
                    if len(set(options.values())) == 1:
                        case = min(options)
                        return None, case, options[case]
                if len(set(options.values())) > 1:
                    # the preposition before the name decides (в/на + locative, після/без + genitive...)
                    wanted = cases_after([self._word_before(best.start)])
                    kept = {c: f for c, f in options.items() if not wanted or c in wanted}
                    if len(set(kept.values())) != 1:
                        return "case-unknown", case, canonical
                    case = min(kept)
                    return None, case, kept[case]
        return None, case, canonical

    def _abbreviation_key(self, word: str) -> bool:
        """`word` is written as some entry's abbreviation (рф)."""
        key = fold_form(word)
        automaton, values = self.c.part("cyrillic" if has_cyrillic(key) else "latin")
        index = automaton.get(key, None)
        return index is not None and any(unpack(h)[1] == _ABBREVIATION for h in self.c.hits(values[index]))

    def tie_at(self, pos: int) -> bool:
        """True when nothing in the paragraph at `pos` tells Ukrainian from Russian."""
        return bool(self.ties) and self.paras[max(0, bisect_right(self.para_starts, pos) - 1)][0] in self.ties


def repeats_context(text: str, start: int, end: int, words: list[str], house: list[str]) -> bool:
    """True when the house form (`house`, its words) would repeat a word around the span `start:end` that the
    mention (`words`) does not have: a house form never does (“Spider Web” drone operation)."""
    seen = {w.lower()[:5] for w in words}
    near = {w.lower()[:5] for w in _ALNUM.findall(text[end:end + CONTEXT_REACH])[:3]}
    near |= {w.lower()[:5] for w in _ALNUM.findall(text[max(0, start - CONTEXT_REACH):start])[-2:]}
    return any(w.lower()[:5] in near for w in house if w.lower()[:5] not in seen and len(w) > 2)


def house_words(text: str) -> list[str]:
    """The words and numbers of a form, as repeats_context compares them."""
    return _ALNUM.findall(text)


def _given_written(shape: str, found: str) -> str:
    """The given name as written in a person's mention (folded), or "" when the mention has none."""
    words = found.replace(",", " ").split()
    if len(words) < 2 or shape not in ("full", "reversed", "patronymic"):
        return ""
    return (words[1] if shape == "reversed" else words[0]).lower().replace("ё", "е")
