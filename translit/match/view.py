"""The text the matcher reads: NFC, without stress marks, with a map back to the input's characters.

Decomposed text (и + U+0306 for й) and stress marks (А́вдіївка: А + U+0301) would
otherwise reach the matcher as extra characters inside names; it then matches
around them and a rewrite doubles a letter or leaves a stray mark. The matcher
reads each cluster (a base character and its combining marks) in NFC with the
acute and grave stress marks NFC cannot compose removed, and every span it finds
is mapped back to whole clusters of the input, so everything outside the names
stays byte for byte.

    >>> v = matching_view("А\u0301вдіївка")
    >>> v.text, v.span(0, 8)
    ('Авдіївка', (0, 9))
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

__all__ = ["View", "matching_view"]

_STRESS = "\u0300\u0301"  # grave and acute: stress marks in Ukrainian and Russian text


@dataclass(frozen=True)
class View:
    """`text` for the matcher; `starts[k]`/`ends[k]`: the input cluster behind text[k]."""

    text: str
    starts: list[int]
    ends: list[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The input span of whole clusters behind text[start:end]."""
        if end <= start:
            at = self.starts[start] if start < len(self.starts) else (self.ends[-1] if self.ends else 0)
            return at, at
        return self.starts[start], self.ends[end - 1]


def matching_view(text: str) -> View | None:
    """The matcher's view of `text`, or None when `text` is already what the matcher should read."""
    if text.isascii():
        return None
    if unicodedata.is_normalized("NFC", text) and not any(c in text for c in _STRESS):
        return None
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    n = len(text)
    i = 0
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        cluster = unicodedata.normalize("NFC", text[i:j])
        if any(c in cluster for c in _STRESS):
            cluster = "".join(c for c in cluster if c not in _STRESS)
        for c in cluster:
            out.append(c)
            starts.append(i)
            ends.append(j)
        i = j
    return View("".join(out), starts, ends)
