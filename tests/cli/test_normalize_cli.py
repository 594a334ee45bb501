"""`translit normalize` and `translit lookup` as a user runs them."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translit.cli import app

runner = CliRunner()


@pytest.fixture()
def gloss(write_glossary) -> str:  # type: ignore[no-untyped-def]
    return write_glossary("kyrylo-budanov", "kyiv", "agentstvo", keep={"kyiv": ["Chicken Kiev"]})  # type: ignore[no-any-return]


def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input)


def test_stdin_to_stdout_rewrites_only_mentions(gloss):
    result = run("normalize", "-g", gloss, input="Kyrolo Budanov flew to Kiev; Budanov's plan.\n")
    assert result.exit_code == 0
    assert result.stdout == "Kyrylo Budanov flew to Kyiv; Budanov's plan.\n"


def test_json_lists_every_mention_with_offsets(gloss):
    text = "Kyrylo Budanov met the Agenstvo team in Kiev.\n"
    result = run("normalize", "-g", gloss, "--format", "json", input=text)
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["path"] == "-" and doc["lang"] == "en"
    assert doc["text"] == "Kyrylo Budanov met the Agentstvo team in Kyiv.\n"
    found = [(m["found"], m["canonical"], m["entry"], m["method"]) for m in doc["matches"]]
    assert found == [("Kyrylo Budanov", "Kyrylo Budanov", "kyrylo-budanov", "exact"),
                     ("Agenstvo", "Agentstvo", "agentstvo", "fuzzy"),
                     ("Kiev", "Kyiv", "kyiv", "variant")]
    for m in doc["matches"]:
        assert text[m["start"]:m["end"]] == m["found"]


def test_ukrainian_case_is_kept_and_russian_spelling_fixed(gloss):
    result = run("normalize", "-g", gloss, "--lang", "uk", input="Зустріч з Кириллом Будановым у Киеве.")
    assert result.stdout == "Зустріч з Кирилом Будановим у Києві."


def test_common_word_is_left_alone(gloss):
    text = "Агентство повідомило, що агентство закрито. Про це написало «Агентство»."
    result = run("normalize", "-g", gloss, "--format", "json", input=text)
    doc = json.loads(result.stdout)
    assert [m["start"] for m in doc["matches"]] == [text.index("«") + 1]


def test_kept_expressions_urls_and_handles_untouched(gloss):
    text = "Chicken Kiev at https://kiev.example/Kiev by @Kiev #Kiev\n"
    assert run("normalize", "-g", gloss, input=text).stdout == text


def test_bom_and_crlf_survive(gloss, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffKiev\r\nline two\r\n".encode("utf-8"))
    assert run("normalize", "-g", gloss, "--in-place", str(path)).exit_code == 0
    assert path.read_bytes() == "\ufeffKyiv\r\nline two\r\n".encode("utf-8")


def test_in_place_is_atomic_and_keeps_mode(gloss, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Kiev\n", encoding="utf-8")
    os.chmod(path, 0o640)
    assert run("normalize", "-g", gloss, "-i", str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8") == "Kyiv\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "g.yaml"]  # no temp file left


def test_bad_inputs_reported_and_others_processed(gloss, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Kiev\n", encoding="utf-8")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Kiev K\xf6ln\n".encode("latin-1"))
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"Kiev\x00\x01")
    result = run("normalize", "-g", gloss, "-i", str(tmp_path / "missing.txt"), str(latin1), str(binary),
                 str(good))
    assert result.exit_code == 2
    assert f"{tmp_path / 'missing.txt'}: no such file" in result.stderr
    assert f"{latin1}: not valid UTF-8" in result.stderr
    assert f"{binary}: binary file" in result.stderr
    assert good.read_text(encoding="utf-8") == "Kyiv\n"
    assert latin1.read_bytes() == "Kiev K\xf6ln\n".encode("latin-1")


def test_check_fails_on_non_house_spelling_and_honours_ignore(gloss, tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("Kyiv and Kyrylo Budanov.\nKiev was named so then. <!-- translit: ignore -->\n",
                     encoding="utf-8")
    dirty = tmp_path / "dirty.txt"
    dirty.write_text("Intro.\nKyrolo Budanov in Kiev.\n", encoding="utf-8")
    assert run("normalize", "-g", gloss, "--check", str(clean)).exit_code == 0
    result = run("normalize", "-g", gloss, "--check", str(clean), str(dirty))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{dirty}:2:1: 'Kyrolo Budanov' -> 'Kyrylo Budanov' (kyrylo-budanov, fuzzy)",
        f"{dirty}:2:19: 'Kiev' -> 'Kyiv' (kyiv, variant)",
    ]
    assert dirty.read_text(encoding="utf-8") == "Intro.\nKyrolo Budanov in Kiev.\n"


def test_diff_format(gloss, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("one\nKiev\n", encoding="utf-8")
    result = run("normalize", "-g", gloss, "--format", "diff", str(path))
    assert f"--- a/{str(path).lstrip('/')}" in result.stdout and "-Kiev" in result.stdout and "+Kyiv" in result.stdout


def test_usage_errors_exit_2(gloss):
    assert run("normalize", "-g", gloss, "--in-place", input="x").exit_code == 2
    assert run("normalize", "-g", gloss, "--lang", "de", input="x").exit_code == 2


def test_lookup(gloss):
    result = run("lookup", "Kyrolo Budanov", "-g", gloss, "--format", "json")
    assert result.exit_code == 0
    info = json.loads(result.stdout)
    assert info["entry"] == "kyrylo-budanov" and info["forms"]["ru"] == "Кирилл Буданов"
    assert info["cases"]["uk"]["ablt"] == "Кирилом Будановим"
    assert "Kyrylo Budanov" in info["schemes"]["uk"].values()
    assert run("lookup", "Budapest", "-g", gloss).exit_code == 1


def test_normalize_never_imports_the_translation_stack(gloss):
    code = ("import sys; from translit.cli import app; from typer.testing import CliRunner; "
            f"r = CliRunner().invoke(app, ['normalize', '-g', {gloss!r}], input='Kiev'); "
            "assert r.stdout == 'Kyiv', r.stdout; "
            "bad = [m for m in ('argostranslate', 'ctranslate2', 'torch', 'sentencepiece') if m in sys.modules]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True, env=os.environ.copy())


def test_streamed_normalize_closes_every_input_file(gloss, tmp_path):
    """Under -X dev an input left open is a ResourceWarning on stderr; -W error makes it an error there."""
    files = []
    for name, text in (("a.txt", "In Kiev.\n"), ("b.txt", "Kiev again.\n")):
        files.append(tmp_path / name)
        files[-1].write_text(text, encoding="utf-8")
    for mode in ([], ["--check"], ["--in-place"]):
        proc = subprocess.run([sys.executable, "-X", "dev", "-W", "error::ResourceWarning", "-m", "translit",
                               "normalize", "-g", gloss, *mode, *map(str, files)], capture_output=True, text=True,
                              timeout=120)
        assert "ResourceWarning" not in proc.stderr and proc.stderr == "", (mode, proc.stderr)
        assert proc.returncode == (1 if mode == ["--check"] else 0), mode
    assert [f.read_text(encoding="utf-8") for f in files] == ["In Kyiv.\n", "Kyiv again.\n"]
