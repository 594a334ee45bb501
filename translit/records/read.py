"""Streaming readers: one Record at a time from a binary file object.

A record the reader cannot make sense of (a line that is not JSON, a text
field that is not a string) comes out with `error` set and its bytes or
fields kept, so a writer can pass it through unchanged: nothing is lost.
A file that cannot be read at all raises InputError (`PATH: reason`).
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from ..errors import InputError, UsageError
from .telegram import telegram_text

__all__ = ["Record", "SourceInfo", "read_records", "telegram_text"]

PARQUET_BATCH = 1024


@dataclass
class SourceInfo:
    """What a writer needs to write records back in the input's own shape."""

    fmt: str
    name: str
    text_field: str
    header: list[str] = field(default_factory=list)   # CSV columns in order
    newline: str = "\n"                                # CSV line ending of the input
    schema: Any = None                                 # pyarrow schema of a Parquet input


@dataclass
class Record:
    """One record: where it is, its id, its text (None when it has none) and all its fields."""

    index: int                      # 0-based position in its file
    id: str
    text: str | None
    fields: dict[str, Any] | None   # None for an unreadable line (then `raw` holds its bytes)
    raw: bytes | None = None
    error: str | None = None


def _record_id(fields: dict[str, Any], id_field: str | None, number: int) -> str:
    if id_field and fields.get(id_field) is not None:
        return str(fields[id_field])
    return str(number)


def _from_fields(index: int, fields: dict[str, Any], info: SourceInfo, id_field: str | None,
                 where: str) -> Record:
    rid = _record_id(fields, id_field, index + 1)
    value = fields.get(info.text_field)
    if info.fmt == "telegram":
        text = telegram_text(value) if info.text_field in fields else ""
        if text is None:
            return Record(index, rid, None, fields, error=f"{where}: field {info.text_field!r} is neither text "
                                                          "nor a list of text entities")
        return Record(index, rid, text, fields)
    if value is None:
        return Record(index, rid, None, fields, error=f"{where}: no {info.text_field!r} field")
    if not isinstance(value, str):
        return Record(index, rid, None, fields, error=f"{where}: field {info.text_field!r} is not text")
    return Record(index, rid, value, fields)


def _jsonl(fh: IO[bytes], info: SourceInfo, id_field: str | None) -> Iterator[Record]:
    index = 0
    for number, line in enumerate(fh, 1):
        if not line.strip():
            continue
        where = f"{info.name}:{number}"
        try:
            fields = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield Record(index, str(index + 1), None, None, raw=line,
                         error=f"{where}: not valid UTF-8 (byte 0x{line[exc.start]:02x})")
        except ValueError as exc:
            yield Record(index, str(index + 1), None, None, raw=line, error=f"{where}: not JSON ({exc})")
        else:
            if isinstance(fields, dict):
                yield _from_fields(index, fields, info, id_field, where)
            else:
                yield Record(index, str(index + 1), None, None, raw=line, error=f"{where}: not a JSON object")
        index += 1


def _csv(fh: IO[bytes], info: SourceInfo, id_field: str | None) -> Iterator[Record]:
    stream = io.TextIOWrapper(fh, encoding="utf-8", newline="")
    try:
        first = stream.readline()
        info.newline = "\r\n" if first.endswith("\r\n") else "\n"
        reader = csv.DictReader(_chain(first, stream))
        header = reader.fieldnames or []
        info.header = list(header)
        if info.text_field not in header:
            raise InputError(f"{info.name}: no column {info.text_field!r} (columns: {', '.join(header) or 'none'})")
        for index, row in enumerate(reader):
            row.pop(None, None)  # extra cells past the header
            yield _from_fields(index, dict(row), info, id_field, f"{info.name}:{reader.line_num}")
    except UnicodeDecodeError as exc:
        raise InputError(f"{info.name}: not valid UTF-8 ({exc.reason})") from None
    except csv.Error as exc:
        raise InputError(f"{info.name}: not CSV ({exc})") from None
    finally:
        stream.detach()


def _chain(first: str, rest: IO[str]) -> Iterator[str]:
    if first:
        yield first
    yield from rest


def _parquet(fh: IO[bytes], info: SourceInfo, id_field: str | None) -> Iterator[Record]:
    try:
        import pyarrow.parquet as pq  # type: ignore[import-untyped]
    except ImportError:
        raise UsageError("reading Parquet needs pyarrow: pip install 'translit[records]'") from None
    try:
        pf = pq.ParquetFile(fh)
    except Exception as exc:  # pyarrow raises its own error types for a bad file
        raise InputError(f"{info.name}: not Parquet ({exc})") from None
    info.schema = pf.schema_arrow
    if info.text_field not in info.schema.names:
        raise InputError(f"{info.name}: no column {info.text_field!r} (columns: {', '.join(info.schema.names)})")
    index = 0
    for batch in pf.iter_batches(batch_size=PARQUET_BATCH):
        for row in batch.to_pylist():
            yield _from_fields(index, row, info, id_field, f"{info.name}: row {index + 1}")
            index += 1


def _telegram(fh: IO[bytes], info: SourceInfo, id_field: str | None) -> Iterator[Record]:
    try:
        data = json.load(fh)
    except UnicodeDecodeError as exc:
        raise InputError(f"{info.name}: not valid UTF-8 ({exc.reason})") from None
    except ValueError as exc:
        raise InputError(f"{info.name}: not JSON ({exc})") from None
    chats = [data] if isinstance(data, dict) and isinstance(data.get("messages"), list) else (
        data.get("chats", {}).get("list", []) if isinstance(data, dict) and isinstance(data.get("chats"), dict)
        else None)
    if chats is None:
        raise InputError(f"{info.name}: not a Telegram Desktop export (no 'messages' list)")
    index = 0
    for chat in chats:
        for message in chat.get("messages", []) if isinstance(chat, dict) else []:
            if not isinstance(message, dict):
                continue
            rid = _record_id(message, id_field or "id", index + 1)
            yield _from_fields(index, message, info, None, f"{info.name}: message {rid}")
            index += 1


def read_records(fh: IO[bytes], fmt: str, name: str, text_field: str = "text",
                 id_field: str | None = None, info: SourceInfo | None = None) -> Iterator[Record]:
    """Records of a JSON Lines, CSV, Parquet or Telegram-export file, in file order.

    `info` (optional) is filled with what a writer needs (CSV header, Parquet schema).
    """
    info = info or SourceInfo(fmt, name, text_field)
    readers = {"jsonl": _jsonl, "csv": _csv, "parquet": _parquet, "telegram": _telegram}
    if fmt not in readers:
        raise UsageError(f"not a record format: {fmt}")
    if fmt == "telegram" and id_field is None:
        id_field = "id"
    for record in readers[fmt](fh, info, id_field):
        if fmt == "telegram":
            record.id = _record_id(record.fields or {}, id_field, record.index + 1)
        yield record
