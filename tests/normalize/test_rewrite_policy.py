"""The rewrite policy on sentences written for this project, with the bundled glossaries (issue 11).

Each test is one class of wrong rewrite or miss seen on real news: the text must be rewritten only where
the tool is sure of entry, span and form; anything else is reported with a reason and left alone.
"""
from __future__ import annotations

import pytest

from translit.normalize import compiled_for, normalize


@pytest.fixture(scope="module")
def bundled():  # type: ignore[no-untyped-def]
    return compiled_for(["bundled"])


def run(text: str, compiled, lang: str = "auto"):  # type: ignore[no-untyped-def]
    return normalize(text, lang, compiled)


@pytest.mark.parametrize("text", ["Кирило Буданов", "Зеленського", "Кирилом Будановим і Андрієм Єрмаком",
                                  "Буданов, Зеленський, Сирський"])
def test_names_only_ukrainian_lines_stay_ukrainian(bundled, text):
    assert run(text, bundled).text == text


@pytest.mark.parametrize("text", ["Кирилл Буданов", "Зеленского", "Кириллом Будановым и Андреем Ермаком"])
def test_names_only_russian_lines_stay_russian(bundled, text):
    assert run(text, bundled).text == text


def test_abbreviation_is_reported_and_never_expanded(bundled):
    text = "Глава МИД РФ Сергей Лавров прилетел в Минск."
    result = run(text, bundled, "ru")
    assert result.text == text
    abbr = [m for m in result.matches if m.found == "МИД РФ"]
    assert abbr and abbr[0].method == "abbreviation" and abbr[0].to_dict()["rewrite"] is False
    assert abbr[0].to_dict()["reason"] == "abbreviation"


def test_lower_case_abbreviation_inside_a_name_is_kept(bundled):
    text = "У Міністерстві оборони рф промовчали."
    result = run(text, bundled, "uk")
    assert result.text == text
    assert [m.entry for m in result.matches] == ["russian-ministry-of-defence"]


def test_newsroom_abbreviations_are_found(bundled):
    result = run("Удари по РФ тривають, заявили в ОП і СБУ.", bundled, "uk")
    assert [(m.found, m.entry) for m in result.matches] == [
        ("РФ", "russia"), ("ОП", "office-of-the-president-of-ukraine"), ("СБУ", "security-service-of-ukraine")]
    assert result.text == "Удари по РФ тривають, заявили в ОП і СБУ."


def test_an_adjective_is_not_a_typo_of_a_city(bundled):
    text = "Дроны атаковали районы Белгородской и Курской областей."
    result = run(text, bundled, "ru")
    assert result.text == text
    assert all(m.method != "fuzzy" for m in result.matches)


def test_a_regional_name_is_found_but_not_replaced_by_the_oblast_phrase(bundled):
    text = "Окупанти знову обстрілюють Херсонщину."
    result = run(text, bundled, "uk")
    assert result.text == text
    m = [m for m in result.matches if m.found == "Херсонщину"]
    assert m and m[0].entry == "kherson-oblast" and m[0].reason == "short-form"


def test_a_number_joined_by_a_hyphen_makes_it_another_model(bundled):
    text = "Дрони «Шахед-238» атакували місто."
    result = run(text, bundled, "uk")
    assert result.text == text
    assert [m for m in result.matches if m.entry == "shahed-136"] == []


def test_a_ship_named_after_a_city_is_not_the_city(bundled):
    result = run("Крейсер «Москва» затонув у квітні.", bundled, "uk")
    assert "moscow" not in [m.entry for m in result.matches]


def test_a_locative_without_a_preposition_is_not_the_city(bundled):
    result = run("Під обстрілом були Садове, Львове, Дніпряни.", bundled, "uk")
    assert "lviv" not in [m.entry for m in result.matches]


def test_lower_case_and_sentence_initial_names_are_found(bundled):
    result = run("Росія знову атакувала. Уряд назвав дії росії злочином.", bundled, "uk")
    assert [(m.found, m.entry) for m in result.matches] == [("Росія", "russia"), ("росії", "russia")]
    assert result.text == "Росія знову атакувала. Уряд назвав дії Росії злочином."


def test_the_house_form_never_repeats_the_next_word(bundled):
    text = "The “Spider Web” drone operation hit four airfields."
    result = run(text, bundled, "en")
    assert result.text == text
    assert [m.reason for m in result.matches if m.entry == "operation-spiderweb"] == ["repeats-context"]


def test_check_counts_only_rewrites(bundled):
    result = run("Засідання ОП і РФ.", bundled, "uk")
    assert result.matches and not result.changed


def test_model_suffix_is_part_of_the_span(bundled):
    result = run("Зафіксовано зліт МіГ-31К з аеродрому.", bundled, "uk")
    m = [m for m in result.matches if m.entry == "mig-31"]
    assert m and m[0].found == "МіГ-31К" and not m[0].rewrites
