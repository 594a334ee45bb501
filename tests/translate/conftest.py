"""Fixture models for the translation tests: built once per session, installed per test.

The packages are genuine .argosmodel files (see translit.translate.fixture):
copy models for en→uk, en→ru, uk→ru, ru→en and a random-weight en→de model.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translit.translate.fixture import build_copy_package, build_random_package

PAIRS = [("en", "uk"), ("en", "ru"), ("uk", "ru"), ("ru", "en")]


@pytest.fixture(scope="session")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Pair ("en-uk", ...) → path of a built .argosmodel (built once)."""
    root = tmp_path_factory.mktemp("argosmodels")
    out = {f"{a}-{b}": build_copy_package(root, a, b) for a, b in PAIRS}
    out["en-de"] = build_random_package(root, "en", "de")
    return out


def _packages_dir() -> Path:
    import argostranslate.settings as settings

    return Path(settings.package_data_dir)


@pytest.fixture
def install(packages: dict[str, Path]):  # type: ignore[no-untyped-def]
    """install("en-uk", "en-ru"): exactly these models installed (the package dir is reset)."""
    from translit.translate.packages import install_file

    def _install(*pairs: str) -> None:
        root = _packages_dir()
        for child in root.iterdir():
            shutil.rmtree(child)
        for pair in pairs:
            install_file(packages[pair])

    return _install


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
