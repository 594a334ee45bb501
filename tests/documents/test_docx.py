"""DOCX in, DOCX out: only the text runs change, every other part is copied byte for byte."""
from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from translit.cli import app
from translit.documents import DocumentError, load, normalize_document, translate_document

from .builders import TEXT_PARTS, build_docx, make_zip, unzip
from .helpers import replace_once


def _paragraphs(data: bytes) -> list[str]:
    import docx

    d = docx.Document(io.BytesIO(data))
    out = [p.text for p in d.paragraphs]
    out += [c.text for t in d.tables for row in t.rows for c in row.cells]
    out += [p.text for s in d.sections for p in s.header.paragraphs + s.footer.paragraphs]
    return out


def _markup(xml: bytes) -> bytes:
    """The XML with the text of every w:t removed (and xml:space, which may be added)."""
    xml = xml.replace(b' xml:space="preserve"', b"")
    xml = re.sub(rb' descr="[^"]*"', b' descr=""', xml)
    return re.sub(rb"(<w:t>)[^<]*(</w:t>)", rb"\1\2", xml)


def test_normalize_changes_exactly_the_names() -> None:
    src = build_docx()
    result = normalize_document(src, "docx")
    before, after = unzip(src), unzip(result.data)
    assert list(after) == list(before)                       # same members, same order
    for name in before:
        if name not in TEXT_PARTS:
            assert after[name] == before[name], name
    doc = before["word/document.xml"].decode()
    assert after["word/document.xml"].decode() == replace_once(doc, [
        ("<w:b/></w:rPr><w:t>Kiev</w:t>", "<w:b/></w:rPr><w:t>Kyiv</w:t>"),
        # the name over two runs: each run keeps its part
        ('<w:t xml:space="preserve">olo Budanov met </w:t>', '<w:t xml:space="preserve">ylo Budanov met </w:t>'),
        ("<w:t>Zelensky</w:t>", "<w:t>Zelenskyy</w:t>"),
        ("<w:t>Kharkov</w:t>", "<w:t>Kharkiv</w:t>"),
        ("<w:t>Odessa</w:t>", "<w:t>Odesa</w:t>"),
        ("<w:t>Kiev</w:t></w:r></w:p></w:tc>", "<w:t>Kyiv</w:t></w:r></w:p></w:tc>"),
        ("<w:t>Mayor of Kharkov</w:t>", "<w:t>Mayor of Kharkiv</w:t>"),
        (" Kiev at night.", " Kyiv at night."),
        ('descr="Kiev skyline"', 'descr="Kyiv skyline"'),        # the image's alt text is read by people
    ])
    assert after["word/header1.xml"] == before["word/header1.xml"].replace(b">Kiev bureau<", b">Kyiv bureau<")
    assert after["word/footer1.xml"] == before["word/footer1.xml"].replace(b"in Odessa<", b"in Odesa<")
    assert after["word/footnotes.xml"] == before["word/footnotes.xml"].replace(b"Kharkov office", b"Kharkiv office")
    assert "https://example.org/Kiev" in after["word/_rels/document.xml.rels"].decode()
    # and python-docx reads the result
    assert "The talks in Kyiv began when Kyrylo Budanov met Zelenskyy." in _paragraphs(result.data)


def test_json_positions_name_part_block_and_offsets() -> None:
    src = build_docx()
    result = normalize_document(src, "docx")
    doc = load(src, "docx")
    for m in result.mentions:
        block = doc.blocks[m["block"]]
        assert block.part == m["part"]
        assert block.text[m["start"]:m["end"]] == m["found"]
    parts = {(m["part"], m["found"]) for m in result.mentions}
    assert ("word/document.xml", "Kyrolo Budanov") in parts
    assert ("word/header1.xml", "Kiev") in parts and ("word/footnotes.xml", "Kharkov") in parts


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_translate_with_copy_model_keeps_markup(copy_models, enforcer, house, lang: str) -> None:  # type: ignore[no-untyped-def]
    src = build_docx()
    data, tr = translate_document(src, "docx", target=lang, enforcer=enforcer)
    before, after = unzip(src), unzip(data)
    assert list(after) == list(before)
    for name in before:
        if name in TEXT_PARTS:
            assert _markup(after[name]) == _markup(before[name]), name
        else:
            assert after[name] == before[name], name
    kyiv, kharkiv, odesa = house["kyiv"][lang], house["kharkiv"][lang], house["odesa"][lang]
    budanov = house["kyrylo-budanov"][lang]
    zelensky = house["volodymyr-zelenskyy"][lang].split()[-1]
    assert f'descr="{kyiv} skyline"' in after["word/document.xml"].decode()     # the image's alt text
    paragraphs = _paragraphs(data)
    assert f"The talks in {kyiv} began when {budanov} met {zelensky}." in paragraphs
    assert f"Officials in {kharkiv} and {odesa} agreed on & signed it." in paragraphs
    assert kyiv in paragraphs and f"Mayor of {kharkiv}" in paragraphs
    assert f"{kyiv} bureau" in paragraphs and f"Printed in {odesa}" in paragraphs
    assert f"Source: the {kharkiv} office." in after["word/footnotes.xml"].decode()
    # the name typed in two runs comes back in the same two runs, divided between whole words
    first, last = budanov.split()
    assert f"<w:t>{first}</w:t></w:r>" in after["word/document.xml"].decode()
    assert f'<w:t xml:space="preserve"> {last} met </w:t>' in after["word/document.xml"].decode()


