"""A big glossary is compiled by a pool of processes: the index is the same as one process builds."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from translit import reset_caches
from translit.glossary import load_glossary
from translit.match import build
from translit.match.build import compile_entries
from translit.match.store import SqliteStore
from translit.match.types import Compiled
from translit.normalize import normalize

GLOSSARIES = sorted((Path(__file__).resolve().parents[2] / "glossaries").glob("*.yaml"))
CASES = Path(__file__).resolve().parents[1] / "normalize" / "glossary.yaml"


def _everything(c: Compiled) -> tuple[object, ...]:
    """Every key of both automata with its hits, every group and flag, every entry info and fuzzy bucket."""
    keys = {}
    for name in ("latin", "cyrillic"):
        automaton, values = c.parts[name]
        keys[name] = sorted((k, c.hits(values[v])) for k, v in automaton.items())
    store = c.store
    if isinstance(store, SqliteStore):
        fuzzy_keys = [k for (k,) in store._db.execute("SELECT key FROM fuzzy")]
    else:
        fuzzy_keys = list(store._fuzzy)  # type: ignore[attr-defined]
    fuzzy = {k: store.bucket(k) for k in fuzzy_keys}
    return (keys, c.given, c.group_forms, c.common_forms, c.known_given, c.stats,
            [store.entry(i) for i in range(len(store))], fuzzy)


@pytest.fixture(scope="module")
def entries() -> list:
    # the bundled glossaries and the case table's: people sharing given names, places, abbreviations
    return list(load_glossary([str(p) for p in GLOSSARIES])) + list(load_glossary([str(CASES)]))


def _in_a_fresh_process(test: str) -> bool:
    """Run `test` of this module in a new interpreter when threads left by earlier tests (Ray, a server)
    would make the pool stand aside here; True when it was run there (and passed)."""
    if threading.active_count() == 1 or os.environ.get("TRANSLIT_FRESH_PROCESS"):
        return False
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"{__file__}::{test}"],
                          env={**os.environ, "TRANSLIT_FRESH_PROCESS": "1"}, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]
    return True


def test_a_pool_of_workers_builds_the_same_index_as_one_process(entries, monkeypatch):
    if _in_a_fresh_process("test_a_pool_of_workers_builds_the_same_index_as_one_process"):
        return
    assert build._derive_in_pool(entries[:10], 2) is not None  # the pool really runs in this process
    monkeypatch.setattr(build, "_CHUNK", 7)  # many chunks: given-name groups span chunks and workers
    reset_caches()
    pooled = compile_entries(entries, workers=2)
    reset_caches()
    single = compile_entries(entries, workers=1)
    assert len(entries) > 400 and any(e.kind == "person" for e in entries)
    assert _everything(pooled) == _everything(single)
    text = "Кирило Буданов і Валерій Залужний прибули до Києва; Budanov met Zaluzhnyi in Kiev."
    a, b = normalize(text, "auto", pooled), normalize(text, "auto", single)
    assert (a.text, [m.to_dict() for m in a.matches]) == (b.text, [m.to_dict() for m in b.matches])
    assert len(a.matches) >= 3


@pytest.mark.parametrize("workers", [2, 1])
def test_compiled_straight_into_sqlite_the_store_holds_what_memory_holds(entries, monkeypatch, tmp_path, workers):
    """The cache's store is written while the forms are derived (by the pool, or in this process), a
    chunk of entries' fuzzy rows at a time: the same infos and fuzzy buckets."""
    if _in_a_fresh_process(f"test_compiled_straight_into_sqlite_the_store_holds_what_memory_holds[{workers}]"):
        return
    monkeypatch.setattr(build, "_CHUNK", 7)  # many chunks: most fuzzy keys have parts in several
    reset_caches()
    stored = compile_entries(entries, workers=workers, store=tmp_path / "store.sqlite")
    reset_caches()
    memory = compile_entries(entries, workers=1)
    assert isinstance(stored.store, SqliteStore) and not isinstance(memory.store, SqliteStore)
    assert stored.stats["fuzzy_keys"] > 1000
    assert _everything(stored) == _everything(memory)


def test_the_pool_stands_aside_when_other_threads_run(entries, monkeypatch):
    # forking while another thread may hold a lock can hang the child: compile in this process instead
    if _in_a_fresh_process("test_the_pool_stands_aside_when_other_threads_run"):
        return
    started = threading.Event()
    stop = threading.Event()

    def idle() -> None:
        started.set()
        stop.wait()

    thread = threading.Thread(target=idle)
    thread.start()
    try:
        started.wait()
        assert build._derive_in_pool(entries[:10], 2) is None
    finally:
        stop.set()
        thread.join()
    assert build._derive_in_pool(entries[:10], 2) is not None
