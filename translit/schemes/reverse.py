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
from dataclasses import dataclass, field
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
_EPSILON = 1e-9  # far above the rounding error of a sum of a word's costs, far below any cost's difference
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
    # (bit, cost) of the patterns that lower the cost (ськ): a reading not yet matching one may still
    negative: tuple[tuple[int, float], ...] = ()


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
        negative=tuple((1 << bit, c) for bit, (_, c) in enumerate(partial) if c < 0),
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


@cached()
def _speller(scheme: Scheme) -> _Speller:
    rules: dict[str, list[tuple[Rule, str, str]]] = {}
    for rule in scheme.rules:
        out = unicodedata.normalize("NFC", rule.out)
        rules.setdefault(rule.letters[0], []).append(
            (rule, out.lower(), unicodedata.normalize("NFC", out.upper()).lower()))
    skip = frozenset(c for rule in scheme.rules for c in (rule.skip or ()))
    return _Speller({k: tuple(v) for k, v in rules.items()},
                    {k: max(len(r.letters) for r, _, _ in v) for k, v in rules.items()}, skip)


def _romanize(sp: _Speller, text: str, b: int, whole: bool, all_caps: bool) -> tuple[int, str]:
    """Romanize lowercase `text` from rule boundary `b` as the engine does, as far as letters
    appended later cannot change the rules chosen (all of it when `whole`): the new boundary and
    what the rules wrote, in lower case. It does not depend on the word being read, so it is
    remembered across words.

    Every rule looks at most at the next letter past `skip` letters, so a rule that ends before
    the last other letter of `text` is settled.
    """
    n = len(text)
    last = n - 1
    if not whole:
        while last >= 0 and text[last] in sp.skip:
            last -= 1
    out: list[str] = []
    while b < n:
        letter = text[b]
        if not whole and b + sp.longest.get(letter, 1) > last:
            break
        for rule, piece, caps in sp.rules.get(letter, ()):
            if rule.applies(text, b):
                out.append(caps if all_caps else piece)
                b += len(rule.letters)
                break
        else:
            out.append(letter)  # the engine passes a letter without a rule through
            b += 1
    return b, "".join(out)


# what a scheme's rules settle of a text's last letters, for every scheme (it takes the most items):
# (letters, rule boundary, speller, all capitals) → (new boundary, what they write)
_SETTLED: dict[tuple[str, int, int, bool], tuple[int, str]] = {}
register(_SETTLED.clear)
_POSITIONS = 20_000  # a scheme's tables of positions are emptied past this many (a few MB)


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
# what a reading may append at one Latin position: (Latin letters it reads, text, in lower case, cost
# of its rare letters, cost of its unwritten letters or None, what the new node is)
_Step = tuple[int, str, str, float, float | None, int]


@dataclass(frozen=True)
class _Position:
    """What a reading may do at one Latin position, the same wherever these letters come."""

    reads: tuple[tuple[int, float], ...]  # (Latin letters read, token and rare-letter cost) per chunk
    plain: tuple[_Step, ...]  # what may come after any chunk
    after_silent: tuple[_Step, ...]  # after a chunk that ends in a letter (an unwritten letter first, too)


@dataclass
class _Tables:
    """One scheme's search tables, built as words need them and shared by all its words: what a
    reading may do at a Latin position (by the letters there), what the scheme's rules settle."""

    inv: _Inventory
    ortho: _Orthography
    scorer: _Scorer
    silents: tuple[tuple[str, float], ...]  # unwritten letters in capitals and lower case, with their cost
    positions: dict[tuple[str, str, bool, int, bool], _Position] = field(default_factory=dict)
    # (first letter as written, the chunks that read there, all capitals, letters left if one of them
    # ends the word, check) → what a reading may do there: the few kinds of position every window is
    shared: dict[tuple[str, tuple[str, ...], bool, int, bool], _Position] = field(default_factory=dict)
    whole: dict[tuple[str, int, bool], str] = field(default_factory=dict)  # what a whole text's rest writes


@dataclass
class _Scorer:
    """A language's spelling patterns as the search prices them, remembered per window and mask."""

    ortho: _Orthography
    windows: dict[str, int] = field(default_factory=dict)  # letters → bit mask of the patterns found in them
    # bit mask → (cost of those patterns, the least the patterns not in it can still add): a few hundred masks
    # bit mask → (cost of those patterns, the least the patterns not in it can still add, the two summed:
    # the least any reading with them pays for patterns, which only grows as it finds more): a few hundred masks
    costs: dict[int, tuple[float, float, float]] = field(default_factory=dict)
    finals: dict[str, float] = field(default_factory=dict)  # a reading's last letters → their final patterns' cost


@cached()
def _scorer(lang: str) -> _Scorer:
    return _Scorer(_orthography(lang))


@cached()
def _tables(scheme: Scheme) -> _Tables:
    inv, ortho = _inventory(scheme), _orthography(scheme.lang)
    return _Tables(inv, ortho, _scorer(scheme.lang), tuple((s, ortho.silent.get(s, 2.0)) for s in inv.silent))


