"""EPUB: the XHTML content documents listed in the package (OPF) manifest, read as HTML.

META-INF/container.xml names the package document; its manifest lists the content
documents (`application/xhtml+xml`, the navigation document included). Each must be
well-formed XML and is then read like an HTML page (element text, `alt` and `title`).
Everything else (the OPF, CSS, images, fonts, `mimetype`, stored first) is copied.
"""
from __future__ import annotations

import posixpath
import zipfile
from urllib.parse import unquote

from .errors import DocumentError
from .html import escape_html, parse_html_blocks
from .model import Document, Part
from .xmlparts import Element, check_well_formed, parse_xml
from .zipsafe import open_zip, read_member, zip_writer

__all__ = ["read_epub"]

CONTAINER = "META-INF/container.xml"


def _content_documents(zf: zipfile.ZipFile, opf_name: str) -> list[str]:
    root = parse_xml(read_member(zf, opf_name), opf_name)
    base = posixpath.dirname(opf_name)
    items: dict[str, str] = {}
    order: list[str] = []
    for el in root.iter():
        if el.local == "item" and el.attrs.get("media-type") == "application/xhtml+xml":
            href = el.attrs.get("href", "")
            items[el.attrs.get("id", href)] = posixpath.normpath(posixpath.join(base, unquote(href)))
        elif el.local == "itemref":
            order.append(el.attrs.get("idref", ""))
    names = [items[i] for i in order if i in items]
    names += [n for n in items.values() if n not in names]
    return names


def read_epub(data: bytes, name: str = "") -> Document:
    zf = open_zip(data, "epub")
    container: Element = parse_xml(read_member(zf, CONTAINER), CONTAINER)
    rootfile = next((el.attrs.get("full-path") for el in container.iter() if el.local == "rootfile"), None)
    if not rootfile:
        raise DocumentError(f"part {CONTAINER}: no rootfile")
    parts: dict[str, Part] = {}
    blocks = []
    for member in _content_documents(zf, rootfile):
        raw = read_member(zf, member)
        check_well_formed(raw, member)
        try:
            source = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise DocumentError(f"part {member}: not UTF-8") from None
        try:
            blocks += parse_html_blocks(source, member, xml=True)
        except DocumentError as exc:
            raise DocumentError(f"part {member}: {exc}") from None
        parts[member] = Part(member, source, escape_html)
    return Document("epub", parts, blocks, zip_writer(zf, data))
