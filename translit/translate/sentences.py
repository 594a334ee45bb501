"""Sentence splitting without run-time downloads.

A package that ships `minisbd/*.onnx` is split with that model (the same
splitter argostranslate uses, so the model sees the same sentences); any other
package gets a rule-based splitter. Over-long sentences are cut at clause
boundaries so the model never truncates them.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from ..caches import register

__all__ = ["rule_splitter", "package_splitter", "split_long"]

Splitter = Callable[[str], list[str]]

_ABBREVIATIONS = frozenset("""
mr mrs ms dr prof st sr jr gen col lt sgt capt maj adm gov sen rep rev vs etc e.g i.e no nos vol fig
jan feb mar apr jun jul aug sep sept oct nov dec approx dept est inc ltd co corp u.s u.k u.n
м г вул пл обл р ім т.д т.п див ст п ін
""".split())
_BOUNDARY = re.compile(r"([.!?…]+[\"'»”’)\]]*)(\s+)(?=[\"'«“(\[]?[A-ZА-ЯЁІЇЄҐ0-9])")
_CLAUSE = re.compile(r"(?<=[,;:—–)])\s+|\s+(?=[—–(])")


def rule_splitter(text: str) -> list[str]:
    """Split at `.!?…` followed by space and a capital or digit, except after abbreviations and initials."""
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        before = text[start:m.start(1)]
        last = before.rsplit(None, 1)[-1] if before.split() else ""
        word = last.lower().rstrip(".")
        if m.group(1) == "." and (word in _ABBREVIATIONS or (len(last) == 1 and last.isupper())):
            continue
        out.append(text[start:m.end(1)])
        start = m.end(2)
    tail = text[start:]
    if tail.strip():
        out.append(tail)
    return [s.strip() for s in out if s.strip()]


_MINISBD: dict[str, Splitter] = {}
register(_MINISBD.clear)


def package_splitter(package_path: str | Path) -> Splitter:
    """The sentence splitter for a package: its bundled MiniSBD model if any, else the rules."""
    sbd_dir = Path(package_path) / "minisbd"
    models = sorted(f for f in sbd_dir.iterdir() if f.suffix == ".onnx") if sbd_dir.is_dir() else []
    if not models:
        return rule_splitter
    # argos takes the first *.onnx in os.listdir order
    first = next(f for f in os.listdir(sbd_dir) if f.endswith(".onnx"))
    key = str(sbd_dir / first)
    if key not in _MINISBD:
        from minisbd import SBDetect  # onnxruntime loads with the first sentence model

        detector = SBDetect(key, use_gpu=False, max_threads=1)
        _MINISBD[key] = detector.sentences
    return _MINISBD[key]


def split_long(sentence: str, count: Callable[[str], int], limit: int = 200) -> list[str]:
    """Cut a sentence of more than `limit` pieces at clause boundaries (then at spaces).

    Parts keep their text exactly; joined with single spaces they give the sentence back.
    """
    if count(sentence) <= limit:
        return [sentence]
    clauses = [c for c in _CLAUSE.split(sentence) if c]
    if len(clauses) == 1:
        clauses = sentence.split()
        if len(clauses) == 1:
            return _split_chars(sentence, count, limit)
    parts: list[str] = []
    current = ""
    for clause in clauses:
        candidate = f"{current} {clause}" if current else clause
        if current and count(candidate) > limit:
            parts.append(current)
            current = clause
        else:
            current = candidate
    if current:
        parts.append(current)
    out: list[str] = []
    for part in parts:
        out.extend(split_long(part, count, limit) if count(part) > limit and part != sentence else [part])
    return out


def _split_chars(word: str, count: Callable[[str], int], limit: int) -> list[str]:
    size = max(1, len(word) * limit // max(count(word), 1))
    return [word[i:i + size] for i in range(0, len(word), size)]
