"""Any glossary text gets a full paradigm back, never an exception."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from translit.glossary import bundled_dir, load_glossary
from translit.morph import CASES, detect_case, phrase_paradigm

_TEXT = st.text(alphabet="абвгґдеєжзиіїйклмнопрстуфхцчшщьюяАБВГКЛМНОПСТЫЁёъэ' -«».0123abcXYZ", max_size=30)


@settings(max_examples=150, deadline=None)
@given(text=_TEXT, lang=st.sampled_from(["uk", "ru"]),
       kind=st.sampled_from(["person", "place", "organization", "other"]))
def test_any_text_gets_every_case(text: str, lang: str, kind: str) -> None:
    forms = phrase_paradigm(text, lang, kind)
    assert tuple(forms) == CASES
    assert all(forms[c] for c in CASES)
    assert forms["nomn"][0] == text.strip()
    detect_case(text, lang, forms)


def test_bundled_glossary_entries_inflect() -> None:
    glossary = load_glossary([str(bundled_dir())])
    for entry in glossary.entries:
        for lang in ("uk", "ru"):
            form = entry.form(lang)
            if form:
                forms = phrase_paradigm(form, lang, entry.kind, entry.gender)
                assert forms["nomn"][0] == form
