"""`translit models`: list, install (file and index), remove; bad packages never touch installed ones."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import zipfile
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from translit.cli import app



def _packages_dir() -> Path:
    import argostranslate.settings as settings

    return Path(settings.package_data_dir)


def _listing(runner) -> list[dict]:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["models", "list", "--format", "json"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_install_list_remove(runner, packages, install) -> None:  # type: ignore[no-untyped-def]
    install()
    assert _listing(runner) == []
    result = runner.invoke(app, ["models", "install", str(packages["en-uk"])])
    assert result.exit_code == 0, result.output
    assert "Installed en-uk" in result.stderr
    [model] = _listing(runner)
    assert (model["pair"], model["version"], model["name"]) == ("en-uk", "1.0", "translate-en_uk")
    assert model["size"] > 100_000
    assert Path(model["path"]).parent == _packages_dir()

    text = runner.invoke(app, ["models", "list"])
    assert text.exit_code == 0 and text.stdout.startswith("en-uk  1.0")

    result = runner.invoke(app, ["models", "remove", "en", "uk"])
    assert result.exit_code == 0, result.output
    assert _listing(runner) == []
    again = runner.invoke(app, ["models", "remove", "en", "uk"])
    assert again.exit_code == 2
    assert "no model installed for en -> uk" in again.stderr


def test_models_are_shared_with_argospm(runner, packages, install) -> None:  # type: ignore[no-untyped-def]
    """What translit installs, argostranslate sees, and the other way round."""
    import argostranslate.package as argos_package

    install("en-uk")
    assert [(p.from_code, p.to_code) for p in argos_package.get_installed_packages()] == [("en", "uk")]
    argos_package.install_from_path(packages["en-ru"])
    pairs = {m["pair"] for m in _listing(runner)}
    assert pairs == {"en-uk", "en-ru"}


def _zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return path


def _bad_packages(tmp_path: Path, good: Path) -> dict[str, Path]:
    data = good.read_bytes()
    truncated = tmp_path / "truncated.argosmodel"
    truncated.write_bytes(data[: len(data) // 2])
    flipped = bytearray(data)
    with zipfile.ZipFile(good) as zf:
        info = zf.getinfo("translate-en_uk-1_0/model/model.bin")
    middle = info.header_offset + 200 + info.compress_size // 2
    flipped[middle] ^= 0xFF
    bitflip = tmp_path / "bitflip.argosmodel"
    bitflip.write_bytes(bytes(flipped))
    meta = json.dumps({"from_code": "en", "to_code": "uk", "package_version": "9.0"}).encode()
    return {
        "not a zip": _write(tmp_path / "text.argosmodel", b"hello"),
        "corrupt": truncated,
        "bad checksum": bitflip,
        "two folders": _zip(tmp_path / "two.argosmodel", {"a/metadata.json": meta, "b/model/model.bin": b"x"}),
        "no metadata": _zip(tmp_path / "nometa.argosmodel", {"p/model/model.bin": b"x", "p/sentencepiece.model": b"x"}),
        "no to_code": _zip(tmp_path / "noto.argosmodel", {"p/metadata.json": b'{"from_code": "en"}',
                                                         "p/model/model.bin": b"x", "p/sentencepiece.model": b"x"}),
        "no model": _zip(tmp_path / "nomodel.argosmodel", {"p/metadata.json": meta, "p/sentencepiece.model": b"x"}),
        "bad json": _zip(tmp_path / "badjson.argosmodel", {"p/metadata.json": b"{", "p/model/model.bin": b"x"}),
    }


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_invalid_packages_are_rejected_without_touching_installed(runner, packages, install,
                                                                  tmp_path) -> None:  # type: ignore[no-untyped-def]
    install("en-uk")
    before = _tree(_packages_dir())
    for label, bad in _bad_packages(tmp_path, packages["en-uk"]).items():
        result = runner.invoke(app, ["models", "install", str(bad)])
        assert result.exit_code == 2, (label, result.output)
        assert result.stderr.startswith(f"Error: {bad}: "), (label, result.stderr)
        assert _tree(_packages_dir()) == before, label
    translated = runner.invoke(app, ["translate", "--to", "uk", "--no-glossary"], input="Still works.\n")
    assert translated.exit_code == 0 and translated.stdout == "Still works.\n"


def test_missing_pair_names_the_install_command(runner, install) -> None:  # type: ignore[no-untyped-def]
    install("en-uk")
    result = runner.invoke(app, ["translate", "--to", "ru", "--no-glossary"], input="Hello.\n")
    assert result.exit_code == 2
    assert "no translation model installed for en -> ru" in result.stderr
    assert "translit models install en ru" in result.stderr
    batch = runner.invoke(app, ["batch", "x.txt", "--to", "uk,ru", "--out", "out"])
    assert batch.exit_code == 2 and "translit models install en ru" in batch.stderr


def test_install_replaces_the_installed_model_for_the_pair(runner, packages, install, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from translit.translate.fixture import build_copy_package

    install("en-uk")
    newer = build_copy_package(tmp_path, "en", "uk", version="1.1")
    result = runner.invoke(app, ["models", "install", str(newer)])
    assert result.exit_code == 0, result.output
    assert [(m["pair"], m["version"]) for m in _listing(runner)] == [("en-uk", "1.1")]


@pytest.fixture
def index_server(tmp_path: Path, packages):  # type: ignore[no-untyped-def]
    """A package index on 127.0.0.1 (ephemeral port) serving the en→uk fixture."""
    serve = tmp_path / "serve"
    serve.mkdir()
    (serve / "translate-en_uk-1_0.argosmodel").write_bytes(packages["en-uk"].read_bytes())
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(serve)))
    base = f"http://127.0.0.1:{server.server_port}/"
    index = [{"package_version": "1.0", "argos_version": "1.0", "from_code": "en", "from_name": "English",
              "to_code": "uk", "to_name": "Ukrainian", "type": "translate",
              "links": [base + "translate-en_uk-1_0.argosmodel"]}]
    (serve / "index.json").write_text(json.dumps(index))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
        pass


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "translit", *args], env=env, capture_output=True, text=True,
                          timeout=120)


def test_install_pair_downloads_from_the_package_index(index_server: str, tmp_path: Path) -> None:
    root = tmp_path / "argos"
    env = {**os.environ, "ARGOS_PACKAGE_INDEX": index_server, "ARGOS_PACKAGES_DIR": str(root / "packages"),
           "XDG_DATA_HOME": str(root / "data"), "XDG_CACHE_HOME": str(root / "cache")}
    result = _cli(env, "models", "install", "en", "uk")
    assert result.returncode == 0, result.stderr
    assert "Installed en-uk" in result.stderr
    assert (root / "packages" / "translate-en_uk-1_0" / "model" / "model.bin").is_file()
    assert json.loads((root / "data" / "argos-translate" / "index.json").read_text())[0]["to_code"] == "uk"
    listed = _cli(env, "translate", "--to", "uk", "--no-glossary", str(_write(tmp_path / "a.txt", b"Hi there.\n")))
    assert listed.returncode == 0 and listed.stdout == "Hi there.\n", listed.stderr

    missing = _cli(env, "models", "install", "en", "ru")
    assert missing.returncode == 2
    assert "has no model for en -> ru" in missing.stderr


def test_install_pair_reports_an_unreachable_index(tmp_path: Path) -> None:
    root = tmp_path / "argos"
    env = {**os.environ, "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/", "ARGOS_PACKAGES_DIR": str(root / "p"),
           "XDG_DATA_HOME": str(root / "data"), "XDG_CACHE_HOME": str(root / "cache")}
    result = _cli(env, "models", "install", "en", "uk")
    assert result.returncode == 2
    assert result.stderr.startswith("Error: cannot download http://127.0.0.1:9/index.json")


def test_fixture_command_builds_an_installable_copy_model(runner, install, tmp_path) -> None:  # type: ignore[no-untyped-def]
    install()
    built = runner.invoke(app, ["models", "fixture", str(tmp_path), "--from", "en", "--to", "ru"])
    assert built.exit_code == 0, built.output
    path = Path(built.stdout.strip())
    assert path.name == "translate-en_ru-1_0.argosmodel"
    assert runner.invoke(app, ["models", "install", str(path)]).exit_code == 0
    result = runner.invoke(app, ["translate", "--to", "ru", "--no-glossary"], input="Copied as is.\n")
    assert result.stdout == "Copied as is.\n"
