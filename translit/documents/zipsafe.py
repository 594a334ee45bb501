"""Zip containers (DOCX, ODT, PPTX, ODP, EPUB): checked before anything is read, rewritten part by part.

Before a member is read: the archive must open, member names must be relative without
`..`, there must be at most MAX_MEMBERS members and MAX_TOTAL bytes unpacked, and no
member larger than 1 MiB may expand more than MAX_RATIO times (zip bombs). Sizes are
the ones the archive declares; reading stops at the declared size, so a lying header
fails its CRC check instead of filling memory.

Writing keeps every member's name, order, date, compression and attributes; members
that did not change are copied as they were stored, compressed bytes included (only a
changed member is compressed again).
"""
from __future__ import annotations

import copy
import io
import struct
import zipfile
import zlib
from collections.abc import Callable

from .errors import DocumentError

__all__ = ["open_zip", "read_member", "write_zip", "zip_writer", "MAX_TOTAL", "MAX_RATIO", "MAX_MEMBERS"]

MAX_MEMBERS = 20_000
MAX_TOTAL = 1 << 30          # 1 GiB unpacked
MAX_RATIO = 200
_RATIO_FLOOR = 1 << 20       # small members may compress very well (repeated XML)


def _unsafe(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":") or ".." in parts


def open_zip(data: bytes, kind: str) -> zipfile.ZipFile:
    """The archive, after the safety checks; DocumentError (reason only) if it is not usable."""
    if not data.startswith(b"PK"):
        raise DocumentError(f"not a zip archive (a .{kind} file is one)")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise DocumentError(f"corrupt zip archive ({exc})") from None
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise DocumentError(f"{len(infos)} members in the archive (more than {MAX_MEMBERS})")
    total = 0
    seen: set[str] = set()
    for info in infos:
        if _unsafe(info.filename):
            raise DocumentError(f"unsafe member name {info.filename!r} (absolute or with '..')")
        if info.filename in seen:
            raise DocumentError(f"member {info.filename!r} appears twice")
        seen.add(info.filename)
        total += info.file_size
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise DocumentError(f"member {info.filename!r} expands {info.file_size // max(info.compress_size, 1)}"
                                f" times (more than {MAX_RATIO}: a zip bomb?)")
    if total > MAX_TOTAL:
        raise DocumentError(f"{total} bytes when unpacked (more than {MAX_TOTAL})")
    return zf


def read_member(zf: zipfile.ZipFile, name: str) -> bytes:
    """A member's bytes; DocumentError if it is missing or corrupt."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        raise DocumentError(f"missing part {name}") from None
    try:
        with zf.open(info) as fh:
            data = fh.read(info.file_size + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
        raise DocumentError(f"part {name} is corrupt ({exc})") from None
    if len(data) > info.file_size:
        raise DocumentError(f"part {name} is larger than the archive says")
    return data


def _stored_bytes(data: bytes, info: zipfile.ZipInfo) -> bytes | None:
    """A member's bytes as stored (compressed) in the archive `data`; None if they cannot be copied as
    they are (encrypted, or no local header where the directory says)."""
    at = info.header_offset
    if info.flag_bits & 0x01 or data[at:at + 4] != b"PK\x03\x04":
        return None
    name_len, extra_len = struct.unpack_from("<HH", data, at + 26)
    start = at + 30 + name_len + extra_len
    stored = data[start:start + info.compress_size]
    return stored if len(stored) == info.compress_size else None


def _copy_member(new: zipfile.ZipFile, info: zipfile.ZipInfo, stored: bytes) -> None:
    """Add a member with its compressed bytes as they were (no decompressing and compressing again).

    The local header is written from the member's directory entry, with CRC and sizes in it (no
    data descriptor after the data), as ZipFile.writestr writes one.
    """
    clone = copy.copy(info)
    clone.flag_bits &= ~0x08
    new.fp.seek(new.start_dir)          # type: ignore[union-attr]
    clone.header_offset = new.fp.tell()  # type: ignore[union-attr]
    zip64 = clone.file_size > zipfile.ZIP64_LIMIT or clone.compress_size > zipfile.ZIP64_LIMIT
    new.fp.write(clone.FileHeader(zip64))  # type: ignore[union-attr]
    new.fp.write(stored)                # type: ignore[union-attr]
    new.start_dir = new.fp.tell()       # type: ignore[union-attr]
    new.filelist.append(clone)
    new.NameToInfo[clone.filename] = clone


def write_zip(zf: zipfile.ZipFile, changed: dict[str, bytes], data: bytes | None = None) -> bytes:
    """The archive with `changed` members replaced; everything else as it was.

    With the archive's bytes `data`, unchanged members are copied as stored, compressed bytes
    included; changed ones are compressed again with their member's method.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as new:
        new.comment = zf.comment
        for info in zf.infolist():
            stored = None if info.filename in changed or data is None else _stored_bytes(data, info)
            if stored is not None:
                _copy_member(new, info, stored)
                continue
            member = changed[info.filename] if info.filename in changed else zf.read(info)
            clone = copy.copy(info)
            new.writestr(clone, member, compress_type=info.compress_type)
    return out.getvalue()


def zip_writer(zf: zipfile.ZipFile, data: bytes) -> Callable[[dict[str, str | bytes]], bytes]:
    """A Document writer for archive `zf` read from `data`: no changes give `data` back as it was."""
    def write(changed: dict[str, str | bytes]) -> bytes:
        if not changed:
            return data
        return write_zip(zf, {k: v if isinstance(v, bytes) else v.encode("utf-8") for k, v in changed.items()}, data)
    return write
