"""The parts of a compiled glossary that are read a little at a time: entry infos and the fuzzy index.

In the on-disk cache they live in one SQLite file and are fetched on demand,
so starting up costs nothing and memory grows only with what a text touches.
"""
from __future__ import annotations

import itertools
import marshal
import sqlite3
from collections.abc import Iterable, Iterator
from operator import itemgetter
from dataclasses import fields
from pathlib import Path

from .readonly import ReadOnlyDB
from .types import EntryInfo

__all__ = ["MemoryStore", "SqliteStore", "StoreWriter", "write_store"]


_SCHEMA = """
CREATE TABLE entries (idx INTEGER PRIMARY KEY, info BLOB NOT NULL);
CREATE TABLE fuzzy (key TEXT PRIMARY KEY, hits BLOB NOT NULL) WITHOUT ROWID;
"""


class MemoryStore:
    """Entry infos and the fuzzy index held in memory (a glossary compiled without a cache)."""

    def __init__(self, entries: list[EntryInfo], fuzzy: dict[str, tuple[int, ...]], forms: dict[int, str]):
        self._entries, self._fuzzy, self._forms = entries, fuzzy, forms

    def entry(self, index: int) -> EntryInfo:
        return self._entries[index]

    def __len__(self) -> int:
        return len(self._entries)

    def near(self, keys: list[str]) -> list[tuple[int, str]]:
        """(hit, folded form) of every form indexed under any of `keys`, each hit once."""
        hits = {h for k in keys for h in self._fuzzy.get(k, ())}
        return [(h, self._forms[h]) for h in hits]

    def bucket(self, key: str) -> tuple[tuple[int, str], ...]:
        return tuple((h, self._forms[h]) for h in self._fuzzy.get(key, ()))


class SqliteStore:
    """The same, read from the cache's SQLite file with a small in-process memo."""

    def __init__(self, path: Path, count: int):
        self._make = EntryInfo
        self._db = ReadOnlyDB(path)
        self._count = count
        self._entries: dict[int, EntryInfo] = {}
        self._buckets: dict[str, tuple[tuple[int, str], ...]] = {}

    def entry(self, index: int) -> EntryInfo:
        info = self._entries.get(index)
        if info is None:
            row = self._db.execute("SELECT info FROM entries WHERE idx = ?", (index,)).fetchone()
            if row is None:
                raise IndexError(index)
            info = self._entries[index] = self._make(*marshal.loads(row[0]))
        return info

    def __len__(self) -> int:
        return self._count

    def close(self) -> None:
        self._db.close()

    def prefetch(self, indices: set[int]) -> None:
        """Read the infos of many entries in a few queries (a scan asks for thousands at once)."""
        missing = sorted(i for i in indices if i not in self._entries)
        for k in range(0, len(missing), 500):
            chunk = missing[k:k + 500]
            marks = ",".join("?" * len(chunk))
            for index, blob in self._db.execute(f"SELECT idx, info FROM entries WHERE idx IN ({marks})", chunk):
                self._entries.setdefault(index, self._make(*marshal.loads(blob)))

    def near(self, keys: list[str]) -> list[tuple[int, str]]:
        self.load(keys)
        buckets = self._buckets
        seen: dict[int, str] = {}
        for k in keys:
            seen.update(buckets[k])
        return list(seen.items())

    def load(self, keys: list[str]) -> None:
        """Read the buckets of `keys` not read yet, in one query (at most 32,766 keys)."""
        buckets = self._buckets
        missing = [k for k in keys if k not in buckets]
        if missing:
            # filled completely before it is published: a server thread must never see a bucket
            # that another thread has marked but not read yet (it would look empty)
            found: dict[str, tuple[tuple[int, str], ...]] = dict.fromkeys(missing, ())
            marks = ",".join("?" * len(missing))
            loads = marshal.loads
            for key, blob in self._db.execute(f"SELECT key, hits FROM fuzzy WHERE key IN ({marks})", missing):
                found[key] = loads(blob)
            buckets.update(found)

    def bucket(self, key: str) -> tuple[tuple[int, str], ...]:
        self.load([key])
        return self._buckets[key]


