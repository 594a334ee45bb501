"""Translated files waiting for their download, and checks on uploads.

Files live in a private directory (mode 0700) made at start and removed at
shutdown. Each gets a random token (`secrets.token_urlsafe`); the download URL
names only the token, never a path, and a token is looked up in memory, so no
request can name a file on the server. A file is deleted right after its
download or when its time is up, whichever comes first.
"""
from __future__ import annotations

import io
import os
import re
import secrets
import shutil
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .service import ApiError

__all__ = ["FileStore", "check_zip", "ZIP_FORMATS"]

ZIP_FORMATS = {".docx", ".odt", ".pptx", ".epub", ".xlsx", ".ods", ".odp"}
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
MAX_ZIP_MEMBERS = 5_000
MAX_ZIP_RATIO = 200          # uncompressed / compressed, per member above 1 MiB


@dataclass
class _Stored:
    path: Path
    name: str
    media_type: str
    expires: float


class FileStore:
    """Translated files by token, each deleted after download or after `ttl` seconds."""

    def __init__(self, ttl: float):
        self.ttl = ttl
        self.root = Path(tempfile.mkdtemp(prefix="translit-serve-"))
        os.chmod(self.root, 0o700)
        self._files: dict[str, _Stored] = {}
        self._lock = threading.Lock()

    def put(self, data: bytes, name: str, media_type: str) -> str:
        token = secrets.token_urlsafe(24)
        path = self.root / token
        with open(path, "xb") as fh:
            fh.write(data)
        with self._lock:
            self._files[token] = _Stored(path, name, media_type, time.monotonic() + self.ttl)
        return token

    def take(self, token: str) -> _Stored | None:
        """The stored file for `token` (now no longer listed), or None."""
        if not _TOKEN.match(token):
            return None
        with self._lock:
            stored = self._files.pop(token, None)
        if stored is None or stored.expires < time.monotonic():
            if stored is not None:
                stored.path.unlink(missing_ok=True)
            return None
        return stored

    def sweep(self) -> int:
        """Delete files whose time is up; how many were deleted."""
        now = time.monotonic()
        with self._lock:
            old = [t for t, s in self._files.items() if s.expires < now]
            gone = [self._files.pop(t) for t in old]
        for stored in gone:
            stored.path.unlink(missing_ok=True)
        return len(gone)

    def __len__(self) -> int:
        with self._lock:
            return len(self._files)

    def close(self) -> None:
        with self._lock:
            self._files.clear()
        shutil.rmtree(self.root, ignore_errors=True)


def check_zip(data: bytes, what: str, max_total: int) -> None:
    """Refuse a zip-based upload that is not a zip, escapes its root, or unpacks to too much."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ApiError(400, f"Invalid request: the file is not a valid {what} file (not a zip archive)") from None
    if len(infos) > MAX_ZIP_MEMBERS:
        raise ApiError(400, f"Invalid request: the {what} file has too many parts ({len(infos)})")
    total = 0
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or ".." in re.split(r"[/\\]", name) or ":" in name.split("/")[0]:
            raise ApiError(400, f"Invalid request: the {what} file has an unsafe part name {name!r}")
        total += info.file_size
        if info.file_size > (1 << 20) and info.file_size > MAX_ZIP_RATIO * max(1, info.compress_size):
            raise ApiError(400, f"Invalid request: the {what} file looks like a zip bomb ({name!r})")
    if total > max_total:
        raise ApiError(413, f"Invalid request: the {what} file unpacks to {total} bytes (limit {max_total})")
