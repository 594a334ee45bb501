"""The compiled index's types: the hit encoding, what the scanner knows of an entry, the compiled glossary."""
from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["CASES", "ROLES", "LANGS", "METHODS", "EntryInfo", "Compiled", "Match", "pack", "unpack"]

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct")
ROLES = ("full", "surname", "keep")
LANGS = ("en", "uk", "ru", "lat")  # lat: a Latin spelling derived from uk/ru or listed as a variant
METHODS = ("exact", "variant", "romanized", "inflected")


def pack(entry: int, role: int, lang: int, case: int, origin: int) -> int:
    """One automaton hit as an int: entry index, role, form language, case, origin."""
    return ((((entry * 4 + origin) * 8 + case) * 4 + lang) * 4) + role


def unpack(value: int) -> tuple[int, int, int, int, int]:
    """Inverse of pack: (entry, role, lang, case, origin)."""
    value, role = divmod(value, 4)
    value, lang = divmod(value, 4)
    value, case = divmod(value, 8)
    entry, origin = divmod(value, 4)
    return entry, role, lang, case, origin


@dataclass
class EntryInfo:
    """What the scanner needs of one entry: house forms by language and role, flags."""

    id: str
    kind: str
    person: bool  # matched by surname (+ given name) rather than as a whole phrase
    en: str
    en_surname: str
    en_given: str
    uk: tuple[str, ...] | None  # paradigm of the full form, in CASES order (phrase entries)
    ru: tuple[str, ...] | None
    uk_surname: tuple[str, ...] | None  # person entries: surname and given-name paradigms
    ru_surname: tuple[str, ...] | None
    uk_given: tuple[str, ...] | None
    ru_given: tuple[str, ...] | None
    group: int  # given-name group (-1: none)
    surname_alone: bool
    common_word: bool
    gender: str | None



class _Entries:
    """The entry infos as a read-only sequence over the store."""

    def __init__(self, store):  # type: ignore[no-untyped-def]
        self.store = store

    def __getitem__(self, index: int) -> EntryInfo:
        return self.store.entry(index)  # type: ignore[no-any-return]

    def __len__(self) -> int:
        return len(self.store)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return (self.store.entry(i) for i in range(len(self.store)))


@dataclass
class Compiled:
    """The compiled glossary. Build with compile_entries() or load_or_compile().

    The two automata (Latin and Cyrillic keys) are kept in separate cache files
    and loaded on first use, so an English text never pays for the Cyrillic
    case forms; entry infos and the fuzzy index are read from SQLite on demand.
    """

    store: object  # MemoryStore or SqliteStore: entry infos, fuzzy index
    multi: list[tuple[int, ...]]
    given: dict[str, tuple[int, ...]]  # folded given-name form -> group ids
    group_forms: list[tuple[str, ...]]  # group id -> folded forms (for fuzzy given names)
    common_forms: frozenset[str] = frozenset()  # surname forms that are also ordinary words (кличка)
    known_given: frozenset[str] = frozenset()  # every given name of the given-names file, in every case
    parts: dict[str, object] = field(default_factory=dict, repr=False)
    key: str = ""
    stats: dict[str, int] = field(default_factory=dict)
    source: Path | None = None  # cache file the lazy parts are read from

    @property
    def entries(self) -> _Entries:
        """Entry infos by index."""
        return _Entries(self.store)

    def hits(self, value: int) -> tuple[int, ...]:
        """The packed hits behind one automaton value: (payload << 9) | (is_multi << 8) | key length."""
        payload = value >> 9
        return self.multi[payload] if value & 256 else (payload,)

    def part(self, name: str):  # type: ignore[no-untyped-def]
        """"latin" / "cyrillic" (automaton, value table), loaded from the cache on first use."""
        if name not in self.parts:
            assert self.source is not None, name
            with open(self.source.with_suffix(f".{name}.pickle"), "rb") as fh:
                self.parts[name] = pickle.load(fh)
        return self.parts[name]

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["parts"] = {}
        state["store"] = len(self.store)  # type: ignore[arg-type]
        return state


@dataclass
class Match:
    """One mention of a glossary entry in a text (offsets are characters of the input)."""

    start: int
    end: int
    found: str
    canonical: str
    entry: str | None
    kind: str
    method: str
    score: float
    candidates: list[str] = field(default_factory=list)
    lang: str = "en"
    case: str | None = None
    silenced: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "start": self.start, "end": self.end, "found": self.found, "canonical": self.canonical,
            "entry": self.entry, "kind": self.kind, "method": self.method, "score": round(self.score, 3),
            "candidates": self.candidates, "lang": self.lang, "case": self.case,
            **({"silenced": True} if self.silenced else {}),
        }
