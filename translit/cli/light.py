"""The light entry point: `translit normalize ...` without typer.

Importing typer and click and building the command costs more than normalizing a short
text, so `main` asks `light_command` first. It parses the arguments of `translit normalize`
by hand when they are plain: file arguments, and options from NORMALIZE_OPTIONS given as
`--opt VALUE`, `--opt=VALUE` or `-o VALUE`. Anything else (--help, `--`, an unknown or
misspelt option, a value outside the choices, an option missing its value, a value that
starts with `-`, joined short options, a shell-completion request) returns None, and the typer app parses the same
arguments: its messages and exit codes are the ones users see.

NORMALIZE_OPTIONS and NORMALIZE_DEFAULTS say what the typer command (translit.cli.normalize)
declares; tests/cli/test_light.py compares them with the click command's parameters and runs a
table of invocations both ways, so the two cannot drift apart silently.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any

from .basics import Engine, TextLang
from .normalize_run import NormFormat, run_normalize

__all__ = ["COUNT", "FLAG", "MANY", "NORMALIZE_DEFAULTS", "NORMALIZE_OPTIONS", "PATH", "VALUE", "light_command",
           "parse_normalize"]

FLAG, VALUE, MANY, PATH, COUNT = "flag", "value", "many", "path", "count"   # an option's kind, besides an Enum
# of choices (COUNT: a whole number of 1 or more)

# option spelling -> (parameter of run_normalize, FLAG | VALUE | MANY (repeatable) | PATH | the Enum of choices)
NORMALIZE_OPTIONS: dict[str, tuple[str, Any]] = {
    "--glossary": ("glossary", MANY), "-g": ("glossary", MANY),
    "--lang": ("lang", TextLang), "-l": ("lang", TextLang),
    "--format": ("fmt", NormFormat), "-f": ("fmt", NormFormat),
    "--in-place": ("in_place", FLAG), "-i": ("in_place", FLAG),
    "--check": ("check", FLAG),
    "--input-format": ("input_format", VALUE),
    "--out": ("out", PATH), "-o": ("out", PATH),
    "--recursive": ("recursive", FLAG), "-r": ("recursive", FLAG),
    "--text-field": ("text_field", VALUE),
    "--id-field": ("id_field", VALUE),
    "--engine": ("engine", Engine),
    "--ray-address": ("ray_address", VALUE),
    "--encoding": ("encoding", VALUE), "-e": ("encoding", VALUE),
    "--output-encoding": ("output_encoding", VALUE),
    "--jobs": ("jobs", COUNT), "-j": ("jobs", COUNT),
}
NORMALIZE_DEFAULTS: dict[str, Any] = {
    "files": None, "glossary": None, "lang": TextLang.auto.value, "fmt": NormFormat.text.value, "in_place": False,
    "check": False, "input_format": None, "out": None, "recursive": False, "text_field": "text", "id_field": None,
    "engine": Engine.local.value, "ray_address": None, "encoding": "utf-8", "output_encoding": None,
    "jobs": None,
}


def parse_normalize(args: list[str]) -> dict[str, Any] | None:
    """The keyword arguments of run_normalize for `translit normalize ARGS`, or None to leave them to typer."""
    values = dict(NORMALIZE_DEFAULTS)
    files: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "-" or not arg.startswith("-"):
            files.append(arg)
            continue
        name, equals, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        spec = NORMALIZE_OPTIONS.get(name)
        if spec is None:
            return None
        param, kind = spec
        if kind == FLAG:
            if equals:
                return None
            values[param] = True
            continue
        if not equals:
            if i == len(args):
                return None
            value = args[i]
            i += 1
        if not value or value.startswith("-"):
            return None
        if isinstance(kind, type) and issubclass(kind, Enum):
            if value not in {choice.value for choice in kind}:
                return None
            values[param] = value
        elif kind == MANY:
            values[param] = [*(values[param] or []), value]
        elif kind == PATH:
            values[param] = Path(value)
        elif kind == COUNT:
            if not (value.isascii() and value.isdigit() and int(value) >= 1):
                return None
            values[param] = int(value)
        else:
            values[param] = value
    values["files"] = files or None
    return values


def light_command(argv: list[str]) -> Callable[[list[str]], int | None] | None:
    """The command to run for `argv` without typer, or None when the typer app must parse it."""
    if not argv or argv[0] != "normalize" or "_TRANSLIT_COMPLETE" in os.environ:  # shell completion is click's
        return None
    values = parse_normalize(argv[1:])
    if values is None:
        return None

    def command(_argv: list[str]) -> int | None:
        try:
            run_normalize(**values)
        except (EOFError, KeyboardInterrupt):  # as click reports them under the typer app
            sys.stderr.write("\n")
            sys.stderr.write("Aborted.\n")
            raise SystemExit(130) from None

    return command
