"""The light entry point of `translit normalize` (translit.cli.light) is the typer command without typer.

It must accept exactly the options the typer command declares and do exactly what the typer
command does with them: same output, same messages, same exit codes, same files written. Whatever
it does not parse goes to the typer app, so --help and usage errors stay typer's.
"""
from __future__ import annotations

import io
import os
import signal
import sys
from enum import Enum
from pathlib import Path

import click
import pytest

from translit.cli import guard, light, main, module_commands, root

TEXT = "Kyrolo Budanov flew to Kiev; Budanov's plan.\n\nКирило Буданов прилетів до Києва.\n"


def _click_kind(param: click.Parameter) -> object:
    if isinstance(param, click.Option) and param.is_flag:
        return light.FLAG
    if param.multiple:
        return light.MANY
    if isinstance(param.type, click.Choice):
        return tuple(param.type.choices)
    if isinstance(param.type, click.Path):
        return light.PATH
    if isinstance(param.type, click.IntRange) and param.type.min == 1:
        return light.COUNT
    return light.VALUE


def _light_kind(kind: object) -> object:
    return tuple(c.value for c in kind) if isinstance(kind, type) and issubclass(kind, Enum) else kind


def test_the_light_parser_declares_exactly_the_options_of_the_typer_command() -> None:
    command = module_commands("normalize")["normalize"]
    declared = {opt: (p.name, _click_kind(p)) for p in command.params if isinstance(p, click.Option)
                for opt in (*p.opts, *p.secondary_opts)}
    assert {opt: (param, _light_kind(kind)) for opt, (param, kind) in light.NORMALIZE_OPTIONS.items()} == declared
    defaults = {p.name: (p.default.value if isinstance(p.default, Enum) else p.default) for p in command.params}
    assert light.NORMALIZE_DEFAULTS == defaults
    assert [(p.name, p.nargs) for p in command.params if isinstance(p, click.Argument)] == [("files", -1)]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_glossary):  # type: ignore[no-untyped-def]
    """A folder of inputs (made again for each run), the current directory; main() keeps pytest's SIGTERM."""
    monkeypatch.setattr(signal, "signal", lambda *_a: None)
    write_glossary("kyrylo-budanov", "kyiv")
    glossary = (tmp_path / "g.yaml").read_text(encoding="utf-8")

    def make(name: str) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        (folder / "g.yaml").write_text(glossary, encoding="utf-8")
        (folder / "h.yaml").write_text("- id: odesa\n  kind: place\n  en: Odesa\n  uk: Одеса\n  ru: Одесса\n"
                                       "  variants: [Odessa]\n", encoding="utf-8")
        (folder / "a.txt").write_text(TEXT, encoding="utf-8")
        (folder / "b.txt").write_bytes("Кирило Буданов у Киеве, Odessa.\n".encode("cp1251"))
        (folder / "c.md").write_text("# Kiev\n\nKyrolo Budanov in `Kiev`.\n", encoding="utf-8")
        (folder / "posts.jsonl").write_text('{"id": 7, "body": "Budanov in Kiev"}\n{"id": 8, "text": "Kiev"}\n',
                                            encoding="utf-8")
        (folder / "dir" / "sub").mkdir(parents=True)
        (folder / "dir" / "x.txt").write_text("Kiev\n", encoding="utf-8")
        (folder / "dir" / "sub" / "y.txt").write_text("Kyrolo Budanov\n", encoding="utf-8")
        monkeypatch.chdir(folder)
        return folder

    return make


def _run(command, argv: list[str], stdin: bytes, capsysbinary, monkeypatch) -> tuple:  # type: ignore[no-untyped-def]
    """(exit code, stdout, stderr, files afterwards) of one run in the current directory, named DIR in messages."""
    folder = Path.cwd()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    with pytest.raises(SystemExit) as info:
        guard.run(command, argv)
    out, err = (s.decode("utf-8").replace(str(folder), "DIR") for s in capsysbinary.readouterr())
    files = {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
             if p.is_file() and p.name != "manifest.json"}
    return info.value.code, out, err, files


