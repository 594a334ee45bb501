"""Rewriting a mention: the house form in the text's language and the mention's case."""
from __future__ import annotations

from ..text.scripts import has_cyrillic
from .state import Cand
from .types import CASES, EntryInfo

__all__ = ["canonical_form", "detect_case_index"]


def detect_case_index(found: str, lang: str) -> int:
    from .. import morph  # pymorphy3 loads its dictionaries: only for a fuzzy match in uk/ru text

    case = morph.detect_case(found, lang)
    return CASES.index(case) if case in CASES else 0


def _pick(forms: tuple[str, ...] | None, case: int, observed: str = "") -> str | None:
    """The house form in `case`; where the case has alternatives (Кирилові|Кирилу), the one written."""
    if not forms:
        return None
    alts = forms[case].split("|")
    if observed and len(alts) > 1:
        key = observed.lower().replace("ё", "е")
        for alt in alts:
            if alt.lower().replace("ё", "е") == key:
                return alt
    return alts[0]


def canonical_form(info: EntryInfo, cand: Cand, lang: str, case: int, found: str) -> str:
    """The house form for a mention, in the text's language and the mention's case.

    A mention written in Latin letters inside Ukrainian or Russian text keeps
    Latin letters (the English house form); alternatives of a case are kept as written.
    """
    words = found.split()
    if cand.shape == "reversed":
        seen_surname, seen_given = (words[0].rstrip(","), words[1]) if len(words) > 1 else (found, "")
    else:
        seen_surname, seen_given = words[-1] if words else found, words[0] if words else ""
    latin = not has_cyrillic(found)
    surname: str | None
    given: str | None
    full: str | None
    if lang not in ("uk", "ru") or latin:
        surname, given, full = info.en_surname, info.en_given, info.en
    else:
        surname = _pick(getattr(info, f"{lang}_surname"), case, seen_surname)
        given = _pick(getattr(info, f"{lang}_given"), case, seen_given)
        full = _pick(getattr(info, lang), case, found)
    if info.person:
        if not surname:
            return found
        if cand.shape == "surname":
            out = surname
        elif cand.shape == "reversed":
            out = f"{surname}{cand.sep}{given}{cand.prefix}" if given else found
        elif cand.shape == "initials":
            out = f"{given[0]}. {cand.prefix}{surname}" if given else found
        elif cand.shape == "patronymic":
            out = f"{given} {cand.prefix}{surname}" if given else found
        else:
            out = f"{given}{cand.sep}{surname}" if given else surname
    else:
        if not full:
            return found
        out = full
    if cand.shape == "plural":
        out += "es" if found.endswith("es") and not out.endswith("e") else "s"
    if found.isupper() and sum(ch.isalpha() for ch in found) > 1:
        if " " not in found and sum(ch.isalpha() for ch in found) <= 6 and " " in out:
            return found  # an abbreviation (HUR, ГУР, SBU) stays an abbreviation
        out = out.upper()
    return out
