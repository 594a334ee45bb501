"""Copy-model packages for document translation tests, and the house forms tests expect."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translit.translate.fixture import build_copy_package


@pytest.fixture(scope="session")
def copy_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("doc-argosmodels")
    return {f"en-{t}": build_copy_package(root, "en", t) for t in ("uk", "ru")}


@pytest.fixture
def copy_models(copy_packages: dict[str, Path]) -> None:
    """The en→uk and en→ru copy models installed (and nothing else)."""
    import argostranslate.settings as settings

    from translit.translate.packages import install_file

    root = Path(settings.package_data_dir)
    for child in root.iterdir():
        shutil.rmtree(child)
    for path in copy_packages.values():
        install_file(path)


@pytest.fixture(scope="session")
def house() -> dict[str, dict[str, str]]:
    """entry id → {lang: house form} from the default glossaries."""
    from translit.glossary import load_glossary

    glossary = load_glossary(None)
    ids = ("kyiv", "kharkiv", "odesa", "kyrylo-budanov", "volodymyr-zelenskyy")
    return {i: {lang: glossary.get(i).form(lang) for lang in ("en", "uk", "ru")} for i in ids}


@pytest.fixture(scope="session")
def enforcer():  # type: ignore[no-untyped-def]
    from translit.translate.enforce import build_enforcer

    return build_enforcer(None)[0]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
