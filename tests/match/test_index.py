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


def test_shared_keys_keep_every_hit_through_the_cache_pickle():
    # several entries under one key: the cache stores those hit lists packed in arrays
    import pickle

    builder = _Builder()
    small, big = pack(3, 0, 0, 0, 0), pack(2**23, 1, 2, 5, 3)  # the second needs more than 32 bits
    builder.add("Budanov", small)
    builder.add("Budanov", big)
    builder.add("Kyiv", pack(7, 0, 0, 0, 0))
    builder.add("Kyiv", pack(8, 0, 0, 0, 0))
    compiled = builder.finish([])
    automaton, values = compiled.part("latin")
    before = [compiled.hits(values[i]) for _, i in automaton.iter("budanov in kyiv")]
    assert before == [(small, big), (pack(7, 0, 0, 0, 0), pack(8, 0, 0, 0, 0))]
    copy = pickle.loads(pickle.dumps(compiled))
    assert type(copy.multi).__name__ == "PackedHits"
    assert [copy.hits(values[i]) for _, i in automaton.iter("budanov in kyiv")] == before
    assert unpack(big)[0] == 2**23
