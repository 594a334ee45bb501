"""Small helpers shared by the document tests."""
from __future__ import annotations


def replace_once(text: str, pairs: list[tuple[str, str]]) -> str:
    """`text` with each `old` (which must occur exactly once) replaced by `new`."""
    for old, new in pairs:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text
