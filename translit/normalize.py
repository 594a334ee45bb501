"""Normalize names: find every spelling of a glossary entry in a text and rewrite it to the house form.

    >>> from translit.normalize import normalize
    >>> normalize("Kyrolo Budanov said").text          # with the bundled glossaries
    'Kyrylo Budanov said'

This module never imports the translation stack.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from typing import TYPE_CHECKING

from .caches import cached
from .errors import GlossaryError, GlossaryProblem, Severity
from .glossary.paths import resolve_paths
from .match import Compiled, Match, load_or_compile, paragraphs, scan
from .match.lang import blank, detect_lang, letter_votes, paragraph_bounds
from .match.view import matching_view
from .match.policy import CONTEXT_REACH, house_words, repeats_context
from .match.types import KEY_LENGTH
from .text.fold import fold_text
from .text.scripts import has_cyrillic

if TYPE_CHECKING:
    from .glossary import Glossary

__all__ = ["Match", "Result", "as_compiled", "compile_glossary", "compiled_for", "find_matches", "normalize", "rewrite"]


@dataclass
class Result:
    """A normalized text, the mentions found in the input, and the text's main language."""

    text: str
    matches: list[Match]
    lang: str

    @property
    def changed(self) -> bool:
        """True when some mention is not written in its house form."""
        return any(m.rewrites for m in self.matches)


def compile_glossary(glossary: Glossary) -> Compiled:
    """Compile a loaded glossary (cached on disk when it was loaded from files)."""
    if glossary.paths:
        def loader(paths: list[Path], data: dict[Path, bytes]) -> Glossary:
            return glossary

        return load_or_compile([Path(p) for p in glossary.paths], loader)
    from .match.build import compile_entries  # the compiler: not loaded when every glossary comes from the cache

    return compile_entries(list(glossary))


def compiled_for(specs: list[str] | None = None) -> Compiled:
    """The compiled glossaries named by `specs` (see translit.glossary.resolve_paths).

    On a cache hit the YAML files are not even parsed.
    """
    def load_glossary(_paths: list[Path], data: dict[Path, bytes]) -> Glossary:
        from .glossary.load import load_glossary as load  # the YAML parser only on a cache miss

        # exactly the bytes the cache key was computed from are parsed
        return load([str(p) for p in paths], data=data)

    paths = resolve_paths(specs)
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise GlossaryError([GlossaryProblem(str(p), 1, 1, "no such glossary file",
                                            severity=Severity.fatal) for p in missing])
    return load_or_compile(paths, load_glossary)


@cached()
def _default_compiled() -> Compiled:
    """The default glossaries, compiled (or read from the on-disk cache) once per process."""
    return compiled_for(None)


def as_compiled(compiled: Compiled | Glossary | None) -> Compiled:
    """What normalize() scans with: a compiled glossary as given, a loaded one compiled, or the default."""
    if isinstance(compiled, Compiled):
        return compiled
    if compiled is not None:  # a Glossary
        return compile_glossary(compiled)
    return _default_compiled()


def find_matches(text: str, lang: str = "auto", compiled: Compiled | Glossary | None = None) -> list[Match]:
    """Every mention of a glossary entry in `text`, in order of position.

    `lang` is "en", "uk", "ru" or "auto" (decided per paragraph). Without
    `compiled`, the default glossaries are used (see resolve_paths).
    """
    view = matching_view(text)
    if view is None:
        return scan(text, as_compiled(compiled), lang)
    out = []
    for m in scan(view.text, as_compiled(compiled), lang):
        start, end = view.span(m.start, m.end)
        found = text[start:end]
        # a house form written decomposed or with stress marks stays as written
        canonical = found if m.canonical == m.found else m.canonical
        out.append(replace(m, start=start, end=end, found=found, canonical=canonical))
    return out


