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


# ---------------------------------------------------------------------------------------------- ODT / ODP
ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:xlink="http://www.w3.org/1999/xlink" '
          'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
          'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" office:version="1.3"')
ODT_CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<office:document-content {ODF_NS}><office:automatic-styles>'
    '<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>'
    '</office:automatic-styles><office:body><office:text>'
    '<text:h text:outline-level="1">Talks in Kiev</text:h>'
    # a name split by a bookmark (two pieces of one run), a bold word, a link, a footnote
    '<text:p>The spy chief Kyr<text:bookmark text:name="edit"/>olo Budanov met '
    '<text:a xlink:type="simple" xlink:href="https://example.org/Kiev">Zelensky</text:a> in '
    '<text:span text:style-name="T1">Kharkov</text:span>.<text:note text:id="ftn1" text:note-class="footnote">'
    '<text:note-citation>1</text:note-citation><text:note-body><text:p>Source: the Odessa office.</text:p>'
    '</text:note-body></text:note></text:p>'
    '<text:p>Two<text:s text:c="2"/>spaces &amp; Kiev.</text:p>'
    '<table:table table:name="Cities"><table:table-column table:number-columns-repeated="2"/><table:table-row>'
    '<table:table-cell office:value-type="string"><text:p>Kiev</text:p></table:table-cell>'
    '<table:table-cell office:value-type="string"><text:p>Mayor of Kharkov</text:p></table:table-cell>'
    '</table:table-row></table:table>'
    '<text:list><text:list-item><text:p>Visit Odessa</text:p></text:list-item></text:list>'
    '<text:p>A view of <draw:frame draw:name="img1" text:anchor-type="as-char" svg:width="1cm" svg:height="1cm">'
    '<draw:image xlink:href="Pictures/kiev.png" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/>'
    '</draw:frame> Kiev at night.</text:p>'
    '</office:text></office:body></office:document-content>')
ODT_STYLES = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<office:document-styles {ODF_NS}><office:automatic-styles><style:page-layout style:name="pm1">'
    '<style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"/><style:header-style/>'
    '<style:footer-style/></style:page-layout></office:automatic-styles><office:master-styles>'
    '<style:master-page style:name="Standard" style:page-layout-name="pm1">'
    '<style:header><text:p>Kiev bureau</text:p></style:header>'
    '<style:footer><text:p>Printed in Odessa</text:p></style:footer>'
    '</style:master-page></office:master-styles></office:document-styles>')


def _odf_manifest(mime: str, extra: tuple[str, ...] = ()) -> bytes:
    entries = "".join(f'<manifest:file-entry manifest:full-path="{p}" manifest:media-type="{t}"/>'
                      for p, t in (("/", mime), ("content.xml", "text/xml"), ("styles.xml", "text/xml"))
                      + tuple((p, "image/png") for p in extra))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
            f'{entries}</manifest:manifest>').encode()


ODT_MIME = "application/vnd.oasis.opendocument.text"
ODP_MIME = "application/vnd.oasis.opendocument.presentation"


def build_odt() -> bytes:
    return make_zip([("mimetype", ODT_MIME.encode()),
                     ("META-INF/manifest.xml", _odf_manifest(ODT_MIME, ("Pictures/kiev.png",))),
                     ("content.xml", ODT_CONTENT.encode()), ("styles.xml", ODT_STYLES.encode()),
                     ("Pictures/kiev.png", png_1x1())], stored=("mimetype",))


ODP_CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<office:document-content {ODF_NS}><office:automatic-styles>'
    '<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>'
    '</office:automatic-styles><office:body><office:presentation>'
    '<draw:page draw:name="page1" draw:master-page-name="Default">'
    '<draw:frame presentation:class="title" svg:width="20cm" svg:height="3cm" svg:x="1cm" svg:y="1cm">'
    '<draw:text-box><text:p>Talks in Kiev</text:p></draw:text-box></draw:frame>'
    '<draw:frame svg:width="20cm" svg:height="10cm" svg:x="1cm" svg:y="5cm"><draw:text-box>'
    '<text:p>Officials in <text:span text:style-name="T1">Kharkov</text:span> met Kyr<text:span '
    'text:style-name="T1">olo</text:span> Budanov.</text:p></draw:text-box></draw:frame>'
    '<presentation:notes><draw:frame presentation:class="notes" svg:width="16cm" svg:height="12cm" svg:x="2cm" '
    'svg:y="14cm"><draw:text-box><text:p>Speaker notes: mention Odessa.</text:p></draw:text-box>'
    '</draw:frame></presentation:notes></draw:page></office:presentation></office:body></office:document-content>')
