"""A cache file opened read-only in SQLite, that a forked process reads through a connection of its own.

SQLite's rule: a connection opened before a fork must not be used in the child (its locks and
file state belong to the parent). Workers forked to normalize blocks of a big text start with
the parent's compiled glossary, connections included; each reopens the file on first use.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

__all__ = ["ReadOnlyDB"]

_INHERITED: list[sqlite3.Connection] = []  # a parent's connections in a forked child: kept, never used or closed


class ReadOnlyDB:
    """`execute` on a read-only SQLite file, through a connection opened by this very process."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._db = self._open()
        self._pid = os.getpid()

    def _open(self) -> sqlite3.Connection:
        # check_same_thread=False: server threads share one compiled glossary (each query is one call)
        return sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        if self._pid != os.getpid():  # forked since it was opened: this process's own connection
            _INHERITED.append(self._db)  # (closing it here could release the parent's locks)
            self._db, self._pid = self._open(), os.getpid()
        return self._db.execute(sql, params)

    def close(self) -> None:
        if self._pid == os.getpid():
            self._db.close()