def rewrite(text: str, matches: list[Match]) -> str:
    """`text` with each mention the tool is sure of replaced by its canonical form (see Match.rewrites)."""
    out: list[str] = []
    pos = 0
    for m in matches:
        if not m.rewrites or m.start < pos:
            continue
        out.append(text[pos:m.start])
        out.append(m.canonical)
        pos = m.end
    out.append(text[pos:])
    return "".join(out)


def _main_lang(text: str, matches: list[Match]) -> str:
    """The language of most of the text, names left out of the decision."""
    if not has_cyrillic(text):
        return "en"
    sizes: Counter[str] = Counter()
    votes = [(m.start, 1 if m.lang == "uk" else -1) for m in matches if m.lang in ("uk", "ru")]
    neutral = [(m.start, m.end) for m in matches if m.neutral]
    for start, end, lang in paragraphs(text, "auto", [(m.start, m.end) for m in matches], votes, None, neutral):
        sizes[lang] += end - start
    return sizes.most_common(1)[0][0] if sizes else "en"


MAX_PASSES = 4


def _merge(text: str, new: str, segments: list[tuple[int, int, int, int]], matches: list[Match],
           again: list[Match]) -> list[Match]:
    """Matches over `text` that also make the changes `again` found in `new` (= rewrite(text, matches)).

    `segments` are the rewritten spans (new start, new end, old start, old end). A
    match of the second pass that touches a rewritten span is widened to the whole
    span, so it maps back onto `text`.
    """
    starts = [seg[0] for seg in segments]

    def to_old(pos: int, side: str) -> tuple[int, int]:
        """(offset in `text`, offset in `new`) of `pos`, pushed to the edge of a rewritten span it falls in."""
        k = bisect.bisect_right(starts, pos) - 1  # the last rewritten span starting at or before pos
        if k < 0:
            return pos, pos
        ns, ne, os_, oe = segments[k]
        if ns < pos < ne:
            return (os_, ns) if side == "start" else (oe, ne)
        if pos >= ne:
            return oe + (pos - ne), pos
        return os_, pos  # pos == ns

    out = list(matches)
    for m in again:
        old_start, new_start = to_old(m.start, "start")
        old_end, new_end = to_old(m.end, "end")
        canonical = new[new_start:m.start] + m.canonical + new[m.end:new_end]
        out = [x for x in out if x.end <= old_start or x.start >= old_end]
        out.append(replace(m, start=old_start, end=old_end, found=text[old_start:old_end], canonical=canonical))
    out.sort(key=lambda x: x.start)
    return out


def _rewrite_segments(text: str, matches: list[Match]) -> tuple[str, list[tuple[int, int, int, int]]]:
    """rewrite(text, matches) and its rewritten spans: (new start, new end, old start, old end)."""
    out: list[str] = []
    segments: list[tuple[int, int, int, int]] = []
    pos = size = 0
    for m in matches:
        if not m.rewrites or m.start < pos:  # exactly the mentions rewrite() changes
            continue
        out.append(text[pos:m.start])
        size += m.start - pos
        segments.append((size, size + len(m.canonical), m.start, m.end))
        out.append(m.canonical)
        size += len(m.canonical)
        pos = m.end
    out.append(text[pos:])
    return "".join(out), segments


_WORD_REACH = 256  # a window is widened over at most this many characters of a word it cuts


def _word_start(text: str, pos: int) -> int:
    """`pos`, moved left to the start of the word (\\w run) it falls inside."""
    stop = max(0, pos - _WORD_REACH)
    while pos > stop and (text[pos - 1].isalnum() or text[pos - 1] == "_"):
        pos -= 1
    return pos


def _word_end(text: str, pos: int) -> int:
    """`pos`, moved right to the end of the word (\\w run) it falls inside."""
    stop = min(len(text), pos + _WORD_REACH)
    while pos < stop and (text[pos].isalnum() or text[pos] == "_"):
        pos += 1
    return pos


