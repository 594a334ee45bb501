"""The romanize, cyrillize and schemes commands."""
from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from translit.cli import app

runner = CliRunner()


def test_romanize_defaults_to_kmu2010_never_to_house_forms() -> None:
    result = runner.invoke(app, ["romanize", "Володимир Зеленський"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout == "Volodymyr Zelenskyi\n"


def test_romanize_reads_stdin() -> None:
    result = runner.invoke(app, ["romanize", "--lang", "ru", "--scheme", "press"],
                           input="Алексей Навальный\nСергей Шойгу\n", catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout == "Alexei Navalny\nSergei Shoigu\n"


def test_romanize_all_schemes_json_and_text() -> None:
    result = runner.invoke(app, ["romanize", "Київ", "--scheme", "all", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["lang"] == "uk" and data["input"] == "Київ"
    assert data["schemes"]["kmu2010"] == "Kyiv" and data["schemes"]["de"] == "Kyjiw"
    text = runner.invoke(app, ["romanize", "Київ", "--scheme", "all"]).stdout.splitlines()
    assert text[0] == "kmu2010\tKyiv" and "iso9\tKiïv" in text


def test_romanize_unknown_scheme_exits_2_listing_names() -> None:
    result = runner.invoke(app, ["romanize", "Київ", "--scheme", "passport"])
    assert result.exit_code == 2
    assert "'passport' is not one of" in result.stderr and "'kmu2010'" in result.stderr
    # a slug of the other language: the library names the valid ones for this language
    result = runner.invoke(app, ["romanize", "Київ", "--scheme", "icao"])
    assert result.exit_code == 2
    assert "Error: unknown scheme 'icao' for uk; valid: kmu2010, ala-lc, bgn-pcgn" in result.stderr


def test_unknown_language_exits_2() -> None:
    result = runner.invoke(app, ["cyrillize", "Kyiv", "--lang", "by"])
    assert result.exit_code == 2
    assert "'by' is not one of 'uk', 'ru'" in result.stderr


def _glossary(tmp_path: Path) -> str:
    path = tmp_path / "people.yaml"
    path.write_text(
        "- id: kyrylo-budanov\n  kind: person\n  en: Kyrylo Budanov\n  uk: Кирило Буданов\n"
        "  ru: Кирилл Буданов\n  gender: m\n  variants:\n    - Kirill Budanov\n", encoding="utf-8")
    return str(path)


def test_cyrillize_uses_the_glossary_first(tmp_path: Path) -> None:
    gl = _glossary(tmp_path)
    result = runner.invoke(app, ["cyrillize", "kirill budanov", "--lang", "uk", "-g", gl, "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"input": "kirill budanov", "lang": "uk", "best": "Кирило Буданов",
                                         "candidates": ["Кирило Буданов"], "source": "glossary"}


def test_cyrillize_falls_back_to_the_scheme(tmp_path: Path) -> None:
    gl = _glossary(tmp_path)
    result = runner.invoke(app, ["cyrillize", "Yurii", "--lang", "uk", "--scheme", "kmu2010", "-g", gl])
    assert (result.exit_code, result.stdout) == (0, "Юрій\n")
    result = runner.invoke(app, ["cyrillize", "Kuzminov", "--lang", "ru", "--scheme", "icao", "-g", gl,
                                 "--format", "json"])
    data = json.loads(result.stdout)
    assert data["source"] == "scheme" and {"Кузьминов", "Кузминов"} <= set(data["candidates"])


def test_cyrillize_stdin_whole_text(tmp_path: Path) -> None:
    gl = _glossary(tmp_path)
    result = runner.invoke(app, ["cyrillize", "-", "--lang", "ru", "-g", gl],
                           input="Kirill Budanov, Kharkov\n")
    assert (result.exit_code, result.stdout) == (0, "Кирилл Буданов, Харков\n")


def test_schemes_table_and_json() -> None:
    result = runner.invoke(app, ["schemes", "--lang", "uk"])
    assert result.exit_code == 0
    assert "kmu2010" in result.stdout and "convention" in result.stdout and "icao" not in result.stdout
    rows = [json.loads(line) for line in runner.invoke(app, ["schemes", "--format", "json"]).stdout.splitlines()]
    assert {(r["lang"], r["slug"]) for r in rows} >= {("uk", "kmu2010"), ("ru", "icao"), ("ru", "press")}
    iso = next(r for r in rows if (r["lang"], r["slug"]) == ("ru", "iso9"))
    assert iso["reversible"] is True and iso["standard"] is True


def test_schemes_unknown_language_exits_2() -> None:
    result = runner.invoke(app, ["schemes", "--lang", "pl"])
    assert result.exit_code == 2 and "'pl' is not one of 'uk', 'ru'" in result.stderr


def test_cyrillize_a_long_file_in_two_processes_writes_what_one_writes(
        tmp_path: Path, many_words: Callable[[int], str]) -> None:
    module = importlib.import_module("translit.schemes.cyrillize")
    gl = _glossary(tmp_path)
    article = tmp_path / "article.txt"
    article.write_text("Kirill Budanov said: " + many_words(module.PARALLEL_WORDS + 10) + "\n", encoding="utf-8")
    # as a user runs it (a fresh process, where forking is safe)
    two = subprocess.run([sys.executable, "-m", "translit", "cyrillize", "--input", str(article), "--lang", "uk",
                          "-g", gl, "-j", "2", "--format", "json"], capture_output=True, text=True)
    assert (two.returncode, two.stderr) == (0, "")
    one = runner.invoke(app, ["cyrillize", "--input", str(article), "--lang", "uk", "-g", gl, "--jobs", "1",
                              "--format", "json"])
    assert one.exit_code == 0, one.output
    assert json.loads(two.stdout) == json.loads(one.stdout)
    assert json.loads(one.stdout)["best"].startswith("Кирило Буданов ")  # the glossary's form
    help_text = " ".join(runner.invoke(app, ["cyrillize", "--help"]).stdout.replace("│", " ").split())
    assert f"({module.PARALLEL_WORDS} distinct words or more)" in help_text


def _stderr_on_a_terminal(args: list[str]) -> tuple[int, str, str]:
    """Run `python -m translit ARGS` with stderr on a pseudo-terminal: (exit code, stdout, what the terminal got)."""
    import os
    import pty
    import select

    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "translit", *args], stdout=subprocess.PIPE, stderr=slave,
                            env={**os.environ, "COLUMNS": "100", "TERM": "xterm"})
    os.close(slave)
    seen = bytearray()
    while True:  # drain the terminal while the command runs (a full terminal buffer would block it)
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the command closed its end
                break
            if not chunk:
                break
            seen += chunk
        elif proc.poll() is not None:
            break
    out = proc.stdout.read().decode() if proc.stdout else ""
    proc.wait()
    os.close(master)
    return proc.returncode, out, re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", seen.decode(errors="replace"))


def test_cyrillize_shows_a_bar_of_the_words_read_on_a_terminal_only(
        tmp_path: Path, many_words: Callable[[int], str]) -> None:
    module = importlib.import_module("translit.schemes.cyrillize")
    article = tmp_path / "article.txt"
    article.write_text(many_words(module.PARALLEL_WORDS + 10) + "\n", encoding="utf-8")
    gl = _glossary(tmp_path)
    code, out, terminal = _stderr_on_a_terminal(["cyrillize", "--input", str(article), "--lang", "uk", "-g", gl])
    assert code == 0
    assert f"{module.PARALLEL_WORDS + 10}/{module.PARALLEL_WORDS + 10} words" in terminal
    piped = subprocess.run([sys.executable, "-m", "translit", "cyrillize", "--input", str(article), "--lang", "uk",
                            "-g", gl], capture_output=True, text=True)
    assert (piped.returncode, piped.stderr, piped.stdout) == (0, "", out)  # no bar in a pipe; the same text
    code, _, terminal = _stderr_on_a_terminal(["cyrillize", "Kuzminov", "--lang", "ru", "-g", gl])
    assert (code, terminal) == (0, "")  # a name: no bar
