"""Edit distance questions small enough to answer without rapidfuzz (which takes milliseconds to import),
and how a rewrite divides between the pieces (runs, entities) its old text was written in."""
from __future__ import annotations

__all__ = ["divide", "one_edit_apart", "osa_within"]


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


def divide(found: str, canonical: str, cuts: list[int], words: bool = False) -> list[int] | None:
    """Map cut points inside `found` to cut points inside `canonical` (aligned by characters).

    None when a piece that had text would come out empty at the start (the first run must keep
    a non-empty start of the name). With `words`, cuts move to the nearest space or line break
    of `canonical` (a translation is divided between whole words).
    """
    import difflib  # here, not at the top: only a rewrite split across runs needs it (start-up speed)

    matcher = difflib.SequenceMatcher(None, found, canonical, autojunk=False)
    out: list[int] = []
    for cut in cuts:
        mapped = None
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if i1 <= cut < i2 or (cut == i2 and tag == "equal" and i2 == len(found)):
                mapped = j1 + (cut - i1) if tag == "equal" else (j1 if cut == i1 else j2)
                break
        if mapped is None:
            mapped = len(canonical)
        if words and 0 < mapped < len(canonical) and not (canonical[mapped - 1].isspace()
                                                          or canonical[mapped].isspace()):
            spaces = [i for i, c in enumerate(canonical) if c.isspace()] + [len(canonical)]
            at = mapped
            mapped = min(spaces, key=lambda i: abs(i - at))
        out.append(mapped)
    if out and out[0] <= 0:
        return None
    if any(b < a for a, b in zip(out, out[1:])):
        return None
    return out
