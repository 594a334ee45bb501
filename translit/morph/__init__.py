"""Case forms and case detection for Ukrainian and Russian names (pymorphy3).

At glossary compile time `phrase_paradigm` gives every case form of an
entry's uk/ru house form; at match time `detect_case` tells which case a
mention is in and `inflect_phrase` writes the house form in that case.
pymorphy3's readings are chosen by the word's role (given name, surname,
place...) and gender, and names the dictionaries do not know decline like a
known name with the same ending (translit/data/morph_templates.yaml).
"""
from .analyzers import CASES, analyzer
from .detect import detect_case
from .gender import infer_gender
from .lexicon import is_common_word
from .phrases import inflect_phrase, phrase_paradigm, word_roles
from .readings import ROLES
from .words import word_paradigm

__all__ = [
    "CASES", "ROLES", "analyzer", "detect_case", "infer_gender", "inflect_phrase",
    "is_common_word", "phrase_paradigm", "word_paradigm", "word_roles",
]
