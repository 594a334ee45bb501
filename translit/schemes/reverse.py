"""Latin → Cyrillic: ranked candidates that a scheme would romanize back to the input.

For one Latin word, a beam search reads the word as a sequence of the scheme's Latin
outputs, inserting letters the scheme leaves unwritten (ь, ʼ, ъ), and scores each
reading by `data/orthography.yaml` (token count, rare letters, unlikely spelling).
Only readings that the scheme romanizes back to the input survive, so a reversible
scheme (ISO 9, DSTU 9112 A) yields exactly the original.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from heapq import heappop, heappush

import yaml

from ..caches import cached, register
from ..text.scripts import is_latin
from .engine import capitalize
from .model import DATA_DIR, Rule, Scheme

__all__ = ["Candidate", "word_candidates", "latin_word_re"]

BEAM = 48  # the most partial readings grown per Latin letter (all in all: a word's budget)
# readings more than this above the best are never kept: _vote drops them anyway
# (cyrillize._WORSE_THAN_BEST plus its agreement bonus, with room for rounding)
SPREAD = 2.75
_TIE = 0.002  # costs closer than this may round to the same score (and then rank by text)


@dataclass(frozen=True)
class Candidate:
    """One Cyrillic reading of a Latin word; lower `score` is more likely."""

    text: str
    score: float


@dataclass(frozen=True)
class _Orthography:
    token: float
    silent: dict[str, float]
    letters: dict[str, float]
    partial: tuple[tuple[re.Pattern[str], float], ...]
    final: tuple[tuple[re.Pattern[str], float], ...]
    rebate: float = 0.0  # the negative final costs together: how much a whole word can still gain

    @property
    def negative(self) -> tuple[tuple[int, float], ...]:
        """(bit, cost) of the patterns that lower the cost (ськ): a reading not yet matching one may still."""
        return tuple((1 << bit, c) for bit, (_, c) in enumerate(self.partial) if c < 0)


@cached()
def _orthography(lang: str) -> _Orthography:
    with open(DATA_DIR / "orthography.yaml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    spec = data[lang]
    partial: list[tuple[re.Pattern[str], float]] = []
    final: list[tuple[re.Pattern[str], float]] = []
    for item in spec.get("patterns") or []:
        (final if item.get("final") else partial).append((re.compile(item["re"]), float(item["cost"])))
    return _Orthography(
        token=float(data["token"]), silent={k: float(v) for k, v in spec["silent"].items()},
        letters={k: float(v) for k, v in (spec.get("letters") or {}).items()},
        partial=tuple(partial), final=tuple(final), rebate=sum(min(c, 0.0) for _, c in final),
    )


@dataclass(frozen=True)
class _Inventory:
    by_first: dict[str, tuple[tuple[str, str], ...]]  # first Latin char → (latin, letters), longest first
    silent: tuple[str, ...]  # letters the scheme writes as nothing
    extra_chars: str  # non-letter characters of the scheme's Latin (ʹ ʺ ’ · ')
    longest: int = 1  # the longest Latin chunk


@cached()
def _inventory(scheme: Scheme) -> _Inventory:
    pairs: set[tuple[str, str]] = set()
    silent: set[str] = set()
    for rule in scheme.rules:
        out = unicodedata.normalize("NFC", rule.out.lower())
        if out:
            pairs.add((out, rule.letters))
        elif len(rule.letters) == 1:
            silent.add(rule.letters)
    by_first: dict[str, list[tuple[str, str]]] = {}
    for latin, letters in sorted(pairs, key=lambda p: (-len(p[0]), p)):
        by_first.setdefault(latin[0], []).append((latin, letters))
    extra = sorted({c for latin, _ in pairs for c in latin if not c.isalpha()
                    and unicodedata.category(c) != "Mn"})
    return _Inventory({k: tuple(v) for k, v in by_first.items()}, tuple(sorted(silent)), "".join(extra),
                      max((len(latin) for latin, _ in pairs), default=1))


def latin_word_re(schemes: tuple[Scheme, ...]) -> re.Pattern[str]:
    """Words of Latin text as these schemes write them: letters, marks, and their signs (ʹ ’ ·)."""
    extra = "".join(sorted({c for s in schemes for c in _inventory(s).extra_chars}))
    inner = re.escape(extra)
    letter = r"(?:[^\W\d_]|[\u0300-\u036f])"
    if not inner:
        return re.compile(f"{letter}+")
    return re.compile(f"(?:{letter}|[{inner}](?={letter}|[{inner}]))+[{inner}]?")


_PENALTIES: dict[tuple[str, int, int], tuple[int, float]] = {}  # (window, mask, ortho) -> (mask, cost)
register(_PENALTIES.clear)
_WINDOWS: dict[tuple[str, int], int] = {}  # (window, ortho) -> bit mask of the patterns found in it
register(_WINDOWS.clear)
_COSTS: dict[tuple[int, int], float] = {}  # (mask, ortho) -> the cost of those patterns (a few hundred masks)
register(_COSTS.clear)
LONG_WORD = 32  # longer "words" are read in pieces: linear time, bounded memory (no name is this long)
_PIECE = 24
_WINDOW = 4  # every spelling pattern spans at most this many letters (orthography.yaml), lookbehind included
_CACHE_ITEMS = 200_000  # each cache of partial results below is emptied when it grows past this (memory stays bounded)


def word_candidates(scheme: Scheme, word: str, limit: int = 10, check: bool = True) -> list[Candidate]:
    """Cyrillic readings of one Latin `word` under `scheme`, best first.

    With `check`, only readings the scheme romanizes back to `word` (ignoring case) are kept.
    A word longer than LONG_WORD letters is read in pieces of _PIECE letters and gets
    one reading, the best pieces joined: time and memory stay linear in its length.
    """
    word = unicodedata.normalize("NFC", word)
    if len(word) > LONG_WORD:
        return _long_word(scheme, word, check)
    return list(_word_candidates(scheme, word, limit, check))


def _long_word(scheme: Scheme, word: str, check: bool) -> list[Candidate]:
    texts, score = [], 0.0
    for start in range(0, len(word), _PIECE):
        found = _word_candidates(scheme, word[start:start + _PIECE], 1, check)
        if not found:
            return []
        texts.append(found[0].text)
        score += found[0].score
    return [Candidate("".join(texts), round(score, 3))]


@dataclass(frozen=True)
class _Speller:
    """A scheme's rules as the round-trip check needs them while a reading grows."""

    rules: dict[str, tuple[tuple[Rule, str, str], ...]]  # first letter → (rule, output, output in capitals), engine order
    longest: dict[str, int]  # first letter → letters of its longest rule
    skip: frozenset[str]  # letters some rule looks past: they do not settle the context
    widest: int = 1  # the most characters one letter is written with


