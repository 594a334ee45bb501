"""Fixtures for the glossary tools: a project directory with its own glossaries/."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

PEOPLE = """\
# People for the tests.
- id: kyrylo-budanov
  kind: person
  en: Kyrylo Budanov
  uk: Кирило Буданов
  ru: Кирилл Буданов
  gender: m
  variants:
    - Kirill Budanov
  note: Head of Ukraine's Defence Intelligence (HUR).

- id: maksim-kuzminov
  kind: person
  en: Maxim Kuzminov
  uk: Максим Кузьмінов
  ru: Максим Кузьминов
  gender: m
  variants:
    - Maksim Kuzminov
"""

PLACES = """\
- id: kyiv
  kind: place
  en: Kyiv
  uk: Київ
  ru: Киев
  variants:
    - Kiev
"""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with glossaries/people.yaml and glossaries/places.yaml."""
    (tmp_path / "glossaries").mkdir()
    (tmp_path / "glossaries" / "people.yaml").write_text(PEOPLE, encoding="utf-8")
    (tmp_path / "glossaries" / "places.yaml").write_text(PLACES, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRANSLIT_GLOSSARY", raising=False)
    return tmp_path
