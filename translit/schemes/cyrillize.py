"""Latin text → Cyrillic: known forms (a glossary's) first, then the schemes word by word."""
from __future__ import annotations

import heapq
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from ..text.scripts import APOSTROPHES, LATIN_APOSTROPHE
from ..caches import cached
from ..workers import fork_map
from .registry import get_scheme, list_schemes
from .reverse import Candidate, is_latin_word, latin_word_re, word_candidates

__all__ = ["Cyrillization", "cyrillize_text", "rank_word", "known_forms", "fold"]

MAX_NAME_WORDS = 6  # longest glossary name looked up inside a text
_FIRSTS_FROM = 64  # words in a text from which known forms are indexed by first letters (most words pass quickly)
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
    if text.isascii() and text.isalpha():  # one plain word (most of a Latin text): nothing to unify
        return text.lower()
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
    Remembered per word: running text repeats its words.
    """
    return list(_rank_word(word, lang, scheme, limit))


@cached(maxsize=32768)
def _rank_word(word: str, lang: str, scheme: str | None, limit: int) -> tuple[Candidate, ...]:
    schemes = [get_scheme(lang, scheme)] if scheme else list_schemes(lang)
    ranked = _vote(schemes, word, limit, check=True)
    if not ranked and scheme:
        ranked = _vote(list_schemes(lang), word, limit, check=True)
    if not ranked:
        ranked = _vote(list_schemes(lang), word, limit, check=False)
    return tuple(ranked)


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
                   known: Mapping[str, str] | None = None, limit: int = 10, jobs: int = 1,
                   progress: Callable[[int, int], None] | None = None) -> Cyrillization:
    """`text` in Cyrillic: known forms first (longest name first), then each Latin word.

    `known` maps `fold()`ed Latin forms to Cyrillic (see `known_forms`). Non-Latin
    characters pass through unchanged. With `jobs` above 1, a text of at least PARALLEL_WORDS
    distinct words has them read in that many forked processes (where forking is safe);
    the result is the same. `progress(done, total)` is told how many of the text's distinct words
    have been read, as they are.
    """
    known = known or {}
    schemes = (get_scheme(lang, scheme),) if scheme else tuple(list_schemes(lang))
    whole = known.get(fold(text))
    if whole is not None:
        return Cyrillization(text, lang, whole, [whole], "glossary")
    word_re = latin_word_re(tuple(list_schemes(lang)))
    words = [m for m in word_re.finditer(text) if is_latin_word(m.group())]
    pieces: list[str] = []  # alternating: text between words, then one slot per word or name
    forms: list[str | None] = []  # per slot: the known form of a name, or None for a word the schemes read
    read: list[str] = []  # the words the schemes read, in order
    firsts = _index_firsts(known) if known and len(words) > _FIRSTS_FROM else None
    pos = i = 0
    while i < len(words):
        match_end, form = _known_name(text, words, i, known, firsts)
        pieces.append(text[pos:words[i].start()])
        forms.append(form)
        if form is None:
            read.append(words[i].group())
        pos, i = words[match_end].end(), match_end + 1
    tail = text[pos:]
    ranked = _rank_words(read, lang, scheme, limit, jobs, progress) if schemes else {}
    slots: list[tuple[Candidate, ...]] = []  # each sorted by score
    next_word = iter(read).__next__
    for form in forms:
        if form is None:
            word = next_word()
            slots.append(ranked.get(word) or (Candidate(word, 0.0),))
        else:
            slots.append((Candidate(form, 0.0),))
    best = _join(pieces, [s[0].text for s in slots], tail)
    from_glossary, from_scheme = len(forms) - len(read), len(read)
    return Cyrillization(text, lang, best, _alternatives(best, pieces, slots, limit),
                         "glossary" if from_glossary and not from_scheme
                         else "glossary+scheme" if from_glossary else "scheme")


PARALLEL_WORDS = 400  # a text with fewer distinct words is read in this process: forking would cost more
_STEP = 64  # words read in this process between two reports of progress


def _rank_words(words: list[str], lang: str, scheme: str | None, limit: int, jobs: int,
                progress: Callable[[int, int], None] | None = None) -> dict[str, tuple[Candidate, ...]]:
    """Each distinct word's readings, best first: in `jobs` forked processes for a long text."""
    distinct = sorted(set(words))  # neighbours share letters: a worker's tables serve its words' neighbours
    total, read = len(distinct), 0

    def step(count: int) -> None:
        nonlocal read
        read += count
        if progress is not None:
            progress(read, total)

    if jobs > 1 and total >= PARALLEL_WORDS:
        size = -(-total // (jobs * 4))  # a few parts per worker: one slow part does not hold up the rest
        parts = [(distinct[k:k + size], lang, scheme, limit) for k in range(0, total, size)]
        done = fork_map(_rank_part, parts, jobs, done=lambda part: step(len(part)))
        if done is not None:
            return {word: ranked for part in done for word, ranked in part}
    ranked: dict[str, tuple[Candidate, ...]] = {}
    for k in range(0, total, _STEP):  # here, in parts too: a progress bar's steps
        ranked.update(_rank_part((distinct[k:k + _STEP], lang, scheme, limit)))
        step(min(_STEP, total - k))
    return ranked


def _rank_part(part: tuple[list[str], str, str | None, int]) -> list[tuple[str, tuple[Candidate, ...]]]:
    words, lang, scheme, limit = part
    return [(word, _rank_word(word, lang, scheme, limit)) for word in words]


def _alternatives(best: str, pieces: list[str], slots: list[tuple[Candidate, ...]], limit: int) -> list[str]:
    """`best`, then the texts that differ from it in one word, the least score lost first (then by
    word, then by text), up to `limit` texts. Each slot's readings are sorted by score, so the
    slots are merged lazily: long texts do not sort every alternative of every word."""
    candidates = [best]
    starts: list[int] = []
    at = 0
    for piece, slot in zip(pieces, slots):
        at += len(piece)
        starts.append(at)
        at += len(slot[0].text)
    heap = [(slot[1].score - slot[0].score, k, slot[1].text, 1) for k, slot in enumerate(slots) if len(slot) > 1]
    heapq.heapify(heap)
    while heap and len(candidates) < limit:
        _, k, alt, n = heapq.heappop(heap)
        start = starts[k]
        candidates.append(best[:start] + alt + best[start + len(slots[k][0].text):])
        slot = slots[k]
        if n + 1 < len(slot):
            heapq.heappush(heap, (slot[n + 1].score - slot[0].score, k, slot[n + 1].text, n + 1))
    return candidates


def _known_name(text: str, words: list[re.Match[str]], i: int, known: Mapping[str, str],
                firsts: dict[str, int] | None) -> tuple[int, str | None]:
    """Longest run of words from `i` that is a known form: (index of its last word, form).

    With `firsts` (see _index_firsts), a word that begins no known form is passed after one fold,
    and the others try only runs as long as the known forms they begin: a long text's words
    seldom begin a name.
    """
    if not known:
        return i, None
    most = MAX_NAME_WORDS
    if firsts is not None:
        # every run from `i` folds to a text that begins with the same letters as the word folded: the
        # word ends where its letters do, and folding makes no letter of what follows
        most = firsts.get(_first_letters(fold(words[i].group())), 0)
        if not most:
            return i, None
    last = min(len(words), i + most) - 1
    for j in range(last, i - 1, -1):
        form = known.get(fold(text[words[i].start():words[j].end()]))
        if form is not None:
            return j, form
    return i, None


_LETTERS = re.compile(r"[^\W\d_]*")  # the letters a text begins with, as latin_word_re counts letters
_RUNS = re.compile(r"[^\W\d_]+")


def _first_letters(folded: str) -> str:
    return _LETTERS.match(folded).group()  # type: ignore[union-attr]  # * matches every text


def _index_firsts(known: Mapping[str, str]) -> dict[str, int]:
    """The letters each known form begins with → the most words a run folding to one of them has:
    its runs of letters (words are divided by other characters, which folding keeps), at most
    MAX_NAME_WORDS."""
    firsts: dict[str, int] = {}
    for key in known:
        head = _first_letters(key)
        firsts[head] = max(firsts.get(head, 0), min(len(_RUNS.findall(key)), MAX_NAME_WORDS))
    return firsts


def _join(pieces: list[str], choice: list[str], tail: str) -> str:
    return "".join(p + c for p, c in zip(pieces, choice)) + tail
