"""Records as input and output: JSON Lines, CSV, Parquet and Telegram Desktop exports.

A record is one row of a data file with a text field (`--text-field`, default
`text`) and optionally an id field. Readers stream (one record at a time, a
Parquet row group at a time); writers keep every other field and add the
results. Plain text files are handled by `translit.streaming` instead.

    >>> from translit.records import detect_format
    >>> detect_format("posts.jsonl")
    'jsonl'
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names
from .formats import FORMATS, RECORD_FORMATS, detect_format, output_suffix

if TYPE_CHECKING:
    from .read import Record, read_records
    from .write import RecordWriter, open_writer

__all__ = ["FORMATS", "RECORD_FORMATS", "Record", "RecordWriter", "detect_format", "open_writer",
           "output_suffix", "read_records"]

# readers and writers load on first use: telling a record file from a text file needs only .formats
__getattr__ = lazy_names(__name__, {"Record": "read", "read_records": "read", "RecordWriter": "write",
                                    "open_writer": "write"})

