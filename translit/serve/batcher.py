"""Share CTranslate2 batches between requests that arrive together.

Request threads call `Batcher.run(engine, tokens, deadline)` and block. One
worker thread takes the first waiting job, waits a few milliseconds for more
(`wait_ms`, counted from when that job arrived), then sends the sentences of
every waiting job for the same model and hypothesis count to the model in one
`translate_batch` call and hands each job its share of the results. Under load
the jobs that arrive while the model is busy form the next batch, so batches
grow with the load and an idle server answers after `wait_ms`.

A job whose deadline passes while it waits is dropped (its request has already
answered with a time-out), so the model never works for nobody.
"""
from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Batcher", "TimedOut", "Closed"]


class TimedOut(Exception):
    """The request's time limit passed before its sentences were translated."""


class Closed(Exception):
    """The server is shutting down."""


@dataclass
class _Job:
    engine: Any
    tokens: list[list[str]]
    hypotheses: int
    deadline: float
    arrived: float = field(default_factory=time.monotonic)
    done: threading.Event = field(default_factory=threading.Event)
    result: Any = None
    error: BaseException | None = None
    abandoned: bool = False


class Batcher:
    """One worker thread feeding the models; `run` is called from request threads."""

    def __init__(self, wait_ms: float = 5.0, max_sentences: int = 1024):
        self.wait = wait_ms / 1000.0
        self.max_sentences = max_sentences
        self._jobs: deque[_Job] = deque()
        self._cv = threading.Condition()
        self._closed = False
        self.batches = 0            # model calls made (for /healthz and the bench)
        self.sentences = 0          # sentences translated
        self._thread = threading.Thread(target=self._loop, name="translit-batcher", daemon=True)
        self._thread.start()

    # -- request side -------------------------------------------------------------------------

    def run(self, engine: Any, tokens: list[list[str]], deadline: float, hypotheses: int = 1) -> Any:
        """Target pieces per sentence (a list of hypotheses each when `hypotheses` > 1)."""
        if not tokens:
            return []
        job = _Job(engine, tokens, hypotheses, deadline)
        with self._cv:
            if self._closed:
                raise Closed("the server is shutting down")
            self._jobs.append(job)
            self._cv.notify_all()
        if not job.done.wait(max(0.0, deadline - time.monotonic())):
            job.abandoned = True
            raise TimedOut()
        if job.error is not None:
            raise job.error
        return job.result

    def waiting(self) -> int:
        with self._cv:
            return len(self._jobs)

    def close(self, timeout: float = 5.0) -> None:
        """Finish the jobs already queued, then stop the worker."""
        with self._cv:
            self._closed = True
            self._cv.notify_all()
        self._thread.join(timeout)

    # -- worker side --------------------------------------------------------------------------

    def _take(self) -> list[_Job] | None:
        with self._cv:
            while not self._jobs:
                if self._closed:
                    return None
                self._cv.wait()
            first = self._jobs[0]
            key = (id(first.engine), first.hypotheses)

            def size() -> int:
                return sum(len(j.tokens) for j in self._jobs if (id(j.engine), j.hypotheses) == key)

            until = first.arrived + self.wait
            while not self._closed and size() < self.max_sentences:
                left = until - time.monotonic()
                if left <= 0:
                    break
                self._cv.wait(left)
            taken: list[_Job] = []
            kept: deque[_Job] = deque()
            count = 0
            for job in self._jobs:
                if (id(job.engine), job.hypotheses) == key and (not taken or count + len(job.tokens)
                                                                 <= self.max_sentences):
                    taken.append(job)
                    count += len(job.tokens)
                else:
                    kept.append(job)
            self._jobs = kept
            return taken

    def _loop(self) -> None:
        while True:
            jobs = self._take()
            if jobs is None:
                return
            now = time.monotonic()
            live = [j for j in jobs if not j.abandoned and j.deadline > now]
            for j in jobs:
                if j not in live:
                    j.error = TimedOut()
                    j.done.set()
            if not live:
                continue
            engine, n = live[0].engine, live[0].hypotheses
            tokens = [t for j in live for t in j.tokens]
            try:
                if n > 1:
                    results = engine.hypotheses_tokens(tokens, n)
                else:
                    results = engine.translate_tokens(tokens)
            except BaseException as exc:  # handed to every request of the batch
                for j in live:
                    j.error = exc
                    j.done.set()
                continue
            self.batches += 1
            self.sentences += len(tokens)
            pos = 0
            for j in live:
                j.result = results[pos:pos + len(j.tokens)]
                pos += len(j.tokens)
                j.done.set()
