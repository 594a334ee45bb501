"""The one engine every scheme runs on: Cyrillic words → Latin, everything else untouched.

A word is a run of Cyrillic letters, with apostrophes allowed between letters. In a
word the engine tries, at each letter, the scheme's conditional rules in file order,
then its plain mapping (longest letters first); a letter nothing matches passes
through. Capitals come from the source: a capital letter capitalises its output
(Щ → Shch), a word of two or more letters all in capitals is written in capitals
(ЩУКА → SHCHUKA).
"""
from __future__ import annotations

import re

from ..caches import register
from ..text.scripts import APOSTROPHES, CYRILLIC_LETTERS
from .model import APOSTROPHE, Rule, Scheme

__all__ = ["CYRILLIC_LETTERS", "WORD_RE", "romanize_with", "romanize_word", "capitalize"]

_APOS_CLASS = re.escape(APOSTROPHES)
WORD_RE = re.compile(f"[{CYRILLIC_LETTERS}]+(?:[{_APOS_CLASS}][{CYRILLIC_LETTERS}]+)*")
_TO_CANONICAL = str.maketrans({c: APOSTROPHE for c in APOSTROPHES})

_CACHE_LIMIT = 200_000
_cache: dict[str, dict[str, str]] = {}  # scheme id -> word -> romanization, each at most _CACHE_LIMIT words
register(_cache.clear)
# scheme id -> letter -> its first rule when that is a one-letter plain mapping (it always applies), else None
_plain: dict[str, dict[str, Rule | None]] = {}
register(_plain.clear)


def romanize_with(scheme: Scheme, text: str) -> str:
    """`text` with every Cyrillic word romanized by `scheme`; other characters unchanged."""
    cache = _cache.setdefault(scheme.id, {})

    def one(match: re.Match[str]) -> str:
        word = match.group()
        out = cache.get(word)
        if out is None:
            if len(cache) >= _CACHE_LIMIT:
                cache.clear()
            out = cache[word] = romanize_word(scheme, word)
        return out

    return WORD_RE.sub(one, text)


def romanize_word(scheme: Scheme, word: str) -> str:
    """One Cyrillic word (letters and inner apostrophes) in `scheme`'s Latin."""
    canonical = word.translate(_TO_CANONICAL)
    low = canonical.lower()
    cased = [c for c in canonical if c.lower() != c.upper()]
    all_caps = len(cased) >= 2 and all(c.isupper() for c in cased)
    out: list[str] = []
    plain = _plain.setdefault(scheme.id, {})
    i = 0
    while i < len(low):
        letter = low[i]
        rule = plain.get(letter)
        if rule is None:
            if letter not in plain:
                plain[letter] = _plain_rule(scheme.rules_at(letter))
            rule = next((r for r in scheme.rules_at(letter) if r.applies(low, i)), None)
        if rule is None:
            out.append(word[i])
            i += 1
            continue
        chunk = rule.out
        if all_caps:
            chunk = chunk.upper()
        elif canonical[i].isupper():
            chunk = capitalize(chunk)
        out.append(chunk)
        i += len(rule.letters)
    return "".join(out)


def _plain_rule(rules: tuple[Rule, ...]) -> Rule | None:
    """The first of a letter's rules when it maps that one letter with no condition (nothing after it is
    ever tried), else None."""
    return rules[0] if rules and len(rules[0].letters) == 1 and not rules[0].conditional else None


def capitalize(text: str) -> str:
    """Upper-case the first cased character, leave the rest (t͡s → T͡s, ʹa → ʹa)."""
    for i, ch in enumerate(text):
        if ch.lower() != ch.upper():
            return text[:i] + ch.upper() + text[i + 1:]
    return text


def clear_cache() -> None:
    """Forget romanized words (tests that edit scheme data call this)."""
    _cache.clear()
    _plain.clear()
