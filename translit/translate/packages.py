"""Installed argos translation models: list, validate, install, download, remove.

Uses argostranslate's own settings (ARGOS_PACKAGES_DIR, XDG dirs, settings.json,
ARGOS_PACKAGE_INDEX), so models installed with `argospm` are visible here and
the other way round. Only `argostranslate.settings`/`.package` are imported
(lazily); they do not pull in torch.
"""
from __future__ import annotations

import io
import json
import os
import shutil
import sys
from collections.abc import Callable
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
    folder = os.environ.get("ARGOS_PACKAGES_DIR")
    if folder and os.path.exists(folder) and not os.path.isdir(folder):
        raise UsageError(f"ARGOS_PACKAGES_DIR={folder}: not a directory")
    try:
        import argostranslate.settings as settings  # argostranslate only when models are looked up
    except ImportError as exc:  # installed without the extra (README's first command)
        raise UsageError(f"translation needs the 'translate' extra: pip install 'translit[translate]' "
                         f"({exc.name} is missing; docs/translate.md)") from None
    except OSError as exc:     # argos creates its folders when imported
        raise UsageError(f"cannot create argostranslate's folders: {exc.strerror or exc}"
                         + (f" ({exc.filename})" if getattr(exc, "filename", None) else "")) from None
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
        first, second = find_model(from_code, pivot), find_model(pivot, to_code)
        lacking = [install_hint(a, b) for (a, b), have in (((from_code, pivot), first), ((pivot, to_code), second))
                   if not have]
        have = [m.pair.replace("-", " -> ") for m in (first, second) if m]
        through = "' and '".join(lacking)
        hint += (f" (or '{through}' to translate through English"
                 + (f"; {have[0]} is installed" if have else "") + ")")
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


CHUNK = 1 << 16            # bytes per read while downloading
Progress = Callable[[int, "int | None"], None]   # (bytes so far, total bytes or None)


def check_loads(package_dir: str | Path, meta: dict[str, Any]) -> None:
    """Load the model and the tokenizer and translate one sentence; raise if the package cannot.

    Done in the staging folder before anything installed is touched, so a package with a
    truncated model.bin or a junk tokenizer never replaces a working model.
    """
    import ctranslate2  # the translation stack, only when a package is installed
    import sentencepiece as spm  # likewise

    root = Path(package_dir)
    sp_path = root / "sentencepiece.model"
    if not sp_path.exists():
        return          # BPE packages load through argos; nothing of ours to check
    sp = spm.SentencePieceProcessor(model_file=str(sp_path))
    tokens = sp.encode("Hello.", out_type=str)
    translator = ctranslate2.Translator(str(root / "model"), device="cpu", inter_threads=1, intra_threads=1)
    prefix = str(meta.get("target_prefix", "") or "")
    result = translator.translate_batch([tokens], target_prefix=[[prefix]] if prefix else None,
                                        beam_size=1, max_decoding_length=16)
    sp.decode_pieces(list(result[0].hypotheses[0]))


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
        try:
            check_loads(staging / top, meta)
        except Exception as exc:  # noqa: BLE001 - ctranslate2/sentencepiece raise many kinds; all mean "unusable"
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise InputError(f"{path}: cannot load the model ({first}); installed models are unchanged") from None
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
    """A small download (the package index) in memory."""
    buffer = io.BytesIO()
    _download(url, buffer, None)
    return buffer.getvalue()


def _download(url: str, out: Any, progress: Progress | None) -> int:
    """Stream `url` into the binary file `out` in CHUNK pieces; the byte count.

    Checks the length against Content-Length: a connection that closes early is an
    InputError ("incomplete download"), never a short file passed on.
    """
    if not url.startswith(("http://", "https://")):
        raise InputError(f"cannot download {url}: only http(s) links are supported")
    done, total = 0, None
    try:
        req = urllib.request.Request(url, headers={"User-Agent": "translit (argos-compatible)"})
        with urllib.request.urlopen(req, timeout=60) as response:
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            if progress:
                progress(0, total)
            while True:
                chunk = response.read(CHUNK)
                if not chunk:
                    break
                out.write(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total)
    except Exception as exc:  # noqa: BLE001 - any network failure becomes one clear message
        if total is not None and done < total:
            raise InputError(f"cannot download {url}: incomplete download ({done} of {total} bytes)") from None
        raise InputError(f"cannot download {url}: {exc}") from None
    if total is not None and done != total:
        raise InputError(f"cannot download {url}: incomplete download ({done} of {total} bytes)")
    return done


def install_pair(from_code: str, to_code: str, progress: Progress | None = None) -> ModelInfo:
    """Download the package for a pair from argos' package index and install it.

    The only network access in translit. The index location is argos'
    (ARGOS_PACKAGE_INDEX or settings.json); the fetched index is saved where
    `argospm` keeps it. The package streams into a temporary file (`progress`
    gets bytes so far and the total), is verified (length, archive, loading)
    and only then installed.
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
    downloads = Path(settings.downloads_dir)
    downloads.mkdir(parents=True, exist_ok=True)
    errors = []
    for url in links:
        fd, tmp = tempfile.mkstemp(prefix=f".translate-{from_code}_{to_code}.", suffix=".argosmodel",
                                   dir=downloads)
        try:
            with open(fd, "wb") as fh:
                _download(url, fh, progress)
            return install_file(tmp)
        except InputError as exc:
            errors.append(str(exc).replace(tmp, url))
        finally:
            Path(tmp).unlink(missing_ok=True)
    raise InputError("; ".join(errors))


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
