"""Folders given as inputs are expanded in one place (translit.files.input_files) for every command."""
from __future__ import annotations

import ast
from pathlib import Path

from translit.files import input_files

ROOT = Path(__file__).resolve().parent.parent / "translit"


def _tree(root: Path) -> None:
    for name in ("b.txt", "a.html", "notes", "sub/c.md", "sub/deep/d.jsonl", ".hidden.txt", ".git/e.txt"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", encoding="utf-8")


def test_a_folder_gives_its_files_sorted_hidden_ones_left_out(tmp_path: Path) -> None:
    _tree(tmp_path)
    top = [str(tmp_path / n) for n in ("a.html", "b.txt", "notes")]
    assert input_files([tmp_path]) == top
    assert input_files([f"file://{tmp_path}"]) == top
    every = [str(tmp_path / n) for n in ("a.html", "b.txt", "notes", "sub/c.md", "sub/deep/d.jsonl")]
    assert input_files([str(tmp_path)], recursive=True) == every
    assert input_files([tmp_path], recursive=True, extensions={".md", ".jsonl"}) == every[3:]


def test_files_urls_and_missing_paths_are_kept_once(tmp_path: Path) -> None:
    (tmp_path / "a.bin").write_bytes(b"\0")
    named = [str(tmp_path / "a.bin"), "s3://bucket/x.jsonl", str(tmp_path / "missing.txt"), str(tmp_path / "a.bin")]
    assert input_files(named, extensions={".txt"}) == named[:3]    # the filter is for folders' files only


def _walks_and_skips_hidden(fn: ast.AST) -> bool:
    calls = {n.func.attr for n in ast.walk(fn) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)}
    hidden = any(isinstance(n, ast.Constant) and n.value == "." for n in ast.walk(fn))
    return bool(calls & {"rglob", "iterdir", "walk", "scandir"}) and "startswith" in calls and hidden


def test_no_other_module_expands_folders_again() -> None:
    """A function that walks a folder and leaves hidden names out is an input expansion: one is enough."""
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)) and _walks_and_skips_hidden(fn):
                found.append(f"{path.relative_to(ROOT.parent)}:{fn.name}")
    assert found == ["translit/files.py:input_files"]
