"""Normalize text of any size at flat memory: block by block, never splitting a name.

A file is read in blocks of about BLOCK characters and cut after the last
paragraph break (a blank line) in the block, so every block is a run of whole
paragraphs; only a block of BLOCK * 4 characters without any blank line is cut
at a line break, and one of BLOCK * 8 without a line break at a space. The
normalizer decides language per paragraph, so a text shorter than BLOCK (an
article) comes out exactly as `normalize()` gives it whole; in longer texts a
surname alone is resolved by a full name earlier in the same block.
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING

from .errors import InputError
from .normalize import Result, normalize

if TYPE_CHECKING:
    from .match.types import Compiled

__all__ = ["BLOCK", "check_utf8", "normalize_blocks", "text_blocks"]

BLOCK = 1 << 20                     # characters
READ = 1 << 18                      # bytes per read
_PARA_END = re.compile(r"\n[ \t\r]*\n")


def _cut(buffer: str, block: int) -> int:
    """Where to cut a buffer of at least `block` characters (0: read more first).

    After the last blank line in the first `block` characters, else after the first one
    within 4 * `block`; past that after a line break, and past 8 * `block` after a space.
    A break touching the end of the buffer is not used (more blank lines may follow).
    """
    last = 0
    for m in _PARA_END.finditer(buffer, 0, block):
        last = m.end()
    if 0 < last < len(buffer):
        return last
    after = _PARA_END.search(buffer, max(0, block - 64), 4 * block)
    if after is not None and after.end() < len(buffer):
        return after.end()
    if len(buffer) >= 4 * block:
        nl = buffer.rfind("\n", 0, 4 * block)
        if nl > 0:
            return nl + 1
    if len(buffer) >= 8 * block:
        sp = max(buffer.rfind(" ", 0, 8 * block), buffer.rfind("\t", 0, 8 * block))
        return sp + 1 if sp > 0 else 8 * block
    return 0


def text_blocks(fh: IO[bytes], name: str, block: int = BLOCK, on_bytes=None) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """Decoded blocks of whole paragraphs from a binary stream (UTF-8, BOM kept; NUL bytes refused).

    `on_bytes(n)` is called with the number of bytes read, for a progress bar.
    """
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    buffer = ""
    offset = 0
    while True:
        data = fh.read(READ)
        final = not data
        if b"\x00" in data:
            raise InputError(f"{name}: binary file (contains NUL bytes)")
        try:
            buffer += decoder.decode(data, final)
        except UnicodeDecodeError as exc:
            at = offset + exc.start - len(decoder.getstate()[0]) if not final else offset + exc.start
            raise InputError(f"{name}: not valid UTF-8 (byte 0x{exc.object[exc.start]:02x} near offset "
                             f"{max(at, offset)}); give its encoding with --encoding (auto, cp1251, koi8-r...)") from None
        offset += len(data)
        if on_bytes is not None and data:
            on_bytes(len(data))
        while len(buffer) >= block:
            cut = _cut(buffer, block)
            if not cut:
                break
            yield buffer[:cut]
            buffer = buffer[cut:]
        if final:
            break
    if buffer:
        yield buffer


def check_utf8(fh: IO[bytes], name: str) -> None:
    """Raise InputError unless the whole stream is NUL-free UTF-8 (read in blocks, nothing kept)."""
    for _ in text_blocks(fh, name, block=READ):
        pass


def normalize_blocks(blocks: Iterator[str], lang: str, compiled: Compiled) -> Iterator[tuple[int, str, Result]]:
    """(character offset, block, its Result) for each block; match offsets are within the block."""
    offset = 0
    for text in blocks:
        yield offset, text, normalize(text, lang, compiled)
        offset += len(text)
