"""The on-disk cache of compiled glossaries: keyed by the content of every file compilation reads."""
from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import pickle
import sqlite3
import stat
import time
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from .. import __version__
from ..files import atomic_write_bytes
from .keys import open_part, write_keys
from .store import MemoryStore, SqliteStore, write_store
from .types import Compiled

if TYPE_CHECKING:
    from ..glossary.model import Entry

__all__ = ["FORMAT_VERSION", "cache_dir", "load_or_compile"]

FORMAT_VERSION = 21  # bump when the compiled layout or the form generation changes

_PARTS = ("latin", "cyrillic")


def cache_dir() -> Path:
    """Where compiled glossaries are cached: $TRANSLIT_CACHE_DIR, else $XDG_CACHE_HOME/translit."""
    if os.environ.get("TRANSLIT_CACHE_DIR"):
        return Path(os.environ["TRANSLIT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "translit"


def _content_key(blobs: list[tuple[Path, bytes]]) -> str:
    """Hash of the glossary bytes (as read, once), the data files compilation reads, and the code version."""
    h = hashlib.sha256(f"{FORMAT_VERSION}:{__version__}".encode())
    data = Path(__file__).resolve().parent.parent / "data"
    schemes = Path(__file__).resolve().parent.parent / "schemes" / "data"
    extra = sorted(data.glob("*.yaml")) + sorted(schemes.glob("*.yaml"))
    for p, content in list(blobs) + [(p, p.read_bytes()) for p in extra]:
        h.update(str(p.name).encode())
        h.update(len(content).to_bytes(8, "little"))
        h.update(content)
    return h.hexdigest()[:32]


def _private_dir(folder: Path) -> bool:
    """Create `folder` 0700 if needed; True when it is this user's and nobody else can write it.

    Cache files are unpickled: a folder another user can write is never read or written.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        st = os.stat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o022:
        warnings.warn(f"{folder}: the glossary cache folder is writable by other users or not yours; "
                      "it is not used (chmod 700 it, or set TRANSLIT_CACHE_DIR)", RuntimeWarning, stacklevel=3)
        return False
    return True


# A file hashed once is not hashed again while its stat (device, inode, size, mtime, ctime) stays the same:
# any write, truncation, rename or copy over it changes its ctime, which no user can set. A file changed
# less than _STAMP_AGE seconds before it was hashed is not stamped (a change within the same clock tick
# would leave its times equal), so it is hashed again on the next run.
_STAMP_AGE = 2.0
Stamps = dict[str, list[int]]


def _stat_key(st: os.stat_result) -> list[int]:
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def _read_verified(path: Path, size: int, digest: str, keep: str = "bytes", stamps: Stamps | None = None,
                   seen: Stamps | None = None) -> bytes | BinaryIO | None:
    """The bytes of `path` if it is this user's regular file with the recorded size and SHA-256, else None.

    `stamps`: stats of files that verified on an earlier run; a file whose stat still equals its stamp is
    not hashed again. `seen`: filled with the stat of every file that verified now.

    keep="check": hashed in blocks and b"" returned when it verifies (the SQLite store, read later by SQLite);
    keep="file": hashed in blocks and the open file returned (an automaton, unpickled from that same file on
    first use: the file is never held in memory as bytes, and one never used is never read twice).
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    fh = os.fdopen(fd, "rb")
    handed = False
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.getuid() or st.st_size != size:
            return None
        if seen is not None:
            seen[path.name] = _stat_key(st)
        if keep != "bytes":
            stamped = stamps is not None and stamps.get(path.name) == _stat_key(st)
            if not stamped and hashlib.file_digest(fh, "sha256").hexdigest() != digest:
                if seen is not None:
                    seen.pop(path.name, None)
                return None
            if keep == "check":
                return b""
            fh.seek(0)
            handed = True  # the caller reads and closes it
            return fh
        data = fh.read(size + 1)
    finally:
        if not handed:
            fh.close()
    if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
        if seen is not None:
            seen.pop(path.name, None)
        return None
    return data


def _read_stamps(path: Path) -> Stamps:
    try:
        stamps = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stamps if isinstance(stamps, dict) else {}


def _write_stamps(path: Path, old: Stamps, seen: Stamps) -> None:
    """Record the files that verified now and were last changed long enough ago (best effort)."""
    settled = {name: key for name, key in seen.items() if time.time() - key[4] / 1e9 > _STAMP_AGE}
    if settled != old:
        try:
            atomic_write_bytes(path, json.dumps(settled).encode())
        except OSError:
            pass


_FILES = ("core", "latin", "cyrillic", "sqlite", "keys")


def _file_name(key: str, part: str) -> str:
    return {"core": f"glossary-{key}.pickle", "latin": f"glossary-{key}.latin.pickle",
            "cyrillic": f"glossary-{key}.cyrillic.pickle", "sqlite": f"glossary-{key}.sqlite",
            "keys": f"glossary-{key}.keys.sqlite"}[part]


def _load_cached(folder: Path, key: str) -> Compiled | None:
    """The cached compilation for `key` if every file verifies against the manifest, else None."""
    try:
        manifest = json.loads((folder / f"glossary-{key}.manifest.json").read_text(encoding="utf-8"))
        if manifest.get("key") != key:
            return None
        files = {part: manifest["files"][part] for part in _FILES}
        stamps_path = folder / f"glossary-{key}.verified.json"
        stamps = _read_stamps(stamps_path)
        seen: Stamps = {}
        blobs = {part: _read_verified(folder / _file_name(key, part), int(f["size"]), str(f["sha256"]),
                                      "bytes" if part == "core" else "check", stamps, seen)
                 for part, f in files.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    verified = {part: blob for part, blob in blobs.items() if blob is not None}
    if len(verified) != len(_FILES):
        return None
    _write_stamps(stamps_path, stamps, seen)
    compiled = _unpickle_core(cast(bytes, verified["core"]))
    if compiled is None or compiled.key != key:
        return None
    compiled.source = folder / _file_name(key, "core")
    # the automata's keys are looked up in the keys file (translit.match.keys); an automaton itself is read
    # when a text is long enough to pay for it, from its file verified again then (never held whole as bytes)
    keys = folder / _file_name(key, "keys")
    compiled.blobs = {name: functools.partial(
        open_part, keys, name, functools.partial(_load_part, folder / _file_name(key, name),
                                                 int(files[name]["size"]), str(files[name]["sha256"]), seen))
        for name in _PARTS}
    count = cast(int, compiled.store)  # pickled as its entry count (Compiled.__getstate__)
    try:
        compiled.store = SqliteStore(folder / _file_name(key, "sqlite"), count)
    except Exception:  # noqa: BLE001
        return None
    return compiled


def _load_part(path: Path, size: int, digest: str, stamps: Stamps | None = None) -> Any:
    """Unpickle one automaton file after checking it against the manifest again (read once, in blocks;
    not hashed again when its stat is the one it had when it verified at start)."""
    fh = _read_verified(path, size, digest, "file", stamps)
    if not isinstance(fh, io.BufferedReader):
        raise OSError(f"{path}: the compiled glossary changed while in use; run again")
    with fh:
        return pickle.load(fh)


def _unpickle_core(data: bytes) -> Compiled | None:
    try:
        compiled = pickle.loads(data)
    except Exception:  # noqa: BLE001 - a verified file that still does not load: rebuild it
        return None
    return compiled if isinstance(compiled, Compiled) else None


def _store_tmp(folder: Path, key: str, part: str = "sqlite") -> Path:
    return folder / f".{_file_name(key, part)}.{os.getpid()}.tmp"


def _place(tmp: Path, path: Path) -> dict[str, object]:
    """Move a finished SQLite file into the cache; its size and SHA-256 for the manifest."""
    os.chmod(tmp, 0o600)
    with open(tmp, "rb") as fh:  # hashed in blocks: the store of a big glossary is hundreds of MB
        digest = hashlib.file_digest(fh, "sha256")
    size = tmp.stat().st_size
    os.replace(tmp, path)
    return {"size": size, "sha256": digest.hexdigest()}


def _cannot_write(folder: Path, exc: Exception) -> None:
    reason = getattr(exc, "strerror", None) or str(exc)
    warnings.warn(f"{folder}: cannot write the glossary cache ({reason}); continuing without it",
                  RuntimeWarning, stacklevel=4)


def _write_cache(folder: Path, key: str, compiled: Compiled) -> None:
    """Write every file, then the manifest that makes them valid; a failure leaves no temp file behind.

    The store is the SQLite file compiled into _store_tmp(), or a MemoryStore written there now."""
    written: dict[str, dict[str, object]] = {}
    tmp, keys_tmp = _store_tmp(folder, key), _store_tmp(folder, key, "keys")
    try:
        for name in _PARTS:
            data = pickle.dumps(compiled.parts[name], protocol=pickle.HIGHEST_PROTOCOL)
            atomic_write_bytes(folder / _file_name(key, name), data)
            written[name] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            del data
        write_keys(keys_tmp, compiled.parts)
        written["keys"] = _place(keys_tmp, folder / _file_name(key, "keys"))
        if isinstance(compiled.store, MemoryStore):
            write_store(tmp, compiled.store)
        written["sqlite"] = _place(tmp, folder / _file_name(key, "sqlite"))
        if isinstance(compiled.store, SqliteStore):  # read from its place in the cache from now on
            compiled.store.close()
            compiled.store = SqliteStore(folder / _file_name(key, "sqlite"), len(compiled.store))
        data = pickle.dumps(compiled, protocol=pickle.HIGHEST_PROTOCOL)
        atomic_write_bytes(folder / _file_name(key, "core"), data)
        written["core"] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        manifest = {"key": key, "format": FORMAT_VERSION, "files": written}
        atomic_write_bytes(folder / f"glossary-{key}.manifest.json",
                           (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode())
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        keys_tmp.unlink(missing_ok=True)
        _cannot_write(folder, exc)


def load_or_compile(paths: list[Path], loader: Callable[[list[Path], dict[Path, bytes]], Iterable[Entry]]
                    ) -> Compiled:
    """The compiled glossary for `paths`, from the on-disk cache when the files are unchanged.

    The files are read once: the cache key is the hash of those bytes, and
    `loader(paths, data)` parses the same bytes (only on a cache miss), so a
    file edited meanwhile is never stored under the old content's key. Every
    cache file is checked against the manifest (size and SHA-256) before use; a
    truncated, missing or swapped file is rebuilt. The cache folder must be this
    user's and not writable by others, since its files are unpickled.
    """
    blobs = [(p, p.read_bytes()) for p in paths]
    key = _content_key(blobs)
    folder = cache_dir()
    private = _private_dir(folder)
    if private:
        cached = _load_cached(folder, key)
        if cached is not None:
            return cached
    from .build import compile_entries  # the compiler (forms, morphology): only on a cache miss

    entries = list(loader(paths, dict(blobs)))
    del blobs
    if not private:
        compiled = compile_entries(entries)
        compiled.key = key
        return compiled
    try:  # the entry infos and the fuzzy index go straight into the cache's SQLite file
        compiled = compile_entries(entries, store=_store_tmp(folder, key))
    except (OSError, sqlite3.Error) as exc:
        _cannot_write(folder, exc)
        compiled = compile_entries(entries)
        compiled.key = key
        return compiled
    compiled.key = key
    _write_cache(folder, key, compiled)
    return compiled
