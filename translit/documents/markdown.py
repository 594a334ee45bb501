"""Markdown (CommonMark + tables): paragraphs, headings, list items and table cells are blocks.

markdown-it-py gives each block token its source lines (`token.map`) and each inline
token its content; the inline children (text, emphasis, links, code spans, entities,
escapes) are located in the content in order, and the content lines in the source
lines, so every piece of text has its offset in the file. Code spans, fenced and
indented code, link destinations and titles, reference definitions, raw HTML tags and
front matter (`---`/`+++` at the top) are never text. Raw HTML blocks go through the
HTML reader. A block whose pieces cannot be located exactly is left alone, never guessed.
"""
from __future__ import annotations

import re
from typing import Any

from .errors import DocumentError
from .html import parse_html_blocks
from .model import Block, BlockBuilder, Document, Part, Unit, text_writer
from .text import decode

__all__ = ["read_markdown", "front_matter_end"]

_FRONT = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n")


def front_matter_end(source: str) -> int:
    """Offset where the text after a YAML (`---`) or TOML (`+++`) front matter starts; 0 without one."""
    m = _FRONT.match(source)
    if not m:
        return 0
    closers = ("---", "...") if m.group(1) == "---" else ("+++",)
    pos = m.end()
    while pos < len(source):
        nl = source.find("\n", pos)
        line_end = len(source) if nl < 0 else nl + 1
        if source[pos:line_end].rstrip() in closers:
            return line_end
        pos = line_end
    return 0


def _parser() -> Any:
    from markdown_it import MarkdownIt  # markdown-it-py only when Markdown is read

    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("text_join")


class _Lost(Exception):
    """A piece of an inline token could not be located in the source."""


class _Inline:
    """Locates one inline token's children in the source and builds its block."""

    def __init__(self, source: str, line_starts: list[int], token: Any, line_cursor: dict[int, int]):
        self.source = source
        content: str = token.content
        self.content = content
        self.map: list[tuple[int, int, int]] = []     # (content offset, source offset, length) per line
        c = 0
        first, last = token.map
        for i, cline in enumerate(content.split("\n")):
            ln = first + i
            if ln >= last or ln + 1 > len(line_starts):
                raise _Lost()
            ls = line_starts[ln]
            le = line_starts[ln + 1] if ln + 1 < len(line_starts) else len(source)
            line = source[ls:le]
            idx = line.find(cline, line_cursor.get(ln, 0))
            if idx < 0:
                raise _Lost()
            line_cursor[ln] = idx + len(cline)
            self.map.append((c, ls + idx, len(cline)))
            c += len(cline) + 1

    def src(self, c: int) -> int:
        for cstart, sstart, length in self.map:
            if cstart <= c <= cstart + length:
                return sstart + (c - cstart)
        raise _Lost()

    def find(self, needle: str, cc: int) -> int:
        p = self.content.find(needle, cc)
        if p < 0 or self.content[cc:p].strip(" \t\n"):
            raise _Lost()
        return p


def _skip_destination(content: str, pos: int) -> int:
    """After a link's `]`: skip `(dest "title")`, `[ref]` or nothing; return the new position."""
    if content.startswith("(", pos):
        depth = 0
        quote = ""
        i = pos
        while i < len(content):
            ch = content[i]
            if ch == "\\":
                i += 2
                continue
            if quote:
                if ch == quote:
                    quote = ""
            elif ch in "\"'" and depth == 1 and content[i - 1] in " \t\n":
                quote = ch
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        raise _Lost()
    if content.startswith("[", pos):
        end = content.find("]", pos)
        if end < 0:
            raise _Lost()
        return end + 1
    return pos


