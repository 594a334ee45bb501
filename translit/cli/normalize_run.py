"""What `translit normalize` does with its parsed options; no typer here.

translit.cli.normalize declares the command for typer (its --help); translit.cli.light parses
`translit normalize ...` by hand and calls `run_normalize` without importing typer at all, so a
short run does not pay for building the CLI. Both pass the same values; a command ends by
raising SystemExit with its exit code (0 ok, 1 findings with --check, 2 usage or input errors).
"""
from __future__ import annotations

import re
from enum import Enum
from pathlib import Path
from typing import Any, NoReturn

from ..errors import TranslitError
from .basics import (
    Engine,
    bytes_progress,
    check_encodings,
    echo_err,
    echo_out,
    errors_to_exit,
    fail,
    is_records_run,
    iter_documents,
    write_json_line,
)

__all__ = ["NormFormat", "run_normalize"]


class NormFormat(str, Enum):
    text = "text"
    json = "json"
    diff = "diff"


_PATCH_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")


def _patch_lines(text: str) -> list[str]:
    """Lines as diff and patch count them: ended by "\n" only.

    str.splitlines also breaks at \r, \x0c, \x85, U+2028..., which patch
    reads as ordinary characters, so a diff built from it would not apply.
    """
    return _PATCH_LINE.findall(text)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _print_diff(path: str, text: str, new_text: str) -> None:
    import difflib  # --format diff only

    name = "<stdin>" if path == "-" else path.lstrip("/")
    diff = difflib.unified_diff(_patch_lines(text), _patch_lines(new_text), f"a/{name}", f"b/{name}")
    for line in diff:
        echo_out(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")


def run_normalize(files: list[str] | None, glossary: list[str] | None, lang: str, fmt: NormFormat | str,
                  in_place: bool, check: bool, input_format: str | None, out: Path | None, recursive: bool,
                  text_field: str, id_field: str | None, engine: Engine | str, ray_address: str | None, encoding: str,
                  output_encoding: str | None, jobs: int | None = None) -> NoReturn:
    """`translit normalize` with the values its options parse to (see its --help); exits."""
    from ..workers import cpu_count

    fmt = NormFormat(fmt)
    jobs = jobs or cpu_count()
    engine = Engine(engine)
    if is_records_run(files, engine, recursive, input_format):
        _records_run(files, glossary, lang, fmt, in_place, check, out, recursive, input_format, text_field,
                     id_field, engine, ray_address, jobs)
    if in_place and (not files or "-" in files):
        echo_err("Error: --in-place needs file arguments, not stdin")
        raise SystemExit(2)
    if in_place and check:
        echo_err("Error: --in-place and --check exclude each other")
        raise SystemExit(2)
    if in_place and out is not None:
        echo_err("Error: --in-place and --out exclude each other")
        raise SystemExit(2)
    # what a short text needs first: the whole-document path and its formats load only when used
    from ..documents.errors import DocumentError
    from ..documents.text import is_utf8
    from ..normalize import compiled_for

    encoding, output_encoding = check_encodings(encoding, output_encoding)
    with errors_to_exit():
        compiled = compiled_for(glossary)
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            echo_err(f"Error: --out {out}: {exc.strerror or exc}")
            raise SystemExit(2)
    # streamed block by block: UTF-8 text to stdout or --check (--in-place and other encodings go through
    # the whole-file path, which keeps links, owners and the changed-meanwhile check)
    if (_plain_text_only(files, input_format) and fmt == NormFormat.text and out is None and not in_place
            and is_utf8(encoding) and output_encoding is None):
        _stream_texts(files, lang, compiled, in_place, check, jobs)
    # documents, other encodings, --format json/diff: read whole
    from ..documents.formats import is_zip_format
    from ..documents.normalize import normalize_bytes
    from ..documents.text import ENCODING_HINT, decode, encode_output, to_utf8
    from ..errors import OutputError
    from ..files import atomic_write_bytes

    failed = findings = False
    for path, kind, data, error in iter_documents(files, input_format):
        label = "<stdin>" if path == "-" else path
        if error is not None:
            echo_err(error)
            failed = True
            continue
        assert data is not None
        zipped = is_zip_format(kind)
        if zipped and not (in_place or out is not None or check or fmt == NormFormat.json):
            echo_err(f"{label}: a .{kind} file is written with --in-place or --out DIR, not to stdout")
            failed = True
            continue
        if zipped and fmt == NormFormat.diff:
            echo_err(f"{label}: --format diff works on text formats, not .{kind}")
            failed = True
            continue
        used = "utf-8"
        try:
            if not zipped:
                data, used = to_utf8(data, encoding)
            text = decode(data) if not zipped else ""
            result = normalize_bytes(data, kind, label, lang, compiled, jobs)
        except DocumentError as exc:
            hint = ENCODING_HINT if "not valid UTF-8" in str(exc) else ""
            echo_err(f"{label}: {exc}{hint}")
            failed = True
            continue
        new_text = result.data.decode("utf-8") if not zipped else ""
        if check and fmt == NormFormat.diff:
            new_text = result.data.decode("utf-8")
            findings |= new_text != text
            _print_diff(path, text, new_text)
            continue
        if check:
            for m in result.mentions:
                where = (f"{label}:{m['part']}:block {m['block']}" if zipped
                         else "{}:{}:{}".format(label, *_line_col(text, int(m["start"]))))
                if m.get("silenced"):
                    continue
                if fmt == NormFormat.json:
                    if m["entry"] is None or m["found"] != m["canonical"]:
                        findings |= m["entry"] is not None
                        record: dict[str, Any] = {"path": label}
                        if zipped:
                            record.update(part=m["part"], block=m["block"])
                        else:
                            record.update(zip(("line", "column"), _line_col(text, int(m["start"]))))
                        record.update(found=m["found"], canonical=m["canonical"], entry=m["entry"],
                                      method=m["method"])
                        if m["entry"] is None:
                            record["candidates"] = m["candidates"]
                        write_json_line(record)
                elif m["entry"] is None:
                    echo_out(f"{where}: ambiguous {m['found']!r}: {', '.join(m['candidates'])}\n")
                elif m["rewrite"]:  # only what would be rewritten (see docs/normalize.md)
                    findings = True
                    echo_out(f"{where}: {m['found']!r} -> {m['canonical']!r} ({m['entry']}, {m['method']})\n")
            continue
        if fmt == NormFormat.json:
            record = {"path": path, "format": kind, "lang": result.lang, "changed": result.changed,
                      "matches": result.mentions}
            if not zipped:
                record["text"] = new_text
            write_json_line(record)
        elif fmt == NormFormat.diff:
            _print_diff(path, text, new_text)
        elif not in_place and out is None:
            echo_out(new_text)
        target = Path(path) if in_place else (out / Path("stdin.txt" if path == "-" else path).name
                                               if out is not None else None)
        if target is not None and (result.data != data or not in_place):
            try:
                written = result.data if zipped else encode_output(result.data, output_encoding or used)
            except DocumentError as exc:
                echo_err(f"{label}: {exc}")
                failed = True
                continue
            try:
                # in place, the bytes read are passed on: a file changed meanwhile is not overwritten
                atomic_write_bytes(target, written, original=data if in_place else None)
            except OutputError as exc:
                echo_err(str(exc))
                failed = True
            except OSError as exc:
                echo_err(f"{target}: cannot write ({exc.strerror or exc})")
                failed = True
    if failed:
        raise SystemExit(2)
    raise SystemExit(1 if findings else 0)


def _stream_texts(files: list[str] | None, lang: str, compiled: Any, in_place: bool, check: bool, jobs: int
                  ) -> NoReturn:
    """Text output, --check and --in-place, block by block (flat memory at any size); exits."""
    import os
    import sys
    from contextlib import ExitStack

    from ..errors import InputError
    from ..files import open_input
    from ..streaming import check_utf8, normalize_blocks, text_blocks

    failed = findings = False
    paths = files or ["-"]
    sizes = [os.path.getsize(p) if p != "-" and os.path.isfile(p) else 0 for p in paths]
    with bytes_progress("normalize", total=sum(sizes) or None) as progress:
        for path in paths:
            sink = None
            try:
                with ExitStack() as opened:
                    if path == "-":
                        fh = sys.stdin.buffer
                    else:
                        fh = opened.enter_context(open_input(path))
                        if not in_place:  # nothing reaches stdout from a file that turns out not to be text
                            check_utf8(fh, path)
                            fh.seek(0)
                    if in_place:
                        from pathlib import Path

                        from ..files import AtomicSink

                        sink = AtomicSink(Path(path))
                    line = 1
                    changed = False
                    blocks = text_blocks(fh, path if path != "-" else "<stdin>", on_bytes=progress.advance)
                    for _, text, result in normalize_blocks(blocks, lang, compiled, jobs):
                        if check:
                            findings |= _report(path, text, result.matches, line)
                            line += text.count("\n")
                        elif sink is not None:
                            changed |= result.text != text
                            sink.write(result.text.encode("utf-8"))
                        else:
                            echo_out(result.text)
                    if sink is not None:
                        if changed:
                            sink.commit()
                        else:
                            sink.abort()
            except InputError as exc:
                echo_err(str(exc))
                failed = True
                if sink is not None:
                    sink.abort()
            except OSError as exc:
                if sink is None:
                    raise  # stdout: a broken pipe or a full disk is the top-level handler's one line
                echo_err(f"{path}: cannot write ({exc.strerror or exc})")
                failed = True
                sink.abort()
    if failed:
        raise SystemExit(2)
    raise SystemExit(1 if findings else 0)


def _record_format(given: str | None) -> str:
    from ..records import RECORD_FORMATS

    return given if given in RECORD_FORMATS else "auto"


def _report(path: str, text: str, matches: list, first_line: int) -> bool:  # type: ignore[type-arg]
    findings = False
    for m in matches:
        if m.silenced:
            continue
        line, col = _line_col(text, m.start)
        line += first_line - 1
        if m.entry is None:
            echo_out(f"{path}:{line}:{col}: ambiguous {m.found!r}: {', '.join(m.candidates)}\n")
        elif m.rewrites:  # only what would be rewritten (see docs/normalize.md)
            findings = True
            echo_out(f"{path}:{line}:{col}: {m.found!r} -> {m.canonical!r} ({m.entry}, {m.method})\n")
    return findings


def _plain_text_only(files: list[str] | None, input_format: str | None) -> bool:
    """True when every input is plain text (streamed block by block; documents are read whole)."""
    from ..documents.formats import detect_format

    try:
        return all(detect_format(f if f != "-" else "stdin.txt", input_format) == "txt" for f in files or ["-"])
    except TranslitError:
        return False


def _records_run(files: list[str] | None, glossary: list[str] | None, lang: str, fmt: NormFormat, in_place: bool,
                 check: bool, out: Path | None, recursive: bool, input_format: str | None, text_field: str,
                 id_field: str | None, engine: Engine, ray_address: str | None, jobs: int) -> NoReturn:
    """Folders, records and --out runs through translit.engines; exits."""
    from ..engines import NormalizeJob, run_documents
    from ..normalize import compiled_for

    if in_place or check or fmt == NormFormat.diff:
        fail("records, folders and --out take neither --in-place, --check nor --format diff")
    if not files or "-" in files:
        fail("records, folders and --out need file or folder arguments, not stdin")
    with errors_to_exit():
        compiled_for(glossary)  # glossary problems now, and a warm cache for the workers
        job = NormalizeJob(glossary, lang, text_field, id_field, processes=jobs)
    with errors_to_exit(), bytes_progress("normalize") as progress:
        results = run_documents(job, files, out, input_format=_record_format(input_format), recursive=recursive,
                                engine=engine.value, ray_address=ray_address, progress=progress)
    failed = False
    for r in results:
        if out is not None and fmt == NormFormat.json:
            write_json_line(r.to_dict())
        for problem in r.problems:
            echo_err(problem)
            failed = True
        if r.error:
            echo_err(r.error)
            failed = True
    if out is not None and fmt == NormFormat.text:
        counts = {s: sum(1 for r in results if r.status == s) for s in ("done", "skipped", "failed")}
        echo_err(f"{counts['done']} normalized, {counts['skipped']} already done, {counts['failed']} failed → {out}")
    raise SystemExit(2 if failed else 0)
