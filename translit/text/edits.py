"""Edit distance questions small enough to answer without rapidfuzz (which takes milliseconds to import)."""
from __future__ import annotations

__all__ = ["one_edit_apart"]


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
