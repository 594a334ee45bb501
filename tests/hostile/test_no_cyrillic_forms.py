"""A glossary without uk/ru forms (or no glossary at all) still works on Cyrillic text."""
from __future__ import annotations

from pathlib import Path

import pytest

from .test_exit_codes import _translit

EN_ONLY = "- id: xanadu\n  kind: place\n  en: Xanadu\n"


@pytest.mark.parametrize("setup", ["english_only", "empty_folder", "env_colon"])
@pytest.mark.parametrize("command", ["normalize", "check", "lookup"])
def test_cyrillic_text_without_cyrillic_forms(tmp_path: Path, setup: str, command: str):
    env = {}
    args: list[str] = []
    if setup == "english_only":
        (tmp_path / "team.yaml").write_text(EN_ONLY)
        args = ["-g", str(tmp_path / "team.yaml")]
    elif setup == "empty_folder":
        (tmp_path / "glossaries").mkdir()
    else:
        env = {"TRANSLIT_GLOSSARY": ":"}
    text = "Привіт, Київ і Xanadu.\n"
    import subprocess
    import sys
    import os

    cmd = {"normalize": ["normalize"], "check": ["normalize", "--check"], "lookup": ["lookup", "Київ"]}[command]
    proc = subprocess.run([sys.executable, "-m", "translit", *cmd, *args], input=text.encode(), cwd=tmp_path,
                          capture_output=True, env={**os.environ, **env}, timeout=120)
    assert b"Traceback" not in proc.stderr and b"internal error" not in proc.stderr, proc.stderr
    if command == "normalize":
        assert proc.returncode == 0 and proc.stdout.decode() == text
    elif command == "check":
        assert proc.returncode == 0 and proc.stdout == b""
    else:
        assert proc.returncode == 1 and proc.stderr.decode() == "'Київ': no glossary entry matches\n"