@cached()
def _speller(scheme: Scheme) -> _Speller:
    rules: dict[str, list[tuple[Rule, str, str]]] = {}
    for rule in scheme.rules:
        out = unicodedata.normalize("NFC", rule.out)
        rules.setdefault(rule.letters[0], []).append(
            (rule, out.lower(), unicodedata.normalize("NFC", out.upper()).lower()))
    skip = frozenset(c for rule in scheme.rules for c in (rule.skip or ()))
    widest = max([1] + [max(len(out), len(caps)) for v in rules.values() for _, out, caps in v])
    return _Speller({k: tuple(v) for k, v in rules.items()},
                    {k: max(len(r.letters) for r, _, _ in v) for k, v in rules.items()}, skip, widest)


def _spell(sp: _Speller, text: str, b: int, o: int, target: str, whole: bool,
           all_caps: bool) -> tuple[int, int] | None:
    """Romanize lowercase `text` from rule boundary `b` (output offset `o`) as the engine does, as far
    as letters appended later cannot change the rules chosen (all of it when `whole`): the new
    boundary and offset, or None as soon as the output leaves `target`.

    Every rule looks at most at the next letter past `skip` letters, so a rule that ends before
    the last other letter of `text` is settled.
    """
    n = len(text)
    last = n - 1
    if not whole:
        while last >= 0 and text[last] in sp.skip:
            last -= 1
    while b < n:
        letter = text[b]
        if not whole and b + sp.longest.get(letter, 1) > last:
            break
        for rule, piece, caps in sp.rules.get(letter, ()):
            if rule.applies(text, b):
                if all_caps:
                    piece = caps
                step = len(rule.letters)
                break
        else:
            piece, step = letter, 1  # the engine passes a letter without a rule through
        if not target.startswith(piece, o):
            return None
        o += len(piece)
        b += step
    if whole and o != len(target):
        return None
    return b, o


_UNKNOWN = (-1, -1)
_SPELLED: dict[tuple[str, int, str, int, bool], tuple[int, int] | None] = {}
register(_SPELLED.clear)


def _spell_ahead(speller: _Speller, key: tuple[str, int, str, int, bool]) -> tuple[int, int] | None:
    """_spell for a text's unsettled letters against as much of the word as they can write;
    the offset is relative. Remembered in _SPELLED (emptied when it grows large)."""
    text, b, ahead, _, all_caps = key
    settled = _spell(speller, text, b, 0, ahead, False, all_caps)
    if len(_SPELLED) > _CACHE_ITEMS:
        _SPELLED.clear()
    _SPELLED[key] = settled
    return settled
@cached(maxsize=65536)
def _word_candidates(scheme: Scheme, word: str, limit: int, check: bool) -> tuple[Candidate, ...]:
    low = word.lower()
    if len(low) != len(word):  # a case mapping that changes length; compare lowercase only
        word = low
    return _search(scheme, word, low, limit, check)


