"""`translit glossary stats` and `translit glossary diff`."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from translit.cli import app


def test_stats_counts_kinds_and_lists_missing_forms(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    (project / "glossaries" / "media.yaml").write_text(
        "- id: censor-net\n  kind: media\n  en: Censor.net\n  uk: Цензор.нет\n", encoding="utf-8")
    result = runner.invoke(app, ["glossary", "stats"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "4 entries in 3 file(s), 3 variants",
        "  person        2",
        "  place         1",
        "  media         1",
        "without uk: 0",
        "without ru: 1 (censor-net)",
    ]
    data = json.loads(runner.invoke(app, ["glossary", "stats", "--format", "json"]).stdout)
    assert data["by_kind"] == {"person": 2, "place": 1, "media": 1}
    assert data["missing"] == {"uk": [], "ru": ["censor-net"]}


def _new_version(project: Path) -> Path:
    new = project / "new"
    shutil.copytree(project / "glossaries", new)
    places = (new / "places.yaml").read_text(encoding="utf-8")
    (new / "places.yaml").write_text(places.replace("    - Kiev\n", "    - Kiev\n    - Kyjiw\n")
                                     .replace("ru: Киев", "ru: Киев  # checked"), encoding="utf-8")
    people = (new / "people.yaml").read_text(encoding="utf-8")
    people = people.replace("id: maksim-kuzminov", "id: maxim-kuzminov")
    people += "\n- id: yurii-butusov\n  kind: person\n  en: Yurii Butusov\n  uk: Юрій Бутусов\n"
    people = people.replace("  note: Head of Ukraine's Defence Intelligence (HUR).\n", "")
    (new / "people.yaml").write_text(people, encoding="utf-8")
    (new / "units.yaml").write_text("", encoding="utf-8")
    return new


def test_diff_summarises_for_review(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    new = _new_version(project)
    (project / "glossaries" / "units.yaml").write_text(
        "- id: third-assault-brigade\n  kind: unit\n  en: 3rd Assault Brigade\n", encoding="utf-8")
    result = runner.invoke(app, ["glossary", "diff", "glossaries", str(new)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "~ kyrylo-budanov: note \"Head of Ukraine's Defence Intelligence (HUR).\" -> (none)",
        "~ maksim-kuzminov -> maxim-kuzminov: id renamed",
        "+ yurii-butusov (person) Yurii Butusov",
        '~ kyiv: variants + "Kyjiw"',
        "- third-assault-brigade (unit) 3rd Assault Brigade",
    ]
    assert "1 added, 3 changed, 1 removed" in result.stderr
    assert runner.invoke(app, ["glossary", "diff", "glossaries", str(new), "--exit-code"]).exit_code == 1
    same = runner.invoke(app, ["glossary", "diff", "glossaries", "glossaries", "--exit-code"])
    assert same.exit_code == 0 and same.stdout == ""


def test_diff_json(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    new = _new_version(project)
    lines = runner.invoke(app, ["glossary", "diff", "glossaries", str(new), "-f", "json"]).stdout.splitlines()
    kyiv = [json.loads(x) for x in lines if '"kyiv"' in x][0]
    assert kyiv == {"op": "changed", "id": "kyiv", "kind": "place", "en": "Kyiv",
                    "fields": {"variants": {"added": ["Kyjiw"], "removed": []}}}


def test_diff_of_an_unparseable_file_is_an_error(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    bad = project / "bad.yaml"
    bad.write_text("- id: [x\n", encoding="utf-8")
    result = runner.invoke(app, ["glossary", "diff", "glossaries/places.yaml", str(bad)])
    assert result.exit_code == 2
    assert "bad.yaml:2:1: YAML syntax error" in result.stderr
    missing = runner.invoke(app, ["glossary", "diff", "glossaries", "nowhere"])
    assert missing.exit_code == 2 and "nowhere: no such file or directory" in missing.stderr


def test_diff_against_a_git_revision(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=project,
                       check=True, capture_output=True)

    git("init", "-q")
    git("add", "glossaries")
    git("commit", "-q", "-m", "glossaries")
    places = project / "glossaries" / "places.yaml"
    places.write_text(places.read_text(encoding="utf-8").replace("    - Kiev\n", "    - Kiev\n    - Kyjiw\n"),
                      encoding="utf-8")
    result = runner.invoke(app, ["glossary", "diff", "--git", "HEAD", "glossaries"])
    assert result.exit_code == 0, result.output
    assert result.stdout == '~ kyiv: variants + "Kyjiw"\n'
