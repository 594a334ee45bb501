"""The compiled index keeps every hit intact, however many entries a glossary has."""
from __future__ import annotations

from translit.match.build import _Builder
from translit.match.types import pack, unpack


def test_hits_of_entries_beyond_32_bits_survive_the_automaton():
    # pyahocorasick keeps 32-bit ints; entry 100,000 packs to more than 2**31
    builder = _Builder()
    hit = pack(100_000, 1, 2, 5, 3)
    builder.add("Budanov", hit)
    compiled = builder.finish([])
    automaton, values = compiled.part("latin")
    found = [compiled.hits(values[i]) for _, i in automaton.iter("said budanov")]
    assert found == [(hit,)]
    assert unpack(hit) == (100_000, 1, 2, 5, 3)


def test_spacing_variants_of_designations_are_indexed():
    builder = _Builder()
    builder.add("Mi-8", pack(0, 0, 0, 0, 0))
    automaton, _ = builder.finish([]).part("latin")
    assert all(automaton.exists(k) for k in ("mi-8", "mi 8", "mi8"))
