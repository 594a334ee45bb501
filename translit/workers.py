"""Work spread over forked processes where forking is safe, and the CPU cores this process may use."""
from __future__ import annotations

import gc
import itertools
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

__all__ = ["WorkerDied", "cpu_count", "can_fork", "fork_imap", "fork_map", "ordered_map"]

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

    The workers inherit `function` (a closure will do); items and results travel pickled.
    """
    results = fork_imap(function, items, min(workers, len(items)), ahead=len(items) or 1)
    if results is None:
        return None
    out: list[R] = []
    for result in results:
        out.append(result)
        if done is not None:
            done(result)
    return out


def fork_imap(function: Callable[[T], R], items: Iterable[T], workers: int, ahead: int | None = None
              ) -> Iterator[R] | None:
    """`function` over `items` in `workers` forked processes, yielded in order; None where forking is
    unsafe (see can_fork). Each worker takes the next item as soon as it is free; at most `ahead`
    items (default: two per worker) are taken from `items` before their results are yielded, so an
    input of any length is never held whole.

    The workers fork on the first result asked for. An error in `function` is raised here; a caller
    that stops reading, or an error, stops the workers; a worker that dies is an error (WorkerDied).
    """
    if workers < 2 or not can_fork():
        return None
    return _imap(function, items, workers, max(ahead or 2 * workers, 1))


def ordered_map(function: Callable[[T], R], items: Iterable[T], workers: int,
                before_fork: Callable[[T], None] | None = None) -> Iterator[tuple[T, R]]:
    """(item, function(item)) for each item, in order: in `workers` forked processes (see fork_imap)
    when there are two items or more and forking is safe, else in this process. `before_fork` is
    called with the first item, here, just before the workers fork (to load what they will share)."""
    source = iter(items)
    head = list(itertools.islice(source, 2)) if workers > 1 else []
    every = itertools.chain(head, source)
    if len(head) == 2 and can_fork():
        if before_fork is not None:
            before_fork(head[0])
        sent: deque[T] = deque()  # the items in the workers, in order

        def send() -> Iterator[T]:
            for item in every:
                sent.append(item)
                yield item

        results = fork_imap(function, send(), workers)
        if results is not None:
            for result in results:
                yield sent.popleft(), result
            return
    for item in every:
        yield item, function(item)


class WorkerDied(RuntimeError):
    """A forked worker ended without giving its result (killed, or out of memory)."""


def _imap(function: Callable[[T], R], items: Iterable[T], workers: int, ahead: int) -> Iterator[R]:
    from multiprocessing.connection import wait  # only when work is big enough to spread

    procs = _start(function, workers)
    try:
        free = list(range(workers))
        busy: dict[Any, tuple[int, int]] = {}  # connection -> (worker, item number)
        results: dict[int, Any] = {}           # done, not yielded yet (finished before an earlier item)
        source = iter(items)
        sent = yielded = 0
        more = True
        while True:
            while more and free and sent - yielded < ahead:
                item = next(source, _END)
                if item is _END:
                    more = False
                    break
                worker = free.pop()
                procs[worker][1].send(item)
                busy[procs[worker][1]] = (worker, sent)
                sent += 1
            if yielded in results:
                result = results.pop(yielded)
                yielded += 1
                yield result
                continue
            if not busy:
                return
            ready: list[Any] = wait(list(busy))
            for conn in ready:
                worker, number = busy.pop(conn)
                try:
                    ok, value = conn.recv()
                except EOFError:
                    procs[worker][0].join(1)
                    raise WorkerDied(f"a worker process ended without its result (exit code "
                                     f"{procs[worker][0].exitcode})") from None
                if not ok:
                    raise value
                results[number] = value
                free.append(worker)
    finally:
        _stop(procs)


_END = object()


def _start(function: Callable[[Any], Any], workers: int) -> list[tuple[Any, Any]]:
    """`workers` processes forked now, with this process's memory as it is: (process, connection) each."""
    import multiprocessing  # only when work is big enough to spread

    context = multiprocessing.get_context("fork")
    procs: list[tuple[Any, Any]] = []
    # frozen: the workers' garbage collections never visit (and so never copy) the pages they share with this process
    gc.freeze()
    try:
        for _ in range(workers):
            ours, theirs = context.Pipe()
            # the worker closes its copies of this process's ends (its own and the earlier workers'):
            # else closing one here would never tell the worker reading the other end that it is done
            ends = [conn for _, conn in procs] + [ours]
            proc = context.Process(target=_serve, args=(function, theirs, ends), daemon=True)
            proc.start()
            theirs.close()
            procs.append((proc, ours))
    except BaseException:
        _stop(procs)
        raise
    finally:
        gc.unfreeze()
    return procs


def _stop(procs: list[tuple[Any, Any]]) -> None:
    """End the workers: those waiting for work at once, those still working too (their work is not wanted)."""
    for _, conn in procs:
        conn.close()  # a waiting worker reads the end of its pipe and leaves
    for proc, _ in procs:
        proc.join(0.1)
        if proc.is_alive():
            proc.kill()  # still working, or writing a result nobody reads: it holds nothing to clean up
            proc.join()


def _serve(function: Callable[[Any], Any], conn: Any, parent_ends: list[Any]) -> None:
    """A worker: each item read from `conn` goes back as (True, result) or (False, the exception)."""
    import pickle  # only in a worker
    import signal

    for end in parent_ends:
        end.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: no traceback per worker
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the command's handler: a worker ends at once
    _end_with_parent()
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):  # the parent is done: leave without its atexit work or buffers
            os._exit(0)
        try:
            reply: tuple[bool, Any] = (True, function(item))
        except BaseException as exc:  # noqa: BLE001 - given back to the parent, which raises it
            reply = (False, exc)
        try:
            conn.send(reply)
        except OSError:  # the parent stopped reading (an error, or Ctrl-C): nobody wants the result
            os._exit(0)
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            conn.send((False, RuntimeError(f"a worker's {'result' if reply[0] else 'error'} cannot be sent "
                                           f"back: {exc}")))


def _end_with_parent() -> None:
    """Linux: this worker is sent SIGTERM when its parent dies (killed, it could not stop its workers)."""
    import ctypes  # only in a worker, on Linux
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass
