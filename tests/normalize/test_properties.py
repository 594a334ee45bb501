"""Properties of normalize() on generated text mixed with the test glossary's names."""
from __future__ import annotations

import functools
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import translit.normalize as normalize_mod

from .caselib import load_test_glossary

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@functools.cache
def compiled():  # type: ignore[no-untyped-def]
    return normalize_mod.compile_glossary(load_test_glossary())


@functools.cache
def names() -> tuple[str, ...]:
    """Every house form and variant, their surnames, and one-letter typos of them."""
    out: set[str] = set()
    for e in load_test_glossary():
        for form in [e.en, e.uk, e.ru, *e.variants, *e.keep]:
            if form:
                out.add(form)
                out.add(form.split()[-1])
    rng = random.Random(7)
    for form in sorted(out):
        if len(form) > 4:
            i = rng.randrange(1, len(form) - 1)
            out.add(form[:i] + form[i + 1:])                      # drop a letter
            out.add(form[:i] + form[i + 1] + form[i] + form[i + 2:] if i + 2 <= len(form) else form)
    return tuple(sorted(out))


WORDS = ["said", "the", "in", "заявив", "заявил", "у", "в", "із", "с", "https://kyiv.example/x",
         "@budanov", "#Kyiv", "agency", "агентство", "Агентство", "«", "»", "’s", "'s", "—", "Mi", "8"]
SEPARATORS = [" ", " ", " ", ", ", ". ", "\n", "\n\n", "", "-", "’", "'", "«", "»", "(", ")"]

fragment = st.one_of(
    st.sampled_from(names()),
    st.sampled_from(WORDS),
    st.text(max_size=12),
    st.from_regex(r"[A-ZА-ЯІЇЄ][a-zа-яіїєʼ']{1,10}", fullmatch=True),
)
texts = st.lists(st.tuples(fragment, st.sampled_from(SEPARATORS)), max_size=14).map(
    lambda parts: "".join(a + b for a, b in parts))
langs = st.sampled_from(["auto", "en", "uk", "ru"])


def _check_matches(text: str, matches) -> None:  # type: ignore[no-untyped-def]
    pos = 0
    for m in matches:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.found
        assert m.start >= pos, "matches overlap or are out of order"
        pos = m.end
        if m.entry is None:
            assert len(m.candidates) >= 2
        else:
            assert m.candidates == []


@SETTINGS
@given(texts, langs)
def test_offsets_cover_found_and_text_outside_mentions_never_changes(text, lang):
    """The output is the input with each mention the tool is sure of replaced by its canonical form;
    a mention left alone says why (reason), and only a rewritten one changes the text."""
    result = normalize_mod.normalize(text, lang=lang, compiled=compiled())
    _check_matches(text, result.matches)
    rebuilt, pos = [], 0
    for m in result.matches:
        rebuilt.append(text[pos:m.start])
        rewritten = m.entry is not None and not m.silenced and m.reason is None
        assert m.rewrites == (rewritten and m.found != m.canonical)
        rebuilt.append(m.canonical if rewritten else m.found)
        pos = m.end
    rebuilt.append(text[pos:])
    assert result.text == "".join(rebuilt)


@SETTINGS
@given(texts, langs)
def test_normalizing_twice_changes_nothing_more(text, lang):
    once = normalize_mod.normalize(text, lang=lang, compiled=compiled()).text
    twice = normalize_mod.normalize(once, lang=lang, compiled=compiled()).text
    assert twice == once


@SETTINGS
@given(st.text(max_size=300), langs)
def test_arbitrary_unicode_never_raises(text, lang):
    result = normalize_mod.normalize(text, lang=lang, compiled=compiled())
    _check_matches(text, result.matches)
