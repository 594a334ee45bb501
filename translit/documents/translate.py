"""Translate documents: each block is one line for the model, inline markup travels as placeholders.

    <p>He met <b>Kyr</b>olo Budanov in <a href="/kyiv">Kyiv</a>.</p>
    → "He met ⟦0⟧Kyrolo⟦1⟧ Budanov in ⟦2⟧Kyiv⟦3⟧."     (the name moved whole into the first run)
    → model → "Він зустрів ⟦0⟧Кирила⟦1⟧ Буданова в ⟦2⟧Києві⟦3⟧."
    → each run's text written back between the untouched tags

Every tag (an inline element's start or end, or an inline thing that is not text: an
image, a code span, a line-break element) is the next of `⟦0⟧`..`⟦9⟧` in turn: the
same placeholders the name enforcer uses, one token each in the models' vocabulary, so
markup costs the model as little as it can (a tag spelled `⟦a1⟧` was eight or nine
byte pieces, and half again the model's work on a formatted document). The answer is
read back by the order of the tags. Tags with no text between them (`</b><i>`, a
link's end and an image) are one placeholder. Runs of one style next to each other (DOCX
runs split by editing) share one slot. The lines go to the model with `markup=True`
(`translit.translate.engine.Engine.units`): sentences are split as in the text without the
placeholders, and those at a sentence's start or end are kept outside the model. When the model returns the placeholders in another
order or loses one, the whole translation goes into the block's first run (formatting
of the others is lost, the text is not). Soft line breaks inside a run are sent as
spaces and put back at the same relative places, so a two-line subtitle cue stays two
lines. Blocks without inline markup go as plain text.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .model import Block, Document, Edit, Run, Sep, replace_range
from .normalize import scan_blocks

__all__ = ["Template", "build_template", "fill_template", "translate_docs"]

_TAG = re.compile(r"⟦(\d+)⟧")
TAGS = 10                     # ⟦0⟧..⟦9⟧, reused in turn


@dataclass
class _Slot:
    a: int          # block-text range written back
    b: int
    ta: int         # block-text range sent to the model (differs when a name was moved into this slot)
    tb: int
    style: tuple[int, ...]


@dataclass
class Template:
    """A block as one line for the model, and how to read the answer back."""

    text: str
    slots: list[_Slot]
    tags: list[str]                  # the placeholders' numbers in order ("0", "1", "2")
    gaps: list[int | None]           # slot index for the text before each tag and after the last


def _slots(block: Block) -> list[_Slot | Sep]:
    out: list[_Slot | Sep] = []
    pos = 0
    for item in block.items:
        if isinstance(item, Sep):
            out.append(item)
            continue
        assert isinstance(item, Run)
        n = len(item.text)
        last = out[-1] if out else None
        if isinstance(last, _Slot) and last.style == item.style and last.b == pos:
            last.b = last.tb = pos + n
        else:
            out.append(_Slot(pos, pos + n, pos, pos + n, item.style))
        pos += n
    return out


def _drop_redundant(slots: list[_Slot]) -> None:
    """An inline element around exactly the same slots as its parent needs no tag of its own.

    (A DOCX hyperlink and the run inside it, `<a><b>x</b></a>`: one placeholder, not two.)
    """
    where: dict[int, set[int]] = {}
    for k, s in enumerate(slots):
        for ident in s.style:
            where.setdefault(ident, set()).add(k)
    drop = set()
    for s in slots:
        for outer, inner in zip(s.style, s.style[1:]):
            if where[outer] == where[inner]:
                drop.add(inner)
    if drop:
        for s in slots:
            s.style = tuple(i for i in s.style if i not in drop)


def build_template(block: Block, names: Sequence[tuple[int, int]] = ()) -> Template:
    """The model's line for `block`; `names` are (start, end) mentions to keep inside one slot."""
    seq = _slots(block)
    slots = [s for s in seq if isinstance(s, _Slot)]
    for ma, mb in names:
        first = next((s for s in slots if s.ta <= ma < s.tb), None)
        if first is None or mb <= first.tb:
            continue
        first.tb = mb
        for s in slots:
            if s is not first and s.ta < mb and s.a >= first.a:
                s.ta = min(max(s.ta, mb), s.tb)
    text = block.text
    _drop_redundant(slots)
    styles = [s.style for s in slots]
    common = len(styles[0]) if styles else 0
    for st in styles[1:]:
        while common and st[:common] != styles[0][:common]:
            common -= 1
    pieces: list[str] = []
    tags: list[str] = []
    gaps: list[int | None] = [None]
    stack: list[int] = []
    if "⟦" in text:
        # the text itself has our brackets: no placeholders, the whole line goes to the first slot
        body = "".join(text[s.ta:s.tb] for s in slots).replace("\n", " ")
        return Template(body, slots, [], [0 if slots else None])

    def tag() -> None:
        # tags with no text between them are one placeholder ("</b><i>", a link's end and an image)
        k = len(pieces)
        while k and pieces[k - 1] == "":
            k -= 1
        if k and pieces[k - 1].startswith("⟦"):
            return
        number = str(len(tags) % TAGS)
        pieces.append(f"⟦{number}⟧")
        tags.append(number)
        gaps.append(None)

    for item in seq:
        if isinstance(item, Sep):
            tag()
            continue
        want = list(item.style[common:])
        while stack and stack != want[:len(stack)]:
            stack.pop()
            tag()
        if len(stack) < len(want):
            # "in ⟦0⟧Kyiv" costs the model a lone "▁" and a word without its leading-space piece;
            # "in⟦0⟧ Kyiv" does not (the space is put back from the source when the answer is read)
            space = ""
            if pieces and not pieces[-1].startswith("⟦"):      # text (the text itself has no "⟦", see above)
                kept = pieces[-1].rstrip(" ")
                space, pieces[-1] = pieces[-1][len(kept):], kept
            while len(stack) < len(want):
                stack.append(want[len(stack)])
                tag()
            if space:
                pieces.append(space)
        piece = text[item.ta:item.tb].replace("\n", " ")
        gap = gaps[-1]
        if gap is None or (piece.strip() and not text[slots[gap].ta:slots[gap].tb].strip()):
            gaps[-1] = slots.index(item)     # the text's slot, not one of spaces before it (kept as it is)
        pieces.append(piece)
    while stack:
        stack.pop()
        tag()
    return Template("".join(pieces), slots, tags, gaps)


