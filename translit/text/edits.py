"""Edit distance questions small enough to answer without rapidfuzz (which takes milliseconds to import)."""
from __future__ import annotations

__all__ = ["one_edit_apart", "osa_within"]


def one_edit_apart(a: str, b: str) -> bool:
    """True when `a` and `b` differ by at most one edit: a character substituted, inserted or deleted,
    or two adjacent characters swapped (optimal string alignment distance <= 1)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    shorter = min(len(a), len(b))
    while i < shorter and a[i] == b[i]:
        i += 1
    if len(a) > len(b):
        return a[i + 1:] == b[i:]
    if len(a) < len(b):
        return a[i:] == b[i + 1:]
    if a[i + 1:] == b[i + 1:]:
        return True
    return i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]


def osa_within(a: str, b: str, limit: int) -> int | None:
    """The optimal string alignment distance of `a` and `b` (substitutions, insertions, deletions and
    swaps of adjacent characters, no substring edited twice) when it is at most `limit`, else None:
    what rapidfuzz's OSA.distance with score_cutoff=limit keeps. Quadratic: for a few short words."""
    if abs(len(a) - len(b)) > limit:
        return None
    before: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        ca = a[i - 1]
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cb = b[j - 1]
            d = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb and before[j - 2] + 1 < d:
                d = before[j - 2] + 1
            cur[j] = d
        if min(cur) > limit and min(prev) > limit:
            return None  # every later cell adds to a cell of one of these two rows
        before, prev = prev, cur
    return prev[-1] if prev[-1] <= limit else None
