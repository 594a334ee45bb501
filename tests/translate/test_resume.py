"""Resume per document: a batch killed with SIGKILL at any point redoes only the documents in flight."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from translit.manifest import JOURNAL, Manifest, OutputRecord

N_DOCS = 200


def _article(i: int) -> str:
    body = " ".join(f"Sentence {j} of article {i} says the city council met on Monday to discuss the budget."
                    for j in range(3))
    return f"# Article {i}\n\n{body}\n"


def _inputs(root: Path) -> list[str]:
    paths = []
    for i in range(N_DOCS):
        p = root / "in" / f"doc{i:03}.txt"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(_article(i))
        paths.append(str(p))
    return paths


def _cmd(inputs: list[str], out: Path) -> list[str]:
    return [sys.executable, "-m", "translit", "batch", "--no-glossary", *inputs, "--to", "uk",
            "--out", str(out), "--format", "json"]


def _complete(out: Path) -> dict[str, int]:
    """Documents whose output is on disk → its inode (a redo renames a new file in)."""
    return {p.name.split(".")[0]: p.stat().st_ino for p in out.glob("doc*.uk.txt")}


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("TRANSLIT_BATCH_GROUP_CHARS", None)     # the default grouping, as a user runs it
    return env


def test_kill_after_some_outputs_then_rerun_skips_them(install, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """200 articles in one model run: the rerun after a kill skips every document already written.

    (bench/bench_resume.py kills a 200-article batch at five random points.)"""
    install("en-uk")
    inputs = _inputs(tmp_path)
    out = tmp_path / "out"
    proc = subprocess.Popen(_cmd(inputs, out), env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and len(_complete(out)) < 3 and proc.poll() is None:
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the kill should land mid-run"
    before = _complete(out)
    assert 3 <= len(before) < N_DOCS
    rerun = subprocess.run(_cmd(inputs, out), env=_env(), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    statuses = {Path(json.loads(x)["input"]).stem: json.loads(x)["status"] for x in rerun.stdout.splitlines()}
    redone = [d for d in before if statuses[d] != "skipped"]
    assert len(redone) <= 1, f"{len(redone)} finished documents were translated again"   # the one being recorded
    for i in range(N_DOCS):
        assert (out / f"doc{i:03}.uk.txt").read_text() == _article(i)
    assert not (out / JOURNAL).exists()       # folded into the manifest at the end
    manifest = json.loads((out / "manifest.json").read_text())
    assert len(manifest["items"]) == N_DOCS


def test_a_torn_journal_line_is_ignored_and_the_rest_replayed(tmp_path: Path) -> None:
    out = tmp_path
    (out / "a.uk.txt").write_text("A\n")
    (out / "b.uk.txt").write_text("B\n")
    state = Manifest.open(out)
    from translit.manifest import file_sha256

    for key in ("a", "b"):
        state.record(OutputRecord(key, f"{key}.txt", "sha-" + key, "none", "uk", f"{key}.uk.txt",
                                  ["m@1"], file_sha256((out / f"{key}.uk.txt").read_bytes())))
    state.close()
    raw = (out / JOURNAL).read_bytes()
    (out / JOURNAL).write_bytes(raw[: len(raw) - 20])      # a kill in the middle of the second line
    again = Manifest.open(out)
    assert again.is_done("a", "sha-a", "none", "uk", ["m@1"], "a.uk.txt")
    assert not again.is_done("b", "sha-b", "none", "uk", ["m@1"], "b.uk.txt")
    assert not (out / JOURNAL).exists()
    assert "a" in json.loads((out / "manifest.json").read_text())["items"]
