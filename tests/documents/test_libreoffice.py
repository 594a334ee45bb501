"""Produced DOCX, ODT, PPTX and ODP files open in LibreOffice (converted headless) with the expected words.

Needs `soffice` with Writer and Impress (Debian: libreoffice-writer-nogui and libreoffice-impress-nogui,
installed by .ci/run). Without it the tests fail under CI=true and are skipped elsewhere.
"""
from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from translit.documents import normalize_document, translate_document

from . import builders as B


def _soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("soffice is missing under CI=true: .ci/run installs libreoffice-writer-nogui")
        pytest.skip("LibreOffice (soffice) is not installed")
    return exe


def _produce(kinds: dict[str, str], enforcer, tmp: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    """Each kind (docx, odt, pptx, odp) normalized (norm-KIND) and translated into its language (tr-KIND)."""
    files = []
    for kind, target in kinds.items():
        built = getattr(B, f"build_{kind}")()
        for name, data in ((f"norm-{kind}.{kind}", normalize_document(built, kind).data),
                           (f"tr-{kind}.{kind}", translate_document(built, kind, target=target, enforcer=enforcer)[0])):
            (tmp / name).write_bytes(data)
            files.append(tmp / name)
    return files


def _forms(house: dict[str, dict[str, str]], lang: str) -> dict[str, str]:
    """Entry id -> its house form in `lang`."""
    return {k: v[lang] for k, v in house.items()}


def _convert(exe: str, files: list[Path], tmp: Path, to: str) -> Path:
    """The files converted by LibreOffice, headless, into folder `to` (as format `to`'s filter says)."""
    out = tmp / to.split(":")[0]
    profile = (tmp / "profile").as_uri()
    subprocess.run([exe, f"-env:UserInstallation={profile}", "--headless", "--convert-to", to,
                    "--outdir", str(out), *map(str, files)], check=True, capture_output=True, timeout=240)
    return out


def _as_text(exe: str, files: list[Path], tmp: Path) -> dict[str, str]:
    out = _convert(exe, files, tmp, "txt:Text")
    return {f.name: (out / f"{f.stem}.txt").read_text(encoding="utf-8-sig") for f in files}


def test_outputs_open_in_libreoffice(copy_models, enforcer, house, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    exe = _soffice()
    text = _as_text(exe, _produce({"docx": "uk", "odt": "ru"}, enforcer, tmp_path), tmp_path)
    uk, ru = _forms(house, "uk"), _forms(house, "ru")
    assert "The talks in Kyiv began when Kyrylo Budanov met Zelenskyy." in text["norm-docx.docx"]
    assert "Mayor of Kharkiv" in text["norm-docx.docx"]
    assert (f"The talks in {uk['kyiv']} began when {uk['kyrylo-budanov']} met "
            f"{uk['volodymyr-zelenskyy'].split()[-1]}.") in text["tr-docx.docx"]
    assert "The spy chief Kyrylo Budanov met Zelenskyy in Kharkiv." in text["norm-odt.odt"]
    assert "Two  spaces & Kyiv." in text["norm-odt.odt"]
    assert f"The spy chief {ru['kyrylo-budanov']} met" in text["tr-odt.odt"]
    assert f"Visit {ru['odesa']}" in text["tr-odt.odt"]


_SPACES = re.compile(r'<text:s(?: text:c="(\d+)")?/>')  # ODF writes runs of spaces as elements


def _spaces(m: re.Match[str]) -> str:
    return " " * int(m.group(1) or 1)


def _slides_text(exe: str, files: list[Path], tmp: Path) -> dict[str, str]:
    """Each presentation as Impress reads it: converted to flat ODP, the text of its paragraphs."""
    out = _convert(exe, files, tmp, "fodp")
    texts = {}
    for f in files:
        xml = (out / f"{f.stem}.fodp").read_text(encoding="utf-8")
        paragraphs = re.findall(r"<text:p\b[^>]*>(.*?)</text:p>", xml, re.S)
        texts[f.name] = "\n".join(html.unescape(re.sub(r"<[^>]+>", "", _SPACES.sub(_spaces, p))) for p in paragraphs)
    return texts


def test_presentations_open_in_libreoffice_impress(copy_models, enforcer, house, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    exe = _soffice()
    text = _slides_text(exe, _produce({"pptx": "uk", "odp": "ru"}, enforcer, tmp_path), tmp_path)
    uk, ru = _forms(house, "uk"), _forms(house, "ru")
    assert "Talks in Kyiv" in text["norm-pptx.pptx"]
    assert "The spy chief Kyrylo Budanov met Zelenskyy in Kharkiv." in text["norm-pptx.pptx"]
    assert "Mayor of Kharkiv" in text["norm-pptx.pptx"]
    assert f"The spy chief {uk['kyrylo-budanov']} met" in text["tr-pptx.pptx"]
    assert "Talks in Kyiv" in text["norm-odp.odp"]
    assert "Officials in Kharkiv met Kyrylo Budanov." in text["norm-odp.odp"]
    assert f"Officials in {ru['kharkiv']} met {ru['kyrylo-budanov']}." in text["tr-odp.odp"]
