"""ODT, ODP, PPTX and EPUB: only text changes, other parts byte for byte, outputs open in other readers."""
from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest

from translit.documents import DocumentError, load, normalize_document, translate_document

from . import builders as B
from .helpers import replace_once

# per format: the builder, the parts with text, and the exact normalize changes per part
CASES: dict[str, tuple[Callable[[], bytes], dict[str, list[tuple[str, str]]]]] = {
    "odt": (B.build_odt, {
        "content.xml": [(">Talks in Kiev<", ">Talks in Kyiv<"),
                        ('Kyr<text:bookmark text:name="edit"/>olo Budanov', 'Kyr<text:bookmark text:name="edit"/>ylo Budanov'),
                        (">Zelensky<", ">Zelenskyy<"), (">Kharkov<", ">Kharkiv<"), ("the Odessa office", "the Odesa office"),
                        ("spaces &amp; Kiev.", "spaces &amp; Kyiv."), ("<text:p>Kiev</text:p>", "<text:p>Kyiv</text:p>"),
                        ("Mayor of Kharkov", "Mayor of Kharkiv"), ("Visit Odessa", "Visit Odesa"),
                        (" Kiev at night", " Kyiv at night")],
        "styles.xml": [("Kiev bureau", "Kyiv bureau"), ("in Odessa", "in Odesa")]}),
    "odp": (B.build_odp, {
        "content.xml": [(">Talks in Kiev<", ">Talks in Kyiv<"), (">Kharkov<", ">Kharkiv<"),
                        ('Kyr<text:span text:style-name="T1">olo</text:span>', 'Kyr<text:span text:style-name="T1">ylo</text:span>'),
                        ("mention Odessa", "mention Odesa")]}),
    "pptx": (B.build_pptx, {
        "ppt/slides/slide1.xml": [(">Talks in Kiev<", ">Talks in Kyiv<"), (">olo Budanov met <", ">ylo Budanov met <"),
                                  (">Zelensky<", ">Zelenskyy<"), (">Kharkov<", ">Kharkiv<"), (">Kiev<", ">Kyiv<"),
                                  (">Mayor of Kharkov<", ">Mayor of Kharkiv<"),
                                  ('descr="Kharkov &amp; Kiev skyline"', 'descr="Kharkiv &amp; Kyiv skyline"')],
        "ppt/notesSlides/notesSlide1.xml": [("mention Odessa", "mention Odesa")]}),
    "epub": (B.build_epub, {
        "OEBPS/chapter1.xhtml": [("<title>Kiev chapter", "<title>Kyiv chapter"), (">Talks in Kiev<", ">Talks in Kyiv<"),
                                 ("<em>Kyr</em>olo Budanov", "<em>Kyr</em>ylo Budanov"), (">Zelensky<", ">Zelenskyy<"),
                                 ("<b>Kharkov</b>", "<b>Kharkiv</b>"), ('alt="Kiev skyline"', 'alt="Kyiv skyline"'),
                                 ("&amp; Odessa.", "&amp; Odesa."), ("<td>Kiev</td>", "<td>Kyiv</td>"),
                                 ("Mayor of Kharkov", "Mayor of Kharkiv")],
        "OEBPS/nav.xhtml": [(">Kiev</a>", ">Kyiv</a>")]}),
}


def _opens(kind: str, data: bytes) -> str:
    """The document's text as an independent reader sees it."""
    if kind in ("odt", "odp"):
        from odf import teletype, text
        from odf.opendocument import load as odf_load

        doc = odf_load(io.BytesIO(data))
        return "\n".join(teletype.extractText(p) for p in doc.getElementsByType(text.P) + doc.getElementsByType(text.H))
    if kind == "pptx":
        from pptx import Presentation

        prs = Presentation(io.BytesIO(data))
        out = []
        for slide in prs.slides:
            for shape in slide.shapes:
                if shape.has_text_frame:
                    out.append(shape.text_frame.text)
                if shape.has_table:
                    out += [c.text for row in shape.table.rows for c in row.cells]
            out.append(slide.notes_slide.notes_text_frame.text)
        return "\n".join(out)
    from xml.etree import ElementTree

    parts = B.unzip(data)
    assert next(iter(parts)) == "mimetype"
    return "\n".join("".join(ElementTree.fromstring(parts[p]).itertext()) for p in parts if p.endswith(".xhtml"))


