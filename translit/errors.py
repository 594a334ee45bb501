"""Errors that carry a location until the CLI prints them."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = ["TranslitError", "UsageError", "InputError", "Severity", "GlossaryProblem", "GlossaryError"]


class TranslitError(Exception):
    """Base class for every error translit raises on purpose."""

    exit_code = 2


class UsageError(TranslitError):
    """A bad option or argument: unknown scheme, language, format..."""


class InputError(TranslitError):
    """An input file that cannot be read or decoded."""


class Severity(str, Enum):
    """How bad a glossary problem is; decides `glossary lint`'s exit code."""

    error = "error"  # the file was read and an entry breaks a rule (exit 1)
    fatal = "fatal"  # the file is missing or cannot be read or parsed at all (exit 2)


@dataclass(frozen=True)
class GlossaryProblem:
    """One problem in a glossary file, located at `path:line:column`.

    `line` and `column` are 1-based (0 for an entry not yet in a file: a new entry from
    `glossary add` or `glossary import`); `entry` is the entry id when known.
    """

    path: str
    line: int
    column: int
    message: str
    entry: str | None = None
    field: str | None = None
    severity: Severity = Severity.error

    @property
    def fatal(self) -> bool:
        return self.severity is Severity.fatal

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        who = f"{self.entry}: " if self.entry else ""
        what = f"{self.field}: " if self.field else ""
        return f"{where}: {who}{what}{self.message}"

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "entry": self.entry,
            "field": self.field,
            "message": self.message,
            "severity": self.severity.value,
        }


class GlossaryError(TranslitError):
    """Raised when glossaries cannot be used; holds every problem found."""

    def __init__(self, problems: list[GlossaryProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
