"""`normalize --format diff` is a patch GNU patch applies, whatever the line breaks."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .test_exit_codes import GLOSSARY, _translit

TEXTS = {
    "cr_only": "Kiev is big.\rKiev again.\rEnd",
    "crlf": "Kiev is big.\r\nOther line\r\n",
    "separators": "Kiev\u2028Kiev\x85Kiev\x0cKiev\n\nmore text\n",
    "no_final_newline": "first\nKiev",
    "vertical_tab": "a\x0bKiev\x1c\x1d\x1eKiev\n",
}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_diff_applies_with_gnu_patch(tmp_path: Path, name: str):
    g = tmp_path / "g.yaml"
    g.write_text(GLOSSARY)
    work = tmp_path / "work"
    work.mkdir()
    (work / "f.txt").write_bytes(TEXTS[name].encode())
    expected = _translit("normalize", "-g", str(g), str(work / "f.txt")).stdout
    assert expected != TEXTS[name].encode()
    diff = subprocess.run([sys.executable, "-m", "translit", "normalize", "-g", str(g), "--format", "diff", "f.txt"],
                          cwd=work, capture_output=True)
    assert diff.returncode == 0, diff.stderr
    applied = subprocess.run(["patch", "-p1", "--batch", "--no-backup-if-mismatch"], input=diff.stdout, cwd=work,
                             capture_output=True)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert (work / "f.txt").read_bytes() == expected
