"""`glossary add`: build a new entry, check it against the glossary, append it to a file.

The file keeps every byte it had: the entry is appended after one blank line,
in the canonical layout, with `# derived by translit glossary add, review` on
every field that was guessed rather than given.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import GlossaryProblem, InputError, UsageError
from ..files import atomic_write_text, read_text
from .derive import Derivation, derive_forms, slugify
from .layout import render_entry, tidy_form
from ..glossary.load import lint_paths, read_file
from ..glossary.model import FIELDS, KINDS, Entry
from ..glossary.rules import check, form_key

__all__ = ["DERIVED_COMMENT", "KIND_FILES", "NewEntry", "AddError", "default_file", "build_entry",
           "check_new", "append_entries"]

DERIVED_COMMENT = "derived by translit glossary add, review"

# where `add` puts an entry of each kind by default (the bundled layout)
KIND_FILES = {
    "person": "people.yaml",
    "place": "places.yaml",
    "organization": "organizations.yaml",
    "equipment": "equipment.yaml",
    "media": "media.yaml",
    "unit": "units.yaml",
    "event": "events.yaml",
    "other": "other.yaml",
}


class AddError(UsageError):
    """The entry cannot be added (duplicate, invalid); holds the problems."""

    def __init__(self, message: str, problems: list[GlossaryProblem] | None = None):
        self.problems = problems or []
        super().__init__(message)


@dataclass
class NewEntry:
    values: dict[str, object]
    derived: dict[str, Derivation] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return str(self.values["id"])

    def entry(self, path: str = "<new>") -> Entry:
        kwargs = {k: v for k, v in self.values.items() if k in FIELDS and v not in (None, [])}
        return Entry(path=path, line=0, column=0, **kwargs)  # type: ignore[arg-type]

    def render(self) -> str:
        return render_entry(self.values, {k: DERIVED_COMMENT for k in self.derived})


def default_file(kind: str, directory: Path = Path("glossaries")) -> Path:
    """The file for `kind` in `directory`: the bundled-style name, or a file already holding that kind."""
    preferred = directory / KIND_FILES.get(kind, f"{kind}.yaml")
    if preferred.exists() or not directory.is_dir():
        return preferred
    for path in sorted(directory.glob("*.yaml")):
        entries, _ = read_file(path)
        if entries and sum(e.kind == kind for e in entries) * 2 > len(entries):
            return path
    return preferred


def build_entry(kind: str, en: str | None = None, uk: str | None = None, ru: str | None = None,
                variants: list[str] | None = None, gender: str | None = None, entry_id: str | None = None,
                note: str | None = None, derive: bool = True) -> NewEntry:
    """The new entry with missing forms derived (unless `derive` is False)."""
    if kind not in KINDS:
        raise UsageError(f"unknown kind {kind!r}; allowed: {', '.join(KINDS)}")
    given = {k: tidy_form(v.strip()) if v else None for k, v in (("en", en), ("uk", uk), ("ru", ru))}
    if not any(given.values()):
        raise UsageError("give at least one form: --en, --uk or --ru")
    derived = derive_forms(kind, {**given, "gender": gender}) if derive else {}
    values: dict[str, object] = {"id": None, "kind": kind}
    for lang in ("en", "uk", "ru"):
        values[lang] = given[lang] or (derived[lang].value if lang in derived else None)
    if not values["en"]:
        raise UsageError("no English form given and none could be derived; pass --en")
    values["gender"] = gender or (derived["gender"].value if "gender" in derived else None)
    values["variants"] = [tidy_form(v.strip()) for v in variants or []]
    values["note"] = note
    values["id"] = entry_id or slugify(str(values["en"]))
    if not values["id"]:
        raise UsageError(f"cannot make an id from {values['en']!r}; pass --id")
    return NewEntry(values, {k: d for k, d in derived.items() if values.get(k) == d.value})


def check_new(new: list[NewEntry], existing: list[Entry], path: str) -> list[GlossaryProblem]:
    """Problems that stop `new` from joining `existing`: duplicates first, then every lint rule."""
    problems: list[GlossaryProblem] = []
    ids = {e.id: e for e in existing}
    owner: dict[str, Entry] = {}
    for e in existing:
        for text in [e.en, e.uk, e.ru, *e.variants]:
            if text:
                owner.setdefault(form_key(text), e)
    for item in new:
        entry = item.entry(path)
        if entry.id in ids:
            same_id = ids[entry.id]
            problems.append(GlossaryProblem(path, 0, 0, f"id {entry.id!r} already exists at {same_id.path}:"
                                            f"{same_id.line}; pass --id to choose another", entry.id, "id"))
        else:
            shared = {form_key(s) for s in entry.shared_variants}
            for name in ("en", "uk", "ru", "variants"):
                texts = getattr(entry, name)
                for text in texts if isinstance(texts, list) else [texts]:
                    other = owner.get(form_key(text)) if text else None
                    if other is not None and form_key(text) not in shared:
                        problems.append(GlossaryProblem(
                            path, 0, 0, f"{text!r} is already a form of {other.id!r} ({other.path}:{other.line})",
                            entry.id, name))
        ids[entry.id] = entry
        for text in [entry.en, entry.uk, entry.ru, *entry.variants]:
            if text:
                owner.setdefault(form_key(text), entry)
    if problems:
        return problems
    entries = [n.entry(path) for n in new]
    return [p for p in check(existing + entries) if p.entry in {e.id for e in entries} and p.line == 0]


def _read_existing(path: Path) -> str:
    if not path.exists():
        return ""
    text = read_text(path)
    try:
        root = yaml.compose(text.removeprefix("\ufeff"), Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise InputError(f"{where}: YAML syntax error: {exc.problem}; fix it before adding entries") from None
    if root is not None and (not isinstance(root, yaml.SequenceNode) or root.flow_style):
        raise InputError(f"{path}: not a block list of entries (- id: ...); cannot append to it")
    return text


def append_entries(path: Path, new: list[NewEntry], glossary_paths: list[Path]) -> str:
    """Check `new` against the glossary and `path`, append them to `path` atomically; return the text added.

    Raises AddError (duplicates, lint problems) or InputError (unreadable
    target); in both cases nothing is written.
    """
    if not path.parent.is_dir():
        raise InputError(f"{path.parent}: no such directory; pass --file to choose the glossary file")
    old_text = _read_existing(path)
    paths = [p for p in glossary_paths if p.is_file()]
    if path.exists() and path.resolve() not in {p.resolve() for p in paths}:
        paths.append(path)
    existing, _ = lint_paths(paths)
    problems = check_new(new, existing, str(path))
    if problems:
        raise AddError(f"not added to {path}", problems)
    added = "\n\n".join(n.render() for n in new) + "\n"
    body = old_text.rstrip("\r\n")
    nl = "\r\n" if "\r\n" in old_text else "\n"
    text = (body + "\n\n" if body else "") + added
    text = text.replace("\n", nl) if nl != "\n" else text
    # the file must still hold everything it held, plus the new entries, before it is written
    before = yaml.safe_load(old_text.removeprefix("\ufeff")) or []
    after = yaml.safe_load(text.removeprefix("\ufeff")) or []
    if after[:len(before)] != before or len(after) != len(before) + len(new):
        raise AddError(f"not added to {path}: appending would change existing entries (please report this)")
    atomic_write_text(path, text)
    return added

