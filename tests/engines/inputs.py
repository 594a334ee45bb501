"""Inputs of every kind the engines read, built in code, and a folder's files for comparing runs."""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq


def mixed_inputs(root: Path, articles: int = 4) -> Path:
    """A folder of every input kind, with a bad record and an unreadable file among them."""
    src = root / "in"
    (src / "news").mkdir(parents=True)
    for i in range(articles):
        (src / "news" / f"a{i}.txt").write_text(
            f"# Report {i}\n\nKyrolo Budanov visited Kiev on day {i}.\n\nЛист із Києва, {i}.\n", encoding="utf-8")
    (src / "news" / "broken.txt").write_bytes(b"caf\xe9 in Kiev\n")
    (src / "posts.jsonl").write_text(
        json.dumps({"id": "p1", "text": "Kiev at night", "tags": ["a", "b"]}) + "\n"
        + "this line is not JSON\n"
        + json.dumps({"id": "p2", "text": "Кирилл Буданов в Киеве", "n": 3}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    (src / "table.csv").write_text('id,text,score\n1,"Kiev, again",0.5\n2,Kyrylo Budanov,1\n', encoding="utf-8")
    pq.write_table(pa.table({"id": [1, 2], "text": ["Kiev", "Budanov spoke in Kiev"], "w": [1.5, None]}),
                   src / "rows.parquet")
    export = {"name": "channel", "type": "public_channel", "id": 7, "messages": [
        {"id": 1, "type": "message", "date": "2024-02-01T10:00:00", "text": "Morning in Kiev"},
        {"id": 2, "type": "message", "date": "2024-02-01T10:05:00",
         "text": ["Interview: ", {"type": "bold", "text": "Kyrolo Budanov"}, " speaks"],
         "text_entities": [{"type": "plain", "text": "Interview: "}, {"type": "bold", "text": "Kyrolo Budanov"}]},
        {"id": 3, "type": "service", "action": "pin_message", "text": ""},
    ]}
    (src / "tg").mkdir()
    (src / "tg" / "result.json").write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    return src


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
