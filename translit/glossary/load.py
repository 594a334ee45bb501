"""Reading glossary YAML into entries, keeping the line and column of every field."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import GlossaryError, GlossaryProblem, Severity
from .model import FIELDS, Entry, Glossary

from .rules import RULES, check
from .paths import BUNDLED, ENV_VAR, bundled_dir, resolve_paths

__all__ = ["BUNDLED", "ENV_VAR", "bundled_dir", "resolve_paths", "read_file", "load_glossary", "lint_paths",
           "LintReport", "check_glossaries"]

_LIST_FIELDS = {"variants", "abbreviations", "context_in", "context_out", "keep", "shared_variants"}
_BOOL_FIELDS = {"surname_alone", "common_word", "override"}



def _problem(path: str, node: yaml.Node | None, message: str, entry: str | None = None,
             field: str | None = None) -> GlossaryProblem:
    line, col = (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else (1, 1)
    return GlossaryProblem(path, line, col, message, entry, field)


class _Unsafe:
    """A value whose YAML tag the safe loader refuses (!!python/...)."""

    def __init__(self, tag: str):
        self.tag = tag

    def __repr__(self) -> str:
        return self.tag


def _scalar_text(node: yaml.Node) -> object:
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    except yaml.YAMLError:
        return _Unsafe(node.tag)


def read_file(path: str | Path, display: str | None = None) -> tuple[list[Entry], list[GlossaryProblem]]:
    """Parse one glossary file into entries and the problems found on the way.

    Only the shape is checked here (a list of mappings, known fields, value
    types, required fields); the rules in `rules.py` check the content.
    """
    name = display or str(path)
    try:
        text = Path(path).read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        return [], [GlossaryProblem(name, 1, 1, f"not valid UTF-8 (byte offset {exc.start})", severity=Severity.fatal)]
    except OSError as exc:
        return [], [GlossaryProblem(name, 1, 1, f"cannot read: {exc.strerror or exc}", severity=Severity.fatal)]
    text = text.removeprefix("\ufeff")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(x for x in (exc.context, exc.problem) if x)
        return [], [GlossaryProblem(name, line, col, f"YAML syntax error: {what}", severity=Severity.fatal)]
    except yaml.YAMLError as exc:
        return [], [GlossaryProblem(name, 1, 1, f"YAML error: {exc}", severity=Severity.fatal)]
    if root is None:
        return [], []
    if not isinstance(root, yaml.SequenceNode):
        return [], [_problem(name, root, "a glossary file must be a YAML list of entries (- id: ...)")]

    entries: list[Entry] = []
    problems: list[GlossaryProblem] = []
    for item in root.value:
        entry, found = _read_entry(name, item)
        problems.extend(found)
        if entry is not None:
            entries.append(entry)
    return entries, problems


def _read_entry(name: str, node: yaml.Node) -> tuple[Entry | None, list[GlossaryProblem]]:
    if not isinstance(node, yaml.MappingNode):
        return None, [_problem(name, node, "each entry must be a mapping with at least id, kind and en")]
    problems: list[GlossaryProblem] = []
    values: dict[str, object] = {}
    positions: dict[str, tuple[int, int]] = {}
    raw_id = None
    for knode, vnode in node.value:
        if isinstance(knode, yaml.ScalarNode) and knode.value == "id" and isinstance(vnode, yaml.ScalarNode):
            raw_id = vnode.value
    for knode, vnode in node.value:
        key = knode.value if isinstance(knode, yaml.ScalarNode) else None
        if key not in FIELDS:
            allowed = ", ".join(FIELDS)
            problems.append(_problem(name, knode, f"unknown field {key!r}; allowed: {allowed}", raw_id))
            continue
        if key in values:
            problems.append(_problem(name, knode, "field given twice", raw_id, key))
            continue
        positions[key] = (vnode.start_mark.line + 1, vnode.start_mark.column + 1)
        if key in _LIST_FIELDS:
            if isinstance(vnode, yaml.ScalarNode) and vnode.tag.endswith(":null"):
                values[key] = []
                continue
            if not isinstance(vnode, yaml.SequenceNode):
                problems.append(_problem(name, vnode, "must be a list of strings", raw_id, key))
                continue
            items: list[str] = []
            bad = False
            for sub in vnode.value:
                value = _scalar_text(sub) if isinstance(sub, yaml.ScalarNode) else None
                if not isinstance(value, str):
                    problems.append(_problem(name, sub, "must be a string (quote it)", raw_id, key))
                    bad = True
                    continue
                items.append(value)
            if not bad:
                values[key] = items
                positions.update({f"{key}[{i}]": (s.start_mark.line + 1, s.start_mark.column + 1)
                                  for i, s in enumerate(vnode.value)})
            continue
        if not isinstance(vnode, yaml.ScalarNode):
            problems.append(_problem(name, vnode, "must be a single value, not a list or mapping", raw_id, key))
            continue
        value = _scalar_text(vnode)
        if key in _BOOL_FIELDS:
            if not isinstance(value, bool):
                problems.append(_problem(name, vnode, f"must be true or false, not {vnode.value!r}", raw_id, key))
                continue
        elif value is None:
            continue  # an explicitly empty optional field is the same as a missing one
        elif isinstance(value, _Unsafe):
            problems.append(_problem(name, vnode, f"YAML tag {value.tag!r} is not allowed", raw_id, key))
            continue
        elif not isinstance(value, str):
            problems.append(_problem(name, vnode, f"must be text, not {vnode.value!r} (quote it)", raw_id, key))
            continue
        values[key] = value
    for required in ("id", "kind", "en"):
        if not values.get(required):
            if not any(p.field == required for p in problems):
                problems.append(_problem(name, node, f"missing required field {required!r}", raw_id, required))
    if any(not values.get(r) for r in ("id", "kind", "en")):
        return None, problems
    entry = Entry(
        path=name,
        line=node.start_mark.line + 1,
        column=node.start_mark.column + 1,
        positions=positions,
        **values,  # type: ignore[arg-type]
    )
    return entry, problems


def lint_paths(paths: list[Path]) -> tuple[list[Entry], list[GlossaryProblem]]:
    """Read `paths` in order, merge them and run every rule; return entries and all problems."""
    merged: dict[str, Entry] = {}
    problems: list[GlossaryProblem] = []
    for path in paths:
        entries, found = read_file(path)
        problems.extend(found)
        for entry in entries:
            first = merged.get(entry.id)
            if first is not None and (not entry.override or first.path == entry.path):
                hint = ("ids must be unique within a file" if first.path == entry.path
                        else "add 'override: true' to replace it on purpose")
                problems.append(GlossaryProblem(
                    entry.path, entry.line, entry.column,
                    f"duplicate id; first defined at {first.path}:{first.line} ({hint})",
                    entry.id, "id"))
                for rule in RULES:          # the duplicate's own problems are reported too
                    problems.extend(rule(entry))
                continue
            merged[entry.id] = entry
    entries = list(merged.values())
    problems.extend(check(entries))
    return entries, problems


def load_glossary(specs: list[str] | None = None) -> Glossary:
    """Load the glossaries chosen by `specs` (see resolve_paths); raise GlossaryError on any problem."""
    paths = resolve_paths(specs)
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise GlossaryError([GlossaryProblem(str(p), 1, 1, "no such glossary file", severity=Severity.fatal) for p in missing])
    entries, problems = lint_paths(paths)
    if problems:
        raise GlossaryError(problems)
    return Glossary(entries, [str(p) for p in paths])


@dataclass
class LintReport:
    """The result of checking glossary files: what was read and every problem, in file order."""

    files: list[Path]
    entries: list[Entry]
    problems: list[GlossaryProblem]

    @property
    def fatal(self) -> bool:
        """A file is missing or cannot be read or parsed."""
        return any(p.fatal for p in self.problems)

    @property
    def exit_code(self) -> int:
        """0 clean, 1 rule problems, 2 a file cannot be used (the `glossary lint` contract)."""
        return 2 if self.fatal else 1 if self.problems else 0


def check_glossaries(specs: list[str] | None = None) -> LintReport:
    """Check the glossaries `specs` chooses (see resolve_paths) against every rule; never raises."""
    files = resolve_paths(specs or None)
    problems = [GlossaryProblem(str(p), 1, 1, f"cannot read: {'is not a file' if p.exists() else 'no such file'}",
                                severity=Severity.fatal) for p in files if not p.is_file()]
    entries, found = lint_paths([p for p in files if p.is_file()])
    problems = sorted(problems + found, key=lambda p: (p.path, p.line, p.column))
    return LintReport(files, entries, problems)
