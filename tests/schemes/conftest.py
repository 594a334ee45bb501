"""Fixtures of the scheme tests."""
from __future__ import annotations

from collections.abc import Callable

import pytest


def _many_words(count: int) -> str:
    """`count` distinct made-up Latin words of news-like shape, as one sentence: the schemes read each one."""
    onsets, vowels, codas = ["b", "v", "h", "d", "zh", "k", "l", "m", "sh", "kh"], ["a", "o", "y", "i", "u"], \
        ["n", "r", "sk", "v", "ts", "ch"]
    words = [(o + v + c + v2).capitalize() for o in onsets for v in vowels for c in codas for v2 in ["", "a", "o"]]
    assert len(words) >= count
    return " ".join(words[:count]) + "."


@pytest.fixture
def many_words() -> Callable[[int], str]:
    return _many_words
