"""Finding schemes by language and slug; every file is read once and cached."""
from __future__ import annotations

from ..caches import cached
from ..errors import UsageError
from .model import DATA_DIR, LANGS, Scheme, load_letter_classes, load_scheme_file

__all__ = ["DEFAULTS", "check_lang", "get_scheme", "list_schemes", "scheme_names"]

# The scheme `romanize` uses when none is named: passports of each country.
DEFAULTS = {"uk": "kmu2010", "ru": "icao"}


@cached()
def _all() -> tuple[Scheme, ...]:
    classes = load_letter_classes()
    schemes = [load_scheme_file(p, classes) for p in sorted(DATA_DIR.glob("*-*.yaml"))]
    # the default first, then standards, then conventions; file order inside each group
    return tuple(sorted(schemes, key=lambda s: (s.lang, DEFAULTS[s.lang] != s.slug, not s.standard)))


def check_lang(lang: str) -> str:
    """`lang` if it is "uk" or "ru", else UsageError."""
    if lang not in LANGS:
        raise UsageError(f"unknown language {lang!r}; valid: {', '.join(LANGS)}")
    return lang


def list_schemes(lang: str | None = None) -> list[Scheme]:
    """Every scheme, or those of `lang`, the default of each language first."""
    if lang is not None:
        check_lang(lang)
    return [s for s in _all() if lang is None or s.lang == lang]


def scheme_names(lang: str) -> list[str]:
    """The slugs of `lang`'s schemes."""
    return [s.slug for s in list_schemes(lang)]


def get_scheme(lang: str, slug: str | None = None) -> Scheme:
    """The scheme `slug` of `lang` (its default when None); UsageError listing valid names."""
    check_lang(lang)
    slug = slug or DEFAULTS[lang]
    for scheme in list_schemes(lang):
        if scheme.slug == slug:
            return scheme
    raise UsageError(f"unknown scheme {slug!r} for {lang}; valid: {', '.join(scheme_names(lang))}")
