"""Whether a word is an ordinary dictionary word (агентство, мир) rather than a name."""
from __future__ import annotations

from typing import Any

from ..caches import cached
from .analyzers import analyzer, to_dictionary_spelling
from .readings import is_proper_reading

__all__ = ["is_common_word"]

_PROPER = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr", "Init"}
# uk spellings → ru spellings, to ask the ru dictionary (which tags places) about a uk word
_UK_TO_RU = (str.maketrans({"і": "и", "ї": "и", "є": "е", "ґ": "г", "'": ""}),
             str.maketrans({"і": "и", "ї": "и", "є": "е", "ґ": "г", "'": "", "и": "ы"}))


def _known(parse: Any) -> bool:
    return type(parse.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"


def _ru_says(word: str) -> str | None:
    """"proper"/"common" from the ru dictionary for a uk word spelled the ru way, None if unknown."""
    m = analyzer("ru")
    for table in _UK_TO_RU:
        w = word.translate(table)
        if not m.word_is_known(w):
            continue
        nomn = [p for p in m.parse(w) if _known(p) and p.tag.case in ("nomn", None)]
        if not nomn:
            continue
        return "proper" if all(_PROPER & p.tag.grammemes for p in nomn) else "common"
    return None


@cached()
def _is_common(word: str, lang: str) -> bool:
    m = analyzer(lang)
    if not m.word_is_known(word):
        return False
    parses = m.parse(word)
    # a first name or surname the dictionary keeps apart from a noun (Надія / надія)
    person = any({"Name", "Surn", "Patr"} & p.tag.grammemes for p in parses)
    nouns = []
    for p in parses:
        if not _known(p) or p.tag.case not in ("nomn", None) or _PROPER & p.tag.grammemes:
            continue
        if lang == "ru" or p.tag.POS != "NOUN" or (person and not is_proper_reading(p, lang)):
            return True
        nouns.append(p)
    if not nouns:
        return False
    # The uk dictionary does not mark place names: ask the ru one, else its grammeme order
    ru = _ru_says(word)
    if ru is not None:
        return ru == "common"
    return any(not is_proper_reading(p, lang) for p in nouns)


def is_common_word(word: str, lang: str) -> bool:
    """True when `word` is an ordinary word of `lang` in its dictionary form, not only a name.

    агентство, мир, память, Надія (hope, also a first name) → True;
    Буданов, Полтава, Київ, unknown words → False. The uk dictionary does not
    tag place names, so for uk nouns the ru dictionary is asked about the
    ru-letter spelling (Україна ~ Украина, a place).
    """
    return _is_common(to_dictionary_spelling(word.strip()), lang)