def _search(scheme: Scheme, word: str, low: str, limit: int, check: bool) -> tuple[Candidate, ...]:
    """Best first (A*): always grow the partial reading whose cost plus the least the rest of the
    word can cost is lowest. Whole readings come out in the order of their final score, so the
    search stops after `limit` of them (or past SPREAD above the first): the ranking is exact
    (unless the word runs into the budget below), and it only grows the few partial readings that can still beat them. An unwritten letter
    (ь, ʼ) comes with the chunk after it, so the spelling it makes with that chunk is priced
    before the reading is grown. At most BEAM readings per Latin letter are grown, which
    bounds the work on words with no reading at all."""
    tables = _tables(scheme)
    ortho = tables.ortho
    speller = _speller(scheme) if check else None
    cased = [c for c in word if c.lower() != c.upper()]
    all_caps = len(cased) >= 2 and not any(c.islower() for c in cased)
    n = len(low)
    longest = tables.inv.longest
    positions = tables.positions
    if len(positions) > _POSITIONS:
        positions.clear()
    steps: list[_Position] = []
    for i in range(n):
        key = (low[i:i + longest], word[i:i + longest], all_caps, n - i if n - i <= longest else 0, check)
        position = positions.get(key)
        if position is None:
            position = positions[key] = _shared_position(tables, key)
        steps.append(position)
    # what the rest of the word costs at the least from each position: its cheapest tokens, no
    # spelling penalties (a reading pays at least this much more, less the patterns that lower a cost)
    inf = float("inf")
    rest = [0.0] * (n + 1)
    for i in range(n - 1, -1, -1):
        rest[i] = min([cost + rest[i + size] for size, cost in steps[i].reads], default=inf)
    if rest[0] == inf:
        return ()  # a character the scheme never writes
    scorer = tables.scorer
    windows, costs = scorer.windows, scorer.costs
    if len(windows) > _CACHE_ITEMS:
        windows.clear()
    final_costs = scorer.finals
    if len(final_costs) > _CACHE_ITEMS:
        final_costs.clear()
    spelled, whole = _SETTLED, tables.whole
    if len(spelled) > _CACHE_ITEMS:
        spelled.clear()
    if len(whole) > _POSITIONS:
        whole.clear()
    speller_id = id(speller)
    skip = speller.skip if speller is not None else frozenset()
    token = ortho.token
    heap: list[_Node] = [(rest[0] + sum(c for _, c in ortho.negative) + ortho.rebate, 0, 0, "", 0.0, 0.0, 0, "", 0, 0, _GROW)]
    pushed = 1
    seen: set[tuple[int, str]] = set()
    budget = BEAM * n  # readings that may still be grown
    finals: list[Candidate] = []
    cutoff = inf  # nodes that cannot end at or below it are not needed
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
            # what the scheme makes of the text's unsettled letters depends on them only: remembered
            # across texts and words; the reading goes on if the word goes on with what they write
            cut = b - 1 if b > 0 else 0  # rules look one letter back, past unwritten letters
            while cut > 0 and text_low[cut] in skip:
                cut -= 1
            known = (text_low[cut:], b - cut, speller_id, all_caps)
            settled = spelled.get(known)
            if settled is None:
                settled = spelled[known] = _romanize(speller, known[0], known[1], False, all_caps)
            written = settled[1]
            if not low.startswith(written, o):
                continue  # the scheme would not write this text as the word
            b, o = settled[0] + cut, o + len(written)
        if i == n:
            if speller is not None and not _spells_whole(speller, whole, text_low, b, low[o:], all_caps):
                continue
            tail = text_low if len(text_low) <= _WINDOW else "\x00" + text_low[-_WINDOW:]
            final_cost = final_costs.get(tail)
            if final_cost is None:
                final_cost = final_costs[tail] = _final_cost(ortho, tail)
            final = total + final_cost
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
        position = steps[i]
        # a child pays at least its tokens and what this reading's patterns already make it pay: when that
        # is past the cutoff (by more than rounding), so is the child, and its patterns need no pricing
        least = costs.get(mask)
        floor = (least if least is not None else _mask_cost(scorer, mask))[2] - _EPSILON
        for size, chunk, chunk_low, rare, silent_cost, next_kind in (
                position.after_silent if kind == _GROW_SILENT else position.plain):
            base = score + token + rare  # summed in the same order as always: ties stay ties
            if silent_cost is not None:
                base = base + silent_cost
            j = i + size
            if base + rest[j] + floor > cutoff:
                continue
            window = head + chunk_low
            bits = windows.get(window)
            if bits is None:
                bits = windows[window] = _window_bits(ortho, window)
            new_mask = mask | bits
            found = costs.get(new_mask)
            if found is None:
                found = _mask_cost(scorer, new_mask)
            new_total = base + found[0]
            new_f = new_total + rest[j] + found[1]
            if new_f > cutoff:
                continue
            heappush(heap, (new_f, pushed, j, text + chunk, base, new_total, new_mask, text_low + chunk_low, b, o,
                            next_kind))
            pushed += 1
    finals.sort(key=lambda c: (c.score, c.text))
    return tuple(finals[:limit])  # with `check`, each romanizes back to the word: _romanize ran the engine's rules