def _markup(xml: bytes) -> str:
    text = xml.decode().replace(' xml:space="preserve"', "")
    text = re.sub(r'\b(alt|title|descr)="[^"]*"', r'\1=""', text)
    return re.sub(r">[^<]*<", "><", text)


@pytest.mark.parametrize("kind", list(CASES))
def test_normalize_changes_exactly_the_names(kind: str) -> None:
    build, changes = CASES[kind]
    src = build()
    result = normalize_document(src, kind)
    before, after = B.unzip(src), B.unzip(result.data)
    assert list(after) == list(before)
    for name in before:
        if name in changes:
            assert after[name].decode() == replace_once(before[name].decode(), changes[name]), name
        else:
            assert after[name] == before[name], name
    text = _opens(kind, result.data)
    assert "Talks in Kyiv" in text and "Talks in Kiev" not in text


@pytest.mark.parametrize("kind", list(CASES))
def test_json_positions_name_part_block_and_offsets(kind: str) -> None:
    src = CASES[kind][0]()
    doc = load(src, kind)
    result = normalize_document(src, kind)
    assert result.mentions
    for m in result.mentions:
        block = doc.blocks[m["block"]]
        assert (block.part, block.text[m["start"]:m["end"]]) == (m["part"], m["found"])


@pytest.mark.parametrize("lang", ["uk", "ru"])
@pytest.mark.parametrize("kind", list(CASES))
def test_translate_with_copy_model_keeps_markup(copy_models, enforcer, house, kind: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    build, changes = CASES[kind]
    src = build()
    data, _ = translate_document(src, kind, target=lang, enforcer=enforcer)
    before, after = B.unzip(src), B.unzip(data)
    assert list(after) == list(before)
    for name in before:
        if name in changes:
            assert _markup(after[name]) == _markup(before[name]), name
        else:
            assert after[name] == before[name], name
    n = {k: v[lang] for k, v in house.items()}
    text = _opens(kind, data)
    wanted = [f"Talks in {n['kyiv']}", n["kyrylo-budanov"].split()[-1]] + ([f"Mayor of {n['kharkiv']}"] if kind != "odp" else [])
    for expected in wanted:
        assert expected in text, (expected, text)
    blocks = [b.text for b in load(data, kind).blocks]
    assert not any(old in t for t in blocks for old in ("Kharkov", "Odessa", "Kyrolo", "Budanov"))
    if kind == "pptx":      # the picture's alt text is translated, escaped as an attribute value
        assert f'descr="{n["kharkiv"]} &amp; {n["kyiv"]} skyline"' in after["ppt/slides/slide1.xml"].decode()


def test_epub_with_invalid_xhtml_is_a_clear_error() -> None:
    broken = B.build_epub(B.EPUB_CHAPTER.replace("</table>", ""))
    with pytest.raises(DocumentError, match=r"^book.epub: part OEBPS/chapter1.xhtml: invalid XML: mismatched tag"):
        normalize_document(broken, "epub", name="book.epub")
    no_container = B.make_zip([(n, d) for n, d in B.unzip(B.build_epub()).items() if n != "META-INF/container.xml"])
    with pytest.raises(DocumentError, match=r"^book.epub: missing part META-INF/container.xml$"):
        normalize_document(no_container, "epub", name="book.epub")


def test_absolute_member_name_is_refused_before_reading() -> None:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("content.xml", "<x/>")
        zf.writestr("/etc/passwd", "root")
    with pytest.raises(DocumentError, match="unsafe member name '/etc/passwd'"):
        normalize_document(buf.getvalue(), "odt", name="x.odt")


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_name_after_non_ascii_text_is_rewritten_at_the_right_bytes(kind: str) -> None:
    # XML parts are bytes: "é" and curly quotes before a name take more bytes than characters
    from .builders import build_docx

    src = build_docx() if kind == "docx" else B.build_odt()
    part = "word/document.xml" if kind == "docx" else "content.xml"
    old = "<w:t>Odessa</w:t>" if kind == "docx" else "the Odessa office"
    members = B.unzip(src)
    text = members[part].decode()
    assert text.count(old) == 1
    members[part] = text.replace(old, old.replace("Odessa", "Café “talks” in Odessa")).encode()
    result = normalize_document(B.make_zip(list(members.items())), kind)
    after = B.unzip(result.data)[part].decode()       # valid UTF-8, the name changed where it is
    assert old.replace("Odessa", "Café “talks” in Odesa") in after
    assert any("Café “talks” in Odesa" in b.text for b in load(result.data, kind).blocks)


@pytest.mark.parametrize("kind", ["docx", "odt", "odp", "pptx", "epub"])
def test_zip_formats_share_one_writer_that_keeps_every_member(kind: str) -> None:
    # one writer for every zip format: nothing to change gives the very same file back; a change
    # rewrites only its member, and every member keeps its name, order, date and compression
    import zipfile

    from .builders import build_docx

    src = build_docx() if kind == "docx" else CASES[kind][0]()
    plain = src
    for old in (b"Kiev", b"Kharkov", b"Odessa", b"Kyrolo", b"Zelensky", b"Kyr"):
        members = B.unzip(plain)
        plain = B.make_zip([(n, d.replace(old, b"Paris") if n.endswith(".xml") or n.endswith(".xhtml") else d)
                            for n, d in members.items()], stored=("mimetype",))
    same = normalize_document(plain, kind)
    assert same.data == plain and not same.changed
    result = normalize_document(src, kind)
    old_infos = zipfile.ZipFile(io.BytesIO(src)).infolist()
    new_infos = zipfile.ZipFile(io.BytesIO(result.data)).infolist()
    assert [(i.filename, i.date_time, i.compress_type) for i in new_infos] == \
        [(i.filename, i.date_time, i.compress_type) for i in old_infos]


def _stored(data: bytes) -> dict[str, bytes]:
    """Each member's bytes as stored in the archive (compressed), read from its local header."""
    import struct
    import zipfile

    out = {}
    for info in zipfile.ZipFile(io.BytesIO(data)).infolist():
        name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
        start = info.header_offset + 30 + name_len + extra_len
        out[info.filename] = data[start:start + info.compress_size]
    return out


@pytest.mark.parametrize("kind", ["docx", "odt", "pptx", "epub"])
def test_unchanged_members_keep_their_compressed_bytes(kind: str) -> None:
    # a member with no change is copied as stored, not decompressed and compressed again (which gives
    # other bytes when its writer used another compression level); the archive stays valid
    import zipfile

    from .builders import TEXT_PARTS, build_docx

    src = build_docx() if kind == "docx" else CASES[kind][0]()
    text_parts = TEXT_PARTS if kind == "docx" else tuple(CASES[kind][1])
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as old, zipfile.ZipFile(buf, "w") as new:
        for info in old.infolist():
            new.writestr(info, old.read(info) + (b"\n" * 200 if info.filename.endswith(".xml") else b""),
                         compress_type=info.compress_type, compresslevel=1)
    result = normalize_document(buf.getvalue(), kind)
    assert result.changed
    before, after = _stored(buf.getvalue()), _stored(result.data)
    kept = [n for n in before if n not in text_parts and zipfile.ZipFile(buf).getinfo(n).compress_size > 100]
    assert kept and all(after[n] == before[n] for n in kept)
    assert any(after[n] != before[n] for n in text_parts if n in before)
    assert zipfile.ZipFile(io.BytesIO(result.data)).testzip() is None
