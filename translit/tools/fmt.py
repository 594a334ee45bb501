"""`glossary fmt`: rewrite a glossary file in the canonical layout without losing anything.

Canonical layout: keys in `FIELDS` order, one blank line between entries,
lists in block style, plain scalars unless YAML needs quotes, apostrophes as
lint wants them (Latin ', Cyrillic ʼ), comments kept next to what they
describe. Entries stay in file order: the diff of a fmt run stays small and
the authors decide the grouping; sorting by id is a separate, explicit choice
(`sort=True`).

The text is written here rather than by ruamel.yaml's round-trip dumper:
ruamel attaches a comment line to the key *before* it, so putting keys in
canonical order would move such comments to the wrong field, and its list
and quoting styles follow the input. Here a comment line belongs to the
entry, field or list item that follows it, an end-of-line comment to its
line's field or item.

Every result is checked before it is returned: the formatted text must parse
to the same entries (after the apostrophe fixes), carry the same comments
(counted by ruamel.yaml's scanner, independently of the placement code here)
and format to itself again. Otherwise `FormatError` is raised and nothing
should be written.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import GlossaryProblem, Severity, TranslitError
from ..glossary.load import compose_typed, structure_problem
from ..files import read_text
from .layout import INDENT, field_order, render_scalar, tidy_value

__all__ = ["FormatError", "format_text", "format_file", "comment_texts"]


class FormatError(TranslitError):
    """A file that cannot be formatted safely; carries a located problem."""

    def __init__(self, problem: GlossaryProblem):
        self.problem = problem
        super().__init__(str(problem))


@dataclass
class _Comment:
    text: str            # from "#" to the end of the line, right-stripped
    blank_before: bool   # a blank line precedes it in the source


@dataclass
class _Item:
    value: object
    raw: str | None      # source text of a non-string scalar, kept as written
    lead: list[_Comment] = field(default_factory=list)
    eol: list[str] = field(default_factory=list)


@dataclass
class _Field:
    key: str
    value: object                      # the constructed value (str, bool, None, list...)
    raw: str | None                    # source text of a non-string scalar
    items: list[_Item] | None          # for lists
    lead: list[_Comment] = field(default_factory=list)
    eol: list[str] = field(default_factory=list)
    end_line: int = 0                  # last source line of the value (0-based)


@dataclass
class _Entry:
    fields: list[_Field]
    lead: list[_Comment] = field(default_factory=list)
    blank_before_start: bool = False   # a blank line right before "- id:" in the source


_COMMENT_START = re.compile(r"(?:^|(?<=[ \t]))#")


def comment_texts(text: str) -> Counter[str]:
    """Every comment in `text`, as libyaml's scanner sees it (independent of this module's placement).

    A comment is a `#` at the start of a line or after a space that is not inside a token
    (scalars, quoted or block, are tokens), up to the end of its line.
    """
    found: Counter[str] = Counter()
    if "#" not in text:
        return found
    spans = []
    try:
        for t in yaml.scan(text, Loader=_LOADER):
            if isinstance(t, yaml.ScalarToken):
                start = t.start_mark.index
                if t.style in ("|", ">"):           # the header line (| or >) may end in a comment
                    nl = text.find("\n", start)
                    start = nl if nl != -1 else t.end_mark.index
                spans.append((start, t.end_mark.index))
    except yaml.MarkedYAMLError as exc:
        raise _problem("<text>", exc.problem_mark or exc.context_mark,
                       f"YAML syntax error: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise _problem("<text>", None, f"YAML error: {exc}") from None
    spans.sort()
    i = 0
    pos = text.find("#")
    while pos != -1:
        while i < len(spans) and spans[i][1] <= pos:
            i += 1
        inside = i < len(spans) and spans[i][0] <= pos
        if not inside and (pos == 0 or text[pos - 1] in " \t\n"):
            end = text.find("\n", pos)
            end = len(text) if end == -1 else end
            found[text[pos:end].strip()] += 1
            pos = text.find("#", end)
            continue
        pos = text.find("#", pos + 1)
    return found


_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same marks, 10x faster


class _Loader(_BASE):  # type: ignore[valid-type,misc]
    """The safe loader, except that an implicit value that does not construct (a date that is
    not a date, a 5,000-digit number) stays the text it is, as the glossary loader reads it."""

    def construct_object(self, node, deep=False):  # type: ignore[no-untyped-def]
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError):
            if isinstance(node, yaml.ScalarNode):
                self.recursive_objects.pop(node, None)
                self.constructed_objects[node] = node.value
                return node.value
            raise


_LOADER = _Loader
_CONSTRUCTOR = _Loader("")


_STR = "tag:yaml.org,2002:str"


def _construct(node: yaml.ScalarNode) -> object:
    if node.tag == _STR:
        return node.value  # what the constructor returns for text, without its bookkeeping
    value = _CONSTRUCTOR.construct_object(node, deep=True)  # type: ignore[no-untyped-call]
    _CONSTRUCTOR.constructed_objects.clear()
    return value


def _problem(path: str, mark: yaml.Mark | None, message: str) -> FormatError:
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return FormatError(GlossaryProblem(path, line, col, message, severity=Severity.fatal))


def _compose(text: str, path: str) -> yaml.Node | None:
    """The node tree of `text` with YAML's implicit types (what yaml.load builds its values from)."""
    try:
        return yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        what = " ".join(x for x in (exc.context, exc.problem) if x)
        raise _problem(path, exc.problem_mark or exc.context_mark, f"YAML syntax error: {what}") from None
    except yaml.YAMLError as exc:
        raise _problem(path, None, f"YAML error: {exc}") from None


