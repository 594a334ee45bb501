"""The compiled-glossary cache heals itself: corrupted, missing or swapped files are rebuilt."""
from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from translit.match.cache import _content_key, cache_dir
from translit.normalize import compiled_for, normalize

from .fuzz import fuzz
from .test_exit_codes import GLOSSARY

KHARKIV = GLOSSARY + "- id: kharkiv\n  kind: place\n  en: Kharkiv\n  uk: Харків\n  ru: Харьков\n  variants: [Kharkov]\n"


def _files(folder: Path) -> list[Path]:
    """The cache's files, without the stamps of files already verified (a hint, never trusted alone)."""
    return sorted(p for p in folder.iterdir() if p.name.startswith("glossary-") and "verified" not in p.name)


@pytest.fixture
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    cache = tmp_path / "cache"
    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(cache))
    g = tmp_path / "g.yaml"
    g.write_text(KHARKIV, encoding="utf-8")
    normalize("warm", "auto", compiled_for([str(g)]))  # compile once: the cache now holds every file
    assert len(_files(cache)) == 6 and (cache.stat().st_mode & 0o777) == 0o700
    return cache, g


def _works(g: Path) -> None:
    assert normalize("Kiev and Kharkov", "en", compiled_for([str(g)])).text == "Kyiv and Kharkiv"
    assert normalize("Київ і Харкова", "uk", compiled_for([str(g)])).text == "Київ і Харкова"


@fuzz(12)
@given(st.data())
def test_fuzz_truncated_deleted_or_swapped_cache_files_are_rebuilt(setup, data):
    cache, g = setup
    files = [p for p in _files(cache) if not p.name.endswith(".manifest.json")]
    victim = data.draw(st.sampled_from(files))
    action = data.draw(st.sampled_from(["truncate", "delete", "garbage", "swap", "manifest"]))
    if action == "truncate":
        victim.write_bytes(victim.read_bytes()[: data.draw(st.integers(0, 100))])
    elif action == "delete":
        victim.unlink()
    elif action == "garbage":
        raw = bytearray(victim.read_bytes())
        raw[data.draw(st.integers(0, len(raw) - 1))] ^= 0xFF
        victim.write_bytes(bytes(raw))
    elif action == "swap":
        other = data.draw(st.sampled_from([f for f in files if f != victim]))
        a, b = victim.read_bytes(), other.read_bytes()
        victim.write_bytes(b)
        other.write_bytes(a)
    else:
        (cache / (files[0].name.split(".")[0] + ".manifest.json")).write_text("{not json")
    _works(g)
    _works(g)  # and the rebuilt cache is good
    assert len(_files(cache)) == 6


def test_a_verified_file_is_hashed_again_only_after_it_changes(setup, monkeypatch):
    """Warm starts skip re-hashing the files that verified before, while their stat is unchanged; a file
    changed in place (same size) is hashed again, fails, and the cache is rebuilt."""
    import hashlib

    from translit.match import cache as cache_mod

    cache, g = setup
    monkeypatch.setattr(cache_mod, "_STAMP_AGE", -1.0)  # stamp files however recently they were written
    hashed: list[str] = []
    real = hashlib.file_digest

    def counting(fh, digest):  # type: ignore[no-untyped-def]
        hashed.append(str(fh.name))
        return real(fh, digest)

    monkeypatch.setattr(hashlib, "file_digest", counting)
    _works(g)                                  # verifies every file by its hash, then stamps them
    assert hashed and list(cache.glob("*.verified.json"))
    hashed.clear()
    _works(g)
    assert hashed == []                        # unchanged files: no hashing at all
    store = next(p for p in _files(cache) if p.suffix == ".sqlite")
    raw = bytearray(store.read_bytes())
    raw[len(raw) // 2] ^= 0xFF                 # one byte in place: the size stays, the ctime moves
    with open(store, "r+b") as fh:
        fh.write(bytes(raw))
    _works(g)                                  # hashed again, found corrupt, rebuilt
    assert store.read_bytes() != bytes(raw)
    (next(cache.glob("*.verified.json"))).write_text("[not a mapping")
    _works(g)                                  # a broken stamp file only means hashing again
    assert len(_files(cache)) == 6


def test_the_key_is_the_hash_of_the_bytes_parsed(setup, monkeypatch):
    """A glossary edited while translit starts is never stored under the old content's key."""
    cache, g = setup
    import translit.glossary.load as load

    real = load.read_file
    edited = KHARKIV + "- id: odesa\n  kind: place\n  en: Odesa\n  uk: Одеса\n  variants: [Odessa]\n"

    def edit_then_read(path, display=None, data=None):  # type: ignore[no-untyped-def]
        Path(path).write_text(edited, encoding="utf-8")   # the file changes between hashing and parsing
        return real(path, display, data)

    monkeypatch.setattr(load, "read_file", edit_then_read)
    for p in _files(cache):
        p.unlink()
    compiled = compiled_for([str(g)])
    monkeypatch.setattr(load, "read_file", real)
    key_of_old = _content_key([(g, KHARKIV.encode())])
    assert compiled.key == key_of_old
    assert normalize("Odessa", "en", compiled).text == "Odessa"  # parsed: the old bytes, as keyed
    assert normalize("Odessa", "en", compiled_for([str(g)])).text == "Odesa"  # the new content, its own key


def test_a_cache_folder_others_can_write_is_not_used(tmp_path, monkeypatch, recwarn):
    cache = tmp_path / "shared"
    cache.mkdir()
    os.chmod(cache, 0o777)
    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(cache))
    g = tmp_path / "g.yaml"
    g.write_text(KHARKIV, encoding="utf-8")
    planted = cache / "glossary-x.pickle"
    planted.write_bytes(b"not for unpickling")
    assert normalize("Kiev", "en", compiled_for([str(g)])).text == "Kyiv"
    assert sorted(p.name for p in cache.iterdir()) == ["glossary-x.pickle"]  # nothing read, nothing written
    assert any("writable by other users" in str(w.message) for w in recwarn)


def test_a_full_disk_during_compile_is_one_line_and_leaves_no_temp_file(tmp_path):
    cache = tmp_path / "cache"
    g = tmp_path / "g.yaml"
    g.write_text(KHARKIV, encoding="utf-8")

    def small_files() -> None:  # writes past 200 KB fail (EFBIG), as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))

    proc = subprocess.run([sys.executable, "-m", "translit", "normalize", "-g", "bundled"], input=b"Kiev\n",
                          capture_output=True, preexec_fn=small_files, timeout=600,
                          env={**os.environ, "TRANSLIT_CACHE_DIR": str(cache)})
    assert proc.returncode == 0 and proc.stdout == b"Kyiv\n"
    lines = proc.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"translit: warning: {cache}: cannot write the glossary cache (")
    assert not [p.name for p in cache.iterdir() if p.name.endswith(".tmp")]
    assert not list(cache.glob("*.manifest.json"))  # an incomplete cache is never marked valid
