"""Options, error handling and output helpers shared by every command.

The typer option declarations live here; everything that works without typer is in
translit.cli.basics (re-exported below), which the light entry point of `translit normalize` uses.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .basics import (CyrLang, Engine, Format, TextLang, bytes_progress, check_encodings, echo_err, echo_out,
                     errors_to_exit, fail, is_records_run, iter_documents, iter_inputs, load_glossary_or_exit,
                     out_path, print_problems, write_json_line)

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
    "bytes_progress",
    "echo_err",
    "echo_out",
    "errors_to_exit",
    "EncodingOpt",
    "OutputEncodingOpt",
    "check_encodings",
    "fail",
    "is_records_run",
    "iter_documents",
    "iter_inputs",
    "load_glossary_or_exit",
    "out_option",
    "out_path",
    "print_problems",
    "scheme_option",
    "write_json_line",
]




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


InputFormatOpt = Annotated[
    str | None,
    typer.Option("--input-format", help="Input format when the extension does not say (needed for stdin "
                 "that is not plain text): txt, md, html, xhtml, srt, vtt, docx, odt, pptx, odp, epub; records: jsonl, "
                 "csv, parquet, telegram (a Telegram Desktop export).",
                 show_default=False),
]


EncodingOpt = Annotated[str, typer.Option("--encoding", "-e", help="Encoding of text inputs: utf-8, a legacy "
                                          "one (cp1251, koi8-r...), or auto to detect it per file.")]
OutputEncodingOpt = Annotated[str | None, typer.Option("--output-encoding", help="Encoding of the text files "
                                                       "written with --out. Default: each input's.",
                                                       show_default=False)]


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
