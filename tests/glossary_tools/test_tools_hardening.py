"""Issue 15: glossary tools as a new user meets them."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml

from translit.cli import app
from translit.tools.derive import slugify

ROOT = Path(__file__).resolve().parents[2]


def test_add_dry_run_prints_yaml_on_stdout_and_notes_on_stderr(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["glossary", "add", "--kind", "person", "--en", "Oleksandr Syrskyi", "--dry-run"])
    assert result.exit_code == 0, result.output
    entries = yaml.safe_load(result.stdout)          # pastes straight into a glossary file
    assert entries[0]["en"] == "Oleksandr Syrskyi" and entries[0]["uk"] == "Олександр Сирський"
    assert "derived" in result.stderr and "derived:" not in result.stdout.replace("# derived", "")


def test_export_variants_decide_language_from_letters(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    (project / "glossaries" / "media.yaml").write_text(
        "- id: bbc-russian\n  kind: media\n  en: BBC Russian\n  ru: Русская служба Би-би-си\n"
        "  uk: Російська служба BBC\n  variants:\n    - Русская служба BBC\n    - BBC Russian Service\n",
        encoding="utf-8")
    en_uk = runner.invoke(app, ["glossary", "export", "--to", "csv", "--lang-pair", "en-uk", "--variants"])
    assert en_uk.exit_code == 0, en_uk.output
    assert "Русская служба BBC" not in en_uk.stdout      # a Russian variant is no English source term
    assert "BBC Russian Service,Російська служба BBC" in en_uk.stdout
    ru_uk = runner.invoke(app, ["glossary", "export", "--to", "csv", "--lang-pair", "ru-uk", "--variants"])
    assert "Русская служба BBC,Російська служба BBC" in ru_uk.stdout
    tbx = runner.invoke(app, ["glossary", "export", "--to", "tbx"])
    ru_block = tbx.stdout.split('xml:lang="ru"')[1].split("</langSec>")[0]
    assert "Русская служба BBC" in ru_block
    en_block = tbx.stdout.split('xml:lang="en"')[1].split("</langSec>")[0]
    assert "Русская служба BBC" not in en_block


def test_import_rejects_a_missing_glossary(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    src = project / "in.csv"
    src.write_text("en,uk\nKharkiv,Харків\n", encoding="utf-8")
    result = runner.invoke(app, ["glossary", "import", str(src), "--from", "csv", "--glossary", "/nonexistent"])
    assert result.exit_code == 2
    assert "/nonexistent" in result.stderr and "Traceback" not in result.output


def test_diff_git_works_from_inside_glossaries(project: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.email=t@example.org", "-c", "user.name=t", "add", ".")
    git("-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "base")
    people = project / "glossaries" / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("Maxim Kuzminov", "Maksym Kuzminov"),
                      encoding="utf-8")
    import sys

    done = subprocess.run([sys.executable, "-m", "translit", "glossary", "diff", "--git", "HEAD"],
                          cwd=project / "glossaries", capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "~ maksim-kuzminov: en" in done.stdout


@pytest.mark.parametrize("text, slug", [
    ("Łódź", "lodz"), ("Straße", "strasse"), ("Øresund", "oresund"), ("Kyrylo Budanov", "kyrylo-budanov"),
    ("Zürich", "zurich"), ("Ærø", "aero"), ("O'Brien", "obrien"),
])
def test_slugify_transliterates_letters_that_do_not_decompose(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_lint_reports_every_problem_of_a_duplicate_entry(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    (project / "glossaries" / "team.yaml").write_text(
        "- id: kyiv\n  kind: place\n  en: Kyiv Сity\n", encoding="utf-8")      # Cyrillic С
    result = runner.invoke(app, ["glossary", "lint"])
    assert result.exit_code == 1
    lines = [x for x in result.stdout.splitlines() if x.startswith("glossaries/team.yaml")]
    assert any("duplicate id" in x for x in lines)
    assert any("mixes Latin and Cyrillic" in x for x in lines), result.stdout


def test_lint_flags_a_greek_letter_in_a_latin_word(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    (project / "glossaries" / "more.yaml").write_text(
        "- id: odesa\n  kind: place\n  en: \u039fdesa\n  uk: Одеса\n", encoding="utf-8")   # Greek capital omicron
    result = runner.invoke(app, ["glossary", "lint"])
    assert result.exit_code == 1
    assert "Greek" in result.stdout and "'Οdesa'" in result.stdout


def test_lint_without_paths_prints_paths_relative_to_the_working_folder(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    (project / "glossaries" / "more.yaml").write_text("- id: Bad Id\n  kind: place\n  en: Lviv\n", encoding="utf-8")
    result = runner.invoke(app, ["glossary", "lint"])
    assert result.exit_code == 1
    assert result.stdout.startswith("glossaries/more.yaml:1:")
    assert str(project) not in result.stdout


def test_fmt_hooks_run_serially_so_the_summary_prints_once() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert hooks["translit-glossary-fmt"].get("require_serial") is True
    assert hooks["translit-glossary-fmt-check"].get("require_serial") is True




def _big_glossary(n: int) -> str:
    parts = ["# generated\n"]
    for i in range(n):
        parts.append(f"- id: place-{i}\n  kind: place\n  en: Place {i}  # checked\n  uk: Місто {i}\n"
                     f"  variants:\n    - Plase {i}\n    - 'Place #{i}'\n\n")
    return "".join(parts)


def _fmt_steps(n: int) -> int:
    """Lines of the formatter's own code run to format an n-entry file (deterministic, unlike a clock)."""
    import sys

    from translit.tools import fmt, layout
    from translit.tools.fmt import format_text

    ours = {fmt.__file__, layout.__file__}
    count = 0

    def local(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame, event, arg):  # type: ignore[no-untyped-def]
        return local if frame.f_code.co_filename in ours else None

    text = _big_glossary(n)
    sys.settrace(tracer)
    try:
        format_text(text)
    finally:
        sys.settrace(None)
    return count


def test_fmt_work_grows_linearly_with_the_file() -> None:
    """Four times the entries, about four times the work (the 50k-entry timing is bench/bench_glossary_tools.py)."""
    small, large = _fmt_steps(150), _fmt_steps(600)
    assert large / small < 4.6, (small, large)


def test_pre_commit_snippet_names_a_rev_that_can_exist() -> None:
    """The documented `rev:` is a tag this repository has, or a commit SHA (placeholder) explained next to it."""
    import re

    doc = (ROOT / "docs" / "glossary-tools.md").read_text(encoding="utf-8")
    rev = re.search(r"^\s*rev:\s*(\S+)", doc, re.M).group(1)  # type: ignore[union-attr]
    tags = subprocess.run(["git", "tag", "--list"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert rev in tags or re.fullmatch(r"[0-9a-f]{40}", rev), rev
    if rev not in tags:
        assert "full SHA" in doc
