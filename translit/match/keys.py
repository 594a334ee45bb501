"""The automata's keys in SQLite: a short text looks its substrings up instead of loading an automaton.

Unpickling the Latin automaton of a 10,000-entry glossary costs more than everything else a warm
start does. A text of a few lines has a few thousand substrings no longer than the longest key:
looking those up in an indexed table costs a few milliseconds and gives the same hits in the same
order as the automaton (see KeyLookup.iter). Once the lookups of one process would cost about as
much as loading the automaton (PROBES_PER_KEY), the automaton is loaded and used from then on.
"""
from __future__ import annotations

import sqlite3
import threading
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .readonly import ReadOnlyDB

__all__ = ["KeyLookup", "PROBES_PER_KEY", "open_part", "write_keys"]

# Substring lookups allowed per key of the automaton before it is loaded instead: one lookup costs
# about five times what unpickling costs per key (about 3 and 0.6 microseconds), so a process that
# ends up loading the automaton anyway has spent at most half as much again on lookups first.
PROBES_PER_KEY = 0.1
_CHUNK = 500  # keys per query (SQLite allows 999 parameters at the least)


def write_keys(path: Path, parts: dict[str, tuple[Any, array[int]]]) -> None:
    """Write every key of every part's automaton (key -> its value-table index) and the value tables
    to a new SQLite file at `path`. Rows stream from the automaton: the keys are never copied into a list."""
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    try:
        db.executescript("""
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            PRAGMA cache_size = -65536;
            CREATE TABLE parts (name TEXT PRIMARY KEY, count INTEGER NOT NULL, longest INTEGER NOT NULL,
                                vals BLOB NOT NULL);
        """)
        for name, (automaton, values) in parts.items():
            db.execute(f"CREATE TABLE keys_{name} (key TEXT PRIMARY KEY, idx INTEGER NOT NULL) WITHOUT ROWID")
            count = len(automaton)
            longest = int(automaton.get_stats()["longest_word"]) if count else 0
            if count:
                db.executemany(f"INSERT INTO keys_{name} VALUES (?, ?)", automaton.items())
            db.execute("INSERT INTO parts VALUES (?, ?, ?, ?)", (name, count, longest, values.tobytes()))
        db.commit()
    finally:
        db.close()


def open_part(path: Path, name: str, load: Callable[[], tuple[Any, array[int]]]) -> tuple[KeyLookup, array[int]]:
    """Part `name` of the keys file at `path`: (a KeyLookup standing in for its automaton, its value table).

    `load()` returns the part as compiled, (automaton, value table): called once, when lookups would
    cost more than loading it."""
    db = ReadOnlyDB(path)
    row = db.execute("SELECT count, longest, vals FROM parts WHERE name = ?", (name,)).fetchone()
    if row is None:
        db.close()
        raise OSError(f"{path}: no part {name!r}")
    values = array("q")
    values.frombytes(row[2])
    return KeyLookup(db, name, int(row[0]), int(row[1]), load), values


class KeyLookup:
    """One automaton's keys read from SQLite: iter, exists, get, len and get_stats as pyahocorasick's
    Automaton answers them, until the automaton itself is loaded (then it answers)."""

    def __init__(self, db: ReadOnlyDB, name: str, count: int, longest: int,
                 load: Callable[[], tuple[Any, array[int]]]) -> None:
        self._db, self._table, self._count, self._longest, self._load = db, f"keys_{name}", count, longest, load
        self._budget = int(count * PROBES_PER_KEY)
        self._spent = 0
        self._automaton: Any = None
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return self._count

    def get_stats(self) -> dict[str, int]:
        return {"words_count": self._count, "longest_word": self._longest}

    def _afford(self, probes: int) -> Any:
        """The loaded automaton, or None when `probes` more lookups stay within the budget (then spent)."""
        with self._lock:
            if self._automaton is None:
                if self._spent + probes <= self._budget:
                    self._spent += probes
                    return None
                self._automaton = self._load()[0]  # (the connection stays: another thread may be reading)
            return self._automaton

    def load(self) -> None:
        """Load the automaton now: every lookup from here on asks it."""
        self._afford(self._budget + 1)

    def _find(self, keys: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for k in range(0, len(keys), _CHUNK):
            chunk = keys[k:k + _CHUNK]
            marks = ",".join("?" * len(chunk))
            found.update(self._db.execute(f"SELECT key, idx FROM {self._table} WHERE key IN ({marks})", chunk))
        return found

    def iter(self, text: str) -> Iterator[tuple[int, int]]:
        """(index of the last character, value-table index) of every key found in `text`, overlapping
        ones too: by end position, and at one end the longest key first (pyahocorasick's order)."""
        longest, n = self._longest, len(text)
        spans = n * longest - longest * (longest - 1) // 2 if n >= longest else n * (n + 1) // 2
        automaton = self._afford(spans)
        if automaton is not None:
            return iter(automaton.iter(text))
        try:
            found = self._find(list({text[s:e] for e in range(1, n + 1) for s in range(max(0, e - longest), e)}))
        except UnicodeEncodeError:  # a lone surrogate SQLite cannot take: the automaton reads any str
            return iter(self._afford(self._budget + 1).iter(text))
        if not found:
            return iter(())
        hits = []
        for e in range(1, n + 1):
            for s in range(max(0, e - longest), e):
                index = found.get(text[s:e])
                if index is not None:
                    hits.append((e - 1, index))
        return iter(hits)

    def get(self, key: str, default: Any = None) -> Any:
        automaton = self._afford(1)
        if automaton is None:
            try:
                return self._find([key]).get(key, default)
            except UnicodeEncodeError:
                automaton = self._afford(self._budget + 1)
        return automaton.get(key, default)

    def exists(self, key: str) -> bool:
        return self.get(key, None) is not None
