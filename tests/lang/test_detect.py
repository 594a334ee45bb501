"""Document language detection (en, uk, ru): the library call `translate --from auto` and the server use."""
from __future__ import annotations

import pytest

from translit.lang import LANGS, Detection, detect_language


@pytest.mark.parametrize("text, lang", [
    ("The mayor of Kyiv said on Tuesday that the city budget would grow next year.", "en"),
    ("Мер Києва заявив у вівторок, що міський бюджет наступного року зросте.", "uk"),
    ("Мэр Киева заявил во вторник, что городской бюджет в следующем году вырастет.", "ru"),
    # no letter only one language has: the words decide
    ("Мер сказав, що вона прийде до міста завтра вранці.", "uk"),
    ("Он сказал, что она придет в город завтра утром.", "ru"),
    # a Ukrainian name in Russian text does not make it Ukrainian
    ("Глава ГУР Кирилл Буданов заявил, что Київ и Дніпро под ударом.", "ru"),
    # English text quoting a Cyrillic name stays English
    ("President Zelensky (Володимир Зеленський) met the delegation in Brussels on Monday.", "en"),
])
def test_detects_the_language_of_a_document(text: str, lang: str) -> None:
    found = detect_language(text)
    assert isinstance(found, Detection)
    assert found.lang == lang
    assert set(found.scores) == set(LANGS)
    assert max(found.scores, key=found.scores.__getitem__) == lang
    assert 0.0 < found.confidence <= 1.0


def test_text_without_letters_is_undecided() -> None:
    found = detect_language("12:30 — 2024-05-01 … 42 %")
    assert found.lang is None
    assert found.confidence == 0.0


def test_to_dict_for_json_reports() -> None:
    d = detect_language("Київ — столиця України.").to_dict()
    assert d["lang"] == "uk" and set(d["scores"]) == {"en", "uk", "ru"}
