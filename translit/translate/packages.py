"""Installed argos translation models: list, validate, install, download, remove.

Uses argostranslate's own settings (ARGOS_PACKAGES_DIR, XDG dirs, settings.json,
ARGOS_PACKAGE_INDEX), so models installed with `argospm` are visible here and
the other way round. Only `argostranslate.settings`/`.package` are imported
(lazily); they do not pull in torch.
"""
from __future__ import annotations

import json
import shutil
import sys
import tempfile
import urllib.request
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, UsageError
from ..files import atomic_write_bytes

__all__ = [
    "ModelInfo", "MissingModelError", "installed_models", "find_model", "route", "validate_archive",
    "install_file", "install_pair", "remove_pair", "install_hint",
]


class MissingModelError(UsageError):
    """No installed model (direct or through English) for a language pair."""


@dataclass(frozen=True)
class ModelInfo:
    """One installed argos translation package."""

    from_code: str
    to_code: str
    name: str          # argospm name, e.g. translate-en_uk
    version: str
    path: str
    size: int          # bytes on disk
    target_prefix: str = ""

    @property
    def pair(self) -> str:
        return f"{self.from_code}-{self.to_code}"

    @property
    def ident(self) -> str:
        """Name and version: what a batch manifest records."""
        return f"{self.name}@{self.version}"

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "pair": self.pair}


def _settings() -> Any:
    import argostranslate.settings as settings  # argostranslate only when models are looked up

    return settings


def install_hint(from_code: str, to_code: str) -> str:
    return f"translit models install {from_code} {to_code}"


