"""One progress bar in bytes on stderr (size, speed, time left); silent when stderr is not a terminal."""
from __future__ import annotations

from typing import Any


class BytesProgress:
    """Implements translit.engines.run.Progress, and `on_bytes` for streamed files."""

    def __init__(self, description: str = "normalize", total: int | None = None):
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        self.console = Console(stderr=True)
        self.progress = Progress(
            TextColumn("{task.description:<10}"), BarColumn(), DownloadColumn(), TransferSpeedColumn(),
            TextColumn("{task.fields[docs]}"), TimeRemainingColumn(),
            console=self.console, disable=not self.console.is_terminal, transient=False,
        )
        self.task = self.progress.add_task(description, total=total, docs="")
        self.docs = 0

    def __enter__(self) -> BytesProgress:
        self.progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(*exc)  # type: ignore[arg-type]

    def start(self, total_bytes: int) -> None:
        self.progress.update(self.task, total=total_bytes)

    def add_total(self, nbytes: int) -> None:
        task = self.progress.tasks[self.task]
        self.progress.update(self.task, total=(task.total or 0) + nbytes)

    def advance(self, nbytes: int) -> None:
        self.progress.advance(self.task, nbytes)

    def document_done(self, result: Any) -> None:
        self.docs += 1
        self.progress.update(self.task, docs=f"{self.docs} docs")
