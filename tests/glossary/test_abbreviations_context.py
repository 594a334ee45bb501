"""The optional `abbreviations` and `context_in`/`context_out` fields: loading, lint, fmt and matching."""
from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from translit.cli import app
from translit.glossary import load_glossary
from translit.normalize import compile_glossary, normalize

runner = CliRunner()

ENTRIES = """\
- id: russia
  kind: place
  en: Russia
  uk: Росія
  ru: Россия
  common_word: false
  abbreviations: [РФ]
- id: moscow
  kind: place
  en: Moscow
  uk: Москва
  ru: Москва
  context_out: [флагман]
- id: zaporizhzhia-nuclear-power-plant
  kind: place
  en: Zaporizhzhia Nuclear Power Plant
  uk: Запорізька АЕС
  ru: Запорожская АЭС
  abbreviations: [ЗАЕС, ZNPP]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "g.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def lint(path: Path) -> tuple[int, list[str]]:
    result = runner.invoke(app, ["glossary", "lint", str(path)])
    return result.exit_code, [line for line in result.stdout.splitlines() if line]


def test_fields_load_and_lint_clean(tmp_path):
    path = write(tmp_path, ENTRIES)
    glossary = load_glossary([str(path)])
    assert glossary.get("russia").abbreviations == ["РФ"]
    assert glossary.get("moscow").context_out == ["флагман"]
    assert lint(path) == (0, [])


def test_lint_rejects_what_is_not_an_abbreviation_and_repeats(tmp_path):
    path = write(tmp_path, ENTRIES.replace("abbreviations: [РФ]", "abbreviations: [РФ, Росія, рф, Російська держава]"))
    code, lines = lint(path)
    assert code == 1
    text = "\n".join(lines)
    assert "abbreviation 'Росія' repeats a house form" in text
    assert "duplicate abbreviation 'рф'" in text
    assert "'Російська держава' is not an abbreviation" in text


def test_an_abbreviation_claimed_by_two_entries_is_reported(tmp_path):
    path = write(tmp_path, ENTRIES.replace("abbreviations: [ЗАЕС, ZNPP]", "abbreviations: [ЗАЕС, РФ]"))
    code, lines = lint(path)
    assert code == 1 and any("'РФ' is also claimed by 'russia'" in line for line in lines)


def test_context_words_are_single_lower_case_words_not_both_in_and_out(tmp_path):
    text = ENTRIES.replace("context_out: [флагман]", "context_out: [флагман, Крейсер, бойовий корабель]\n"
                                                    "  context_in: [флагман]")
    code, lines = lint(write(tmp_path, text))
    joined = "\n".join(lines)
    assert code == 1
    assert "context word 'Крейсер' must be one lower-case word" in joined
    assert "context word 'бойовий корабель' must be one lower-case word" in joined
    assert "context word 'флагман' listed in both context_in and context_out" in joined


def test_fmt_writes_the_new_fields_in_the_documented_order(tmp_path):
    path = write(tmp_path, "- id: russia\n  abbreviations: [РФ]\n  kind: place\n  en: Russia\n  uk: Росія\n"
                           "  variants: [Russian Federation]\n")
    assert runner.invoke(app, ["glossary", "fmt", str(path)]).exit_code == 0
    assert path.read_text(encoding="utf-8") == (
        "- id: russia\n  kind: place\n  en: Russia\n  uk: Росія\n  variants:\n    - Russian Federation\n"
        "  abbreviations:\n    - РФ\n")


def test_abbreviations_are_found_and_kept_context_out_rules_the_entry_out(tmp_path):
    compiled = compile_glossary(load_glossary([str(write(tmp_path, ENTRIES))]))
    text = "Флагман «Москва» затонув, а в Москві мовчать. На ЗАЕС знову немає світла, рф мовчить."
    result = normalize(text, "uk", compiled)
    assert result.text == text
    assert [(m.found, m.entry, m.method) for m in result.matches] == [
        ("Москві", "moscow", "inflected"),
        ("ЗАЕС", "zaporizhzhia-nuclear-power-plant", "abbreviation"),
        ("рф", "russia", "abbreviation")]
    assert all(m.to_dict()["rewrite"] is False for m in result.matches)
    assert [m.reason for m in result.matches][1:] == ["abbreviation", "abbreviation"]
