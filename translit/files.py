"""Reading inputs strictly and writing outputs atomically."""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import InputError

__all__ = ["read_bytes", "read_text", "atomic_write_text", "atomic_write_bytes"]


def read_bytes(path: str | Path) -> bytes:
    """The bytes of `path`; InputError `PATH: reason` for a missing or unreadable file."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def read_text(path: str | Path) -> str:
    """Return the UTF-8 text of `path`, keeping line endings and any BOM.

    Raises InputError for a missing, unreadable, binary or non-UTF-8 file;
    encodings are never guessed.
    """
    data = read_bytes(path)
    if b"\x00" in data:
        raise InputError(f"{path}: binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write `data` to `path` through a temp file in the same directory and a rename.

    An existing file keeps its permission bits. An interrupted write leaves
    either the old file or the new one, never a mix.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write `text` as UTF-8 to `path` atomically (see atomic_write_bytes)."""
    atomic_write_bytes(path, text.encode("utf-8"))