def test_sentence_split_by_bold_and_link_is_one_model_line() -> None:
    from translit.documents.translate import build_template

    doc = load(build_docx(), "docx")
    texts = [build_template(b).text for b in doc.blocks]
    # the space before an opening tag goes after it ("in⟦0⟧ Kharkov"): the word keeps its own pieces
    assert "Officials in⟦0⟧ Kharkov⟦1⟧ and⟦2⟧ Odessa⟦3⟧ agreed on & signed it." in texts
    assert "A view of ⟦0⟧ Kiev at night." in texts


def _corrupt(kind: str) -> bytes:
    files = unzip(build_docx())
    if kind == "not-zip":
        return b"PK\x03\x04 this is not really a zip"
    if kind == "missing":
        files.pop("word/document.xml")
    if kind == "bad-xml":
        files["word/document.xml"] = files["word/document.xml"].replace(b"</w:body>", b"</w:bdy>")
    if kind == "traversal":
        files["../../evil.xml"] = b"<x/>"
    if kind == "entities":
        files["word/header1.xml"] = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
                                     b"<w:hdr xmlns:w='w'>&a;</w:hdr>")
    if kind == "bomb":
        files["word/media/big.bin"] = b"\0" * (8 << 20)
    return make_zip(list(files.items()))


@pytest.mark.parametrize("kind, reason", [
    ("not-zip", "corrupt zip archive (File is not a zip file)"),
    ("missing", "missing part word/document.xml"),
    ("bad-xml", "part word/document.xml: invalid XML: mismatched tag at line 2, column "),
    ("traversal", "unsafe member name '../../evil.xml' (absolute or with '..')"),
    ("entities", "part word/header1.xml: DTDs and entity declarations are not allowed"),
    ("bomb", "member 'word/media/big.bin' expands "),
])
def test_corrupt_docx_is_a_clear_error(kind: str, reason: str) -> None:
    with pytest.raises(DocumentError) as err:
        normalize_document(_corrupt(kind), "docx", name="r.docx")
    assert str(err.value).startswith(f"r.docx: {reason}")


def test_cli_in_place_and_per_file_errors(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good, bad, text = tmp_path / "good.docx", tmp_path / "bad.docx", tmp_path / "plain.docx"
    good.write_bytes(build_docx())
    bad.write_bytes(_corrupt("bad-xml"))
    text.write_bytes(b"Kiev, not a zip")
    result = runner.invoke(app, ["normalize", "--in-place", str(bad), str(good), str(text)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{bad}: part word/document.xml: invalid XML: mismatched tag")
    assert lines[1] == f"{text}: not a zip archive (a .docx file is one)"
    assert len(lines) == 2
    assert bad.read_bytes() == _corrupt("bad-xml") and text.read_bytes() == b"Kiev, not a zip"
    assert "Kyiv bureau" in _paragraphs(good.read_bytes())
    to_stdout = runner.invoke(app, ["normalize", str(good)])
    assert to_stdout.exit_code == 2 and "--in-place or --out DIR" in to_stdout.stderr
    out = tmp_path / "out"
    json_run = runner.invoke(app, ["normalize", str(good), "--out", str(out), "--format", "json"])
    assert json_run.exit_code == 0, json_run.output
    record = json.loads(json_run.stdout)
    assert record["format"] == "docx" and "text" not in record
    assert (out / "good.docx").read_bytes() == good.read_bytes()      # already normalized: same bytes


def test_unchanged_document_is_returned_as_is() -> None:
    src = make_zip([("[Content_Types].xml", b"<Types/>"), ("word/document.xml",
                    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                    b"<w:body><w:p><w:r><w:t>Nothing to change.</w:t></w:r></w:p></w:body></w:document>")])
    result = normalize_document(src, "docx")
    assert result.data == src and not result.changed
    with zipfile.ZipFile(io.BytesIO(result.data)) as zf:
        assert zf.testzip() is None


# Valid XML in less usual forms: the reader has a fast path for the usual run (properties + one text)
# and reads anything else tag by tag; both must give the same blocks and the same edits.
_FORMS: dict[str, Callable[[bytes], bytes]] = {
    "another prefix": lambda x: re.sub(rb"(</?|\s)w:", rb"\1wx:", x).replace(b"xmlns:w=", b"xmlns:wx="),
    "indented runs": lambda x: x.replace(b"</w:r><w:r>", b"</w:r>\n    <w:r>").replace(b"<w:r><w:rPr>",
                                                                                    b"<w:r>\n      <w:rPr>"),
    "comment in run properties": lambda x: x.replace(b"<w:rPr><w:rFonts", b"<w:rPr><!-- </w:rPr> --><w:rFonts"),
    "tracked formatting change": lambda x: x.replace(
        b"<w:b/></w:rPr>", b'<w:b/><w:rPrChange w:id="7"><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr>'),
}


@pytest.mark.parametrize("form", list(_FORMS))
def test_less_usual_xml_forms_are_normalized_the_same(form: str) -> None:
    change = _FORMS[form]
    files = unzip(build_docx())
    usual = unzip(normalize_document(build_docx(), "docx").data)["word/document.xml"]
    assert usual != files["word/document.xml"] and b"Kyr</w:t>" in usual   # names changed, over two runs too
    variant = dict(files, **{"word/document.xml": change(files["word/document.xml"])})
    assert variant["word/document.xml"] != files["word/document.xml"]
    out = unzip(normalize_document(make_zip(list(variant.items())), "docx").data)["word/document.xml"]
    assert out == change(usual)