def _may_change(new: str, segments: list[tuple[int, int, int, int]], compiled: Compiled) -> bool:
    """False when reading the rewritten text again cannot find a new mention: no glossary key in it
    overlaps a rewritten span without lying inside it (Mykolayiv region -> Mykolaiv region is one).

    A rewrite puts a house form where another spelling stood; the house form is found again as
    itself, so only a key reaching over the edge of a rewritten span can make a new mention.
    Checking the text around each rewrite costs a little automaton time instead of a second scan:
    as far as the longest key reaches, widened to whole words so they fold as in the whole text.
    """
    if matching_view(new) is not None:
        return True  # decomposed letters or stress marks: offsets need the view; read it all again
    parts = ["latin", "cyrillic"] if has_cyrillic(new) else ["latin"]
    reach = max(compiled.longest_key(name) for name in parts)
    windows: list[list[int]] = []
    for ns, ne, _, _ in segments:
        lo, hi = _word_start(new, max(0, ns - reach)), _word_end(new, min(len(new), ne + reach))
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    starts = [seg[0] for seg in segments]
    for lo, hi in windows:
        folded = fold_text(new[lo:hi])
        for name in parts:
            automaton, values = compiled.part(name)
            for end_index, i in automaton.iter(folded):
                he = lo + end_index + 1
                hs = he - (values[i] & KEY_LENGTH)
                k = bisect.bisect_left(starts, he) - 1  # the last rewritten span starting before the key ends
                while k >= 0 and segments[k][1] > hs:
                    if not (segments[k][0] <= hs and he <= segments[k][1]):
                        return True  # the key reaches over the edge of a rewrite
                    k -= 1
    return False


_LETTER = re.compile(r"[^\W\d_]")


def _context_may_change(text: str, new: str, segments: list[tuple[int, int, int, int]], matches: list[Match],
                        lang: str) -> bool:
    """True when a rewrite can change what reading the text again decides outside the rewritten spans.

    - With the language found per paragraph (auto, text with Cyrillic): a rewrite that changes a name's
      script (Старлинк С-300 -> Starlink С-300 reads as English), or any rewrite in a paragraph of names
      only, whose language the names' letters decide.
    - A mention left alone because its house form repeats a word next to it (repeats-context), when that
      word is rewritten (Ўкраїни next to України -> Ukraine); one left alone for the word before it
      (case-unknown) when that word is rewritten; one left alone as cross-language in a paragraph with a rewrite.
    Each is checked where it is, so a long text is read again only when one of them happens.
    """
    olds = [seg[2] for seg in segments]
    if lang == "auto" and has_cyrillic(text):
        names = sorted((m.start, m.end) for m in matches)
        neutral = sorted((m.start, m.end) for m in matches if m.neutral)
        done = -1
        for ns, ne, os_, oe in segments:
            if has_cyrillic(text[os_:oe]) != has_cyrillic(new[ns:ne]):
                return True
            if os_ < done:
                continue  # its paragraph is checked
            lo, hi, whole = paragraph_bounds(text, os_, oe)
            done = hi
            if whole:  # (a paragraph longer than paragraph_bounds looks back has words of its own)
                pos, words = lo, False
                for a, b in names[bisect.bisect_left(names, (lo, lo)):]:
                    if a >= hi:
                        break
                    if _LETTER.search(text, pos, a):
                        words = True
                        break
                    pos = max(pos, b)
                new_lo = lo + _shift(segments, bisect.bisect_left(olds, lo))
                new_hi = hi + _shift(segments, bisect.bisect_left(olds, hi))
                if not words and not _LETTER.search(text, pos, hi):
                    # names only: their letters decide the language (a change of case does not), but
                    # not those of names written alike in every language
                    here = _within(neutral, lo, hi)
                    after_lang = detect_lang(_as_read(blank(new, [_new_span(segments, olds, s, e) for s, e in here],
                                                            new_lo, new_hi)), "", False)
                    if not after_lang or after_lang != detect_lang(_as_read(blank(text, here, lo, hi)), "", False):
                        return True
                elif letter_votes(_as_read(text[lo:hi])) != letter_votes(_as_read(new[new_lo:new_hi])):
                    # words around the names that say nothing of uk or ru (обороны next to Міністерство)
                    # leave the tie to the whole paragraph's letters, which the rewrite changed (Чёрное ->
                    # Черное): read again unless the words decide
                    around = blank(text, _within(names, lo, hi), lo, hi)
                    if not detect_lang(_as_read(around), ""):
                        return True
    for m in matches:
        if m.reason is None or m.silenced or m.entry is None:
            continue
        k = bisect.bisect_left(olds, m.start)  # the first rewrite after the mention
        if m.reason == "repeats-context":
            near = [seg for seg in segments[max(0, k - 2):k + 2]
                    if seg[3] > m.start - CONTEXT_REACH and seg[2] < m.end + CONTEXT_REACH]
            if near:
                shift = _shift(segments, k)
                if not repeats_context(new, m.start + shift, m.end + shift, house_words(m.found),
                                       house_words(m.canonical)):
                    return True
        elif m.reason == "case-unknown":
            # the word right before it (over spaces and opening quotes) is a rewritten one
            if k > 0 and m.start - segments[k - 1][3] <= 8 and not _LETTER.search(text, segments[k - 1][3], m.start):
                return True
        elif m.reason == "cross-language":
            lo, hi, _ = paragraph_bounds(text, m.start, m.end, reach=m.start)  # (rare: the whole paragraph)
            j = bisect.bisect_left(olds, lo)
            if j < len(segments) and segments[j][2] < hi:
                return True
    return False


