"""The glossary entry: one person, place, organization... and its house forms."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..text.langs import TEXT_LANGS

__all__ = ["KINDS", "LANGS", "FIELDS", "Entry", "Glossary"]

KINDS = ("person", "organization", "place", "equipment", "media", "unit", "event", "other")
LANGS = TEXT_LANGS

# Every field an entry may have, in canonical order (`glossary fmt` writes them so).
FIELDS = (
    "id",
    "kind",
    "en",
    "uk",
    "ru",
    "gender",
    "variants",
    "abbreviations",
    "abbreviation_en",
    "abbreviation_uk",
    "abbreviation_ru",
    "context_in",
    "context_out",
    "surname_alone",
    "common_word",
    "keep",
    "shared_variants",
    "override",
    "note",
)


@dataclass
class Entry:
    """A glossary entry.

    Only `id`, `kind` and `en` are required. Flags left as None mean "decide
    automatically" (see docs/glossary-format.md).
    """

    id: str
    kind: str
    en: str
    uk: str | None = None
    ru: str | None = None
    gender: str | None = None
    variants: list[str] = field(default_factory=list)
    abbreviations: list[str] = field(default_factory=list)  # found and reported, never expanded
    # the house abbreviation in text of each language: the entry's other abbreviations written in the
    # same letters are rewritten to it there (ВСУ -> ЗСУ in Ukrainian text); unset: abbreviations stay
    abbreviation_en: str | None = None
    abbreviation_uk: str | None = None
    abbreviation_ru: str | None = None
    context_in: list[str] = field(default_factory=list)  # words before a mention that confirm this entry
    context_out: list[str] = field(default_factory=list)  # words before a mention that rule this entry out
    surname_alone: bool | None = None
    common_word: bool | None = None
    keep: list[str] = field(default_factory=list)
    shared_variants: list[str] = field(default_factory=list)
    override: bool = False
    note: str | None = None
    # where it came from: file path and the 1-based line/column of each field
    path: str = ""
    line: int = 0
    column: int = 0
    positions: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False, compare=False)

    def form(self, lang: str) -> str | None:
        """The house form in `lang` ("en", "uk" or "ru"), or None."""
        return getattr(self, lang) if lang in LANGS else None

    def where(self, fieldname: str | None = None) -> tuple[int, int]:
        """Line and column of `fieldname` in its file, or of the entry itself."""
        if fieldname and fieldname in self.positions:
            return self.positions[fieldname]
        return (self.line, self.column)

    def to_dict(self) -> dict[str, object]:
        """The entry as it would be written to YAML: set fields only, canonical order."""
        out: dict[str, object] = {}
        for name in FIELDS:
            value = getattr(self, name)
            if value is None or value == [] or (name == "override" and not value):
                continue
            out[name] = value
        return out


@dataclass
class Glossary:
    """Entries loaded from one or more files, in load order, ids unique."""

    entries: list[Entry]
    paths: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_id = {e.id: e for e in self.entries}

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def get(self, entry_id: str) -> Entry | None:
        """The entry with this id, or None."""
        return self._by_id.get(entry_id)
