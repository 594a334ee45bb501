"""The command as a whole: --version, --help, consistent options, lazy start-up."""
from __future__ import annotations

import importlib.metadata
import inspect
import json
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
import typer.main
from typer.testing import CliRunner

from translit.cli import COMMANDS, app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]


def all_commands() -> list[tuple[str, click.Command]]:
    """(full name, command) of every leaf command, e.g. ("glossary lint", ...)."""
    root = typer.main.get_command(app)
    ctx = click.Context(root)
    out: list[tuple[str, click.Command]] = []

    def walk(prefix: str, group: click.Group) -> None:
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            assert command is not None, name
            if isinstance(command, click.Group):
                walk(f"{prefix}{name} ", command)
            else:
                out.append((f"{prefix}{name}", command))

    walk("", root)  # type: ignore[arg-type]
    return out


COMMAND_NAMES = [name for name, _ in all_commands()]


def test_version_is_the_package_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"translit {importlib.metadata.version('translit')}\n"


def test_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"], terminal_width=200)
    assert result.exit_code == 0
    for name in COMMANDS:
        assert f" {name} " in result.stdout, name
    assert len(COMMAND_NAMES) >= 19


@pytest.mark.parametrize("command", COMMAND_NAMES)
def test_every_command_has_help_with_examples(command: str) -> None:
    result = runner.invoke(app, [*command.split(), "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Examples" in result.stdout and f"translit {command}" in result.stdout


@pytest.mark.parametrize("command", COMMAND_NAMES)
def test_help_paragraphs_are_wrapped_to_the_terminal_not_to_the_source(command: str) -> None:
    """A prose paragraph of the docstring comes out as one line on a wide terminal: the source's own
    line breaks would otherwise cut sentences short (rich keeps them)."""
    callback = dict(all_commands())[command].callback
    doc = inspect.getdoc(callback) or ""
    prose = [" ".join(p.split()) for p in doc.split("\n\n")[1:]
             if "\n" in p and not any(line.startswith(" ") for line in p.splitlines())]
    prose = [re.sub(r"\[/?[a-z ]+\]", "", p) for p in prose if len(p) < 220]
    result = runner.invoke(app, [*command.split(), "--help"], terminal_width=240, env={"COLUMNS": "240"})
    lines = [line.strip() for line in result.stdout.splitlines()]
    for paragraph in prose:
        assert paragraph in lines, paragraph


def test_argument_help_is_shown() -> None:
    """click 8.5 with typer 0.24 drops argument help; pyproject pins click below 8.5 for this."""
    result = runner.invoke(app, ["normalize", "--help"], terminal_width=200)
    assert "Input files; '-' or none reads stdin." in result.stdout
    result = runner.invoke(app, ["romanize", "--help"], terminal_width=200)
    assert "'-' or nothing reads standard input" in result.stdout


@pytest.mark.parametrize("command", COMMAND_NAMES)
def test_format_lang_and_scheme_are_fixed_choices(command: str) -> None:
    found = dict(all_commands())[command]
    for param in found.params:
        if isinstance(param, click.Option) and {"--format", "--lang", "--scheme"} & set(param.opts):
            assert isinstance(param.type, click.Choice), f"{command} {param.opts}"


@pytest.mark.parametrize("command", COMMAND_NAMES)
def test_output_paths_are_spelled_out(command: str) -> None:
    """One visible spelling, --out/-o; the old --output/--file are hidden aliases."""
    found = dict(all_commands())[command]
    for param in found.params:
        if isinstance(param, click.Option) and {"--output", "--file"} & set(param.opts):
            assert param.hidden, f"{command} {param.opts}"
            assert any("--out" in p.opts and "-o" in p.opts for p in found.params), command


def test_lookup_format_is_checked_by_the_parser() -> None:
    result = runner.invoke(app, ["lookup", "Kyiv", "--format", "yaml"])
    assert result.exit_code == 2 and "'yaml' is not one of 'text', 'json'" in result.stderr


def test_old_output_spellings_still_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    args = ["glossary", "export", "--to", "csv", "--glossary", "bundled"]
    assert runner.invoke(app, [*args, "--out", "a.csv"]).exit_code == 0
    assert runner.invoke(app, [*args, "--output", "b.csv"]).exit_code == 0
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    clash = runner.invoke(app, [*args, "--out", "a.csv", "--output", "c.csv"])
    assert clash.exit_code == 2 and "--out and --output name different paths" in clash.stderr
    add = ["glossary", "add", "--glossary", "team.yaml", "--kind", "place"]
    first = runner.invoke(app, [*add, "--en", "Vyshneve Pole", "--uk", "Вишневе Поле", "--file", "team.yaml"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(app, [*add, "--en", "Kalynove Pole", "--uk", "Калинове Поле", "-o", "team.yaml"])
    assert second.exit_code == 0, second.output
    assert [line for line in (tmp_path / "team.yaml").read_text(encoding="utf-8").splitlines()
            if line.startswith("- id:")] == ["- id: vyshneve-pole", "- id: kalynove-pole"]


def test_normalize_imports_no_other_command_and_nothing_heavy(tmp_path: Path) -> None:
    """`translit normalize` on a short text starts without typer, click or rich (the light entry point,
    translit.cli.light), without the document readers and record writers: start-up is most of a short run."""
    article = tmp_path / "a.txt"
    article.write_text("Kyrolo Budanov flew to Kiev.\n", encoding="utf-8")
    code = (
        "import atexit, json, sys\n"
        "atexit.register(lambda: sys.stderr.write(json.dumps(sorted(sys.modules))))\n"
        f"sys.argv = ['translit', 'normalize', {str(article)!r}, '--glossary', 'bundled']\n"
        "from translit.cli import main\n"
        "main()\n"
    )
    for _ in range(2):  # the first run compiles the glossary into the cache; the second is a warm start
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    assert done.stdout == "Kyrylo Budanov flew to Kyiv.\n"
    modules = set(json.loads(done.stderr))
    commands = {m for m in modules if m.startswith("translit.cli.")}
    assert commands == {"translit.cli.basics", "translit.cli.guard", "translit.cli.light", "translit.cli.normalize_run"}
    heavy = ("typer", "click", "rich", "ruamel", "yaml", "argostranslate", "ctranslate2", "sentencepiece", "torch",
             "stanza", "pymorphy3", "translit.translate", "translit.schemes", "translit.documents.normalize",
             "translit.documents.model", "translit.records.read", "translit.records.write", "translit.engines",
             "csv", "difflib", "traceback", "rapidfuzz")  # rapidfuzz: the given-name typo is one edit, checked without it
    assert not {m for m in modules if m.split(".")[0] in heavy or m.startswith(heavy)}


def test_a_crash_exits_3_with_one_line(tmp_path: Path) -> None:
    """A bug (here: the compiled glossary cannot be built) is exit 3, one Error line, no traceback."""
    article = tmp_path / "a.txt"
    article.write_text("Kyiv\n", encoding="utf-8")
    code = (
        "import sys, translit.normalize\n"
        "def broken(specs=None):\n"
        "    raise RuntimeError('index is corrupt')\n"
        "translit.normalize.compiled_for = broken\n"
        f"sys.argv = ['translit', 'normalize', {str(article)!r}]\n"
        "from translit.cli import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 3
    lines = done.stderr.splitlines()
    assert lines[0] == "translit: internal error: RuntimeError: index is corrupt"
    assert lines[1].startswith("translit: the full traceback is in ") and len(lines) == 2
