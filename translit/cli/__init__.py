"""The `translit` command: a thin typer layer over the library.

`main` is the console script. `translit normalize ...` goes through translit.cli.light,
which parses the normalize options by hand and runs the command without importing typer
(start-up is most of a short run); everything else, and anything the light parser does not
accept (--help, a usage error), goes to the typer app in translit.cli.root, which is also
`translit.cli.app` for tests and docs.
"""
from __future__ import annotations

from ..lazy import lazy_names

__all__ = ["COMMANDS", "app", "main"]


def main(args: list[str] | None = None) -> None:
    """Console-script entry point: exit codes 0 ok, 1 findings, 2 usage/input/output, 3 internal error."""
    import sys

    from .guard import run
    from .light import light_command

    argv = list(sys.argv[1:] if args is None else args)
    command = light_command(argv)
    if command is not None:
        run(command, argv)
    from .root import invoke

    run(invoke, argv)


# the typer app and its parts, imported when first asked for (typer is slow to import)
__getattr__ = lazy_names(__name__, {name: "root" for name in ("app", "COMMANDS", "SETTINGS", "LazyGroup",
                                                              "module_commands", "invoke")})
