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

import yaml

from ..caches import cached, register
from ..text.scripts import is_latin
from .engine import capitalize
from .model import DATA_DIR, Rule, Scheme

__all__ = ["Candidate", "word_candidates", "latin_word_re"]

BEAM = 48
FIRST_BEAM = 2  # the quick first pass
# readings more than this above the first pass's best are never kept: _vote drops them anyway
# (cyrillize._WORSE_THAN_BEST plus its agreement bonus, with room for rounding)
SPREAD = 2.75


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
_Beam = dict[str, tuple[float, float, int, str, int, int]]


@cached(maxsize=65536)
def _word_candidates(scheme: Scheme, word: str, limit: int, check: bool) -> tuple[Candidate, ...]:
    """Two passes: a narrow beam finds a good reading quickly; its score bounds the full search,
    which drops any partial reading that can no longer end within SPREAD of it."""
    low = word.lower()
    if len(low) != len(word):  # a case mapping that changes length; compare lowercase only
        word = low
    first = _search(scheme, word, low, limit, check, FIRST_BEAM, float("inf"))
    ceiling = first[0].score + SPREAD if first else float("inf")
    return _search(scheme, word, low, limit, check, BEAM, ceiling)


def _search(scheme: Scheme, word: str, low: str, limit: int, check: bool, width: int,
            ceiling: float) -> tuple[Candidate, ...]:
    ortho = _orthography(scheme.lang)
    inv = _inventory(scheme)
    speller = _speller(scheme) if check else None
    cased = [c for c in word if c.lower() != c.upper()]
    all_caps = len(cased) >= 2 and not any(c.islower() for c in cased)
    n = len(low)
    # per Latin position: Cyrillic text → (cost of its tokens, that cost plus spelling penalties,
    # bit mask of the spelling patterns already found in it: each counts once, the text in lower
    # case, and how far the scheme's romanization of it is settled: letters, output characters)
    beams: list[_Beam] = [dict() for _ in range(n + 1)]
    beams[0][""] = (0.0, 0.0, 0, "", 0, 0)
    speller_id = id(speller)
    widest = speller.widest if speller is not None else 0
    skip = speller.skip if speller is not None else frozenset()
    ortho_id = id(ortho)
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
    bound = ceiling - ortho.rebate
    negative = ortho.negative
    gain = -sum(c for _, c in negative)  # the most the patterns that lower a cost can take off
    for i in range(n):
        if not beams[i]:
            continue
        best = sorted(beams[i].items(), key=lambda kv: kv[1][1])[:width]
        if bound != float("inf"):
            least = bound - rest[i]
            best = [kv for kv in best
                    if kv[1][1] + sum(c for bit, c in negative if not kv[1][2] & bit) <= least]
        options = reads[i]
        if not options:
            continue  # a dead end
        steps: list[tuple[_Beam, str, str, float, float | None, float]] = []  # what each option appends, and its cost: the same for every reading in the beam
        for latin, letters in options:
            chunk = _case(letters, word[i:i + len(latin)], all_caps)
            rare = sum(ortho.letters.get(c, 0.0) for c in letters)
            target_beam = beams[i + len(latin)]
            # the most a reading arriving there may cost and still end within the bound
            most = bound - rest[i + len(latin)] + gain
            steps.append((target_beam, chunk, chunk.lower(), rare, None, most))
            if letters[-1:].isalpha() and chunk[-1:].isalpha():
                for silent in inv.silent:
                    more = chunk + _case(silent, "", all_caps)
                    steps.append((target_beam, more, more.lower(), rare, ortho.silent.get(silent, 2.0), most))
        token = ortho.token
        for text, (score, total_now, mask, text_low, b, o) in best:
            spelling = total_now - score - gain  # the least its spelling penalties can come to later
            start = len(text_low) - (_WINDOW - 1)  # a new match has a new letter: the old ones it can reach
            # the letters a new match can touch; past the word start, "\x00" stands for the letters
            # before them (in no pattern's classes; searching from 1, ^ cannot match and (?<!^) holds)
            head = "\x00" + text_low[start:] if start > 0 else text_low
            # the part of the text the scheme's romanization still depends on: from the letter
            # before the unsettled ones (rules look one letter back, past unwritten letters)
            cut = b - 1 if b > 0 else 0
            while cut > 0 and text_low[cut] in skip:
                cut -= 1
            tail = text_low[cut:]
            for target_beam, chunk, chunk_low, rare, silent_cost, most in steps:
                base = score + token + rare  # summed in the same order as always: ties stay ties
                if silent_cost is not None:
                    base = base + silent_cost
                if base + spelling > most:
                    continue  # cannot end within reach of the first pass's best
                new_text = text + chunk
                window = head + chunk_low
                found = _PENALTIES.get((window, mask, ortho_id))
                if found is None:
                    found = _penalty(window, mask, ortho, start > 0)
                total = base + found[1]
                if total > most:
                    continue  # cannot end within reach of the first pass's best
                now = target_beam.get(new_text)
                if now is not None:
                    if total < now[1]:
                        target_beam[new_text] = (base, total, found[0], now[3], now[4], now[5])
                    continue
                nb, no = b, o
                if speller is not None:
                    # what the scheme makes of the text's unsettled letters depends on them and on
                    # the next letters of the word only: remembered across texts, words and schemes
                    unsettled = tail + chunk_low
                    ahead = low[o:o + (len(unsettled) - b + cut) * widest]  # all they can write
                    key = (unsettled, b - cut, ahead, speller_id, all_caps)
                    settled = _SPELLED.get(key, _UNKNOWN)
                    if settled is _UNKNOWN:
                        settled = _spell_ahead(speller, key)
                    if settled is None:
                        continue  # the scheme would not write this text as the word
                    nb, no = settled[0] + cut, settled[1] + o
                target_beam[new_text] = (base, total, found[0], text_low + chunk_low, nb, no)
    finals: list[Candidate] = []
    target = low
    for text, (_, score, _mask, text_low, b, o) in beams[n].items():
        if speller is not None and _spell(speller, text_low, b, o, target, True, all_caps) is None:
            continue
        score += sum(cost for pat, cost in ortho.final if pat.search(text_low))
        if score <= ceiling:
            finals.append(Candidate(text, round(score, 3)))
    finals.sort(key=lambda c: (c.score, c.text))
    return tuple(finals[:limit])  # with `check`, each romanizes back to the word: _spell ran the engine's rules


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
