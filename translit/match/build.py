"""Compiling a glossary: every form of every entry in one automaton (two: Latin and Cyrillic keys)."""
from __future__ import annotations

import marshal
import re
from array import array
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import ahocorasick

from ..caches import cached
from ..glossary.model import Entry
from ..text.fold import fold_form, skeleton
from ..text.scripts import has_cyrillic
from ..workers import cpu_count, fork_imap
from .forms import add_entry, given_group, known_given_forms, romanizations
from .store import MemoryStore, SqliteStore, StoreWriter
from .types import KEY_LENGTH, Compiled, EntryInfo, FormLang, Origin, Role, automaton_value, pack, unpack

__all__ = ["compile_entries"]

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


@cached(maxsize=4096)  # an entry gives one spelling several hits: case forms alike, uk and ru romanized alike
def _prepare(form: str, fuzzy: bool) -> tuple[tuple[str, ...], str | None, tuple[str, ...]] | None:
    """What indexing `form` takes, computed apart from the index (a compile worker does it):
    its automaton keys, and its folded form and fuzzy keys when it is indexed for the fuzzy step."""
    # an apostrophe at the edge of a form (GOST 7.79 writes ы as y`) reads as a quote mark in text
    folded = fold_form(form).strip("'")
    if not folded:
        return None
    keys = tuple(_sep_variants(folded))
    if fuzzy and " " not in folded and not any(c.isdigit() for c in folded) and len(folded) >= 5:
        skel = skeleton(folded)
        start = 1 if skel.startswith("~") else 0
        return keys, folded, tuple({skel, *(skel[:i] + skel[i + 1:] for i in range(start, len(skel)))})
    return keys, None, ()


class _FuzzyRows:
    """The fuzzy index rows of a chunk of entries, grouped by key (a compile worker groups its chunk's,
    so the compiling process stores a few rows per key instead of one per form and key)."""

    def __init__(self) -> None:
        self.hits: dict[str, list[int]] = {}
        self.forms: dict[int, str] = {}  # hit -> its folded form (the first one given)

    def add(self, hit: int, folded: str, keys: tuple[str, ...]) -> None:
        self.forms.setdefault(hit, folded)
        bucket = self.hits.get
        for k in keys:
            hits = bucket(k)
            if hits is None:
                self.hits[k] = [hit]
            elif hits[-1] != hit:
                hits.append(hit)

    def rows(self) -> list[tuple[str, bytes]]:
        """(key, marshalled bucket part): the chunk's (hit, folded form) pairs under the key, by hit.
        A chunk's entries come after those of every chunk before it (the entry is a hit's high part):
        a key's parts in chunk order make its whole bucket (StoreWriter.add_rows)."""
        forms = self.forms
        return [(k, marshal.dumps(tuple([(h, forms[h]) for h in sorted(set(hits))])))
                for k, hits in self.hits.items()]


