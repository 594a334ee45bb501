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
def make_client(serve_packages):  # type: ignore[no-untyped-def]
    """make_client(**config) → a TestClient on a freshly loaded Service (closed at module end)."""
    import shutil
    from pathlib import Path

    import argostranslate.settings as settings

    from translit.translate.packages import install_file

    root = Path(settings.package_data_dir)
    for child in root.iterdir():
        shutil.rmtree(child)
    for package in serve_packages:
        install_file(package)
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
