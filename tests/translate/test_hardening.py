"""Issue 15: translation as a new user meets it (copy fixture models, real CLI runs)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from translit.cli import app


def _translate(runner, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["translate", "--no-glossary", *args], input=input)


def test_sentence_separators_are_kept(runner, install) -> None:  # type: ignore[no-untyped-def]
    install("en-uk")
    text = "The council met.  It voted on Monday.\tThe budget passed. One more.\n"
    result = _translate(runner, "--to", "uk", input=text)
    assert result.exit_code == 0, result.output
    assert result.stdout == text


def test_the_copy_fixture_splits_like_a_real_splitter(runner, install) -> None:  # type: ignore[no-untyped-def]
    install("en-uk")
    text = ("Output rose to 3.5 million. U.S. officials wrote to budanov@Kyiv.ua on Monday. "
            "J. Smith agreed! Did he? 5 more came.\n")
    result = _translate(runner, "--to", "uk", input=text)
    assert result.exit_code == 0, result.output
    assert result.stdout == text          # the copy model gives back what it was sent, split or not


def test_fixture_splitter_keeps_numbers_abbreviations_and_addresses(tmp_path: Path) -> None:
    from translit.translate.fixture import build_sbd_onnx
    from translit.translate.sentences import package_splitter

    build_sbd_onnx(tmp_path / "minisbd" / "en.onnx")
    split = package_splitter(tmp_path)
    assert split("Output rose to 3.5 million. U.S. officials wrote to budanov@Kyiv.ua today. J. Smith agreed!") == [
        "Output rose to 3.5 million.", "U.S. officials wrote to budanov@Kyiv.ua today.", "J. Smith agreed!"]
