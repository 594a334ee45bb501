"""Glossary check, export and import as library calls: what the CLI prints comes from these reports."""
from __future__ import annotations

import json
from pathlib import Path

import yaml

from translit.cli import app
from translit.errors import GlossaryProblem, Severity
from translit.glossary import check_glossaries, read_file
from translit.tools.exchange import export_glossary, import_file


def test_problems_carry_their_severity(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("- id: kyiv\n  kind: place\n en: Kyiv\n", encoding="utf-8")
    _, problems = read_file(broken)
    assert [p.severity for p in problems] == [Severity.fatal]
    report = check_glossaries([str(tmp_path / "missing.yaml")])
    assert report.problems[0].fatal and report.exit_code == 2


def test_a_rule_problem_is_not_fatal_whatever_its_message_says(tmp_path: Path) -> None:
    """lint decides from the severity, not from the wording (an id may well start with 'YAML')."""
    bad = tmp_path / "g.yaml"
    bad.write_text("- id: yaml-one\n  kind: place\n  en: YAML One\n  uk: Ямл\n\n"
                   "- id: yaml-one\n  kind: place\n  en: YAML Two\n", encoding="utf-8")
    report = check_glossaries([str(bad)])
    assert report.problems and not report.fatal and report.exit_code == 1
    assert all(p.severity is Severity.error for p in report.problems)


def test_lint_prints_one_line_per_problem_and_json_with_severity(tmp_path: Path, runner) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "g.yaml"
    bad.write_text("- id: kyiv\n  kind: town\n  en: Kyiv\n", encoding="utf-8")
    text = runner.invoke(app, ["glossary", "lint", str(bad)])
    assert text.exit_code == 1
    assert text.stdout == f"{bad}:2:9: kyiv: kind: " + text.stdout.split(": kind: ", 1)[1]
    rows = [json.loads(line) for line in runner.invoke(app, ["glossary", "lint", str(bad), "-f", "json"]).stdout
            .splitlines()]
    assert rows[0]["severity"] == "error" and rows[0]["entry"] == "kyiv" and rows[0]["field"] == "kind"


def test_a_problem_of_a_new_entry_names_no_line() -> None:
    problem = GlossaryProblem("team.yaml", 0, 0, "already exists", "kyiv", "id")
    assert str(problem) == "team.yaml: kyiv: id: already exists"
    assert str(GlossaryProblem("a.yaml", 3, 1, "YAML syntax error: x")) == "a.yaml:3:1: YAML syntax error: x"


def test_export_then_import_through_the_library(project: Path) -> None:
    from translit.glossary import load_glossary

    entries = load_glossary(["glossaries"]).entries
    tbx = project / "team.tbx"
    tbx.write_text(export_glossary(entries, "tbx"), encoding="utf-8")
    report = import_file(tbx, "tbx", into=project / "team.yaml", glossary=[str(project / "empty.yaml")])
    # the target does not exist yet and the glossary named is missing: every entry is new
    assert report.written == project / "team.yaml" and not report.refused
    written = yaml.safe_load((project / "team.yaml").read_text(encoding="utf-8"))
    assert [e["id"] for e in written] == [e.id for e in entries]
    again = import_file(tbx, "tbx", into=project / "team.yaml", glossary=[str(project / "team.yaml")])
    assert again.new == [] and again.written is None and len(again.notes) == len(entries)


def test_import_with_bad_rows_writes_nothing(project: Path) -> None:
    src = project / "pairs.csv"
    src.write_text("en,uk\nKharkiv,Харків\nOdesa\n", encoding="utf-8")
    target = project / "glossaries" / "places.yaml"
    before = target.read_bytes()
    report = import_file(src, "csv", into=target)
    assert report.refused and [b.line for b in report.bad] == [3]
    assert target.read_bytes() == before
    assert import_file(src, "csv", into=target, skip_bad=True).written == target
    assert "Kharkiv" in target.read_text(encoding="utf-8")
    assert export_glossary(load(target), "csv", "en-uk").splitlines()[0] == "en,uk"


def load(path: Path):  # type: ignore[no-untyped-def]
    from translit.glossary import load_glossary

    return load_glossary([str(path)]).entries
