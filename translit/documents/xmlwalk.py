"""Blocks from the XML of office documents: one walker, a table of element roles per format.

Roles: a paragraph is a block; a run carries a style (its formatting properties); a
link adds a style around its runs; text holders hold reader text; separators are
inline non-text (images, breaks, footnote marks) and may hold paragraphs of their own
(a text box, a footnote body), which become blocks after the paragraph they sit in;
silent elements are skipped without a trace (bookmarks, properties, deleted text, field
instructions); `spaces` are elements standing for spaces (ODF `<text:s text:c="3"/>`);
`alt` elements carry reader-facing attributes (an image's description and title: DOCX
`wp:docPr`, PPTX `p:cNvPr`), each a block of its own after the part's paragraphs.
Anything else is looked through.
"""
from __future__ import annotations

import html
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field

from .model import Block, BlockBuilder, Document, Part, Run, Unit, value_units
from .xmlparts import Chunk, Element, escape_xml, parse_xml
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
_ATTR = re.compile(rb"""\s(descr|title)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _unescape(raw: str) -> str:
    return " " if raw in ("\t", "\n", "\r") else html.unescape(raw)     # expat turns line breaks into spaces


def _alt_units(el: Element, data: bytes) -> list[tuple[str, list[Unit]]]:
    """(name, units) for each non-empty `descr`/`title` attribute of `el`, located in the start tag's bytes."""
    out: list[tuple[str, list[Unit]]] = []
    for m in _ATTR.finditer(data, el.start, el.raw_start_end):
        name = m.group(1).decode()
        text = el.attrs.get(name, "")
        if not text.strip():
            continue
        group = 2 if m.group(2) is not None else 3
        raw = m.group(group).decode("utf-8", "replace")
        out.append((name, value_units(raw, m.start(group), '"' if group == 2 else "'", _unescape, text,
                                      encoded=True)))
    return out


class _Walker:
    def __init__(self, roles: Roles, data: bytes, part: str):
        self.roles = roles
        self.data = data
        self.b = BlockBuilder(part)
        self.styles: dict[object, int] = {}
        self.links: set[int] = set()
        self.alts: list[Element] = []                # elements with alt text, met on the way

    def _style_id(self, key: object) -> int:
        return self.styles.setdefault(key, len(self.styles) + 1)

    def _run_style(self, run: Element) -> int:
        r = self.roles
        if r.style_attr:
            return self._style_id(("attr", run.tag, run.attrs.get(r.style_attr, "")))
        for child in run.children:
            if isinstance(child, Element) and child.tag in r.props:
                attrs = tuple(sorted((k, v) for k, v in child.attrs.items()
                                     if k.rsplit("}", 1)[-1] not in r.volatile_attrs))
                inner = self.data[child.raw_start_end:child.end] if child.end > child.raw_start_end else b""
                return self._style_id(("props", attrs, inner))
        return self._style_id(("props", (), b""))

    def paragraph(self, p: Element) -> None:
        nested: list[Element] = []
        self._walk(p, (), nested)
        start = len(self.b.blocks)
        self.b.end()
        if len(self.b.blocks) > start:
            _plain_dominant(self.b.blocks[-1], self.links)
        for inner in nested:
            self.paragraph(inner)

    def _nested(self, el: Element, nested: list[Element]) -> None:
        for child in el.children:
            if isinstance(child, Element):
                if child.tag in self.roles.paragraphs:
                    nested.append(child)
                else:
                    if child.tag in self.roles.alt:
                        self.alts.append(child)
                    self._nested(child, nested)

    def _walk(self, el: Element, style: tuple[int, ...], nested: list[Element]) -> None:
        r = self.roles
        holder = el.tag in r.holders
        for child in el.children:
            if isinstance(child, Chunk):
                if holder:
                    unit = Unit(child.text, child.start, child.end, child.literal)
                    if r.preserve and el.tag not in r.paragraphs and r.preserve not in el.attrs:
                        unit.insert_at, unit.insert = el.raw_start_end - 1, ' xml:space="preserve"'
                    self.b.text(unit, style, gap=False)
                continue
            tag = child.tag
            if tag in r.silent:
                continue
            if tag in r.paragraphs:
                self.b.sep("paragraph")
                nested.append(child)
            elif tag in r.spaces:
                try:
                    count = max(1, int(child.attrs.get(r.spaces[tag], "1")))
                except ValueError:
                    count = 1
                self.b.text(Unit(" " * count, child.start, child.after, literal=False), style, gap=False)
            elif tag in r.seps:
                self.b.sep(child.local)
                self._nested(child, nested)
            elif tag in r.runs:
                self._walk(child, style + (self._run_style(child),), nested)
            elif tag in r.links:
                link = self._style_id(("link", child.start))
                self.links.add(link)
                self._walk(child, style + (link,), nested)
            else:
                self._walk(child, style, nested)


def _plain_dominant(block: Block, links: set[int]) -> None:
    """The run formatting most of the paragraph has is the plain style: no placeholder for it."""
    sizes: Counter[int | None] = Counter()
    for run in block.runs():
        own = run.style[-1] if run.style and run.style[-1] not in links else None
        sizes[own] += len(run.text)
    main = sizes.most_common(1)[0][0] if sizes else None
    if main is None:
        return
    for item in block.items:
        if isinstance(item, Run) and item.style and item.style[-1] == main:
            item.style = item.style[:-1]


def blocks_from_xml(root: Element, data: bytes, part: str, roles: Roles) -> list[Block]:
    """Every paragraph under `root` (outside other paragraphs) as a block."""
    walker = _Walker(roles, data, part)

    def visit(el: Element) -> None:
        for child in el.children:
            if isinstance(child, Element):
                if child.tag in roles.paragraphs:
                    walker.paragraph(child)
                elif child.tag not in roles.silent:
                    if child.tag in roles.alt:
                        walker.alts.append(child)
                    visit(child)

    if root.tag in roles.paragraphs:
        walker.paragraph(root)
    else:
        visit(root)
    for el in walker.alts:
        for name, units in _alt_units(el, data):
            walker.b.single(units, "alt" if name == "descr" else name)
    return walker.b.blocks


def read_xml_parts(data: bytes, zf: zipfile.ZipFile, kind: str, names: list[str], roles: Roles) -> Document:
    """A zip document whose text is in the XML members `names` (in reading order), read with `roles`."""
    parts: dict[str, Part] = {}
    blocks: list[Block] = []
    for name in names:
        raw = read_member(zf, name)
        parts[name] = Part(name, raw, escape_xml)
        blocks += blocks_from_xml(parse_xml(raw, name), raw, name, roles)
    return Document(kind, parts, blocks, zip_writer(zf, data))
