"""Latin text → Cyrillic: known forms (a glossary's) first, then the schemes word by word."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from ..text.scripts import APOSTROPHES, LATIN_APOSTROPHE
from .registry import get_scheme, list_schemes
from .reverse import Candidate, is_latin_word, latin_word_re, word_candidates

__all__ = ["Cyrillization", "cyrillize_text", "rank_word", "known_forms", "fold"]

MAX_NAME_WORDS = 6  # longest glossary name looked up inside a text
_AGREE_BONUS = 0.05  # per extra scheme that yields the same reading (at most _AGREE_MAX)
_AGREE_MAX = 3
_CONVENTION_COST = 0.5  # a reading only a press convention yields is less certain than a standard's
_WORSE_THAN_BEST = 2.5  # drop candidates this much less likely than the best
_APOS = str.maketrans({c: LATIN_APOSTROPHE for c in APOSTROPHES})
_SPACES = re.compile(r"\s+")


@dataclass
class Cyrillization:
    """The result for one input: the best reading, ranked alternatives, and where it came from.

    `source` is "glossary" (every Latin word came from known forms), "scheme" (none did)
    or "glossary+scheme".
    """

    input: str
    lang: str
    best: str
    candidates: list[str] = field(default_factory=list)
    source: str = "scheme"

    def to_dict(self) -> dict[str, object]:
        return {"input": self.input, "lang": self.lang, "best": self.best,
                "candidates": self.candidates, "source": self.source}


class _EntryLike(Protocol):
    kind: str
    en: str
    variants: list[str]

    def form(self, lang: str) -> str | None: ...


def fold(text: str) -> str:
    """Key for matching Latin names: NFC, case-folded, apostrophes unified, spaces collapsed."""
    text = unicodedata.normalize("NFC", text).translate(_APOS).casefold()
    return _SPACES.sub(" ", text).strip()


def known_forms(entries: Iterable[_EntryLike], lang: str) -> dict[str, str]:
    """Folded Latin form (`en` and Latin variants) → the entry's `lang` form, first entry wins.

    People's surnames alone are added too (Budanov → Буданов) unless two entries share one.
    """
    forms: dict[str, str] = {}
    surnames: dict[str, str | None] = {}
    for entry in entries:
        target = entry.form(lang)
        if not target:
            continue
        for latin in [entry.en, *entry.variants]:
            if latin and is_latin_word(latin):
                forms.setdefault(fold(latin), target)
        en_words, target_words = entry.en.split(), target.split()
        if entry.kind == "person" and len(en_words) >= 2 and len(en_words) == len(target_words):
            key = fold(en_words[-1])
            if surnames.get(key, target_words[-1]) != target_words[-1]:
                surnames[key] = None  # shared by two people: not a safe guess
            else:
                surnames[key] = target_words[-1]
    for key, surname in surnames.items():
        if surname:
            forms.setdefault(key, surname)
    return forms


def rank_word(word: str, lang: str, scheme: str | None = None, limit: int = 10) -> list[Candidate]:
    """Cyrillic readings of one Latin word, best first.

    With `scheme`, that scheme's readings; when it has none (a letter it never writes),
    or without `scheme`, every scheme of `lang` votes and readings several schemes agree
    on rank higher. If no scheme can write the word back exactly, the closest readings.
    """
    schemes = [get_scheme(lang, scheme)] if scheme else list_schemes(lang)
    ranked = _vote(schemes, word, limit, check=True)
    if not ranked and scheme:
        ranked = _vote(list_schemes(lang), word, limit, check=True)
    if not ranked:
        ranked = _vote(list_schemes(lang), word, limit, check=False)
    return ranked


def _vote(schemes: list, word: str, limit: int, check: bool) -> list[Candidate]:  # type: ignore[type-arg]
    scores: dict[str, list[float]] = {}
    for scheme in schemes:
        extra = 0.0 if scheme.standard or len(schemes) == 1 else _CONVENTION_COST
        for cand in word_candidates(scheme, word, limit=limit, check=check):
            scores.setdefault(cand.text, []).append(cand.score + extra)
    ranked = sorted(
        (Candidate(text, round(min(s) - _AGREE_BONUS * min(len(s) - 1, _AGREE_MAX), 3))
         for text, s in scores.items()),
        key=lambda c: (c.score, c.text),
    )
    if ranked:
        ranked = [c for c in ranked if c.score <= ranked[0].score + _WORSE_THAN_BEST]
    return ranked[:limit]


def cyrillize_text(text: str, lang: str, scheme: str | None = None,
                   known: Mapping[str, str] | None = None, limit: int = 10) -> Cyrillization:
    """`text` in Cyrillic: known forms first (longest name first), then each Latin word.

    `known` maps `fold()`ed Latin forms to Cyrillic (see `known_forms`). Non-Latin
    characters pass through unchanged.
    """
    known = known or {}
    schemes = (get_scheme(lang, scheme),) if scheme else tuple(list_schemes(lang))
    whole = known.get(fold(text))
    if whole is not None:
        return Cyrillization(text, lang, whole, [whole], "glossary")
    word_re = latin_word_re(tuple(list_schemes(lang)))
    words = [m for m in word_re.finditer(text) if is_latin_word(m.group())]
    pieces: list[str] = []  # alternating: text between words, then one slot per word or name
    slots: list[list[Candidate]] = []
    from_glossary = from_scheme = 0
    pos = i = 0
    while i < len(words):
        match_end, form = _known_name(text, words, i, known)
        pieces.append(text[pos:words[i].start()])
        if form is not None:
            slots.append([Candidate(form, 0.0)])
            from_glossary += 1
            pos, i = words[match_end].end(), match_end + 1
            continue
        word = words[i].group()
        ranked = rank_word(word, lang, scheme, limit) if len(schemes) else []
        slots.append(ranked or [Candidate(word, 0.0)])
        from_scheme += 1
        pos, i = words[i].end(), i + 1
    tail = text[pos:]
    best = _join(pieces, [s[0].text for s in slots], tail)
    candidates = [best]
    alternatives = sorted(
        ((alt.score - slot[0].score, k, alt.text) for k, slot in enumerate(slots) for alt in slot[1:]),
    )
    for _, k, alt in alternatives:
        if len(candidates) >= limit:
            break
        choice = [s[0].text for s in slots]
        choice[k] = alt
        candidates.append(_join(pieces, choice, tail))
    source = ("glossary" if from_glossary and not from_scheme
              else "glossary+scheme" if from_glossary else "scheme")
    return Cyrillization(text, lang, best, candidates, source)


def _known_name(text: str, words: list[re.Match[str]], i: int,
                known: Mapping[str, str]) -> tuple[int, str | None]:
    """Longest run of words from `i` that is a known form: (index of its last word, form)."""
    if not known:
        return i, None
    last = min(len(words), i + MAX_NAME_WORDS) - 1
    for j in range(last, i - 1, -1):
        form = known.get(fold(text[words[i].start():words[j].end()]))
        if form is not None:
            return j, form
    return i, None


def _join(pieces: list[str], choice: list[str], tail: str) -> str:
    return "".join(p + c for p, c in zip(pieces, choice)) + tail
