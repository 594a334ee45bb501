"""`translit romanize`, `translit cyrillize`, `translit schemes`: names in Latin letters and back."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from .common import (CyrLang, CyrLangFilterOpt, CyrLangOpt, Format, FormatOpt, GlossaryOpt, echo_out, errors_to_exit,
                     scheme_option, write_json_line)

RomanizeTextArg = Annotated[str | None, typer.Argument(
    help="'-' or nothing reads standard input; else the text to romanize (files: --input).",
    show_default=False)]
CyrillizeTextArg = Annotated[str | None, typer.Argument(
    help="'-' or nothing reads standard input; else the text to cyrillize (files: --input).",
    show_default=False)]
CyrJobsOpt = Annotated[int | None, typer.Option(
    "--jobs", "-j", min=1, show_default=False,
    help="Processes that read the words of a long text (400 distinct words or more). Default: one per core.")]
InputOpt = Annotated[list[Path] | None, typer.Option(
    "--input", "-i", help="Read this file (UTF-8; repeatable). A file that cannot be read is reported as "
                          "PATH: reason and the others are still converted (exit 2).", show_default=False)]


def _sources(text: str | None, inputs: list[Path] | None) -> Iterator[tuple[str, str | None]]:
    """(label, text) per input; text None (after printing `PATH: reason`) for a file that cannot be read."""
    from ..errors import InputError, UsageError
    from ..files import read_text
    from .common import echo_err

    if not inputs:
        yield "-" if text in (None, "-") else "<argument>", _read(text)
        return
    if text is not None:
        raise UsageError("give text or --input FILE, not both")
    for path in inputs:
        try:
            yield str(path), read_text(path)
        except InputError as exc:
            echo_err(str(exc))
            yield str(path), None


def _read(text: str | None) -> str:
    if text is not None and text != "-":
        return text
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        from ..errors import InputError

        raise InputError(f"<stdin>: not valid UTF-8 (byte offset {exc.start})") from None


def _line(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


def romanize(
    text: RomanizeTextArg = None,
    lang: CyrLangOpt = CyrLang.uk,
    scheme: Annotated[str | None, scheme_option("Scheme slug (see 'translit schemes'), or 'all'. "
                                                "Default: kmu2010 for uk, icao for ru.", ("all",))] = None,
    fmt: FormatOpt = Format.text,
    inputs: InputOpt = None,
) -> None:
    """Write Cyrillic text in Latin letters by a named standard (scheme only, no glossary forms).

    The argument is the text itself ([bold]romanize article.txt[/bold] romanizes the words
    "article.txt"); read files with [bold]--input FILE[/bold]. Latin letters, digits and
    punctuation pass through unchanged.

    [bold]Examples[/bold]

      translit romanize "Володимир Зеленський" --lang uk            # Volodymyr Zelenskyi

      translit romanize "Алексей Навальный" --lang ru --scheme press  # Alexei Navalny

      translit romanize "Київ" --lang uk --scheme all --format json

      cat article.txt | translit romanize --lang ru --scheme bgn-pcgn

      translit romanize --input article.txt --input notes.txt --lang ru
    """
    from ..schemes import all_romanizations, check_lang, get_scheme, romanize as to_latin

    lang = lang.value  # type: ignore[assignment]
    failed = False
    with errors_to_exit():
        check_lang(lang)
        if scheme not in (None, "all"):
            get_scheme(lang, scheme)
        for label, source in _sources(text, inputs):
            if source is None:
                failed = True
                continue
            where = {"path": label} if inputs else {}
            if scheme == "all":
                outputs = all_romanizations(source, lang)
                if fmt == Format.json:
                    write_json_line({**where, "lang": lang, "input": source, "schemes": outputs})
                else:
                    for slug, out in outputs.items():
                        echo_out(f"{slug}\t{out.rstrip(chr(10))}\n")
                continue
            out = to_latin(source, lang, scheme)
            if fmt == Format.json:
                write_json_line({**where, "lang": lang, "scheme": get_scheme(lang, scheme).slug,
                                 "input": source, "output": out})
            else:
                echo_out(_line(out))
    if failed:
        raise typer.Exit(2)


def cyrillize(
    text: CyrillizeTextArg = None,
    lang: CyrLangOpt = CyrLang.uk,
    scheme: Annotated[str | None, scheme_option("Read the Latin as this scheme. Default: rank the readings of "
                                                "every scheme of the language.")] = None,
    glossary: GlossaryOpt = None,
    fmt: FormatOpt = Format.text,
    inputs: InputOpt = None,
    jobs: CyrJobsOpt = None,
) -> None:
    """Write a Latin name or text in Cyrillic: glossary forms first, then the schemes in reverse.

    The argument is the text itself; read files with [bold]--input FILE[/bold].

    A name equal to a glossary entry's [bold]en[/bold] or one of its Latin variants (ignoring
    case and apostrophe style) becomes the entry's uk/ru form exactly. Other words are read
    back through the schemes; JSON output lists the ranked candidates.

    [bold]Examples[/bold]

      translit cyrillize "Kyrylo Budanov" --lang uk                 # Кирило Буданов (glossary)

      translit cyrillize Yurii --lang uk --scheme kmu2010           # Юрій

      translit cyrillize Kuzminov --lang ru --format json

      translit cyrillize "Ŝëlkovo" --lang ru --scheme iso9          # Щёлково (exact)

      translit cyrillize --input names.txt --lang ru

      translit cyrillize --input article.txt --lang uk --jobs 2     # long text: 2 processes
    """
    from ..schemes import check_lang, cyrillize_text, get_scheme, known_forms
    from ..workers import cpu_count

    lang = lang.value  # type: ignore[assignment]
    failed = False
    with errors_to_exit():
        check_lang(lang)
        if scheme:
            get_scheme(lang, scheme)
        known: dict[str, str] | None = None
        for label, source in _sources(text, inputs):
            if source is None:
                failed = True
                continue
            stripped = source.rstrip("\n")
            if known is None and any(c.isalpha() for c in stripped):
                from .common import load_glossary_or_exit

                known = known_forms(load_glossary_or_exit(glossary), lang)
            bar = _WordsBar()
            try:
                result = cyrillize_text(stripped, lang, scheme, known=known or {}, jobs=jobs or cpu_count(),
                                        progress=bar)
            finally:
                bar.close()
            if fmt == Format.json:
                write_json_line({"path": label, **result.to_dict()} if inputs else result.to_dict())
            else:
                echo_out(_line(result.best))
    if failed:
        raise typer.Exit(2)


class _WordsBar:
    """A bar of the distinct words read so far, on stderr when it is a terminal and the text is long."""

    SHOWN_FROM = 200  # distinct words: a name or a sentence is read before a bar would be drawn

    def __init__(self) -> None:
        self.progress: Any = None
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if total < self.SHOWN_FROM or not sys.stderr.isatty():
            return
        if self.progress is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                     TextColumn("words"), TimeRemainingColumn(), console=Console(stderr=True),
                                     transient=True)
            self.progress.start()
            self.task = self.progress.add_task("cyrillize", total=total)
        self.progress.update(self.task, completed=done)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


def schemes(
    lang: CyrLangFilterOpt = None,
    fmt: FormatOpt = Format.text,
) -> None:
    """List the romanization schemes: slug, language, standard, year, kind, reversibility, a sample.

    [bold]Examples[/bold]

      translit schemes

      translit schemes --lang ru --format json
    """
    from ..schemes import list_schemes

    with errors_to_exit():
        found = list_schemes(lang.value if lang else None)
    if fmt == Format.json:
        for scheme in found:
            write_json_line(scheme.to_dict())
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("slug", "lang", "name", "year", "kind", "reversible", "sample"):
        table.add_column(column)
    for s in found:
        sample = f"{s.samples[0][0]} → {s.samples[0][1]}" if s.samples else ""
        if len(sample) > 40:
            sample = next((f"{c} → {l}" for c, l in s.samples if len(c) + len(l) < 36), sample[:40])
        table.add_row(s.slug, s.lang, s.name, str(s.year), s.kind, "yes" if s.reversible else "no", sample)
    Console(width=200, soft_wrap=True).print(table)


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    app.command("romanize")(romanize)
    app.command("cyrillize")(cyrillize)
    app.command("schemes")(schemes)
