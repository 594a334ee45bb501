"""XML parts with byte positions: a small element tree built from expat's events.

expat (the stdlib XML parser) reports the byte index where each event starts; the
text between two events is exactly one text chunk, so every piece of text knows its
bytes and a change is spliced into the original part. Documents with an internal DTD
subset or entity declarations are refused (no entity expansion, no external entities), and only UTF-8
parts are accepted (every office format writes UTF-8).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import cast
from xml.parsers import expat

from .errors import DocumentError

__all__ = ["Element", "Chunk", "parse_xml", "check_well_formed", "check_xml", "escape_xml"]


@dataclass(slots=True)
class Chunk:
    """Character data at data[start:end]; `literal` when the bytes are the text itself (no entities)."""

    text: str
    start: int
    end: int
    literal: bool


@dataclass(slots=True)
class Element:
    tag: str                       # "{namespace}local"
    attrs: dict[str, str]
    start: int                     # byte index of "<"
    children: list[Element | Chunk] = field(default_factory=list)
    end: int = -1                  # byte index where the end tag starts (or of the empty tag)
    raw_start_end: int = -1        # byte index just after the start tag's ">"
    after: int = -1                # byte index just after the element (its end tag)

    @property
    def local(self) -> str:
        return self.tag.rsplit("}", 1)[-1]

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()


def escape_xml(text: str, quote: str = "") -> str:
    """Escape text for character data, or for an attribute value in `quote`s."""
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if quote == '"':
        out = out.replace('"', "&quot;")
    elif quote == "'":
        out = out.replace("'", "&apos;")
    return out


_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _check_encoding(data: bytes, name: str) -> None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(f"part {name}: only UTF-8 XML is supported")
    m = _DECL.match(data[:200])
    if m and m.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        raise DocumentError(f"part {name}: only UTF-8 XML is supported ({m.group(1).decode()})")


def _parser(name: str) -> expat.XMLParserType:
    p = expat.ParserCreate(namespace_separator="}")
    p.buffer_text = False
    p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(*_args: object) -> None:
        raise DocumentError(f"part {name}: DTDs and entity declarations are not allowed")

    def doctype(_name: str, _system: str | None, _public: str | None, internal_subset: int) -> None:
        if internal_subset:
            refuse()

    p.StartDoctypeDeclHandler = doctype
    p.EntityDeclHandler = refuse
    p.ExternalEntityRefHandler = refuse  # type: ignore[assignment]
    return p


def check_xml(data: bytes, name: str) -> None:
    """DocumentError unless part `name` is well-formed UTF-8 XML without a DTD (what parse_xml refuses)."""
    _check_encoding(data, name)
    check_well_formed(data, name)


def check_well_formed(data: bytes, name: str = "") -> None:
    """DocumentError unless `data` is well-formed XML without a DTD."""
    p = _parser(name or "document")
    try:
        p.Parse(data, True)
    except expat.ExpatError as exc:
        where = f"part {name}: " if name else ""
        raise DocumentError(f"{where}invalid XML: {expat.errors.messages[exc.code]} at line {exc.lineno}, "
                            f"column {exc.offset + 1}") from None


def parse_xml(data: bytes, name: str) -> Element:
    """The root element of an XML part, with byte positions; DocumentError if it is not usable.

    The tree is built as expat reports events: each event ends where the next one starts, so
    the position that closes the previous element start, end tag or text chunk is filled in
    when the next event arrives (one pass, no list of events).
    """
    _check_encoding(data, name)
    p = _parser(name)
    names: dict[str, str] = {}
    stack: list[Element] = []
    roots: list[Element] = []
    # the previous event, waiting for the position where it ends: 1 start tag, 2 end tag, 3 text
    pending: list[object] = [0, None]

    def clark(raw: str) -> str:
        tag = names.get(raw)
        if tag is None:
            tag = names[raw] = "{" + raw if "}" in raw else raw
        return tag

    def close(at: int) -> None:
        kind, obj = pending
        if kind == 1:
            cast(Element, obj).raw_start_end = at
        elif kind == 2:
            cast(Element, obj).after = at
        elif kind == 3:
            chunk = cast(Chunk, obj)
            chunk.end = at
            chunk.literal = data[chunk.start:at].decode("utf-8", "replace") == chunk.text
        pending[0] = 0

    def start(tag: str, attrs: dict[str, str]) -> None:
        at = p.CurrentByteIndex
        close(at)
        el = Element(clark(tag), {clark(k): v for k, v in attrs.items()} if attrs else {}, at)
        if stack:
            stack[-1].children.append(el)
        else:
            roots.append(el)
        stack.append(el)
        pending[0], pending[1] = 1, el

    def end(_tag: str) -> None:
        at = p.CurrentByteIndex
        close(at)
        el = stack.pop()
        el.end = at
        pending[0], pending[1] = 2, el

    def chars(text: str) -> None:
        at = p.CurrentByteIndex
        close(at)
        if stack:
            chunk = Chunk(text, at, at, False)
            stack[-1].children.append(chunk)
            pending[0], pending[1] = 3, chunk

    def other(*_args: object) -> None:
        close(p.CurrentByteIndex)

    p.StartElementHandler = start
    p.EndElementHandler = end
    p.CharacterDataHandler = chars
    p.CommentHandler = other
    p.ProcessingInstructionHandler = other
    p.StartCdataSectionHandler = other
    p.EndCdataSectionHandler = other
    p.DefaultHandler = other
    try:
        p.Parse(data, True)
    except expat.ExpatError as exc:
        raise DocumentError(f"part {name}: invalid XML: {expat.errors.messages[exc.code]} at line {exc.lineno}, "
                            f"column {exc.offset + 1}") from None
    close(len(data))
    if not roots:
        raise DocumentError(f"part {name}: no root element")
    return roots[0]
