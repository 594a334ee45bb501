"""Normalize names in a document: the text of every block is scanned, only the mentions change.

All blocks of a document are scanned as one text (blocks joined by blank lines), so the
language is decided per paragraph as for plain text and the glossary is looked up
once. A mention that spans two runs ("Kyr" + "olo Budanov") is rewritten over the same
runs (see model.replace_range). Never imports the translation stack.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..normalize import Match, _main_lang, settled_matches
from ..streaming import normalize_text
from .formats import FORMATS, paused_gc, read_document
from .text import decode

if TYPE_CHECKING:  # the block model loads with the first document that is not plain text
    from .model import Block, Document, Edit

__all__ = ["DocumentResult", "normalize_bytes", "scan_blocks", "SEPARATOR"]

SEPARATOR = "\n\n"


@dataclass
class DocumentResult:
    """A normalized (or translated) document: the new file's bytes and the mentions found."""

    fmt: str
    data: bytes
    changed: bool
    lang: str
    mentions: list[dict[str, Any]] = field(default_factory=list)
    blocks: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"format": self.fmt, "lang": self.lang, "changed": self.changed, "blocks": self.blocks,
                "matches": self.mentions}


def scan_blocks(blocks: list[Block], lang: str, compiled: Any) -> tuple[str, list[tuple[int, Match, int]]]:
    """Scan all blocks as one text; (text, [(block index, match with block offsets, block start)])."""
    texts = [b.text for b in blocks]
    joined = SEPARATOR.join(texts)
    starts: list[int] = []
    pos = 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + len(SEPARATOR)
    out: list[tuple[int, Match, int]] = []
    # settled, not one scan's: a rewrite that makes a new mention (Mykolayiv region -> Mykolaiv region ->
    # Mykolaiv Oblast) is folded in, so one run reaches the fixed point, as normalize() does for text
    for m in settled_matches(joined, lang, compiled):
        k = bisect.bisect_right(starts, m.start) - 1
        if k < 0 or m.end > starts[k] + len(texts[k]):
            continue
        out.append((k, m, starts[k]))
    return joined, out


def _changes(m: Match) -> bool:
    return m.rewrites  # sure of entry, span and form (see docs/normalize.md)


def normalize_doc(doc: Document, lang: str = "auto", compiled: Any = None) -> DocumentResult:
    """Normalize a parsed document."""
    from .model import replace_range  # the block model: only documents that are not plain text load it

    joined, found = scan_blocks(doc.blocks, lang, compiled)
    edits: dict[str, list[Edit]] = {}
    mentions: list[dict[str, Any]] = []
    last_end: dict[int, int] = {}
    zipped = FORMATS[doc.fmt].zip
    for k, m, base in found:
        block = doc.blocks[k]
        a, b = m.start - base, m.end - base
        info = m.to_dict()
        if zipped:
            info.update({"part": block.part, "block": k, "start": a, "end": b})
        else:
            info.update({"start": doc.source_offset(block, a), "end": doc.source_end(block, b), "block": k})
        mentions.append(info)
        if _changes(m) and a >= last_end.get(k, 0):
            edits.setdefault(block.part, []).extend(replace_range(doc.part_of, block, a, b, m.canonical))
            last_end[k] = b
    main = lang if lang != "auto" else _main_lang(joined, [m for _, m, _ in found])
    changed = any(edits.values())
    return DocumentResult(doc.fmt, doc.render(edits) if changed else doc.render({}), changed, main, mentions,
                          len(doc.blocks))


def normalize_bytes(data: bytes, fmt: str, name: str = "", lang: str = "auto", compiled: Any = None,
                    jobs: int = 1) -> DocumentResult:
    """Normalize a file's bytes in format `fmt` (see formats.FORMATS).

    Plain text is normalized as `translit normalize` streams it: a text of a block or more block
    by block, in `jobs` processes (see translit.streaming.normalize_text)."""
    if fmt == "txt":
        text = decode(data)
        result = normalize_text(text, lang, compiled, jobs)
        return DocumentResult("txt", result.text.encode("utf-8"), result.text != text, result.lang,
                              [m.to_dict() for m in result.matches])
    with paused_gc():       # the document's objects live until it is written (see formats.paused_gc)
        return normalize_doc(read_document(data, fmt, name), lang, compiled)
