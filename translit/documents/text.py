"""Decoding text files (plain text itself goes through translit.normalize and the line pipeline as before)."""
from __future__ import annotations

from .errors import DocumentError

__all__ = ["decode"]


def decode(data: bytes) -> str:
    """UTF-8 text (a BOM is kept as a character); anything else is a DocumentError."""
    if b"\x00" in data:
        raise DocumentError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