class _NotPlain(Exception):
    pass


def _plain_data(node: yaml.Node) -> object:
    """The value of a tree of lists, text-keyed mappings and scalars, built directly."""
    if isinstance(node, yaml.ScalarNode):
        return _construct(node)
    if isinstance(node, yaml.SequenceNode) and node.tag == "tag:yaml.org,2002:seq":
        return [_plain_data(n) for n in node.value]
    if isinstance(node, yaml.MappingNode) and node.tag == "tag:yaml.org,2002:map":
        out = {}
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode) or k.tag != _STR:
                raise _NotPlain  # merge keys (<<), typed or complex keys: the constructor's rules
            out[k.value] = _plain_data(v)  # a repeated key: the last one wins, as in the constructor
        return out
    raise _NotPlain


def _data(root: yaml.Node | None) -> object:
    """What yaml.load gives for the text `root` was composed from."""
    if root is None:
        return None
    try:
        return _plain_data(root)
    except _NotPlain:
        return _Loader("").construct_document(root)


def _parse(text: str, path: str, root: yaml.Node | None | bool = False
           ) -> tuple[list[_Entry], list[_Comment], yaml.Node | None]:
    """Entries with their comments, the comments after the last entry, and the node tree.

    `root`: the tree of `text` when it is already composed (our own output: no structure check).
    """
    if root is False:
        fast = compose_typed(text, path)  # libyaml's events read once: the tree and the structure check
        if fast is None:
            found = structure_problem(text, path)  # tags, aliases, deep nesting: refused before parsing
            if found is not None:
                raise FormatError(found)
            root = _compose(text, path)
        elif fast[1] is not None:
            raise FormatError(fast[1])
        else:
            root = fast[0]
    assert root is not True
    lines = text.split("\n")
    if root is None:
        return [], _full_line_comments(lines, range(len(lines))), None
    if not isinstance(root, yaml.SequenceNode) or root.flow_style:
        raise _problem(path, root.start_mark, "a glossary file must be a block list of entries (- id: ...)")

    # character spans holding scalar text, so a "#" inside a value is not a comment
    occupied: list[tuple[int, int]] = []
    entries: list[_Entry] = []
    anchors: list[tuple[int, object]] = []   # (line, _Entry | _Field | _Item) in document order
    for node in root.value:
        if not isinstance(node, yaml.MappingNode) or node.flow_style:
            raise _problem(path, node.start_mark, "each entry must be a block mapping (id: ..., kind: ...)")
        entry = _Entry(fields=[])
        anchors.append((node.start_mark.line, entry))
        for knode, vnode in node.value:
            if not isinstance(knode, yaml.ScalarNode):
                raise _problem(path, knode.start_mark, "keys must be plain field names")
            occupied.append((knode.start_mark.index, knode.end_mark.index))
            end = vnode.end_mark
            fld = _Field(knode.value, None, None, None, end_line=end.line if end.column else end.line - 1)
            if entry.fields:
                anchors.append((knode.start_mark.line, fld))
            entry.fields.append(fld)
            if isinstance(vnode, yaml.ScalarNode):
                fld.value, fld.raw = _scalar(vnode, occupied, text, path)
            elif isinstance(vnode, yaml.SequenceNode):
                fld.items = []
                for sub in vnode.value:
                    if not isinstance(sub, yaml.ScalarNode):
                        raise _problem(path, sub.start_mark, f"{knode.value}: list items must be single values")
                    item = _Item(*_scalar(sub, occupied, text, path))
                    fld.items.append(item)
                    anchors.append((sub.start_mark.line, item))
                fld.value = [i.value for i in fld.items]
            else:
                raise _problem(path, vnode.start_mark, f"{knode.value}: nested mappings are not glossary fields")
        entries.append(entry)
    trailing = _place_comments(text, lines, occupied, anchors, entries)
    return entries, trailing, root


