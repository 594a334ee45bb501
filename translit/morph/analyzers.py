"""The pymorphy3 analyzers for Ukrainian and Russian, and the string folding the morph code shares."""
from __future__ import annotations

import pymorphy3

from ..caches import cached
from ..errors import UsageError
from ..text.langs import CASES, CYRILLIC_LANGS

__all__ = ["CASES", "CASE_OF_TAG", "LANGS", "analyzer", "fold", "spelling_key", "to_dictionary_spelling"]

LANGS = CYRILLIC_LANGS
# pymorphy3 case tags -> our case names (the second genitive, locative and accusative fold in)
CASE_OF_TAG = {"nomn": "nomn", "gent": "gent", "gen1": "gent", "gen2": "gent", "datv": "datv",
               "accs": "accs", "acc2": "accs", "ablt": "ablt", "loct": "loct", "loc1": "loct",
               "loc2": "loct", "voct": "voct"}

# Apostrophes seen in Ukrainian text; the uk dictionary spells them with U+0027.
_APOSTROPHES = str.maketrans({"\u02bc": "'", "\u2019": "'", "\u2018": "'", "`": "'"})
# Letters that differ between uk and ru spellings of the same name, mapped to one key.
_SKELETON = str.maketrans({
    "ё": "е", "є": "е", "э": "е", "і": "и", "ї": "и", "ы": "и", "ґ": "г", "й": "и",
    "ь": None, "ъ": None, "'": None,
})


@cached()
def analyzer(lang: str) -> pymorphy3.MorphAnalyzer:
    """The pymorphy3 analyzer for `lang` ("uk" or "ru"), loaded once on first use."""
    if lang not in LANGS:
        raise UsageError(f"unknown language {lang!r} for morphology; use one of: {', '.join(LANGS)}")
    return pymorphy3.MorphAnalyzer(lang=lang)


def to_dictionary_spelling(word: str) -> str:
    """`word` lowercased with its apostrophes as the dictionaries spell them."""
    return word.lower().translate(_APOSTROPHES)


def fold(text: str) -> str:
    """Lowercase with ё→е and one apostrophe, for comparing surfaces within a language."""
    return to_dictionary_spelling(text).replace("ё", "е")


def spelling_key(text: str) -> str:
    """A spelling-blind key shared by uk and ru spellings (Сирським ~ Сырским ~ Сирским)."""
    out = fold(text).translate(_SKELETON)
    # doubled consonants (Кирилл ~ Кирил) and the uk/ru и/і contrast collapse
    collapsed: list[str] = []
    for ch in out:
        if collapsed and collapsed[-1] == ch and ch not in "аеиоуюя":
            continue
        collapsed.append(ch)
    return "".join(collapsed)
