"""Which format an input is in, decided by its name unless the user names it."""
from __future__ import annotations

from pathlib import PurePosixPath

from ..errors import UsageError

__all__ = ["FORMATS", "RECORD_FORMATS", "RECORD_SUFFIXES", "detect_format", "output_suffix"]

RECORD_FORMATS = ("jsonl", "csv", "parquet", "telegram")
FORMATS = ("auto", "text", *RECORD_FORMATS)
_BY_SUFFIX = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet",
              ".json": "telegram"}
RECORD_SUFFIXES = tuple(_BY_SUFFIX)


def detect_format(name: str, explicit: str = "auto") -> str:
    """"text", "jsonl", "csv", "parquet" or "telegram" for an input path or URL.

    `.jsonl`/`.ndjson`, `.csv`, `.parquet`, and `.json` (a Telegram Desktop export,
    `result.json`) are records; everything else is text.
    """
    if explicit not in FORMATS:
        raise UsageError(f"--input-format {explicit}: choose one of {', '.join(FORMATS)}")
    if explicit != "auto":
        return explicit
    return _BY_SUFFIX.get(PurePosixPath(name.split("?", 1)[0]).suffix.lower(), "text")


def output_suffix(fmt: str, suffix: str) -> str:
    """The suffix of an output file: the input's, except a Telegram export comes out as JSON Lines."""
    return ".jsonl" if fmt == "telegram" else suffix