def _scalar(node: yaml.ScalarNode, occupied: list[tuple[int, int]], text: str,
            path: str) -> tuple[object, str | None]:
    """The value of a scalar and, for anything but text and true/false, its source text."""
    _occupy(occupied, node, text)
    try:
        value = _construct(node)
    except yaml.YAMLError as exc:
        raise _problem(path, node.start_mark, f"cannot read this value: {exc}") from None
    return value, None if isinstance(value, (str, bool)) or value is None else node.value


def _occupy(occupied: list[tuple[int, int]], node: yaml.ScalarNode, text: str) -> None:
    start = node.start_mark.index
    if node.style in ("|", ">"):
        nl = text.find("\n", start)  # the header line (after | or >) may hold a comment
        start = nl if nl != -1 else node.end_mark.index
    occupied.append((start, node.end_mark.index))


def _full_line_comments(lines: list[str], rows: range) -> list[_Comment]:
    out = []
    for i in rows:
        s = lines[i].strip()
        if s.startswith("#"):
            out.append(_Comment(s.rstrip(), i > 0 and not lines[i - 1].strip()))
    return out


def _place_comments(text: str, lines: list[str], occupied: list[tuple[int, int]],
                    anchors: list[tuple[int, object]], entries: list[_Entry]) -> list[_Comment]:
    """Attach every comment to the entry, field or list item it belongs to; return the trailing ones."""
    occupied.sort()
    starts = [0]
    for ln in lines[:-1]:
        starts.append(starts[-1] + len(ln) + 1)
    # which anchor starts on each line (last one wins for eol purposes; first for lead purposes)
    first_on: dict[int, object] = {}
    last_on: dict[int, object] = {}
    key_on: dict[int, object] = {}
    for at, obj in anchors:
        first_on.setdefault(at, obj)
        last_on[at] = obj
        if not isinstance(obj, _Item):
            key_on[at] = obj
    anchor_lines = sorted(first_on)
    # the field whose value ends on a line (multi-line values with a comment after them)
    ends_on: dict[int, object] = {}
    for entry in entries:
        for fld in entry.fields:
            ends_on[fld.end_line] = fld
    trailing: list[_Comment] = []
    occ_i = 0
    for row, line in enumerate(lines):
        base = starts[row]
        for m in _COMMENT_START.finditer(line):
            pos = base + m.start()
            while occ_i < len(occupied) and occupied[occ_i][1] <= pos:
                occ_i += 1
            if occ_i < len(occupied) and occupied[occ_i][0] <= pos:
                continue
            comment = line[m.start():].rstrip()
            if not line[:m.start()].strip():
                c = _Comment(comment, row > 0 and not lines[row - 1].strip())
                k = bisect.bisect_right(anchor_lines, row)
                if k == len(anchor_lines):
                    trailing.append(c)
                else:
                    target = first_on[anchor_lines[k]]
                    target.lead.append(c)  # type: ignore[attr-defined]
            else:
                target = key_on.get(row) or last_on.get(row) or ends_on.get(row)
                if target is None:
                    k = bisect.bisect_right(anchor_lines, row) - 1
                    target = last_on[anchor_lines[k]] if k >= 0 else None
                if isinstance(target, _Entry):
                    target = target.fields[0]
                if target is None:
                    trailing.append(_Comment(comment, False))
                else:
                    target.eol.append(comment)  # type: ignore[attr-defined]
            break
    entry_line: dict[int, int] = {}
    for at, obj in anchors:
        if isinstance(obj, _Entry):
            entry_line[id(obj)] = at
    for entry in entries:
        start = entry_line.get(id(entry), anchor_lines[0])
        entry.blank_before_start = start > 0 and not lines[start - 1].strip()
        # an entry's own lead comments sit on the entry, not on its first field
        entry.fields[0].lead, entry.lead = [], entry.lead + entry.fields[0].lead
    return trailing