ODP_STYLES = ('<?xml version="1.0" encoding="UTF-8"?>\n'
              f'<office:document-styles {ODF_NS}><office:master-styles>'
              '<style:master-page style:name="Default"/></office:master-styles></office:document-styles>')


def build_odp() -> bytes:
    return make_zip([("mimetype", ODP_MIME.encode()), ("META-INF/manifest.xml", _odf_manifest(ODP_MIME)),
                     ("content.xml", ODP_CONTENT.encode()), ("styles.xml", ODP_STYLES.encode())],
                    stored=("mimetype",))


# ---------------------------------------------------------------------------------------------- PPTX
def build_pptx() -> bytes:
    """A slide (title, a name over two runs, bold, a link, a table, an image) and its notes, via python-pptx."""
    from pptx import Presentation
    from pptx.util import Inches, Pt

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])            # title only
    slide.shapes.title.text = "Talks in Kiev"
    box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(6), Inches(1)).text_frame
    para = box.paragraphs[0]
    for text, bold, link in (("The spy chief ", False, None), ("Kyr", False, None), ("olo Budanov met ", False, None),
                             ("Zelensky", False, "https://example.org/Kiev"), (" in ", False, None),
                             ("Kharkov", True, None), (".", False, None)):
        run = para.add_run()
        run.text = text
        run.font.size = Pt(18)
        run.font.bold = bold or None
        if link:
            run.hyperlink.address = link
    table = slide.shapes.add_table(1, 2, Inches(1), Inches(3.5), Inches(4), Inches(0.8)).table
    table.cell(0, 0).text = "Kiev"
    table.cell(0, 1).text = "Mayor of Kharkov"
    picture = slide.shapes.add_picture(io.BytesIO(png_1x1()), Inches(6), Inches(4), Inches(0.5), Inches(0.5))
    picture._element.nvPicPr.cNvPr.set("descr", "Kharkov & Kiev skyline")     # the image's alt text
    slide.notes_slide.notes_text_frame.text = "Speaker notes: mention Odessa."
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------- EPUB
EPUB_CHAPTER = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en">
<head><title>Kiev chapter</title><style>.Kiev { color: red }</style></head>
<body>
<h1 id="Kiev">Talks in Kiev</h1>
<p class="Kiev">The spy chief <em>Kyr</em>olo Budanov met <a href="https://example.org/Kiev">Zelensky</a> in <b>Kharkov</b>.</p>
<p><img src="kiev.png" alt="Kiev skyline"/> and <code>Kiev</code> &amp; Odessa.</p>
<table><tr><td>Kiev</td><td>Mayor of Kharkov</td></tr></table>
</body>
</html>
"""
EPUB_NAV = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>Contents</title></head>
<body><nav epub:type="toc"><ol><li><a href="chapter1.xhtml">Kiev</a></li></ol></nav></body>
</html>
"""
EPUB_OPF = """<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:uuid:kiev-1</dc:identifier>
<dc:title>Kiev diary</dc:title><dc:language>en</dc:language><meta property="dcterms:modified">2024-05-01T12:00:00Z</meta></metadata>
<manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="c1" href="chapter1.xhtml" media-type="application/xhtml+xml"/>
<item id="img" href="kiev.png" media-type="image/png"/></manifest>
<spine><itemref idref="c1"/></spine>
</package>
"""
EPUB_CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
"""


def build_epub(chapter: str = EPUB_CHAPTER) -> bytes:
    return make_zip([("mimetype", b"application/epub+zip"), ("META-INF/container.xml", EPUB_CONTAINER.encode()),
                     ("OEBPS/content.opf", EPUB_OPF.encode()), ("OEBPS/nav.xhtml", EPUB_NAV.encode()),
                     ("OEBPS/chapter1.xhtml", chapter.encode()), ("OEBPS/kiev.png", png_1x1())],
                    stored=("mimetype",))
