"""Writers that put records back in their input's shape, every field kept, the results added.

JSON Lines and Telegram exports come out as JSON Lines (one object per record,
keys in input order, the text field replaced, result fields appended; a Telegram
text written as entities keeps them, with the rewrites made inside, and so does
its `text_entities`, when the writer is given the edits); CSV
keeps its header and line ending and adds the result columns (JSON-encoded
lists); Parquet keeps its schema and adds the result columns as strings.
A record a reader could not understand is written back byte for byte (JSON
Lines) or unchanged.
"""
from __future__ import annotations

import csv
import io
import json
from typing import IO, Any

from ..errors import UsageError
from .read import Record, SourceInfo
from .telegram import rewrite_entities, telegram_text

__all__ = ["RecordWriter", "open_writer"]


def _cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


class RecordWriter:
    """Base: `write(record, text, extra, edits)` for each record in order, then `close()`.

    `edits` ((start, end, new) in the record's text, when the new text is the old one with
    those made) let a Telegram message written as entities keep them."""

    def __init__(self, out: IO[bytes], info: SourceInfo):
        self.out, self.info = out, info

    def fields(self, record: Record, text: str | None, extra: dict[str, Any],
               edits: list[tuple[int, int, str]] | None = None) -> dict[str, Any]:
        fields = dict(record.fields or {})
        if text is not None:
            value = fields.get(self.info.text_field)
            if edits is not None and self.info.fmt == "telegram" and isinstance(value, list):
                fields[self.info.text_field] = rewrite_entities(value, edits)
                shown = fields.get("text_entities")
                if isinstance(shown, list) and telegram_text(shown) == record.text:
                    fields["text_entities"] = rewrite_entities(shown, edits)
            else:
                fields[self.info.text_field] = text
        fields.update(extra)
        return fields

    def write(self, record: Record, text: str | None, extra: dict[str, Any],
              edits: list[tuple[int, int, str]] | None = None) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.out.flush()


class _JsonLines(RecordWriter):
    def write(self, record: Record, text: str | None, extra: dict[str, Any],
              edits: list[tuple[int, int, str]] | None = None) -> None:
        if record.fields is None:
            raw = record.raw or b""
            self.out.write(raw if raw.endswith(b"\n") else raw + b"\n")
            return
        fields = self.fields(record, text, extra, edits)
        self.out.write(json.dumps(fields, ensure_ascii=False).encode("utf-8") + b"\n")


class _Csv(RecordWriter):
    def __init__(self, out: IO[bytes], info: SourceInfo):
        super().__init__(out, info)
        self.buffer = io.StringIO()
        self.writer: csv.DictWriter[str] | None = None

    def write(self, record: Record, text: str | None, extra: dict[str, Any],
              edits: list[tuple[int, int, str]] | None = None) -> None:
        if self.writer is None:
            columns = list(self.info.header) + [k for k in extra if k not in self.info.header]
            self.writer = csv.DictWriter(self.buffer, columns, lineterminator=self.info.newline, extrasaction="ignore")
            self.writer.writeheader()
        row = {k: _cell(v) for k, v in self.fields(record, text, extra).items()}
        self.writer.writerow(row)
        self.out.write(self.buffer.getvalue().encode("utf-8"))
        self.buffer.seek(0)
        self.buffer.truncate()

    def close(self) -> None:
        if self.writer is None and self.info.header:  # no records: the header alone
            csv.writer(self.buffer, lineterminator=self.info.newline).writerow(self.info.header)
            self.out.write(self.buffer.getvalue().encode("utf-8"))
        super().close()


class _Parquet(RecordWriter):
    ROWS = 1024

    def __init__(self, out: IO[bytes], info: SourceInfo):
        super().__init__(out, info)
        self.rows: list[dict[str, Any]] = []
        self.writer: Any = None
        self.schema: Any = None

    def _open(self, extra: dict[str, Any]) -> None:
        import pyarrow as pa  # type: ignore[import-untyped]
        import pyarrow.parquet as pq  # type: ignore[import-untyped]

        schema = self.info.schema
        i = schema.get_field_index(self.info.text_field)
        schema = schema.set(i, pa.field(self.info.text_field, pa.string()))
        for key in extra:
            if key not in schema.names:
                schema = schema.append(pa.field(key, pa.string()))
        self.schema = schema
        self.writer = pq.ParquetWriter(self.out, schema)

    def write(self, record: Record, text: str | None, extra: dict[str, Any],
              edits: list[tuple[int, int, str]] | None = None) -> None:
        if self.writer is None:
            self._open(extra)
        self.rows.append({k: _cell(v) for k, v in self.fields(record, text, extra).items()})
        if len(self.rows) >= self.ROWS:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        if self.writer is None:
            self._open({})
        self._flush()
        self.writer.close()
        super().close()


def open_writer(out: IO[bytes], info: SourceInfo) -> RecordWriter:
    """The writer for records read with `info` (see read_records)."""
    if info.fmt in ("jsonl", "telegram"):
        return _JsonLines(out, info)
    if info.fmt == "csv":
        return _Csv(out, info)
    if info.fmt == "parquet":
        return _Parquet(out, info)
    raise UsageError(f"not a record format: {info.fmt}")
