"""Reading inputs strictly and writing outputs atomically."""
from __future__ import annotations

import hashlib
import os
import stat
import sys
import tempfile
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import IO, BinaryIO

from .errors import ChangedError, InputError, OutputError

__all__ = ["AtomicSink", "atomic_write_bytes", "atomic_write_text", "clean_stale_temps", "decode_text",
           "decode_utf8", "input_files", "is_url", "open_input", "read_bytes", "read_text"]


def is_url(source: str) -> bool:
    """True for a remote input (s3://, gs://, https://...); a file:// URL is a local path."""
    return "://" in source and not source.startswith("file://")


def input_files(inputs: Iterable[str | Path], recursive: bool = False,
                extensions: Collection[str] | None = None) -> list[str]:
    """The inputs with each folder replaced by the files in it, for every command that takes folders.

    A folder gives its files sorted, directly inside it or, with `recursive`, at every level; hidden
    files and folders are left out, and so is a name not ending in one of `extensions` (".txt", lower
    case) when they are given. Anything else (a file, a missing path, a URL) is kept as it is, without a
    `file://` prefix; an input named twice comes once.
    """
    out: list[str] = []
    for item in inputs:
        name = str(item)
        local = name.removeprefix("file://")
        if is_url(name) or not os.path.isdir(local):
            out.append(name if is_url(name) else local)
            continue
        base = Path(local)
        found = base.rglob("*") if recursive else base.iterdir()
        out.extend(str(p) for p in sorted(found)
                   if p.is_file() and (extensions is None or p.suffix.lower() in extensions)
                   and not any(part.startswith(".") for part in p.relative_to(base).parts))
    return list(dict.fromkeys(out))


def open_input(path: str | Path, name: str | None = None) -> BinaryIO:
    """The regular file `path`, opened for binary reading; InputError (naming `name`, else `path`) otherwise.

    A FIFO, a device (/dev/zero) or a socket is refused before it is read
    (`PATH: not a regular file`): the open does not block and fstat decides, so a
    run never hangs or reads without end.
    """
    label = name or str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError(f"{label}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{label}: is a directory") from None
    except PermissionError:
        raise InputError(f"{label}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{label}: cannot read ({exc.strerror or exc})") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise InputError(f"{label}: is a directory" if stat.S_ISDIR(mode) else f"{label}: not a regular file")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def read_bytes(path: str | Path) -> bytes:
    """The bytes of the regular file `path`; InputError for anything else (see open_input)."""
    with open_input(path) as fh:
        try:
            return fh.read()
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def decode_utf8(path: str | Path, data: bytes) -> str:
    """`data` as UTF-8 text; InputError for a binary or non-UTF-8 file (encodings are never guessed)."""
    return decode_text(data, str(path))


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


def read_text(path: str | Path) -> str:
    """Return the UTF-8 text of `path`, keeping line endings and any BOM.

    Raises InputError for a missing, unreadable, non-regular, binary or
    non-UTF-8 file; encodings are never guessed.
    """
    return decode_utf8(path, read_bytes(path))


_TMP_TAG = ".translit-"  # own temp files: .NAME.translit-PID.tmp (a rename) or .NAME.translit-PID.new (a journal)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _own_temps(target: Path) -> list[tuple[Path, int]]:
    """This writer's temp files for `target` (any process), with the pid in their name."""
    prefix = f".{target.name}{_TMP_TAG}"
    out = []
    try:
        names = os.listdir(target.parent)
    except OSError:
        return []
    for name in names:
        if not name.startswith(prefix):
            continue
        pid, _, suffix = name[len(prefix):].partition(".")
        if pid.isdigit() and suffix in ("tmp", "new"):
            out.append((target.parent / name, int(pid)))
    return out


