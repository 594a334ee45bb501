"""Reading glossary YAML into entries, keeping the line and column of every field."""
from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from pathlib import Path

import yaml

from ..errors import GlossaryError, GlossaryProblem, Severity
from .model import FIELDS, Entry, Glossary

from .rules import RULES, check
from .paths import BUNDLED, ENV_VAR, bundled_dir, resolve_paths

__all__ = ["BUNDLED", "ENV_VAR", "bundled_dir", "resolve_paths", "read_file", "load_glossary", "lint_paths",
           "structure_problem", "MAX_DEPTH", "LintReport", "check_glossaries"]

_LIST_FIELDS = {"variants", "abbreviations", "context_in", "context_out", "keep", "shared_variants"}
_BOOL_FIELDS = {"surname_alone", "common_word", "override"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}



def _problem(path: str, node: yaml.Node | None, message: str, entry: str | None = None,
             field: str | None = None) -> GlossaryProblem:
    line, col = (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else (1, 1)
    return GlossaryProblem(path, line, col, message, entry, field)


MAX_DEPTH = 20  # an entry needs 3 levels (list, mapping, list of variants); anything deeper is hostile

_DEFAULT_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
_EMPTY = {"", "~", "null", "Null", "NULL"}


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark):
        self.mark = mark


class _Loader(yaml.BaseLoader):
    """A composer without implicit typing (every plain scalar is a string) that refuses deep nesting.

    BaseLoader's resolver tags every untagged scalar as a string, so a date that
    is not a date or a 5,000-digit number is just text; explicit tags stay on
    the node and are reported as problems, never constructed.
    """

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark)  # type: ignore[no-untyped-call]
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_CLoader = getattr(yaml, "CBaseLoader", None)  # libyaml's parser: the same events, many times faster
_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


# Where libyaml and PyYAML disagree: libyaml accepts a tab after a value or before a comment that
# PyYAML refuses, YAML 1.1's extra line breaks are best left to the reader that defines the errors,
# and an explicit key (`? key`) without a value has its empty value placed elsewhere by each.
_PYYAML_ONLY = re.compile("[\t\x85\u2028\u2029]|(?:^|(?<=[\\s\\[{,]))\\?(?=\\s|$)", re.M)


class _Unreadable(Exception):
    """Anything the fast path does not build itself (errors, aliases): the pure-Python composer reads it."""


def _c_compose(text: str, typed: list[yaml.Node] | None = None,
               each: Callable[[yaml.Node], None] | None = None) -> yaml.Node | None:
    """compose() built from libyaml's events, with the same nodes, tags, styles and marks.

    Raises _Unreadable when libyaml is missing, the text has a YAML error or uses
    aliases; then the pure-Python composer reads it again, so every error is worded
    and located as it always was. Raises _TooDeep like the composer does.
    `typed`: when given, plain scalars get YAML's implicit types (the tree yaml.compose
    builds with the safe loader) and every node with an explicit tag is added to it.
    `each`: when given, every item of a top-level list is handed to it as soon as it is complete and is
    not kept in the tree (a 100,000-entry glossary is never held whole as nodes); the root comes back empty.
    """
    if _CLoader is None or _PYYAML_ONLY.search(text):
        raise _Unreadable
    try:
        loader = _CLoader(text)
    except UnicodeEncodeError:  # a lone surrogate: the pure-Python reader reports it
        raise _Unreadable from None
    try:
        return _build(loader, typed, each)
    except (yaml.YAMLError, UnicodeError):
        raise _Unreadable from None
    finally:
        loader.dispose()


_TYPES = yaml.resolver.Resolver()


