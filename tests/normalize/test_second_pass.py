"""normalize() reads the rewritten text again only where a rewrite can make a new mention."""
from __future__ import annotations

import functools

import pytest

import translit.normalize as normalize_module
from translit.normalize import compiled_for, normalize


@functools.cache
def bundled():  # type: ignore[no-untyped-def]
    return compiled_for(["bundled"])


def _scans(monkeypatch, text: str) -> tuple[str, int]:
    calls = []
    real = normalize_module.find_matches

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(normalize_module, "find_matches", counting)
    return normalize(text, "en", bundled()).text, len(calls)


@pytest.mark.parametrize("text", [
    "Officials in Kiev said the talks in Odessa went well.",
    "Volodimir Zelenskyy met Kyrilo Budanov in Kiev.",
])
def test_rewrites_that_cannot_make_a_new_mention_need_one_scan(monkeypatch, text):
    out, scans = _scans(monkeypatch, text)
    assert out != text  # something was rewritten
    assert scans == 1
    assert normalize(out, "en", bundled()).text == out  # and that is the fixed point


def test_a_rewrite_that_makes_a_longer_name_is_read_again(monkeypatch):
    text = "Shelling in the Mykolayiv region went on all night."
    out, scans = _scans(monkeypatch, text)
    assert scans >= 2
    assert normalize(out, "en", bundled()).text == out
    assert "Mykolayiv" not in out
