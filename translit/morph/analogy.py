"""Declining a word the dictionary does not know like a known template with the same ending.

Templates: translit/data/morph_templates.yaml.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

from ..caches import cached
from .readings import VOWELS, Forms

__all__ = ["TEMPLATES_PATH", "templates", "by_analogy", "common_suffix", "POSSESSIVE"]

# surnames of the possessive type take the adjectival -им/-ым instrumental (Будановим,
# Пушкиным); other consonant-final names the noun one (Макроном, Байденом)
POSSESSIVE = ("ов", "ев", "єв", "ёв", "ин", "ін", "їн", "ын")

TEMPLATES_PATH = Path(__file__).resolve().parent.parent / "data" / "morph_templates.yaml"
_GENDER_KEYS = {"masc": "m", "femn": "f"}


@cached()
def templates() -> dict[str, dict[str, dict[str, tuple[str, ...]]]]:
    """lang → role → "m"/"f" → template words (lowercase), from morph_templates.yaml."""
    raw = yaml.safe_load(TEMPLATES_PATH.read_text(encoding="utf-8")) or {}
    return {lang: {role: {g: tuple(w.lower() for w in words) for g, words in by_g.items()}
                   for role, by_g in roles.items()}
            for lang, roles in raw.items()}


def common_suffix(a: str, b: str) -> int:
    """Length of the longest common ending of `a` and `b`."""
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _letter_class(word: str) -> str:
    last = word[-1]
    if last in "йь":
        return last
    return "v" if last in VOWELS else "c"


def by_analogy(word: str, lang: str, role: str, gender: str | None, min_suffix: int,
               paradigm: Callable[[str], Forms | None]) -> Forms | None:
    """`word` declined like the template sharing its longest ending (at least `min_suffix` letters).

    `paradigm(template)` gives a template's own forms. With `min_suffix` 0 a
    template ending in the same kind of letter (consonant, vowel, й, ь) will do.
    """
    by_gender = templates().get(lang, {}).get(role, {})
    keys = [_GENDER_KEYS[gender]] if gender in _GENDER_KEYS else list(by_gender)
    ranked: list[tuple[int, str]] = []
    for key in keys:
        for t in by_gender.get(key, ()):
            k = common_suffix(word, t)
            if t.endswith(POSSESSIVE) and not word.endswith(POSSESSIVE):
                continue
            if k >= min_suffix and (k > 0 or _letter_class(t) == _letter_class(word)) and t != word:
                ranked.append((k, t))
    # a one-letter match says little (Кір is not Ігор → *Кіря): below two letters the
    # templates keep their file order, whose first entries are the regular types
    ranked.sort(key=lambda kt: -kt[0] if kt[0] >= 2 else 0)
    for k, t in ranked:
        forms = paradigm(t)
        if forms is None:
            continue
        stem_t, stem_w = t[:len(t) - k], word[:len(word) - k]
        out: Forms = {}
        for case, fs in forms.items():
            new = [stem_w + f[len(stem_t):] for f in fs if f.startswith(stem_t)]
            if not new:
                break
            out[case] = new
        else:
            out["nomn"] = [word] + [f for f in out["nomn"] if f != word]
            return out
    return None
