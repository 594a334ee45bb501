"""`translit normalize` and `translit lookup` for typer: their options and --help.

What normalize does is translit.cli.normalize_run (run_normalize), which the light entry point
(translit.cli.light) also calls without typer; tests/cli/test_light.py keeps the two parsers equal.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import (
    Engine,
    EngineOpt,
    Format,
    FormatOpt,
    GlossaryOpt,
    IdFieldOpt,
    InputFormatOpt,
    RayAddressOpt,
    RecursiveOpt,
    TextFieldOpt,
    TextLang,
    TextLangOpt,
    echo_err,
    echo_out,
    errors_to_exit,
    write_json_line,
    out_option,
)
from .normalize_run import NormFormat, run_normalize


def normalize_cmd(
    files: Annotated[list[str] | None, typer.Argument(help="Input files; '-' or none reads stdin.",
                                                       show_default=False)] = None,
    glossary: GlossaryOpt = None,
    lang: TextLangOpt = TextLang.auto,
    fmt: Annotated[NormFormat, typer.Option("--format", "-f", help="text: rewritten text; json: one JSON "
                                            "object per input with every match; diff: unified diff.")]
    = NormFormat.text,
    in_place: Annotated[bool, typer.Option("--in-place", "-i", help="Rewrite the files atomically.")] = False,
    check: Annotated[bool, typer.Option("--check", help="Change nothing; list non-house spellings and exit 1 "
                                        "if there are any (for CI). A line containing 'translit: ignore' "
                                        "is skipped.")] = False,
    input_format: InputFormatOpt = None,
    out: Annotated[Path | None, out_option("Write each normalized file into this directory instead of stdout; "
                                           "needed for .docx/.odt/.pptx/.odp/.epub without --in-place. Records "
                                           "and folders: paths mirrored below the inputs' common folder, with "
                                           "manifest.json so a rerun skips finished documents.")] = None,
    recursive: RecursiveOpt = False,
    text_field: TextFieldOpt = "text",
    id_field: IdFieldOpt = None,
    engine: EngineOpt = Engine.local,
    ray_address: RayAddressOpt = None,
    encoding: Annotated[str, typer.Option("--encoding", "-e", help="Encoding of text inputs: utf-8, a legacy "
                                          "one (cp1251, koi8-r...), or auto to detect it per file.")] = "utf-8",
    output_encoding: Annotated[str | None, typer.Option("--output-encoding", help="Encoding of the files "
                                                        "written (--in-place, --out). Default: each input's.",
                                                        show_default=False)] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, show_default=False,
                                             help="Processes that normalize side by side, with the same result: "
                                                  "a long plain text's blocks of a million characters, or the "
                                                  "records and files of a records or folder run (local engine). "
                                                  "Default: one per core.")] = None,
) -> None:
    """Find every spelling of a glossary name and rewrite it to the house form.

    Mentions are found in any script and spelling: house forms, variants, every
    romanization scheme, case forms (Кирилом Будановим), typos (Kyrolo Budanov),
    surnames alone, initials. Everything outside the mentions stays byte-for-byte.

    Documents keep their format: .md, .html/.htm/.xhtml, .srt, .vtt are printed like
    text; .docx, .odt, .pptx, .odp, .epub need --in-place or --out DIR. Only reader text
    changes (not tags, attributes other than alt/title, code, scripts, front matter).
    With --format json, text formats give `start`/`end` in the file's characters and zip
    formats the `part`, `block` and offsets in that block's text.

    Records (JSON Lines, CSV, Parquet, a Telegram Desktop export result.json) come
    back in their own shape with every field kept, the text field normalized and a
    `matches` field added (a Telegram export as JSON Lines, one message a line).
    Folders are read file by file (--recursive: every level). Plain text is streamed
    block by block at flat memory, whatever its size. Long texts, records and
    folders are worked on by one process per core (--jobs).

    Exit codes: 0 ok (or clean with --check), 1 non-house spellings found with
    --check, 2 unreadable input, bad record or bad glossary (other inputs are still processed).

    [bold]Examples[/bold]

      echo "Kyrolo Budanov visited Kiev." | translit normalize
      → Kyrylo Budanov visited Kyiv.

      translit normalize article.txt --format json

      translit normalize articles/*.txt --check

      translit normalize archive/*.txt --encoding auto --out fixed/    # cp1251 / koi8-r files, written back as they were

      translit normalize report.docx page.html --in-place

      translit normalize draft.txt --in-place --glossary bundled --glossary team.yaml

      translit normalize posts.jsonl --text-field body > posts.normalized.jsonl

      translit normalize archive/ --recursive --out normalized/

      translit normalize dump.txt --jobs 4 > dump.normalized.txt    # a big file: 4 processes

      translit normalize export/result.json --out normalized/ --engine ray --ray-address auto
    """
    run_normalize(files, glossary, lang.value, fmt.value, in_place, check, input_format, out, recursive, text_field,
                  id_field, engine.value, ray_address, encoding, output_encoding, jobs)


def lookup_cmd(
    name: Annotated[str, typer.Argument(help="A name in any script and spelling.")],
    glossary: GlossaryOpt = None,
    fmt: FormatOpt = Format.text,
) -> None:
    """Show the glossary entry a name resolves to, with its forms in every language and scheme.

    Exit 0 when the name resolves to one entry, 1 when it resolves to none or is ambiguous.

    [bold]Examples[/bold]

      translit lookup "Kyrolo Budanov"

      translit lookup Харкова --format json
    """
    from ..tools.lookup import describe
    from ..normalize import compiled_for, find_matches
    from .common import load_glossary_or_exit

    with errors_to_exit():
        compiled = compiled_for(glossary)
    matches = [m for m in find_matches(name, "auto", compiled)]
    best = max(matches, key=lambda m: (m.end - m.start, m.score), default=None)
    if best is None or best.entry is None:
        if best is not None:
            echo_err(f"{name!r} is ambiguous: {', '.join(best.candidates)}")
        else:
            echo_err(f"{name!r}: no glossary entry matches")
        if fmt == Format.json:
            write_json_line({"query": name, "entry": None,
                             "candidates": best.candidates if best else []})
        raise typer.Exit(1)
    entry = load_glossary_or_exit(glossary).get(best.entry)
    info = describe(entry, best)
    info["query"] = name
    if fmt == Format.json:
        write_json_line(info)
        return
    echo_out(f"{name} -> {entry.id} ({entry.kind}), matched as {best.method} ({best.score:.2f})\n")
    for lang in ("en", "uk", "ru"):
        if info["forms"].get(lang):
            echo_out(f"  {lang}: {info['forms'][lang]}\n")
    for variant in entry.variants:
        echo_out(f"  variant: {variant}\n")
    for lang, table in info["schemes"].items():
        for slug, value in table.items():
            echo_out(f"  {lang} {slug}: {value}\n")
    for lang, table in info["cases"].items():
        echo_out(f"  {lang} cases: " + ", ".join(f"{c} {v}" for c, v in table.items()) + "\n")


def register(app: typer.Typer) -> None:
    app.command("normalize")(normalize_cmd)
    app.command("lookup")(lookup_cmd)
