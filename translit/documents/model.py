"""The common document model: blocks of reader text with inline markup and source positions.

A format reader turns a file into `Part`s (the file itself, or the XML members of
a zip) and `Block`s: a paragraph, heading, list item, table cell, cue or reader-facing
attribute. A block is a sequence of `Run`s (text with one inline style: a DOCX run,
the text inside `<b>`...) and `Sep`s (inline things that are not text: an image, a
`<code>` span, a line break run). Every `Unit` of text knows where it came from in
its part, so changes are applied as edits of the part's source and everything
else stays byte for byte.

    Kyr|olo Budanov  (two DOCX runs)  → block text "Kyrolo Budanov"
    normalize: one match over two runs → "Kyr" + "ylo Budanov" written back into the same runs
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..text.edits import divide

__all__ = ["Unit", "Run", "Sep", "Block", "BlockBuilder", "Document", "Part", "Edit", "apply_edits", "replace_range", "split_breaks"]


@dataclass(slots=True)
class Unit:
    """Reader text `text` found at `source[start:end]` of its part.

    A literal unit is written in the source exactly as `text` (sub-ranges can be
    edited in place); a non-literal one (an entity `&amp;`, a soft line break with the
    next line's indentation) is rewritten whole when it changes.
    """

    text: str
    start: int
    end: int
    literal: bool = True
    brk: bool = False            # a line break inside the text ("\n" + the next line's prefix)
    quote: str = ""              # the quote around an attribute value ('"', "'" or "" for element text)
    insert_at: int = -1          # when the unit changes, also insert `insert` here (DOCX xml:space="preserve")
    insert: str = ""


@dataclass(slots=True)
class Run:
    """Text with one inline style; `style` is the stack of inline elements around it (outermost first)."""

    units: list[Unit]
    style: tuple[int, ...] = ()

    @property
    def text(self) -> str:
        units = self.units
        return units[0].text if len(units) == 1 else "".join([u.text for u in units])


@dataclass(slots=True)
class Sep:
    """Inline markup with no reader text (image, code span, tab, comment): stays where it is."""

    kind: str = "x"


@dataclass
class Block:
    """One unit of segmentation: text is translated and scanned per block."""

    part: str
    items: list[Run | Sep]
    kind: str = "text"           # text | attr | title ...

    @functools.cached_property
    def text(self) -> str:
        """The block's reader text (computed once: blocks do not change after reading)."""
        return "".join([i.text for i in self.items if type(i) is Run])

    def runs(self) -> list[Run]:
        return [i for i in self.items if isinstance(i, Run)]

    def units(self) -> Iterator[tuple[int, Unit]]:
        """(offset in block text, unit) for every unit."""
        pos = 0
        for item in self.items:
            if type(item) is Run:
                for u in item.units:
                    yield pos, u
                    pos += len(u.text)


Escape = Callable[[str, str], str]     # (text, quote) -> source text


@dataclass
class Part:
    """A source text (a file, or one XML member of a zip) and how to write text into it."""

    name: str
    source: str | bytes
    escape: Escape


@dataclass(frozen=True)
class Edit:
    """Replace `source[start:end]` (already escaped `text`)."""

    start: int
    end: int
    text: str


def apply_edits(source: str | bytes, edits: list[Edit]) -> str | bytes:
    """`source` with the edits applied; edits must not overlap."""
    if not edits:
        return source
    ordered = sorted(dict.fromkeys(edits), key=lambda e: (e.start, e.end))
    binary = isinstance(source, bytes)
    out: list[Any] = []
    pos = 0
    for e in ordered:
        if e.start < pos:
            raise ValueError(f"overlapping edits at {e.start}")
        out.append(source[pos:e.start])
        out.append(e.text.encode("utf-8") if binary else e.text)
        pos = e.end
    out.append(source[pos:])
    return (b"" if binary else "").join(out)


def split_breaks(text: str, start: int, literal_source: str | None = None) -> list[Unit]:
    """A literal text chunk as units, each line break plus the next line's indentation a `brk` unit.

    `start` is the chunk's source offset; the chunk's source is `text` itself.
    """
    units: list[Unit] = []
    i = 0
    n = len(text)
    while i < n:
        j = text.find("\n", i)
        if j < 0:
            units.append(Unit(text[i:], start + i, start + n))
            break
        k = j
        while k > i and text[k - 1] in " \t\r":
            k -= 1
        if k > i:
            units.append(Unit(text[i:k], start + i, start + k))
        m = j + 1
        while m < n and text[m] in " \t":
            m += 1
        units.append(Unit("\n", start + k, start + m, literal=False, brk=True))
        i = m
    return units


# ----------------------------------------------------------------------------------------------------
# Writing new text back: a block's text changes in [a, b) → unit edits


def _unit_edit(part: Part, unit: Unit, lo: int, hi: int, new: str) -> list[Edit]:
    """Replace unit.text[lo:hi] with `new`."""
    full = unit.text[:lo] + new + unit.text[hi:]
    extra = [Edit(unit.insert_at, unit.insert_at, unit.insert)] if unit.insert_at >= 0 and full != full.strip() else []
    if unit.literal:
        if isinstance(part.source, bytes):      # an XML part: positions are bytes, `lo`/`hi` characters
            lo, hi = len(unit.text[:lo].encode("utf-8")), len(unit.text[:hi].encode("utf-8"))
        return [Edit(unit.start + lo, unit.start + hi, part.escape(new, unit.quote)), *extra]
    return [Edit(unit.start, unit.end, part.escape(unit.text[:lo] + new + unit.text[hi:], unit.quote)), *extra]


def replace_range(part_of: Callable[[Block], Part], block: Block, a: int, b: int, new: str,
                  words: bool = False) -> list[Edit]:
    """Edits that make block text [a, b) read `new`, split over the units it spans.

    Within one unit the unit is edited; over several, `new` is divided between the same
    units where the characters align (Kyr|olo → Kyr|ylo), else put in the first unit.
    Line-break units keep their bytes when the new text has whitespace there.
    """
    part = part_of(block)
    if block.text[a:b] == new:
        return []
    spans: list[tuple[Unit, int, int]] = []     # unit, lo, hi (offsets inside the unit)
    for off, u in block.units():
        if off > b:
            break
        end = off + len(u.text)
        if end <= a or off >= b:
            if not (off == a == b == end):
                continue
        lo, hi = max(a, off) - off, min(b, end) - off
        if hi > lo or (a == b and off <= a <= end):
            spans.append((u, lo, hi))
    if not spans:
        return []
    if len(spans) == 1:
        u, lo, hi = spans[0]
        return _unit_edit(part, u, lo, hi, new)
    old = block.text[a:b]
    cuts: list[int] = []
    pos = 0
    for u, lo, hi in spans[:-1]:
        pos += hi - lo
        cuts.append(pos)
    mapped = divide(old, new, cuts, words)
    if mapped is None:
        pieces = [new] + [""] * (len(spans) - 1)
    else:
        bounds = [0, *mapped, len(new)]
        pieces = [new[bounds[i]:bounds[i + 1]] for i in range(len(spans))]
    edits: list[Edit] = []
    for (u, lo, hi), piece in zip(spans, pieces):
        if not u.literal and u.text[lo:hi].isspace() and piece.isspace():
            continue            # a line break, ODF <text:s/>...: whitespace stays as it was written
        if u.brk and piece == "" and mapped is None:
            continue
        if u.text[lo:hi] == piece:
            continue
        edits += _unit_edit(part, u, lo, hi, piece)
    return edits


_VALUE_SPECIAL = re.compile(r"&[^;&\s]*;|[\t\n\r]")


def value_units(raw: str, start: int, quote: str, unescape: Callable[[str], str], text: str,
                encoded: bool = False) -> list[Unit]:
    """An attribute value `raw` (at `start`, reading `text`) as units: literal stretches, and each
    character reference or line-break character a unit of its own, so that a change edits only its
    own stretch (two names in `alt="Kharkov &amp; Kiev"` are two edits). With `encoded`, offsets
    are in the UTF-8 bytes of the source. One non-literal unit when the pieces do not add up.
    """
    def at(i: int) -> int:
        return start + (len(raw[:i].encode("utf-8")) if encoded else i)

    units: list[Unit] = []
    pos = 0
    for m in [*_VALUE_SPECIAL.finditer(raw), None]:
        end = m.start() if m else len(raw)
        if end > pos:
            piece = raw[pos:end]
            units.append(Unit(unescape(piece), at(pos), at(end), unescape(piece) == piece, quote=quote))
        if m:
            units.append(Unit(unescape(m.group()), at(m.start()), at(m.end()), unescape(m.group()) == m.group(),
                              quote=quote))
            pos = m.end()
    if "".join(u.text for u in units) != text:
        return [Unit(text, at(0), at(len(raw)), text == raw, quote=quote)]
    return units


_ALNUM = re.compile(r"[^\W_]")         # a letter or digit (str.isalnum)


class BlockBuilder:
    """Collects units and separators into blocks while a reader walks its source."""

    def __init__(self, part: str):
        self.part = part
        self.blocks: list[Block] = []
        self._items: list[Run | Sep] = []
        self._kind = "text"

    def text(self, unit: Unit, style: tuple[int, ...] = (), gap: bool = True) -> None:
        """Add reader text; it joins the last run when the style is the same and the source contiguous.

        Between two runs of one style that are not contiguous, a `gap` separator is added unless
        `gap` is False (DOCX runs with the same formatting: the markup between them means nothing).
        """
        last = self._items[-1] if self._items else None
        if isinstance(last, Run) and last.style == style:
            if last.units[-1].end == unit.start:
                last.units.append(unit)
                return
            if gap:
                self._items.append(Sep("gap"))     # something not text between two runs of one style
        self._items.append(Run([unit], style))

    def texts(self, units: list[Unit], style: tuple[int, ...] = ()) -> None:
        for u in units:
            self.text(u, style)

    def sep(self, kind: str = "x") -> None:
        if self._items and not (isinstance(self._items[-1], Sep)):
            self._items.append(Sep(kind))

    def end(self, kind: str = "text") -> None:
        """Close the current block (dropped when it has no letters or digits)."""
        items = self._items
        while items and isinstance(items[-1], Sep):
            items.pop()
        while items and isinstance(items[0], Sep):
            items.pop(0)
        if items:
            block = Block(self.part, items, self._kind if self._kind != "text" else kind)
            if _ALNUM.search(block.text):
                self.blocks.append(block)
        self._items = []
        self._kind = "text"

    def single(self, units: Unit | list[Unit], kind: str) -> None:
        """A block of its own (an attribute value), without disturbing the block being built."""
        units = units if isinstance(units, list) else [units]
        if any(_ALNUM.search(u.text) for u in units):
            self.blocks.append(Block(self.part, [Run(units)], kind))


Writer = Callable[[dict[str, str | bytes]], bytes]     # changed part sources → whole file bytes


def text_writer(data: bytes) -> Writer:
    """The writer of a one-part text file (part ""): the changed text as UTF-8, else `data` as it was."""
    def write(changed: dict[str, str | bytes]) -> bytes:
        if "" not in changed:
            return data
        out = changed[""]
        return out.encode("utf-8") if isinstance(out, str) else out
    return write


@dataclass
class Document:
    """A parsed document: its parts, its blocks and how to write it back."""

    fmt: str
    parts: dict[str, Part]
    blocks: list[Block]
    writer: Writer

    def part_of(self, block: Block) -> Part:
        return self.parts[block.part]

    def render(self, edits: list[Edit] | dict[str, list[Edit]]) -> bytes:
        """The file's bytes with `edits` (per part name) applied; parts without edits are copied."""
        by_part = edits if isinstance(edits, dict) else {"": edits}
        changed: dict[str, str | bytes] = {}
        for name, part_edits in by_part.items():
            if part_edits:
                changed[name] = apply_edits(self.parts[name].source, part_edits)
        return self.writer(changed)

    def source_end(self, block: Block, offset: int) -> int:
        """Position in the part's source just after the character before `offset` in the block's text."""
        if offset <= 0:
            return self.source_offset(block, 0)
        for off, u in block.units():
            if off < offset <= off + len(u.text):
                return u.start + (offset - off) if u.literal else u.end
        return self.source_offset(block, offset)

    def source_offset(self, block: Block, offset: int) -> int:
        """Position in the part's source of a character offset in the block's text."""
        last = 0
        for off, u in block.units():
            if off <= offset < off + len(u.text):
                return u.start + (offset - off) if u.literal else u.start
            last = u.end
        return last
