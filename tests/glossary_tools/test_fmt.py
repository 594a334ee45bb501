"""`translit glossary fmt`: canonical layout, comments kept, safe on bad input."""
from __future__ import annotations

from pathlib import Path

import pytest

from translit.cli import app
from translit.glossary import bundled_dir, read_file
from translit.glossary.fmt import FormatError, comment_texts, format_text

MESSY = """\
# Team glossary: people we cover.
# Keep house forms in KMU 2010.

- kind: person   # a person
  en: "Kyrylo Budanov"
  id: kyrylo-budanov
  variants: [Kirill Budanov, 'Kyrilo Budanov']  # seen in 2023 wires
  # Russian form checked by the Moscow desk
  ru: 'Кирилл Буданов'
  uk: Кирило Буданов


- id: obyekt-1
  kind: other
  en: Ob’yekt 1
  uk: Об'єкт 1
  note: |
    Two-line note
    kept as a block.
# end of file
"""

CANONICAL = """\
# Team glossary: people we cover.
# Keep house forms in KMU 2010.

- id: kyrylo-budanov
  kind: person  # a person
  en: Kyrylo Budanov
  uk: Кирило Буданов
  # Russian form checked by the Moscow desk
  ru: Кирилл Буданов
  variants:  # seen in 2023 wires
    - Kirill Budanov
    - Kyrilo Budanov

- id: obyekt-1
  kind: other
  en: Ob'yekt 1
  uk: Обʼєкт 1
  note: |
    Two-line note
    kept as a block.

# end of file
"""


def test_messy_file_becomes_canonical() -> None:
    assert format_text(MESSY) == CANONICAL


def test_fmt_is_idempotent() -> None:
    assert format_text(CANONICAL) == CANONICAL


def test_every_comment_survives() -> None:
    out = format_text(MESSY)
    assert comment_texts(out) == comment_texts(MESSY)
    assert len(comment_texts(MESSY)) == 6


def test_entries_keep_file_order_unless_sorted() -> None:
    text = "- id: zhytomyr\n  kind: place\n  en: Zhytomyr\n\n- id: bakhmut\n  kind: place\n  en: Bakhmut\n"
    assert format_text(text) == text
    assert format_text(text, sort=True).index("bakhmut") < format_text(text, sort=True).index("zhytomyr")


def test_quotes_only_where_yaml_needs_them() -> None:
    out = format_text("- id: a\n  kind: other\n  en: 'Plain'\n  variants: ['yes', 'x: y', \"#tag\"]\n")
    assert "  en: Plain\n" in out
    assert "    - 'yes'\n" in out and "    - 'x: y'\n" in out and "    - '#tag'\n" in out


def test_cli_rewrites_and_check_reports(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    messy = project / "glossaries" / "team.yaml"
    messy.write_text(MESSY, encoding="utf-8")
    before = messy.read_bytes()
    result = runner.invoke(app, ["glossary", "fmt", "--check", "glossaries"])
    assert result.exit_code == 1
    assert "would reformat glossaries/team.yaml" in result.stdout
    assert "people.yaml" not in result.stdout
    assert messy.read_bytes() == before

    result = runner.invoke(app, ["glossary", "fmt", "glossaries"])
    assert result.exit_code == 0, result.output
    assert messy.read_text(encoding="utf-8") == CANONICAL
    assert runner.invoke(app, ["glossary", "fmt", "--check", "glossaries"]).exit_code == 0
    assert runner.invoke(app, ["glossary", "lint", "glossaries/team.yaml"]).exit_code == 0


def test_unparseable_file_is_reported_and_untouched(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    bad = project / "glossaries" / "broken.yaml"
    bad.write_text("- id: a\n  kind: place\n  en: [Kyiv\n", encoding="utf-8")
    before = bad.read_bytes()
    result = runner.invoke(app, ["glossary", "fmt", "glossaries"])
    assert result.exit_code == 2
    assert "glossaries/broken.yaml:4:1: YAML syntax error" in result.stderr
    assert bad.read_bytes() == before


def test_non_utf8_file_is_reported_and_untouched(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    bad = project / "glossaries" / "latin1.yaml"
    bad.write_bytes("- id: a\n  kind: place\n  en: Kyiv\n  note: caf\xe9\n".encode("latin-1"))
    before = bad.read_bytes()
    result = runner.invoke(app, ["glossary", "fmt", str(bad)])
    assert result.exit_code == 2
    assert "not valid UTF-8" in result.stderr
    assert bad.read_bytes() == before


def test_not_a_list_is_refused() -> None:
    with pytest.raises(FormatError) as err:
        format_text("id: kyiv\nkind: place\n", "x.yaml")
    assert "x.yaml:1:1: a glossary file must be a block list" in str(err.value)


def test_crlf_and_bom_are_kept() -> None:
    text = "\ufeff- id: kyiv\r\n  kind: place\r\n  en: 'Kyiv'\r\n"
    assert format_text(text) == "\ufeff- id: kyiv\r\n  kind: place\r\n  en: Kyiv\r\n"


def test_empty_values_are_dropped_but_their_comments_kept() -> None:
    text = "- id: kyiv\n  kind: place\n  en: Kyiv\n  uk:  # to do\n  variants: []\n"
    out = format_text(text)
    assert out == "- id: kyiv\n  kind: place\n  # to do\n  en: Kyiv\n" or "# to do" in out
    assert read_file_entries(out) == [{"id": "kyiv", "kind": "place", "en": "Kyiv"}]


def read_file_entries(text: str) -> list[dict[str, object]]:
    import yaml

    return yaml.safe_load(text)


def test_bundled_glossaries_are_formatted() -> None:
    files = sorted(bundled_dir().glob("*.yaml"))
    assert files
    unformatted = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        if format_text(text, str(path)) != text:
            unformatted.append(path.name)
    assert not unformatted, f"run `translit glossary fmt glossaries/`: {unformatted}"


def test_formatting_keeps_every_bundled_entry() -> None:
    for path in sorted(bundled_dir().glob("*.yaml")):
        entries, _ = read_file(path)
        out = format_text(path.read_text(encoding="utf-8"), str(path))
        tmp = Path(str(path) + ".fmt-test")
        try:
            tmp.write_text(out, encoding="utf-8")
            again, _ = read_file(tmp)
        finally:
            tmp.unlink()
        assert [e.to_dict() for e in again] == [e.to_dict() for e in entries]
