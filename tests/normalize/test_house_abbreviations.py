"""A non-house abbreviation rewritten to the house one, only where the glossary says so (ВСУ -> ЗСУ)."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from translit.cli import app
from translit.glossary import load_glossary
from translit.normalize import compile_glossary, compiled_for, normalize

runner = CliRunner()

TEAM = """\
- id: armed-forces-of-ukraine
  kind: organization
  en: Armed Forces of Ukraine
  uk: Збройні сили України
  ru: Вооружённые силы Украины
  abbreviations: [AFU, ZSU, ЗСУ, ВСУ]
  abbreviation_en: AFU
  abbreviation_uk: ЗСУ
  abbreviation_ru: ВСУ
"""


@pytest.fixture(scope="module")
def bundled():  # type: ignore[no-untyped-def]
    return compiled_for(["bundled"])


@pytest.fixture(scope="module")
def team(tmp_path_factory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("team") / "team.yaml"
    path.write_text(TEAM, encoding="utf-8")
    return compile_glossary(load_glossary([str(path)]))


def test_ukrainian_text_gets_the_house_abbreviation(bundled):
    result = normalize("Підрозділи ВСУ відійшли на нові позиції.", "auto", bundled)
    assert result.text == "Підрозділи ЗСУ відійшли на нові позиції."
    (m,) = [m for m in result.matches if m.found == "ВСУ"]
    assert m.to_dict()["rewrite"] is True and m.method == "abbreviation" and m.canonical == "ЗСУ"


def test_the_house_abbreviation_and_other_languages_stay(bundled):
    uk = "Підрозділи ЗСУ відійшли на нові позиції."
    assert normalize(uk, "auto", bundled).text == uk
    ru = "Подразделения ВСУ отошли на новые позиции."  # the bundled glossary names no house form for ru
    result = normalize(ru, "auto", bundled)
    assert result.text == ru
    assert [(m.found, m.to_dict()["reason"]) for m in result.matches] == [("ВСУ", "abbreviation")]


def test_lower_case_and_other_letters_are_left_alone(team):
    text = "Вчора всу і AFU згадали в одному реченні про Харків."
    result = normalize(text, "uk", team)
    assert result.text == text  # lower case is the writer's; a Latin abbreviation is not a Cyrillic one


def test_each_language_gets_its_own_house_abbreviation(team):
    assert normalize("Штаб ЗСУ сообщил о новых ударах.", "ru", team).text == "Штаб ВСУ сообщил о новых ударах."
    assert normalize("The ZSU said the attack was repelled.", "en", team).text == \
        "The AFU said the attack was repelled."
    assert normalize("Штаб ВСУ повідомив про нові удари.", "uk", team).text == "Штаб ЗСУ повідомив про нові удари."


def test_check_counts_the_rewrite(tmp_path: Path):
    path = tmp_path / "team.yaml"
    path.write_text(TEAM, encoding="utf-8")
    result = runner.invoke(app, ["normalize", "-g", str(path), "--check", "--lang", "uk"],
                           input="Штаб ВСУ повідомив.\n")
    assert result.exit_code == 1


@pytest.mark.parametrize("field, value, message", [
    ("abbreviation_uk", "ЗСУУ", "is not one of the entry's abbreviations"),
    ("abbreviation_en", "ЗСУ", "is not written in Latin letters"),
    ("abbreviation_ru", "AFU", "is not written in Cyrillic letters"),
])
def test_lint_checks_the_house_abbreviation(tmp_path: Path, field: str, value: str, message: str):
    text = TEAM.replace("  abbreviation_en: AFU\n  abbreviation_uk: ЗСУ\n  abbreviation_ru: ВСУ\n",
                        f"  {field}: {value}\n")
    path = tmp_path / "team.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["glossary", "lint", str(path)])
    assert result.exit_code == 1 and message in result.stdout and field in result.stdout


def test_lint_knows_the_letters_of_each_language(tmp_path: Path):
    text = TEAM.replace("[AFU, ZSU, ЗСУ, ВСУ]", "[AFU, ZSU, ЗСУ, ВСУ, ВСЫ]").replace(
        "abbreviation_ru: ВСУ", "abbreviation_uk: ВСЫ").replace("  abbreviation_uk: ЗСУ\n", "")
    path = tmp_path / "team.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["glossary", "lint", str(path)])
    assert result.exit_code == 1 and "letters uk does not use" in result.stdout
