"""HTML and XHTML: element text and the `alt`/`title` attributes are text; everything else is markup.

The stdlib `html.parser` reports where each tag, text chunk, entity and comment starts
(line and column, turned into offsets here), so text is edited in place and every
other byte of the file is kept. Entities stay as written unless the text they are in
changes (then that one entity is re-escaped).

Block elements (p, h1-h6, li, td, title, div...) end a block; inline elements
(b, i, a, span...) become styles inside it; `<script>`, `<style>`, `<code>`, `<pre>`,
`<svg>`... are skipped whole. Broken markup (an unterminated tag or comment, an
unclosed `<script>`, misnested or stray inline end tags) is an error with its line.
"""
from __future__ import annotations

import bisect
import html
import re
from html.parser import HTMLParser
from typing import cast

from .errors import DocumentError
from .model import Block, BlockBuilder, Document, Part, Unit, split_breaks, text_writer, value_units
from .text import decode

__all__ = ["read_html", "parse_html_blocks", "escape_html"]

INLINE = frozenset("""a abbr b bdi bdo big cite data del dfn em font i ins label mark q ruby rb rp rt rtc s small
span strike strong sub sup time tt u""".split())
VOID_INLINE = frozenset("br img wbr input".split())
SKIP = frozenset("script style code pre kbd samp var textarea svg math template noscript object iframe".split())
INLINE_SKIP = frozenset("code kbd samp var math svg".split())
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
TEXT_ATTRS = ("alt", "title")
_ATTR = re.compile(r"""((?<=['"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?(?:\s|/(?!>))*""")


def escape_html(text: str, quote: str = "") -> str:
    """Escape text for element content (& < >) or an attribute value in `quote`s."""
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if quote == '"':
        out = out.replace('"', "&quot;")
    elif quote == "'":
        out = out.replace("'", "&#x27;")
    elif quote == "-":       # unquoted attribute value
        out = out.replace('"', "&quot;").replace("'", "&#x27;").replace(" ", "&#32;")
    return out


