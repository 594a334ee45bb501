"""Keys looked up in SQLite give what the automaton gives, and a long text loads the automaton."""
from __future__ import annotations

from array import array
from pathlib import Path
from typing import Any

import ahocorasick
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from translit.match import keys as keys_mod
from translit.match.keys import KeyLookup, open_part, write_keys

ALPHABET = "ab -'ё🙂"


def _automaton(words: list[str]) -> tuple[Any, array]:
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    values = array("q")
    for word in dict.fromkeys(words):
        automaton.add_word(word, len(values))
        values.append(len(values) * 7 + 3)
    if words:
        automaton.make_automaton()
    return automaton, values


def _lookup(tmp_path: Path, words: list[str], monkeypatch: pytest.MonkeyPatch, budget: float
            ) -> tuple[Any, KeyLookup, array, list[int]]:
    automaton, values = _automaton(words)
    path = tmp_path / "keys.sqlite"
    write_keys(path, {"latin": (automaton, values)})
    loads: list[int] = []

    def load() -> tuple[Any, array]:
        loads.append(1)
        return automaton, values

    monkeypatch.setattr(keys_mod, "PROBES_PER_KEY", budget)
    lookup, read_values = open_part(path, "latin", load)
    return automaton, lookup, read_values, loads


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.text(ALPHABET, min_size=1, max_size=6), min_size=1, max_size=25),
       text=st.text(ALPHABET, max_size=40))
def test_lookups_find_the_same_hits_in_the_same_order_as_the_automaton(tmp_path_factory, monkeypatch, words, text):
    tmp_path = tmp_path_factory.mktemp("keys")
    automaton, lookup, values, loads = _lookup(tmp_path, words, monkeypatch, 1e9)
    assert list(lookup.iter(text)) == list(automaton.iter(text))
    assert list(values) == list(_automaton(words)[1])
    for probe in [*words, text, "zz"]:
        assert lookup.exists(probe) == automaton.exists(probe)
        assert lookup.get(probe, None) == automaton.get(probe, None)
    assert len(lookup) == len(automaton)
    assert lookup.get_stats()["longest_word"] == automaton.get_stats()["longest_word"]
    assert loads == []  # all of it from SQLite


def test_past_its_budget_a_lookup_loads_the_automaton_once(tmp_path, monkeypatch):
    words = [f"w{i}" for i in range(100)] + ["budanov"]
    automaton, lookup, _, loads = _lookup(tmp_path, words, monkeypatch, 1.0)  # 101 lookups
    short = "budanov said"  # 12 characters, keys up to 7: 63 substrings
    assert list(lookup.iter(short)) == list(automaton.iter(short)) != []
    assert loads == []
    assert list(lookup.iter(short)) == list(automaton.iter(short))  # 126 > 101: the automaton now
    assert loads == [1]
    long = "w1 w2 budanov w99 " * 50
    assert list(lookup.iter(long)) == list(automaton.iter(long))
    assert lookup.exists("w7") and not lookup.exists("w100")
    assert loads == [1]


def test_a_lone_surrogate_is_searched_by_the_automaton(tmp_path, monkeypatch):
    automaton, lookup, _, loads = _lookup(tmp_path, ["kyiv"], monkeypatch, 1e9)
    text = "kyiv \ud800 kyiv"
    assert list(lookup.iter(text)) == list(automaton.iter(text))
    assert loads == [1]
