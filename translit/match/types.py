"""The compiled index's types: the hit encoding, what the scanner knows of an entry, the compiled glossary."""
from __future__ import annotations

import pickle
import threading
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from itertools import accumulate
from pathlib import Path
from typing import Any, Protocol

from ..text.langs import CASES
from .keys import KeyLookup

__all__ = [
    "CASES", "ENTRY_SHIFT", "LANGS", "METHODS", "ROLES", "Compiled", "EntryInfo", "FormLang", "Match", "Origin",
    "PackedHits", "Role", "Store", "automaton_value", "pack", "unpack",
]


class Role(IntEnum):
    """What a form in the automata stands for."""

    FULL = 0      # the whole name or phrase
    SURNAME = 1   # a person's surname: the scanner extends it to the full name around it
    KEEP = 2      # a spelling the glossary says to leave alone (`keep`)
    ABBREVIATION = 3  # an entry's `abbreviations`: found and reported, never expanded


class FormLang(IntEnum):
    """The language of the form that matched."""

    EN = 0
    UK = 1
    RU = 2
    LAT = 3  # a Latin spelling derived from uk/ru (schemes) or listed as a variant


class Origin(IntEnum):
    """How a form was derived from the entry; the scanner reports it as the match's `method`."""

    EXACT = 0      # a house form as written
    VARIANT = 1    # listed under `variants`
    ROMANIZED = 2  # a scheme's romanization of a uk/ru house form
    INFLECTED = 3  # a case form other than the nominative


ROLES = tuple(r.name.lower() for r in Role)
LANGS = tuple(lang.name.lower() for lang in FormLang)
METHODS = tuple(o.name.lower() for o in Origin)


def pack(entry: int, role: int, lang: int, case: int, origin: int) -> int:
    """One automaton hit as an int: entry index, role (Role), form language (FormLang), case (CASES), origin (Origin)."""
    return ((((entry * 4 + origin) * 8 + case) * 4 + lang) * 4) + role


ENTRY_SHIFT = 9  # a packed hit >> ENTRY_SHIFT is its entry index (what unpack(hit)[0] says, without the tuple)


def unpack(value: int) -> tuple[int, int, int, int, int]:
    """Inverse of pack: (entry, role, lang, case, origin), plain ints (compare them with the enums)."""
    # (the factors of pack are powers of two: shifts and masks)
    return value >> ENTRY_SHIFT, value & 3, (value >> 2) & 3, (value >> 4) & 7, (value >> 7) & 3


# One automaton value: (payload << PAYLOAD_SHIFT) | MULTI (when several hits) | key length.
# The payload is the packed hit itself, or an index into Compiled.multi when several hits share the key.
KEY_LENGTH = 0xFF  # mask: forms longer than 255 characters are not indexed
MULTI = 0x100
PAYLOAD_SHIFT = 9


def automaton_value(payload: int, multi: bool, length: int) -> int:
    """The value stored in the automaton's value table for one key (see KEY_LENGTH, MULTI, PAYLOAD_SHIFT)."""
    return (payload << PAYLOAD_SHIFT) | (MULTI if multi else 0) | length


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
    context_in: tuple[str, ...] = ()  # folded words that confirm the entry when they stand before it
    context_out: tuple[str, ...] = ()  # ... or rule it out (флагман before Москва)
    house_abbr: tuple[str, str, str] = ("", "", "")  # the house abbreviation in en, uk and ru text ("": none)



class Store(Protocol):
    """Entry infos and the fuzzy index: in memory after compiling, or read from the cache's SQLite file."""

    def entry(self, index: int) -> EntryInfo: ...

    def __len__(self) -> int: ...

    def near(self, keys: list[str]) -> list[tuple[int, str]]:
        """(hit, folded form) of every form indexed under any of `keys`, each hit once."""
        ...

    def bucket(self, key: str) -> tuple[tuple[int, str], ...]:
        """(hit, folded form) of the forms indexed under exactly `key`."""
        ...


class _Entries:
    """The entry infos as a read-only sequence over the store."""

    def __init__(self, store: Store):
        self.store = store

    def __getitem__(self, index: int) -> EntryInfo:
        return self.store.entry(index)

    def __len__(self) -> int:
        return len(self.store)

    def __iter__(self) -> Iterator[EntryInfo]:
        return (self.store.entry(i) for i in range(len(self.store)))


class _NoMatches:
    """Stands in for an automaton without keys (a glossary with no Cyrillic forms, or none at all)."""

    def iter(self, _text: str) -> Iterator[tuple[int, int]]:
        return iter(())

    def exists(self, _key: str) -> bool:
        return False

    def __len__(self) -> int:
        return 0


_NO_MATCHES = _NoMatches()
_PART_LOCK = threading.Lock()


def _int_type(largest: int) -> str:
    """The array type code of the smallest signed type that holds `largest` (4 or 8 bytes)."""
    return "i" if largest < 2**31 else "q"


