"""`translit normalize` on records, folders and big texts, as a user runs it (local engine)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translit.cli import app

runner = CliRunner()


def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input)


def test_jsonl_records_keep_every_field_and_gain_their_matches(tmp_path: Path, gloss: str) -> None:
    src = tmp_path / "posts.jsonl"
    src.write_text(json.dumps({"post": 7, "body": "Kyrolo Budanov in Kiev", "meta": {"lang": "en"}}) + "\n"
                   + json.dumps({"post": 8, "title": "no body here"}) + "\n", encoding="utf-8")
    result = run("normalize", "-g", gloss, str(src), "--text-field", "body", "--id-field", "post")
    assert result.exit_code == 2                    # the record without a body is reported...
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert lines[0]["body"] == "Kyrylo Budanov in Kyiv"
    assert lines[0]["meta"] == {"lang": "en"} and lines[0]["post"] == 7
    assert [m["entry"] for m in lines[0]["matches"]] == ["kyrylo-budanov", "kyiv"]
    assert lines[1] == {"post": 8, "title": "no body here"}      # ...and passed through unchanged
    assert f"{src}:2: no 'body' field" in result.stderr


def test_csv_keeps_its_columns_and_line_endings(tmp_path: Path, gloss: str) -> None:
    src = tmp_path / "t.csv"
    src.write_bytes(b'id,text,n\r\n1,"Kiev, today",5\r\n2,plain words,6\r\n')
    result = run("normalize", "-g", gloss, str(src))
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.count(b"\r\n") == 3
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["text"] for r in rows] == ["Kyiv, today", "plain words"]
    assert [r["n"] for r in rows] == ["5", "6"]
    assert json.loads(rows[0]["matches"])[0]["canonical"] == "Kyiv" and json.loads(rows[1]["matches"]) == []


def test_a_missing_text_column_is_one_clear_error_line(tmp_path: Path, gloss: str) -> None:
    src = tmp_path / "t.csv"
    src.write_text("id,body\n1,Kiev\n", encoding="utf-8")
    result = run("normalize", "-g", gloss, str(src))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{src}: no column 'text' (columns: id, body)"


def test_parquet_round_trip_needs_out_and_keeps_types(tmp_path: Path, gloss: str) -> None:
    pa = pytest.importorskip("pyarrow", reason="the [records] extra is not installed")
    import pyarrow.parquet as pq

    src = tmp_path / "in" / "rows.parquet"
    src.parent.mkdir()
    pq.write_table(pa.table({"text": ["Kiev", None], "n": [1, 2]}), src)
    assert run("normalize", "-g", gloss, str(src)).exit_code == 2       # no binary on stdout
    result = run("normalize", "-g", gloss, str(src), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2                                         # the row without text is reported
    table = pq.read_table(tmp_path / "out" / "rows.parquet")
    assert table.column("n").type == pa.int64()
    assert table.to_pylist()[0]["text"] == "Kyiv" and table.to_pylist()[1]["text"] is None


def test_telegram_export_text_may_be_a_list_of_entities(tmp_path: Path, gloss: str) -> None:
    link = {"type": "text_link", "text": "Kiev", "href": "https://example.org/kiev"}
    export = {"name": "c", "type": "public_channel", "id": 1, "messages": [
        {"id": 5, "type": "message", "text": ["Watch ", link, " live"],
         "text_entities": [{"type": "plain", "text": "Watch "}, link, {"type": "plain", "text": " live"}]},
        {"id": 6, "type": "message", "text": "Kyrylo Budanov", "from": "editor"},
        # a name over two entities: each keeps its part of the house form, and its formatting
        {"id": 7, "type": "message", "text": [{"type": "bold", "text": "Kyrolo "},
                                              {"type": "italic", "text": "Budanov"}, " in Kiev"]}]}
    src = tmp_path / "result.json"
    src.write_text(json.dumps(export), encoding="utf-8")
    result = run("normalize", "-g", gloss, str(src))
    assert result.exit_code == 0, result.output
    msgs = [json.loads(x) for x in result.stdout.splitlines()]
    kyiv = {**link, "text": "Kyiv"}
    assert msgs[0]["text"] == ["Watch ", kyiv, " live"]            # the link and its address are kept
    assert msgs[0]["text_entities"] == [{"type": "plain", "text": "Watch "}, kyiv, {"type": "plain", "text": " live"}]
    assert msgs[1]["text"] == "Kyrylo Budanov" and msgs[1]["from"] == "editor" and msgs[0]["id"] == 5
    assert msgs[2]["text"] == [{"type": "bold", "text": "Kyrylo "}, {"type": "italic", "text": "Budanov"}, " in Kyiv"]
    assert [(m["start"], m["end"]) for m in msgs[2]["matches"]] == [(0, 14), (18, 22)]   # in the joined text


def test_folder_recursive_out_and_resume(tmp_path: Path, gloss: str) -> None:
    src = tmp_path / "archive"
    (src / "2024" / "01").mkdir(parents=True)
    (src / "top.txt").write_text("Kiev.\n", encoding="utf-8")
    (src / "2024" / "01" / "deep.txt").write_text("Kyrolo Budanov.\n", encoding="utf-8")
    (src / ".hidden.txt").write_text("Kiev\n", encoding="utf-8")
    out = tmp_path / "out"
    flat = run("normalize", "-g", gloss, str(src), "--out", str(out), "--format", "json")
    assert [json.loads(x)["input"] for x in flat.stdout.splitlines()] == [str(src / "top.txt")]
    result = run("normalize", "-g", gloss, str(src), "-r", "--out", str(out), "--format", "json")
    assert result.exit_code == 0, result.output
    assert {json.loads(x)["status"] for x in result.stdout.splitlines()} == {"done", "skipped"}
    assert (out / "2024" / "01" / "deep.txt").read_text(encoding="utf-8") == "Kyrylo Budanov.\n"
    assert not (out / ".hidden.txt").exists()
    again = run("normalize", "-g", gloss, str(src), "-r", "--out", str(out), "--format", "json")
    assert [json.loads(x)["status"] for x in again.stdout.splitlines()] == ["skipped", "skipped"]
    (out / "top.txt").write_text("tampered\n", encoding="utf-8")
    third = run("normalize", "-g", gloss, str(src), "-r", "--out", str(out), "--format", "json")
    assert [json.loads(x)["status"] for x in third.stdout.splitlines()] == ["skipped", "done"]   # deep, top
    assert (out / "top.txt").read_text(encoding="utf-8") == "Kyiv.\n"


def test_big_text_streams_in_blocks_and_equals_paragraph_wise_normalize(tmp_path: Path, gloss: str) -> None:
    from translit import streaming
    from translit.normalize import compiled_for, normalize

    paragraph = "Kyrolo Budanov met officials in Kiev on Monday.\nThe talks went on.\n\n"
    text = paragraph * 3000
    compiled = compiled_for([gloss])
    blocks = list(streaming.text_blocks(io.BytesIO(text.encode("utf-8")), "x", block=10_000))
    assert len(blocks) > 10 and "".join(blocks) == text
    assert all(b.endswith("\n\n") for b in blocks)                     # whole paragraphs only
    out = "".join(r.text for _, _, r in streaming.normalize_blocks(iter(blocks), "auto", compiled))
    assert out == normalize(paragraph, "auto", compiled).text * 3000
    src = tmp_path / "big.txt"
    src.write_text(text, encoding="utf-8")
    result = run("normalize", "-g", gloss, str(src))
    assert result.exit_code == 0 and result.stdout == out


def test_a_block_without_blank_lines_is_cut_between_lines_not_inside_a_name() -> None:
    from translit import streaming

    text = "Kyrylo Budanov spoke.\n" * 5000
    blocks = list(streaming.text_blocks(io.BytesIO(text.encode("utf-8")), "x", block=1000))
    assert "".join(blocks) == text and len(blocks) > 5
    assert all(b.endswith("\n") and b.startswith("Kyrylo") for b in blocks)


def test_bad_utf8_in_a_streamed_file_prints_nothing_and_names_the_file(tmp_path: Path, gloss: str) -> None:
    src = tmp_path / "bad.txt"
    src.write_bytes(("Kiev is fine.\n\n" * 40000).encode() + b"\xff\n")
    good = tmp_path / "good.txt"
    good.write_text("Kiev.\n", encoding="utf-8")
    result = run("normalize", "-g", gloss, str(src), str(good))
    assert result.exit_code == 2
    assert result.stdout == "Kyiv.\n"
    assert result.stderr.startswith(f"{src}: not valid UTF-8 (byte 0xff")


def test_documents_in_a_folder_keep_their_markup(tmp_path: Path, gloss: str) -> None:
    src = tmp_path / "site"
    src.mkdir()
    (src / "page.html").write_text('<p class="Kiev">Kyrolo Budanov in <b>Kiev</b></p>\n', encoding="utf-8")
    (src / "notes.md").write_text("# Kiev\n\n`Kiev` stays in code; Kiev does not.\n", encoding="utf-8")
    result = run("normalize", "-g", gloss, str(src), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "page.html").read_text(encoding="utf-8") == \
        '<p class="Kiev">Kyrylo Budanov in <b>Kyiv</b></p>\n'
    assert (tmp_path / "out" / "notes.md").read_text(encoding="utf-8") == \
        "# Kyiv\n\n`Kiev` stays in code; Kyiv does not.\n"