class _Builder:
    def __init__(self, writer: StoreWriter | None = None) -> None:
        self.writer = writer  # where the fuzzy index goes (None: the dicts below)
        self.chunk = _FuzzyRows()  # with a writer: the fuzzy rows of the entries since the last flush
        self.forms: dict[str, list[int]] = {}
        self.given: dict[str, set[int]] = {}
        self.group_ids: dict[tuple[str, str], int] = {}
        self.group_forms: list[set[str]] = []
        self.group_seen: list[set[str]] = []  # the spellings given for each group, as given
        # one hit as a plain int (most keys), several as a list: a list costs 88 bytes even with one item
        self.fuzzy: dict[str, int | list[int]] = {}
        self.fuzzy_forms: dict[int, str] = {}
        self.common_forms: set[str] = set()
        self.known_given: set[str] = set()

    def add(self, form: str, hit: int, fuzzy: bool = False) -> None:
        prepared = _prepare(form, fuzzy)
        if prepared is not None:
            keys, folded, fuzzy_keys = prepared
            self.put(hit, keys)
            if folded is not None:
                self.put_fuzzy(hit, folded, fuzzy_keys)

    def put(self, hit: int, keys: tuple[str, ...]) -> None:
        """Index one form's automaton keys (see _prepare) under `hit`."""
        for key in keys:
            bucket = self.forms.setdefault(key, [])
            if hit not in bucket:
                bucket.append(hit)

    def put_fuzzy(self, hit: int, folded: str, fuzzy_keys: tuple[str, ...]) -> None:
        """Index one form for the fuzzy step (see _prepare) under `hit`."""
        if self.writer is not None:
            self.chunk.add(hit, folded, fuzzy_keys)
            return
        self.fuzzy_forms.setdefault(hit, folded)
        fuzzy = self.fuzzy
        for k in fuzzy_keys:
            fbucket = fuzzy.get(k)
            if fbucket is None:
                fuzzy[k] = hit
            elif isinstance(fbucket, int):
                if fbucket != hit:
                    fuzzy[k] = [fbucket, hit]
            elif fbucket[-1] != hit:
                fbucket.append(hit)

    def put_rows(self, rows: list[tuple[str, bytes]]) -> None:
        """Index a worker's fuzzy rows (_FuzzyRows.rows) of the entries after every one indexed so far."""
        if self.writer is not None:
            self.writer.add_rows(rows)
            return
        for key, part in rows:
            for hit, folded in marshal.loads(part):
                self.put_fuzzy(hit, folded, (key,))

    def flush(self) -> None:
        """Write what is pending to the store (after each chunk of entries; nothing without a store)."""
        if self.writer is not None:
            self.writer.add_rows(self.chunk.rows())
            self.chunk = _FuzzyRows()
            self.writer.flush()

    def person_group(self, gender: str | None, givens: dict[str, str]) -> int:
        return given_group(self, gender, givens)

    def group_for(self, uk: str, ru: str, forms: set[str]) -> int:
        """The given-name group of (uk, ru), created on first use, with `forms` added to it."""
        gid = self.group_ids.get((uk, ru))
        if gid is None:
            gid = len(self.group_forms)
            self.group_ids[(uk, ru)] = gid
            self.group_forms.append(set())
            self.group_seen.append(set())
        self.add_given(gid, forms)
        return gid

    def add_given(self, gid: int, forms: set[str]) -> None:
        """Add spellings (one word each) to given-name group `gid`."""
        seen = self.group_seen[gid]  # thousands of people share a given name: its spellings come again and again
        for form in forms - seen:
            seen.add(form)
            folded = fold_form(form)
            if folded and " " not in folded:
                self.group_forms[gid].add(folded)
                self.given.setdefault(folded, set()).add(gid)

    def finish(self, entries: list[EntryInfo]) -> Compiled:
        count = len(entries) if self.writer is None else self.writer.count
        stats = {"entries": count, "forms": len(self.forms)}
        store: MemoryStore | SqliteStore
        with ThreadPoolExecutor(1) as background:
            if self.writer is not None:
                self.flush()
                # the store's rows are put together into buckets (sorted inside SQLite, which lets go of the
                # GIL) on another thread while this one builds the automata
                finishing = background.submit(self.writer.finish)
            multi, automata, values = self._automata()
            if self.writer is not None:
                stats["fuzzy_keys"] = finishing.result()
                store = SqliteStore(self.writer.path, count)
        if self.writer is None:
            fuzzy: dict[str, Any] = self.fuzzy
            stats["fuzzy_keys"] = len(fuzzy)
            for k, v in fuzzy.items():  # in place: a copy of the fuzzy index would double the peak memory
                fuzzy[k] = (v,) if isinstance(v, int) else tuple(sorted(set(v)))
            store = MemoryStore(entries, fuzzy, self.fuzzy_forms)
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

    def _automata(self) -> tuple[list[tuple[int, ...]], dict[str, Any], dict[str, array[int]]]:
        """(multi, automata, value tables) of every key in self.forms (emptied: the automata hold them)."""
        multi: list[tuple[int, ...]] = []
        # pyahocorasick stores 32-bit ints: the automaton holds an index into a 64-bit value table
        automata = {name: ahocorasick.Automaton(ahocorasick.STORE_INTS) for name in ("latin", "cyrillic")}
        values = {name: array("q") for name in automata}
        for key, hits in self.forms.items():
            if len(key) > KEY_LENGTH:
                continue
            if len(hits) > 1:  # the most telling origin first: exact, variant, romanized, inflected; then by entry
                hits.sort(key=_hit_order)
            if len(hits) == 1:
                value = automaton_value(hits[0], False, len(key))
            else:
                multi.append(tuple(hits))
                value = automaton_value(len(multi) - 1, True, len(key))
            name = "cyrillic" if has_cyrillic(key) else "latin"
            automata[name].add_word(key, len(values[name]))
            values[name].append(value)
        self.forms = {}  # the automata hold them now
        for automaton in automata.values():
            automaton.make_automaton()
        return multi, automata, values


