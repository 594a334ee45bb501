"""Test-session setup shared by every test module.

argostranslate reads its settings once, at import, and creates directories
under $HOME; point all of them at a temporary tree before anything imports it,
so tests never touch the user's models and never reach the network.
"""
from __future__ import annotations

import os
import tempfile

_ROOT = tempfile.mkdtemp(prefix="translit-tests-")
os.environ.update({
    "XDG_DATA_HOME": f"{_ROOT}/data",
    "XDG_CACHE_HOME": f"{_ROOT}/cache",
    "XDG_CONFIG_HOME": f"{_ROOT}/config",
    "ARGOS_PACKAGES_DIR": f"{_ROOT}/packages",
    "ARGOS_DEVICE_TYPE": "cpu",
    "ARGOS_INTRA_THREADS": "1",
    "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/",  # never the real index; tests that need one serve it
    "TRANSLIT_CACHE_DIR": f"{_ROOT}/translit-cache",
})
os.environ.pop("TRANSLIT_GLOSSARY", None)

# Property tests explore new random inputs on every developer run; CI replays a fixed
# pseudo-random sequence, so a red CI always reproduces (and a green one means something).
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    _hypothesis_settings.load_profile("ci")


# Texts outside the repository: `../shared/corpus` next to the checkout holds third-party news
# articles that must not be copied in. Tests that use them also run on project-written texts in
# examples/; the third-party copy is optional on a developer's machine, required in CI.
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED_CORPUS = REPO.parent / "shared" / "corpus"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def shared_text(name: str) -> Path:
    """The path of `../shared/corpus/<name>`: a skip when it is missing locally, a failure under CI=true."""
    path = SHARED_CORPUS / name
    if not path.is_file():
        message = f"{path} is missing (the shared corpus must sit next to the checkout)"
        if in_ci():
            pytest.fail(message + "; CI=true, so this is a failure, not a skip")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def shared_corpus():  # type: ignore[no-untyped-def]
    """`shared_corpus(name)`: see `shared_text`."""
    return shared_text


# The small test glossary several CLI and engine tests run with: entries by id, each file picks its own.
GLOSSARY_ENTRIES = {
    "kyrylo-budanov": "- id: kyrylo-budanov\n  kind: person\n  en: Kyrylo Budanov\n  uk: Кирило Буданов\n"
                      "  ru: Кирилл Буданов\n  gender: m\n",
    "kyiv": "- id: kyiv\n  kind: place\n  en: Kyiv\n  uk: Київ\n  ru: Киев\n  variants: [Kiev]\n",
    "agentstvo": "- id: agentstvo\n  kind: media\n  en: Agentstvo\n  uk: Агентство\n  ru: Агентство\n",
}


@pytest.fixture
def write_glossary(tmp_path: Path):  # type: ignore[no-untyped-def]
    """`write_glossary("kyiv", ..., keep={"kyiv": ["Chicken Kiev"]})`: the path of `tmp_path/g.yaml`
    holding those GLOSSARY_ENTRIES (with `keep` phrases added to the entries named)."""

    def write(*ids: str, keep: dict[str, list[str]] | None = None) -> str:
        text = "".join(GLOSSARY_ENTRIES[i] + (f"  keep: [{', '.join(keep[i])}]\n" if keep and i in keep else "")
                       for i in ids)
        path = tmp_path / "g.yaml"
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


@pytest.fixture
def gloss(write_glossary) -> str:  # type: ignore[no-untyped-def]
    """A glossary of Kyrylo Budanov and Kyiv (variant Kiev); a test module may override it."""
    return write_glossary("kyrylo-budanov", "kyiv")  # type: ignore[no-any-return]
