"""Filling in missing en/uk/ru forms of a new entry, saying how each one was derived.

Given names come from `translit/data/given_names.yaml` (Kyrylo ↔ Кирило ↔
Кирилл); other words are romanized or cyrillized through `translit.schemes`,
with the `transliterate` package as the last guess for a Latin word no scheme
reads back. Every
derived form is a guess for a human to review; `Derivation.how` says where it
came from.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..caches import cached
from ..text.scripts import APOSTROPHES, RU_ONLY, UK_ONLY, is_cyrillic, is_latin
from .layout import tidy_form
from ..glossary.rules import form_key

from ..text.names import GivenName, given_names

__all__ = ["GivenName", "given_names", "find_given", "slugify", "Derivation", "derive_forms", "infer_gender"]

@cached()
def _given_index() -> dict[str, list[tuple[GivenName, str]]]:
    """form key -> [(name, which form: en_uk | en_ru | variant | uk | ru)]."""
    index: dict[str, list[tuple[GivenName, str]]] = {}
    for name in given_names():
        for how, form in [("en_uk", name.en_uk), ("en_ru", name.en_ru), ("uk", name.uk), ("ru", name.ru)] + \
                         [("variant", v) for v in name.variants]:
            index.setdefault(form_key(form), []).append((name, how))
    return index


def find_given(word: str) -> tuple[GivenName, str] | None:
    """The given name `word` is a form of, and which form; None if unknown."""
    hits = _given_index().get(form_key(word))
    return hits[0] if hits else None


def slugify(text: str) -> str:
    """An id slug from a Latin form: "Kyrylo Budanov" -> "kyrylo-budanov"."""
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = "".join("" if c in APOSTROPHES else c for c in text).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


@dataclass
class Derivation:
    value: str
    how: str  # e.g. "given-name table + kmu2010 reverse"


def _cyrillize_word(word: str, lang: str) -> tuple[str, str]:
    from .. import schemes  # loads every scheme's data file: only when a form is derived

    for reading in schemes.cyrillize(word, lang):
        if _plausible(reading, lang):
            return reading, "schemes reverse"
    import transliterate  # the informal packs: a last guess, marked for review like the rest

    return transliterate.translit(word, "uk" if lang == "uk" else "ru"), "transliterate guess"


_RU_SCHEMES = ("press", "bgn-pcgn")  # English press usage first for Russian names


def _romanize_word(word: str, lang: str) -> tuple[str, str]:
    from .. import schemes  # loads every scheme's data file: only when a form is derived

    scheme = "kmu2010" if lang == "uk" else _RU_SCHEMES[0]
    return schemes.romanize(word, lang, scheme), f"{scheme} romanization"


def _convert_name(text: str, src: str, dst: str, person: bool) -> Derivation:
    """`text` in language `src` rewritten for `dst`, word by word."""
    words = text.split(" ")
    out: list[str] = []
    hows: list[str] = []
    for i, word in enumerate(words):
        hit = find_given(word) if person and i == 0 and len(words) > 1 else None
        if hit is not None:
            name, _ = hit
            if dst == "en":
                out.append(name.en_uk if src == "uk" else name.en_ru)
            else:
                out.append(getattr(name, dst))
            hows.append("given-name table")
            continue
        if dst == "en":
            value, how = _romanize_word(word, src)
        elif src == "en":
            value, how = _cyrillize_word(word, dst)
        else:  # uk <-> ru: the reading of its romanization closest to the original spelling
            value, how = _cross_cyrillic(word, src, dst)
        out.append(value)
        hows.append(how)
    return Derivation(tidy_form(" ".join(out)), " + ".join(dict.fromkeys(hows)))


def _plausible(text: str, lang: str) -> bool:
    """A derived form is kept only if it is written wholly in its language's script and letters."""
    if lang == "en":
        return not any(is_cyrillic(c) for c in text)
    if any(is_latin(c) for c in text):
        return False
    wrong = RU_ONLY if lang == "uk" else UK_ONLY
    return not any(c in wrong for c in text)


# How Russian writes a Ukrainian spelling of a name, and the other way round (first match wins).
_UK_TO_RU = (("ський", "ский"), ("цький", "цкий"), ("ї", "и"), ("і", "и"), ("є", "е"), ("ґ", "г"),
             ("ʼ", "ъ"), ("Ї", "И"), ("І", "И"), ("Є", "Е"), ("Ґ", "Г"))
_RU_TO_UK = (("ы", "и"), ("э", "е"), ("ё", "ьо"), ("ъ", "ʼ"), ("Э", "Е"), ("Ё", "Йо"))


def _adapt(word: str, src: str, dst: str) -> str:
    for a, b in (_UK_TO_RU if (src, dst) == ("uk", "ru") else _RU_TO_UK):
        word = word.replace(a, b)
    return word


def _cross_cyrillic(word: str, src: str, dst: str) -> tuple[str, str]:
    adapted = _adapt(word, src, dst)
    if _plausible(adapted, dst):
        return adapted, f"{src} spelling adapted to {dst}"
    latin, _ = _romanize_word(word, src)
    from .. import schemes  # loads every scheme's data file: only when a form is derived

    readings = [r for r in schemes.cyrillize(latin, dst) if _plausible(r, dst)]
    if not readings:
        return _cyrillize_word(latin, dst)[0], f"{src} -> Latin -> {dst}"
    best = max(readings, key=lambda r: (fuzz.ratio(r.casefold(), word.casefold()), -readings.index(r)))
    return best, f"{src} spelling adapted to {dst}"


def infer_gender(forms: dict[str, str]) -> Derivation | None:
    """m/f from the given-name table, else from translit.morph.infer_gender if present."""
    for lang in ("en", "uk", "ru"):
        text = forms.get(lang)
        if text and len(text.split()) > 1:
            hit = find_given(text.split()[0])
            if hit is not None:
                return Derivation(hit[0].gender, "given-name table")
    from ..morph import infer_gender as morph_infer  # pymorphy3: only when the table does not know the name

    for lang in ("uk", "ru", "en"):
        if forms.get(lang):
            gender = morph_infer(forms[lang], None if lang == "en" else lang)
            if gender in ("m", "f"):
                return Derivation(gender, f"translit.morph from {lang}")
    return None


def derive_forms(kind: str, forms: dict[str, str | None]) -> dict[str, Derivation]:
    """Derivations for the missing en/uk/ru forms (and gender for people), given the known ones."""
    person = kind == "person"
    have = {k: v for k, v in forms.items() if v}
    derived: dict[str, Derivation] = {}
    if not have.get("en"):
        src = "uk" if have.get("uk") else "ru" if have.get("ru") else None
        if src:
            d = _convert_name(have[src], src, "en", person)
            if _plausible(d.value, "en"):
                derived["en"] = d
                have["en"] = d.value
    # a Russian given name in English (Sergei) means the Russian form leads, else the Ukrainian one
    first = str(have.get("en", "")).split(" ")[0]
    hit = find_given(first) if person and " " in str(have.get("en", "")) else None
    order = ("ru", "uk") if hit is not None and hit[1] == "en_ru" and hit[0].en_uk != first else ("uk", "ru")
    for lang in order:
        other = "ru" if lang == "uk" else "uk"
        src = other if have.get(other) else "en"
        if not have.get(lang) and have.get(src):
            d = _convert_name(have[src], src, lang, person)
            if _plausible(d.value, lang):
                derived[lang] = d
                have[lang] = d.value
    if person and not forms.get("gender"):
        gender = infer_gender({**have, **{k: d.value for k, d in derived.items()}})
        if gender is not None:
            derived["gender"] = gender
    return derived