def _hit_order(hit: int) -> tuple[int, int, int]:
    """Hits under one key: by origin, case, then entry (one entry's hits stay in the order they came)."""
    entry, _role, _lang, case, origin = unpack(hit)
    return origin, case, entry


# a glossary this big is compiled by a pool of processes (the bundled ones are far smaller)
PARALLEL_FROM = 4_000
_CHUNK = 250  # entries per task: small enough to keep both workers busy to the end
_PENDING = -2  # a worker's stand-in for the given-name group the compiling process assigns


def compile_entries(entries: list[Entry], workers: int | None = None, store: Path | None = None) -> Compiled:
    """Compile glossary entries: derive every form (schemes, case forms, given names) into one index.

    `workers`: processes deriving the forms (default: one per CPU, at most 4, for glossaries of
    PARALLEL_FROM entries or more). The result is the same whatever the number of workers: they
    derive each entry's forms, and this process indexes them in entry order.
    `store`: write the entry infos and the fuzzy index to a new SQLite file there as they are
    derived (the cache's store; they are never all held in memory) instead of keeping them in memory.
    """
    writer = StoreWriter(store) if store is not None else None
    try:
        return _compile(entries, workers, _Builder(writer))
    except BaseException:
        if writer is not None:
            writer.abandon()
        raise


def _compile(entries: list[Entry], workers: int | None, builder: _Builder) -> Compiled:
    builder.known_given = known_given_forms()
    infos: list[EntryInfo] = []
    writer = builder.writer

    def done(info: EntryInfo) -> None:
        if writer is not None:
            writer.add_entry(info)
        else:
            infos.append(info)

    # one-word names whose spellings make up longer names: the forms built on them are added last
    names: dict[str, list[str]] = {}
    if workers is None:
        workers = min(cpu_count(), 4) if len(entries) >= PARALLEL_FROM else 1
    derived = _derive_in_pool(entries, workers) if workers > 1 else None
    if derived is None:
        for index, entry in enumerate(entries):
            done(add_entry(builder, index, entry))
            latin = _latin_name(entry)
            if latin:
                names[entry.en] = latin
            if index % _CHUNK == _CHUNK - 1:
                builder.flush()
        return _finish(builder, entries, names, infos)
    index = 0
    for chunk, rows in derived:
        for info, ops, common, latin in chunk:
            group = -1
            for op in ops:
                if isinstance(op[0], int):
                    builder.put(*op)
                elif op[0] == "group":
                    group = given_group(builder, op[1], op[2])
                else:  # "given": spellings of this entry's given name from its variants
                    builder.add_given(group, set(op[1]))
            if info.group == _PENDING:
                info.group = group
            builder.common_forms |= common
            done(info)
            if latin:
                names[entries[index].en] = latin
            index += 1
        builder.put_rows(rows)
        builder.flush()
    return _finish(builder, entries, names, infos)


def _finish(builder: _Builder, entries: list[Entry], names: dict[str, list[str]], infos: list[EntryInfo]) -> Compiled:
    """Add the forms built on other entries' names (see _built_on_names), then build the index."""
    for index, entry in enumerate(entries):
        for form in _built_on_names(entry, names):
            builder.add(form, pack(index, Role.FULL, FormLang.LAT, 0, Origin.VARIANT))
    return builder.finish(infos)


