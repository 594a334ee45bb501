"""Reading inputs strictly and writing outputs atomically."""
from __future__ import annotations

import hashlib
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import IO

from .errors import InputError

__all__ = ["AtomicSink", "atomic_write_bytes", "atomic_write_text", "decode_text", "read_bytes", "read_text"]


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
    return decode_text(read_bytes(path), str(path))


def decode_text(data: bytes, name: str) -> str:
    """`data` as UTF-8 text, or InputError naming `name` (NUL bytes or invalid UTF-8)."""
    if b"\x00" in data:
        raise InputError(f"{name}: binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
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


class AtomicSink:
    """A binary output written through a temp file beside `target` and renamed into place by `commit()`.

    Hashed as it is written (`commit()` returns the SHA-256); `abort()` leaves no trace. With `target`
    None it writes to stdout. An existing target keeps its permission bits.
    """

    def __init__(self, target: Path | None):
        self.target = target
        self.sha = hashlib.sha256()
        if target is None:
            self.fh: IO[bytes] = sys.stdout.buffer
            self.tmp = None
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            self.fh, self.tmp = os.fdopen(fd, "wb"), tmp

    closed = False
    position = 0

    def writable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def write(self, data: bytes) -> int:
        data = bytes(data)
        self.sha.update(data)
        self.fh.write(data)
        self.position += len(data)
        return len(data)

    def flush(self) -> None:
        self.fh.flush()

    def commit(self) -> str:
        if self.tmp is None:
            self.fh.flush()
            return self.sha.hexdigest()
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        try:  # an existing file keeps its permission bits
            mode = stat.S_IMODE(os.stat(self.target).st_mode)  # type: ignore[arg-type]
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(self.tmp, mode)
        os.replace(self.tmp, self.target)  # type: ignore[arg-type]
        return self.sha.hexdigest()

    def abort(self) -> None:
        if self.tmp is not None:
            self.fh.close()
            Path(self.tmp).unlink(missing_ok=True)
