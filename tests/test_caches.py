"""translit.reset_caches() empties every in-process cache, and every cache is one it can reach."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

import translit
from translit.normalize import normalize
from translit.text import names

ROOT = Path(__file__).resolve().parent.parent / "translit"


def _glossary(path: Path, en: str, uk: str) -> Path:
    slug = en.lower().replace(" ", "-")
    path.write_text(f"- id: {slug}\n  kind: person\n  en: {en}\n  uk: {uk}\n", encoding="utf-8")
    return path


def test_a_changed_default_glossary_is_used_after_reset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _glossary(tmp_path / "first.yaml", "Kyrylo Budanov", "Кирило Буданов")
    second = _glossary(tmp_path / "second.yaml", "Oleksandr Syrskyi", "Олександр Сирський")
    monkeypatch.setenv("TRANSLIT_GLOSSARY", str(first))
    translit.reset_caches()
    try:
        assert normalize("Kyrilo Budanov met Oleksandr Syrskii.").text == "Kyrylo Budanov met Oleksandr Syrskii."
        monkeypatch.setenv("TRANSLIT_GLOSSARY", str(second))
        # the default glossary is compiled once per process...
        assert normalize("Kyrilo Budanov met Oleksandr Syrskii.").text == "Kyrylo Budanov met Oleksandr Syrskii."
        translit.reset_caches()
        # ...until the caches are reset
        assert normalize("Kyrilo Budanov met Oleksandr Syrskii.").text == "Kyrilo Budanov met Oleksandr Syrskyi."
    finally:
        monkeypatch.undo()
        translit.reset_caches()


def test_an_edited_given_names_file_is_read_again_after_reset(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "given_names.yaml"
    data.write_text("- {uk: Кирило, ru: Кирилл, gender: m, en_uk: Kyrylo, en_ru: Kirill}\n", encoding="utf-8")
    monkeypatch.setattr(names, "DATA_FILE", data)
    translit.reset_caches()
    try:
        assert [n.uk for n in names.lookup_given("Kirill")] == ["Кирило"]
        data.write_text("- {uk: Олена, ru: Елена, gender: f, en_uk: Olena, en_ru: Elena}\n", encoding="utf-8")
        assert names.lookup_given("Olena") == ()
        translit.reset_caches()
        assert [n.ru for n in names.lookup_given("Olena")] == ["Елена"]
        assert names.lookup_given("Kirill") == ()
    finally:
        monkeypatch.undo()
        translit.reset_caches()


def test_every_function_cache_goes_through_translit_caches() -> None:
    # a bare functools cache would be one reset_caches() cannot reach
    bare = []
    for path in sorted(ROOT.rglob("*.py")):
        if path == ROOT / "caches.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("cache", "lru_cache") and \
                    isinstance(node.value, ast.Name) and node.value.id == "functools":
                bare.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if isinstance(node, ast.ImportFrom) and node.module == "functools" and \
                    {a.name for a in node.names} & {"cache", "lru_cache"}:
                bare.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert bare == []
