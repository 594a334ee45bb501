"""Held-out gold (heldout.yaml, heldout2.yaml): names written after the code, reported apart."""
from __future__ import annotations

import pytest

from .goldlib import load, score


@pytest.mark.parametrize("filename", ["heldout.yaml", "heldout2.yaml"])
@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_heldout_accuracy(filename: str, lang: str) -> None:
    right, total, misses = score(load(filename), lang)
    print(f"\n[{lang}] {filename}: {right}/{total} = {right / total:.1%}")
    for miss in misses:
        print("   MISS", miss)
    assert right / total >= 0.9, misses
