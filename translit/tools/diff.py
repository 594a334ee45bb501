"""`glossary diff`: what entries and forms a change adds, changes and removes, for review.

Entries are matched by id; an id that disappears while a new id appears with
the same English form is reported as a rename.
"""
from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import GlossaryError, GlossaryProblem, InputError
from .layout import LIST_FIELDS
from ..glossary.load import read_file
from ..glossary.model import FIELDS, Entry
from ..glossary.rules import form_key

__all__ = ["Change", "diff_entries", "read_side", "read_git_side"]

_FATAL = ("YAML", "cannot read", "not valid UTF-8", "a glossary file must")


@dataclass
class Change:
    op: str                 # "+" added, "-" removed, "~" changed
    id: str
    kind: str
    en: str
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)  # name -> {"old","new"} or {"added","removed"}
    renamed_from: str | None = None

    def lines(self) -> list[str]:
        """Readable summary lines: `+ id (kind) en`, `~ id: variants + "x"`, `- id`."""
        if self.op in "+-":
            return [f"{self.op} {self.id} ({self.kind}) {self.en}"]
        out = []
        if self.renamed_from:
            out.append(f"~ {self.renamed_from} -> {self.id}: id renamed")
        for name, d in self.fields.items():
            if "added" in d or "removed" in d:
                parts = [f'+ "{v}"' for v in d.get("added", [])] + [f'- "{v}"' for v in d.get("removed", [])]
                out.append(f"~ {self.id}: {name} {', '.join(parts)}")
            else:
                out.append(f"~ {self.id}: {name} {_show(d['old'])} -> {_show(d['new'])}")
        return out

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"op": {"+": "added", "-": "removed", "~": "changed"}[self.op], "id": self.id,
                                  "kind": self.kind, "en": self.en}
        if self.fields:
            out["fields"] = self.fields
        if self.renamed_from:
            out["renamed_from"] = self.renamed_from
        return out


def _show(value: object) -> str:
    return "(none)" if value is None else f'"{value}"' if isinstance(value, str) else str(value).lower()


def _fields(old: Entry, new: Entry) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for name in FIELDS:
        if name == "id":
            continue
        a, b = getattr(old, name), getattr(new, name)
        if name in LIST_FIELDS:
            ka, kb = {form_key(x) for x in a}, {form_key(x) for x in b}
            added = [x for x in b if form_key(x) not in ka]
            removed = [x for x in a if form_key(x) not in kb]
            if added or removed:
                out[name] = {"added": added, "removed": removed}
        elif a != b:
            out[name] = {"old": a, "new": b}
    return out


def diff_entries(old: list[Entry], new: list[Entry]) -> list[Change]:
    """Changes from `old` to `new`, in the order of `new` (removals last)."""
    old_by = {e.id: e for e in old}
    new_by = {e.id: e for e in new}
    gone = {form_key(e.en): e for e in old if e.id not in new_by}
    changes: list[Change] = []
    renamed: set[str] = set()
    for e in new:
        before = old_by.get(e.id)
        if before is None and form_key(e.en) in gone:
            before = gone.pop(form_key(e.en))
            renamed.add(before.id)
            changes.append(Change("~", e.id, e.kind, e.en, _fields(before, e), renamed_from=before.id))
        elif before is None:
            changes.append(Change("+", e.id, e.kind, e.en))
        else:
            fields = _fields(before, e)
            if fields:
                changes.append(Change("~", e.id, e.kind, e.en, fields))
    for e in old:
        if e.id not in new_by and e.id not in renamed:
            changes.append(Change("-", e.id, e.kind, e.en))
    return changes


def _check(problems: list[GlossaryProblem]) -> None:
    fatal = [p for p in problems if p.message.startswith(_FATAL)]
    if fatal:
        raise GlossaryError(fatal)


def read_side(spec: str) -> list[Entry]:
    """Entries of a file, or of a directory's *.yaml files (shape problems other than parsing are ignored)."""
    p = Path(spec)
    if p.is_dir():
        paths = sorted([*p.glob("*.yaml"), *p.glob("*.yml")])
    elif p.is_file():
        paths = [p]
    else:
        raise InputError(f"{spec}: no such file or directory")
    entries: list[Entry] = []
    for path in paths:
        found, problems = read_file(path)
        _check(problems)
        entries.extend(found)
    return entries


def read_git_side(rev: str, spec: str, cwd: Path | None = None) -> list[Entry]:
    """Entries of `spec` (file or directory) as it is at git revision `rev` (read-only git calls)."""
    def git(*args: str) -> str:
        try:
            done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=True)
        except FileNotFoundError:
            raise InputError("git is not installed") from None
        except subprocess.CalledProcessError as exc:
            raise InputError(f"git {' '.join(args)}: {exc.stderr.decode('utf-8', 'replace').strip()}") from None
        return done.stdout.decode("utf-8")

    prefix = git("rev-parse", "--show-prefix").strip()
    names = [n for n in git("ls-tree", "-r", "--name-only", "--full-name", rev, "--", spec).splitlines()
             if n.endswith((".yaml", ".yml"))]
    entries: list[Entry] = []
    for name in sorted(names):
        text = git("show", f"{rev}:{name}")
        rel = name[len(prefix):] if prefix and name.startswith(prefix) else name
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", encoding="utf-8", delete=False) as fh:
            fh.write(text)
        try:
            found, problems = read_file(fh.name, display=f"{rev}:{rel}")
        finally:
            Path(fh.name).unlink()
        _check(problems)
        entries.extend(found)
    return entries


