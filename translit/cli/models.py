"""`translit models ...`: list, install and remove argos translation models.

The translation stack is imported inside the commands only.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import Format, FormatOpt, echo_err, echo_out, errors_to_exit, fail, write_json_line

models_app = typer.Typer(
    help="Manage offline translation models (argostranslate .argosmodel packages).",
    no_args_is_help=True,
    rich_markup_mode="rich",
)


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


@models_app.command("list")
def list_models(fmt: FormatOpt = Format.text) -> None:
    """List installed models: language pair, version, size and folder.

    The same folder argostranslate and [bold]argospm[/bold] use ($ARGOS_PACKAGES_DIR,
    else ~/.local/share/argos-translate/packages).

    [bold]Examples[/bold]

      translit models list

      translit models list --format json
    """
    from ..translate.packages import installed_models

    with errors_to_exit():
        models = installed_models()
    if fmt == Format.json:
        for m in models:
            write_json_line(m.to_dict())
        return
    if not models:
        echo_err("No models installed. Install one with: translit models install en uk")
        return
    width = max(len(m.pair) for m in models)
    for m in models:
        echo_out(f"{m.pair:<{width}}  {m.version:<6} {_size(m.size):>9}  {m.path}\n")


@models_app.command("install")
def install(
    args: Annotated[list[str], typer.Argument(
        help="An .argosmodel file, or a language pair FROM TO to download from the package index.",
        show_default=False)],
) -> None:
    """Install a model from a file, or download one from argos' package index.

    A file is checked first (zip, one folder, metadata.json, model/model.bin); a bad
    file is rejected and installed models stay as they are. An installed model for
    the same pair is replaced. Downloading is the only thing translit does on the
    network, and only with this command; the index is argos' ($ARGOS_PACKAGE_INDEX).

    [bold]Examples[/bold]

      translit models install translate-en_uk-1_9.argosmodel

      translit models install en uk
    """
    from ..translate.packages import install_file, install_pair

    with errors_to_exit():
        if len(args) == 1:
            info = install_file(Path(args[0]))
        elif len(args) == 2:
            with _DownloadBar(f"{args[0]} -> {args[1]}") as bar:
                info = install_pair(args[0], args[1], progress=bar.update)
        else:
            fail("give one .argosmodel file, or two language codes (e.g. 'en uk')")
    echo_err(f"Installed {info.pair} ({info.name} {info.version}) in {info.path}")


class _DownloadBar:
    """A rich download bar on stderr (bytes, speed, time left); silent when stderr is not a terminal."""

    def __init__(self, label: str):
        from rich.console import Console
        from rich.progress import (BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn,
                                   TransferSpeedColumn)

        console = Console(stderr=True)
        self.progress = Progress(TextColumn(f"downloading {label}"), BarColumn(), DownloadColumn(),
                                 TransferSpeedColumn(), TimeRemainingColumn(), console=console,
                                 disable=not console.is_terminal, transient=True)
        self.task = self.progress.add_task("download", total=None)

    def __enter__(self) -> "_DownloadBar":
        self.progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(*exc)  # type: ignore[arg-type]

    def update(self, done: int, total: int | None) -> None:
        self.progress.update(self.task, completed=done, total=total)


@models_app.command("remove")
def remove(
    from_code: Annotated[str, typer.Argument(help="Source language code, e.g. en.", show_default=False)],
    to_code: Annotated[str, typer.Argument(help="Target language code, e.g. uk.", show_default=False)],
) -> None:
    """Remove the installed model for a language pair.

    [bold]Examples[/bold]

      translit models remove en uk
    """
    from ..translate.packages import remove_pair

    with errors_to_exit():
        removed = remove_pair(from_code, to_code)
    for m in removed:
        echo_err(f"Removed {m.pair} ({m.name} {m.version}) from {m.path}")


@models_app.command("fixture")
def fixture(
    out: Annotated[Path, typer.Argument(help="Directory to write the .argosmodel into.", show_default=False)],
    from_code: Annotated[str, typer.Option("--from", help="Source language code.")] = "en",
    to_code: Annotated[str, typer.Option("--to", help="Target language code.")] = "uk",
) -> None:
    """Build a tiny test model that copies its input (for trying translit without downloads).

    [bold]Examples[/bold]

      translit models fixture /tmp/models --from en --to uk && translit models install /tmp/models/translate-en_uk-1_0.argosmodel
    """
    from ..translate.fixture import build_copy_package

    path = build_copy_package(out, from_code, to_code)
    echo_out(f"{path}\n")


def register(app: typer.Typer) -> None:
    """Add the `models` group to `app`."""
    app.add_typer(models_app, name="models")
