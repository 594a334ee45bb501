"""The local engine with forked workers (`translit normalize DIR --out OUT --jobs N`): byte-identical
outputs and manifest whatever N, the work done in the workers, and a resumed run skipping what is done.

Runs in fresh interpreters: a thread left running by another test (Ray's, say) would rightly rule out
forking in this one.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .inputs import mixed_inputs, tree

_COUNTED = """
import sys
from translit.engines import NormalizeJob, run_documents
from translit.engines import jobs

calls = []
plain = jobs._NormalizeWorker.__call__
jobs._NormalizeWorker.__call__ = lambda self, units: calls.append(len(units)) or plain(self, units)
job = NormalizeJob([sys.argv[1]], processes=int(sys.argv[4]))
results = run_documents(job, [sys.argv[2]], sys.argv[3], recursive=True)
print(sum(calls), sorted(r.status for r in results))
"""


def _run(*args: str, group_chars: int = 60) -> str:
    # small groups: each record and file is a worker call of its own, so the workers share the work
    env = dict(os.environ, TRANSLIT_BATCH_GROUP_CHARS=str(group_chars))
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode in (0, 2), done.stderr[-2000:]
    return done.stdout


def test_normalize_jobs_writes_the_outputs_and_manifest_one_process_writes(tmp_path: Path, gloss: str) -> None:
    src = mixed_inputs(tmp_path, articles=12)
    runs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        stdout = _run("-m", "translit", "normalize", "-g", gloss, str(src), "-r", "--out", str(out), "--jobs", jobs,
                      "--format", "json")
        runs[jobs] = (tree(out), sorted(json.loads(line)["status"] for line in stdout.splitlines()))
    assert runs["1"] == runs["2"]
    files, statuses = runs["2"]
    assert statuses.count("done") == 16 and statuses.count("failed") == 1        # broken.txt is not UTF-8
    assert b"Kyrylo Budanov visited Kyiv" in files["news/a11.txt"]
    # a second run finds everything done
    again = _run("-m", "translit", "normalize", "-g", gloss, str(src), "-r", "--out", str(tmp_path / "out2"),
                 "--jobs", "2", "--format", "json")
    assert sorted(json.loads(line)["status"] for line in again.splitlines()).count("skipped") == 16


def test_the_workers_do_the_work(tmp_path: Path, gloss: str) -> None:
    src = mixed_inputs(tmp_path, articles=12)
    code = _COUNTED.replace("sys.argv[1]", repr(gloss)).replace("sys.argv[2]", repr(str(src)))
    one = _run("-c", code.replace("sys.argv[3]", repr(str(tmp_path / "a"))).replace("int(sys.argv[4])", "1"))
    two = _run("-c", code.replace("sys.argv[3]", repr(str(tmp_path / "b"))).replace("int(sys.argv[4])", "2"))
    units, statuses = one.split(" ", 1)
    assert int(units) > 20 and two == f"0 {statuses}"      # two processes: no unit normalized in this one
