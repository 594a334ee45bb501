"""Our data files against the libraries that were found exact on the standards' own examples.

translitua's KMU 2010 table got all 76 resolution examples right and iuliia's ICAO all of
its 9: they serve as independent oracles on random words (README, "Romanization schemes").
"""
from __future__ import annotations

import iuliia
import translitua
from hypothesis import given, settings, strategies as st

from translit.schemes import romanize

UK = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
RU = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=UK, min_size=2, max_size=12).filter(lambda w: w[0] != "ь").map(str.capitalize))
def test_kmu2010_agrees_with_translitua(word: str) -> None:
    # two letters at least: translitua writes a one-letter capital word in capitals (Х → KH);
    # no leading ь: translitua deletes it first, so a following й counts as word-initial
    assert romanize(word, "uk", "kmu2010") == translitua.translit(word, translitua.UkrainianKMU)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=RU, min_size=1, max_size=12).map(str.capitalize))
def test_icao_agrees_with_iuliia(word: str) -> None:
    assert romanize(word, "ru", "icao") == iuliia.ICAO_DOC_9303.translate(word)
