"""The ranked readings of a word are the cheapest ones the scheme allows, found by brute force.

An independent enumeration: every way to read the Latin word as the scheme's chunks, with an
unwritten letter (ь, ʼ) allowed after a chunk that ends in a letter, scored over the whole text
by data/orthography.yaml, kept if the scheme romanizes it back to the word. Branch and bound
keeps it quick: a partial reading is dropped once what it already pays (tokens, unwritten
letters, rare letters, the spelling patterns it already has, less the cost-lowering ones it
could still get) is above the tenth best whole reading so far.
"""
from __future__ import annotations

import pytest

from translit.schemes.engine import capitalize, romanize_word
from translit.schemes.registry import get_scheme
from translit.schemes.reverse import SPREAD, _inventory, _orthography, word_candidates

LIMIT = 10


def _brute_force(lang: str, slug: str, word: str) -> list[tuple[float, str]]:
    scheme = get_scheme(lang, slug)
    inv, ortho = _inventory(scheme), _orthography(lang)
    low = word.lower()
    best: list[tuple[float, str]] = []  # (score, lowercase text), the best LIMIT so far

    def patterns(text: str) -> tuple[float, float]:
        """(cost of the patterns found, the most the cost-lowering ones not found can still take off)"""
        found = [(pat.search(text) is not None, cost) for pat, cost in ortho.partial]
        return sum(c for hit, c in found if hit), sum(c for hit, c in found if not hit and c < 0)

    def bound() -> float:
        if not best:
            return float("inf")
        cap = best[0][0] + SPREAD
        return min(cap, best[LIMIT - 1][0]) if len(best) >= LIMIT else cap

    def grow(i: int, text: str, paid: float, after_letter: bool) -> None:
        found, could = patterns(text)
        if paid + found + could > bound() + 0.01:
            return
        if i == len(low):
            score = paid + found + sum(c for pat, c in ortho.final if pat.search(text))
            if romanize_word(scheme, text).lower() == low:
                best.append((round(score, 3), text))
                best.sort()
                del best[LIMIT * 3:]
            if not after_letter:
                return
        if after_letter:
            for silent in inv.silent:
                grow(i, text + silent, paid + ortho.silent.get(silent, 2.0), False)
        if i == len(low):
            return
        for latin, letters in inv.by_first.get(low[i], ()):
            if low.startswith(latin, i):
                cost = ortho.token + sum(ortho.letters.get(c, 0.0) for c in letters)
                grow(i + len(latin), text + letters, paid + cost, letters[-1:].isalpha())

    grow(0, "", 0.0, False)
    if not best:
        return []
    top = best[0][0]
    ranked = [(s, capitalize(t) if word[:1].isupper() else t) for s, t in best if s <= top + SPREAD]
    return sorted(ranked)[:LIMIT]


# Words the beam search of old ranked wrongly: it dropped cheaper readings on its way.
@pytest.mark.parametrize("lang,slug,word", [
    ("uk", "kmu2010", "Skibitskyi"),   # Скʼїбіцький (1.9) is cheaper than Скібіцкиі (2.4)
    ("uk", "kmu2010", "Syrskyy"),
    ("uk", "kmu2010", "Mykolayiv"),
    ("ru", "fr", "Donisain"),           # the beam's best reading was not the cheapest one
    ("uk", "kmu2010", "Yurii"),
    ("ru", "icao", "Kuzminov"),
])
def test_ranked_readings_are_the_cheapest_the_scheme_allows(lang: str, slug: str, word: str) -> None:
    expected = _brute_force(lang, slug, word)
    got = [(c.score, c.text) for c in word_candidates(get_scheme(lang, slug), word)]
    assert got == expected