def _rewrap(new: str, old: str) -> str:
    """Put `old`'s line breaks back into `new` at the same relative places (at spaces)."""
    breaks = [i for i, c in enumerate(old) if c == "\n"]
    if not breaks or not new:
        return new
    chars = list(new)
    spaces = [i for i, c in enumerate(new) if c == " "]
    used: set[int] = set()
    for brk in breaks:
        target = brk * len(new) / max(len(old), 1)
        free = [i for i in spaces if i not in used]
        if not free:
            break
        best = min(free, key=lambda i: abs(i - target))
        used.add(best)
        chars[best] = "\n"
    return "".join(chars)


def fill_template(doc: Document, block: Block, tpl: Template, output: str) -> list[Edit]:
    """Edits that write the model's `output` for `tpl` back into the block's runs."""
    found = list(_TAG.finditer(output))
    names = [m.group(1) for m in found]
    texts: dict[int, str] = {}
    if names == tpl.tags:
        pieces = []
        pos = 0
        for m in found:
            pieces.append(output[pos:m.start()])
            pos = m.end()
        pieces.append(output[pos:])
        pending = ""
        for piece, gap in zip(pieces, tpl.gaps):
            if gap is None:
                if piece.strip():
                    pending += piece
                continue
            texts[gap] = texts.get(gap, "") + pending + piece
            pending = ""
        if pending and texts:
            last = max(texts)
            texts[last] += pending
    else:
        texts = {0: _TAG.sub("", output)}
    text = block.text
    news: list[str] = []
    for k, slot in enumerate(tpl.slots):
        old_sent = text[slot.ta:slot.tb]
        new = texts.get(k, "")
        if not old_sent.strip():
            new = old_sent if not new.strip() else new
        else:
            lead = old_sent[:len(old_sent) - len(old_sent.lstrip())]
            trail = old_sent[len(old_sent.rstrip()):]
            new = lead + _rewrap(new.strip(), old_sent.strip()) + trail
        news.append(new)
    edits: list[Edit] = []
    k = 0
    while k < len(tpl.slots):
        slot = tpl.slots[k]
        last = k
        # a name moved into this slot from the next ones: write the slots back together, divided
        # over the same runs where the words align (else all in this slot's first run)
        while slot.tb > slot.b and last + 1 < len(tpl.slots) and tpl.slots[last + 1].a < slot.tb:
            last += 1
        a, b = slot.a, tpl.slots[last].b
        new = "".join(news[k:last + 1])
        if new != text[a:b]:
            edits += replace_range(doc.part_of, block, a, b, new, words=True)
        k = last + 1
    return edits


def translate_docs(docs: list[Document], source: str, targets: list[str], *, enforcer: Any = None,
                   jobs: int | None = None, progress: Any = None,
                   routes: dict[str, Any] | None = None, runner: Any = None) -> list[dict[str, tuple[bytes, Any]]]:
    """Translate parsed documents into each target; result[i][target] = (file bytes, DocumentTranslation)."""
    # the translate package only when translating: normalizing a document never loads it
    from ..translate.pipeline import translate_texts

    templates: list[list[Template]] = []
    for doc in docs:
        names: dict[int, list[tuple[int, int]]] = {}
        if enforcer is not None and doc.blocks:
            _, found = scan_blocks(doc.blocks, source, enforcer.compiled)
            for k, m, base in found:
                if m.entry is not None:
                    names.setdefault(k, []).append((m.start - base, m.end - base))
        templates.append([build_template(b, names.get(k, [])) for k, b in enumerate(doc.blocks)])
    lines = ["\n".join(t.text for t in tpls) for tpls in templates]
    translated = translate_texts(lines, source, targets, enforcer=enforcer, jobs=jobs, progress=progress,
                                 routes=routes, runner=runner, markup=True)
    out: list[dict[str, tuple[bytes, Any]]] = []
    for doc, tpls, by_lang in zip(docs, templates, translated):
        result: dict[str, tuple[bytes, Any]] = {}
        for lang, tr in by_lang.items():
            outputs = tr.text.split("\n") if tpls else []
            if len(outputs) != len(tpls):
                raise RuntimeError(f"translation returned {len(outputs)} blocks for {len(tpls)}")
            edits: dict[str, list[Edit]] = {}
            for block, tpl, line in zip(doc.blocks, tpls, outputs):
                edits.setdefault(block.part, []).extend(fill_template(doc, block, tpl, line))
            result[lang] = (doc.render(edits), tr)
        out.append(result)
    return out
