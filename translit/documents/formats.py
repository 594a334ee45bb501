"""Which formats exist, their file extensions, and their readers (imported on first use)."""
from __future__ import annotations

import gc
import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath

from typing import TYPE_CHECKING

from ..errors import UsageError

if TYPE_CHECKING:
    from .model import Document

__all__ = ["Format", "FORMATS", "EXTENSIONS", "detect_format", "read_document", "is_zip_format"]


@dataclass(frozen=True)
class Format:
    """A document format: its name, extensions, reader (module:function) and whether it is a zip."""

    name: str
    extensions: tuple[str, ...]
    reader: str
    zip: bool = False

    def read(self, data: bytes, name: str = "") -> Document:
        module, func = self.reader.split(":")
        return getattr(importlib.import_module(f"{__package__}.{module}"), func)(data, name)  # type: ignore[no-any-return]


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("txt", (".txt", ".text"), ""),
    Format("md", (".md", ".markdown"), "markdown:read_markdown"),
    Format("html", (".html", ".htm"), "html:read_html"),
    Format("xhtml", (".xhtml",), "html:read_xhtml"),
    Format("srt", (".srt",), "subtitles:read_srt"),
    Format("vtt", (".vtt",), "subtitles:read_vtt"),
    Format("docx", (".docx",), "office:read_docx", zip=True),
    Format("pptx", (".pptx",), "office:read_pptx", zip=True),
    Format("odt", (".odt",), "opendoc:read_odt", zip=True),
    Format("odp", (".odp",), "opendoc:read_odp", zip=True),
    Format("epub", (".epub",), "epub:read_epub", zip=True),
)}
EXTENSIONS: dict[str, str] = {ext: f.name for f in FORMATS.values() for ext in f.extensions}


def detect_format(name: str | PurePath, given: str | None = None) -> str:
    """The format of a file: `given` (a format name or extension) wins, else the file's extension.

    Unknown extensions are plain text, as they always were.
    """
    if given:
        key = given.lower().lstrip(".")
        if key in FORMATS:
            return key
        if f".{key}" in EXTENSIONS:
            return EXTENSIONS[f".{key}"]
        raise UsageError(f"unknown input format {given!r}; use one of: {', '.join(FORMATS)}")
    suffix = PurePath(str(name)).suffix.lower()
    return EXTENSIONS.get(suffix, "txt")


def is_zip_format(fmt: str) -> bool:
    return FORMATS[fmt].zip


def read_document(data: bytes, fmt: str, name: str = "") -> Document:
    """Parse `data` as `fmt`; raises DocumentError (reason only) for input that cannot be used."""
    if fmt == "txt":
        raise ValueError("plain text is not read as a Document")
    with paused_gc():
        return FORMATS[fmt].read(data, name)


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection inside (then as before).

    Reading a document builds tens of thousands of small objects that all live until it is
    written: a collection in the middle frees nothing but walks every live object, the
    compiled glossary too. Nothing a reader or the scan builds needs the cycle collector.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

