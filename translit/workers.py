"""Work spread over forked processes where forking is safe, and the CPU cores this process may use."""
from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

__all__ = ["cpu_count", "can_fork", "fork_map"]

T = TypeVar("T")
R = TypeVar("R")


def cpu_count() -> int:
    """The cores this process may run on (its affinity), not the machine's."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """True where a forked worker is safe: the system forks, and no other thread could hold a lock."""
    import multiprocessing  # only when work is big enough to spread

    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def fork_map(function: Callable[[T], R], items: Sequence[T], workers: int,
             done: Callable[[R], None] | None = None) -> list[R] | None:
    """`function` over `items`, in order, in `workers` forked processes (which start with this
    process's memory: its loaded data and caches); None where forking is unsafe (see can_fork).
    `done` is called with each result as it comes back, in order (a progress bar's step).

    `function` must be a module-level function; items and results travel pickled.
    """
    if workers < 2 or not can_fork():
        return None
    import multiprocessing  # only when work is big enough to spread

    results: list[R] = []
    with multiprocessing.get_context("fork").Pool(min(workers, len(items)) or 1, initializer=_leave_ctrl_c) as pool:
        for result in pool.imap(function, items):
            results.append(result)
            if done is not None:
                done(result)
    return results


def _leave_ctrl_c() -> None:
    """In a worker: Ctrl-C is the parent's to handle (it stops the pool), not a traceback per worker."""
    import signal  # only in a worker

    signal.signal(signal.SIGINT, signal.SIG_IGN)
