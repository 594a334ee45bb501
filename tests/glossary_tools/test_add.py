"""`translit glossary add`: derived forms are marked, duplicates refused, files never damaged."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import translit
from translit.cli import app
from translit.tools import derive
from translit.tools.add import DERIVED_COMMENT, build_entry
from translit.tools.fmt import format_text

KYRYLO = derive.GivenName("Кирило", "Кирилл", "m", "Kyrylo", "Kirill", ("Kyrilo",))


@pytest.fixture
def names(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A one-name given-name table and a fixed surname reverse, so derivations are predictable."""
    monkeypatch.setattr(derive, "given_names", lambda: (KYRYLO,))
    translit.reset_caches()
    surnames = {("Tymoshenko", "uk"): "Тимошенко", ("Tymoshenko", "ru"): "Тимошенко"}
    monkeypatch.setattr(derive, "_cyrillize_word",
                        lambda word, lang: (surnames[(word, lang)], "kmu2010 reverse"))
    yield
    translit.reset_caches()


def test_add_derives_marks_and_appends(project: Path, runner, names) -> None:  # type: ignore[no-untyped-def]
    people = project / "glossaries" / "people.yaml"
    before = people.read_bytes()
    result = runner.invoke(app, ["glossary", "add", "--kind", "person", "--en", "Kyrylo Tymoshenko"])
    assert result.exit_code == 0, result.output
    assert "Added kyrylo-tymoshenko to glossaries/people.yaml" in result.stdout
    assert "uk: Кирило Тимошенко   (derived: given-name table + kmu2010 reverse - please review)" in result.stdout
    assert "ru: Кирилл Тимошенко   (derived: given-name table + uk spelling adapted to ru - please review)" \
        in result.stdout
    assert "gender: m   (derived: given-name table" in result.stdout
    after = people.read_bytes()
    assert after.startswith(before.rstrip(b"\n") + b"\n\n")   # every old byte kept, comments included
    added = after[len(before):].decode("utf-8")
    assert f"  uk: Кирило Тимошенко  # {DERIVED_COMMENT}\n" in added
    assert "  en: Kyrylo Tymoshenko\n" in added   # given, so not marked
    assert runner.invoke(app, ["glossary", "lint"]).exit_code == 0
    assert format_text(after.decode("utf-8")) == after.decode("utf-8")  # appended in the canonical layout


def test_add_to_a_new_file_and_with_every_form_given(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["glossary", "add", "--kind", "place", "--en", "Poltava", "--uk", "Полтава",
                                 "--ru", "Полтава", "--variant", "Poltawa"])
    assert result.exit_code == 0, result.output
    text = (project / "glossaries" / "places.yaml").read_text(encoding="utf-8")
    assert "- id: poltava\n  kind: place\n  en: Poltava\n  uk: Полтава\n  ru: Полтава\n  variants:\n" \
           "    - Poltawa\n" in text
    assert DERIVED_COMMENT not in text
    result = runner.invoke(app, ["glossary", "add", "--kind", "event", "--en", "Operation Synytsia", "--uk",
                                 "Операція Синиця", "--ru", "Операция Синица", "--file", "team.yaml"])
    assert result.exit_code == 0, result.output
    assert yaml.safe_load((project / "team.yaml").read_text(encoding="utf-8"))[0]["id"] == "operation-synytsia"


@pytest.mark.parametrize("args, message", [
    (["--en", "Kyrylo Budanov"], "id 'kyrylo-budanov' already exists"),
    (["--en", "Kirill Budanov", "--uk", "Кирило Буданов"], "'Kirill Budanov' is already a form of 'kyrylo-budanov'"),
    (["--en", "Kyrylo Budanov", "--id", "budanov-2", "--uk", "Кирило Буданов"], "already a form of"),
])
def test_duplicates_are_refused(project: Path, runner, args, message) -> None:  # type: ignore[no-untyped-def]
    people = project / "glossaries" / "people.yaml"
    before = people.read_bytes()
    result = runner.invoke(app, ["glossary", "add", "--kind", "person", "--ru", "Кирилл Буданов", *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Error: not added to glossaries/people.yaml" in result.stderr
    assert people.read_bytes() == before


def test_an_entry_breaking_a_rule_is_refused(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    people = project / "glossaries" / "people.yaml"
    before = people.read_bytes()
    result = runner.invoke(app, ["glossary", "add", "--kind", "person", "--en", "Olena Kovalenko",
                                 "--uk", "Олена Коваленко", "--ru", "Елена Коваленко", "--gender", "x"])
    assert result.exit_code == 2
    assert "gender must be m or f" in result.stderr
    assert people.read_bytes() == before


def test_unparseable_target_is_left_alone(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    broken = project / "broken.yaml"
    broken.write_text("- id: a\n  en: [oops\n", encoding="utf-8")
    before = broken.read_bytes()
    result = runner.invoke(app, ["glossary", "add", "--kind", "place", "--en", "Sumy", "--uk", "Суми",
                                 "--ru", "Сумы", "--file", str(broken)])
    assert result.exit_code == 2
    assert "broken.yaml:3:1: YAML syntax error" in result.stderr
    assert broken.read_bytes() == before


def test_unknown_kind_and_no_forms_are_usage_errors(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["glossary", "add", "--kind", "ship", "--en", "Moskva"])
    assert result.exit_code == 2 and "unknown kind 'ship'" in result.stderr
    result = runner.invoke(app, ["glossary", "add", "--kind", "person"])
    assert result.exit_code == 2 and "give at least one form" in result.stderr


def test_dry_run_writes_nothing(project: Path, runner, names) -> None:  # type: ignore[no-untyped-def]
    before = {p: p.read_bytes() for p in (project / "glossaries").iterdir()}
    result = runner.invoke(app, ["glossary", "add", "--kind", "person", "--en", "Kyrylo Tymoshenko", "--dry-run"])
    assert result.exit_code == 0
    assert result.stdout.startswith("- id: kyrylo-tymoshenko\n")
    assert {p: p.read_bytes() for p in (project / "glossaries").iterdir()} == before


def test_english_form_is_derived_from_ukrainian(names) -> None:  # type: ignore[no-untyped-def]
    new = build_entry("person", uk="Кирило Тимошенко", ru="Кирилл Тимошенко")
    assert new.values["en"].startswith("Kyrylo ")
    assert new.derived["en"].how.startswith("given-name table")
    assert new.values["id"] == f"kyrylo-{new.values['en'].split()[1].lower()}"


def test_missing_directory_is_a_clear_error(tmp_path: Path, runner, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["glossary", "add", "--kind", "place", "--en", "Sumy", "--uk", "Суми",
                                 "--ru", "Сумы", "--glossary", str(tmp_path)])
    assert result.exit_code == 2
    assert "glossaries: no such directory; pass --file" in result.stderr
