"""Every score the scanner gives, in one table.

A score orders rival candidates for one span (longest span first, then highest score) and is
reported as a match's `score`. Factors multiply the score of the surname hit they extend.
"""
from __future__ import annotations

from .types import Origin

# How the spelling in the text was found in the automata (by Origin).
EXACT = 1.0        # a house form, or the given spelling of a keep/phrase form
VARIANT = 0.98     # a spelling the glossary lists under `variants`
ROMANIZED = 0.95   # one scheme's romanization of a uk/ru house form
INFLECTED = 1.0    # a case form of a house form: as sure as the house form itself
ABBREVIATION = 0.97  # an entry's abbreviation (reported, never rewritten)
BY_ORIGIN: tuple[float, ...] = tuple({Origin.EXACT: EXACT, Origin.VARIANT: VARIANT, Origin.ROMANIZED: ROMANIZED,
                                      Origin.INFLECTED: INFLECTED}[o] for o in Origin)

# A given name beside a surname hit (given_match).
GIVEN_EXACT = 1.0        # a spelling of the entry's given-name group
GIVEN_SAME_SOUND = 0.9   # the same phonetic key as one of the group's spellings (Kyrilo ~ Kyrylo)
GIVEN_ONE_EDIT = 0.85    # one edit from a spelling of the group, same length ±1

# Factors on the surname hit's score.
INITIAL_HOUSE = 0.9      # an initial of the house given name (W. for Wladimir, В. for Volodymyr)
INITIAL_OTHER = 0.85     # an initial of another spelling of the given name
SURNAME_ALONE = 0.9      # a surname with no given name or initial beside it

# The fuzzy step: similarity = 1 - FUZZY_EDIT_WEIGHT * edits / longer length - FUZZY_PENALTY.
FUZZY_EDIT_WEIGHT = 0.5
FUZZY_PENALTY = 0.1      # a fuzzy match always scores below an exact one of the same span

TIE = 1e-9               # rivals whose scores differ by less stay together as an ambiguous match
