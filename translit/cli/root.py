"""The typer app of `translit`: a lazy top-level group over the command modules.

Each command group lives in its own module with a `register(app)` function. The
top-level group is lazy: `translit lookup ...` imports and builds only the
commands of `cli/normalize.py`, never the other modules (start-up time is most of
a short run). `translit --help` and shell completion load every module. Modules
must not import the translation stack at import time. (`translit normalize ...`
usually does not get here at all: see translit.cli.light.)
"""
from __future__ import annotations

import importlib
from typing import Annotated

import click
import typer
import typer.core
import typer.main

from ..caches import cached

# command name -> the module under translit.cli that registers it, in the order --help lists them
COMMANDS: dict[str, str] = {
    "normalize": "normalize",
    "lookup": "normalize",
    "romanize": "schemes",
    "cyrillize": "schemes",
    "schemes": "schemes",
    "translate": "translate",
    "batch": "translate",
    "models": "models",
    "glossary": "glossary",
    "serve": "serve",
}

SETTINGS = {"rich_markup_mode": "rich"}   # given to the root app and to every module's commands


@cached()
def module_commands(module: str) -> dict[str, click.Command]:
    """The click commands that `translit.cli.<module>` registers, built on first use."""
    sub = typer.Typer(**SETTINGS)  # type: ignore[arg-type]
    importlib.import_module(f"{__package__}.{module}").register(sub)
    commands = dict(typer.main.get_group(sub).commands)
    for command in commands.values():
        _tidy(command)
    return commands


def _tidy(command: click.Command) -> None:
    """Give `command` (and a group's commands) help whose prose paragraphs are one line each: rich
    wraps them to the terminal, where the docstring's own line breaks would cut a sentence short."""
    if command.help:
        command.help = tidy_help(command.help)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _tidy(sub)


def tidy_help(text: str) -> str:
    """A docstring's paragraphs with the lines of each prose paragraph joined; a paragraph with an
    indented line (examples, tables) or click's no-rewrap mark (\\b) is kept as written."""
    paragraphs = text.split("\n\n")
    return "\n\n".join(p if p.startswith("\b") or any(line.startswith(" ") for line in p.splitlines())
                       else " ".join(line.strip() for line in p.splitlines()) for p in paragraphs)


class LazyGroup(typer.core.TyperGroup):
    """A group that imports a command's module only when that command is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        return module_commands(module).get(cmd_name) if module else None


app = typer.Typer(
    name="translit",
    help="Offline name normalization, romanization and translation for Ukrainian and Russian news.",
    cls=LazyGroup,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    **SETTINGS,  # type: ignore[arg-type]
)


def _print_version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"translit {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Offline name normalization, romanization and translation for Ukrainian and Russian news."""


def invoke(argv: list[str]) -> int:
    """Run the app on `argv` for translit.cli.guard.run: the exit code, also of --help and eager options."""
    try:
        code = app(args=argv, standalone_mode=False, prog_name="translit")
    except click.exceptions.Exit as exc:  # raised outside invoke (help, eager options)
        return exc.exit_code
    return code if isinstance(code, int) else 0
