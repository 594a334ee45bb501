"""Latin back to Cyrillic: exact for reversible schemes, ranked candidates for the others."""
from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import assume, example, given, settings, strategies as st

from translit.errors import UsageError
from translit.schemes import cyrillize, cyrillize_text, get_scheme, known_forms, romanize, scheme_names
from translit.schemes.reverse import latin_word_re, word_candidates

UK = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
RU = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"


def _text(alphabet: str) -> st.SearchStrategy[str]:
    # realistic words: lower, Title or UPPER case, never starting with a sign (ь ъ) or apostrophe
    word = st.text(alphabet=alphabet, min_size=1, max_size=10).filter(lambda w: w[0] not in "ьъʼ")
    cased = st.tuples(word, st.sampled_from([str.lower, str.capitalize, str.upper])).map(lambda t: t[1](t[0]))
    sep = st.sampled_from([" ", ", ", "-", ". ", "\n", " 12 "])
    return st.lists(st.tuples(cased, sep), min_size=1, max_size=5).map(lambda ws: "".join(w + s for w, s in ws))


def _caps_are_recoverable(text: str) -> bool:
    # an UPPER word whose only letters after the first are ь/ъ looks like a Title word in ISO 9
    return all(not (w.isupper() and len(w) > 1 and sum(c not in "ЬЪʼ" for c in w) < 2)
               for w in re.split(r"[^\w\u02bc]+", text))


@settings(max_examples=150, deadline=None)
@given(_text(UK + "ʼ"))
def test_iso9_round_trips_ukrainian(text: str) -> None:
    assume("ʼʼ" not in text and " ʼ" not in text and _caps_are_recoverable(text))
    latin = romanize(text, "uk", "iso9")
    assert cyrillize(latin, "uk", "iso9")[0] == text


@settings(max_examples=150, deadline=None)
@given(_text(RU))
def test_iso9_round_trips_russian(text: str) -> None:
    assume(_caps_are_recoverable(text))
    latin = romanize(text, "ru", "iso9")
    assert cyrillize(latin, "ru", "iso9") == [text]


# Every text Hypothesis has found failing, kept as explicit cases (they run in CI too).
DSTU9112A_FOUND = ["ййаюююа"]


@settings(max_examples=100, deadline=None)
@given(_text(UK))
@example("ййаюююа")
def test_dstu9112a_round_trips_ukrainian(text: str) -> None:
    assume(_caps_are_recoverable(text))
    assert cyrillize(romanize(text, "uk", "dstu9112a"), "uk", "dstu9112a")[0] == text


@pytest.mark.parametrize("text", DSTU9112A_FOUND)
def test_dstu9112a_texts_hypothesis_found(text: str) -> None:
    # a reading the right letters of which rank low (йй) must not be pushed out by ones that do not
    # romanize back: ju is only ю, so ййаюююа has one reading, and it comes back
    for variant in (text, text.capitalize(), text.upper()):
        latin = romanize(variant, "uk", "dstu9112a")
        assert cyrillize(latin, "uk", "dstu9112a")[0] == variant


@pytest.mark.parametrize("latin,lang,scheme,best", [
    ("Yurii", "uk", "kmu2010", "Юрій"),
    ("Kyiv", "uk", "kmu2010", "Київ"),
    ("Zghorany", "uk", "kmu2010", "Згорани"),
    ("Znamianka", "uk", "kmu2010", "Знамʼянка"),
    ("Zelenskyi", "uk", "kmu2010", "Зеленський"),
    ("Razieezdnoi", "ru", "icao", "Разъездной"),
    ("Yevgeny Prigozhin", "ru", "press", "Евгений Пригожин"),
    ("SHCHUKA", "ru", "icao", "ЩУКА"),
])
def test_best_reading(latin: str, lang: str, scheme: str, best: str) -> None:
    assert cyrillize(latin, lang, scheme)[0] == best


def test_soft_sign_ambiguity_gives_both_readings() -> None:
    # ICAO drops ь: Kuzminov is Кузьминов or Кузминов, and both must be offered
    found = cyrillize("Kuzminov", "ru", "icao")
    assert {"Кузьминов", "Кузминов"} <= set(found[:3])


def test_every_candidate_romanizes_back_to_the_input() -> None:
    for cand in cyrillize("Mykolaiv", "uk", "kmu2010"):
        assert romanize(cand, "uk", "kmu2010") == "Mykolaiv"


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["uk", "ru"]).flatmap(
    lambda lang: st.tuples(st.just(lang), st.sampled_from(scheme_names(lang)), _text(UK if lang == "uk" else RU))))
def test_every_candidate_of_every_scheme_romanizes_back(case: tuple[str, str, str]) -> None:
    # the search checks readings against the scheme's own rules as it goes, not by romanizing
    # each at the end: whatever a scheme offers must still romanize back to the Latin it was given
    lang, slug, text = case
    scheme = get_scheme(lang, slug)
    latin = romanize(text, lang, slug)
    for match in latin_word_re((scheme,)).finditer(latin):
        word = unicodedata.normalize("NFC", match.group())
        for reading in word_candidates(scheme, word):
            back = unicodedata.normalize("NFC", romanize(reading.text, lang, slug))
            assert back.casefold() == word.casefold(), (word, reading)


def test_without_scheme_all_schemes_are_ranked_together() -> None:
    assert cyrillize("Charkiw", "uk")[0] == "Харків"  # only the German convention writes this
    assert cyrillize("Kharkiv", "uk")[0] == "Харків"
    assert cyrillize("Dmitry Peskov", "ru")[0] == "Дмитрий Песков"


def test_a_letter_the_scheme_never_writes_falls_back_to_all_schemes() -> None:
    assert cyrillize("Wagner", "ru", "icao")[0] == "Вагнер"


def test_non_latin_text_passes_through() -> None:
    assert cyrillize("Kyiv, 2024 — 😀 Київ", "uk", "kmu2010")[0] == "Київ, 2024 — 😀 Київ"


def test_unknown_scheme_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="valid: icao"):
        cyrillize("Kyiv", "ru", "kmu2010")


class _Entry:
    def __init__(self, kind: str, en: str, uk: str, ru: str, variants: list[str]) -> None:
        self.kind, self.en, self.uk, self.ru, self.variants = kind, en, uk, ru, variants

    def form(self, lang: str) -> str | None:
        return getattr(self, lang)


def test_known_forms_come_first_and_whole_names_before_words() -> None:
    entries = [_Entry("person", "Kyrylo Budanov", "Кирило Буданов", "Кирилл Буданов", ["Kirill Budanov"])]
    known = known_forms(entries, "ru")
    result = cyrillize_text("kirill  BUDANOV", "ru", known=known)
    assert (result.best, result.source) == ("Кирилл Буданов", "glossary")
    mixed = cyrillize_text("Budanov met Kuzminov", "ru", known=known)
    assert mixed.best.startswith("Буданов ") and mixed.source == "glossary+scheme"
