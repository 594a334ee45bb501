"""Single words: reading choice, indeclinables, plural places, capitalisation."""
from __future__ import annotations

import pytest

from translit.errors import UsageError
from translit.morph import CASES, word_paradigm
from translit.morph.analogy import templates
from translit.morph.readings import choose


def test_every_case_is_there_nominative_first() -> None:
    forms = word_paradigm("Буданов", "uk", "surname", "m")
    assert tuple(forms) == CASES
    assert forms["nomn"][0] == "Буданов"


def test_uk_dative_alternates_are_offered() -> None:
    assert word_paradigm("Кирило", "uk", "given", "m")["datv"] == ["Кирилові", "Кирилу"]


def test_masculine_consonant_surnames_decline() -> None:
    # the uk dictionary lists Стефанчук first as an indeclinable feminine
    assert word_paradigm("Стефанчук", "uk", "surname", "m")["gent"] == ["Стефанчука"]
    # ru pymorphy reads Кузьминов as the plural genitive of кузьмин
    assert word_paradigm("Кузьминов", "ru", "surname", "m")["ablt"] == ["Кузьминовым"]


def test_feminine_consonant_surnames_and_ru_enko_stay() -> None:
    assert set(word_paradigm("Верещук", "uk", "surname", "f")["gent"]) == {"Верещук"}
    assert set(word_paradigm("Марченко", "ru", "surname", "m")["ablt"]) == {"Марченко"}
    assert set(word_paradigm("Шойгу", "ru", "surname", "m")["datv"]) == {"Шойгу"}
    # uk masculine -енко declines
    assert word_paradigm("Марченко", "uk", "surname", "m")["gent"] == ["Марченка"]


def test_adjectival_surnames_decline_as_adjectives() -> None:
    assert word_paradigm("Сирський", "uk", "surname", "m")["gent"] == ["Сирського"]
    assert word_paradigm("Зеленська", "uk", "surname", "f")["gent"] == ["Зеленської"]
    assert word_paradigm("Навальная", "ru", "surname", "f")["gent"] == ["Навальной"]


def test_ru_masculine_a_surname() -> None:
    forms = word_paradigm("Кулеба", "ru", "surname", "m")
    assert (forms["gent"][0], forms["ablt"][0]) == ("Кулебы", "Кулебой")


def test_plural_place_names_stay_plural() -> None:
    assert word_paradigm("Суми", "uk", "place")["loct"] == ["Сумах"]
    assert word_paradigm("Сумы", "ru", "place")["gent"] == ["Сум"]


def test_places_are_inanimate() -> None:
    # ru pymorphy's first reading of Бахмут is a man's name (accusative Бахмута)
    assert word_paradigm("Бахмут", "ru", "place")["accs"] == ["Бахмут"]


def test_latin_and_codes_are_left_alone() -> None:
    assert set(word_paradigm("HIMARS", "uk", "noun")["gent"]) == {"HIMARS"}
    assert set(word_paradigm("Мі-8", "uk", "noun")["gent"]) == {"Мі-8"}


def test_capitalisation_and_apostrophe_are_kept() -> None:
    assert word_paradigm("БУДАНОВ", "uk", "surname", "m")["gent"] == ["БУДАНОВА"]
    assert word_paradigm("Купʼянськ", "uk", "place")["gent"] == ["Купʼянська"]
    assert word_paradigm("буданов", "uk", "surname", "m")["gent"] == ["буданова"]


def test_unknown_role_or_language_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        word_paradigm("Буданов", "uk", "person")
    with pytest.raises(UsageError):
        word_paradigm("Буданов", "be", "surname")


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_every_template_is_read_from_the_dictionary(lang: str) -> None:
    # analogy is only as good as the templates: each must be a dictionary word in its role
    for role, by_gender in templates()[lang].items():
        for g, words in by_gender.items():
            for word in words:
                found = [f for _, known, f in choose(word, lang, role, {"m": "masc", "f": "femn"}[g], True)
                         if known]
                assert found, (lang, role, g, word)
