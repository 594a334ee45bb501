"""Options, error handling and output helpers shared by every command."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Literal, NoReturn

import typer

from ..errors import GlossaryError, GlossaryProblem, TranslitError

__all__ = [
    "CyrLang",
    "CyrLangFilterOpt",
    "CyrLangOpt",
    "Engine",
    "EngineOpt",
    "FileAliasOpt",
    "Format",
    "FormatOpt",
    "GlossaryOpt",
    "IdFieldOpt",
    "OutputAliasOpt",
    "RayAddressOpt",
    "RecursiveOpt",
    "TextFieldOpt",
    "TextLang",
    "TextLangOpt",
    "echo_err",
    "echo_out",
    "errors_to_exit",
    "EncodingOpt",
    "OutputEncodingOpt",
    "check_encodings",
    "fail",
    "is_records_run",
    "load_glossary_or_exit",
    "out_option",
    "out_path",
    "print_problems",
    "scheme_option",
    "write_json_line",
]


class Format(str, Enum):
    """--format of every command that prints text or JSON Lines (a few add a third choice)."""

    text = "text"
    json = "json"


class TextLang(str, Enum):
    """--lang of a text to normalize: a language, or auto (decided per paragraph)."""

    auto = "auto"
    en = "en"
    uk = "uk"
    ru = "ru"


class CyrLang(str, Enum):
    """--lang of the Cyrillic side of romanization and cyrillization."""

    uk = "uk"
    ru = "ru"


TextLangOpt = Annotated[TextLang, typer.Option("--lang", "-l", help="Language of the text; auto decides per "
                                               "paragraph.")]
CyrLangOpt = Annotated[CyrLang, typer.Option("--lang", "-l", help="Language of the Cyrillic side.")]
CyrLangFilterOpt = Annotated[CyrLang | None, typer.Option("--lang", "-l", help="Only this language.",
                                                          show_default=False)]


def scheme_option(help: str, extra: tuple[str, ...] = ()) -> typer.models.OptionInfo:
    """--scheme/-s limited to the slugs of the bundled scheme files (plus `extra`, e.g. "all").

    Whether a slug exists for the chosen --lang is checked by the library, which lists the valid ones.
    """
    import click

    from ..schemes.model import DATA_DIR

    slugs = sorted({p.stem.split("-", 1)[1] for p in DATA_DIR.glob("*-*.yaml")})
    option: typer.models.OptionInfo = typer.Option("--scheme", "-s", help=help, show_default=False,
                                                   click_type=click.Choice([*slugs, *extra]))
    return option


def out_option(help: str) -> typer.models.OptionInfo:
    """--out/-o: the one spelling of an output path (file or directory, as `help` says)."""
    option: typer.models.OptionInfo = typer.Option("--out", "-o", help=help, show_default=False)
    return option


# Older spellings of --out, still accepted but not shown in --help.
OutputAliasOpt = Annotated[Path | None, typer.Option("--output", hidden=True, help="Old name of --out.")]
FileAliasOpt = Annotated[Path | None, typer.Option("--file", hidden=True, help="Old name of --out.")]


def out_path(out: Path | None, alias: Path | None, alias_name: str) -> Path | None:
    """--out, or its old spelling; both given and different is a usage error."""
    if out is not None and alias is not None and out != alias:
        fail(f"--out and {alias_name} name different paths ({out}, {alias}); give --out only")
    return out if out is not None else alias


GlossaryOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--glossary", "-g",
        help="Glossary file or directory (repeatable). Replaces the defaults; 'bundled' names the "
             "bundled set. Default: $TRANSLIT_GLOSSARY, else ./glossaries, else bundled.",
        show_default=False,
    ),
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format: text, or JSON Lines.")]


def echo_out(text: str) -> None:
    """Write to stdout exactly (no wrapping, no markup), every byte or an error.

    A buffered write to a pipe can return short when the reader goes away
    (`| head`), and the text layer drops the rest silently; writing the bytes in
    a loop turns that into the BrokenPipeError the top-level handler reports.
    """
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(text)
        out.flush()
        return
    data = text.encode(out.encoding or "utf-8", errors=out.errors or "strict")
    out.flush()
    view = memoryview(data)
    while view:
        written = buffer.write(view)
        if written is None:  # non-blocking stream with a full buffer
            written = 0
        buffer.flush()
        view = view[written:]


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

    def __enter__(self) -> errors_to_exit:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: object) -> Literal[False]:
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
    from ..errors import InputError
    from ..files import read_text

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


InputFormatOpt = Annotated[
    str | None,
    typer.Option("--input-format", help="Input format when the extension does not say (needed for stdin "
                 "that is not plain text): txt, md, html, xhtml, srt, vtt, docx, odt, pptx, odp, epub; records: jsonl, "
                 "csv, parquet, telegram (a Telegram Desktop export).",
                 show_default=False),
]


def iter_documents(paths: list[str] | None, input_format: str | None
                   ) -> Iterator[tuple[str, str, bytes | None, str | None]]:
    """(name, format, bytes, error) per input; "-" or no paths reads standard input.

    The format comes from --input-format, else the extension (unknown ones are plain text).
    """
    from ..documents import detect_format
    from ..files import read_bytes

    for path in paths or ["-"]:
        try:
            fmt = detect_format(path if path != "-" else "stdin.txt", input_format)
        except TranslitError as exc:
            yield path, "txt", None, str(exc)
            continue
        if path == "-":
            yield "-", fmt, sys.stdin.buffer.read(), None
            continue
        try:
            yield path, fmt, read_bytes(path), None
        except TranslitError as exc:
            yield path, fmt, None, str(exc)


class Engine(str, Enum):
    local = "local"
    ray = "ray"


EncodingOpt = Annotated[str, typer.Option("--encoding", "-e", help="Encoding of text inputs: utf-8, a legacy "
                                          "one (cp1251, koi8-r...), or auto to detect it per file.")]
OutputEncodingOpt = Annotated[str | None, typer.Option("--output-encoding", help="Encoding of the text files "
                                                       "written with --out. Default: each input's.",
                                                       show_default=False)]


def check_encodings(encoding: str, output_encoding: str | None) -> tuple[str, str | None]:
    """--encoding and --output-encoding as codec names; an unknown one is an `Error:` line, exit 2."""
    from ..documents.text import check_encoding

    with errors_to_exit():
        return check_encoding(encoding), (check_encoding(output_encoding) if output_encoding else None)


RecursiveOpt = Annotated[bool, typer.Option("--recursive", "-r", help="Folders: every file below them, not just "
                                            "the files directly inside.")]
TextFieldOpt = Annotated[str, typer.Option("--text-field", help="Records: the field holding the text.")]
IdFieldOpt = Annotated[str | None, typer.Option("--id-field", help="Records: the field naming each record in "
                                                "messages (default: its number; Telegram: the message id).",
                                                show_default=False)]
EngineOpt = Annotated[Engine, typer.Option("--engine", help="local: this process; ray: a Ray cluster "
                                           "(pip install 'translit[ray]'), needs --out.")]
RayAddressOpt = Annotated[str | None, typer.Option("--ray-address", help="Ray cluster to use (e.g. "
                                                   "ray://head:10001 or auto); default: start a local Ray.",
                                                   show_default=False)]


def is_records_run(files: list[str] | None, engine: Engine, recursive: bool, input_format: str | None) -> bool:
    """Records, folders and the Ray engine go through translit.engines; single documents do not."""
    import os

    from ..records import RECORD_FORMATS, detect_format

    if engine != Engine.local or recursive or (input_format or "") in RECORD_FORMATS:
        return True
    return any(f != "-" and (os.path.isdir(f) or detect_format(f) != "text") for f in files or [])


class _NoProgress:
    """What a progress bar is when stderr is not a terminal: nothing (and rich is not imported)."""

    def __enter__(self) -> "_NoProgress":
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def start(self, total_bytes: int) -> None:
        pass

    def advance(self, nbytes: int) -> None:
        pass

    def document_done(self, result: Any) -> None:
        pass


def bytes_progress(description: str, total: int | None = None) -> Any:
    """One progress bar in bytes on stderr when it is a terminal, else a silent stand-in."""
    if not sys.stderr.isatty():
        return _NoProgress()
    return BytesProgress(description, total)


class BytesProgress:
    """A rich bar in bytes (size, speed, documents, time left); translit.engines.run.Progress."""

    def __init__(self, description: str = "normalize", total: int | None = None):
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        self.console = Console(stderr=True)
        self.progress = Progress(
            TextColumn("{task.description:<10}"), BarColumn(), DownloadColumn(), TransferSpeedColumn(),
            TextColumn("{task.fields[docs]}"), TimeRemainingColumn(),
            console=self.console, disable=not self.console.is_terminal, transient=False,
        )
        self.task = self.progress.add_task(description, total=total, docs="")
        self.docs = 0

    def __enter__(self) -> BytesProgress:
        self.progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(*exc)  # type: ignore[arg-type]

    def start(self, total_bytes: int) -> None:
        self.progress.update(self.task, total=total_bytes)

    def add_total(self, nbytes: int) -> None:
        task = self.progress.tasks[self.task]
        self.progress.update(self.task, total=(task.total or 0) + nbytes)

    def advance(self, nbytes: int) -> None:
        self.progress.advance(self.task, nbytes)

    def document_done(self, result: Any) -> None:
        self.docs += 1
        self.progress.update(self.task, docs=f"{self.docs} docs")
