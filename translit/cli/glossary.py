"""`translit glossary ...`: lint and maintain glossary files."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .common import (FileAliasOpt, Format, FormatOpt, GlossaryOpt, OutputAliasOpt, echo_err, echo_out, errors_to_exit,
                     fail, iter_inputs, load_glossary_or_exit, out_option, out_path, print_problems, write_json_line)

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
    from ..glossary import check_glossaries

    report = check_glossaries(paths)
    print_problems(report.problems, fmt, stdout=True)
    if fmt != Format.json:
        echo_err(f"{len(report.files)} file(s), {len(report.entries)} entries, {len(report.problems)} problem(s)")
    raise typer.Exit(report.exit_code)


def register(app: typer.Typer) -> None:
    app.add_typer(glossary_app, name="glossary")


@glossary_app.command("fmt")
def fmt_cmd(
    paths: Annotated[list[str] | None, typer.Argument(
        help="Glossary files or directories (their *.yaml). Default: ./glossaries.", show_default=False)] = None,
    check: Annotated[bool, typer.Option("--check", help="Change nothing; list files that would change, exit 1.")]
    = False,
    sort: Annotated[bool, typer.Option("--sort", help="Also sort entries by id (default: keep file order).")]
    = False,
) -> None:
    """Rewrite glossary files in the canonical layout; comments and entry order are kept.

    Keys in the documented field order, one blank line between entries, lists in block style,
    quotes only where YAML needs them, apostrophes as lint wants them (Latin ', Cyrillic ʼ).
    A file that does not parse is left untouched and reported as [bold]path:line:col: message[/bold].

    Exit 0 when everything is (now) formatted; with --check, 1 when a file would change;
    2 when a file cannot be read, parsed or formatted safely.

    [bold]Examples[/bold]

      translit glossary fmt glossaries/

      translit glossary fmt --check glossaries/people.yaml
    """
    from ..errors import InputError
    from ..files import atomic_write_text
    from ..tools.fmt import FormatError, format_file

    files = _yaml_files(paths or ["glossaries"])
    changed: list[str] = []
    failed = False
    for path in files:
        try:
            before, after = format_file(path, sort=sort)
        except FormatError as exc:
            print_problems([exc.problem])
            failed = True
            continue
        except InputError as exc:
            echo_err(f"Error: {exc}")
            failed = True
            continue
        if before == after:
            continue
        changed.append(str(path))
        if check:
            echo_out(f"would reformat {path}\n")
        else:
            atomic_write_text(path, after)
            echo_out(f"reformatted {path}\n")
    verb = "would be reformatted" if check else "reformatted"
    echo_err(f"{len(files)} file(s), {len(changed)} {verb}" + (", some could not be formatted" if failed else ""))
    if failed:
        raise typer.Exit(2)
    raise typer.Exit(1 if check and changed else 0)


def _yaml_files(specs: list[str]) -> list[Path]:
    """Files named, and the *.yaml / *.yml files of directories named (sorted)."""
    out: list[Path] = []
    for spec in specs:
        p = Path(spec)
        if p.is_dir():
            out.extend(sorted([*p.glob("*.yaml"), *p.glob("*.yml")]))
        else:
            out.append(p)
    return out


@glossary_app.command("add")
def add_cmd(
    kind: Annotated[str, typer.Option("--kind", "-k", help="person, place, organization, equipment, media, "
                                      "unit, event or other.")],
    en: Annotated[str | None, typer.Option("--en", help="English house form.")] = None,
    uk: Annotated[str | None, typer.Option("--uk", help="Ukrainian house form.")] = None,
    ru: Annotated[str | None, typer.Option("--ru", help="Russian house form.")] = None,
    variant: Annotated[list[str] | None, typer.Option("--variant", help="Other spelling (repeatable).")] = None,
    gender: Annotated[str | None, typer.Option("--gender", help="m or f (people only).")] = None,
    entry_id: Annotated[str | None, typer.Option("--id", help="Entry id (default: a slug of the English form).")]
    = None,
    note: Annotated[str | None, typer.Option("--note", help="Free-text note for reviewers.")] = None,
    out: Annotated[Path | None, out_option("Glossary file to append to (default: the file for the kind in "
                                           "./glossaries, e.g. glossaries/people.yaml).")] = None,
    file: FileAliasOpt = None,
    glossary: GlossaryOpt = None,
    derive: Annotated[bool, typer.Option("--derive/--no-derive", help="Fill missing forms and gender.")] = True,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the entry; write nothing.")] = False,
) -> None:
    """Append a new entry to a glossary file, deriving the forms you leave out.

    Missing uk/ru/en forms come from the given-name table (Kyrylo ↔ Кирило ↔ Кирилл) and the
    romanization schemes; each derived field is printed with how it was made and marked in the
    file with [bold]# derived by translit glossary add, review[/bold]. The entry is refused (exit 2,
    nothing written) if its id or any of its forms already belongs to another entry, or if it
    breaks a lint rule.

    [bold]Examples[/bold]

      translit glossary add --kind person --en "Kyrylo Budanov"

      translit glossary add --kind place --en Poltava --uk Полтава --ru Полтава -o team.yaml
    """
    from ..glossary import resolve_paths
    from ..tools.add import AddError, append_entries, build_entry, default_file

    with errors_to_exit():
        new = build_entry(kind, en, uk, ru, variant, gender, entry_id, note, derive=derive)
        target = out_path(out, file, "--file") or default_file(kind)
        if dry_run:
            echo_out(new.render() + "\n")
        else:
            try:
                append_entries(target, [new], resolve_paths(glossary or None))
            except AddError as exc:
                print_problems(exc.problems)
                raise
            echo_out(f"Added {new.id} to {target}:\n")
        for key, value in new.values.items():
            if value in (None, []) or key == "id":
                continue
            shown = ", ".join(value) if isinstance(value, list) else str(value)
            how = new.derived.get(key)
            echo_out(f"  {key}: {shown}" + (f"   (derived: {how.how} - please review)" if how else "") + "\n")


class ExchangeFormat(str, Enum):
    csv = "csv"
    tsv = "tsv"
    tbx = "tbx"


@glossary_app.command("export")
def export_cmd(
    to: Annotated[ExchangeFormat, typer.Option("--to", help="csv / tsv (one language pair) or tbx (everything).")],
    lang_pair: Annotated[str, typer.Option("--lang-pair", help="Source-target languages for csv/tsv.")] = "en-uk",
    header: Annotated[bool, typer.Option("--header/--no-header", help="First row of language codes (Amazon, "
                                         "Google); DeepL wants --no-header.")] = True,
    variants: Annotated[bool, typer.Option("--variants", help="csv/tsv: also a row for each source-language "
                                           "variant, mapped to the target house form.")] = False,
    glossary: GlossaryOpt = None,
    out: Annotated[Path | None, out_option("Write here (default: stdout).")] = None,
    output: OutputAliasOpt = None,
) -> None:
    """Export the glossary for translation services (CSV/TSV pairs) or terminology tools (TBX).

    CSV/TSV carry the house forms of one language pair, with a header row of language codes
    unless --no-header. TBX (TBX-Basic) carries all three languages, variants, kind, gender and
    note, so [bold]export --to tbx[/bold] then [bold]import --from tbx[/bold] gives the same entries back.

    [bold]Examples[/bold]

      translit glossary export --to csv --lang-pair en-uk -o glossary-en-uk.csv

      translit glossary export --to tsv --lang-pair en-ru --no-header --variants   # DeepL

      translit glossary export --to tbx -o newsroom.tbx
    """
    from ..files import atomic_write_text
    from ..tools.exchange import export_glossary

    with errors_to_exit():
        entries = load_glossary_or_exit(glossary).entries
        text = export_glossary(entries, to.value, lang_pair, header, variants)
        target = out_path(out, output, "--output")
        if target is None:
            echo_out(text)
        else:
            atomic_write_text(target, text)
            echo_err(f"{len(entries)} entries exported to {target}")


@glossary_app.command("import")
def import_cmd(
    source: Annotated[Path, typer.Argument(help="CSV, TSV or TBX file (UTF-8).")],
    from_: Annotated[ExchangeFormat, typer.Option("--from", help="Format of the file.")],
    lang_pair: Annotated[str, typer.Option("--lang-pair", help="Columns of a csv/tsv file: source-target.")]
    = "en-uk",
    kind: Annotated[str, typer.Option("--kind", "-k", help="Kind of the new entries (TBX files say it).")]
    = "other",
    out: Annotated[Path | None, out_option("Glossary file to create or append to (default: print the YAML).")]
    = None,
    file: FileAliasOpt = None,
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help="Import the usable rows even if some are "
                                           "bad (they are still listed).")] = False,
    glossary: GlossaryOpt = None,
) -> None:
    """Turn a CSV/TSV/TBX glossary into glossary entries (new file, or appended to one).

    Rows that cannot be used (missing columns, empty cells) are listed by line number and nothing
    is written (exit 2) unless --skip-bad. Entries whose English form the glossary already has are
    left out and listed. The result is checked with every lint rule before it is written.

    [bold]Examples[/bold]

      translit glossary import deepl-en-uk.csv --from csv --lang-pair en-uk --kind person -o glossaries/people.yaml

      translit glossary import newsroom.tbx --from tbx -o team.yaml
    """
    from ..tools.exchange import import_file

    file = out_path(out, file, "--file")
    with errors_to_exit():
        report = import_file(source, from_.value, lang_pair=lang_pair, kind=kind, into=file, glossary=glossary,
                             skip_bad=skip_bad)
    for row in report.bad:
        echo_err(f"{source}:{row}")
    for note in report.notes:
        echo_err(f"{source}: {note}")
    if report.refused:
        print_problems(report.problems)
        fail(f"{len(report.problems)} problem(s) in the imported entries; nothing written")
    if file is None:
        echo_out(report.render())
    elif report.written is None:
        echo_err(f"nothing new to import into {file}")
    else:
        echo_err(f"{len(report.new)} entries imported into {file}")


@glossary_app.command("stats")
def stats_cmd(glossary: GlossaryOpt = None, fmt: FormatOpt = Format.text) -> None:
    """Count entries by kind and list the entries that lack a Ukrainian or Russian form.

    [bold]Examples[/bold]

      translit glossary stats

      translit glossary stats --glossary glossaries/people.yaml --format json
    """
    from ..tools.stats import glossary_stats

    g = load_glossary_or_exit(glossary)
    stats = glossary_stats(g.entries, g.paths)
    if fmt == Format.json:
        write_json_line(stats.to_dict())
        return
    echo_out(f"{stats.entries} entries in {len(stats.files)} file(s), {stats.variants} variants\n")
    for kind, n in stats.by_kind.items():
        echo_out(f"  {kind:<13} {n}\n")
    for lang, ids in stats.missing.items():
        echo_out(f"without {lang}: {len(ids)}" + (f" ({', '.join(ids)})" if ids else "") + "\n")


@glossary_app.command("diff")
def diff_cmd(
    old: Annotated[str | None, typer.Argument(help="Old glossary file or directory (or, with --git, the path "
                                              "to compare; default glossaries).", show_default=False)] = None,
    new: Annotated[str | None, typer.Argument(help="New glossary file or directory.", show_default=False)] = None,
    git: Annotated[str | None, typer.Option("--git", help="Compare the working tree with this git revision "
                                            "(e.g. origin/main).")] = None,
    exit_code: Annotated[bool, typer.Option("--exit-code", help="Exit 1 when there are differences.")] = False,
    fmt: FormatOpt = Format.text,
) -> None:
    """Summarize what a change adds, changes and removes, entry by entry, for pull-request review.

    Lines read [bold]+ id (kind) English form[/bold], [bold]~ id: field change[/bold] and [bold]- id[/bold].

    [bold]Examples[/bold]

      translit glossary diff old/people.yaml glossaries/people.yaml

      translit glossary diff --git origin/main glossaries/
    """
    from ..tools.diff import diff_entries, read_git_side, read_side

    with errors_to_exit():
        if git is not None:
            if new is not None:
                fail("with --git give one path (compared with the working tree)")
            path = old or "glossaries"
            before, after = read_git_side(git, path), read_side(path)
        else:
            if old is None or new is None:
                fail("give OLD and NEW (files or directories), or --git REV [PATH]")
            before, after = read_side(old), read_side(new)
    changes = diff_entries(before, after)
    if fmt == Format.json:
        for change in changes:
            write_json_line(change.to_dict())
    else:
        for change in changes:
            for line in change.lines():
                echo_out(line + "\n")
        counts = {op: sum(c.op == op for c in changes) for op in "+~-"}
        echo_err(f"{counts['+']} added, {counts['~']} changed, {counts['-']} removed")
    raise typer.Exit(1 if exit_code and changes else 0)


class SuggestFormat(str, Enum):
    yaml = "yaml"
    json = "json"


@glossary_app.command("suggest")
def suggest_cmd(
    corpus: Annotated[list[str], typer.Argument(help="Article files (UTF-8 text); '-' for stdin.")],
    glossary: GlossaryOpt = None,
    fmt: Annotated[SuggestFormat, typer.Option("--format", "-f", help="yaml (to paste) or json (JSON Lines).")]
    = SuggestFormat.yaml,
    min_count: Annotated[int | None, typer.Option("--min-count", help="Propose only what is seen at least this "
                                                  "often (default: 1 for one file, else 2).",
                                                  show_default=False)] = None,
    derive: Annotated[bool, typer.Option("--derive/--no-derive", help="Fill uk/ru forms of new entries.")] = True,
) -> None:
    """Propose glossary additions from articles: new spellings of known entries and new names.

    Variants: mentions the normalizer finds by fuzzy, romanized or surname matching (or that are
    spelled close to a known form) but that the entry does not list. New entries: recurring
    capitalised names no entry covers, spellings clustered ("Kyrolo Budanov" + "Kyrylo Budanov"),
    kind guessed (person, place, organization, other). Output is YAML to review and paste.

    [bold]Examples[/bold]

      translit glossary suggest articles/*.txt

      translit glossary suggest article.txt --glossary bundled --format json
    """
    from ..glossary import Glossary
    from ..tools.suggest import render_yaml, suggest

    docs: list[tuple[str, str]] = []
    bad = False
    for name, text, error in iter_inputs(corpus):
        if error:
            echo_err(f"Error: {error}")
            bad = True
        else:
            docs.append((name, text or ""))
    if bad:
        raise typer.Exit(2)
    g = load_glossary_or_exit(glossary)
    with errors_to_exit():
        result = suggest(docs, g if len(g) else Glossary([]), min_count)
    if fmt == SuggestFormat.json:
        for v in result.variants:
            write_json_line(v.to_dict())
        for c in result.candidates:
            write_json_line(c.to_dict())
        return
    echo_out(render_yaml(result, derive))
