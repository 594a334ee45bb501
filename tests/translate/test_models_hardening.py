"""Issue 15: `models install` loads a package before it replaces anything; downloads stream and are verified."""
from __future__ import annotations

import json
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


def _tree(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_size for p in sorted(root.rglob("*")) if p.is_file()}


def _rewrite(src: Path, dst: Path, name_end: str, change) -> Path:  # type: ignore[no-untyped-def]
    """A copy of the .argosmodel with one member changed (a genuine zip: checksums match)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.endswith(name_end):
                data = change(data)
            zout.writestr(info, data)
    return dst


@pytest.mark.parametrize("member, change", [
    ("model/model.bin", lambda data: data[: len(data) // 2]),            # truncated weights
    ("sentencepiece.model", lambda data: b"this is not a sentencepiece model" * 10),
])
def test_a_package_that_cannot_load_replaces_nothing(runner, packages, install, tmp_path: Path,
                                                     member: str, change) -> None:  # type: ignore[no-untyped-def]
    install("en-uk")
    before = _tree(_packages_dir())
    bad = _rewrite(packages["en-uk"], tmp_path / "translate-en_uk-2_0.argosmodel", member, change)
    result = runner.invoke(app, ["models", "install", str(bad)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"Error: {bad}: cannot load") and result.stderr.count("\n") == 1, result.stderr
    assert _tree(_packages_dir()) == before
    leftovers = [p.name for p in _packages_dir().parent.iterdir() if p.name.startswith(".translit-")]
    assert leftovers == []
    still = runner.invoke(app, ["translate", "--to", "uk", "--no-glossary"], input="Still works.\n")
    assert still.exit_code == 0 and still.stdout == "Still works.\n"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
        pass


class _Truncating(_Quiet):
    """Says the whole size, sends half of the package, then closes."""

    def do_GET(self) -> None:  # noqa: N802
        path = Path(self.directory) / self.path.lstrip("/")
        data = path.read_bytes()
        if not path.name.endswith(".argosmodel"):
            return super().do_GET()
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data[: len(data) // 2])
        self.wfile.flush()
        self.close_connection = True


def _serve(tmp_path: Path, package: Path, handler: type) -> tuple[ThreadingHTTPServer, str]:
    serve = tmp_path / "serve"
    serve.mkdir(exist_ok=True)
    (serve / package.name).write_bytes(package.read_bytes())
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(serve)))
    base = f"http://127.0.0.1:{server.server_port}/"
    index = [{"package_version": "3.0", "from_code": "en", "to_code": "uk", "type": "translate",
              "links": [base + package.name]}]
    (serve / "index.json").write_text(json.dumps(index))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, base


def test_download_streams_in_chunks_with_progress(packages, install, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import argostranslate.settings as settings

    from translit.translate import packages as pkgs

    install()
    server, base = _serve(tmp_path, packages["en-uk"], _Quiet)
    monkeypatch.setattr(settings, "remote_package_index", base + "index.json")
    monkeypatch.setattr(pkgs, "CHUNK", 4096)
    seen: list[tuple[int, int | None]] = []
    try:
        info = pkgs.install_pair("en", "uk", progress=lambda done, total: seen.append((done, total)))
    finally:
        server.shutdown()
    size = packages["en-uk"].stat().st_size
    assert info.pair == "en-uk"
    assert len(seen) >= size // 4096                           # streamed, chunk by chunk
    assert seen[-1] == (size, size)
    assert all(a[0] <= b[0] for a, b in zip(seen, seen[1:]))
    assert list(Path(settings.downloads_dir).glob("*.argosmodel")) == []     # the temporary file is gone


def test_an_incomplete_download_installs_nothing(packages, install, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import argostranslate.settings as settings

    from translit.errors import InputError
    from translit.translate import packages as pkgs

    install("en-uk")
    before = _tree(_packages_dir())
    server, base = _serve(tmp_path, packages["en-uk"], _Truncating)
    monkeypatch.setattr(settings, "remote_package_index", base + "index.json")
    try:
        with pytest.raises(InputError, match="incomplete download"):
            pkgs.install_pair("en", "uk")
    finally:
        server.shutdown()
    assert _tree(_packages_dir()) == before
    assert list(Path(settings.downloads_dir).glob("*.argosmodel")) == []