def _render(entries: list[_Entry], trailing: list[_Comment], path: str) -> str:
    out: list[str] = []

    def comments(cs: list[_Comment], indent: str, blank_ok: bool) -> None:
        for c in cs:
            if c.blank_before and blank_ok and out and out[-1] != "":
                out.append("")
            out.append(indent + c.text)

    for entry in entries:
        keys = field_order([f.key for f in entry.fields])
        kept: list[tuple[_Field, object]] = []
        pending: list[_Comment] = []
        for fld in sorted(entry.fields, key=lambda f: keys.index(f.key)):
            value = tidy_value(fld.key, fld.value)
            if value is None or value == []:
                # nothing to write: its comments go to the next field that is written
                pending += fld.lead + [_Comment(t, False) for t in fld.eol]
                pending += [c for item in (fld.items or []) for c in item.lead]
                pending += [_Comment(t, False) for item in (fld.items or []) for t in item.eol]
                continue
            fld.lead, pending = pending + fld.lead, []
            kept.append((fld, value))
        if not kept:
            raise _problem(path, None, "not formatted: an entry has no values at all")
        if pending:
            kept[-1][0].lead += pending
        if out and out[-1] != "":
            out.append("")
        comments(entry.lead, "", True)
        if entry.lead and entry.blank_before_start:
            out.append("")
        for n, (fld, value) in enumerate(kept):
            prefix, indent = ("- ", "") if n == 0 else (INDENT, INDENT)
            comments(fld.lead + [_Comment(t, False) for t in fld.eol[:-1]], indent, False)
            eol_text = f"  {fld.eol[-1]}" if fld.eol else ""
            if fld.items is not None:
                out.append(f"{prefix}{fld.key}:{eol_text}")
                for item, tidy in zip(fld.items, value):  # type: ignore[call-overload]
                    comments(item.lead + [_Comment(t, False) for t in item.eol[:-1]], INDENT + "  ", False)
                    text = item.raw if item.raw is not None else render_scalar(tidy, 6)
                    item_eol = f"  {item.eol[-1]}" if item.eol else ""
                    first_line, _, rest = text.partition("\n")
                    out.append(f"{INDENT}  - {first_line}{item_eol}" + (f"\n{rest}" if rest else ""))
            else:
                text = fld.raw if fld.raw is not None else render_scalar(value, 2)
                first_line, _, rest = text.partition("\n")
                out.append(f"{prefix}{fld.key}: {first_line}{eol_text}" + (f"\n{rest}" if rest else ""))
    if trailing:
        if out and out[-1] != "":
            out.append("")
        comments(trailing, "", True)
    return "\n".join(out) + "\n" if out else ""


def _expected(data: object) -> object:
    """What the formatted file must load as: the source data with the same tidying."""
    if not isinstance(data, list):
        return data
    out = []
    for entry in data:
        if isinstance(entry, dict):
            entry = {k: tidy_value(k, v) for k, v in entry.items()}
            entry = {k: v for k, v in entry.items() if v is not None and v != []}
        out.append(entry)
    return out


def _format_once(text: str, path: str, sort: bool, root: yaml.Node | None | bool = False
                 ) -> tuple[str, yaml.Node | None]:
    """The formatted text and the node tree of `text` (`root`: that tree, when already composed)."""
    entries, trailing, root = _parse(text, path, root)
    if sort and entries:
        header, entries[0].lead = entries[0].lead, []
        entries.sort(key=lambda e: str(next((f.value for f in e.fields if f.key == "id"), "")))
        entries[0].lead = header + entries[0].lead
    return _render(entries, trailing, path), root


def format_text(text: str, path: str = "<text>", sort: bool = False) -> str:
    """The canonical form of glossary `text`; raises FormatError if that cannot be done safely."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text.removeprefix("\ufeff")
    crlf = "\r\n" in body
    if crlf:
        body = body.replace("\r\n", "\n")
    out, root = _format_once(body, path, sort)
    try:
        _verify(body, out, path, sort, root)
    except FormatError as exc:
        if exc.problem.path != "<text>":
            raise
        raise FormatError(GlossaryProblem(path, exc.problem.line, exc.problem.column, exc.problem.message)) from None
    if crlf:
        out = out.replace("\n", "\r\n")
    return bom + out


def _verify(before: str, after: str, path: str, sort: bool, root: yaml.Node | None) -> None:
    """Refuse `after` unless it loads as `before` would after tidying, keeps every comment and
    formats to itself. `root`: the node tree of `before` (each text is composed once here)."""
    def refuse(why: str) -> FormatError:
        return _problem(path, None, f"not formatted: {why} (the file is left as it was; please report this)")

    data = _data(root)
    old = _expected(data)
    if after == before:
        # already formatted (the pre-commit case): comments and stability hold by identity
        if old != data and not (old is None and data is None):
            raise refuse("the formatted text would not load as the same entries")
        return
    after_root = _compose(after, "<text>")
    new = _data(after_root)
    if sort and isinstance(old, list) and isinstance(new, list):
        key = lambda e: str(e.get("id", "")) if isinstance(e, dict) else ""  # noqa: E731
        old, new = sorted(old, key=key), sorted(new, key=key)
    if old != new and not (old is None and new is None):
        raise refuse("the formatted text would not load as the same entries")
    if comment_texts(before) != comment_texts(after):
        lost = comment_texts(before) - comment_texts(after)
        raise refuse(f"comments would change: {sorted(lost) or 'placement'}")
    if _format_once(after, path, sort, after_root)[0] != after:
        raise refuse("formatting is not stable on this file")


def format_file(path: str | Path, sort: bool = False) -> tuple[str, str]:
    """(current text, formatted text) of one file; raises FormatError or InputError."""
    text = read_text(path)
    return text, format_text(text, str(path), sort)