class _Events(HTMLParser):
    """Records every event with its start offset."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.lines = [0] + [m.end() for m in re.finditer("\n", source)]
        self.events: list[tuple[str, int, object]] = []

    def _at(self) -> int:
        line, col = self.getpos()
        return self.lines[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", self._at(), (tag, self.get_starttag_text() or "")))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("startend", self._at(), (tag, self.get_starttag_text() or "")))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", self._at(), tag))

    def handle_data(self, data: str) -> None:
        self.events.append(("data", self._at(), data))

    def handle_entityref(self, name: str) -> None:
        self.events.append(("ref", self._at(), name))

    def handle_charref(self, name: str) -> None:
        self.events.append(("ref", self._at(), name))

    def handle_comment(self, data: str) -> None:
        self.events.append(("comment", self._at(), data))

    def handle_decl(self, decl: str) -> None:
        self.events.append(("decl", self._at(), decl))

    def handle_pi(self, data: str) -> None:
        self.events.append(("decl", self._at(), data))

    def unknown_decl(self, data: str) -> None:
        self.events.append(("decl", self._at(), data))


def _line_col(lines: list[int], offset: int) -> str:
    line = bisect.bisect_right(lines, offset)
    return f"line {line}, column {offset - lines[line - 1] + 1}"


def _attr_units(raw: str, at: int) -> list[tuple[str, list[Unit]]]:
    """(name, unit) for the reader-facing attributes of a start tag `raw` found at offset `at`."""
    out: list[tuple[str, list[Unit]]] = []
    m = re.match(r"<[a-zA-Z][^\t\n\r\f />\x00]*(?:\s|/(?!>))*", raw)
    pos = m.end() if m else 1
    while pos < len(raw):
        a = _ATTR.match(raw, pos)
        if not a or a.end() == pos:
            break
        name = a.group(1).lower()
        value = a.group(3)
        if name in TEXT_ATTRS and value is not None:
            vstart = a.start(3)
            quote = value[:1] if value[:1] in ("'", '"') else "-"
            if quote != "-":
                value, vstart = value[1:-1], vstart + 1
            out.append((name, value_units(value, at + vstart, quote, html.unescape, html.unescape(value))))
        pos = a.end()
    return out


def parse_html_blocks(source: str, part: str = "", offset: int = 0, *, builder: BlockBuilder | None = None,
                      xml: bool = False, inline: frozenset[str] = INLINE) -> list[Block]:
    """Blocks of an HTML text (positions shifted by `offset`); raises DocumentError on broken markup."""
    parser = _Events(source)
    try:
        parser.feed(source)
        parser.close()
    except AssertionError as exc:           # html.parser asserts on some malformed declarations
        raise DocumentError(f"broken HTML: {exc}") from None
    lines = parser.lines
    if parser.cdata_elem:
        raise DocumentError(f"broken HTML: <{parser.cdata_elem}> is never closed")
    b = builder or BlockBuilder(part)
    events = parser.events
    stack: list[tuple[str, int]] = []          # open inline elements (tag, id)
    skip: list[str] = []                       # open skipped elements
    n = len(source)
    for k, (kind, start, payload) in enumerate(events):
        end = events[k + 1][1] if k + 1 < len(events) else n
        style = tuple(i for _, i in stack)
        if skip:
            if kind == "start" and cast(tuple[str, str], payload)[0] == skip[0]:
                skip.append(skip[0])
            elif kind == "end" and payload == skip[0]:
                skip.pop()
                if not skip and payload in INLINE_SKIP:
                    b.sep("code")
            continue
        if kind == "data":
            text = str(payload)
            after = text[1:2] or (str(events[k + 1][2])[:1] if k + 1 < len(events) and events[k + 1][0] == "data"
                                  else "")
            if text.startswith("<") and (after.isalpha() or (after and after in "!/?")):
                raise DocumentError(f"broken HTML: unterminated tag at {_line_col(lines, start)}")
            units = split_breaks(text, start + offset)
            b.texts(units, style)
        elif kind == "ref":
            raw = source[start:end]
            text = html.unescape(raw)
            b.text(Unit(text, start + offset, end + offset, literal=text == raw), style)
        elif kind in ("start", "startend"):
            tag, raw = cast(tuple[str, str], payload)
            tag = tag.split(".", 1)[0]              # WebVTT class tags: <c.loud>
            for name, unit in _attr_units(raw, start + offset):
                b.single(unit, name)
            if tag in SKIP:
                if tag in INLINE_SKIP:
                    b.sep("code")
                else:
                    b.end()
                if kind == "start" and tag not in VOID:
                    skip.append(tag)
            elif tag in VOID_INLINE:
                b.sep(tag)
            elif tag in inline:
                if kind == "start":
                    stack.append((tag, start + offset))
                else:
                    b.sep(tag)
            else:
                b.end()
        elif kind == "end":
            tag = str(payload).split(".", 1)[0]
            if tag in inline:
                if stack and stack[-1][0] == tag:
                    stack.pop()
                elif any(t == tag for t, _ in stack):
                    raise DocumentError(f"broken HTML: </{tag}> at {_line_col(lines, start)} closes "
                                        f"<{tag}> before <{stack[-1][0]}> is closed")
                else:
                    raise DocumentError(f"broken HTML: </{tag}> at {_line_col(lines, start)} closes nothing")
            elif tag in VOID_INLINE:
                b.sep(tag)
            else:
                b.end()
        elif kind == "comment":
            if not source.startswith("-->", end - 3) and not xml:
                raise DocumentError(f"broken HTML: comment at {_line_col(lines, start)} is never closed")
            b.sep("comment")
        else:
            b.end()
    b.end()
    return b.blocks


def read_html(data: bytes, name: str = "", xml: bool = False) -> Document:
    """An HTML/XHTML file as a Document (UTF-8)."""
    source = decode(data)
    if xml:
        from .xmlparts import check_well_formed  # the XML parser only for XHTML

        check_well_formed(data)
    blocks = parse_html_blocks(source, xml=xml)
    part = Part("", source, escape_html)
    return Document("xhtml" if xml else "html", {"": part}, blocks, text_writer(data))


def read_xhtml(data: bytes, name: str = "") -> Document:
    return read_html(data, name, xml=True)