def write_store(path: Path, store: MemoryStore) -> None:
    """Write a MemoryStore's contents to a new SQLite file at `path`."""
    path.unlink(missing_ok=True)
    names = [f.name for f in fields(EntryInfo)]  # astuple() would deep-copy every tuple of every info
    db = sqlite3.connect(path)
    try:
        db.executescript(_SCHEMA)
        db.executemany("INSERT INTO entries VALUES (?, ?)",
                       ((i, marshal.dumps(tuple(getattr(e, n) for n in names))) for i, e in enumerate(store._entries)))
        db.executemany("INSERT INTO fuzzy VALUES (?, ?)",
                       ((k, marshal.dumps(store.bucket(k))) for k in store._fuzzy))
        db.commit()
    finally:
        db.close()


class StoreWriter:
    """A store written while the glossary compiles (a glossary compiled for the cache): entry infos and
    fuzzy index rows go to SQLite a chunk at a time and are never all held in memory. A row is one chunk
    of entries' part of a bucket (see add_rows); one sort at the end (cheaper than keeping an index of
    millions of rows in order while they come) puts each key's parts together into the same buckets a
    MemoryStore holds (hits in order, each once)."""

    def __init__(self, path: Path):
        path.unlink(missing_ok=True)
        self.path = path
        self.count = 0
        self._names = [f.name for f in fields(EntryInfo)]
        self._infos: list[tuple[int, bytes]] = []
        self._rows: list[tuple[str, bytes]] = []
        self._db = sqlite3.connect(path, check_same_thread=False)  # finish() may run on another thread
        # the file is new and private until the cache renames it into place (and checks its hash on
        # every load): no journal, no syncs
        self._db.executescript(_SCHEMA + """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            PRAGMA cache_size = -65536;
            CREATE TEMP TABLE fuzzy_rows (key TEXT NOT NULL, part BLOB NOT NULL);
        """)

    def add_entry(self, info: EntryInfo) -> None:
        self._infos.append((self.count, marshal.dumps(tuple(getattr(info, n) for n in self._names))))
        self.count += 1

    def add_rows(self, rows: list[tuple[str, bytes]]) -> None:
        """Fuzzy index rows: (key, marshalled tuple of (hit, folded form) by hit). Rows come a chunk of
        entries at a time, in entry order, so a key's parts in the order they came make its bucket."""
        self._rows.extend(rows)

    def flush(self) -> None:
        """Write what is pending (the compiler calls it after each chunk of entries)."""
        db = self._db
        db.executemany("INSERT INTO entries VALUES (?, ?)", self._infos)
        db.executemany("INSERT INTO fuzzy_rows VALUES (?, ?)", self._rows)
        self._infos, self._rows = [], []

    def finish(self) -> int:
        """Group the fuzzy rows into buckets, commit and close the file; the number of fuzzy keys."""
        self.flush()
        db = self._db
        try:
            rows = db.execute("SELECT key, part FROM fuzzy_rows ORDER BY key, rowid")
            db.executemany("INSERT INTO fuzzy VALUES (?, ?)", _buckets(rows))
            db.execute("DROP TABLE fuzzy_rows")
            db.commit()
            return int(db.execute("SELECT COUNT(*) FROM fuzzy").fetchone()[0])
        finally:
            db.close()

    def abandon(self) -> None:
        """Close and remove the file (compiling failed or stopped)."""
        self._db.close()
        self.path.unlink(missing_ok=True)


def _buckets(rows: Iterable[tuple[str, bytes]]) -> Iterator[tuple[str, bytes]]:
    """(key, bucket) from (key, part) rows in key order: a key of one part keeps it as it is, the parts
    of another are joined (by hit; a hit's first form wins)."""
    for key, group in itertools.groupby(rows, itemgetter(0)):
        first = next(group)[1]
        rest = [part for _, part in group]
        if not rest:
            yield key, first
            continue
        pairs: dict[int, str] = {}
        for part in (first, *rest):
            for hit, form in marshal.loads(part):
                pairs.setdefault(hit, form)
        yield key, marshal.dumps(tuple(sorted(pairs.items())))