def _dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _read_metadata(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def installed_models() -> list[ModelInfo]:
    """Every installed translate package in argos' package dirs, sorted by pair."""
    out: list[ModelInfo] = []
    for directory in _settings().package_dirs:
        directory = Path(directory)
        if not directory.is_dir():
            continue
        for path in sorted(directory.iterdir()):
            meta = _read_metadata(path) if path.is_dir() else None
            if not meta or meta.get("type", "translate") != "translate":
                continue
            if not meta.get("from_code") or not meta.get("to_code"):
                continue
            out.append(ModelInfo(
                from_code=meta["from_code"], to_code=meta["to_code"],
                name=f"translate-{meta['from_code']}_{meta['to_code']}",
                version=str(meta.get("package_version", "")), path=str(path), size=_dir_size(path),
                target_prefix=str(meta.get("target_prefix", "") or ""),
            ))
    return sorted(out, key=lambda m: (m.from_code, m.to_code, m.path))


def find_model(from_code: str, to_code: str) -> ModelInfo | None:
    """The installed model for this pair (the first found, as argos does), or None."""
    return next((m for m in installed_models() if (m.from_code, m.to_code) == (from_code, to_code)), None)


def route(from_code: str, to_code: str, pivot: str = "en") -> list[ModelInfo]:
    """Models to chain for `from_code`→`to_code`: direct if installed, else through `pivot`.

    Raises MissingModelError naming the install command(s) that would fix it.
    """
    if from_code == to_code:
        raise UsageError(f"source and target language are both '{from_code}'")
    direct = find_model(from_code, to_code)
    if direct:
        return [direct]
    if pivot not in (from_code, to_code):
        first, second = find_model(from_code, pivot), find_model(pivot, to_code)
        if first and second:
            return [first, second]
    hint = f"run '{install_hint(from_code, to_code)}'"
    if pivot not in (from_code, to_code):
        hint += (f" (or '{install_hint(from_code, pivot)}' and '{install_hint(pivot, to_code)}'"
                 f" to translate through English)")
    raise MissingModelError(f"no translation model installed for {from_code} -> {to_code}; {hint}")


def validate_archive(path: str | Path) -> dict[str, Any]:
    """Check an `.argosmodel` file and return its metadata; raise InputError if unusable.

    Requires a readable zip with intact checksums, exactly one top-level folder,
    `metadata.json` with from_code/to_code, `model/model.bin` and a tokenizer model.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{path}: no such file")
    if not zipfile.is_zipfile(p):
        raise InputError(f"{path}: not an .argosmodel (not a zip archive)")
    try:
        with zipfile.ZipFile(p) as zf:
            names = zf.namelist()
            bad = zf.testzip()
            if bad is not None:
                raise InputError(f"{path}: corrupt archive (bad checksum in {bad})")
            tops = {n.split("/", 1)[0] for n in names if n.strip("/")}
            if len(tops) != 1 or any("/" not in n and not n.endswith("/") for n in names):
                raise InputError(f"{path}: an .argosmodel must hold exactly one top-level folder, "
                                 f"found {sorted(tops)[:5]}")
            top = tops.pop()
            if top in (".", "..") or any(".." in n.split("/") or n.startswith("/") for n in names):
                raise InputError(f"{path}: unsafe paths in archive")
            files = set(names)
            if f"{top}/metadata.json" not in files:
                raise InputError(f"{path}: missing {top}/metadata.json")
            try:
                meta = json.loads(zf.read(f"{top}/metadata.json").decode("utf-8"))
            except (ValueError, UnicodeDecodeError) as exc:
                raise InputError(f"{path}: {top}/metadata.json is not valid JSON ({exc})") from None
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise InputError(f"{path}: corrupt archive ({exc})") from None
    if not isinstance(meta, dict) or not meta.get("from_code") or not meta.get("to_code"):
        raise InputError(f"{path}: metadata.json needs from_code and to_code")
    if meta.get("type", "translate") != "translate":
        raise InputError(f"{path}: package type '{meta.get('type')}' is not a translation model")
    if f"{top}/model/model.bin" not in files:
        raise InputError(f"{path}: missing {top}/model/model.bin")
    if f"{top}/sentencepiece.model" not in files and f"{top}/bpe.model" not in files:
        raise InputError(f"{path}: missing {top}/sentencepiece.model (or bpe.model)")
    meta["_top"] = top
    return meta


def _clear_argos_cache() -> None:
    translate = sys.modules.get("argostranslate.translate")
    if translate is not None:
        translate.get_installed_languages.cache_clear()


def install_file(path: str | Path) -> ModelInfo:
    """Validate and install an `.argosmodel`, replacing any installed model for the same pair.

    Nothing installed is touched unless the file is valid and fully extracted.
    """
    meta = validate_archive(path)
    from_code, to_code, top = meta["from_code"], meta["to_code"], meta["_top"]
    dest_root = Path(_settings().package_data_dir)
    dest_root.mkdir(parents=True, exist_ok=True)
    # stage next to the package dir (same file system, invisible to argos' directory scan)
    staging = Path(tempfile.mkdtemp(prefix=".translit-install-", dir=dest_root.parent))
    try:
        with zipfile.ZipFile(path) as zf:
            zf.extractall(staging)
        old = [Path(m.path) for m in installed_models() if (m.from_code, m.to_code) == (from_code, to_code)]
        target = dest_root / top
        if target.exists() and target not in old:
            old.append(target)
        trash = Path(tempfile.mkdtemp(prefix=".translit-old-", dir=dest_root.parent))
        for i, directory in enumerate(old):
            directory.rename(trash / str(i))
        (staging / top).rename(target)
        shutil.rmtree(trash, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _clear_argos_cache()
    info = find_model(from_code, to_code)
    assert info is not None
    return info


def _fetch(url: str) -> bytes:
    if not url.startswith(("http://", "https://")):
        raise InputError(f"cannot download {url}: only http(s) links are supported")
    try:
        req = urllib.request.Request(url, headers={"User-Agent": "translit (argos-compatible)"})
        with urllib.request.urlopen(req, timeout=60) as response:
            data: bytes = response.read()
            return data
    except Exception as exc:  # noqa: BLE001 - any network failure becomes one clear message
        raise InputError(f"cannot download {url}: {exc}") from None


def install_pair(from_code: str, to_code: str) -> ModelInfo:
    """Download the package for a pair from argos' package index and install it.

    The only network access in translit. The index location is argos'
    (ARGOS_PACKAGE_INDEX or settings.json); the fetched index is saved where
    `argospm` keeps it.
    """
    settings = _settings()
    data = _fetch(settings.remote_package_index)
    try:
        index = json.loads(data.decode("utf-8"))
        assert isinstance(index, list)
    except (ValueError, UnicodeDecodeError, AssertionError):
        raise InputError(f"{settings.remote_package_index}: not a package index (a JSON list)") from None
    atomic_write_bytes(settings.local_package_index, data)
    matches = [m for m in index if isinstance(m, dict) and m.get("type", "translate") == "translate"
               and (m.get("from_code"), m.get("to_code")) == (from_code, to_code)]
    if not matches:
        raise UsageError(f"the package index {settings.remote_package_index} has no model for "
                         f"{from_code} -> {to_code}")
    meta = max(matches, key=lambda m: _version_key(str(m.get("package_version", ""))))
    links = [u for u in meta.get("links", []) if isinstance(u, str)]
    if not links:
        raise InputError(f"the index entry for {from_code} -> {to_code} has no download link")
    errors = []
    for url in links:
        try:
            payload = _fetch(url)
            break
        except InputError as exc:
            errors.append(str(exc))
    else:
        raise InputError("; ".join(errors))
    downloads = Path(settings.downloads_dir)
    downloads.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".translate-{from_code}_{to_code}.", suffix=".argosmodel", dir=downloads)
    try:
        with open(fd, "wb") as fh:
            fh.write(payload)
        return install_file(tmp)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in version.split("."))


def remove_pair(from_code: str, to_code: str) -> list[ModelInfo]:
    """Remove every installed package for the pair; raise UsageError if there is none."""
    found = [m for m in installed_models() if (m.from_code, m.to_code) == (from_code, to_code)]
    if not found:
        raise UsageError(f"no model installed for {from_code} -> {to_code}")
    for model in found:
        shutil.rmtree(model.path)
    _clear_argos_cache()
    return found