def _within(spans: list[tuple[int, int]], lo: int, hi: int) -> list[tuple[int, int]]:
    """The spans of sorted `spans` that start in [lo, hi)."""
    return spans[bisect.bisect_left(spans, (lo, lo)):bisect.bisect_left(spans, (hi, hi))]


def _as_read(text: str) -> str:
    """`text` as the matcher reads it (NFC, no stress marks): S + U+0301 is one letter Ś, not an S."""
    view = matching_view(text)
    return view.text if view is not None else text


def _new_span(segments: list[tuple[int, int, int, int]], olds: list[int], start: int, end: int) -> tuple[int, int]:
    """Where the mention at `text[start:end]` is in the rewritten text: its rewrite, or moved by those before."""
    k = bisect.bisect_left(olds, start)
    if k < len(segments) and segments[k][2] == start:
        return segments[k][0], segments[k][1]
    shift = _shift(segments, k)
    return start + shift, end + shift


def _shift(segments: list[tuple[int, int, int, int]], k: int) -> int:
    """How far the rewrites before segment `k` move the text after them."""
    if k == 0:
        return 0
    ns, ne, _, oe = segments[k - 1]
    return ne - oe


def normalize(text: str, lang: str = "auto", compiled: Compiled | Glossary | None = None) -> Result:
    """Rewrite every mention in `text` to the house form; everything else stays byte-for-byte.

    One call reaches the fixed point (see settled_matches), so normalizing the result again changes nothing.
    """
    matches = settled_matches(text, lang, compiled)
    main = lang if lang != "auto" else _main_lang(text, matches)
    return Result(rewrite(text, matches), matches, main)


def settled_matches(text: str, lang: str = "auto", compiled: Compiled | Glossary | None = None) -> list[Match]:
    """find_matches(), with what reading the rewritten text again would change folded in.

    When a rewrite makes a new mention appear (Mykolayiv region → Mykolaiv region → Mykolaiv Oblast)
    or changes a decision around it (see _context_may_change), the rewritten text is read again (at
    most MAX_PASSES times) and the later changes are folded into the matches over `text`.
    """
    matches = find_matches(text, lang, compiled)
    for _ in range(MAX_PASSES - 1):
        new, segments = _rewrite_segments(text, matches)
        if not segments or not (_context_may_change(text, new, segments, matches, lang)
                                or _may_change(new, segments, as_compiled(compiled))):
            break
        again = [m for m in find_matches(new, lang, compiled) if m.rewrites]
        if not again:
            break
        matches = _merge(text, new, segments, matches, again)
    return matches
