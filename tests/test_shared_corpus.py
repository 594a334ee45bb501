"""Tests that need the third-party corpus next to the checkout fail under CI instead of skipping."""
from __future__ import annotations

import pytest


def test_missing_shared_text_fails_under_ci(shared_corpus, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        shared_corpus("no-such-article.txt")


def test_missing_shared_text_skips_on_a_developer_machine(shared_corpus,  # type: ignore[no-untyped-def]
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        shared_corpus("no-such-article.txt")