def _build(loader: yaml.CBaseLoader, typed: list[yaml.Node] | None,
           each: Callable[[yaml.Node], None] | None = None) -> yaml.Node | None:
    loader.get_event()  # StreamStart
    if loader.check_event(yaml.StreamEndEvent):
        return None
    loader.get_event()  # DocumentStart
    root: yaml.Node | None = None
    stack: list[yaml.Node] = []       # open collections
    keys: list[yaml.Node | None] = []  # a mapping's key waiting for its value
    anchors: set[str] = set()
    while True:
        event: Any = loader.get_event()  # libyaml's events (typed loosely by the stubs)
        kind = type(event)
        if kind is yaml.DocumentEndEvent:
            break
        if kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
            node = stack.pop()
            keys.pop()
            node.end_mark = event.end_mark
            if each is not None and len(stack) == 1 and isinstance(stack[0], yaml.SequenceNode):
                each(stack[0].value.pop())  # an item of the top-level list is complete
            continue
        if kind is yaml.AliasEvent:
            raise _Unreadable
        anchor = event.anchor
        if anchor is not None:
            if anchor in anchors:
                raise _Unreadable
            anchors.add(anchor)
        tag = event.tag
        explicit = tag is not None and tag != "!" and tag not in _DEFAULT_TAGS
        if len(stack) >= MAX_DEPTH:
            raise _TooDeep(event.start_mark)
        if kind is yaml.ScalarEvent:
            if typed is not None and (tag is None or tag == "!"):
                tag = _TYPES.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
            node = yaml.ScalarNode(_STR if tag is None or tag == "!" else tag, event.value,
                                   event.start_mark, event.end_mark, event.style or None)
        elif kind is yaml.SequenceStartEvent:
            node = yaml.SequenceNode(_SEQ if tag is None or tag == "!" else tag, [],
                                     event.start_mark, None, flow_style=event.flow_style)
        else:
            node = yaml.MappingNode(_MAP if tag is None or tag == "!" else tag, [],
                                    event.start_mark, None, flow_style=event.flow_style)
        if explicit and typed is not None:
            typed.append(node)
        if stack:
            parent = stack[-1]
            if isinstance(parent, yaml.SequenceNode):
                parent.value.append(node)
            elif keys[-1] is None:
                keys[-1] = node
            else:
                parent.value.append((keys[-1], node))
                keys[-1] = None
        else:
            root = node
        if kind is not yaml.ScalarEvent:
            stack.append(node)
            keys.append(None)
        elif each is not None and len(stack) == 1 and isinstance(stack[0], yaml.SequenceNode):
            each(stack[0].value.pop())
    if not loader.check_event(yaml.StreamEndEvent):
        raise _Unreadable  # a second document: the composer words the error
    if isinstance(root, yaml.ScalarNode):
        raise _Unreadable  # not a glossary (and an empty `---` document is placed differently): PyYAML says so
    return root


def compose_typed(text: str, path: str) -> tuple[yaml.Node | None, GlossaryProblem | None] | None:
    """What `yaml.compose` gives with the safe loader (implicit types) and structure_problem()'s
    verdict, from one read of `text`; None when only the slow path can say (errors, aliases, tabs)."""
    tagged: list[yaml.Node] = []
    try:
        root = _c_compose(text, tagged)
    except _Unreadable:
        return None
    except _TooDeep:
        return None
    return root, (_tag_problem(path, tagged[0], None, None) if tagged else None)


def compose(text: str) -> yaml.Node | None:
    """The node tree of `text`: every scalar a string, explicit tags kept on their nodes.

    Raises yaml.YAMLError, or _TooDeep past MAX_DEPTH levels.
    """
    return _compose_checked(text)[0]


def _compose_checked(text: str, each: Callable[[yaml.Node], None] | None = None) -> tuple[yaml.Node | None, bool]:
    """compose(), and whether the tree is known to hold no alias (libyaml's path refuses them).

    `each`: see _c_compose; only libyaml's path (True) streams items to it. When that path gives up
    part way, the pure-Python composer builds the whole tree and the items already handed over
    must be dropped by the caller.
    """
    try:
        return _c_compose(text, each=each), True
    except _Unreadable:
        pass
    loader = _Loader(text)
    try:
        return loader.get_single_node(), False
    finally:
        loader.dispose()


def structure_problem(text: str, name: str) -> GlossaryProblem | None:
    """The first reason `text` cannot be a glossary before its fields are even read, or None.

    YAML syntax, nesting deeper than MAX_DEPTH, an explicit tag on any node
    (scalar, list or mapping) and aliases (`*name`: a billion-laughs file
    expands to gigabytes) are refused. `glossary fmt` and `glossary add` call
    this before they parse a file their own way.
    """
    try:
        root = compose(text.removeprefix("\ufeff"))
    except _TooDeep as exc:
        return GlossaryProblem(name, exc.mark.line + 1, exc.mark.column + 1,
                               f"nesting too deep (more than {MAX_DEPTH} levels)", severity=Severity.fatal)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(x for x in (exc.context, exc.problem) if x)
        return GlossaryProblem(name, line, col, f"YAML syntax error: {what}", severity=Severity.fatal)
    except yaml.YAMLError as exc:
        return GlossaryProblem(name, 1, 1, f"YAML error: {exc}", severity=Severity.fatal)
    return None if root is None else _walk_problem(root, name)


