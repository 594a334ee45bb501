"""The `translit` command: a thin typer layer over the library.

Each command group lives in its own module with a `register(app)` function.
Modules must not import the translation stack at import time.
"""
from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="translit",
    help="Offline name normalization, romanization and translation for Ukrainian and Russian news.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)

COMMAND_MODULES = ("glossary", "schemes", "normalize", "models", "translate")

for _name in COMMAND_MODULES:
    importlib.import_module(f"{__name__}.{_name}").register(app)


def main(args: list[str] | None = None) -> None:
    """Console-script entry point: exit codes 0 ok, 1 findings, 2 usage/input/output, 3 internal error."""
    from .guard import run

    run(app, args)
