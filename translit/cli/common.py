"""Options, error handling and output helpers shared by every command."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from enum import Enum
from typing import Annotated, NoReturn

import typer

from ..errors import GlossaryError, GlossaryProblem, TranslitError

__all__ = [
    "Format", "FormatOpt", "GlossaryOpt", "fail", "errors_to_exit", "load_glossary_or_exit",
    "write_json_line", "echo_out", "echo_err", "print_problems",
]


class Format(str, Enum):
    text = "text"
    json = "json"


GlossaryOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--glossary", "-g",
        help="Glossary file or directory (repeatable). Replaces the defaults; 'bundled' names the "
             "bundled set. Default: $TRANSLIT_GLOSSARY, else ./glossaries, else bundled.",
        show_default=False,
    ),
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


def echo_out(text: str) -> None:
    """Write to stdout exactly (no wrapping, no markup)."""
    sys.stdout.write(text)
    sys.stdout.flush()


def echo_err(text: str) -> None:
    """Write one line to stderr exactly (no wrapping, no markup)."""
    sys.stderr.write(text if text.endswith("\n") else text + "\n")
    sys.stderr.flush()


def write_json_line(obj: object) -> None:
    echo_out(json.dumps(obj, ensure_ascii=False) + "\n")


def print_problems(problems: Iterable[GlossaryProblem], fmt: Format = Format.text, *, stdout: bool = False) -> None:
    """Print glossary problems, one per line: `path:line:col: id: field: message`, or JSON Lines.

    The one way every command shows glossary problems; on stderr unless `stdout` (lint's findings).
    """
    for problem in problems:
        line = json.dumps(problem.to_dict(), ensure_ascii=False) if fmt == Format.json else str(problem)
        if stdout:
            echo_out(line + "\n")
        else:
            echo_err(line)


def fail(message: str, code: int = 2) -> NoReturn:
    """Print `Error: message` to stderr and exit with `code`."""
    echo_err(f"Error: {message}")
    raise typer.Exit(code)


class errors_to_exit:
    """Context manager: a TranslitError becomes a clean message and its exit code."""

    def __enter__(self) -> "errors_to_exit":
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:  # type: ignore[no-untyped-def]
        if exc is None or not isinstance(exc, TranslitError):
            return False
        if isinstance(exc, GlossaryError):
            print_problems(exc.problems)
            echo_err(f"Error: {len(exc.problems)} glossary problem(s); run 'translit glossary lint' for details")
            raise typer.Exit(2)
        echo_err(f"Error: {exc}")
        raise typer.Exit(exc.exit_code)


def load_glossary_or_exit(specs: list[str] | None):  # type: ignore[no-untyped-def]
    """Load glossaries, or print their problems and exit 2."""
    from ..glossary import load_glossary

    with errors_to_exit():
        return load_glossary(specs)


def iter_inputs(paths: list[str] | None) -> Iterator[tuple[str, str | None, str | None]]:
    """(name, text, error) for each input; "-" or no paths means standard input."""
    from ..files import read_text
    from ..errors import InputError

    if not paths:
        paths = ["-"]
    for path in paths:
        if path == "-":
            data = sys.stdin.buffer.read()
            try:
                yield "-", data.decode("utf-8"), None
            except UnicodeDecodeError as exc:
                yield "-", None, f"<stdin>: not valid UTF-8 (byte offset {exc.start})"
            continue
        try:
            yield path, read_text(path), None
        except InputError as exc:
            yield path, None, str(exc)
