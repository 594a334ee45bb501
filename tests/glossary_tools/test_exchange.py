"""`translit glossary export` / `import`: CSV/TSV pairs for translation services, TBX for term tools."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from translit.cli import app
from translit.glossary import bundled_dir, lint_paths
from translit.tools.add import NewEntry
from translit.tools.exchange import export_tbx, import_tbx


def test_csv_export_has_a_header_of_language_codes(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["glossary", "export", "--to", "csv", "--lang-pair", "en-uk"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["en,uk", "Kyrylo Budanov,Кирило Буданов",
                                          "Maxim Kuzminov,Максим Кузьмінов", "Kyiv,Київ"]


def test_tsv_export_for_deepl_with_variants(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["glossary", "export", "--to", "tsv", "--lang-pair", "en-ru", "--no-header",
                                 "--variants"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:2] == ["Kyrylo Budanov\tКирилл Буданов", "Kirill Budanov\tКирилл Буданов"]
    assert "Kiev\tКиев" in lines and not lines[0].startswith("en")


def test_tbx_export_is_tbx_basic(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    out = project / "team.tbx"
    result = runner.invoke(app, ["glossary", "export", "--to", "tbx", "-o", str(out)])
    assert result.exit_code == 0
    root = ET.parse(out).getroot()
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    entry = root.find(".//termEntry[@id='kyiv']")
    assert entry is not None
    assert entry.find("descrip[@type='subjectField']").text == "place"  # type: ignore[union-attr]
    terms = {(ls.get("{http://www.w3.org/XML/1998/namespace}lang"), t.findtext("term"),
              t.findtext("termNote[@type='administrativeStatus']"))
             for ls in entry.iter("langSet") for t in ls.iter("tig")}
    assert ("uk", "Київ", "preferredTerm-admn-sts") in terms
    assert ("en", "Kiev", "admittedTerm-admn-sts") in terms


def test_tbx_round_trip_keeps_every_bundled_entry() -> None:
    entries, _ = lint_paths(sorted(bundled_dir().glob("*.yaml")))
    assert len(entries) > 2
    rows, bad = import_tbx(export_tbx(entries))
    assert bad == []
    again = [NewEntry(r).entry(e.path) for r, e in zip(rows, entries)]
    assert [e.to_dict() for e in again] == [e.to_dict() for e in entries]


def test_import_csv_writes_a_lint_clean_file(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    src = project / "deepl.csv"
    src.write_text("en,uk\nKharkiv,Харків\nKharkov,Харків\n\"Zaporizhzhia\",Запоріжжя\n", encoding="utf-8")
    result = runner.invoke(app, ["glossary", "import", str(src), "--from", "csv", "--lang-pair", "en-uk",
                                 "--kind", "place", "--file", "glossaries/cities.yaml"])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((project / "glossaries" / "cities.yaml").read_text(encoding="utf-8"))
    assert data == [{"id": "kharkiv", "kind": "place", "en": "Kharkiv", "uk": "Харків", "variants": ["Kharkov"]},
                    {"id": "zaporizhzhia", "kind": "place", "en": "Zaporizhzhia", "uk": "Запоріжжя"}]
    assert runner.invoke(app, ["glossary", "lint"]).exit_code == 0


def test_import_merges_into_an_existing_file(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    places = project / "glossaries" / "places.yaml"
    before = places.read_bytes()
    src = project / "amazon.tsv"
    src.write_text("en\tuk\nKyiv\tКиїв\nLviv\tЛьвів\n", encoding="utf-8")
    result = runner.invoke(app, ["glossary", "import", str(src), "--from", "tsv", "--lang-pair", "en-uk",
                                 "--kind", "place", "--file", str(places)])
    assert result.exit_code == 0, result.output
    assert "'Kyiv' is already 'kyiv'" in result.stderr
    after = places.read_bytes()
    assert after.startswith(before) and b"- id: lviv\n" in after and after.count(b"id: kyiv") == 1


@pytest.mark.parametrize("content, message", [
    ("en,uk\nKharkiv,Харків\nLviv\n", "line 3: expected 2 columns (en, uk), found 1"),
    ("en,uk\nKharkiv,\n", "line 2: empty uk cell"),
    ("en,uk\n,Харків\nSumy,Суми\n", "line 2: empty en cell"),
])
def test_bad_rows_stop_the_import(project: Path, runner, content, message) -> None:  # type: ignore[no-untyped-def]
    src = project / "bad.csv"
    src.write_text(content, encoding="utf-8")
    target = project / "glossaries" / "places.yaml"
    before = target.read_bytes()
    result = runner.invoke(app, ["glossary", "import", str(src), "--from", "csv", "--lang-pair", "en-uk",
                                 "--file", str(target)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "nothing written" in result.stderr
    assert target.read_bytes() == before


def test_wrong_encoding_is_a_clear_error(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    src = project / "cp1251.csv"
    src.write_bytes("en,uk\nKharkiv,Харків\n".encode("cp1251"))
    result = runner.invoke(app, ["glossary", "import", str(src), "--from", "csv", "--file", "out.yaml"])
    assert result.exit_code == 2
    assert "not valid UTF-8" in result.stderr
    assert not (project / "out.yaml").exists()


def test_skip_bad_imports_the_good_rows(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    src = project / "mixed.csv"
    src.write_text("Sumy,Суми\nOdesa\n", encoding="utf-8")  # DeepL style: no header
    result = runner.invoke(app, ["glossary", "import", str(src), "--from", "csv", "--lang-pair", "en-uk",
                                 "--skip-bad"])
    assert result.exit_code == 0
    assert "line 2: expected 2 columns" in result.stderr
    assert yaml.safe_load(result.stdout) == [{"id": "sumy", "kind": "other", "en": "Sumy", "uk": "Суми"}]


def test_import_needs_an_english_column(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    src = project / "ukru.csv"
    src.write_text("uk,ru\nКиїв,Киев\n", encoding="utf-8")
    result = runner.invoke(app, ["glossary", "import", str(src), "--from", "csv", "--lang-pair", "uk-ru"])
    assert result.exit_code == 2
    assert "an English column is needed" in result.stderr


def test_bad_tbx_is_a_clear_error(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    src = project / "broken.tbx"
    src.write_text("<martif><text><body><termEntry></body></text></martif>", encoding="utf-8")
    result = runner.invoke(app, ["glossary", "import", str(src), "--from", "tbx"])
    assert result.exit_code == 2
    assert "not well-formed XML" in result.stderr


def test_tbx_v3_is_read() -> None:
    tbx = """<?xml version="1.0"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <text><body>
    <conceptEntry id="c1">
      <descrip type="subjectField">place</descrip>
      <langSec xml:lang="en"><termSec><term>Kherson</term></termSec></langSec>
      <langSec xml:lang="uk"><termSec><term>Херсон</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>"""
    rows, bad = import_tbx(tbx)
    assert bad == []
    assert rows[0]["en"] == "Kherson" and rows[0]["uk"] == "Херсон" and rows[0]["kind"] == "place"
    assert rows[0]["id"] == "c1"  # a slug-shaped id is kept
