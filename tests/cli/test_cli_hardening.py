"""Issue 15: normalize --check formats, romanize/cyrillize files, legacy encodings."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translit.cli import app

runner = CliRunner()


@pytest.fixture()
def gloss(write_glossary) -> str:  # type: ignore[no-untyped-def]
    return write_glossary("kyiv")  # type: ignore[no-any-return]


def test_check_with_format_json_prints_findings_as_json(gloss: str, tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Fine line.\nThey flew to Kiev.\n", encoding="utf-8")
    result = runner.invoke(app, ["normalize", "-g", gloss, "--check", "--format", "json", str(src)])
    assert result.exit_code == 1
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    assert rows == [{"path": str(src), "line": 2, "column": 14, "found": "Kiev", "canonical": "Kyiv",
                     "entry": "kyiv", "method": rows[0]["method"]}]


def test_check_with_format_diff_prints_a_diff(gloss: str, tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("They flew to Kiev.\n", encoding="utf-8")
    result = runner.invoke(app, ["normalize", "-g", gloss, "--check", "--format", "diff", str(src)])
    assert result.exit_code == 1
    assert "-They flew to Kiev.\n+They flew to Kyiv.\n" in result.stdout
    assert src.read_text(encoding="utf-8") == "They flew to Kiev.\n"
    clean = tmp_path / "b.txt"
    clean.write_text("They flew to Kyiv.\n", encoding="utf-8")
    ok = runner.invoke(app, ["normalize", "-g", gloss, "--check", "--format", "diff", str(clean)])
    assert ok.exit_code == 0 and ok.stdout == ""


def test_romanize_positional_argument_is_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("article.txt").write_text("Київ\n", encoding="utf-8")
    result = runner.invoke(app, ["romanize", "article.txt"])
    assert result.exit_code == 0
    assert result.stdout == "article.txt\n"          # text, never a file name
    helped = runner.invoke(app, ["romanize", "--help"], terminal_width=200)
    import re

    flat = re.sub(r"[\s│]+", " ", helped.stdout)
    assert "else the text to romanize (files: --input)" in flat


def test_romanize_and_cyrillize_read_files_with_input(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("Київ і Харків\n", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("Полтава\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["romanize", "--input", str(a), "--input", str(missing), "--input", str(b)])
    assert result.exit_code == 2
    assert result.stdout == "Kyiv i Kharkiv\nPoltava\n"
    assert result.stderr == f"{missing}: no such file\n"
    latin = tmp_path / "c.txt"
    latin.write_text("Kharkiv\n", encoding="utf-8")
    back = runner.invoke(app, ["cyrillize", "--input", str(latin)])
    assert back.exit_code == 0 and back.stdout == "Харків\n"


def test_romanize_dash_reads_stdin() -> None:
    result = runner.invoke(app, ["romanize", "-"], input="Одеса\n")
    assert result.exit_code == 0 and result.stdout == "Odesa\n"


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r"])
def test_legacy_encodings_with_encoding_auto(gloss: str, tmp_path: Path, encoding: str) -> None:
    text = ("Вчера в Киеве прошло заседание городского совета. Депутаты обсудили бюджет на следующий год, "
            "а также ремонт дорог и школ. Мэр Киева заявил, что денег хватит на всё.\n")
    src = tmp_path / "old.txt"
    src.write_bytes(text.encode(encoding))
    refused = runner.invoke(app, ["normalize", "-g", gloss, str(src)])
    assert refused.exit_code == 2 and "--encoding" in refused.stderr       # the way out is named
    out = tmp_path / "out"
    result = runner.invoke(app, ["normalize", "-g", gloss, "--encoding", "auto", "--out", str(out), str(src)])
    assert result.exit_code == 0, result.output
    written = (out / "old.txt").read_bytes()
    assert written.decode(encoding) == text                  # written back in the input's encoding
    given = runner.invoke(app, ["normalize", "-g", gloss, "--encoding", encoding, str(src)])
    assert given.exit_code == 0 and given.stdout == text     # stdout is UTF-8 text
