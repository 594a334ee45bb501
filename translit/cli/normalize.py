"""`translit normalize` and `translit lookup`: find name spellings and rewrite them to house forms."""
from __future__ import annotations

import difflib
from enum import Enum
from typing import Annotated

import typer

from .common import GlossaryOpt, echo_err, echo_out, errors_to_exit, iter_inputs, write_json_line


class NormFormat(str, Enum):
    text = "text"
    json = "json"
    diff = "diff"


class Lang(str, Enum):
    auto = "auto"
    en = "en"
    uk = "uk"
    ru = "ru"


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def normalize_cmd(
    files: Annotated[list[str] | None, typer.Argument(help="Input files; '-' or none reads stdin.",
                                                       show_default=False)] = None,
    glossary: GlossaryOpt = None,
    lang: Annotated[Lang, typer.Option("--lang", "-l", help="Text language; auto decides per paragraph.")]
    = Lang.auto,
    fmt: Annotated[NormFormat, typer.Option("--format", "-f", help="text: rewritten text; json: one JSON "
                                            "object per input with every match; diff: unified diff.")]
    = NormFormat.text,
    in_place: Annotated[bool, typer.Option("--in-place", "-i", help="Rewrite the files atomically.")] = False,
    check: Annotated[bool, typer.Option("--check", help="Change nothing; list non-house spellings and exit 1 "
                                        "if there are any (for CI). A line containing 'translit: ignore' "
                                        "is skipped.")] = False,
) -> None:
    """Find every spelling of a glossary name and rewrite it to the house form.

    Mentions are found in any script and spelling: house forms, variants, every
    romanization scheme, case forms (Кирилом Будановим), typos (Kyrolo Budanov),
    surnames alone, initials. Everything outside the mentions stays byte-for-byte.

    Exit codes: 0 ok (or clean with --check), 1 non-house spellings found with
    --check, 2 unreadable input or bad glossary (other inputs are still processed).

    [bold]Examples[/bold]

      echo "Kyrolo Budanov visited Kiev." | translit normalize
      → Kyrylo Budanov visited Kyiv.

      translit normalize article.txt --format json

      translit normalize articles/*.txt --check

      translit normalize draft.txt --in-place --glossary bundled --glossary team.yaml
    """
    from ..files import atomic_write_text
    from ..normalize import compiled_for, normalize

    if in_place and (not files or "-" in files):
        echo_err("Error: --in-place needs file arguments, not stdin")
        raise typer.Exit(2)
    if in_place and check:
        echo_err("Error: --in-place and --check exclude each other")
        raise typer.Exit(2)
    with errors_to_exit():
        compiled = compiled_for(glossary)
    failed = findings = False
    for path, text, error in iter_inputs(files):
        if error is not None:
            echo_err(error)
            failed = True
            continue
        assert text is not None
        result = normalize(text, lang.value, compiled)
        if check:
            for m in result.matches:
                line, col = _line_col(text, m.start)
                if m.silenced:
                    continue
                if m.entry is None:
                    echo_out(f"{path}:{line}:{col}: ambiguous {m.found!r}: {', '.join(m.candidates)}\n")
                elif m.rewrites:
                    findings = True
                    echo_out(f"{path}:{line}:{col}: {m.found!r} -> {m.canonical!r} ({m.entry}, {m.method})\n")
            continue
        if fmt == NormFormat.json:
            write_json_line({"path": path, "lang": result.lang, "text": result.text, "changed": result.changed,
                             "matches": [m.to_dict() for m in result.matches]})
        elif fmt == NormFormat.diff:
            name = "<stdin>" if path == "-" else path.lstrip("/")
            diff = difflib.unified_diff(text.splitlines(keepends=True), result.text.splitlines(keepends=True),
                                        f"a/{name}", f"b/{name}")
            for line in diff:
                echo_out(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
        elif not in_place:
            echo_out(result.text)
        if in_place and result.text != text:
            try:
                atomic_write_text(path, result.text)
            except OSError as exc:
                echo_err(f"{path}: cannot write ({exc.strerror or exc})")
                failed = True
    if failed:
        raise typer.Exit(2)
    raise typer.Exit(1 if findings else 0)


def lookup_cmd(
    name: Annotated[str, typer.Argument(help="A name in any script and spelling.")],
    glossary: GlossaryOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Show the glossary entry a name resolves to, with its forms in every language and scheme.

    Exit 0 when the name resolves to one entry, 1 when it resolves to none or is ambiguous.

    [bold]Examples[/bold]

      translit lookup "Kyrolo Budanov"

      translit lookup Харкова --format json
    """
    from ..lookup import describe
    from ..normalize import compiled_for, find_matches
    from .common import load_glossary_or_exit

    if fmt not in ("text", "json"):
        echo_err("Error: --format must be text or json")
        raise typer.Exit(2)
    with errors_to_exit():
        compiled = compiled_for(glossary)
    matches = [m for m in find_matches(name, "auto", compiled)]
    best = max(matches, key=lambda m: (m.end - m.start, m.score), default=None)
    if best is None or best.entry is None:
        if best is not None:
            echo_err(f"{name!r} is ambiguous: {', '.join(best.candidates)}")
        else:
            echo_err(f"{name!r}: no glossary entry matches")
        if fmt == "json":
            write_json_line({"query": name, "entry": None,
                             "candidates": best.candidates if best else []})
        raise typer.Exit(1)
    entry = load_glossary_or_exit(glossary).get(best.entry)
    info = describe(entry, best)
    info["query"] = name
    if fmt == "json":
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