def _closing_bracket(content: str, pos: int) -> int:
    depth = 1
    i = pos
    while i < len(content):
        ch = content[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise _Lost()


def _inline_block(loc: _Inline, token: Any, b: BlockBuilder) -> None:
    cc = 0
    stack: list[int] = []
    content = loc.content
    children = token.children or []
    k = 0
    while k < len(children):
        t = children[k]
        style = tuple(stack)
        if t.type == "text":
            if t.content:
                p = loc.find(t.content, cc)
                b.text(Unit(t.content, loc.src(p), loc.src(p) + len(t.content)), style)
                cc = p + len(t.content)
        elif t.type == "text_special":
            p = loc.find(t.markup, cc)
            b.text(Unit(t.content, loc.src(p), loc.src(p) + len(t.markup), literal=t.content == t.markup), style)
            cc = p + len(t.markup)
        elif t.type == "softbreak":
            p = content.find("\n", cc)
            if p < 0 or content[cc:p].strip(" \t"):
                raise _Lost()
            b.text(Unit("\n", loc.src(cc), loc.src(p + 1), literal=False, brk=True), style)
            cc = p + 1
        elif t.type == "hardbreak":
            p = content.find("\n", cc)
            if p < 0:
                raise _Lost()
            b.sep("br")
            cc = p + 1
        elif t.type == "code_inline":
            p = loc.find(t.markup, cc)
            q = p + len(t.markup)
            while True:
                q = content.find(t.markup, q)
                if q < 0:
                    raise _Lost()
                if content[q + len(t.markup):q + len(t.markup) + 1] != "`" and content[q - 1] != "`":
                    break
                q += 1
            b.sep("code")
            cc = q + len(t.markup)
        elif t.type in ("em_open", "strong_open", "s_open"):
            p = loc.find(t.markup, cc)
            stack.append(loc.src(p))
            cc = p + len(t.markup)
        elif t.type in ("em_close", "strong_close", "s_close"):
            p = loc.find(t.markup, cc)
            if stack:
                stack.pop()
            cc = p + len(t.markup)
        elif t.type == "link_open":
            if t.markup == "autolink":
                p = loc.find("<", cc)
                q = content.find(">", p)
                if q < 0:
                    raise _Lost()
                b.sep("autolink")
                cc = q + 1
                while k < len(children) and children[k].type != "link_close":
                    k += 1
            else:
                p = loc.find("[", cc)
                stack.append(loc.src(p))
                cc = p + 1
        elif t.type == "link_close":
            if t.markup != "autolink":
                p = loc.find("]", cc)
                cc = _skip_destination(content, p + 1)
                if stack:
                    stack.pop()
        elif t.type == "image":
            p = loc.find("![", cc)
            close = _closing_bracket(content, p + 2)
            raw = content[p + 2:close]
            if raw == t.content and raw.strip():
                start = loc.src(p + 2)
                b.single(Unit(raw, start, start + len(raw)), "alt")
            b.sep("image")
            cc = _skip_destination(content, close + 1)
        elif t.type == "html_inline":
            p = loc.find(t.content, cc)
            b.sep("html")
            cc = p + len(t.content)
        else:
            raise _Lost()
        k += 1


def markdown_blocks(source: str, part: str = "") -> list[Block]:
    """The blocks of a Markdown text."""
    fm = front_matter_end(source)
    body = "\n" * source.count("\n", 0, fm) + source[fm:] if fm else source
    line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
    tokens = _parser().parse(body)
    blocks: list[Block] = []
    line_cursor: dict[int, int] = {}
    for tok in tokens:
        if tok.type == "html_block" and tok.map:
            start, end = line_starts[tok.map[0]], (line_starts[tok.map[1]] if tok.map[1] < len(line_starts)
                                                    else len(source))
            try:
                blocks += parse_html_blocks(source[start:end], part, start)
            except DocumentError:
                pass            # raw HTML in Markdown is often a fragment: leave it alone
            continue
        if tok.type != "inline" or not tok.map:
            continue
        if tok.map[0] < source.count("\n", 0, fm):
            continue
        sub = BlockBuilder(part)
        try:
            loc = _Inline(source, line_starts, tok, line_cursor)
            _inline_block(loc, tok, sub)
        except _Lost:
            continue
        sub.end()
        blocks += sub.blocks
    return blocks


def _escape(text: str, _quote: str = "") -> str:
    return text


def read_markdown(data: bytes, name: str = "") -> Document:
    source = decode(data)
    blocks = markdown_blocks(source)
    part = Part("", source, _escape)
    return Document("md", {"": part}, blocks, text_writer(data))
