"""What every command shares that does not need typer: option values, output, errors, exit codes.

`translit normalize` runs on these alone when the light entry point (cli/light.py) parsed its
arguments, so nothing here may import typer, click or rich at import time; translit.cli.common
adds the typer option declarations and re-exports all of this.
"""
from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import Any, Literal, NoReturn

from ..errors import GlossaryError, GlossaryProblem, TranslitError

__all__ = [
    "CyrLang",
    "Engine",
    "Format",
    "TextLang",
    "check_encodings",
    "echo_err",
    "echo_out",
    "errors_to_exit",
    "fail",
    "is_records_run",
    "iter_documents",
    "iter_inputs",
    "load_glossary_or_exit",
    "out_path",
    "print_problems",
    "write_json_line",
    "bytes_progress",
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


def out_path(out: Path | None, alias: Path | None, alias_name: str) -> Path | None:
    """--out, or its old spelling; both given and different is a usage error."""
    if out is not None and alias is not None and out != alias:
        fail(f"--out and {alias_name} name different paths ({out}, {alias}); give --out only")
    return out if out is not None else alias


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
    raise SystemExit(code)


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
            raise SystemExit(2)
        echo_err(f"Error: {exc}")
        raise SystemExit(exc.exit_code)


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


def iter_documents(paths: list[str] | None, input_format: str | None
                   ) -> Iterator[tuple[str, str, bytes | None, str | None]]:
    """(name, format, bytes, error) per input; "-" or no paths reads standard input.

    The format comes from --input-format, else the extension (unknown ones are plain text).
    """
    from ..documents.formats import detect_format
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


def check_encodings(encoding: str, output_encoding: str | None) -> tuple[str, str | None]:
    """--encoding and --output-encoding as codec names; an unknown one is an `Error:` line, exit 2."""
    from ..documents.text import check_encoding

    with errors_to_exit():
        return check_encoding(encoding), (check_encoding(output_encoding) if output_encoding else None)


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
            auto_refresh=False,  # no refresh thread: the work may fork (translit.workers), redrawn in advance()
        )
        self.task = self.progress.add_task(description, total=total, docs="")
        self.docs = 0
        self._drawn = 0.0

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
        self._redraw()

    def document_done(self, result: Any) -> None:
        self.docs += 1
        self.progress.update(self.task, docs=f"{self.docs} docs")
        self._redraw()

    def _redraw(self) -> None:
        """Draw the bar again, at most ten times a second."""
        now = time.monotonic()
        if now - self._drawn >= 0.1:
            self._drawn = now
            self.progress.refresh()
