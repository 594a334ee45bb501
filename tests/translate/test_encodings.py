"""Issue 15: legacy encodings (cp1251, koi8-r) for translate and batch, as normalize has them.

Copy fixture models give back what they are sent, so a translated file must come
back byte for byte in its own encoding, or in the one --output-encoding names.
"""
from __future__ import annotations

import json
from pathlib import Path

from translit.cli import app

UK = "Київ і Львів отримали допомогу. Ґанок їдальні відремонтували.\n"
RU = "Москва и Тверь получили ответ. Съезд прошёл в четверг.\n"


def test_translate_reads_cp1251_and_writes_cp1251(runner, install, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    install("uk-ru")
    src = tmp_path / "стаття.txt"
    src.write_bytes(UK.encode("cp1251"))
    out = tmp_path / "out"
    result = runner.invoke(app, ["translate", "--no-glossary", "--from", "uk", "--to", "ru", "--encoding", "cp1251",
                                 str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "стаття.ru.txt").read_bytes() == UK.encode("cp1251")


def test_translate_auto_detects_and_stdout_is_text(runner, install, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    install("uk-ru")
    src = tmp_path / "a.txt"
    src.write_bytes((UK * 3).encode("cp1251"))
    result = runner.invoke(app, ["translate", "--no-glossary", "--from", "uk", "--to", "ru", "-e", "auto", str(src)])
    assert result.exit_code == 0, result.output
    assert result.stdout == UK * 3
    out = tmp_path / "out"
    result = runner.invoke(app, ["translate", "--no-glossary", "--from", "uk", "--to", "ru", "-e", "auto", str(src),
                                 "--out", str(out), "--output-encoding", "utf-8"])
    assert result.exit_code == 0, result.output
    assert (out / "a.ru.txt").read_text(encoding="utf-8") == UK * 3


def test_translate_without_encoding_still_refuses_cp1251_with_a_hint(runner, install, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    install("uk-ru")
    src = tmp_path / "a.txt"
    src.write_bytes(UK.encode("cp1251"))
    result = runner.invoke(app, ["translate", "--no-glossary", "--from", "uk", "--to", "ru", str(src)])
    assert result.exit_code == 2
    assert "not valid UTF-8" in result.stderr and "--encoding" in result.stderr


def test_translate_output_encoding_that_cannot_hold_a_letter_is_one_line(runner, install, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    install("uk-ru")
    src = tmp_path / "a.txt"
    src.write_bytes(UK.encode("cp1251"))
    out = tmp_path / "out"
    result = runner.invoke(app, ["translate", "--no-glossary", "--from", "uk", "--to", "ru", "-e", "cp1251", str(src),
                                 "--out", str(out), "--output-encoding", "koi8-r"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{src}: koi8-r cannot hold ") and "Traceback" not in result.output
    assert not (out / "a.ru.txt").exists()


def test_translate_unknown_encoding_is_a_usage_error(runner, install, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    install("uk-ru")
    result = runner.invoke(app, ["translate", "--no-glossary", "--from", "uk", "--to", "ru", "-e", "klingon"],
                           input="Київ.\n")
    assert result.exit_code == 2 and "unknown encoding 'klingon'" in result.stderr


def test_batch_with_a_koi8r_file_writes_koi8r(runner, install, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    install("ru-en")
    news = tmp_path / "news"
    news.mkdir()
    (news / "ru.txt").write_bytes(RU.encode("koi8_r"))
    (news / "utf.txt").write_text("Киев и Харьков.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", "--from", "ru", "--to", "en", "--no-glossary", "--encoding", "auto",
                                 str(news / "ru.txt"), str(news / "utf.txt"), "--out", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert (out / "ru.en.txt").read_bytes() == RU.encode("koi8_r")
    assert (out / "utf.en.txt").read_text(encoding="utf-8") == "Киев и Харьков.\n"
    rows = {json.loads(line)["input"]: json.loads(line) for line in result.stdout.splitlines()}
    assert all(r["status"] == "done" for r in rows.values())
    again = runner.invoke(app, ["batch", "--from", "ru", "--to", "en", "--no-glossary", "--encoding", "auto",
                                str(news / "ru.txt"), str(news / "utf.txt"), "--out", str(out), "--format", "json"])
    assert [json.loads(line)["status"] for line in again.stdout.splitlines()] == ["skipped", "skipped"]


def test_batch_unencodable_output_fails_that_file_only(runner, install, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    install("uk-ru")
    (tmp_path / "a.txt").write_bytes(UK.encode("cp1251"))
    (tmp_path / "b.txt").write_bytes("Тарас Шевченко.\n".encode("cp1251"))
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", "--from", "uk", "--to", "ru", "--no-glossary", "-e", "cp1251",
                                 "--output-encoding", "koi8-r", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"),
                                 "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert "a.txt: koi8-r cannot hold " in result.stderr and "Traceback" not in result.output
    assert not (out / "a.ru.txt").exists()
    assert (out / "b.ru.txt").read_bytes() == "Тарас Шевченко.\n".encode("koi8_r")


def test_batch_rerun_with_another_output_encoding_redoes_the_file(runner, install, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    install("uk-ru")
    (tmp_path / "a.txt").write_bytes(UK.encode("cp1251"))
    out = tmp_path / "out"
    args = ["batch", "--from", "uk", "--to", "ru", "--no-glossary", "-e", "cp1251", str(tmp_path / "a.txt"),
            "--out", str(out), "--format", "json"]
    assert runner.invoke(app, args).exit_code == 0
    assert (out / "a.ru.txt").read_bytes() == UK.encode("cp1251")
    again = runner.invoke(app, [*args, "--output-encoding", "utf-8"])         # another encoding: not done yet
    assert [json.loads(line)["status"] for line in again.stdout.splitlines()] == ["done"], again.output
    assert (out / "a.ru.txt").read_bytes() == UK.encode("utf-8")
    third = runner.invoke(app, [*args, "--output-encoding", "utf-8"])
    assert [json.loads(line)["status"] for line in third.stdout.splitlines()] == ["skipped"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["items"]["a"]["targets"]["ru"]["encoding"] == "utf-8"
