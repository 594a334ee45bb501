"""The fuzzy step scores near spellings in Python for a short text and with rapidfuzz for a long one:
the same matches either way."""
from __future__ import annotations

import pytest

from .caselib import GLOSSARY, load_cases
from translit.glossary import load_glossary
from translit.match import compile_entries, fuzzy
from translit.normalize import normalize


def test_python_and_rapidfuzz_distances_give_the_same_matches_on_the_whole_case_table(monkeypatch):
    compiled = compile_entries(list(load_glossary([str(GLOSSARY)])))
    cases = load_cases()
    texts = [(case.text, case.lang) for case in cases]
    runs = []
    for cells in (10**12, 0):  # every distance in Python / every one from rapidfuzz
        monkeypatch.setattr(fuzzy, "PLAIN_CELLS", cells)
        monkeypatch.setattr(fuzzy, "_plain_spent", [0])
        compiled.memo.clear()  # the fuzzy outcome of each word is remembered across texts
        runs.append([(r.text, [m.to_dict() for m in r.matches]) for r in (normalize(t, lang, compiled)
                                                                          for t, lang in texts)])
    assert runs[0] == runs[1]
    assert sum(m["method"] == "fuzzy" for _, ms in runs[0] for m in ms) > 20


def test_a_short_text_is_scored_without_importing_rapidfuzz(monkeypatch):
    import sys

    compiled = compile_entries(list(load_glossary([str(GLOSSARY)])))
    monkeypatch.setattr(fuzzy, "_plain_spent", [0])
    monkeypatch.delitem(sys.modules, "rapidfuzz.process", raising=False)
    monkeypatch.setitem(sys.modules, "rapidfuzz.process", None)  # importing it now fails
    result = normalize("Kyrylo Budonov said on Monday.", "en", compiled)  # a typo in the surname
    assert [(m.found, m.method, m.entry) for m in result.matches] == [("Kyrylo Budonov", "fuzzy", "kyrylo-budanov")]
    assert fuzzy._plain_spent[0] > 0
