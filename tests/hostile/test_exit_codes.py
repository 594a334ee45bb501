"""The top-level handler: a crash exits 3 with one line, never 1 (which means findings) or 2."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from translit.cli import main

GLOSSARY = """\
- id: kyiv
  kind: place
  en: Kyiv
  uk: Київ
  ru: Киев
  variants: [Kiev]
"""  # the other hostile tests build their glossaries on this one


@pytest.fixture
def glossary(write_glossary) -> str:  # type: ignore[no-untyped-def]
    return write_glossary("kyiv")  # type: ignore[no-any-return]


def _translit(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None,
              stdout=subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "translit", *args], input=stdin, stdout=stdout,
                          stderr=subprocess.PIPE, env={**os.environ, **(env or {})}, timeout=120)


def test_internal_error_exits_3_with_one_line_and_a_traceback_file(monkeypatch, capsys, glossary):
    import translit.documents.normalize as docs  # the CLI imports normalize_bytes from here on each run

    def broken(*_a, **_k):
        raise RuntimeError("scanner exploded\nsecond line")

    monkeypatch.setattr(docs, "normalize_bytes", broken)
    import signal

    monkeypatch.setattr(signal, "signal", lambda *_a: None)  # main() must not take over pytest's SIGTERM
    monkeypatch.setattr(sys, "stdin", open(os.devnull))
    with pytest.raises(SystemExit) as info:
        # --format json reads the input whole through normalize_bytes (plain text to stdout is streamed)
        main(["normalize", "--format", "json", "-g", str(glossary), "-"])
    assert info.value.code == 3
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "translit: internal error: RuntimeError: scanner exploded"
    assert err[1].startswith("translit: the full traceback is in ")
    report = Path(err[1].removeprefix("translit: the full traceback is in "))
    assert report.is_relative_to(Path(os.environ["TRANSLIT_CACHE_DIR"]))
    text = report.read_text()
    assert "Traceback" in text and "scanner exploded" in text and "def broken" not in err


def test_findings_still_exit_1_and_usage_errors_2(glossary):
    check = _translit("normalize", "--check", "-g", str(glossary), stdin=b"Kiev\n")
    assert check.returncode == 1, check.stderr
    usage = _translit("normalize", "--no-such-option")
    assert usage.returncode == 2
    assert b"Traceback" not in usage.stderr


def test_broken_pipe_exits_non_zero_quietly(glossary, tmp_path):
    text = tmp_path / "big.txt"
    text.write_text("Kiev is big.\n" * 200_000, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "translit", "normalize", "-g", str(glossary), str(text)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(10) == b"Kyiv is bi"
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 2
    assert err == b""


def test_full_disk_on_stdout_is_one_line(glossary):
    with open("/dev/full", "wb") as full:
        proc = _translit("normalize", "-g", str(glossary), stdin=b"Kiev\n", stdout=full)
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines() == ["Error: output: cannot write (No space left on device)"]


def test_stdout_is_utf8_whatever_the_locale(glossary):
    env = {"PYTHONIOENCODING": "cp1251", "LC_ALL": "C", "LANG": "C"}
    proc = _translit("normalize", "-g", str(glossary), stdin="Kiev ✓\n\nпривіт\n".encode(), env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8") == "Kyiv ✓\n\nпривіт\n"


def test_another_output_encoding_only_when_asked(glossary):
    env = {"TRANSLIT_OUTPUT_ENCODING": "cp1251"}
    ok = _translit("normalize", "-g", str(glossary), stdin="Kiev\n\nпривіт\n".encode(), env=env)
    assert ok.returncode == 0 and ok.stdout == "Kyiv\n\nпривіт\n".encode("cp1251")
    bad = _translit("normalize", "-g", str(glossary), stdin="Kiev ✓\n".encode(), env=env)
    assert bad.returncode == 2
    assert bad.stderr.decode().splitlines() == [
        "Error: output: cannot encode '✓' (U+2713) as cp1251; unset TRANSLIT_OUTPUT_ENCODING to write UTF-8"]
