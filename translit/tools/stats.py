"""`glossary stats`: how many entries of each kind, and which lack a Ukrainian or Russian form."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..glossary.model import KINDS, Entry

__all__ = ["Stats", "glossary_stats"]


@dataclass
class Stats:
    files: list[str]
    entries: int
    by_kind: dict[str, int]
    variants: int
    missing: dict[str, list[str]] = field(default_factory=dict)  # lang -> entry ids without that form

    def to_dict(self) -> dict[str, object]:
        return {"files": self.files, "entries": self.entries, "by_kind": self.by_kind,
                "variants": self.variants, "missing": self.missing}


def glossary_stats(entries: list[Entry], files: list[str]) -> Stats:
    """Counts by kind (in KINDS order) and the ids missing `uk` or `ru`."""
    kinds = Counter(e.kind for e in entries)
    by_kind = {k: kinds[k] for k in KINDS if kinds[k]} | {k: n for k, n in kinds.items() if k not in KINDS}
    missing = {lang: [e.id for e in entries if not e.form(lang)] for lang in ("uk", "ru")}
    return Stats(files, len(entries), by_kind, sum(len(e.variants) for e in entries), missing)
