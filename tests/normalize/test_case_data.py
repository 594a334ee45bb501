"""The test glossary and the case files are themselves valid and consistent."""
from __future__ import annotations

from collections import Counter

from translit.glossary import lint_paths
from translit.text.scripts import RU_ONLY, UK_ONLY

from .caselib import GLOSSARY, LANGS, load_cases, load_known_gaps

CASES = load_cases()


def test_glossary_lints_clean():
    entries, problems = lint_paths([GLOSSARY])
    assert [str(p) for p in problems] == []
    assert len(entries) >= 40


def test_enough_cases_per_language():
    counts = Counter(c.lang for c in CASES)
    assert counts["en"] >= 150 and counts["uk"] >= 80 and counts["ru"] >= 80, counts


def test_case_ids_are_unique_and_well_formed():
    ids = Counter(c.id for c in CASES)
    assert [i for i, n in ids.items() if n > 1] == []
    for case in CASES:
        assert case.lang in LANGS, case.id
        assert case.id.startswith(case.lang + "-"), case.id


def test_mentions_name_known_entries_and_appear_in_order():
    entries, _ = lint_paths([GLOSSARY])
    ids = {e.id for e in entries}
    for case in CASES:
        pos = 0
        for m in case.mentions:
            if m.entry is None:
                assert len(m.candidates) >= 2 and set(m.candidates) <= ids, case.id
            else:
                assert m.entry in ids and not m.candidates, case.id
            at = case.text.find(m.found, pos)
            assert at >= 0, f"{case.id}: {m.found!r} not in the text after offset {pos}"
            pos = at + len(m.found)


def test_output_changes_only_mention_spans():
    """Outside the expected mentions, a case's output equals its text."""
    for case in CASES:
        if case.output is None:
            continue
        rest, pos = [], 0
        for m in case.mentions:
            at = case.text.find(m.found, pos)
            rest.append(case.text[pos:at])
            pos = at + len(m.found)
        rest.append(case.text[pos:])
        cursor = 0
        for piece in rest:
            at = case.output.find(piece, cursor)
            assert at >= 0, f"{case.id}: output changes text outside the mentions ({piece!r})"
            cursor = at + len(piece)


def test_texts_keep_to_their_language():
    """Outside the mentions, uk texts have no Russian-only letters and ru texts no Ukrainian-only ones."""
    for case in CASES:
        if case.lang == "en":
            continue
        outside = case.text
        for m in case.mentions:
            outside = outside.replace(m.found, " ", 1)
        foreign = RU_ONLY if case.lang == "uk" else UK_ONLY
        assert not any(ch in foreign for ch in outside), case.id


def test_known_gaps_name_existing_cases():
    ids = {c.id for c in CASES}
    assert sorted(load_known_gaps() - ids) == []
