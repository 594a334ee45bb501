"""ODT and ODP (OpenDocument): paragraphs and headings of content.xml and of styles.xml (headers, footers).

Text is character data directly inside `text:p`, `text:h`, `text:span` and `text:a`; a
span's style is its `text:style-name`; `<text:s text:c="3"/>` stands for spaces. Notes
(`text:note`: the citation is not text, the body's paragraphs are blocks of their own),
frames and line breaks stay between the words; annotations, bookmarks and change
marks are not text. Presentations (ODP) use the same elements inside their frames.
"""
from __future__ import annotations

from .model import Document
from .xmlwalk import Roles, read_xml_parts
from .zipsafe import open_zip, read_member

__all__ = ["read_odt", "read_odp"]

T = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"


def _t(*names: str) -> frozenset[str]:
    return frozenset(T + n for n in names)


ODF = Roles(
    paragraphs=_t("p", "h"),
    holders=_t("p", "h", "span", "a", "meta"),
    runs=_t("span"),
    style_attr=T + "style-name",
    links=_t("a"),
    seps=_t("tab", "line-break", "note", "bookmark-ref", "reference-ref", "sequence", "page-number",
            "page-count", "date", "time", "author-name", "chapter", "title", "file-name")
    | frozenset({DRAW + "frame", DRAW + "a"}),
    silent=_t("bookmark", "bookmark-start", "bookmark-end", "soft-page-break", "change-start", "change-end",
              "change", "reference-mark", "reference-mark-start", "reference-mark-end", "toc-mark",
              "alphabetical-index-mark", "note-citation", "tracked-changes")
    | frozenset({OFFICE + "annotation", OFFICE + "annotation-end"}),
    spaces={T + "s": T + "c"},
)


def _read(data: bytes, kind: str) -> Document:
    zf = open_zip(data, kind)
    read_member(zf, "content.xml")
    names = ["content.xml"] + (["styles.xml"] if "styles.xml" in zf.namelist() else [])
    return read_xml_parts(data, zf, kind, names, ODF)


def read_odt(data: bytes, name: str = "") -> Document:
    return _read(data, "odt")


def read_odp(data: bytes, name: str = "") -> Document:
    return _read(data, "odp")
