"""Text basics every other layer uses: scripts and letters, folding for matching, the given-names data.

- `scripts`: Cyrillic and Latin letters, apostrophes, letters only one language has
- `fold`: same-length folding of running text and glossary forms, phonetic keys
- `langs`: language and case names
- `names`: given names across Ukrainian, Russian and English (translit/data/given_names.yaml)

Nothing here imports another translit package.
"""
from __future__ import annotations

from .fold import HYPHENS, fold_form, fold_text, phonetic, skeleton
from .langs import CASES, CYRILLIC_LANGS, TEXT_LANGS
from .names import DATA_FILE, GivenName, given_names, lookup_given
from .scripts import (APOSTROPHES, CYRILLIC, CYRILLIC_APOSTROPHE, LATIN_APOSTROPHE, RU_ONLY, UK_ONLY, has_cyrillic,
                      is_cyrillic, is_latin, word_script, words)

__all__ = [
    "APOSTROPHES", "CASES", "CYRILLIC", "CYRILLIC_LANGS", "TEXT_LANGS", "CYRILLIC_APOSTROPHE", "DATA_FILE", "GivenName", "HYPHENS", "LATIN_APOSTROPHE",
    "RU_ONLY", "UK_ONLY", "fold_form", "fold_text", "given_names", "has_cyrillic", "is_cyrillic", "is_latin",
    "lookup_given", "phonetic", "skeleton", "word_script", "words",
]
