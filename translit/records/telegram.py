"""Telegram Desktop exports: a message's text is a string or a list of strings and entities.

    >>> rewrite_entities(["Watch ", {"type": "link", "text": "Kiev"}], [(6, 10, "Kyiv")])
    ['Watch ', {'type': 'link', 'text': 'Kyiv'}]
"""
from __future__ import annotations

from typing import Any

from ..text.edits import divide

__all__ = ["rewrite_entities", "telegram_text"]


def telegram_text(value: Any) -> str | None:
    """A Telegram message's `text` as one string: a plain string, or a list of strings and entities."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        parts = []
        for part in value:
            if isinstance(part, str):
                parts.append(part)
            elif isinstance(part, dict) and isinstance(part.get("text"), str):
                parts.append(part["text"])
            else:
                return None
        return "".join(parts)
    return None


def rewrite_entities(value: list[Any], edits: list[tuple[int, int, str]]) -> list[Any]:
    """`value` (strings and entities, as `telegram_text` reads them) with `edits` ((start, end, new) in
    the joined text, in order, not overlapping) made inside its pieces: every entity keeps its type and
    other keys. A rewrite over several pieces is divided between them where the characters align
    (Kyr|olo -> Kyr|ylo), else goes to the first."""
    texts = [part if isinstance(part, str) else part["text"] for part in value]
    bounds, pos = [], 0
    for piece in texts:
        bounds.append((pos, pos + len(piece)))
        pos += len(piece)
    # what each piece gets, piece by piece: (its start, its end, new text) inside the joined text
    changes: list[list[tuple[int, int, str]]] = [[] for _ in texts]
    for start, end, new in edits:
        spans = [k for k, (a, b) in enumerate(bounds) if a < end and b > start]
        if not spans:
            continue
        if len(spans) == 1:
            changes[spans[0]].append((start, end, new))
            continue
        old = "".join(texts)[start:end]
        cuts = [bounds[k][1] - start for k in spans[:-1]]
        mapped = divide(old, new, cuts)
        cut_new = [0, *mapped, len(new)] if mapped is not None else [0] + [len(new)] * len(spans)
        for n, k in enumerate(spans):
            a, b = bounds[k]
            changes[k].append((max(a, start), min(b, end), new[cut_new[n]:cut_new[n + 1]]))
    out: list[Any] = []
    for part, piece, (a, _), edits_here in zip(value, texts, bounds, changes):
        for start, end, new in reversed(edits_here):
            piece = piece[:start - a] + new + piece[end - a:]
        out.append(piece if isinstance(part, str) else {**part, "text": piece})
    return out