LIGHT = [
    ["a.txt", "-g", "g.yaml"],
    ["-g", "g.yaml"],
    ["-", "--glossary=g.yaml", "--lang", "en"],
    ["a.txt", "-g", "g.yaml", "--format", "json"],
    ["-g", "g.yaml", "-f", "diff", "a.txt", "c.md"],
    ["-g", "g.yaml", "--check", "a.txt"],
    ["-g", "g.yaml", "--check", "-f", "json", "a.txt"],
    ["-g", "g.yaml", "-f", "json", "-f", "text", "a.txt"],           # the last of a repeated option wins
    ["-g", "g.yaml", "-g", "h.yaml", "b.txt", "--encoding", "cp1251"],
    ["-g", "g.yaml", "-e", "auto", "b.txt"],
    ["-g", "g.yaml", "b.txt"],                                     # not UTF-8: exit 2 with a hint
    ["-g", "g.yaml", "--encoding", "nope", "a.txt"],
    ["-g", "g.yaml", "-i", "a.txt", "c.md"],
    ["-g", "g.yaml", "--in-place", "-"],
    ["-g", "g.yaml", "--in-place", "--check", "a.txt"],
    ["-g", "g.yaml", "-i", "-o", "out", "a.txt"],
    ["-g", "g.yaml", "-o", "out", "a.txt", "b.txt", "-e", "auto", "--output-encoding", "cp1251"],
    ["-g", "g.yaml", "missing.txt", "a.txt"],
    ["-g", "missing.yaml", "a.txt"],
    ["-g", "g.yaml", "--input-format", "md", "-"],
    ["-g", "g.yaml", "--input-format", "nope", "-"],
    ["-g", "g.yaml", "-l", "uk", "--engine", "local", "--ray-address", "ignored", "a.txt"],
    ["-g", "g.yaml", "posts.jsonl", "--text-field", "body", "--id-field", "id", "-o", "out"],
    ["-g", "g.yaml", "posts.jsonl", "-o", "out", "-f", "json"],
    ["-g", "g.yaml", "posts.jsonl", "--check"],
    ["-g", "g.yaml", "-r", "dir", "--out", "out"],
    ["-g", "g.yaml", "--recursive", "dir", "-o", "out", "-f", "json"],
    ["-g", "g.yaml", "dir", "-o", "out"],
    ["-g", "g.yaml", "--jobs", "2", "a.txt", "-f", "json"],
    ["-g", "g.yaml", "-j", "1", "-"],
]


@pytest.mark.parametrize("args", LIGHT, ids=[" ".join(a) for a in LIGHT])
def test_the_light_path_does_what_the_typer_command_does(args, workdir, capsysbinary, monkeypatch) -> None:
    argv = ["normalize", *args]
    command = light.light_command(argv)
    assert command is not None, "the light parser should take these arguments"
    stdin = TEXT.encode("utf-8")
    workdir("typer")
    by_typer = _run(root.invoke, argv, stdin, capsysbinary, monkeypatch)
    workdir("light")
    assert _run(command, argv, stdin, capsysbinary, monkeypatch) == by_typer


def test_the_table_uses_every_option_spelling() -> None:
    """The comparison above means something only if it runs every option."""
    used = {arg.partition("=")[0] for args in LIGHT for arg in args}
    assert set(light.NORMALIZE_OPTIONS) - used == set()


FALLBACK = [
    ["--help"], ["-h"], ["a.txt", "--help"],
    ["--lang", "fr", "a.txt"], ["--format"], ["--format", "yaml"], ["--engine", "spark"],
    ["--bogus", "a.txt"], ["--glo", "g.yaml"], ["-gg.yaml", "a.txt"], ["-ir", "a.txt"],
    ["--check=yes", "a.txt"], ["--", "-a.txt"], ["--glossary", "--check"], ["--out=", "a.txt"], ["-g"],
    ["--jobs", "0", "a.txt"], ["-j", "two"], ["--jobs=1.5"], ["-j", "٣"],   # typer says what a count is
]


@pytest.mark.parametrize("args", FALLBACK, ids=[" ".join(a) for a in FALLBACK])
def test_whatever_the_light_parser_does_not_know_goes_to_typer(args) -> None:
    assert light.light_command(["normalize", *args]) is None


@pytest.mark.parametrize("argv", [[], ["--version"], ["lookup", "Kiev"], ["romanize", "Київ"], ["Normalize"]])
def test_other_commands_go_to_typer(argv) -> None:
    assert light.light_command(argv) is None


def test_shell_completion_stays_with_typer(monkeypatch, capsys) -> None:
    monkeypatch.setattr(signal, "signal", lambda *_a: None)
    monkeypatch.setenv("_TRANSLIT_COMPLETE", "complete_bash")  # what typer's bash script sets
    monkeypatch.setenv("COMP_WORDS", "translit normalize --la")
    monkeypatch.setenv("COMP_CWORD", "2")
    assert light.light_command(["normalize"]) is None
    with pytest.raises(SystemExit) as info:
        main(["normalize"])
    assert info.value.code == 0
    assert "--lang" in capsys.readouterr().out


def test_a_usage_error_is_typers_message_and_exit_2(monkeypatch, capsys) -> None:
    monkeypatch.setattr(signal, "signal", lambda *_a: None)
    with pytest.raises(SystemExit) as info:
        main(["normalize", "--lang", "fr", "a.txt"])
    assert info.value.code == 2
    assert "Invalid value for '--lang'" in capsys.readouterr().err


def test_ctrl_c_is_aborted_130_as_under_typer(monkeypatch, capsys) -> None:
    import translit.cli.light as module

    def interrupted(**_kw):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(signal, "signal", lambda *_a: None)
    monkeypatch.setattr(module, "run_normalize", interrupted)
    with pytest.raises(SystemExit) as info:
        main(["normalize", "a.txt"])
    assert info.value.code == 130
    assert capsys.readouterr().err == "\nAborted.\n"
