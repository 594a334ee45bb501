"""Our data files against the libraries that were found exact on the standards' own examples.

translitua's KMU 2010 table got all 76 resolution examples right and iuliia's ICAO all of
its 9: they serve as independent oracles on random words (docs/schemes.md).
"""
from __future__ import annotations

import iuliia
import translitua
import itertools

import pytest
from hypothesis import example, given, settings, strategies as st

from translit.schemes import romanize

UK = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
RU = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"


# Every word Hypothesis has found failing, kept as explicit cases (they run in CI too).
KMU2010_FOUND = ["Зьг", "Зьга", "Зьгь", "Зььг", "Розьгін"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=UK, min_size=2, max_size=12).filter(lambda w: w[0] != "ь").map(str.capitalize))
@example("Зьг")
def test_kmu2010_agrees_with_translitua(word: str) -> None:
    # two letters at least: translitua writes a one-letter capital word in capitals (Х → KH);
    # no leading ь: translitua deletes it first, so a following й counts as word-initial
    assert romanize(word, "uk", "kmu2010") == translitua.translit(word, translitua.UkrainianKMU)


@pytest.mark.parametrize("word", KMU2010_FOUND)
def test_kmu2010_words_hypothesis_found(word: str) -> None:
    assert romanize(word, "uk", "kmu2010") == translitua.translit(word, translitua.UkrainianKMU)
    assert romanize(word.upper(), "uk", "kmu2010") == translitua.translit(word.upper(), translitua.UkrainianKMU)


def test_kmu2010_zgh_across_an_unwritten_soft_sign() -> None:
    assert romanize("Зьг", "uk", "kmu2010") == "Zgh"          # never Zh, which reads as Ж
    assert romanize("Зʼгода", "uk", "kmu2010") == "Zghoda"


def _short_words(alphabet: str, sizes: tuple[int, ...]):  # type: ignore[no-untyped-def]
    for n in sizes:
        for letters in itertools.product(alphabet, repeat=n):
            yield "".join(letters).capitalize()


def test_kmu2010_agrees_on_every_word_of_two_and_three_letters() -> None:
    """Exhaustive and deterministic: a rule Hypothesis finds only by luck (a CI run is derandomized)
    cannot hide here, since every rule looks at most one letter to each side (past ь)."""
    bad = [w for w in _short_words(UK, (2, 3)) if w[0] != "Ь"
           and romanize(w, "uk", "kmu2010") != translitua.translit(w, translitua.UkrainianKMU)]
    assert bad == []


def test_icao_agrees_on_every_word_of_one_to_three_letters() -> None:
    bad = [w for w in _short_words(RU, (1, 2, 3))
           if romanize(w, "ru", "icao") != iuliia.ICAO_DOC_9303.translate(w)]
    assert bad == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=RU, min_size=1, max_size=12).map(str.capitalize))
def test_icao_agrees_with_iuliia(word: str) -> None:
    assert romanize(word, "ru", "icao") == iuliia.ICAO_DOC_9303.translate(word)
