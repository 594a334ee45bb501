"""Decoding text files (plain text itself goes through translit.normalize and the line pipeline as before)."""
from __future__ import annotations

import codecs

from .errors import DocumentError

__all__ = ["decode", "decode_as", "detect_encoding", "check_encoding", "LEGACY_ENCODINGS", "to_utf8", "encode_output",
           "is_utf8", "ENCODING_HINT"]


def decode(data: bytes) -> str:
    """UTF-8 text (a BOM is kept as a character); anything else is a DocumentError."""
    if b"\x00" in data:
        raise DocumentError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None


# Encodings a Ukrainian/Russian/English news archive is found in; auto-detection chooses among these.
LEGACY_ENCODINGS = ("utf_8", "cp1251", "koi8_r", "koi8_u", "iso8859_5", "cp866", "mac_cyrillic", "cp1252")


def detect_encoding(data: bytes) -> str | None:
    """The encoding `data` is most likely in (charset-normalizer, among LEGACY_ENCODINGS), or None."""
    if not data:
        return "utf_8"
    try:
        data.decode("utf-8")
        return "utf_8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for --encoding auto

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    return best.encoding if best is not None else None


def check_encoding(name: str) -> str:
    """`name` as Python's codec name ("auto" stays "auto"); DocumentError for an unknown one."""
    if name == "auto":
        return name
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise DocumentError(f"unknown encoding {name!r} (try auto, utf-8, cp1251, koi8-r)") from None


def decode_as(data: bytes, encoding: str = "utf-8") -> tuple[str, str]:
    """(text, encoding used): `encoding` may be "auto"; DocumentError if the bytes do not decode."""
    if encoding == "auto":
        found = detect_encoding(data)
        if found is None:
            raise DocumentError("cannot tell the encoding; give it with --encoding (e.g. cp1251, koi8-r)")
        encoding = found
    encoding = check_encoding(encoding)
    if encoding in ("utf-8", "utf_8"):
        return decode(data), "utf-8"
    if b"\x00" in data:
        raise DocumentError("binary file (contains NUL bytes)")
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        raise DocumentError(f"not valid {encoding} (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None


ENCODING_HINT = "; give its encoding with --encoding (auto, cp1251, koi8-r...)"


def is_utf8(encoding: str) -> bool:
    """True for Python's names of UTF-8 (what check_encoding gives back)."""
    return encoding in ("utf-8", "utf_8")


def to_utf8(data: bytes, encoding: str) -> tuple[bytes, str]:
    """(UTF-8 bytes, encoding used) of a text file read in `encoding` ("auto" detects it);
    UTF-8 input comes back as it is. DocumentError if the bytes do not decode."""
    if is_utf8(encoding):
        return data, "utf-8"
    text, used = decode_as(data, encoding)
    return (data if is_utf8(used) else text.encode("utf-8")), used


def encode_output(data: bytes, encoding: str) -> bytes:
    """UTF-8 output bytes re-encoded in `encoding`; DocumentError naming the first character it cannot hold."""
    if is_utf8(encoding):
        return data
    try:
        return data.decode("utf-8").encode(encoding)
    except UnicodeEncodeError as exc:
        raise DocumentError(f"{encoding} cannot hold {exc.object[exc.start:exc.end]!r}; "
                            "write it with --output-encoding utf-8") from None
