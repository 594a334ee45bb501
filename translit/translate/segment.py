"""Documents as lines: what stays (markers, blank lines, dates, URLs) and what is translated.

A line keeps its indentation, heading/list marker and line ending in place;
only the text after the marker is sent to the model. Lines that are blank,
only a date, only a URL or hold no letters at all are kept as they are.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..caches import cached

__all__ = ["Segment", "split_document", "join_document", "is_date_line", "is_url_line"]

_MARKER = re.compile(r"^(\s*(?:#{1,6}|>|[-*+•–]|\(?\d{1,3}[.)])?\s*)(.*?)(\s*)$", re.S)
_MARKER_NEEDS_SPACE = re.compile(r"^\s*(?:#{1,6}|>|[-*+•–]|\(?\d{1,3}[.)])\s")
_URL = re.compile(r"^<?(?:https?://|ftp://|www\.)\S+>?$", re.I)
_WORDS = re.compile(r"[^\W\d_]+|\d+", re.U)
_FILLER = {"of", "the", "at", "on", "utc", "gmt", "am", "pm", "eet", "eest", "cet", "cest", "msk",
           "року", "рік", "р", "года", "год", "г", "о", "в", "st", "nd", "rd", "th"}


@dataclass
class Segment:
    """One line: `prefix + body + suffix`; only `body` is translated, and only if `translate`."""

    prefix: str
    body: str
    suffix: str
    translate: bool

    def render(self, body: str | None = None) -> str:
        return self.prefix + (self.body if body is None else body) + self.suffix


@cached()
def _date_words() -> tuple[tuple[str, ...], frozenset[str]]:
    import yaml  # the YAML parser only when dates are first split

    data = yaml.safe_load((Path(__file__).with_name("data") / "months.yaml").read_text(encoding="utf-8"))
    stems: list[str] = []
    exact: set[str] = set(data["en"]) | set(data["weekdays"]["en"])
    for lang in ("uk", "ru"):
        stems += data[lang] + data["weekdays"][lang]
    return tuple(stems), frozenset(exact)


def _is_date_word(word: str) -> bool:
    stems, exact = _date_words()
    if word in exact or word in _FILLER:
        return True
    # Cyrillic month/weekday stems plus a short ending: "листопада", "мая", "вівторок" (not "мальчиков")
    return not word.isascii() and any(word.startswith(s) and len(word) - len(s) <= 3 for s in stems)


def is_date_line(text: str) -> bool:
    """True for a line that is only a date (2023-11-14, 14 November 2023, Tuesday, 14.11.2023 10:30)."""
    words = _WORDS.findall(text.lower())
    if not words or not any(w.isdigit() for w in words):
        return False
    if not any(w.isdigit() and len(w) == 4 for w in words) and not any(not w.isdigit() for w in words):
        # bare numbers need a year to count as a date ("2023-11-14", "14.11.2023")
        return bool(re.fullmatch(r"\s*\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\s*", text))
    return all(w.isdigit() or _is_date_word(w) for w in words)


def is_url_line(text: str) -> bool:
    """True for a line that is only a URL."""
    return bool(_URL.match(text.strip()))


def _split_line(line: str) -> Segment:
    body_and_end = line
    ending = ""
    for eol in ("\r\n", "\n"):
        if line.endswith(eol):
            body_and_end, ending = line[: -len(eol)], eol
            break
    if _MARKER_NEEDS_SPACE.match(body_and_end):
        m = _MARKER.match(body_and_end)
        assert m is not None
        prefix, body, trail = m.group(1), m.group(2), m.group(3)
    else:
        stripped = body_and_end.lstrip()
        prefix = body_and_end[: len(body_and_end) - len(stripped)]
        body = stripped.rstrip()
        trail = stripped[len(body):]
    keep = (not body or not any(c.isalpha() for c in body) or is_url_line(body)
            or is_date_line(body))
    return Segment(prefix, body, trail + ending, not keep)


def split_document(text: str) -> list[Segment]:
    """The lines of `text` as segments; joining their renders gives `text` back exactly."""
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return [_split_line(line) for line in lines if line]


def join_document(segments: list[Segment], bodies: dict[int, str]) -> str:
    """Rebuild the text with translated bodies (by segment index)."""
    return "".join(s.render(bodies.get(i)) for i, s in enumerate(segments))