def _spells_whole(speller: _Speller, whole: dict[tuple[str, int, bool], str], text_low: str, b: int,
                  rest: str, all_caps: bool) -> bool:
    """True if the scheme romanizes `text_low` from rule boundary `b` to exactly `rest`: what it
    writes is remembered by the letters from the one the next rule can look back at."""
    cut = b - 1 if b > 0 else 0
    while cut > 0 and text_low[cut] in speller.skip:
        cut -= 1
    key = (text_low[cut:], b - cut, all_caps)
    written = whole.get(key)
    if written is None:
        written = whole[key] = _romanize(speller, key[0], key[1], True, all_caps)[1]
    return written == rest


def _shared_position(tables: _Tables, key: tuple[str, str, bool, int, bool]) -> _Position:
    """`_position` for a window of a word, shared with every window where the same chunks read,
    the first letter is the same as written and the word ends after the same chunk, or after none."""
    low, word, all_caps, left, check = key
    latins = tuple(latin for latin, _ in tables.inv.by_first.get(low[0], ()) if low.startswith(latin))
    ends = left if any(len(latin) == left for latin in latins) or (not latins and left == 1) else 0
    shape = (word[0], latins, all_caps, ends, check)
    position = tables.shared.get(shape)
    if position is None:
        position = tables.shared[shape] = _position(tables, key)
    return position


def _position(tables: _Tables, key: tuple[str, str, bool, int, bool]) -> _Position:
    """What a reading may append at a Latin position where the word goes on with `low` (`word` as
    written), `left` letters to its end if that is within reach (else 0). After any chunk, and after a
    chunk that ends in a letter (then also an unwritten letter first). A reading may end in an
    unwritten letter."""
    low, word, all_caps, left, check = key
    inv, ortho = tables.inv, tables.ortho
    reads = [(latin, letters) for latin, letters in inv.by_first.get(low[0], ()) if low.startswith(latin)] \
        or ([] if check else [(low[0], word[0])])
    silents = [(_case(s, "", all_caps), cost) for s, cost in tables.silents]
    here: list[_Step] = []
    more: list[_Step] = []
    costs: list[tuple[int, float]] = []
    for latin, letters in reads:
        size = len(latin)
        chunk = _case(letters, word[:size], all_caps)
        rare = sum(ortho.letters.get(c, 0.0) for c in letters)
        costs.append((size, ortho.token + sum(ortho.letters.get(c, 0.0) for c in letters)))
        letter_end = letters[-1:].isalpha() and chunk[-1:].isalpha()
        kind = _GROW_SILENT if letter_end else _GROW
        for before, before_cost in [("", None), *silents]:
            out = here if not before else more
            text = before + chunk
            out.append((size, text, text.lower(), rare, before_cost, kind))
            if size == left and letter_end:
                for silent, cost in silents:
                    both = cost if before_cost is None else before_cost + cost
                    out.append((size, text + silent, (text + silent).lower(), rare, both, _GROW))
    return _Position(tuple(costs), tuple(here), tuple(here + more))


def _window_bits(ortho: _Orthography, window: str) -> int:
    """Bit mask of the spelling patterns found in `window` (the text's last letters and the new ones;
    past the word start it begins with "\x00" and the search starts after it)."""
    begin = 1 if window[:1] == "\x00" else 0
    bits = 0
    for bit, (pat, _) in enumerate(ortho.partial):
        if pat.search(window, begin):
            bits |= 1 << bit
    return bits


def _final_cost(ortho: _Orthography, tail: str) -> float:
    """What the final patterns (they end at the word's end) cost a reading ending in `tail`: its
    last _WINDOW letters, after "\x00" if it has more (then the search starts after it)."""
    begin = 1 if tail[:1] == "\x00" else 0
    return sum([cost for pat, cost in ortho.final if pat.search(tail, begin)])


def _mask_cost(scorer: _Scorer, mask: int) -> tuple[float, float, float]:
    """(the cost of the patterns in `mask`, the least a reading with them can still add: the patterns
    that lower a cost and are not in it yet (each counts once), and the final ones that lower it)."""
    ortho = scorer.ortho
    # summed in pattern order, exactly as over the whole text: ties between readings stay ties
    added = sum(c for bit, (_, c) in enumerate(ortho.partial) if mask & (1 << bit))
    gain = sum(c for bit, c in ortho.negative if not mask & bit) + ortho.rebate
    found = scorer.costs[mask] = (added, gain, added + gain)
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
    if word.isascii():  # most words of Latin text: known without a name lookup per letter
        return word.isalpha() or _ASCII_LETTER.search(word) is not None
    return any(is_latin(c) for c in word)


_ASCII_LETTER = re.compile("[A-Za-z]")
