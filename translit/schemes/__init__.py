"""Romanization schemes: Ukrainian and Russian names in Latin letters by a named standard, and back.

Each scheme is a data file `translit/schemes/data/<lang>-<slug>.yaml` (mapping, position
rules, source, and the standard's own samples); one engine runs them all.

    >>> romanize("Зеленський", "uk", "kmu2010")
    'Zelenskyi'
    >>> romanize("Щука ЩУКА", "ru", "icao")
    'Shchuka SHCHUKA'
    >>> cyrillize("Yurii", "uk", "kmu2010")[0]
    'Юрій'
"""
from __future__ import annotations

from .cyrillize import Cyrillization, cyrillize_text, fold, known_forms, rank_word
from .engine import clear_cache, romanize_with
from .model import LANGS, Rule, Scheme
from .registry import DEFAULTS, check_lang, get_scheme, list_schemes, scheme_names

__all__ = [
    "DEFAULTS", "LANGS", "Cyrillization", "Rule", "Scheme", "all_romanizations", "check_lang",
    "clear_cache", "cyrillize", "cyrillize_text", "fold", "get_scheme", "known_forms",
    "list_schemes", "rank_word", "romanize", "scheme_names",
]


def romanize(text: str, lang: str, scheme: str | None = None) -> str:
    """`text` with its Cyrillic words in `scheme`'s Latin (default: kmu2010 for uk, icao for ru).

    Latin letters, digits, punctuation and anything else pass through unchanged.
    Raises UsageError for an unknown language or scheme, listing the valid names.
    """
    return romanize_with(get_scheme(lang, scheme), text)


def all_romanizations(text: str, lang: str) -> dict[str, str]:
    """`text` romanized by every scheme of `lang`: {slug: output}, the default first."""
    return {s.slug: romanize_with(s, text) for s in list_schemes(lang)}


def cyrillize(text: str, lang: str, scheme: str | None = None, limit: int = 10) -> list[str]:
    """Ranked Cyrillic readings of Latin `text`, best first (exact for ISO 9 and DSTU 9112 A).

    Without `scheme`, every scheme of `lang` is tried and their readings are ranked together.
    """
    return cyrillize_text(text, lang, scheme, limit=limit).candidates
