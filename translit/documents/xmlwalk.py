"""Blocks from the XML of office documents: one scanner, a table of element roles per format.

Roles: a paragraph is a block; a run carries a style (its formatting properties); a
link adds a style around its runs; text holders hold reader text; separators are
inline non-text (images, breaks, footnote marks) and may hold paragraphs of their own
(a text box, a footnote body), which become blocks after the paragraph they sit in;
silent elements are skipped without a trace (bookmarks, properties, deleted text, field
instructions); `spaces` are elements standing for spaces (ODF `<text:s text:c="3"/>`);
`alt` elements carry reader-facing attributes (an image's description and title: DOCX
`wp:docPr`, PPTX `p:cNvPr`), each a block of its own after the part's paragraphs.
Anything else is looked through.

A part is first checked by expat (well-formed, UTF-8, no DTD; C code only, no Python per
element), then scanned once with a regular expression over its bytes, tag by tag, building
no tree: a paragraph's blocks are made while it is read, and a silent element is jumped
over to its end tag in one search (run and paragraph properties are most of a DOCX's
elements). Every piece of text keeps its byte positions, so a change is spliced into the
original part.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from typing import NamedTuple

from .model import Block, BlockBuilder, Document, Part, Run, Unit, value_units
from .errors import DocumentError
from .xmlparts import check_xml, escape_xml
from .zipsafe import read_member, zip_writer

__all__ = ["Roles", "blocks_from_xml", "read_xml_parts"]


@dataclass(frozen=True)
class Roles:
    paragraphs: frozenset[str]
    holders: frozenset[str]                       # elements whose character data is text
    runs: frozenset[str] = frozenset()
    props: frozenset[str] = frozenset()           # a run's formatting child (its bytes are the style)
    style_attr: str = ""                          # or: the run's attribute naming its style (ODF)
    links: frozenset[str] = frozenset()
    seps: frozenset[str] = frozenset()
    silent: frozenset[str] = frozenset()
    spaces: dict[str, str] = field(default_factory=dict)     # tag -> attribute with the count
    preserve: str = ""                            # holder attribute that keeps edge spaces (DOCX xml:space)
    volatile_attrs: frozenset[str] = frozenset()  # attributes of props that are not formatting
    alt: frozenset[str] = frozenset()             # elements whose `descr` and `title` attributes are text


ALT_ATTRS = ("descr", "title")
XML_NS = "http://www.w3.org/XML/1998/namespace"

# one markup token: a start, end or empty tag (1 "/" of an end tag, 2 name, 3 attributes, with a
# final "/" for an empty tag), a comment, a CDATA section (4 its text), a processing instruction
# or a document type declaration (no internal subset: check_xml refuses those)
_ATTRS = rb"""[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*"""         # a start tag's attributes
_TOKEN = re.compile(rb"""<(?:(/?)([^\s/>!?]+)([^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*)>"""
                    rb"""|!--.*?-->|!\[CDATA\[(.*?)\]\]>|\?.*?\?>|![^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>)""", re.S)
_ATTR = re.compile(rb"""([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ALT_ATTR = re.compile(rb"""\s(descr|title)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REF = re.compile(r"&([^;&\s]*);|\r\n?|[\t\n]")
_TEXT_SPECIAL = re.compile(rb"&[^;&\s]*;|\r\n?")
_CR = re.compile(rb"\r\n?")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}

# element roles as bits
_P, _HOLDER, _RUN, _PROPS, _LINK, _SEP, _SILENT, _SPACES, _ALT = (1 << i for i in range(9))
# scanning modes: outside paragraphs, inside a paragraph, inside a separator (only paragraphs and alt count)
_OUT, _WALK, _IN_SEP = range(3)
_NO_TEXT, _TEXT = -2, -1
_NO_PROPS = ("props", (), b"")


def _ref(name: str) -> str:
    if name.startswith("#x") or name.startswith("#X"):
        return chr(int(name[2:], 16))
    if name.startswith("#"):
        return chr(int(name[1:]))
    return _ENTITIES.get(name, f"&{name};")


def _unescape(raw: str) -> str:
    """Character data (or one piece of an attribute value) as XML reads it."""
    return " " if raw in ("\t", "\n", "\r", "\r\n") else _REF.sub(
        lambda m: _ref(m.group(1)) if m.group(1) is not None else "\n", raw)


def _attr_value(raw: bytes) -> str:
    """An attribute value as XML reads it: references resolved, each line break or tab a space."""
    return _REF.sub(lambda m: _ref(m.group(1)) if m.group(1) is not None else " ", raw.decode("utf-8"))


def _piece(raw: bytes) -> str:
    """One reference or line break of character data as XML reads it (CR LF and CR are a line feed)."""
    return "\n" if raw[0] == 13 else _ref(raw[1:-1].decode("utf-8"))


def _text_units(data: bytes, a: int, b: int, cdata: bool = False) -> list[Unit]:
    """Character data data[a:b] as units: literal stretches, each reference (not in CDATA) or CR its own unit."""
    raw = data[a:b]
    if b"\r" not in raw and (cdata or b"&" not in raw):
        return [Unit(raw.decode("utf-8"), a, b)]
    units: list[Unit] = []
    pos = 0
    for m in (_CR if cdata else _TEXT_SPECIAL).finditer(raw):
        if m.start() > pos:
            units.append(Unit(raw[pos:m.start()].decode("utf-8"), a + pos, a + m.start()))
        units.append(Unit(_piece(m.group()), a + m.start(), a + m.end(), literal=False))
        pos = m.end()
    if pos < len(raw):
        units.append(Unit(raw[pos:].decode("utf-8"), a + pos, b))
    return units


class _Alt(NamedTuple):
    """An element with alt text: where its start tag is and its attributes."""

    start: int
    tag_end: int
    attrs: dict[str, str]


def _alt_units(el: _Alt, data: bytes) -> list[tuple[str, list[Unit]]]:
    """(name, units) for each non-empty `descr`/`title` attribute of `el`, located in the start tag's bytes."""
    out: list[tuple[str, list[Unit]]] = []
    for m in _ALT_ATTR.finditer(data, el.start, el.tag_end):
        name = m.group(1).decode()
        text = el.attrs.get(name, "")
        if not text.strip():
            continue
        group = 2 if m.group(2) is not None else 3
        raw = m.group(group).decode("utf-8", "replace")
        out.append((name, value_units(raw, m.start(group), '"' if group == 2 else "'", _unescape, text,
                                      encoded=True)))
    return out


class _Frame:
    """An open paragraph: its builder, the alt elements met in its separators, what its nested paragraphs made."""

    __slots__ = ("b", "alts", "blocks", "nested_alts", "parent")

    def __init__(self, part: str, parent: _Frame | None):
        self.b = BlockBuilder(part)
        self.alts: list[_Alt] = []
        self.blocks: list[Block] = []
        self.nested_alts: list[_Alt] = []
        self.parent = parent


_CLOSERS: dict[bytes, re.Pattern[bytes]] = {}


def _element_end(data: bytes, qname: bytes, pos: int) -> tuple[int, int]:
    """(start, end) of the end tag closing the element named `qname` whose content starts at `pos`.

    One search for the name's tags; when the content has comments or CDATA (where tag-like text
    could mislead that search), tag by tag instead. The part is well-formed, so the end is there.
    """
    closer = _CLOSERS.get(qname)
    if closer is None:
        closer = _CLOSERS[qname] = re.compile(b"<(/?)" + re.escape(qname) +
                                              rb"""(?=[\s/>])[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>""")
    depth = 1
    at = pos
    while (m := closer.search(data, at)) is not None:
        if m.group(1):
            depth -= 1
            if depth == 0:
                if data.find(b"<!", pos, m.start()) < 0:
                    return m.span()
                break
        elif not m.group().endswith(b"/>"):
            depth += 1
        at = m.end()
    depth = 1
    at = pos
    while (m := _TOKEN.search(data, at)) is not None:
        if m.group(2) is not None:
            if m.group(1):
                depth -= 1
                if depth == 0:
                    return m.span()
            elif not m.group(3).endswith(b"/"):
                depth += 1
        at = m.end()
    raise DocumentError(f"no end tag for {qname.decode('utf-8', 'replace')}")


class _Scope:
    """Namespace prefixes in force, and the roles of the element names met under them."""

    __slots__ = ("prefixes", "names", "runs", "props")

    def __init__(self, prefixes: dict[bytes, str]):
        self.prefixes = prefixes
        self.names: dict[bytes, tuple[int, str]] = {}
        self.runs: re.Pattern[bytes] | None = None     # a usual run (see _Scanner._run_pattern)
        self.props: dict[tuple[bytes, bytes | None], int] = {}      # a props element's bytes -> style id

    def clark(self, qname: bytes) -> str:
        prefix, _, local = qname.rpartition(b":")
        uri = self.prefixes.get(prefix, "")
        return "{" + uri + "}" + local.decode() if uri else local.decode()

    def attrs(self, raw: bytes) -> dict[str, str]:
        """The attributes of a start tag (not the namespace declarations), names in {namespace}local form."""
        out: dict[str, str] = {}
        for m in _ATTR.finditer(raw):
            name = m.group(1)
            if name == b"xmlns" or name.startswith(b"xmlns:"):
                continue
            value = m.group(2) if m.group(2) is not None else m.group(3)
            out[self.clark(name) if b":" in name else name.decode()] = _attr_value(value)
        return out

    def declare(self, raw: bytes) -> _Scope:
        """The scope inside an element whose start tag has namespace declarations."""
        prefixes = dict(self.prefixes)
        for m in _ATTR.finditer(raw):
            name = m.group(1)
            if name == b"xmlns" or name.startswith(b"xmlns:"):
                value = m.group(2) if m.group(2) is not None else m.group(3)
                prefixes[name[6:]] = _attr_value(value)
        return _Scope(prefixes)


def _role_table(roles: Roles) -> dict[str, int]:
    table: dict[str, int] = {}
    for names, bit in ((roles.paragraphs, _P), (roles.holders, _HOLDER), (roles.runs, _RUN), (roles.props, _PROPS),
                       (roles.links, _LINK), (roles.seps, _SEP), (roles.silent, _SILENT), (roles.spaces, _SPACES),
                       (roles.alt, _ALT)):
        for name in names:
            table[name] = table.get(name, 0) | bit
    return table


class _Scanner:
    """One part read tag by tag (see the module docstring); `blocks()` gives its blocks in reading order."""

    def __init__(self, roles: Roles, data: bytes, part: str):
        self.roles = roles
        self.data = data
        self.part = part
        self.table = _role_table(roles)
        self.styles: dict[object, int] = {}
        self.links: set[int] = set()
        self.out: list[Block] = []
        self.alts: list[_Alt] = []
        self.preserved: dict[bytes, bool] = {}

    def _style_id(self, key: object) -> int:
        return self.styles.setdefault(key, len(self.styles) + 1)

    def _props_key(self, scope: _Scope, raw_attrs: bytes, inner: bytes) -> object:
        """A run's style from its props element: its formatting attributes and its content's bytes."""
        attrs = tuple(sorted((k, v) for k, v in scope.attrs(raw_attrs).items()
                             if k.rsplit("}", 1)[-1] not in self.roles.volatile_attrs))
        return ("props", attrs, inner)

    def _role(self, scope: _Scope, qname: bytes) -> tuple[int, str]:
        role = scope.names.get(qname)
        if role is None:
            tag = scope.clark(qname)
            role = scope.names[qname] = (self.table.get(tag, 0), tag)
        return role

    def _close(self, frame: _Frame) -> _Frame | None:
        """End a paragraph: its block, then its nested paragraphs' blocks, go to the enclosing paragraph
        (or the part); the same for alt elements. The enclosing paragraph's frame is returned."""
        b = frame.b
        b.end()
        if b.blocks:
            _plain_dominant(b.blocks[-1], self.links)
        parent = frame.parent
        blocks, alts = (parent.blocks, parent.nested_alts) if parent else (self.out, self.alts)
        blocks += b.blocks
        blocks += frame.blocks
        alts += frame.alts
        alts += frame.nested_alts
        return parent

    def blocks(self) -> list[Block]:
        data, roles, part = self.data, self.roles, self.part
        search = _TOKEN.search
        # the state inside the innermost open element; `stack` keeps the outer elements' states
        mode = _OUT
        style: tuple[int, ...] = ()
        holder = _NO_TEXT           # or _TEXT, or where xml:space="preserve" goes when the text changes
        pending = False             # a run whose style (its props child) is not known yet
        scope = _Scope({b"xml": XML_NS})
        scope.runs = self._run_pattern(scope)
        frame: _Frame | None = None
        stack: list[tuple[int, tuple[int, ...], int, bool, _Scope, bool]] = []
        pos = 0
        while True:
            if mode == _WALK and holder == _NO_TEXT and scope.runs is not None and not pending and frame is not None:
                pos = self._simple_runs(frame, scope, pos, style)
            m = search(data, pos)
            if m is None:
                break
            at = m.start()
            if holder != _NO_TEXT and frame is not None and (at > pos or m.group(4)):
                if pending:
                    style, pending = style[:-1] + (self._style_id(_NO_PROPS),), False
                if at > pos:
                    self._text(frame, _text_units(data, pos, at), style, holder)
                if m.group(4):          # CDATA
                    self._text(frame, _text_units(data, m.start(4), m.end(4), cdata=True), style, holder)
            pos = m.end()
            qname = m.group(2)
            if qname is None:           # comment, CDATA, processing instruction, document type
                continue
            if m.group(1):              # an end tag
                mode, style, holder, pending, scope, paragraph = stack.pop()
                if paragraph and frame is not None:
                    frame = self._close(frame)
                continue
            raw = m.group(3)
            empty = raw.endswith(b"/")
            if b"xmlns" in raw:
                inner = scope.declare(raw)
                inner.runs = self._run_pattern(inner)
            else:
                inner = scope
            bits, tag = self._role(inner, qname)
            if mode == _WALK and frame is not None:
                span = None
                if pending:             # the first child of a run: its properties, or none
                    key: object = _NO_PROPS
                    if bits & _PROPS:
                        span = (pos, pos) if empty else _element_end(data, qname, pos)
                        key = self._props_key(inner, raw, data[pos:span[0]])
                    style, pending = style[:-1] + (self._style_id(key),), False
                if bits & _SILENT:
                    if not empty:
                        pos = (span or _element_end(data, qname, pos))[1]
                    continue
                if bits & _P:
                    frame.b.sep("paragraph")
                elif bits & _SPACES:
                    try:
                        count = max(1, int(inner.attrs(raw).get(roles.spaces[tag], "1")))
                    except ValueError:
                        count = 1
                    if not empty:
                        pos = _element_end(data, qname, pos)[1]
                    frame.b.text(Unit(" " * count, at, pos, literal=False), style, gap=False)
                    continue
                elif bits & _SEP:
                    frame.b.sep(tag.rsplit("}", 1)[-1])
                    if not empty:
                        stack.append((mode, style, holder, pending, scope, False))
                        mode, holder, scope = _IN_SEP, _NO_TEXT, inner
                    continue
                elif empty:
                    continue
                else:
                    stack.append((mode, style, holder, pending, scope, False))
                    scope = inner
                    if bits & _RUN:
                        if roles.style_attr:
                            key2 = ("attr", tag, inner.attrs(raw).get(roles.style_attr, ""))
                            style = style + (self._style_id(key2),)
                        else:
                            style, pending = style + (0,), True
                    elif bits & _LINK:
                        link = self._style_id(("link", at))
                        self.links.add(link)
                        style = style + (link,)
                    holder = self._holder(bits, raw, pos, inner)
                    continue
            elif mode == _OUT and bits & _SILENT and not bits & _P:
                if not empty:
                    pos = _element_end(data, qname, pos)[1]
                continue
            elif bits & _ALT and not bits & _P:
                alt = _Alt(at, pos, inner.attrs(raw))
                (frame.alts if mode == _IN_SEP and frame is not None else self.alts).append(alt)
            if bits & _P:               # a paragraph: in a paragraph, in a separator or outside
                frame = _Frame(part, frame)
                if empty:
                    frame = self._close(frame)
                    continue
                stack.append((mode, style, holder, pending, scope, True))
                mode, style, pending, scope = _WALK, (), False, inner
                holder = self._holder(bits, raw, pos, inner)
            elif not empty:
                stack.append((mode, style, holder, pending, scope, False))
                scope = inner
        b = BlockBuilder(part)
        for el in self.alts:
            for name, units in _alt_units(el, data):
                b.single(units, "alt" if name == "descr" else name)
        return self.out + b.blocks

    def _simple_runs(self, frame: _Frame, scope: _Scope, pos: int, style: tuple[int, ...]) -> int:
        """Read the runs from `pos` on that have the usual form, each in one match: its properties (or
        none) and one text holder (DOCX `<w:r><w:rPr>...</w:rPr><w:t>text</w:t></w:r>`). Where the last one
        ends (`pos` when there is none; what follows is read tag by tag)."""
        pattern, data, b = scope.runs, self.data, frame.b
        preserve = self.roles.preserve
        styles: dict[int, tuple[int, ...]] = {}       # a run's own style id -> its style stack
        while pattern is not None and (m := pattern.match(data, pos)) is not None:
            run_attrs, props_attrs, props, hold_attrs, text = m.groups()
            if b"xmlns" in run_attrs or b"xmlns" in hold_attrs:
                break
            if props_attrs is None:
                own = self.styles.get(_NO_PROPS) or self._style_id(_NO_PROPS)
            else:
                own = scope.props.get((props_attrs, props), 0)
                if not own:
                    if b"xmlns" in props_attrs or (props is not None and b"<!" in props):
                        break
                    own = scope.props[(props_attrs, props)] = self._style_id(
                        self._props_key(scope, props_attrs, props or b""))
            pos = m.end()
            if not text:
                continue
            start, end = m.span(5)
            holder = _TEXT
            if preserve and not (b"space" in hold_attrs and self._preserved(scope, hold_attrs)):
                holder = start - 1
            run_style = styles.get(own)
            if run_style is None:
                run_style = styles[own] = style + (own,)
            if b"&" in text or b"\r" in text:
                self._text(frame, _text_units(data, start, end), run_style, holder)
                continue
            unit = Unit(text.decode("utf-8"), start, end)
            if holder >= 0:
                unit.insert_at, unit.insert = holder, ' xml:space="preserve"'
            b.text(unit, run_style, gap=False)
        return pos

    def _run_pattern(self, scope: _Scope) -> re.Pattern[bytes] | None:
        """The pattern of a usual run under `scope`: the run, a props element of its namespace (optional),
        one holder of its namespace; None unless the roles name one of each and the scope has a prefix for it."""
        roles = self.roles
        if len(roles.runs) != 1 or roles.style_attr:
            return None
        tag = next(iter(roles.runs))
        ns = tag[1:tag.index("}")] if tag.startswith("{") else ""
        props = [t for t in roles.props if t.startswith("{" + ns + "}")]
        holders = [t for t in roles.holders if t.startswith("{" + ns + "}") and self.table[t] == _HOLDER]
        prefix = next((p for p, uri in scope.prefixes.items() if uri == ns and p), None)
        if len(props) != 1 or len(holders) != 1 or not ns or prefix is None:
            return None
        r, p, t = (re.escape(prefix + b":" + x[len(ns) + 2:].encode()) for x in (tag, props[0], holders[0]))
        end = rb"(?=[\s/>])(" + _ATTRS + rb")"
        return re.compile(rb"\s*<" + r + end + rb"(?<!/)>\s*(?:<" + p + end + rb"(?:/>|(?<!/)>([^<]*(?:<(?!/" + p + rb"\s*>)[^<]*)*)</" + p + rb"\s*>)\s*)?"
                          rb"<" + t + end + rb"(?<!/)>([^<]*)</" + t + rb"\s*>\s*</" + r + rb"\s*>")

    @staticmethod
    def _text(frame: _Frame, units: list[Unit], style: tuple[int, ...], holder: int) -> None:
        for unit in units:
            if holder >= 0:
                unit.insert_at, unit.insert = holder, ' xml:space="preserve"'
            frame.b.text(unit, style, gap=False)

    def _holder(self, bits: int, raw: bytes, tag_end: int, scope: _Scope) -> int:
        """The `holder` state inside an element: no text, text, or text and where xml:space="preserve" goes
        (before the start tag's ">") when its text changes and the element does not have it."""
        if not bits & _HOLDER:
            return _NO_TEXT
        preserve = self.roles.preserve
        if not preserve or bits & _P or self._preserved(scope, raw):
            return _TEXT
        return tag_end - 1

    def _preserved(self, scope: _Scope, raw: bytes) -> bool:
        """Whether a holder's start tag attributes `raw` have the roles' `preserve` attribute."""
        if b"space" not in raw:
            return False
        found = self.preserved.get(raw)
        if found is None:
            found = self.preserved[raw] = self.roles.preserve in scope.attrs(raw)
        return found


def _plain_dominant(block: Block, links: set[int]) -> None:
    """The run formatting most of the paragraph has is the plain style: no placeholder for it."""
    sizes: dict[int | None, int] = {}
    for item in block.items:
        if type(item) is Run:
            style = item.style
            own = style[-1] if style and style[-1] not in links else None
            units = item.units
            sizes[own] = sizes.get(own, 0) + (len(units[0].text) if len(units) == 1 else
                                              sum([len(u.text) for u in units]))
    main = max(sizes, key=sizes.__getitem__) if sizes else None     # the first of the largest (Counter order)
    if main is None:
        return
    for item in block.items:
        if type(item) is Run and item.style and item.style[-1] == main:
            item.style = item.style[:-1]


def blocks_from_xml(data: bytes, part: str, roles: Roles) -> list[Block]:
    """Every paragraph of the XML part `data` (outside other paragraphs) as a block, then its alt texts.

    DocumentError if the part is not well-formed UTF-8 XML without a DTD.
    """
    check_xml(data, part)
    return _Scanner(roles, data, part).blocks()


def read_xml_parts(data: bytes, zf: zipfile.ZipFile, kind: str, names: list[str], roles: Roles) -> Document:
    """A zip document whose text is in the XML members `names` (in reading order), read with `roles`."""
    parts: dict[str, Part] = {}
    blocks: list[Block] = []
    for name in names:
        raw = read_member(zf, name)
        parts[name] = Part(name, raw, escape_xml)
        blocks += blocks_from_xml(raw, name, roles)
    return Document(kind, parts, blocks, zip_writer(zf, data))
