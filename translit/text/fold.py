"""Folding text for matching: same-length case/apostrophe/homoglyph folding, and phonetic keys."""
from __future__ import annotations

import re

from ..caches import cached
from .scripts import APOSTROPHES, CYRILLIC_BLOCK, has_cyrillic, in_cyrillic_block

__all__ = ["fold_text", "fold_form", "phonetic", "skeleton", "HYPHENS"]

HYPHENS = "‐‑‒–—―−"
_SPACES = "\t\n\r\x0b\x0c\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"

_TABLE = {ord(c): "'" for c in APOSTROPHES}
_TABLE.update({ord(c): "-" for c in HYPHENS})
_TABLE.update({ord(c): " " for c in _SPACES})
_TABLE.update({ord("ё"): "е", ord("Ё"): "Е"})

# Look-alike letters: Cyrillic -> Latin and back, for words that mix the two scripts.
_CYR_LOOKALIKE = "аеорсухіјѕԁАВЕКМНОРСТУХІЈЅ"
_LAT_LOOKALIKE = "aeopcyxijsdABEKMHOPCTYXIJS"
_TO_LATIN = str.maketrans(_CYR_LOOKALIKE, _LAT_LOOKALIKE)
_TO_CYRILLIC = str.maketrans("aeopcyxiABEKMHOPCTYX", "аеорсухіАВЕКМНОРСТУХ")
_MIXED = re.compile(rf"\b(?=\w*[a-zA-Z])(?=\w*[{CYRILLIC_BLOCK}])\w+")


def _fix_mixed(match: re.Match[str]) -> str:
    word = match.group(0)
    latin = sum(c.isascii() and c.isalpha() for c in word)
    cyr = sum(in_cyrillic_block(c) for c in word)
    return word.translate(_TO_LATIN if latin >= cyr else _TO_CYRILLIC)


def fold_text(text: str) -> str:
    """A lowercase copy of `text` with the same length, offsets unchanged.

    Apostrophes become "'", dashes "-", every whitespace character " ", ё "е",
    and a word that mixes Latin and Cyrillic letters is written in its
    majority script (a Cyrillic "а" inside "Budаnov").
    """
    folded = text.translate(_TABLE)
    if has_cyrillic(folded):
        folded = _MIXED.sub(_fix_mixed, folded)
    lower = folded.lower()
    if len(lower) != len(folded):  # a few characters lowercase to two (İ)
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in folded)
    return lower


def fold_form(form: str) -> str:
    """Fold a glossary form the way fold_text folds running text, spaces collapsed."""
    return " ".join(fold_text(form).split())


# Cyrillic -> rough Latin, only to compare spellings across scripts (not a romanization scheme).
_CYR2LAT = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "ы": "y", "э": "e",
    "ё": "e", "ъ": "", "'": "", "ʼ": "",
}
_CYR2LAT_TABLE = {ord(c): lat for c, lat in _CYR2LAT.items()}
# (rule, replacement, letters one of which the rule needs to match: the rule is skipped without them)
_PHON_RULES = [
    (re.compile(r"[yji]+"), "i", "yji"),
    (re.compile(r"kh|ch(?=[^aeiou]|$)"), "h", "h"),
    (re.compile(r"[zs]h|sch|sz|ż|ž|š|rz"), "Z", "hzżžš"),
    (re.compile(r"ts|tz|cz|č|c"), "C", "cčt"),
    (re.compile(r"w"), "v", "w"),
    (re.compile(r"g"), "h", "g"),
    (re.compile(r"x"), "ks", "x"),
    (re.compile(r"ph"), "f", "h"),
    (re.compile(r"ie|ye|e"), "e", "e"),
    (re.compile(r"(.)\1+"), r"\1", ""),
    (re.compile(r"['`-]"), "", "'`-"),
]
_VOWELS = re.compile(r"[aeiou]")


@cached(maxsize=200_000)
def phonetic(word: str) -> str:
    """A phonetic key of one folded word in either script: Kyrylo, Kirill, Кирило -> "kiril"-like.

    Cheap confusions (y/i/j, kh/h, zh/sh, doubled letters, Cyrillic vs Latin)
    map to the same key.
    """
    w = word.lower().translate(_CYR2LAT_TABLE)
    for rx, rep, needs in _PHON_RULES:
        if needs:
            for ch in needs:
                if ch in w:
                    break
            else:
                continue
        w = rx.sub(rep, w)
    return w


@cached(maxsize=200_000)
def skeleton(word: str) -> str:
    """The phonetic key without vowels: the bucket key of the fuzzy index.

    Cyrillic words get a leading "~", so typos are only compared within one script.
    """
    key = phonetic(word)
    key = _VOWELS.sub("", key) or key
    return "~" + key if word[:1] >= "\u0400" else key
