"""The Ray engine against the local engine on a real local Ray (2 CPUs, no dashboard, small object store).

Same mixed inputs (text files, JSON Lines, CSV, Parquet, a Telegram export) through both engines must
give byte-identical outputs and manifests; a killed actor must not stop the run; an interrupted run
resumes without redoing finished documents.
"""
from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest

if not os.environ.get("CI"):  # CI installs the [ray] extra: there a missing Ray fails instead of skipping
    pytest.importorskip("ray", reason="the [ray] extra is not installed")

import pyarrow.parquet as pq  # noqa: E402

from translit.engines import NormalizeJob, TranslateJob, run_documents  # noqa: E402

from .inputs import mixed_inputs, tree  # noqa: E402

@pytest.fixture(scope="module", autouse=True)
def local_ray():  # type: ignore[no-untyped-def]
    import ray

    ray.init(num_cpus=2, include_dashboard=False, object_store_memory=100 * 1024 * 1024, log_to_driver=False,
             logging_level="ERROR")
    yield
    ray.shutdown()


def test_ray_and_local_normalize_give_byte_identical_outputs(tmp_path: Path, gloss: str) -> None:
    src = mixed_inputs(tmp_path)
    job = NormalizeJob([gloss])
    local = run_documents(job, [str(src)], tmp_path / "local", recursive=True)
    remote = run_documents(job, [str(src)], tmp_path / "ray", recursive=True, engine="ray")
    assert [(r.input, r.status, r.error, r.problems) for r in remote] == \
           [(r.input, r.status, r.error, r.problems) for r in local]
    assert tree(tmp_path / "ray") == tree(tmp_path / "local")
    status = {Path(r.input).name: r for r in remote}
    assert status["broken.txt"].status == "failed" and "not valid UTF-8" in (status["broken.txt"].error or "")
    assert status["posts.jsonl"].problems == [f"{src / 'posts.jsonl'}:2: not JSON (Expecting value: line 1 "
                                              "column 1 (char 0))"]
    out = tmp_path / "ray"
    assert (out / "news" / "a0.txt").read_text(encoding="utf-8").startswith("# Report 0\n\nKyrylo Budanov visited Kyiv")
    posts = (out / "posts.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(posts[0])["text"] == "Kyiv at night" and json.loads(posts[0])["tags"] == ["a", "b"]
    assert posts[1] == "this line is not JSON"          # passed through, nothing lost
    assert json.loads(posts[2])["text"] == "Кирилл Буданов в Киеве"
    assert [m["entry"] for m in json.loads(posts[2])["matches"]] == ["kyrylo-budanov", "kyiv"]
    rows = pq.read_table(out / "rows.parquet").to_pylist()
    assert rows[1]["text"] == "Budanov spoke in Kyiv" and rows[1]["w"] is None
    telegram = [json.loads(x) for x in (out / "tg" / "result.jsonl").read_text(encoding="utf-8").splitlines()]
    assert telegram[1]["text"] == ["Interview: ", {"type": "bold", "text": "Kyrylo Budanov"}, " speaks"]
    assert telegram[1]["date"] == "2024-02-01T10:05:00"
    assert telegram[2]["action"] == "pin_message"


def _kill_one_actor() -> int:
    """SIGKILL one live Ray Data map actor of this machine; its pid."""
    for pid in sorted(int(p) for p in os.listdir("/proc") if p.isdigit()):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"ray::" in cmdline and b"_Actor" in cmdline:
            os.kill(pid, signal.SIGKILL)
            return pid
    return 0


class _Hook:
    """A progress sink that acts after some documents: kills an actor or interrupts the run."""

    def __init__(self, after: int, action):  # type: ignore[no-untyped-def]
        self.after, self.action, self.done, self.fired = after, action, 0, None

    def start(self, total_bytes: int) -> None:
        pass

    def advance(self, nbytes: int) -> None:
        pass

    def document_done(self, result) -> None:  # type: ignore[no-untyped-def]
        self.done += 1
        if self.done == self.after and self.fired is None:
            self.fired = self.action()


def _articles(root: Path, count: int) -> Path:
    src = root / "many"
    src.mkdir()
    for i in range(count):
        (src / f"d{i:03}.txt").write_text(f"Item {i}: Kyrolo Budanov in Kiev.\n\n" + "Filler text. " * 100,
                                          encoding="utf-8")
    return src


def test_a_killed_actor_is_replaced_and_the_run_completes(tmp_path: Path, gloss: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from translit.engines import ray_engine

    monkeypatch.setattr(ray_engine, "BATCH_UNITS", 1)
    src = _articles(tmp_path, 24)
    job = NormalizeJob([gloss])
    hook = _Hook(3, _kill_one_actor)
    results = run_documents(job, [str(src)], tmp_path / "ray", engine="ray", progress=hook)
    assert hook.fired, "no actor process was found to kill"
    assert [r.status for r in results] == ["done"] * 24
    run_documents(job, [str(src)], tmp_path / "local")
    assert tree(tmp_path / "ray") == tree(tmp_path / "local")


def test_an_interrupted_run_resumes_without_redoing_finished_documents(tmp_path: Path, gloss: str,
                                                                       monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from translit.engines import ray_engine

    monkeypatch.setattr(ray_engine, "BATCH_UNITS", 2)
    src = _articles(tmp_path, 30)
    job = NormalizeJob([gloss])

    def interrupt() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_documents(job, [str(src)], tmp_path / "ray", engine="ray", progress=_Hook(10, interrupt))
    from translit.manifest import Manifest

    finished = dict(Manifest.open(tmp_path / "ray").items)     # the journal of the killed run, folded in
    assert 10 <= len(finished) < 30
    assert not list((tmp_path / "ray").glob(".*.tmp"))          # no partial file left behind
    before = {k: (tmp_path / "ray" / f"{k}.txt").stat().st_mtime_ns for k in finished}
    results = run_documents(job, [str(src)], tmp_path / "ray", engine="ray")
    statuses = {Path(r.input).stem: r.status for r in results}
    assert {k for k, s in statuses.items() if s == "skipped"} == set(finished)
    assert all(s == "done" for k, s in statuses.items() if k not in finished)
    assert all((tmp_path / "ray" / f"{k}.txt").stat().st_mtime_ns == t for k, t in before.items())
    run_documents(job, [str(src)], tmp_path / "local")
    assert tree(tmp_path / "ray") == tree(tmp_path / "local")


def test_ray_batch_translation_matches_the_local_engine(tmp_path: Path) -> None:
    from translit.translate.fixture import build_copy_package
    from translit.translate.packages import install_file
    from translit.translate.pipeline import plan_routes

    install_file(build_copy_package(tmp_path / "models", "en", "uk"))
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        (src / f"a{i}.txt").write_text(f"# Title {i}\n\nThe council met on Monday. Budget talks went on.\n\n- item\n",
                                       encoding="utf-8")
    (src / "empty.txt").write_text("  \n", encoding="utf-8")
    (src / "posts.jsonl").write_text(json.dumps({"id": 1, "text": "Grain prices rose."}) + "\n"
                                     + json.dumps({"id": 2, "text": ""}) + "\n", encoding="utf-8")
    job = TranslateJob("en", ["uk"], None, True, plan_routes("en", ["uk"]))
    local = run_documents(job, [str(src)], tmp_path / "local")
    remote = run_documents(job, [str(src)], tmp_path / "ray", engine="ray")
    assert [(r.status, r.error) for r in remote] == [(r.status, r.error) for r in local]
    assert tree(tmp_path / "ray") == tree(tmp_path / "local")
    assert (tmp_path / "ray" / "a1.uk.txt").read_text(encoding="utf-8") == (src / "a1.txt").read_text(encoding="utf-8")
    assert [json.loads(x)["text"] for x in (tmp_path / "ray" / "posts.uk.jsonl").read_text().splitlines()] == \
           ["Grain prices rose.", ""]
    assert {Path(r.input).name: r.status for r in remote}["empty.txt"] == "failed"
