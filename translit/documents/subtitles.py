"""SRT and WebVTT: each cue's text is a block; numbers, identifiers, timings, settings stay as written.

A small line parser of our own: the `srt` and `webvtt-py` packages rebuild the file
from parsed cues (timings reformatted, blank lines and line endings normalized), which
would change bytes we promise to keep. Cue text may hold the simple inline tags both
formats allow (`<i>`, `<b>`, `<u>`, `<font>`, VTT's `<c.x>`, `<v Name>`, `<lang>`);
they are styles, not text. A cue's lines form one block, so a sentence or a name over
two lines is one piece of text; a translated cue is put back on as many lines.
WebVTT NOTE, STYLE and REGION blocks and the header are never text.
"""
from __future__ import annotations

import re

from .errors import DocumentError
from .html import INLINE, parse_html_blocks
from .model import Block, BlockBuilder, Document, Part, text_writer
from .text import decode

__all__ = ["read_srt", "read_vtt"]

_SRT_TIME = re.compile(r"\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}(?:\s.*)?")
_VTT_TIME = re.compile(r"\s*(?:\d{1,}:)?\d{2}:\d{2}\.\d{3}\s+-->\s+(?:\d{1,}:)?\d{2}:\d{2}\.\d{3}(?:[ \t].*)?")
_VTT_INLINE = INLINE | {"c", "v", "lang"}


def _lines(source: str) -> list[tuple[int, str]]:
    """(offset, line without its ending) for every line."""
    out = []
    pos = 0
    for line in source.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        out.append((pos, body))
        pos += len(line)
    return out


def _plain(text: str, _quote: str = "") -> str:
    return text


def _cue_text(b: BlockBuilder, source: str, lines: list[tuple[int, str]], inline: frozenset[str]) -> None:
    if not lines:
        return
    start = lines[0][0]
    end = lines[-1][0] + len(lines[-1][1])
    text = source[start:end]
    if re.search(r"<\d", text):          # VTT karaoke timestamps inside the text: leave the cue alone
        return
    parse_html_blocks(text, b.part, start, builder=b, inline=inline)


def _blocks(source: str, vtt: bool) -> list[Block]:
    lines = _lines(source)
    b = BlockBuilder("")
    i = 0
    n = len(lines)
    timing = _VTT_TIME if vtt else _SRT_TIME
    if vtt:
        if not lines or not lines[0][1].lstrip("\ufeff").startswith("WEBVTT"):
            raise DocumentError("line 1: a WebVTT file starts with WEBVTT")
        while i < n and lines[i][1].strip():         # the header block
            i += 1
    while i < n:
        if not lines[i][1].strip():
            i += 1
            continue
        first = i
        block = []
        while i < n and lines[i][1].strip():
            block.append(lines[i])
            i += 1
        head = block[0][1].lstrip("\ufeff")
        if vtt and (head.startswith("NOTE") or head in ("STYLE", "REGION")):
            continue
        if timing.fullmatch(head):
            cue = block[1:]
        elif len(block) > 1 and timing.fullmatch(block[1][1]):
            if not vtt and not head.strip().isdigit():
                raise DocumentError(f"line {first + 1}: expected a cue number, found {head!r}")
            cue = block[2:]
        else:
            bad = block[1][1] if len(block) > 1 and (vtt or head.strip().isdigit()) else head
            line = first + (2 if bad is not head else 1)
            raise DocumentError(f"line {line}: bad timing line {bad!r}")
        _cue_text(b, source, cue, _VTT_INLINE if vtt else INLINE)
    return b.blocks


def _read(data: bytes, vtt: bool) -> Document:
    source = decode(data)
    blocks = _blocks(source, vtt)
    part = Part("", source, _plain)
    return Document("vtt" if vtt else "srt", {"": part}, blocks, text_writer(data))


def read_srt(data: bytes, name: str = "") -> Document:
    return _read(data, vtt=False)


def read_vtt(data: bytes, name: str = "") -> Document:
    return _read(data, vtt=True)
