"""The text being scanned and the questions every step of the scan asks of it."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..text.fold import fold_text
from ..text.scripts import CYRILLIC, has_cyrillic
from .lang import paragraphs
from .types import LANGS, Compiled

__all__ = ["Cand", "ScanState", "Tok", "left_token", "overlaps"]

_EXCLUDE = re.compile(
    r"(?:https?://|www\.)\S+"                      # URLs
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|(?<![\w@#])[@#][\w.]+"                      # @handles and #hashtags
)
_SILENCE = re.compile(r"^.*translit:\s*ignore.*$", re.MULTILINE)
_TOKEN = re.compile(r"[^\W\d_][^\W\d_'-]*(?:['-][^\W\d_]+)*\.?")


class Tok:
    """A word left of a mention, as (text, start, end) in the folded text."""

    __slots__ = ("text", "s", "e")

    def __init__(self, text: str, s: int, e: int):
        self.text, self.s, self.e = text, s, e


_INNER = str.maketrans("", "", "'-.")  # deletes the characters a word may hold besides letters


def left_token(folded: str, pos: int) -> Tok | None:
    """The word ending one or two spaces before `pos` (letters, inner ' and -, a final dot)."""
    k = pos
    for _ in range(2):
        if k > 0 and folded[k - 1] == " ":
            k -= 1
    if k == pos or k == 0:
        return None
    lo = max(0, k - 40)
    start = max(lo, folded.rfind(" ", lo, k) + 1)
    if not folded[start:k].translate(_INNER).isalpha():
        # not only letters, inner ' - . back to the last space (the usual case, read in two calls):
        # step back over them one at a time
        start = k
        while start > lo and (folded[start - 1].isalpha() or folded[start - 1] in "'-."):
            start -= 1
    m = _TOKEN.fullmatch(folded, start, k)
    if m is None:  # "...x.Budanov": trim leading punctuation
        m = _TOKEN.search(folded, start, k)
        if m is None or m.end() != k:
            return None
    return Tok(m.group(0), m.start(), k)


_ASCII_LETTER = re.compile("[A-Za-z]")
_QUOTES_OPEN = "«\"“„‘'‹"
_QUOTES_CLOSE = "»\"”“’'›"
_SENTENCE_END = ".!?…:\n"


@dataclass(slots=True)
class Cand:
    """A possible mention: its span, the entry and form behind it, how it was found and how sure."""

    start: int
    end: int
    entry: int
    lang: int  # index into LANGS of the form that matched
    case: int
    method: str
    score: float
    shape: str = "full"  # full | surname | reversed | initials | patronymic | abbr | plural
    prefix: str = ""  # text kept as written: patronymic or second initial (before the surname), patronymic after a reversed name
    sep: str = " "  # separator of a reversed name
    cases: tuple[int, ...] = ()  # every case the written form can be (Полтаві: datv, loct)
    reason: str | None = None  # found, but the text is left alone (see Match.reason)
    antecedent: bool = False  # counts only after the person was named in full earlier in the text


def _spans(regex: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in regex.finditer(text)]


_TRIGGERS = ("://", "www.", "@", "#")
_SPACES = " \n\t\r\f\v"
_STRETCH = 1024


def _excluded(text: str) -> list[tuple[int, int]]:
    """The spans of _EXCLUDE in `text`, found only around the characters every match contains.

    A match never crosses white space, so the regex runs on the white-space-delimited
    stretches that hold "://", "www.", "@" or "#" instead of at every position of the text.
    A stretch longer than _STRETCH characters (no such text is prose) falls back to the whole-text search.
    """
    windows: list[tuple[int, int]] = []
    for trigger in _TRIGGERS:
        at = text.find(trigger)
        while at >= 0:
            lo, hi = max(0, at - _STRETCH), min(len(text), at + _STRETCH)
            start = max(text.rfind(c, lo, at) for c in _SPACES) + 1
            ends = [e for e in (text.find(c, at, hi) for c in _SPACES) if e >= 0]
            end = min(ends) if ends else len(text)
            if (start == 0 and lo > 0) or (not ends and hi < len(text)):
                return _spans(_EXCLUDE, text)
            windows.append((start, end))
            at = text.find(trigger, end)
    windows.sort()
    spans: list[tuple[int, int]] = []
    last = -1
    for start, end in windows:
        if start < last:
            continue  # the same stretch, found through another trigger
        spans.extend(m.span() for m in _EXCLUDE.finditer(text, start, end))
        last = end
    return spans


def overlaps(spans: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
    i = bisect_right(starts, s) - 1
    for j in (i, i + 1):
        if 0 <= j < len(spans) and spans[j][0] < e and s < spans[j][1]:
            return True
    return False


class ScanState:
    """One text under scan: folded copy, paragraphs and their languages, excluded and silenced spans."""

    def __init__(self, compiled: Compiled, text: str, lang: str):
        self.c = compiled
        self.entry = compiled.store.entry  # an entry's info by index (the store keeps what it read)
        self.text = text
        self.folded = fold_text(text)
        self.cyrillic = has_cyrillic(self.folded)  # asked by several steps; a full read of a Latin text
        self.lang = lang
        self._given_cases: dict[tuple[str, str], int] = {}
        self.paras = paragraphs(text, lang) if lang != "auto" else self._scripts(text)
        self.para_starts = [p[0] for p in self.paras]
        self.excluded = _excluded(text)
        self.excluded_starts = [s for s, _ in self.excluded]
        self.silenced = _spans(_SILENCE, text) if "translit:" in text else []
        self.silenced_starts = [s for s, _ in self.silenced]
        self.ties: set[int] = set()  # starts of paragraphs where nothing tells uk from ru
        self.others: list[tuple[int, int]] = []  # (position, entry): another person with the entry's surname
        self._before: dict[int, str] = {}  # the word before a position (ContextWords)

    def prefetch(self, indices: set[int]) -> None:
        """Read many entries' infos at once where the store reads them from disk."""
        prefetch = getattr(self.c.store, "prefetch", None)
        if prefetch is not None and len(indices) > 1:
            prefetch(indices)

    # -- helpers ---------------------------------------------------------------------------
    @staticmethod
    def _scripts(text: str) -> list[tuple[int, int, str]]:
        """Paragraphs with only their script decided: "en" for Latin, "cyr" for Cyrillic."""
        if not has_cyrillic(text):
            return paragraphs(text, "en")
        out = []
        for s, e, _ in paragraphs(text, "en"):
            cyr = len(CYRILLIC.findall(text, s, e))
            lat = len(_ASCII_LETTER.findall(text, s, e)) if cyr else 0
            out.append((s, e, "cyr" if cyr > lat else "en"))
        return out

    def lang_at(self, pos: int) -> str:
        return self.paras[max(0, bisect_right(self.para_starts, pos) - 1)][2]

    def bounded(self, s: int, e: int) -> bool:
        f = self.folded
        return (s == 0 or not f[s - 1].isalnum()) and (e == len(f) or not f[e].isalnum())

    def has_capital(self, s: int, e: int) -> bool:
        part = self.text[s:e]
        if part[:1].isupper():  # most names: the first letter is the capital
            return part != part.lower()
        return part != part.lower() and any(ch.isupper() for ch in part)

    def sentence_initial(self, s: int) -> bool:
        i = s - 1
        while i >= 0 and self.text[i] in " \t\"'«“„(":
            i -= 1
        return i < 0 or self.text[i] in _SENTENCE_END

    def quoted(self, s: int, e: int) -> bool:
        return s > 0 and e < len(self.text) and self.text[s - 1] in _QUOTES_OPEN and self.text[e] in _QUOTES_CLOSE

    @staticmethod
    def _same_script(a: str, b: str) -> bool:
        return has_cyrillic(a) == has_cyrillic(b)

    def common_word_ok(self, s: int, e: int, lang: int) -> bool:
        """A name that is also an ordinary word counts only where the text shows it is the name."""
        if not has_cyrillic(self.folded[s:e]):
            return True  # in Latin script: a name, not the word
        # a Cyrillic word is judged the same way whatever the paragraph's language, so the decision
        # cannot change when rewriting other names changes which script has more letters
        if self.quoted(s, e):
            return True
        return self.text[s].isupper() and not self.sentence_initial(s)