class _Recorder:
    """A compile worker's FormSink: records each entry's prepared forms for the compiling process
    (the automaton keys as they come, the fuzzy rows grouped in `fuzzy`, shared by a chunk's entries)."""

    def __init__(self, fuzzy: _FuzzyRows) -> None:
        self.fuzzy = fuzzy
        self.ops: list[tuple[Any, ...]] = []
        self.common_forms: set[str] = set()
        self.group_ids: dict[tuple[str, str], int] = {}  # never used: groups are the compiling process's

    def add(self, form: str, hit: int, fuzzy: bool = False) -> None:
        prepared = _prepare(form, fuzzy)
        if prepared is not None:
            keys, folded, fuzzy_keys = prepared
            self.ops.append((hit, keys))
            if folded is not None:
                self.fuzzy.add(hit, folded, fuzzy_keys)

    def person_group(self, gender: str | None, givens: dict[str, str]) -> int:
        self.ops.append(("group", gender, dict(givens)))
        return _PENDING

    def add_given(self, gid: int, forms: set[str]) -> None:
        assert gid == _PENDING, gid
        self.ops.append(("given", tuple(forms)))

    def group_for(self, uk: str, ru: str, forms: set[str]) -> int:
        raise AssertionError("given-name groups are assigned by the compiling process")


_Derived = tuple[EntryInfo, list[tuple[Any, ...]], set[str], list[str]]
_Chunk = tuple[list[_Derived], list[tuple[str, bytes]]]


def _derive(entries: list[Entry], start: int) -> _Chunk:
    """(info, recorded forms, common forms, _latin_name) of entries start .. start + _CHUNK, and their
    fuzzy rows, in a worker."""
    out = []
    fuzzy = _FuzzyRows()
    for index in range(start, min(start + _CHUNK, len(entries))):
        sink = _Recorder(fuzzy)
        info = add_entry(sink, index, entries[index])
        out.append((info, sink.ops, sink.common_forms, _latin_name(entries[index])))
    return out, fuzzy.rows()


def _derive_in_pool(entries: list[Entry], workers: int) -> Iterator[_Chunk] | None:
    """Each chunk's derived forms, in order, from `workers` forked processes (which inherit the entries:
    only chunk numbers and results travel); None where forking is unsafe (see workers.can_fork). At most
    eight chunks per worker are ahead of the one this process indexes: the rest wait to be derived."""
    return fork_imap(lambda start: _derive(entries, start), range(0, len(entries), _CHUNK), workers,
                     ahead=8 * workers)


_WORDS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


def _latin_name(entry: Entry) -> list[str]:
    """A one-word English house form's (Zaporizhzhia) Latin variants and, for a place, every
    romanization of its uk/ru forms (Zaporozhye, Zaporizhia); [] for a longer name or none.
    Computed with the entry's forms (in a worker: romanizations() is still cached there)."""
    if " " in entry.en:
        return []
    latin = [v for v in entry.variants if " " not in v and not has_cyrillic(v)]
    if entry.kind == "place":
        for lang in ("uk", "ru"):
            form = getattr(entry, lang)
            if form and " " not in form and has_cyrillic(form):
                latin += [r for r in romanizations(form, lang) if r != entry.en]
    return list(dict.fromkeys(latin))


def _built_on_names(entry: Entry, names: dict[str, list[str]]) -> list[str]:
    """A multi-word name containing another entry's name (a plant named after its city), with every
    declared Latin spelling of that name: Zaporozhye Nuclear Power Plant."""
    if entry.kind == "person" or " " not in entry.en or not names:
        return []
    out = []
    for word in _WORDS.findall(entry.en):
        for variant in names.get(word, ()):
            out.append(re.sub(rf"(?<![\w']){re.escape(word)}(?![\w'])", variant, entry.en))
    return out
