"""Case forms of one word of a name, by its role (given name, surname, place, ...)."""
from __future__ import annotations

import re

from ..caches import cached
from ..errors import UsageError
from .analogy import POSSESSIVE, by_analogy
from .analyzers import CASES, LANGS, to_dictionary_spelling
from .casing import copy_case
from .readings import ROLES, VOWELS, Forms, choose, fixed, norm_gender

__all__ = ["word_paradigm", "surname_gender", "is_declinable_text"]

_CYRILLIC = re.compile(r"[а-яёіїєґ]")
_APOS = "ʼ’‘`'"
# endings that tell a surname's gender in its nominative (house) form
_FEMININE_SURNAME = ("ова", "ева", "єва", "ёва", "іна", "ина", "їна", "ська", "цька", "зька",
                     "ская", "цкая", "зкая", "ая", "яя")
_MASCULINE_SURNAME = ("ов", "ев", "єв", "ёв", "ін", "ин", "їн", "ський", "цький", "зький",
                      "ский", "цкий", "зкий", "ий", "ій", "ой", "ый")


def surname_gender(word: str) -> str | None:
    """"masc"/"femn" from a nominative surname's ending (Буданова → femn), else None."""
    w = word.lower()
    if w.endswith(_FEMININE_SURNAME):
        return "femn"
    if w.endswith(_MASCULINE_SURNAME):
        return "masc"
    return None


def is_declinable_text(word: str) -> bool:
    """True when `word` is Cyrillic (Latin words, numbers and codes are left as they are)."""
    return bool(_CYRILLIC.search(word.lower()))


def _indeclinable_surname(word: str, lang: str, gender: str | None) -> bool:
    last = word[-1]
    if gender == "femn" and (last not in VOWELS or last == "о"):
        return True  # Верещук, Шмигаль, Марченко of a woman
    if last in "еєиіїуюэыо" and not (lang == "uk" and last == "о"):
        return True  # Шойгу, ru Марченко/Кличко
    if lang == "ru" and word.endswith(("ых", "их")):
        return True  # Черных, Долгих
    return False


@cached()
def _paradigm(word: str, lang: str, role: str, gender: str | None, animate: bool | None) -> Forms:
    if not is_declinable_text(word) or len(word) < 2:
        return fixed(word)
    person = role in ("given", "surname", "patronymic")
    if person:
        animate = True
        if gender is None and role == "surname":
            gender = surname_gender(word) or "masc"
        if role == "surname" and _indeclinable_surname(word, lang, gender):
            return fixed(word)
    elif role == "place" and animate is None:
        animate = False
    readings = choose(word, lang, role, gender, animate)
    known = [f for _, k, f in readings if k]
    predicted = [f for _, k, f in readings if not k]
    if known:
        return known[0]
    if role == "given" and word[-1] in VOWELS and word[-1] not in "ая":
        return fixed(word)  # foreign first names in -о/-е/-і/-у stay: Джо, Рене
    if person and not word.endswith(POSSESSIVE):
        # the predictor gives Макрон the instrumental of Пушкин (*Макроным)
        predicted = [f for f in predicted if not any(x.endswith(("им", "ым")) for x in f["ablt"])]

    def template(t: str) -> Forms | None:
        return _template(t, lang, role, gender, animate)

    if person:
        found = by_analogy(word, lang, role, gender, 2, template)
        if found:
            return found
    if predicted:
        return predicted[0]
    if person:
        found = by_analogy(word, lang, role, gender, 0, template)
        if found:
            return found
    return fixed(word)


@cached()
def _template(word: str, lang: str, role: str, gender: str | None, animate: bool | None) -> Forms | None:
    """A template word's own paradigm from the dictionary (None if it has none): every unknown name that
    ends like it is declined after it, so it is read once (templates: translit/data/morph_templates.yaml)."""
    found = [f for _, k, f in choose(word, lang, role, gender, animate) if k]
    return found[0] if found else None


def word_paradigm(word: str, lang: str, role: str, gender: str | None = None,
                  animate: bool | None = None) -> dict[str, list[str]]:
    """Case → forms of one name word, nominative first, in the capitalisation of `word`.

    Args:
        word: the nominative (house) form, e.g. "Буданов".
        lang: "uk" or "ru".
        role: "given", "surname", "patronymic", "place", "noun" or "adj".
        gender: "m"/"f" for people; for "adj" the gender of the noun it agrees
            with ("m", "f", "n" or "pl").
        animate: for "noun"/"adj": whether the accusative is the genitive (people)
            or the nominative (places, things); read from the dictionary if None.

    Returns:
        {"nomn": [...], "gent": [...], ...} for every case in CASES; alternates
        follow the preferred form (uk "Кирилові", "Кирилу"). Indeclinable words
        (Шойгу, Latin words) give the word itself in every case.
    """
    if lang not in LANGS:
        raise UsageError(f"unknown language {lang!r} for morphology; use one of: {', '.join(LANGS)}")
    if role not in ROLES:
        raise UsageError(f"unknown role {role!r}; use one of: {', '.join(ROLES)}")
    key = to_dictionary_spelling(word.strip())
    if not key:
        return fixed(word)
    forms = _paradigm(key, lang, role, norm_gender(gender), animate)
    apostrophe = next((c for c in word if c in _APOS), "'")
    yo = "ё" in key
    out: dict[str, list[str]] = {}
    for case in CASES:
        out[case] = []
        for f in forms[case]:
            f = copy_case(word, f.replace("'", apostrophe) if yo else f.replace("'", apostrophe).replace("ё", "е"))
            if f not in out[case]:
                out[case].append(f)
    out["nomn"] = [word] + [f for f in out["nomn"] if f != word]
    return out