def _walk_problem(root: yaml.Node, name: str) -> GlossaryProblem | None:
    """The first alias or explicit tag in the tree under `root`, without recursion."""
    seen: set[int] = set()
    stack: list[yaml.Node] = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            found = _problem(name, node, "YAML aliases (*name) are not allowed in glossaries; write the value out")
            return GlossaryProblem(found.path, found.line, found.column, found.message, severity=Severity.fatal)
        seen.add(id(node))
        tagged = _tag_problem(name, node, None, None)
        if tagged is not None:
            return tagged
        if isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for k, v in reversed(node.value):
                stack.extend((v, k))
    return None


def _tag_problem(name: str, node: yaml.Node, entry: str | None, field: str | None) -> GlossaryProblem | None:
    """A problem for an explicit YAML tag (!!int, !!timestamp, !custom...) on `node`, else None."""
    if node.tag in _DEFAULT_TAGS:
        return None
    return _problem(name, node, f"YAML tag {node.tag!r} is not allowed",
                    entry, field)


def _is_empty(node: yaml.ScalarNode) -> bool:
    """A plain `~`, `null` or nothing: the same as a missing optional field."""
    return node.style is None and node.value in _EMPTY


def read_file(path: str | Path, display: str | None = None,
              data: bytes | None = None) -> tuple[list[Entry], list[GlossaryProblem]]:
    """Parse one glossary file into entries and the problems found on the way.

    Only the shape is checked here (a list of mappings, known fields, value
    types, required fields); the rules in `rules.py` check the content.
    `data`: the file's bytes, already read (the compiled-glossary cache keys on them).
    """
    name = display or str(path)
    try:
        text = (Path(path).read_bytes() if data is None else data).decode("utf-8")
    except UnicodeDecodeError as exc:
        return [], [GlossaryProblem(name, 1, 1, f"not valid UTF-8 (byte offset {exc.start})", severity=Severity.fatal)]
    except OSError as exc:
        return [], [GlossaryProblem(name, 1, 1, f"cannot read: {exc.strerror or exc}", severity=Severity.fatal)]
    text = text.removeprefix("\ufeff")
    # libyaml's events are read into entries one list item at a time: the node tree of a big glossary
    # (a gigabyte at 100,000 entries) is never built; the pure-Python path builds it and reads it below
    streamed: list[tuple[Entry | None, list[GlossaryProblem]]] = []
    try:
        root, no_alias = _compose_checked(text, lambda item: streamed.append(_read_entry(name, item)))
    except _TooDeep as exc:
        return [], [GlossaryProblem(name, exc.mark.line + 1, exc.mark.column + 1,
                                    f"nesting too deep (more than {MAX_DEPTH} levels)", severity=Severity.fatal)]
    except RecursionError:
        return [], [GlossaryProblem(name, 1, 1, "nesting too deep", severity=Severity.fatal)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(x for x in (exc.context, exc.problem) if x)
        return [], [GlossaryProblem(name, line, col, f"YAML syntax error: {what}", severity=Severity.fatal)]
    except yaml.YAMLError as exc:
        return [], [GlossaryProblem(name, 1, 1, f"YAML error: {exc}", severity=Severity.fatal)]
    if root is None:
        return [], []
    aliased = None if no_alias else _walk_problem(root, name)  # explicit tags are reported per field below
    if aliased is not None and aliased.message.startswith("YAML aliases"):
        return [], [aliased]
    if not isinstance(root, yaml.SequenceNode):
        return [], [_problem(name, root, "a glossary file must be a YAML list of entries (- id: ...)")]
    tagged = _tag_problem(name, root, None, None)
    if tagged is not None:
        return [], [tagged]

    entries: list[Entry] = []
    problems: list[GlossaryProblem] = []
    if not no_alias:
        streamed.clear()  # libyaml gave up part way: the pure-Python tree holds every item
    for entry, found in itertools.chain(streamed, (_read_entry(name, item) for item in root.value)):
        problems.extend(found)
        if entry is not None:
            entries.append(entry)
    return entries, problems


def _read_entry(name: str, node: yaml.Node) -> tuple[Entry | None, list[GlossaryProblem]]:
    if not isinstance(node, yaml.MappingNode):
        return None, [_problem(name, node, "each entry must be a mapping with at least id, kind and en")]
    problems: list[GlossaryProblem] = []
    tagged = _tag_problem(name, node, None, None)
    if tagged is not None:
        problems.append(tagged)
    values: dict[str, object] = {}
    positions: dict[str, tuple[int, int]] = {}
    raw_id = None
    for knode, vnode in node.value:
        if isinstance(knode, yaml.ScalarNode) and knode.value == "id" and isinstance(vnode, yaml.ScalarNode):
            raw_id = vnode.value
    for knode, vnode in node.value:
        key = knode.value if isinstance(knode, yaml.ScalarNode) else None
        tagged = _tag_problem(name, knode, raw_id, None) or _tag_problem(name, vnode, raw_id, key)
        if tagged is not None:
            problems.append(tagged)
            continue
        if key not in FIELDS:
            allowed = ", ".join(FIELDS)
            problems.append(_problem(name, knode, f"unknown field {key!r}; allowed: {allowed}", raw_id))
            continue
        if key in values:
            problems.append(_problem(name, knode, "field given twice", raw_id, key))
            continue
        positions[key] = (vnode.start_mark.line + 1, vnode.start_mark.column + 1)
        if key in _LIST_FIELDS:
            if isinstance(vnode, yaml.ScalarNode) and _is_empty(vnode):
                values[key] = []
                continue
            if not isinstance(vnode, yaml.SequenceNode):
                problems.append(_problem(name, vnode, "must be a list of strings", raw_id, key))
                continue
            items: list[str] = []
            bad = False
            for sub in vnode.value:
                tagged = _tag_problem(name, sub, raw_id, key)
                if tagged is not None:
                    problems.append(tagged)
                    bad = True
                    continue
                if not isinstance(sub, yaml.ScalarNode):
                    problems.append(_problem(name, sub, "must be a string (quote it)", raw_id, key))
                    bad = True
                    continue
                items.append(sub.value)
            if not bad:
                values[key] = items
                positions.update({f"{key}[{i}]": (s.start_mark.line + 1, s.start_mark.column + 1)
                                  for i, s in enumerate(vnode.value)})
            continue
        if not isinstance(vnode, yaml.ScalarNode):
            problems.append(_problem(name, vnode, "must be a single value, not a list or mapping", raw_id, key))
            continue
        value: object = vnode.value
        if key in _BOOL_FIELDS:
            flag = _BOOLS.get(vnode.value) if vnode.style is None else None
            if flag is None:
                problems.append(_problem(name, vnode, f"must be true or false, not {vnode.value!r}", raw_id, key))
                continue
            value = flag
        elif _is_empty(vnode):
            continue  # an explicitly empty optional field is the same as a missing one
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


def lint_paths(paths: list[Path], data: dict[Path, bytes] | None = None
               ) -> tuple[list[Entry], list[GlossaryProblem]]:
    """Read `paths` in order, merge them and run every rule; return entries and all problems.

    `data` maps paths to bytes already read (those are parsed instead of the files).
    """
    merged: dict[str, Entry] = {}
    problems: list[GlossaryProblem] = []
    for path in paths:
        entries, found = read_file(path, data=(data or {}).get(path))
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


def load_glossary(specs: list[str] | None = None, data: dict[Path, bytes] | None = None) -> Glossary:
    """Load the glossaries chosen by `specs` (see resolve_paths); raise GlossaryError on any problem.

    `data`: bytes already read for some of the paths (parsed instead of reading the files again).
    """
    paths = resolve_paths(specs)
    missing = [p for p in paths if not p.is_file() and p not in (data or {})]
    if missing:
        raise GlossaryError([GlossaryProblem(str(p), 1, 1, "no such glossary file", severity=Severity.fatal) for p in missing])
    entries, problems = lint_paths(paths, data)
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
