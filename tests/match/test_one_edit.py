"""A near-miss given name (one typo before a known surname) is judged without rapidfuzz, exactly as rapidfuzz would."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from translit.normalize import compiled_for, normalize
from translit.text.edits import one_edit_apart, osa_within

words = st.text(alphabet="abкиł", max_size=7)


@settings(max_examples=500)
@given(words, words)
def test_one_edit_apart_is_osa_distance_at_most_one(a: str, b: str) -> None:
    assert one_edit_apart(a, b) == (OSA.distance(a, b) <= 1)


@settings(max_examples=500)
@given(st.text(alphabet="abcкиł", max_size=9), st.text(alphabet="abcкиł", max_size=9), st.integers(0, 3))
def test_osa_within_is_rapidfuzz_osa_distance_under_the_cutoff(a: str, b: str, limit: int) -> None:
    d = OSA.distance(a, b)
    assert osa_within(a, b, limit) == (d if d <= limit else None)


@given(words, st.data())
def test_every_single_edit_is_one_edit_apart(a: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(a)))
    c = data.draw(st.sampled_from("abкиł"))
    edits = [a[:i] + c + a[i:], a[:i] + c + a[i + 1:], a[:i] + a[i + 1:]]
    if i + 1 < len(a):
        edits.append(a[:i] + a[i + 1] + a[i] + a[i + 2:])
    assert all(one_edit_apart(a, e) and one_edit_apart(e, a) for e in edits)


def test_a_given_name_one_typo_or_swap_away_is_the_persons(write_glossary) -> None:
    compiled = compiled_for([write_glossary("kyrylo-budanov")])
    for typo in ("Kyrolo", "Kyrlyo", "Kyryllo", "Kyrlo"):
        assert normalize(f"{typo} Budanov flew in.", "en", compiled).text == "Kyrylo Budanov flew in."
    assert normalize("Kurolu Budanov flew in.", "en", compiled).text == "Kurolu Budanov flew in."
