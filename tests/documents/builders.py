"""Office documents built in code (zip + XML written here), with the features the tests need.

DOCX: a name split over two runs with the same formatting, a sentence split by bold text
and a hyperlink, a table, a header, a footer, a footnote and an inline image.
ODT/PPTX/ODP/EPUB: the same kinds of text in their own markup.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib


def png_1x1() -> bytes:
    """A valid 1×1 PNG."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
            + chunk(b"IEND", b""))


def make_zip(members: list[tuple[str, bytes]], stored: tuple[str, ...] = ()) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2024, 5, 1, 12, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return buf.getvalue()


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"')
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
RPR = '<w:rPr><w:rFonts w:ascii="Arial"/></w:rPr>'


def _run(text: str, rpr: str = RPR) -> str:
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<w:r>{rpr}<w:t{space}>{text}</w:t></w:r>"


IMAGE = ('<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="95250" cy="95250"/>'
         '<wp:docPr id="1" name="Picture 1" descr="Kiev skyline"/><a:graphic><a:graphicData '
         'uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr>'
         '<pic:cNvPr id="1" name="kiev.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rId4"/>'
         '<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
         '<a:ext cx="95250" cy="95250"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
         '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')

DOCUMENT = (
    HEAD + f'<w:document {W_NS}><w:body>'
    # a name split over two runs with the same formatting (edited text), a bold word, a link, a footnote
    '<w:p>' + _run("The talks in ") + _run("Kiev", '<w:rPr><w:rFonts w:ascii="Arial"/><w:b/></w:rPr>')
    + _run(" began when ") + _run("Kyr") + _run("olo Budanov met ")
    + '<w:hyperlink r:id="rId5">' + _run("Zelensky", '<w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>')
    + '</w:hyperlink>' + _run(".")
    + '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r></w:p>'
    # one sentence split by bold text and a link
    '<w:p>' + _run("Officials in ") + _run("Kharkov", '<w:rPr><w:rFonts w:ascii="Arial"/><w:b/></w:rPr>')
    + _run(" and ") + '<w:hyperlink r:id="rId5">' + _run("Odessa", '<w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>')
    + '</w:hyperlink>' + _run(" agreed on &amp; signed it.") + '</w:p>'
    # a table
    '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/>'
    '<w:gridCol w:w="2000"/></w:tblGrid><w:tr>'
    '<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr><w:p>' + _run("Kiev") + '</w:p></w:tc>'
    '<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr><w:p>' + _run("Mayor of Kharkov") + '</w:p></w:tc>'
    '</w:tr></w:tbl>'
    # an image inside a sentence
    '<w:p>' + _run("A view of ") + IMAGE + _run(" Kiev at night.") + '</w:p>'
    '<w:sectPr><w:headerReference w:type="default" r:id="rId1"/><w:footerReference w:type="default" r:id="rId2"/>'
    '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" '
    'w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>'
    '</w:body></w:document>')

HEADER = HEAD + f'<w:hdr {W_NS}><w:p>' + _run("Kiev bureau") + '</w:p></w:hdr>'
FOOTER = HEAD + f'<w:ftr {W_NS}><w:p>' + _run("Printed in Odessa") + '</w:p></w:ftr>'
FOOTNOTES = (HEAD + f'<w:footnotes {W_NS}>'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
             '</w:p></w:footnote>'
             '<w:footnote w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/>'
             '</w:r>' + _run(" Source: the Kharkov office.") + '</w:p></w:footnote></w:footnotes>')
CONTENT_TYPES = (
    HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/header1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
    '<Override PartName="/word/footer1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/footnotes.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
RELS = (HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>')
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
DOC_RELS = (HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}header" Target="header1.xml"/>'
            f'<Relationship Id="rId2" Type="{_REL}footer" Target="footer1.xml"/>'
            f'<Relationship Id="rId3" Type="{_REL}footnotes" Target="footnotes.xml"/>'
            f'<Relationship Id="rId4" Type="{_REL}image" Target="media/kiev.png"/>'
            f'<Relationship Id="rId5" Type="{_REL}hyperlink" Target="https://example.org/Kiev" '
            'TargetMode="External"/></Relationships>')

TEXT_PARTS = ("word/document.xml", "word/header1.xml", "word/footer1.xml", "word/footnotes.xml")


def build_docx() -> bytes:
    return make_zip([
        ("[Content_Types].xml", CONTENT_TYPES.encode()), ("_rels/.rels", RELS.encode()),
        ("word/document.xml", DOCUMENT.encode()), ("word/_rels/document.xml.rels", DOC_RELS.encode()),
        ("word/header1.xml", HEADER.encode()), ("word/footer1.xml", FOOTER.encode()),
        ("word/footnotes.xml", FOOTNOTES.encode()), ("word/media/kiev.png", png_1x1()),
    ])
