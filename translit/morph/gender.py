"""Guessing a person's gender from the name: given name first, then the surname's ending."""
from __future__ import annotations

import re

from ..caches import cached
from ..text.names import given_names
from .analyzers import LANGS, analyzer, fold
from .words import is_declinable_text, surname_gender

__all__ = ["given_name_genders", "infer_gender", "name_words"]
_WORD = re.compile(r"[^\W\d_]+(?:['ʼ’`\-][^\W\d_]+)*")
_PATRONYMIC = {"m": ("ович", "евич", "євич", "ьич", "ич"), "f": ("івна", "ївна", "овна", "евна", "ична", "инична")}
_LATIN_SURNAME = {
    "f": ("ska", "cka", "skaya", "skaia", "ckaya", "ova", "eva", "yeva", "ina", "yna", "aya", "aia"),
    "m": ("sky", "skyi", "skyy", "skiy", "skii", "skij", "ski", "ov", "ev", "yev", "in", "yn", "iy", "yi", "yy"),
}


def name_words(text: str) -> list[str]:
    """The words of a name (letters, with inner hyphens and apostrophes)."""
    return _WORD.findall(text)


@cached()
def given_name_genders() -> dict[str, str]:
    """Folded given name (any language or spelling) → "m"/"f", from translit/data/given_names.yaml.

    Names listed with both genders are left out. Empty if the file is missing.
    """
    seen: dict[str, set[str]] = {}
    for record in given_names():
        if record.gender in ("m", "f"):
            for spelling in record.forms():
                seen.setdefault(fold(spelling.strip()), set()).add(record.gender)
    return {name: next(iter(gs)) for name, gs in seen.items() if len(gs) == 1}


def _dictionary_given_gender(word: str, langs: tuple[str, ...]) -> str | None:
    genders: set[str] = set()
    for lang in langs:
        for p in analyzer(lang).parse(word.lower()):
            if "Name" in p.tag.grammemes and p.tag.case == "nomn" and p.normal_form == p.word:
                g = "m" if "masc" in p.tag.grammemes else "f" if "femn" in p.tag.grammemes else None
                if g:
                    genders.add(g)
    return genders.pop() if len(genders) == 1 else None


def _ending_gender(word: str) -> str | None:
    low = word.lower()
    for g, ends in _PATRONYMIC.items():
        if is_declinable_text(low) and low.endswith(ends) and len(low) > 5:
            return g
    if is_declinable_text(low):
        found = surname_gender(low)
        return {"masc": "m", "femn": "f"}.get(found or "")
    for g, ends in _LATIN_SURNAME.items():
        if low.endswith(ends):
            return g
    return None


def infer_gender(name: str, lang: str | None = None) -> str | None:
    """"m" or "f" for a person's name in its nominative (house) form, None when unknown.

    The given name decides (translit/data/given_names.yaml, then the pymorphy3
    dictionaries' first names); without one, the ending of the last word:
    -ова/-ева/-іна/-ська/-ская → "f", -ов/-ев/-ін/-ський/-ский → "m" (Latin
    -ska/-aya/-ova → "f", -sky/-ov → "m"). So a lone "Буданова" is read as a
    woman's nominative, not as the genitive of Буданов.
    """
    words = name_words(name)
    if not words:
        return None
    langs = (lang,) if lang in LANGS else LANGS
    known = given_name_genders()
    firsts = words[:-1] if len(words) > 1 else words
    for w in firsts:
        if fold(w) in known:
            return known[fold(w)]
    for w in firsts if len(words) > 1 else ():  # a lone word is more often a surname (Шмыгаль)
        if is_declinable_text(w):
            g = _dictionary_given_gender(w, langs)
            if g:
                return g
    for w in reversed(words):
        g = _ending_gender(w)
        if g:
            return g
    return None
