"""Whether a written form is one of an entry's house forms, and in which letter case to write one."""
from __future__ import annotations

from .types import EntryInfo

__all__ = ["house_spelling", "is_house_form", "letter_case", "same_in_every_language"]


def house_spelling(info: EntryInfo, found: str, lang: str) -> str | None:
    """The house form of `lang` (any case) that `found` spells with other capitals, or None."""
    if info.person:
        return None
    key = found.lower()
    cells: tuple[str, ...] = getattr(info, lang) or ()
    for cell in cells:
        for alt in cell.split("|"):
            if alt.lower() == key:
                return alt
    return None


def is_house_form(info: EntryInfo, found: str, lang: str) -> bool:
    """`found` is, word for word, one of the entry's house forms of `lang` in some case."""
    if info.person:
        tables = [getattr(info, f"{lang}_surname"), getattr(info, f"{lang}_given")]
        forms = {alt for t in tables if t for cell in t for alt in cell.split("|")}
        return all(w in forms for w in found.split())
    table = getattr(info, lang)
    return bool(table) and any(found in cell.split("|") for cell in table)


def same_in_every_language(info: EntryInfo) -> bool:
    """The entry is written alike in English, Ukrainian and Russian text (Deutsche Welle): its letters
    say nothing about the language around them."""
    if info.person or not info.uk or not info.ru or info.uk[0].split("|", 1)[0] != info.en:
        return False  # (the usual answer, without the set: it runs for every mention)
    return {alt for table in (info.uk, info.ru) for cell in table for alt in cell.split("|")} == {info.en}


def letter_case(found: str, house: str) -> str:
    """The house form in the letter-case style of what was written: capitals only where all were."""
    letters = [ch for ch in found if ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return house.upper()
    return house