# A node of the search: (least final score it can reach, order pushed, Latin position, text, cost of
# its tokens, that cost plus spelling penalties, bit mask of the spelling patterns found in it (each
# counts once), the text in lower case, how far the scheme's romanization of the text before the last
# chunk was settled (letters, output characters), and what it is: _GROW, _GROW_SILENT (its last chunk
# ends in a letter, so an unwritten letter may come next) or _DONE (a whole reading, checked))
_Node = tuple[float, int, int, str, float, float, int, str, int, int, int]
_GROW, _GROW_SILENT, _DONE = 0, 1, 2
# what a reading may append at one Latin position: (position after it, text, in lower case, cost of
# its rare letters, cost of its unwritten letters or None, what the new node is)
_Step = tuple[int, str, str, float, float | None, int]


def _search(scheme: Scheme, word: str, low: str, limit: int, check: bool) -> tuple[Candidate, ...]:
    """Best first (A*): always grow the partial reading whose cost plus the least the rest of the
    word can cost is lowest. Whole readings come out in the order of their final score, so the
    search stops after `limit` of them (or past SPREAD above the first): the ranking is exact,
    and it only grows the few partial readings that can still beat them. An unwritten letter
    (ь, ʼ) comes with the chunk after it, so the spelling it makes with that chunk is priced
    before the reading is grown. At most BEAM readings per Latin letter are grown, which
    bounds the work on words with no reading at all."""
    ortho = _orthography(scheme.lang)
    inv = _inventory(scheme)
    speller = _speller(scheme) if check else None
    cased = [c for c in word if c.lower() != c.upper()]
    all_caps = len(cased) >= 2 and not any(c.islower() for c in cased)
    n = len(low)
    # what the rest of the word costs at the least from each position: its cheapest tokens, no
    # spelling penalties (a reading pays at least this much more, less the patterns that lower a cost)
    reads = [[(latin, letters) for latin, letters in inv.by_first.get(low[i], ()) if low.startswith(latin, i)]
             or ([] if check else [(low[i], word[i])]) for i in range(n)]
    rest = [0.0] * (n + 1)
    for i in range(n - 1, -1, -1):
        rest[i] = min((ortho.token + sum(ortho.letters.get(c, 0.0) for c in letters) + rest[i + len(latin)]
                       for latin, letters in reads[i]), default=float("inf"))
    if rest[0] == float("inf"):
        return ()  # a character the scheme never writes
    plain, after_silent = _steps(inv, ortho, word, n, reads, all_caps)
    negative = ortho.negative
    # the least a node with mask m can still add besides rest[]: the patterns that lower a cost and
    # are not in m yet (each counts once), and the final patterns that lower it
    unfound: dict[int, float] = {}
    speller_id = id(speller)
    widest = speller.widest if speller is not None else 0
    skip = speller.skip if speller is not None else frozenset()
    ortho_id = id(ortho)
    token = ortho.token
    heap: list[_Node] = [(rest[0] + sum(c for _, c in negative) + ortho.rebate, 0, 0, "", 0.0, 0.0, 0, "", 0, 0, _GROW)]
    pushed = 1
    seen: set[tuple[int, str]] = set()
    budget = BEAM * n  # readings that may still be grown
    finals: list[Candidate] = []
    cutoff = float("inf")  # nodes that cannot end at or below it are not needed
    while heap:
        f, _, i, text, score, total, mask, text_low, b, o, kind = heappop(heap)
        if f > cutoff:
            break
        if kind == _DONE:
            finals.append(Candidate(text, round(f, 3)))
            if len(finals) == 1:
                cutoff = min(cutoff, f + SPREAD)
            if len(finals) >= limit:
                cutoff = min(cutoff, f + _TIE)  # ties with the last one (to the rounding) still come out
            continue
        if (i, text) in seen:
            continue  # the same text here by a dearer path
        seen.add((i, text))
        if speller is not None and text_low:
            # what the scheme makes of the text's unsettled letters depends on them and on the next
            # letters of the word only: remembered across texts, words and schemes
            cut = b - 1 if b > 0 else 0  # rules look one letter back, past unwritten letters
            while cut > 0 and text_low[cut] in skip:
                cut -= 1
            unsettled = text_low[cut:]
            ahead = low[o:o + (len(unsettled) - b + cut) * widest]  # all they can write
            key = (unsettled, b - cut, ahead, speller_id, all_caps)
            settled = _SPELLED.get(key, _UNKNOWN)
            if settled is _UNKNOWN:
                settled = _spell_ahead(speller, key)
            if settled is None:
                continue  # the scheme would not write this text as the word
            b, o = settled[0] + cut, settled[1] + o
        if i == n:
            if speller is not None and _spell(speller, text_low, b, o, low, True, all_caps) is None:
                continue
            final = total + sum(cost for pat, cost in ortho.final if pat.search(text_low))
            if final <= cutoff:
                heappush(heap, (final, pushed, i, text, score, total, mask, text_low, b, o, _DONE))
                pushed += 1
            continue
        if budget <= 0:
            continue  # enough readings grown: the word has few good ones, if any
        budget -= 1
        start = len(text_low) - (_WINDOW - 1)  # a new match has a new letter: the old ones it can reach
        # the letters a new match can touch; past the word start, "\x00" stands for the letters
        # before them (in no pattern's classes; searching from 1, ^ cannot match and (?<!^) holds)
        head = "\x00" + text_low[start:] if start > 0 else text_low
        for j, chunk, chunk_low, rare, silent_cost, next_kind in (after_silent if kind == _GROW_SILENT else plain)[i]:
            base = score + token + rare  # summed in the same order as always: ties stay ties
            if silent_cost is not None:
                base = base + silent_cost
            window = head + chunk_low
            found = _PENALTIES.get((window, mask, ortho_id))
            if found is None:
                found = _penalty(window, mask, ortho, start > 0)
            new_total = base + found[1]
            gain = unfound.get(found[0])
            if gain is None:
                gain = unfound[found[0]] = sum(c for bit, c in negative if not found[0] & bit) + ortho.rebate
            new_f = new_total + rest[j] + gain
            if new_f > cutoff:
                continue
            heappush(heap, (new_f, pushed, j, text + chunk, base, new_total, found[0], text_low + chunk_low, b, o,
                            next_kind))
            pushed += 1
    finals.sort(key=lambda c: (c.score, c.text))
    return tuple(finals[:limit])  # with `check`, each romanizes back to the word: _spell ran the engine's rules


