"""`translit glossary ...`: lint and maintain glossary files."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import Format, FormatOpt, echo_err, echo_out, write_json_line

glossary_app = typer.Typer(
    help="Check and maintain glossary files (YAML lists of entries).",
    no_args_is_help=True,
    rich_markup_mode="rich",
)


@glossary_app.command("lint")
def lint(
    paths: Annotated[list[str] | None, typer.Argument(
        help="Glossary files or directories, read in this order ('bundled' = the bundled set). "
             "Default: the same search as other commands.", show_default=False)] = None,
    fmt: FormatOpt = Format.text,
) -> None:
    """Check glossaries against every rule; print [bold]path:line:col: id: message[/bold] per problem.

    Exit 0 when clean, 1 when problems were found, 2 when a file cannot be read or parsed.

    [bold]Examples[/bold]

      translit glossary lint glossaries/

      translit glossary lint bundled team.yaml --format json
    """
    from ..glossary import lint_paths, resolve_paths

    files = resolve_paths(paths or None)
    unreadable = [p for p in files if not p.is_file()]
    entries, problems = lint_paths([p for p in files if p.is_file()])
    fatal = [p for p in problems if p.message.startswith(("YAML", "cannot read", "not valid UTF-8"))]
    fatal += [_missing(p) for p in unreadable]
    problems = sorted(problems + [_missing(p) for p in unreadable],
                      key=lambda p: (p.path, p.line, p.column))
    if fmt == Format.json:
        for problem in problems:
            write_json_line(problem.to_dict())
    else:
        for problem in problems:
            echo_out(f"{problem}\n")
        summary = f"{len(files)} file(s), {len(entries)} entries, {len(problems)} problem(s)"
        echo_err(summary)
    if fatal:
        raise typer.Exit(2)
    raise typer.Exit(1 if problems else 0)


def _missing(path: Path):  # type: ignore[no-untyped-def]
    from ..errors import GlossaryProblem

    reason = "is not a file" if path.exists() else "no such file"
    return GlossaryProblem(str(path), 1, 1, f"cannot read: {reason}")


def register(app: typer.Typer) -> None:
    app.add_typer(glossary_app, name="glossary")
