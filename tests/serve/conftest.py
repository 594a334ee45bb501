"""A real Service (bundled glossaries, copy fixture models en→uk, en→ru, uk→ru, ru→en) behind an HTTP client."""
from __future__ import annotations

import pytest

pytest.importorskip("starlette", reason="the [serve] extra is not installed")

from starlette.testclient import TestClient  # noqa: E402

from translit.serve import ServeConfig, Service, create_app  # noqa: E402

from translit.translate.fixture import build_copy_package  # noqa: E402

PAIRS = [("en", "uk"), ("en", "ru"), ("uk", "ru"), ("ru", "en")]


@pytest.fixture(scope="session")
def serve_packages(tmp_path_factory):  # type: ignore[no-untyped-def]
    """Copy-model .argosmodel files for the four pairs (built once)."""
    root = tmp_path_factory.mktemp("serve-models")
    return [build_copy_package(root, a, b) for a, b in PAIRS]


@pytest.fixture(scope="module")
def make_client(installed):  # type: ignore[no-untyped-def]
    """make_client(**config) → a TestClient on a freshly loaded Service (closed at module end)."""
    clients = []

    def make(**overrides):  # type: ignore[no-untyped-def]
        service = Service.load(ServeConfig(**overrides))
        client = TestClient(create_app(service), raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture(scope="module")
def client(make_client):  # type: ignore[no-untyped-def]
    return make_client()


class LiveServer:
    """`translit serve` running in a subprocess on a free loopback port."""

    def __init__(self, *args: str, env: dict | None = None):
        import os
        import subprocess
        import sys

        self.proc = subprocess.Popen(
            [sys.executable, "-m", "translit", "serve", "--port", "0", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})},
        )
        self.lines: list[str] = []
        self.url = ""

    def wait_ready(self, timeout: float = 120.0) -> "LiveServer":
        import re
        import selectors
        import time

        sel = selectors.DefaultSelector()
        assert self.proc.stderr is not None
        sel.register(self.proc.stderr, selectors.EVENT_READ)
        end = time.monotonic() + timeout
        while time.monotonic() < end and not self.url:
            if not sel.select(timeout=0.5):
                if self.proc.poll() is not None:
                    break
                continue
            line = self.proc.stderr.readline()
            if not line and self.proc.poll() is not None:
                break
            self.lines.append(line)
            found = re.search(r"translit serve: (http://[^ /]+/)", line)
            if found:
                self.url = found.group(1)
        sel.close()
        if not self.url:
            self.stop()
            raise AssertionError("translit serve did not start:\n" + "".join(self.lines))
        return self

    def stop(self, timeout: float = 15.0) -> int:
        import signal

        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout)
        except Exception:
            self.proc.kill()
            self.proc.wait()
            raise
        return self.proc.returncode


@pytest.fixture(scope="module")
def installed(serve_packages):  # type: ignore[no-untyped-def]
    """The four copy models installed (the package dir reset first)."""
    import shutil
    from pathlib import Path

    import argostranslate.settings as settings

    from translit.translate.packages import install_file

    root = Path(settings.package_data_dir)
    for child in root.iterdir():
        shutil.rmtree(child)
    for package in serve_packages:
        install_file(package)


@pytest.fixture(scope="module")
def live_server(installed):  # type: ignore[no-untyped-def]
    server = LiveServer().wait_ready()
    yield server
    assert server.stop() == 0, "".join(server.lines)


@pytest.fixture
def start_server(installed):  # type: ignore[no-untyped-def]
    """start_server(*args) → a LiveServer (not yet waited for); every one is stopped after the test."""
    servers: list[LiveServer] = []

    def start(*args: str, env: dict | None = None) -> LiveServer:
        server = LiveServer(*args, env=env)
        servers.append(server)
        return server

    yield start
    for server in servers:
        if server.proc.poll() is None:
            server.proc.kill()
            server.proc.wait()