def _steps(inv: _Inventory, ortho: _Orthography, word: str, n: int, reads: list[list[tuple[str, str]]],
           all_caps: bool) -> tuple[list[list[_Step]], list[list[_Step]]]:
    """Per Latin position, what a reading may append: after any chunk, and after a chunk that ends
    in a letter (then also an unwritten letter first). A reading may end in an unwritten letter."""
    silents = [(_case(s, "", all_caps), ortho.silent.get(s, 2.0)) for s in inv.silent]
    plain: list[list[_Step]] = []
    after_silent: list[list[_Step]] = []
    for i in range(n):
        here: list[_Step] = []
        more: list[_Step] = []
        for latin, letters in reads[i]:
            j = i + len(latin)
            chunk = _case(letters, word[i:i + len(latin)], all_caps)
            rare = sum(ortho.letters.get(c, 0.0) for c in letters)
            letter_end = letters[-1:].isalpha() and chunk[-1:].isalpha()
            kind = _GROW_SILENT if letter_end else _GROW
            for before, before_cost in [("", None), *silents]:
                out = here if not before else more
                text = before + chunk
                out.append((j, text, text.lower(), rare, before_cost, kind))
                if j == n and letter_end:
                    for silent, cost in silents:
                        both = cost if before_cost is None else before_cost + cost
                        out.append((j, text + silent, (text + silent).lower(), rare, both, _GROW))
        plain.append(here)
        after_silent.append(here + more)
    return plain, after_silent


def _penalty(window: str, mask: int, ortho: _Orthography, inside: bool) -> tuple[int, float]:
    """The spelling patterns found in `mask` or in `window` (the text's last letters and the new
    ones; `inside`: it starts with "\x00", past the word start) and their cost. Each counts once."""
    key = (window, id(ortho))
    bits = _WINDOWS.get(key)
    if bits is None:
        bits = 0
        for bit, (pat, _) in enumerate(ortho.partial):
            if pat.search(window, 1 if inside else 0):
                bits |= 1 << bit
        if len(_WINDOWS) > _CACHE_ITEMS:
            _WINDOWS.clear()
        _WINDOWS[key] = bits
    new_mask = mask | bits
    added = _COSTS.get((new_mask, id(ortho)))
    if added is None:
        # summed in pattern order, exactly as over the whole text: ties between readings stay ties
        added = _COSTS[(new_mask, id(ortho))] = sum(c for bit, (_, c) in enumerate(ortho.partial) if new_mask & (1 << bit))
    if len(_PENALTIES) > _CACHE_ITEMS:
        _PENALTIES.clear()
    found = _PENALTIES[(window, mask, id(ortho))] = (new_mask, added)
    return found


def _case(letters: str, latin: str, all_caps: bool) -> str:
    if all_caps:
        return letters.upper()
    first = next((c for c in latin if c.lower() != c.upper()), "")
    if first and first.isupper() and latin[:1] == first:
        return capitalize(letters)
    return letters


def is_latin_word(word: str) -> bool:
    """True if `word` has a Latin letter."""
    return any(is_latin(c) for c in word)
