"""`translit glossary fmt`: canonical layout, comments kept, safe on bad input."""
from __future__ import annotations

from pathlib import Path

import pytest

from translit.cli import app
from translit.glossary import bundled_dir, read_file
from translit.tools.fmt import FormatError, comment_texts, format_text

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


def test_bundled_glossaries_are_formatted_and_keep_every_entry(tmp_path: Path) -> None:
    files = sorted(bundled_dir().glob("*.yaml"))
    assert files
    unformatted = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        out = format_text(text, str(path))
        if out != text:
            unformatted.append(path.name)
        copy = tmp_path / path.name
        copy.write_text(out, encoding="utf-8")
        assert [e.to_dict() for e in read_file(copy)[0]] == [e.to_dict() for e in read_file(path)[0]]
    assert not unformatted, f"run `translit glossary fmt glossaries/`: {unformatted}"


def _random_glossary(rng) -> str:  # type: ignore[no-untyped-def]
    """A glossary file with fields in random order, flow and block lists, comments everywhere."""
    values = ["Kyiv", "Київ", "O'Brien", "Ob’yekt", "yes", "a: b", "x #y", "1984", "two\nlines"]
    keys = ["id", "kind", "en", "uk", "ru", "gender", "variants", "note", "keep", "surname_alone"]

    def scalar(v: object) -> str:
        import yaml

        return yaml.safe_dump(v, allow_unicode=True, default_flow_style=True, width=1000).strip() \
            .removesuffix("\n...").replace("\n", "\n      ")

    def comment() -> str:
        return f"# c{rng.randint(0, 999)} {rng.choice(['', 'x', '# inner', 'q: r'])}".rstrip()

    lines = [comment()] if rng.random() < 0.3 else []
    for _ in range(rng.randint(1, 3)):
        fields = ["id"] + rng.sample(keys[1:], rng.randint(0, 6))
        rng.shuffle(fields)
        if rng.random() < 0.4:
            lines += ["", comment()]
        for n, key in enumerate(fields):
            prefix = "- " if n == 0 else "  "
            if n and rng.random() < 0.2:
                lines.append("  " + comment())
            eol = "  " + comment() if rng.random() < 0.3 else ""
            if key in ("variants", "keep"):
                items = [rng.choice(values) for _ in range(rng.randint(1, 3))]
                if rng.random() < 0.5:
                    lines.append(f"{prefix}{key}: [{', '.join(scalar(i) for i in items)}]{eol}")
                else:
                    lines.append(f"{prefix}{key}:{eol}")
                    lines += [f"    - {scalar(i)}" + ("  " + comment() if rng.random() < 0.3 else "") for i in items]
            elif key == "surname_alone":
                lines.append(f"{prefix}{key}: {rng.choice(['true', 'false'])}{eol}")
            else:
                lines.append(f"{prefix}{key}: {scalar(rng.choice(values))}{eol}")
    if rng.random() < 0.3:
        lines.append(comment())
    return "\n".join(lines) + "\n"


def test_random_layouts_format_safely() -> None:
    """Whatever the layout, fmt keeps entries and comments and is stable (or refuses; it never did here)."""
    import random

    import yaml

    rng = random.Random(20231114)
    for _ in range(60):
        text = _random_glossary(rng)
        out = format_text(text)
        assert comment_texts(out) == comment_texts(text)
        assert format_text(out) == out
        assert len(yaml.safe_load(out)) == len(yaml.safe_load(text))
