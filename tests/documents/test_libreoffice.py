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


_SPACES = re.compile(r'<text:s(?: text:c="(\d+)")?/>')  # ODF writes runs of spaces as elements


def _spaces(m: re.Match[str]) -> str:
    return " " * int(m.group(1) or 1)


def _slides_text(exe: str, files: list[Path], tmp: Path) -> dict[str, str]:
    """Each presentation as Impress reads it: converted to flat ODP, the text of its paragraphs."""
    out = tmp / "fodp"
    profile = (tmp / "profile").as_uri()
    subprocess.run([exe, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "fodp",
                    "--outdir", str(out), *map(str, files)], check=True, capture_output=True, timeout=240)
    texts = {}
    for f in files:
        xml = (out / f"{f.stem}.fodp").read_text(encoding="utf-8")
        paragraphs = re.findall(r"<text:p\b[^>]*>(.*?)</text:p>", xml, re.S)
        texts[f.name] = "\n".join(html.unescape(re.sub(r"<[^>]+>", "", _SPACES.sub(_spaces, p))) for p in paragraphs)
    return texts


def test_presentations_open_in_libreoffice_impress(copy_models, enforcer, house, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    exe = _soffice()
    files = {
        "norm-p.pptx": normalize_document(B.build_pptx(), "pptx").data,
        "tr-p.pptx": translate_document(B.build_pptx(), "pptx", target="uk", enforcer=enforcer)[0],
        "norm-d.odp": normalize_document(B.build_odp(), "odp").data,
        "tr-d.odp": translate_document(B.build_odp(), "odp", target="ru", enforcer=enforcer)[0],
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    text = _slides_text(exe, [tmp_path / n for n in files], tmp_path)
    uk = {k: v["uk"] for k, v in house.items()}
    ru = {k: v["ru"] for k, v in house.items()}
    assert "Talks in Kyiv" in text["norm-p.pptx"]
    assert "The spy chief Kyrylo Budanov met Zelenskyy in Kharkiv." in text["norm-p.pptx"]
    assert "Mayor of Kharkiv" in text["norm-p.pptx"]
    assert f"The spy chief {uk['kyrylo-budanov']} met" in text["tr-p.pptx"]
    assert "Talks in Kyiv" in text["norm-d.odp"]
    assert "Officials in Kharkiv met Kyrylo Budanov." in text["norm-d.odp"]
    assert f"Officials in {ru['kharkiv']} met {ru['kyrylo-budanov']}." in text["tr-d.odp"]