class PackedHits(Sequence[tuple[int, ...]]):
    """Compiled.multi as two flat arrays (how the cache stores it): a list of tens of thousands of small
    tuples costs tens of milliseconds to unpickle on every start, two arrays cost a copy."""

    def __init__(self, multi: Sequence[tuple[int, ...]]) -> None:
        flat = [h for hits in multi for h in hits]
        self.flat = array(_int_type(max(flat, default=0)), flat)
        self.ends = array(_int_type(len(flat)), accumulate(map(len, multi)))  # where each tuple ends in `flat`

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, index: int) -> tuple[int, ...]:  # type: ignore[override]
        # (an index, never a slice: Compiled.hits is its only reader)
        return tuple(self.flat[self.ends[index - 1] if index else 0:self.ends[index]])


@dataclass
class Compiled:
    """The compiled glossary. Build with compile_entries() or load_or_compile().

    The two automata (Latin and Cyrillic keys) are kept in separate cache files
    and loaded on first use, so an English text never pays for the Cyrillic
    case forms; entry infos and the fuzzy index are read from SQLite on demand.
    """

    store: Store  # MemoryStore or SqliteStore; pickled as its entry count (see __getstate__)
    multi: Sequence[tuple[int, ...]]  # a list after compiling, PackedHits when read from the cache
    given: dict[str, tuple[int, ...]]  # folded given-name form -> group ids
    group_forms: list[tuple[str, ...]]  # group id -> folded forms (for fuzzy given names)
    common_forms: frozenset[str] = frozenset()  # surname forms that are also ordinary words (кличка)
    known_given: frozenset[str] = frozenset()  # every given name of the given-names file, in every case
    parts: dict[str, Any] = field(default_factory=dict, repr=False)  # name -> (automaton, value table)
    memo: dict[str, list[tuple[int, float]]] = field(default_factory=dict, repr=False)  # fuzzy step, per word
    longest: dict[str, int] = field(default_factory=dict, repr=False)  # part name -> its longest key (longest_key)
    key: str = ""
    stats: dict[str, int] = field(default_factory=dict)
    source: Path | None = None  # cache file the lazy parts come from
    blobs: dict[str, bytes | Callable[[], Any]] | None = field(default=None, repr=False)  # verified parts, not yet unpickled

    @property
    def entries(self) -> _Entries:
        """Entry infos by index."""
        return _Entries(self.store)

    def hits(self, value: int) -> tuple[int, ...]:
        """The packed hits behind one automaton value (see automaton_value)."""
        payload = value >> PAYLOAD_SHIFT
        return self.multi[payload] if value & MULTI else (payload,)

    def part(self, name: str) -> Any:
        """"latin" / "cyrillic" (automaton, value table), loaded from the cache on first use."""
        if name not in self.parts:
            with _PART_LOCK:  # server threads may ask for the same part at once; unpickle it once
                if name not in self.parts:
                    assert self.blobs is not None, name  # verified against the manifest when the cache was opened
                    blob = self.blobs.pop(name)
                    # verified bytes, or the cache's reader of a file it checks again as it reads it
                    self.parts[name] = pickle.loads(blob) if isinstance(blob, bytes) else blob()
        automaton, values = self.parts[name]
        if not len(automaton):  # no form in this script: pyahocorasick cannot search an empty trie
            return _NO_MATCHES, values
        return self.parts[name]

    def load_now(self, name: str) -> None:
        """Load part `name`'s automaton now, not its keys' SQLite stand-in (see match.keys): forked
        workers then share one copy instead of each loading its own."""
        automaton, _ = self.part(name)
        if isinstance(automaton, KeyLookup):
            automaton.load()

    def longest_key(self, name: str) -> int:
        """The length of the longest key of part `name` (0 for none), asked of its automaton once."""
        longest = self.longest.get(name)
        if longest is None:
            automaton, _ = self.part(name)
            longest = self.longest[name] = int(automaton.get_stats()["longest_word"]) if len(automaton) else 0
        return longest

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["parts"] = {}
        state["blobs"] = None
        state["memo"] = {}
        state["longest"] = {}
        state["store"] = len(self.store)
        if not isinstance(self.multi, PackedHits):
            state["multi"] = PackedHits(self.multi)
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        state.setdefault("memo", {})  # caches written before the memo existed
        state.setdefault("longest", {})
        self.__dict__.update(state)


@dataclass(kw_only=True)
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
    reason: str | None = None  # why a mention in another form than the house one is left alone
    # an entry written alike in every language (Deutsche Welle): its letters do not decide a paragraph of names
    neutral: bool = field(default=False, compare=False, repr=False)

    @property
    def rewrites(self) -> bool:
        """True when the text is rewritten here: one entry, sure of span and form, not the house form yet."""
        return (self.entry is not None and not self.silenced and self.reason is None
                and self.found != self.canonical)

    def to_dict(self) -> dict[str, object]:
        return {
            "start": self.start, "end": self.end, "found": self.found, "canonical": self.canonical,
            "entry": self.entry, "kind": self.kind, "method": self.method, "score": round(self.score, 3),
            "candidates": self.candidates, "lang": self.lang, "case": self.case,
            "rewrite": self.rewrites,
            **({"reason": self.reason} if self.reason else {}),
            **({"silenced": True} if self.silenced else {}),
        }
