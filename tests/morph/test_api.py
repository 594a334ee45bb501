"""Phrases, gender, case detection and common words: the calls the normalizer makes."""
from __future__ import annotations

import pytest

from translit.errors import UsageError
from translit.morph import (detect_case, infer_gender, inflect_phrase, is_common_word,
                            phrase_paradigm, word_roles)


def test_person_phrase_paradigm() -> None:
    forms = phrase_paradigm("Кирило Буданов", "uk", "person", "m")
    assert forms["gent"] == ["Кирила Буданова"]
    assert forms["ablt"] == ["Кирилом Будановим"]
    assert "Кирилу Буданову" in forms["datv"]
    assert forms["nomn"][0] == "Кирило Буданов"


def test_gender_is_inferred_when_missing() -> None:
    assert inflect_phrase("Олена Зеленська", "uk", "gent", "person") == "Олени Зеленської"
    assert inflect_phrase("Ирина Верещук", "ru", "ablt", "person") == "Ириной Верещук"


def test_patronymic_and_russian_name_order() -> None:
    assert inflect_phrase("Кирило Олексійович Буданов", "uk", "ablt", "person", "m") == \
        "Кирилом Олексійовичем Будановим"
    assert inflect_phrase("Путин Владимир Владимирович", "ru", "datv", "person", "m") == \
        "Путину Владимиру Владимировичу"


def test_title_declines_with_the_name() -> None:
    assert inflect_phrase("Патріарх Кирило", "uk", "gent", "person", "m") == "Патріарха Кирила"


def test_places_with_adjectives() -> None:
    assert inflect_phrase("Біла Церква", "uk", "loct", "place") == "Білій Церкві"
    assert inflect_phrase("Кривий Ріг", "uk", "gent", "place") == "Кривого Рогу"
    assert inflect_phrase("Ростов-на-Дону", "ru", "loct", "place") == "Ростове-на-Дону"


def test_organizations_leave_genitive_complements_alone() -> None:
    assert inflect_phrase("Головне управління розвідки", "uk", "ablt", "organization") == \
        "Головним управлінням розвідки"
    assert inflect_phrase("Служба безпеки України", "uk", "datv", "organization") == "Службі безпеки України"
    roles = [s.role for s in word_roles("Міністерство оборони України", "uk", "organization")]
    assert roles == ["noun", None, None]


def test_abbreviations_and_quoted_names_stay() -> None:
    assert inflect_phrase("СБУ", "uk", "gent", "organization") == "СБУ"
    assert inflect_phrase("полк «Азов»", "uk", "ablt", "organization") == "полком «Азов»"


def test_all_caps_phrase_stays_all_caps() -> None:
    assert inflect_phrase("КИРИЛО БУДАНОВ", "uk", "gent", "person", "m") == "КИРИЛА БУДАНОВА"


def test_unknown_case_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        inflect_phrase("Полтава", "uk", "instr", "place")


def test_paradigm_results_are_copies() -> None:
    forms = phrase_paradigm("Полтава", "uk", "place")
    forms["gent"].append("x")
    assert phrase_paradigm("Полтава", "uk", "place")["gent"] == ["Полтави"]


@pytest.mark.parametrize("name,lang,gender", [
    ("Кирило Буданов", "uk", "m"),
    ("Юлія Навальна", "uk", "f"),
    ("Olena Zelenska", None, "f"),
    ("Yulia Navalnaya", None, "f"),
    ("Kyrylo Budanov", None, "m"),
    ("Ірина Верещук", "uk", "f"),          # the given name decides; the surname tells nothing
    ("Денис Шмыгаль", "ru", "m"),
    ("Путин Владимир Владимирович", "ru", "m"),
    # a lone surname is read as a nominative: Буданова is a woman, not the genitive of Буданов
    ("Буданова", "uk", "f"),
    ("Буданов", "uk", "m"),
    ("Верещук", "uk", None),
    ("Шмыгаль", "ru", None),               # a lone surname is never taken for a first name
])
def test_infer_gender(name: str, lang: str | None, gender: str | None) -> None:
    assert infer_gender(name, lang) == gender


@pytest.mark.parametrize("surface,lang,entry,case", [
    ("Кирилом Будановим", "uk", ("Кирило Буданов", "uk"), "ablt"),
    ("Кірілом Будановим", "uk", ("Кирило Буданов", "uk"), "ablt"),     # misspelt given name
    ("Кириллом Будановым", "uk", ("Кирило Буданов", "uk"), "ablt"),    # ru spelling in uk text
    ("Кирилом Будановим", "ru", ("Кирилл Буданов", "ru"), "ablt"),     # uk spelling in ru text
    ("Кирила Буданова", "uk", ("Кирило Буданов", "uk"), "gent"),
    ("Кірілу Буданову", "uk", ("Кирило Буданов", "uk"), "datv"),
    ("Будановим", "uk", ("Кирило Буданов", "uk"), "ablt"),             # surname alone
    ("Александром Сырским", "uk", ("Олександр Сирський", "uk"), "ablt"),
    ("Полтаве", "uk", ("Полтава", "uk"), "datv"),
    ("КИРИЛА БУДАНОВА", "uk", ("Кирило Буданов", "uk"), "gent"),
])
def test_detect_case_with_candidates(surface: str, lang: str, entry: tuple[str, str], case: str) -> None:
    kind = "place" if " " not in entry[0] and entry[0].startswith("Полтав") else "person"
    candidates = phrase_paradigm(entry[0], entry[1], kind)
    assert detect_case(surface, lang, candidates) == case


@pytest.mark.parametrize("surface,lang,cases", [
    ("Кирилом Будановим", "uk", {"ablt"}),
    ("Кірілом", "uk", {"ablt"}),
    ("Полтаві", "uk", {"loct", "datv"}),
    ("Полтаві", "ru", {"loct", "datv"}),
    ("Александром Сырским", "uk", {"ablt"}),
    ("Сумах", "uk", {"loct"}),
    ("Харкова", "uk", {"gent"}),
])
def test_detect_case_from_the_dictionaries(surface: str, lang: str, cases: set[str]) -> None:
    assert detect_case(surface, lang) in cases


def test_detect_case_uses_the_gender() -> None:
    # Буданова: a man's genitive, or a woman's nominative
    assert detect_case("Буданова", "ru", gender="f") == "nomn"
    assert detect_case("Буданова", "ru", gender="m") in {"gent", "accs"}


def test_detect_case_unknown() -> None:
    assert detect_case("Budanov", "uk") is None
    assert detect_case("", "uk") is None


@pytest.mark.parametrize("word,lang,expected", [
    ("агентство", "uk", True),
    ("Агентство", "ru", True),
    ("дождь", "ru", True),
    ("память", "ru", True),
    ("мир", "ru", True),
    ("Надія", "uk", True),       # a first name, but also the noun "hope"
    ("Буданов", "uk", False),
    ("Буданов", "ru", False),
    ("Полтава", "uk", False),
    ("Київ", "uk", False),
    ("Україна", "uk", False),
    ("Полтава", "ru", False),
    ("Кузьмінов", "uk", False),  # unknown word
])
def test_is_common_word(word: str, lang: str, expected: bool) -> None:
    assert is_common_word(word, lang) is expected
