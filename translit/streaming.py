"""Normalize text of any size at flat memory: block by block, never splitting a name.

A file is read in blocks of about BLOCK characters and cut after the last
paragraph break (a blank line) in the block, so every block is a run of whole
paragraphs; only a block of BLOCK * 4 characters without any blank line is cut
at a line break, and one of BLOCK * 8 without a line break at a space. The
normalizer decides language per paragraph, so a text shorter than BLOCK (an
article) comes out exactly as `normalize()` gives it whole; in longer texts a
surname alone is resolved by a full name earlier in the same block. Blocks are
independent, so a long text's blocks are normalized in as many processes as
there are cores (normalize_blocks' `jobs`), with the same result.
"""
from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING

from .errors import InputError
from .match.scan import prepare_long_scan
from .normalize import Match, Result, as_compiled, normalize
from .text.scripts import has_cyrillic
from .workers import ordered_map

if TYPE_CHECKING:
    from .match.types import Compiled

__all__ = ["BLOCK", "check_utf8", "normalize_blocks", "normalize_text", "split_blocks", "text_blocks"]

BLOCK = 1 << 20                     # characters
READ = 1 << 18                      # bytes per read
_PARA_END = re.compile(r"\n[ \t\r]*\n")


def _cut(buffer: str, block: int, start: int = 0) -> int:
    """Where to cut the block that begins at `start` of a buffer holding at least `block` characters
    from there (0: read more first).

    After the last blank line in the first `block` characters, else after the first one
    within 4 * `block`; past that after a line break, and past 8 * `block` after a space.
    A break touching the end of the buffer is not used (more blank lines may follow).
    """
    last = start
    for m in _PARA_END.finditer(buffer, start, start + block):
        last = m.end()
    if start < last < len(buffer):
        return last
    after = _PARA_END.search(buffer, max(start, start + block - 64), start + 4 * block)
    if after is not None and after.end() < len(buffer):
        return after.end()
    if len(buffer) >= start + 4 * block:
        nl = buffer.rfind("\n", start, start + 4 * block)
        if nl > start:
            return nl + 1
    if len(buffer) >= start + 8 * block:
        sp = max(buffer.rfind(" ", start, start + 8 * block), buffer.rfind("\t", start, start + 8 * block))
        return sp + 1 if sp > start else start + 8 * block
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


def split_blocks(text: str, block: int = BLOCK) -> Iterator[str]:
    """The blocks text_blocks reads from a stream holding `text`, from the text itself."""
    start, n = 0, len(text)
    while n - start >= block:
        cut = _cut(text, block, start)
        if not cut:
            break
        yield text[start:cut]
        start = cut
    if start < n:
        yield text[start:]


def check_utf8(fh: IO[bytes], name: str) -> None:
    """Raise InputError unless the whole stream is NUL-free UTF-8 (read in blocks, nothing kept)."""
    for _ in text_blocks(fh, name, block=READ):
        pass


def normalize_blocks(blocks: Iterable[str], lang: str, compiled: Compiled | None, jobs: int = 1
                     ) -> Iterator[tuple[int, str, Result]]:
    """(character offset, block, its Result) for each block; match offsets are within the block.

    With `jobs` above 1 and a second block, the blocks are normalized in that many forked
    processes (where forking is safe; see translit.workers), a few blocks ahead of the one
    yielded: the results are the same, in the same order, and memory stays flat.
    """
    compiled = as_compiled(compiled)

    def work(text: str) -> Result:  # in a worker, with the glossary it inherited
        return normalize(text, lang, compiled)

    def share(first: str) -> None:  # loaded once here: the workers share these pages
        prepare_long_scan(compiled, has_cyrillic(first))

    offset = 0
    for text, result in ordered_map(work, blocks, jobs, before_fork=share):
        yield offset, text, result
        offset += len(text)


def normalize_text(text: str, lang: str = "auto", compiled: Compiled | None = None, jobs: int = 1,
                   block: int = BLOCK) -> Result:
    """normalize() for a text of any length, as `translit normalize` streams it: a text of fewer
    than `block` characters whole, a longer one block by block (the blocks of split_blocks, in
    `jobs` processes), joined. Its language is that of most of its blocks' characters."""
    if len(text) < block:
        return normalize(text, lang, compiled)
    out: list[str] = []
    matches: list[Match] = []
    sizes: Counter[str] = Counter()
    for offset, part, result in normalize_blocks(split_blocks(text, block), lang, compiled, jobs):
        out.append(result.text)
        for m in result.matches:  # (each block's own objects: moved to the whole text's offsets)
            m.start += offset
            m.end += offset
        matches += result.matches
        sizes[result.lang] += len(part)
    return Result("".join(out), matches, lang if lang != "auto" else sizes.most_common(1)[0][0])
