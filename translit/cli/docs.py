"""Regenerate the parts of `docs/` that are derived from the code and the data.

    python -m translit.cli.docs           # rewrite docs/cli.md and the generated blocks
    python -m translit.cli.docs --check   # change nothing; exit 1 and name the files that drifted

`docs/cli.md` is the `--help` of every command. Other pages hold blocks between
`<!-- generated:NAME -->` and `<!-- /generated:NAME -->` (entry counts of the bundled
glossaries, the table of romanization schemes); everything outside them is hand-written.
`tests/test_docs.py` fails when a page differs from what this prints.
"""
from __future__ import annotations

import os
import re
import sys
from collections import Counter
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"
WIDTH = 100
_BLOCK = re.compile(r"(<!-- generated:(?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- /generated:(?P=name) -->)", re.S)


def _help(args: list[str]) -> str:
    from typer.testing import CliRunner

    from . import app

    result = CliRunner().invoke(app, [*args, "--help"], terminal_width=WIDTH, prog_name="translit",
                                env={"COLUMNS": str(WIDTH), "TERMINAL_WIDTH": str(WIDTH), "NO_COLOR": "1"})
    if result.exit_code != 0:
        raise RuntimeError(f"translit {' '.join(args)} --help exited {result.exit_code}: {result.output}")
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines).rstrip() + "\n"


def _commands() -> list[list[str]]:
    """Every command and group as argument lists, in --help order: [], ["normalize"], ["glossary", "lint"]..."""
    import click
    import typer.main

    from . import app

    root = typer.main.get_command(app)
    ctx = click.Context(root)
    out: list[list[str]] = [[]]

    def walk(prefix: list[str], group: click.Group) -> None:
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            out.append([*prefix, name])
            if isinstance(command, click.Group):
                walk([*prefix, name], command)

    walk([], root)  # type: ignore[arg-type]
    return out


def cli_page() -> str:
    parts = ["# Command reference\n",
             "Generated from `--help` by `python -m translit.cli.docs`; do not edit by hand.\n",
             "Exit codes of every command: see [exit-codes.md](exit-codes.md).\n"]
    for args in _commands():
        title = " ".join(["translit", *args])
        parts.append(f"## `{title}`\n\n```text\n{_help(args)}```\n")
    return "\n".join(parts)


def glossary_counts() -> str:
    from ..glossary import Entry, bundled_dir, lint_paths

    rows = []
    people: list[Entry] = []
    total = variants = abbreviations = 0
    for path in sorted(bundled_dir().glob("*.yaml")):
        entries, _ = lint_paths([path])
        kinds = Counter(e.kind for e in entries)
        rows.append(f"| `{path.name}` | {len(entries)} | {', '.join(f'{k} {n}' for k, n in kinds.most_common())} |")
        total += len(entries)
        variants += sum(len(e.variants) for e in entries)
        abbreviations += sum(len(e.abbreviations) for e in entries)
        people += [e for e in entries if e.kind == "person"]
    women = sum(e.gender == "f" for e in people)
    return ("| File | Entries | Kinds |\n|---|---:|---|\n" + "\n".join(rows) + "\n\n"
            f"{total} entries, {variants} variants and {abbreviations} abbreviations in {len(rows)} files; "
            f"{len(people)} people, {women} of them "
            "women.\n")


def given_names_count() -> str:
    import yaml

    from ..text.names import DATA_FILE

    rows = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    genders = Counter(row.get("gender") for row in rows)
    return f"{len(rows)} given names ({genders['m']} male, {genders['f']} female).\n"


def schemes_table() -> str:
    from ..schemes import list_schemes

    rows = ["| lang | slug | scheme | year | kind | reversible | ASCII | samples | checked against |",
            "|---|---|---|---|---|---|---|---:|---|"]
    for s in list_schemes():
        rows.append(f"| {s.lang} | `{s.slug}` | {s.name} | {s.year} | {s.kind} | {'yes' if s.reversible else 'no'} "
                    f"| {'yes' if s.ascii else 'no'} | {len(s.samples)} | {s.checked_with or '—'} |")
    return "\n".join(rows) + "\n"


BLOCKS = {"glossary-counts": glossary_counts, "schemes-table": schemes_table, "given-names-count": given_names_count}


def expected() -> dict[Path, str]:
    """Every generated page and every page with generated blocks, as it should read."""
    pages = {DOCS / "cli.md": cli_page()}
    for path in sorted(DOCS.glob("*.md")):
        if path.name == "cli.md":
            continue
        text = path.read_text(encoding="utf-8")
        names = [m.group("name") for m in _BLOCK.finditer(text)]
        unknown = [n for n in names if n not in BLOCKS]
        if unknown:
            raise SystemExit(f"{path}: unknown generated block(s): {', '.join(unknown)}")
        if names:
            made = {n: BLOCKS[n]() for n in names}
            pages[path] = _BLOCK.sub(lambda m: m.group(1) + made[m.group("name")] + m.group(4), text)
    return pages


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    check = "--check" in args
    if not DOCS.is_dir():
        print(f"Error: {DOCS} not found (run this from a checkout of translit)", file=sys.stderr)
        return 2
    os.environ.setdefault("TRANSLIT_GLOSSARY", "")  # help texts must not depend on the caller's glossaries
    drifted = []
    for path, text in expected().items():
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old == text:
            continue
        drifted.append(path)
        if not check:
            path.write_text(text, encoding="utf-8")
    for path in drifted:
        print(f"{path.relative_to(DOCS.parent)}: {'out of date' if check else 'rewritten'}", file=sys.stderr)
    if check and drifted:
        print("Error: docs drifted from the code; run 'python -m translit.cli.docs'", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