def clean_stale_temps(target: str | Path) -> list[Path]:
    """Finish or remove what a killed writer left beside `target`; return the paths handled.

    A `.tmp` of a dead process is an unfinished rename: removed (the target
    still holds the old content). A `.new` of a dead process is a complete new
    content whose copy into a hard-linked target may have been cut short: it is
    copied into the target again (rolled forward), then removed.
    """
    target = Path(os.path.realpath(target))
    handled = []
    for path, pid in _own_temps(target):
        if pid == os.getpid() or _pid_alive(pid):
            continue
        try:
            if path.suffix == ".new" and target.is_file():
                _write_through_inode(target, path.read_bytes())
            path.unlink()
            handled.append(path)
        except OSError:
            continue
    return handled


def _write_through_inode(target: Path, data: bytes) -> None:
    with open(target, "r+b") as fh:
        fh.write(data)
        fh.truncate()
        fh.flush()
        os.fsync(fh.fileno())


def _fail(path: Path, exc: OSError) -> OutputError:
    return OutputError(f"{path}: cannot write ({exc.strerror or exc})")


def atomic_write_bytes(path: str | Path, data: bytes, original: bytes | None = None) -> None:
    """Replace the content of `path` with `data` so that no reader or crash ever sees a mix.

    - A symlink is followed: the file it points to gets the new content, the link stays.
    - The new file keeps the old one's mode, owner and group (a new file gets 0666 & ~umask).
    - With `original` (the bytes the caller read and worked from), a file that
      changed meanwhile is not overwritten: ChangedError.
    - A file with one link is replaced by a rename of a complete temp file in
      the same directory: atomic. A file with several hard links (or whose
      owner this process cannot give to a new file) is written through its
      inode, so every link and the owner are kept; to stay crash-safe the new
      content is first written completely to `.NAME.translit-PID.new`, and a
      run killed during the copy leaves that file, which the next write of the
      same target copies in again (clean_stale_temps) before it is removed.
    - Temp files left by killed runs of this writer are cleaned on the next write.

    Raises OutputError (also an OSError) with one `PATH: cannot write (reason)` line.
    """
    target = Path(os.path.realpath(path))
    clean_stale_temps(target)
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _fail(Path(path), exc) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise OutputError(f"{path}: not a regular file")
    if original is not None:
        _check_unchanged(Path(path), target, original)
    in_place = st is not None and st.st_nlink > 1
    tmp = target.parent / f".{target.name}{_TMP_TAG}{os.getpid()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError as exc:
        raise _fail(Path(path), exc) from None
    try:
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
                if st is not None and not in_place:
                    try:
                        os.fchown(fh.fileno(), st.st_uid, st.st_gid)
                    except PermissionError:
                        in_place = True  # a new file would change the owner: write through the inode
                    os.fchmod(fh.fileno(), stat.S_IMODE(st.st_mode))
                elif st is None:
                    umask = os.umask(0)
                    os.umask(umask)
                    os.fchmod(fh.fileno(), 0o666 & ~umask)
            if original is not None:  # the window before the swap: check again
                _check_unchanged(Path(path), target, original)
            if in_place:
                journal = tmp.with_suffix(".new")  # complete and synced: from here on, roll forward
                os.replace(tmp, journal)
                tmp = journal
                _write_through_inode(target, data)
            else:
                os.replace(tmp, target)
        except OutputError:
            raise
        except OSError as exc:
            raise _fail(Path(path), exc) from None
    finally:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        except OSError:
            pass


def _check_unchanged(path: Path, target: Path, original: bytes) -> None:
    try:
        now = target.read_bytes()
    except OSError as exc:
        raise ChangedError(f"{path}: cannot read it again before writing ({exc.strerror or exc}); "
                           "not overwritten") from None
    if now != original:
        raise ChangedError(f"{path}: changed while it was being processed; not overwritten "
                           "(run again on the new content)")


def atomic_write_text(path: str | Path, text: str, original: bytes | None = None) -> None:
    """Write `text` as UTF-8 to `path` atomically (see atomic_write_bytes)."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise OutputError(f"{path}: cannot write: {exc.reason} at character {exc.start}") from None
    atomic_write_bytes(path, data, original)


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
