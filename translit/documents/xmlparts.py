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

__all__ = ["Element", "Chunk", "parse_xml", "check_well_formed", "escape_xml"]


@dataclass
class Chunk:
    """Character data at data[start:end]; `literal` when the bytes are the text itself (no entities)."""

    text: str
    start: int
    end: int
    literal: bool


@dataclass
class Element:
    tag: str                       # "{namespace}local"
    attrs: dict[str, str]
    start: int                     # byte index of "<"
    children: list[Element | Chunk] = field(default_factory=list)
    parent: Element | None = None
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
    """The root element of an XML part, with byte positions; DocumentError if it is not usable."""
    _check_encoding(data, name)
    p = _parser(name)
    events: list[tuple[str, int, object]] = []

    def clark(name: str) -> str:
        return "{" + name if "}" in name else name

    def start(tag: str, attrs: dict[str, str]) -> None:
        events.append(("start", p.CurrentByteIndex, (clark(tag), {clark(k): v for k, v in attrs.items()})))

    def end(tag: str) -> None:
        events.append(("end", p.CurrentByteIndex, tag))

    def chars(text: str) -> None:
        events.append(("text", p.CurrentByteIndex, text))

    def other(*_args: object) -> None:
        events.append(("other", p.CurrentByteIndex, None))

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
    root: Element | None = None
    current: Element | None = None
    for k, (kind, at, payload) in enumerate(events):
        nxt = events[k + 1][1] if k + 1 < len(events) else len(data)
        if kind == "start":
            tag, attrs = cast(tuple[str, dict[str, str]], payload)
            el = Element(tag, attrs, at, parent=current)
            el.raw_start_end = nxt
            if current is None:
                root = el
            else:
                current.children.append(el)
            current = el
        elif kind == "end":
            assert current is not None
            current.end = at
            current.after = nxt
            current = current.parent
        elif kind == "text" and current is not None:
            text = str(payload)
            raw = data[at:nxt]
            literal = raw.decode("utf-8", "replace") == text
            current.children.append(Chunk(text, at, nxt, literal))
    if root is None:
        raise DocumentError(f"part {name}: no root element")
    return root
