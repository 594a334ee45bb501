"""Produced DOCX and ODT files open in LibreOffice (converted headless to text) with the expected words.

Needs `soffice` (Debian: libreoffice-writer-nogui, installed by .ci/run). Without it the
test fails under CI=true and is skipped elsewhere.
"""
from __future__ import annotations

import os
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


def _as_text(exe: str, files: list[Path], tmp: Path) -> dict[str, str]:
    out = tmp / "txt"
    profile = (tmp / "profile").as_uri()
    subprocess.run([exe, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "txt:Text",
                    "--outdir", str(out), *map(str, files)], check=True, capture_output=True, timeout=240)
    return {f.name: (out / f"{f.stem}.txt").read_text(encoding="utf-8-sig") for f in files}


def test_outputs_open_in_libreoffice(copy_models, enforcer, house, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    exe = _soffice()
    files = {
        "norm-w.docx": normalize_document(B.build_docx(), "docx").data,
        "tr-w.docx": translate_document(B.build_docx(), "docx", target="uk", enforcer=enforcer)[0],
        "norm-o.odt": normalize_document(B.build_odt(), "odt").data,
        "tr-o.odt": translate_document(B.build_odt(), "odt", target="ru", enforcer=enforcer)[0],
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    text = _as_text(exe, [tmp_path / n for n in files], tmp_path)
    uk = {k: v["uk"] for k, v in house.items()}
    ru = {k: v["ru"] for k, v in house.items()}
    assert "The talks in Kyiv began when Kyrylo Budanov met Zelenskyy." in text["norm-w.docx"]
    assert "Mayor of Kharkiv" in text["norm-w.docx"]
    assert (f"The talks in {uk['kyiv']} began when {uk['kyrylo-budanov']} met "
            f"{uk['volodymyr-zelenskyy'].split()[-1]}.") in text["tr-w.docx"]
    assert "The spy chief Kyrylo Budanov met Zelenskyy in Kharkiv." in text["norm-o.odt"]
    assert "Two  spaces & Kyiv." in text["norm-o.odt"]
    assert f"The spy chief {ru['kyrylo-budanov']} met" in text["tr-o.odt"]
    assert f"Visit {ru['odesa']}" in text["tr-o.odt"]
