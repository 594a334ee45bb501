"""The compiled glossary: every form of every entry in one automaton, built once and cached on disk."""
from __future__ import annotations

import hashlib
from array import array
import os
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..scripts import has_cyrillic
from .fold import fold_form, skeleton

__all__ = [
    "CASES", "ROLES", "LANGS", "METHODS", "EntryInfo", "Compiled", "pack", "unpack",
    "cache_dir", "compile_entries", "load_or_compile",
]

FORMAT_VERSION = 16  # bump when the compiled layout or the form generation changes

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


_PARTS = ("latin", "cyrillic")


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
    memo: dict[str, list[tuple[int, float]]] = field(default_factory=dict, repr=False)  # fuzzy step, per word
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
        state["memo"] = {}
        state["store"] = len(self.store)  # type: ignore[arg-type]
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        state.setdefault("memo", {})  # caches written before the memo existed
        self.__dict__.update(state)


def cache_dir() -> Path:
    """Where compiled glossaries are cached: $TRANSLIT_CACHE_DIR, else $XDG_CACHE_HOME/translit."""
    if os.environ.get("TRANSLIT_CACHE_DIR"):
        return Path(os.environ["TRANSLIT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "translit"


def _content_key(paths: list[Path]) -> str:
    """Hash of the glossary files, the data files compilation reads, and the code version."""
    from .. import __version__

    h = hashlib.sha256(f"{FORMAT_VERSION}:{__version__}".encode())
    data = Path(__file__).resolve().parent.parent / "data"
    schemes = Path(__file__).resolve().parent.parent / "schemes" / "data"
    extra = sorted(data.glob("*.yaml")) + sorted(schemes.glob("*.yaml"))
    for p in list(paths) + extra:
        h.update(str(p.name).encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:32]


def load_or_compile(paths: list[Path], loader=None) -> Compiled:  # type: ignore[no-untyped-def]
    """The compiled glossary for `paths`, from the on-disk cache when the files are unchanged.

    `loader` returns the Glossary for `paths` (only called on a cache miss).
    """
    key = _content_key(paths)
    target = cache_dir() / f"glossary-{key}.pickle"
    try:
        with open(target, "rb") as fh:
            compiled = pickle.load(fh)
        if isinstance(compiled, Compiled) and compiled.key == key and all(
                target.with_suffix(f".{p}.pickle").is_file() for p in _PARTS):
            from .store import SqliteStore

            compiled.source = target
            compiled.store = SqliteStore(target.with_suffix(".sqlite"), compiled.store)  # type: ignore[arg-type]
            return compiled
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    glossary = loader(paths)
    compiled = compile_entries(list(glossary))
    compiled.key = key
    try:
        from ..files import atomic_write_bytes

        target.parent.mkdir(parents=True, exist_ok=True)
        from .store import write_store

        for name in _PARTS:  # parts first: the core file is what marks the cache complete
            atomic_write_bytes(target.with_suffix(f".{name}.pickle"),
                               pickle.dumps(compiled.parts[name], protocol=pickle.HIGHEST_PROTOCOL))
        tmp = target.with_suffix(f".sqlite.{os.getpid()}.tmp")
        write_store(tmp, compiled.store)  # type: ignore[arg-type]
        os.replace(tmp, target.with_suffix(".sqlite"))
        atomic_write_bytes(target, pickle.dumps(compiled, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # a read-only cache only costs speed
    return compiled


# ---------------------------------------------------------------- compiling

_ENGLISH_SURNAME_STOP = frozenset(
    "new north south east west white black green brown young king long may will mark bill rose "
    "grant major march little hill wood stone page day moon sun star rain".split()
)
_DESIGNATION = re.compile(r"^(?P<a>[^\W\d_]+)[- ]?(?P<n>\d[\w-]*)$")


def _sep_variants(folded: str) -> set[str]:
    """Spacing and hyphen variants of a folded form: mi-8, mi 8, mi8."""
    out = {folded}
    if "-" in folded:
        out.add(folded.replace("-", " "))
    m = _DESIGNATION.match(folded)
    if m:
        a, n = m.group("a"), m.group("n")
        out |= {f"{a}-{n}", f"{a} {n}", f"{a}{n}"}
    return out


class _Builder:
    def __init__(self) -> None:
        self.forms: dict[str, list[int]] = {}
        self.given: dict[str, set[int]] = {}
        self.group_ids: dict[tuple[str, str], int] = {}
        self.group_forms: list[set[str]] = []
        self.fuzzy: dict[str, list[int]] = {}  # lists, not sets: a set costs 200 bytes even when small
        self.fuzzy_forms: dict[int, str] = {}
        self.common_forms: set[str] = set()
        self.known_given: set[str] = set()

    def add(self, form: str, hit: int, fuzzy: bool = False) -> None:
        # an apostrophe at the edge of a form (GOST 7.79 writes ы as y`) reads as a quote mark in text
        folded = fold_form(form).strip("'")
        if not folded:
            return
        for key in _sep_variants(folded):
            bucket = self.forms.setdefault(key, [])
            if hit not in bucket:
                bucket.append(hit)
        if fuzzy and " " not in folded and not any(c.isdigit() for c in folded) and len(folded) >= 5:
            self.fuzzy_forms.setdefault(hit, folded)
            skel = skeleton(folded)
            start = 1 if skel.startswith("~") else 0
            for k in {skel, *(skel[:i] + skel[i + 1:] for i in range(start, len(skel)))}:
                bucket = self.fuzzy.setdefault(k, [])
                if not bucket or bucket[-1] != hit:
                    bucket.append(hit)

    def group_for(self, uk: str, ru: str, forms: set[str]) -> int:
        """The given-name group of (uk, ru), created on first use, with `forms` added to it."""
        gid = self.group_ids.get((uk, ru))
        if gid is None:
            gid = len(self.group_forms)
            self.group_ids[(uk, ru)] = gid
            self.group_forms.append(set())
        self.add_given(gid, forms)
        return gid

    def add_given(self, gid: int, forms: set[str]) -> None:
        """Add spellings (one word each) to given-name group `gid`."""
        for form in forms:
            folded = fold_form(form)
            if folded and " " not in folded:
                self.group_forms[gid].add(folded)
                self.given.setdefault(folded, set()).add(gid)

    def finish(self, entries: list[EntryInfo]) -> Compiled:
        import ahocorasick

        stats = {"entries": len(entries), "forms": len(self.forms), "fuzzy_keys": len(self.fuzzy)}
        multi: list[tuple[int, ...]] = []
        # pyahocorasick stores 32-bit ints: the automaton holds an index into a 64-bit value table
        automata = {name: ahocorasick.Automaton(ahocorasick.STORE_INTS) for name in ("latin", "cyrillic")}
        values = {name: array("q") for name in automata}
        for key, hits in self.forms.items():
            if len(key) > 255:
                continue
            if len(hits) > 1:  # per entry, the most telling origin first: exact, variant, romanized, inflected
                hits.sort(key=lambda h: (unpack(h)[4], unpack(h)[3]))
            if len(hits) == 1:
                value = (hits[0] << 9) | len(key)
            else:
                multi.append(tuple(hits))
                value = ((len(multi) - 1) << 9) | 256 | len(key)
            name = "cyrillic" if has_cyrillic(key) else "latin"
            automata[name].add_word(key, len(values[name]))
            values[name].append(value)
        self.forms = {}  # the automata hold them now
        for automaton in automata.values():
            automaton.make_automaton()
        from .store import MemoryStore

        store = MemoryStore(entries, {k: tuple(sorted(set(v))) for k, v in self.fuzzy.items()}, self.fuzzy_forms)
        self.fuzzy = {}
        return Compiled(
            store=store,
            multi=multi,
            given={k: tuple(sorted(v)) for k, v in self.given.items()},
            group_forms=[tuple(sorted(g)) for g in self.group_forms],
            common_forms=frozenset(self.common_forms),
            known_given=frozenset(self.known_given),
            parts={name: (automata[name], values[name]) for name in automata},
            stats=stats,
        )


def compile_entries(entries: list) -> Compiled:  # type: ignore[type-arg]
    """Compile glossary entries: derive every form (schemes, case forms, given names) into one index."""
    from .forms import add_entry

    from .forms import known_given_forms

    builder = _Builder()
    builder.known_given = known_given_forms()
    infos: list[EntryInfo] = []
    for index, entry in enumerate(entries):
        infos.append(add_entry(builder, index, entry))
    return builder.finish(infos)
