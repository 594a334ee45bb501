"""The benchmark's generator writes a valid glossary and text whose planted offsets are right."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from translit.glossary import lint_paths

GEN = Path(__file__).resolve().parents[2] / "bench" / "gen.py"


def _gen():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_gen", GEN)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["bench_gen"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_generated_glossary_lints_clean_and_planted_offsets_match(tmp_path):
    files = _gen().write(tmp_path, 300, 0.02)
    entries, problems = lint_paths([files["glossary.yaml"]])
    assert [str(p) for p in problems] == []
    assert len(entries) == 300
    ids = {e.id for e in entries}
    text = files["text.txt"].read_text(encoding="utf-8")
    planted = json.loads(files["planted.json"].read_text(encoding="utf-8"))
    assert len(text) >= 20_000 and planted
    for p in planted:
        assert text[p["start"]:p["end"]] == p["text"] and p["entry"] in ids
    typos = sum(p["typo"] for p in planted) / len(planted)
    assert 0.1 < typos < 0.3


def test_generation_is_reproducible(tmp_path):
    gen = _gen()
    a = gen.write(tmp_path / "a", 200, 0.01)
    b = gen.write(tmp_path / "b", 200, 0.01)
    for name in ("glossary.yaml", "text.txt", "planted.json"):
        assert a[name].read_bytes() == b[name].read_bytes()
