"""The one top-level handler around every command: exit codes, output encoding, crashes.

Exit codes (the same for every command):

- 0: done, nothing to report;
- 1: findings (``normalize --check``, ``glossary lint``...) or a lookup that found nothing;
- 2: a usage error, an input that cannot be read, a glossary with problems, an output that
  cannot be written (a full disk, a closed pipe: the latter quietly);
- 3: an internal error (a bug): one line on stderr and the full traceback in a file in
  the cache folder. A crash never exits 1, so CI never reads a crash as findings.
"""
from __future__ import annotations

import errno
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

__all__ = ["OUTPUT_ENCODING_VAR", "run", "setup_output", "write_crash_report"]

OUTPUT_ENCODING_VAR = "TRANSLIT_OUTPUT_ENCODING"  # stdout is UTF-8 unless this names another encoding

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3

# errnos that mean "the output could not be written", not a bug
_WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS}


def setup_output() -> None:
    """Make stdout UTF-8 whatever the locale or PYTHONIOENCODING says, unless
    $TRANSLIT_OUTPUT_ENCODING names another encoding (then characters it cannot
    encode are an error, never silently replaced). Messages on stderr are UTF-8."""
    import codecs

    wanted = os.environ.get(OUTPUT_ENCODING_VAR) or "utf-8"
    try:
        codecs.lookup(wanted)
    except LookupError:
        _die(f"Error: {OUTPUT_ENCODING_VAR}={wanted!r}: unknown encoding", EXIT_INPUT)
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(encoding=wanted, errors="strict")
    reconfigure = getattr(sys.stderr, "reconfigure", None)
    if reconfigure is not None:  # messages quote the input: never crash while reporting
        reconfigure(encoding="utf-8", errors="backslashreplace")


def _die(line: str, code: int) -> NoReturn:
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except Exception:
        pass
    raise SystemExit(code)


def _quiet_stdout() -> None:
    """After a broken pipe: point stdout at /dev/null so the final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    detail = text[0] if text else ""
    if len(detail) > 300:
        detail = detail[:300] + "..."
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


def write_crash_report(exc: BaseException, argv: list[str]) -> Path | None:
    """Write the full traceback of `exc` to a file in the cache folder; return its path."""
    import traceback  # crashes only: every run imports this module
    from ..match.cache import cache_dir

    body = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    stamp = time.strftime("%Y%m%d-%H%M%S")
    header = f"translit {' '.join(argv)}\npython {sys.version.split()[0]}\n\n"
    for folder in (cache_dir() / "crashes", Path(os.environ.get("TMPDIR", "/tmp"))):
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            path = folder / f"translit-crash-{stamp}-{os.getpid()}.txt"
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as fh:
                fh.write(header + body)
            return path
        except OSError:
            continue
    return None


def _internal_error(exc: BaseException, argv: list[str]) -> NoReturn:
    import traceback  # crashes only

    if os.environ.get("TRANSLIT_DEBUG"):
        traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
    path = write_crash_report(exc, argv)
    where = (f"translit: the full traceback is in {path}" if path is not None
             else "translit: the traceback could not be written to a file:\n"
             + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)).rstrip())
    _die(f"translit: internal error: {_one_line(exc)}\n{where}", EXIT_INTERNAL)


def _write_error(exc: OSError) -> NoReturn:
    what = exc.strerror or str(exc)
    where = f"{exc.filename}: " if getattr(exc, "filename", None) else "output: "
    _die(f"Error: {where}cannot write ({what})", EXIT_INPUT)


def _is_broken_pipe(exc: BaseException | None) -> bool:
    return isinstance(exc, BrokenPipeError) or (isinstance(exc, OSError) and exc.errno == errno.EPIPE)


def run(command: Callable[[list[str]], int | None], args: list[str] | None = None) -> NoReturn:
    """Run `command` on the arguments and exit with the documented code, whatever happens.

    `command` is translit.cli.root.invoke (the typer app) or a command of translit.cli.light;
    it returns an exit code or raises SystemExit. click is imported only by the first.
    """
    import signal

    from ..errors import TranslitError

    argv = list(sys.argv[1:] if args is None else args)
    setup_output()
    import warnings

    def _one_line_warning(message, category, filename, lineno, file=None, line=None):  # type: ignore[no-untyped-def]
        sys.stderr.write(f"translit: warning: {message}\n")

    warnings.showwarning = _one_line_warning

    def _terminated(signum: int, _frame: object) -> None:  # SIGTERM unwinds like Ctrl-C: temp files go
        raise SystemExit(128 + signum)

    try:
        signal.signal(signal.SIGTERM, _terminated)
    except ValueError:  # not the main thread (an embedding application)
        pass
    try:
        code = command(argv)
        sys.stdout.flush()
    except SystemExit as exc:
        if exc.code != 0 and _is_broken_pipe(exc.__context__):  # click turns EPIPE into exit 1
            _quiet_stdout()
            raise SystemExit(EXIT_INPUT) from None
        raise
    except KeyboardInterrupt:
        _die("Interrupted.", 130)
    except TranslitError as exc:  # a deliberate error no command caught: still one line
        _die(f"Error: {exc}", exc.exit_code)
    except UnicodeEncodeError as exc:
        if exc.object is not None and isinstance(exc.object, str):
            char = exc.object[exc.start:exc.start + 1]
            _die(f"Error: output: cannot encode {char!r} (U+{ord(char):04X}) as "
                 f"{sys.stdout.encoding}; unset {OUTPUT_ENCODING_VAR} to write UTF-8", EXIT_INPUT)
        _internal_error(exc, argv)
    except BaseException as exc:  # noqa: BLE001 - this is the one place that catches everything
        click = sys.modules.get("click")  # the typer app's errors (the light commands never load click)
        if click is not None and isinstance(exc, click.exceptions.Abort):
            cause = exc.__cause__ or exc.__context__
            if cause is not None and not isinstance(cause, (KeyboardInterrupt, EOFError)):
                _internal_error(cause, argv)
            _die("Aborted.", 130)
        if click is not None and isinstance(exc, click.ClickException):
            try:
                from typer import rich_utils

                rich_utils.rich_format_error(exc)
            except Exception:
                exc.show()
            raise SystemExit(EXIT_INPUT)
        if _is_broken_pipe(exc):
            _quiet_stdout()
            raise SystemExit(EXIT_INPUT) from None
        if isinstance(exc, OSError) and exc.errno in _WRITE_ERRNOS:
            _write_error(exc)
        _internal_error(exc, argv)
    raise SystemExit(code if isinstance(code, int) else 0)
