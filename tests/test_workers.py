"""Work spread over forked processes (translit.workers): in order, in other processes, never unsafe.

Each case runs in a fresh interpreter: a thread left running by another test (Ray's, say) would
rightly rule out forking in this one.
"""
from __future__ import annotations

import os
import subprocess
import sys

_FRESH = """
import os, threading
from translit.workers import can_fork, cpu_count, fork_imap, fork_map

def pid_and_square(n):
    return os.getpid(), n * n

{body}
"""


def _run(body: str) -> str:
    done = subprocess.run([sys.executable, "-c", _FRESH.format(body=body)], capture_output=True, text=True,
                          check=True, timeout=60)
    return done.stdout.strip()


def test_fork_map_runs_in_other_processes_and_keeps_the_order() -> None:
    out = _run("done = fork_map(pid_and_square, list(range(12)), 2)\n"
               "print([s for _, s in done], os.getpid() in {p for p, _ in done})")
    assert out == f"{[n * n for n in range(12)]} False"


def test_no_fork_while_another_thread_runs_or_for_one_worker() -> None:
    # a forked child would inherit a lock another thread may hold: the caller then does the work itself
    out = _run("print(can_fork(), fork_map(pid_and_square, [1, 2], 1))\n"
               "stop = threading.Event(); thread = threading.Thread(target=stop.wait); thread.start()\n"
               "print(can_fork(), fork_map(pid_and_square, [1, 2], 2))\n"
               "stop.set(); thread.join(); print(can_fork())")
    assert out.split("\n") == ["True None", "False None", "True"]


def test_cpu_count_is_what_this_process_may_use() -> None:
    from translit.workers import cpu_count

    assert 1 <= cpu_count() <= (os.cpu_count() or 1)
    if hasattr(os, "sched_setaffinity"):
        assert _run("os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}); print(cpu_count())") == "1"


def test_ctrl_c_is_left_to_the_parent() -> None:
    # Ctrl-C reaches every process of the terminal's group: a worker ignores it (no traceback per worker,
    # no task lost); the parent's KeyboardInterrupt stops the pool
    out = _run("import signal, time\n"
               "def interrupted(n):\n"
               "    os.kill(os.getpid(), signal.SIGINT); time.sleep(0.05); return n\n"
               "print(fork_map(interrupted, [1, 2, 3], 2))")
    assert out == "[1, 2, 3]"


def test_fork_imap_reads_only_a_few_items_ahead_of_what_it_yields() -> None:
    # an input of any length (a stream of blocks) is never held whole
    out = _run("taken = []\n"
               "def items():\n"
               "    for n in range(40):\n"
               "        taken.append(n); yield n\n"
               "ahead = []\n"
               "for square in fork_imap(lambda n: n * n, items(), 2, ahead=3):\n"
               "    ahead.append(len(taken) - len(ahead))\n"
               "print(max(ahead) <= 4, len(taken))")
    assert out == "True 40"


def test_fork_imap_gives_back_an_error_and_a_dead_worker_as_errors() -> None:
    out = _run("from translit.workers import fork_imap, WorkerDied\n"
               "def fail(n):\n"
               "    if n == 3: raise ValueError('bad item 3')\n"
               "    return n\n"
               "def die(n):\n"
               "    if n == 2: os._exit(9)\n"
               "    return n\n"
               "for function in (fail, die):\n"
               "    got = []\n"
               "    try:\n"
               "        for n in fork_imap(function, range(8), 2): got.append(n)\n"
               "    except (ValueError, WorkerDied) as exc:\n"
               "        print(got == list(range(len(got))) and len(got) <= 3, type(exc).__name__, exc)\n"
               "import multiprocessing; print(multiprocessing.active_children())")
    # the results before the failing item, in order (those after it may not be done yet)
    assert out.split("\n") == ["True ValueError bad item 3",
                               "True WorkerDied a worker process ended without its result (exit code 9)", "[]"]


def test_a_caller_that_stops_reading_stops_the_workers() -> None:
    out = _run("import multiprocessing, time\n"
               "def slow(n):\n"
               "    time.sleep(0.2); return n\n"
               "results = fork_imap(slow, range(100), 2)\n"
               "first = next(results); results.close()\n"
               "print(first, multiprocessing.active_children())")
    assert out == "0 []"
