"""What the words around a mention say: classifier nouns, context words, prepositions, token boundaries."""
from __future__ import annotations

import re

from ..text.scripts import has_cyrillic
from .state import ScanState
from .types import EntryInfo

__all__ = ["ContextWords", "cases_after"]

# the word before a name, over spaces, opening quotes and a dash between spaces (кораблі — «Єйськ»)
_WORD_BEFORE = re.compile(r"(?<![^\W\d_])([^\W\d_]+)(?: |[«\"“„‘'‹]| - )+$")
_SEPARATORS = " «\"“„‘'‹-"  # every character of the separators in _WORD_BEFORE

# Classifier nouns that, right before a name, say it is something of another kind: a ship called
# «Москва» is not the city, a village sharing a city's name is not the city (folded stems).
_SHIPS = ("крейсер", "корабл", "корабель$", "судна", "судно", "судне", "фрегат", "корвет", "катер", "есмін",
          "эсмин", "танкер", "підводн", "подводн", "cruiser", "ship", "ships", "vessel", "frigate", "corvette",
          "tanker", "warship")
_SETTLEMENTS = ("село", "села", "селі", "селу", "селом", "селе", "селищ", "поселок", "поселк", "хутор",
                "village", "settlement")
_RIVERS = ("річка", "річки", "річці", "річку", "річкою", "река", "реки", "реке", "реку", "рекой", "river")
_TOWNS = ("місто", "міста", "місті", "містом", "город", "города", "городе", "городом", "town", "city")
_CLASSIFIERS: dict[str, tuple[str, ...]] = {
    "place": _SHIPS + _SETTLEMENTS + _RIVERS,
    "person": _SHIPS + _SETTLEMENTS + _TOWNS + _RIVERS,
    "organization": (),  # кораблі ВМФ, ships of the Black Sea Fleet: ships belong to these
    "unit": _SETTLEMENTS + _TOWNS,
    "media": _SHIPS,
}


# per kind: (words matched whole, stems matched as prefixes): a stem of five letters or more matches the
# words starting with it; a shorter one, or one ending in $, only the word itself
_CLASSIFIER_WORDS = {
    kind: (frozenset(w.rstrip("$") for w in words if len(w) < 5 or w.endswith("$")),
           tuple(w for w in words if len(w) >= 5 and not w.endswith("$")))
    for kind, words in _CLASSIFIERS.items()}
_NO_WORDS: tuple[frozenset[str], tuple[str, ...]] = (frozenset(), ())


# Prepositions that decide the case of the name after them (uk and ru; folded).
_PREP_CASES: dict[str, tuple[int, ...]] = {}
for _words, _cases in (
        ("у в уві во на о об обо при по", (5, 3)),  # locative (or accusative: в Україну, на Київ)
        ("після без для до від біля коло навколо довкола поблизу щодо серед замість крім окрім кроме около "
         "вокруг возле из от у "
         "против напротив вздовж вдоль посеред", (1,)),
        ("з із зі с со", (1, 4)),
        ("к ко завдяки согласно благодаря навстречу", (2,)),
        ("над під пiд перед під за между між под", (4, 3)),
        ("про через сквозь", (3,))):
    for _w in _words.split():
        _PREP_CASES[_w] = tuple(sorted(set(_PREP_CASES.get(_w, ())) | set(_cases)))


def cases_after(words: list[str]) -> tuple[int, ...]:
    """The cases a name can take after the word before it, or () when the word says nothing."""
    return _PREP_CASES.get(words[0], ()) if words else ()


class ContextWords(ScanState):
    """The scan step's questions about the text next to a span."""

    _SUFFIX = re.compile(r"-?[^\W_]{1,2}(?![^\W_])")

    def model_suffix(self, s: int, e: int) -> int:
        """Length of a model suffix after an equipment name (МіГ-31К, Панцир-С2), or 0."""
        f = self.folded
        if (s and f[s - 1].isalnum()) or e >= len(f) or not f[e - 1].isalnum():
            return 0
        m = self._SUFFIX.match(f, e)
        if m is None or (m.group(0)[0] != "-" and not f[e - 1].isdigit() and
                         not (self.text[e:m.end()] in ("s", "es") and f[e - 1].isascii())):
            return 0
        return m.end() - e

    def _english_plural(self, e: int, length: int) -> bool:
        """The text after an equipment name is an English plural ending (F-16s, Shaheds, Bayraktars)."""
        return self.text[e:e + length] in ("s", "es") and not has_cyrillic(self.text[e - 1:e])

    def hyphenated(self, s: int, e: int) -> str:
        """"number" when a number is joined to the span by a hyphen (Шахед-238), "word" for a word
        (Телеграм-канал), "" otherwise."""
        t = self.text
        if e + 1 < len(t) and t[e] == "-" and t[e + 1].isalnum():
            return "number" if t[e + 1].isdigit() else "word"
        if s >= 2 and t[s - 1] == "-" and t[s - 2].isalnum():
            return "number" if t[s - 2].isdigit() else "word"
        return ""

    def lower_ok(self, s: int, e: int) -> bool | None:
        """A name written in lower case (росія, рф) counts in Cyrillic when no dictionary knows it as a word
        (True); False: the dictionary knows it (only an exact house form then counts); None: not lower case."""
        word = self.text[s:e]
        if not has_cyrillic(word) or not word.islower():
            return None
        from ..morph.lexicon import is_common_word  # pymorphy3 loads its dictionaries: only for lower case

        return not any(is_common_word(w, lang) for w in word.split() for lang in ("uk", "ru"))

    def _word_before(self, s: int) -> str:
        """The word right before `s`, over spaces and opening quotes (крейсер «Москва»), folded."""
        word = self._before.get(s)
        if word is None:
            word = self._before[s] = self._find_word_before(s)
        return word

    def _find_word_before(self, s: int) -> str:
        return word_before(self.folded, s)

    def ruled_out(self, info: EntryInfo, s: int) -> bool:
        """A classifier noun before the name that contradicts the entry's kind (крейсер «Москва»), or one
        of the entry's own context_out words."""
        exact, stems = _CLASSIFIER_WORDS.get(info.kind, _NO_WORDS)
        if not exact and not info.context_out:
            return False
        word = self._word_before(s)
        if not word:
            return False
        if word in exact or word.startswith(stems) or (info.context_out and word.startswith(info.context_out)):
            return not (info.context_in and word.startswith(info.context_in))
        return False

    def confirmed(self, info: EntryInfo, s: int) -> bool:
        """One of the entry's context_in words stands before the name."""
        return bool(info.context_in) and any(self._word_before(s).startswith(b) for b in info.context_in)


def word_before(folded: str, s: int) -> str:
    """The match of _WORD_BEFORE ending at `s` (searched from 48 characters before it), or "".

    Only the word right before the separators that end at `s` can match, so the search starts
    at that word instead of trying every position of the 48 characters.
    """
    lo = max(0, s - 48)
    if folded.endswith("\n", lo, s):  # ($ also matches before a final newline; folded text has none)
        m = _WORD_BEFORE.search(folded, lo, s)
        return m.group(1) if m else ""
    k = s
    while k > lo and folded[k - 1] in _SEPARATORS:
        k -= 1
    if k == s or k == lo:
        return ""  # no separator before `s`, or nothing but separators
    j = k
    space = folded.rfind(" ", lo, j)
    if space >= lo and folded[space + 1:j].isalpha() and "-" not in folded[j:s]:
        # the usual case, answered without the regex: letters back to a space, then only spaces and
        # quotes (a dash is a separator only between spaces)
        return folded[space + 1:j]
    while k > lo and (folded[k - 1].isalnum() or folded[k - 1] == "_"):  # the \w run the word is part of
        k -= 1
    m = _WORD_BEFORE.search(folded, k, s)
    return m.group(1) if m else ""
