"""DOCX and PPTX (Office Open XML): paragraphs of the body, tables, headers, footers, notes, slides.

DOCX parts read: word/document.xml (body, tables, text boxes), headers, footers,
footnotes and endnotes. Text is in `w:t` inside runs `w:r`; a run's style is its
`w:rPr` (so "Kyr" + "olo Budanov" typed at different times with the same formatting is
one piece of text); hyperlinks (`w:hyperlink`) wrap runs. Deleted text, field
instructions, bookmarks and proofing marks are not text; drawings, breaks, tabs and
footnote references stay in place between the words. A `w:t` that gets a leading or
trailing space gains `xml:space="preserve"` so Word keeps it.

PPTX parts read: slides and notes slides (`a:p` paragraphs, `a:r` runs, `a:t` text);
run properties that only record spelling state or language (`err`, `dirty`, `lang`)
do not split a piece of text.
"""
from __future__ import annotations

import re

from .model import Document
from .xmlwalk import Roles, read_xml_parts
from .zipsafe import open_zip, read_member

__all__ = ["read_docx", "read_pptx"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _w(*names: str) -> frozenset[str]:
    return frozenset(W + n for n in names)


def _a(*names: str) -> frozenset[str]:
    return frozenset(A + n for n in names)


DOCX = Roles(
    paragraphs=_w("p"),
    holders=_w("t"),
    runs=_w("r"),
    props=_w("rPr"),
    links=_w("hyperlink"),
    seps=_w("br", "cr", "tab", "ptab", "drawing", "pict", "object", "sym", "footnoteReference",
            "endnoteReference", "commentReference", "noBreakHyphen", "softHyphen"),
    silent=_w("rPr", "pPr", "proofErr", "bookmarkStart", "bookmarkEnd", "lastRenderedPageBreak", "del",
              "delText", "instrText", "fldChar", "moveFrom", "commentRangeStart", "commentRangeEnd",
              "permStart", "permEnd", "sectPr", "tblPr", "tcPr", "trPr", "tblGrid"),
    preserve=XML_SPACE,
    alt=frozenset({"{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr",
                   "{http://schemas.openxmlformats.org/drawingml/2006/picture}cNvPr"}),
)

PPTX = Roles(
    paragraphs=_a("p"),
    holders=_a("t"),
    runs=_a("r"),
    props=_a("rPr"),
    seps=_a("br", "fld"),
    silent=_a("rPr", "pPr", "endParaRPr"),
    volatile_attrs=frozenset({"lang", "altLang", "dirty", "err", "noProof", "smtClean"}),
    alt=frozenset({P + "cNvPr"}),
)

_DOCX_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
_PPTX_PARTS = re.compile(r"ppt/(slides/slide\d+|notesSlides/notesSlide\d+)\.xml")


def _natural(name: str) -> tuple[int | str, ...]:
    return tuple(int(x) if x.isdigit() else x for x in re.split(r"(\d+)", name))


def _read(data: bytes, kind: str, required: str, parts_re: re.Pattern[str], roles: Roles) -> Document:
    zf = open_zip(data, kind)
    read_member(zf, required)
    if kind == "docx":
        read_member(zf, "word/document.xml")
    names = sorted((n for n in zf.namelist() if parts_re.fullmatch(n)), key=_natural)
    return read_xml_parts(data, zf, kind, names, roles)


def read_docx(data: bytes, name: str = "") -> Document:
    return _read(data, "docx", "[Content_Types].xml", _DOCX_PARTS, DOCX)


def read_pptx(data: bytes, name: str = "") -> Document:
    return _read(data, "pptx", "ppt/presentation.xml", _PPTX_PARTS, PPTX)
