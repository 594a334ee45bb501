"""Loading and checking glossaries: each malformed file gives one clear file:line message."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translit.cli import app
from translit.glossary import bundled_dir, lint_paths, load_glossary, resolve_paths

GOOD = """\
- id: kyrylo-budanov
  kind: person
  en: Kyrylo Budanov
  uk: Кирило Буданов
  ru: Кирилл Буданов
  variants: [Kirill Budanov]
"""

runner = CliRunner()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def lint(*paths: Path) -> tuple[int, list[str]]:
    result = runner.invoke(app, ["glossary", "lint", *map(str, paths)])
    return result.exit_code, [line for line in result.stdout.splitlines() if line]


def test_minimal_entry_loads_with_defaults(tmp_path):
    path = write(tmp_path, "g.yaml", "- id: kyiv\n  kind: place\n  en: Kyiv\n")
    glossary = load_glossary([str(path)])
    entry = glossary.get("kyiv")
    assert entry.uk is None and entry.variants == [] and entry.common_word is None
    assert (entry.path, entry.line) == (str(path), 1)


def test_clean_file_lints_clean(tmp_path):
    assert lint(write(tmp_path, "g.yaml", GOOD)) == (0, [])


@pytest.mark.parametrize("text, where, message", [
    ("- id: a\n  kind: [\n", ":3:1:", "YAML syntax error"),
    ("- id: a\n  kind: place\n", ":1:3: a: en:", "missing required field 'en'"),
    ("- id: a\n  kind: planet\n  en: A\n", ":2:9: a: kind:", "unknown kind 'planet'; allowed: person"),
    ("- id: a\n  kind: place\n  en: Kyiv\n  uk: Київ\n  ru: Київ\n", ":5:7: a: ru:",
     "Ukrainian-only letters"),
    ("- id: a\n  kind: place\n  en: Kyiv\n  uk: Кыив\n", ":4:7: a: uk:", "Russian-only letters"),
    ("- id: a\n  kind: place\n  en: Kyіv\n", ":3:7: a: en:", "mixes Latin and Cyrillic"),
    ("- id: a\n  kind: place\n  en: 'Kyiv '\n", ":3:7: a: en:", "leading or trailing space"),
    ("- id: a\n  kind: place\n  en: Kyiv\n  variants: [Kiev, kiev]\n", ":4:20: a: variants:",
     "duplicate variant"),
    ("- id: a\n  kind: place\n  en: Znam'ianka\n  uk: Знам'янка\n", ":4:7: a: uk:", "use U+02BC"),
    ("- id: a\n  kind: place\n  en: Kyiv\n  colour: blue\n", ":4:3: a:", "unknown field 'colour'"),
    ("- id: A_1\n  kind: place\n  en: Kyiv\n", ":1:7: A_1: id:", "lowercase slug"),
    ("- id: a\n  kind: place\n  en: Kyiv\n  gender: m\n", ":4:11: a: gender:", "only for people"),
    ("kyiv: Kyiv\n", ":1:1:", "must be a YAML list"),
])
def test_each_broken_file_gives_one_located_message(tmp_path, text, where, message):
    path = write(tmp_path, "bad.yaml", text)
    code, lines = lint(path)
    assert len(lines) == 1, lines
    assert lines[0].startswith(str(path) + where), lines[0]
    assert message in lines[0]
    assert code == (2 if "YAML syntax" in message else 1)


def test_duplicate_id_across_files_reported_at_later_occurrence(tmp_path):
    first = write(tmp_path, "a.yaml", GOOD)
    second = write(tmp_path, "b.yaml", "# team file\n- id: kyrylo-budanov\n  kind: person\n  en: K. Budanov\n")
    code, lines = lint(first, second)
    assert code == 1
    assert lines == [f"{second}:2:3: kyrylo-budanov: id: duplicate id; first defined at {first}:1 "
                     "(add 'override: true' to replace it on purpose)"]


def test_override_replaces_an_earlier_files_entry(tmp_path):
    first = write(tmp_path, "a.yaml", GOOD)
    second = write(tmp_path, "b.yaml", "- id: kyrylo-budanov\n  kind: person\n  en: Kyrylo Budanov\n"
                                       "  uk: Кирило Буданов\n  override: true\n")
    glossary = load_glossary([str(first), str(second)])
    assert len(glossary) == 1 and glossary.get("kyrylo-budanov").ru is None


def test_colliding_variants_need_both_sides_to_agree(tmp_path):
    text = GOOD + "- id: other\n  kind: person\n  en: Other Person\n  variants: [Kirill Budanov]\n"
    code, lines = lint(write(tmp_path, "g.yaml", text))
    assert code == 1 and len(lines) == 1
    assert ":10:14: other: variants: 'Kirill Budanov' is also claimed by 'kyrylo-budanov'" in lines[0]
    shared = text.replace("  variants: [Kirill Budanov]\n- id", "  variants: [Kirill Budanov]\n"
                          "  shared_variants: [Kirill Budanov]\n- id")
    shared += "  shared_variants: [Kirill Budanov]\n"
    assert lint(write(tmp_path, "g2.yaml", shared)) == (0, [])


def test_lint_json_and_unreadable_file(tmp_path):
    bad = write(tmp_path, "bad.yaml", "- id: a\n  kind: place\n")
    result = runner.invoke(app, ["glossary", "lint", str(bad), "--format", "json"])
    assert result.exit_code == 1
    record = json.loads(result.stdout.splitlines()[0])
    assert record["path"] == str(bad) and record["line"] == 1 and record["field"] == "en"
    missing = runner.invoke(app, ["glossary", "lint", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 2 and "no such file" in missing.stdout
    binary = tmp_path / "latin1.yaml"
    binary.write_bytes("- id: a\n  kind: place\n  en: K\xf6ln\n".encode("latin-1"))
    assert runner.invoke(app, ["glossary", "lint", str(binary)]).exit_code == 2


def test_commands_needing_glossaries_exit_2_without_traceback(tmp_path):
    bad = write(tmp_path, "bad.yaml", "- id: a\n  kind: [\n")
    result = runner.invoke(app, ["normalize", "--glossary", str(bad)], input="Kyiv\n")
    assert result.exit_code == 2
    assert f"{bad}:3:1" in result.stderr and "Traceback" not in result.stderr + result.stdout


def test_search_order(tmp_path, monkeypatch):
    team = write(tmp_path, "team.yaml", GOOD)
    bundled = sorted(bundled_dir().glob("*.yaml"))
    assert resolve_paths(["bundled", str(team)]) == bundled + [team]
    monkeypatch.setenv("TRANSLIT_GLOSSARY", os.pathsep.join([str(team), str(team)]))
    assert resolve_paths(None, cwd=tmp_path) == [team, team]
    monkeypatch.delenv("TRANSLIT_GLOSSARY")
    (tmp_path / "glossaries").mkdir()
    local = write(tmp_path / "glossaries", "b.yaml", GOOD)
    write(tmp_path / "glossaries", "a.yaml", "[]\n")
    assert resolve_paths(None, cwd=tmp_path) == [tmp_path / "glossaries" / "a.yaml", local]
    assert resolve_paths(None, cwd=tmp_path / "glossaries") == bundled


def test_loader_never_executes_yaml_tags(tmp_path):
    marker = tmp_path / "executed"
    path = write(tmp_path, "evil.yaml", "- id: a\n  kind: place\n  en: !!python/name:os.system\n"
                                        f"  note: !!python/object/apply:os.system ['touch {marker}']\n")
    entries, problems = lint_paths([path])
    assert entries == [] and not marker.exists()
    assert [p.message for p in problems][0] == "YAML tag 'tag:yaml.org,2002:python/name:os.system' is not allowed"
