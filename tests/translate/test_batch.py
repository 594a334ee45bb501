"""`translit batch`: outputs per language, manifest, resume after a kill, per-file errors."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from translit.cli import app


def _article(i: int, sentences: int = 6) -> str:
    body = " ".join(f"Sentence {j} of article {i} is about the city budget." for j in range(sentences))
    return f"# Article {i}\n\n{body}\n\n- item {i}\n"


def _batch(runner, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["batch", "--no-glossary", *args])


def test_batch_writes_one_file_per_language_and_a_manifest(runner, install, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    install("en-uk", "en-ru")
    inputs = []
    for i in range(3):
        p = tmp_path / "news" / f"article{i}.txt"
        p.parent.mkdir(exist_ok=True)
        p.write_text(_article(i))
        inputs.append(str(p))
    out = tmp_path / "out"
    result = _batch(runner, *inputs, "--to", "uk,ru", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "3 translated, 0 already done, 0 failed" in result.stdout
    assert result.stderr == ""          # no progress bar when stderr is not a terminal
    for i in range(3):
        for lang in ("uk", "ru"):
            assert (out / f"article{i}.{lang}.txt").read_text() == _article(i)
    manifest = json.loads((out / "manifest.json").read_text())
    entry = manifest["items"]["article0"]
    assert entry["targets"]["uk"]["models"] == ["translate-en_uk@1.0"]
    assert entry["targets"]["ru"]["output"] == "article0.ru.txt"
    assert len(entry["input_sha256"]) == 64

    again = _batch(runner, *inputs, "--to", "uk,ru", "--out", str(out), "--format", "json")
    assert again.exit_code == 0
    assert [json.loads(x)["status"] for x in again.stdout.splitlines()] == ["skipped"] * 3

    Path(inputs[1]).write_text(_article(1) + "A new line.\n")
    (out / "article2.ru.txt").unlink()
    third = _batch(runner, *inputs, "--to", "uk,ru", "--out", str(out), "--format", "json")
    assert [json.loads(x)["status"] for x in third.stdout.splitlines()] == ["skipped", "done", "done"]
    assert (out / "article1.uk.txt").read_text().endswith("A new line.\n")
    assert (out / "article2.ru.txt").read_text() == _article(2)


def test_a_new_model_version_redoes_its_language_only(runner, install, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from translit.translate.fixture import build_copy_package

    install("en-uk", "en-ru")
    src = tmp_path / "a.txt"
    src.write_text("Hello.\n")
    out = tmp_path / "out"
    assert _batch(runner, str(src), "--to", "uk,ru", "--out", str(out), "--jobs", "1").exit_code == 0
    runner.invoke(app, ["models", "install", str(build_copy_package(tmp_path, "en", "uk", version="1.1"))])
    _batch(runner, str(src), "--to", "uk,ru", "--out", str(out))
    manifest = json.loads((out / "manifest.json").read_text())["items"]["a"]["targets"]
    assert manifest["uk"]["models"] == ["translate-en_uk@1.1"]
    assert manifest["ru"]["models"] == ["translate-en_ru@1.0"]


def test_per_file_errors_do_not_stop_the_batch(runner, install, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    install("en-uk")
    good = tmp_path / "good.txt"
    good.write_text("Fine text.\n")
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("caf\xe9 au lait".encode("latin-1"))
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out"
    result = _batch(runner, str(latin), str(good), str(empty), str(missing), "--to", "uk", "--out", str(out))
    assert result.exit_code == 1
    assert (out / "good.uk.txt").read_text() == "Fine text.\n"
    assert sorted(p.name for p in out.iterdir()) == ["good.uk.txt", "manifest.json"]
    assert f"Error: {latin}: not valid UTF-8" in result.stderr
    assert f"Error: {empty}: empty file" in result.stderr
    assert f"Error: {missing}: no such file" in result.stderr
    assert "1 translated, 0 already done, 3 failed" in result.stdout


def test_outputs_stay_inside_out_and_same_names_do_not_collide(runner, install, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    install("en-uk")
    a = tmp_path / "src" / "a" / "article.txt"
    b = tmp_path / "src" / "b" / "article.txt"
    dots = tmp_path / "src" / "..article"
    for p, text in ((a, "From A.\n"), (b, "From B.\n"), (dots, "Dots.\n")):
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    out = tmp_path / "out"
    weird = str(tmp_path / "src" / "a" / ".." / "b" / "article.txt")   # same file as b, spelled differently
    result = _batch(runner, str(a), str(b), weird, str(dots), "--to", "uk", "--out", str(out))
    assert result.exit_code == 0, result.output
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == ["..article.uk.txt", "a/article.uk.txt", "b/article.uk.txt", "manifest.json"]
    assert (out / "a" / "article.uk.txt").read_text() == "From A.\n"
    assert (out / "b" / "article.uk.txt").read_text() == "From B.\n"
    outside = [p for p in tmp_path.rglob("*.uk.txt") if out not in p.parents]
    assert outside == []


def test_killed_batch_leaves_no_partial_files_and_a_rerun_finishes(install, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    install("en-uk")
    inputs = []
    for i in range(60):
        p = tmp_path / "in" / f"doc{i:02}.txt"
        p.parent.mkdir(exist_ok=True)
        p.write_text(_article(i, sentences=40))
        inputs.append(str(p))
    out = tmp_path / "out"
    env = {**os.environ, "TRANSLIT_BATCH_GROUP_CHARS": "2000"}   # write outputs every ~1 document
    cmd = [sys.executable, "-m", "translit", "batch", "--no-glossary", *inputs, "--to", "uk", "--out", str(out),
           "--format", "json"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(out.glob("*.uk.txt")):
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    done_before = {p.name for p in out.glob("*.uk.txt")}
    assert 0 < len(done_before) < 60, "the kill should land mid-run"
    for p in out.glob("*.uk.txt"):           # every visible output is complete
        assert p.read_text() == _article(int(p.name[3:5]), sentences=40)

    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    statuses = [json.loads(x)["status"] for x in rerun.stdout.splitlines()]
    assert statuses.count("done") + statuses.count("skipped") == 60
    assert statuses.count("skipped") >= len(done_before) - 1   # the last file may predate its journal line
    assert sorted(p.name for p in out.iterdir()) == sorted([f"doc{i:02}.uk.txt" for i in range(60)] + ["manifest.json"])
    for i in range(60):
        assert (out / f"doc{i:02}.uk.txt").read_text() == _article(i, sentences=40)


def test_from_auto_detects_each_documents_language(runner, install, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    install("en-uk", "ru-en")
    en = tmp_path / "en.txt"
    en.write_text("The council met on Monday.\n")
    ru = tmp_path / "ru.txt"
    ru.write_text("Совет собрался в понедельник, чтобы обсудить бюджет.\n")
    uk = tmp_path / "uk.txt"
    uk.write_text("Рада зібралася в понеділок, щоб обговорити бюджет.\n")
    digits = tmp_path / "digits.txt"
    digits.write_text("12:30 14.11.2023\n")
    out = tmp_path / "out"
    result = _batch(runner, str(en), str(ru), str(uk), str(digits), "--from", "auto", "--to", "uk",
                    "--out", str(out), "--format", "json")
    assert result.exit_code == 1, result.output
    rows = {Path(json.loads(x)["input"]).name: json.loads(x) for x in result.stdout.splitlines()}
    assert {k: v["source"] for k, v in rows.items()} == {"en.txt": "en", "ru.txt": "ru", "uk.txt": "uk",
                                                         "digits.txt": None}
    assert rows["digits.txt"]["status"] == "failed"
    assert "cannot tell the language" in rows["digits.txt"]["error"]
    manifest = json.loads((out / "manifest.json").read_text())["items"]
    assert manifest["ru"]["targets"]["uk"]["models"] == ["translate-ru_en@1.0", "translate-en_uk@1.0"]
    assert manifest["uk"]["targets"]["uk"]["models"] == ["copy"]      # already Ukrainian: kept as it is
    assert (out / "uk.uk.txt").read_text() == uk.read_text()
    assert (out / "en.uk.txt").read_text() == en.read_text()


def test_a_folder_gives_batch_the_files_it_reads_at_every_level(runner, install, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    install("en-uk")
    src = tmp_path / "in"
    for name, data in (("a.txt", b"Hello.\n"), ("posts.jsonl", b'{"text": "Hi."}\n'), ("sub/b.md", b"# Hi\n"),
                       ("notes.bin", b"\x00\x01"), ("README", b"Not read.\n"), (".hidden.txt", b"Hidden.\n")):
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_bytes(data)
    out = tmp_path / "out"
    result = _batch(runner, str(src), "--to", "uk", "--out", str(out), "--format", "json")
    assert result.exit_code == 0, result.output
    inputs = sorted(Path(json.loads(x)["input"]).name for x in result.stdout.splitlines())
    assert inputs == ["a.txt", "b.md", "posts.jsonl"]


def test_records_with_glossary_names_are_translated_and_reported(runner, install, gloss, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    install("en-uk")
    src = tmp_path / "posts.jsonl"
    src.write_text(json.dumps({"text": "Officials met in Kiev."}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", "-g", gloss, str(src), "--to", "uk", "--out", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    row = json.loads(result.stdout)
    assert row["status"] == "done" and [n["entry"] for n in row["names"]["uk"]] == ["kyiv"]
    assert json.loads((out / "posts.uk.jsonl").read_text(encoding="utf-8"))["text"] == "Officials met in Київ."
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["items"]["posts"]["targets"]["uk"]["names"][0]["entry"] == "kyiv"
    text = tmp_path / "article.txt"                    # a text file goes the other way: the same report
    text.write_text("Officials met in Kiev.\n", encoding="utf-8")
    plain = runner.invoke(app, ["batch", "-g", gloss, str(text), "--to", "uk", "--out", str(tmp_path / "o2"),
                                "--format", "json"])
    assert plain.exit_code == 0, plain.output
    assert set(json.loads(plain.stdout)) == set(row)
    assert json.loads(plain.stdout)["names"] == row["names"]


def test_both_batch_paths_name_outputs_alike(tmp_path: Path) -> None:
    """Text and documents (translate.batch) and records (engines) mirror paths with one rule."""
    from translit.engines.run import plan_documents
    from translit.translate.batch import plan_outputs

    names = ["news/a/article.txt", "news/b/article.md", "news/b/notes", "news/..x.html", "news/c/page.markdown",
             "news/c/data.verylongsuffix"]
    paths = [str(tmp_path / n) for n in names]
    mirrored = [f"{i.stem or i.key}{i.suffix}" for i in plan_outputs(paths)]
    assert mirrored == ["a/article.txt", "b/article.md", "b/notes.txt", "..x.html", "c/page.markdown",
                        "c/data.verylongsuffix.txt"]
    assert [f"{d.key}{d.suffix}" for d in plan_documents(paths)] == mirrored
    assert [i.key for i in plan_outputs(paths)][:2] == ["a/article", "b/article.md"]   # documents keyed with it


def test_an_output_that_would_overwrite_an_input_fails_that_input_only(runner, install, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    install("en-uk")
    for names in (("a.txt", "a.uk.txt"), ("p.jsonl", "p.uk.jsonl")):        # text, and records (engines)
        folder = tmp_path / names[0]
        folder.mkdir()
        for name in names:
            (folder / name).write_text('{"text": "Hello."}\n' if name.endswith("jsonl") else "Hello.\n")
        before = (folder / names[1]).read_bytes()
        result = _batch(runner, *(str(folder / n) for n in names), "--to", "uk", "--out", str(folder))
        assert result.exit_code == 1, result.output
        assert f"Error: {folder / names[0]}: its output {names[1]} would overwrite an input" in result.stderr
        assert (folder / names[1]).read_bytes() == before
