"""glossary fmt / add on hostile files: one line each, fast, nothing lost."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from .test_exit_codes import GLOSSARY, _translit

TAB_COMMENTS = [
    "- id: kyiv\n  kind: place\n  en: Kyiv\t# the capital\n",
    "- id: kyiv\n  kind: place\n  en: Kyiv\n  variants:\n    - Kiev\t# old\n",
]


@pytest.mark.parametrize("text", TAB_COMMENTS)
def test_fmt_on_a_tab_before_a_comment_is_one_line(tmp_path: Path, text: str):
    p = tmp_path / "g.yaml"
    p.write_text(text)
    proc = _translit("glossary", "fmt", str(p))
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    first = proc.stderr.decode().splitlines()[0]
    assert first.startswith(f"{p}:") and "YAML syntax error" in first and "'\\t'" in first
    assert p.read_text() == text


def _laughs() -> str:
    lines = ['- id: a\n  kind: other\n  en: A\n  variants: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"- id: a{i}\n  kind: other\n  en: A{i}\n  variants: &a{i} [" +
                     ",".join([f"*a{i - 1}" if i > 1 else "*a"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_add_refuses_a_billion_laughs_target_fast(tmp_path: Path):
    p = tmp_path / "bomb.yaml"
    p.write_text(_laughs())
    start = time.monotonic()
    proc = _translit("glossary", "add", "--kind", "place", "--en", "Poltava", "--uk", "Полтава", "--ru", "Полтава",
                     "--file", str(p), "-g", str(p))
    assert time.monotonic() - start < 30  # was 104 s of CPU
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines()[-1].endswith(
        "YAML aliases (*name) are not allowed in glossaries; write the value out; fix it before adding entries")
    assert p.read_text() == _laughs()


@pytest.mark.parametrize("tail", ["\n\n\n", "\n", "", "\n  \n"])
def test_add_keeps_every_byte_of_the_file_including_trailing_blank_lines(tmp_path: Path, tail: str):
    p = tmp_path / "team.yaml"
    old = GLOSSARY.rstrip("\n") + tail
    p.write_text(old)
    proc = _translit("glossary", "add", "--kind", "place", "--en", "Poltava", "--uk", "Полтава", "--ru", "Полтава",
                     "--file", str(p), "-g", str(p))
    assert proc.returncode == 0, proc.stderr
    new = p.read_text()
    assert new.startswith(old) and "- id: poltava\n" in new[len(old):]
    lint = _translit("glossary", "lint", str(p))
    assert lint.returncode == 0, lint.stdout + lint.stderr
