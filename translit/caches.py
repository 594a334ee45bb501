"""Every process-wide cache of translit, and one way to empty them all.

A function whose results are kept for the life of the process is decorated with `@cached()`
(unbounded) or `@cached(maxsize=N)` (least recently used); a dict kept as a cache is registered with
`register(d.clear)`. `reset_caches()` (also `translit.reset_caches()`) empties every one of them:
tests call it between cases that change data files or glossaries, long-running hosts after an update.
The compiled glossaries on disk are not touched (see translit.match.cache).
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

__all__ = ["cached", "register", "reset_caches"]

F = TypeVar("F", bound=Callable[..., Any])

_CLEARERS: list[Callable[[], None]] = []


def cached(maxsize: int | None = None) -> Callable[[F], F]:
    """functools.lru_cache(maxsize), registered so that reset_caches() empties it."""
    def decorate(function: F) -> F:
        wrapped = functools.lru_cache(maxsize=maxsize)(function)
        _CLEARERS.append(wrapped.cache_clear)
        return cast(F, functools.update_wrapper(wrapped, function))
    return decorate


def register(clear: Callable[[], None]) -> Callable[[], None]:
    """Register the `clear` of a cache that is not a function (a dict of loaded models...)."""
    _CLEARERS.append(clear)
    return clear


def reset_caches() -> None:
    """Empty every cache translit keeps in this process."""
    for clear in _CLEARERS:
        clear()
