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
from .engine import capitalize, romanize_word
from .model import DATA_DIR, Scheme

__all__ = ["Candidate", "word_candidates", "latin_word_re"]

BEAM = 48


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
        partial=tuple(partial), final=tuple(final),
    )


@dataclass(frozen=True)
class _Inventory:
    by_first: dict[str, tuple[tuple[str, str], ...]]  # first Latin char → (latin, letters), longest first
    silent: tuple[str, ...]  # letters the scheme writes as nothing
    extra_chars: str  # non-letter characters of the scheme's Latin (ʹ ʺ ’ · ')


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
    return _Inventory({k: tuple(v) for k, v in by_first.items()}, tuple(sorted(silent)), "".join(extra))


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
LONG_WORD = 32  # longer "words" are read in pieces: linear time, bounded memory (no name is this long)
_PIECE = 24
_WINDOW = 4  # every spelling pattern spans at most this many letters (orthography.yaml)


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


@cached(maxsize=65536)
def _word_candidates(scheme: Scheme, word: str, limit: int, check: bool) -> tuple[Candidate, ...]:
    low = word.lower()
    if len(low) != len(word):  # a case mapping that changes length; compare lowercase only
        word = low
    ortho = _orthography(scheme.lang)
    inv = _inventory(scheme)
    cased = [c for c in word if c.lower() != c.upper()]
    all_caps = len(cased) >= 2 and not any(c.islower() for c in cased)
    n = len(low)
    # per Latin position: Cyrillic text → (cost of its tokens, that cost plus spelling penalties,
    # bit mask of the spelling patterns already found in it: each counts once)
    beams: list[dict[str, tuple[float, float, int]]] = [dict() for _ in range(n + 1)]
    beams[0][""] = (0.0, 0.0, 0)
    for i in range(n):
        if not beams[i]:
            continue
        best = sorted(beams[i].items(), key=lambda kv: kv[1][1])[:BEAM]
        options = [(latin, letters) for latin, letters in inv.by_first.get(low[i], ())
                   if low.startswith(latin, i)]
        if not options:
            if check:  # the scheme never writes this character: a dead end
                continue
            options = [(low[i], word[i])]  # closest reading: keep the character as it is
        steps: list[tuple[dict[str, tuple[float, float, int]], str, float, float | None]] = []  # what each option appends, and its cost: the same for every reading in the beam
        for latin, letters in options:
            chunk = _case(letters, word[i:i + len(latin)], all_caps)
            rare = sum(ortho.letters.get(c, 0.0) for c in letters)
            target_beam = beams[i + len(latin)]
            steps.append((target_beam, chunk, rare, None))
            if letters[-1:].isalpha() and chunk[-1:].isalpha():
                for silent in inv.silent:
                    steps.append((target_beam, chunk + _case(silent, "", all_caps), rare,
                                  ortho.silent.get(silent, 2.0)))
        token = ortho.token
        for text, (score, _total, mask) in best:
            for target_beam, chunk, rare, silent_cost in steps:
                base = score + token + rare  # summed in the same order as always: ties stay ties
                if silent_cost is not None:
                    base = base + silent_cost
                _push(target_beam, text, text + chunk, base, mask, ortho)
    finals: list[Candidate] = []
    target = low
    for text, (_, score, _mask) in beams[n].items():
        score += sum(cost for pat, cost in ortho.final if pat.search(text.lower()))
        finals.append(Candidate(text, round(score, 3)))
    finals.sort(key=lambda c: (c.score, c.text))
    if not check:
        return tuple(finals[:limit])
    kept: list[Candidate] = []
    for cand in finals:  # best first: romanize only until `limit` readings are confirmed
        if unicodedata.normalize("NFC", romanize_word(scheme, cand.text)).lower() == target:
            kept.append(cand)
            if len(kept) >= limit:
                break
    return tuple(kept)


def _push(beam: dict[str, tuple[float, float, int]], old: str, text: str, cost: float, mask: int,
          ortho: _Orthography) -> None:
    """Add `text` (`old` plus new letters) to `beam`; patterns are looked for only where the
    new letters can complete them, and each pattern counts once per text."""
    start = len(old) - _WINDOW
    # the letters a new match can touch; past the word start, "\x00" stands for the letters before them
    # (it is in no pattern's classes; searching from 1, ^ cannot match and (?<!^) holds, as in the word)
    window = "\x00" + text[start:].lower() if start > 0 else text.lower()
    key = (window, mask, id(ortho))
    found = _PENALTIES.get(key)
    if found is None:
        new_mask = mask
        for bit, (pat, _) in enumerate(ortho.partial):
            if not mask & (1 << bit) and pat.search(window, 1 if start > 0 else 0):
                new_mask |= 1 << bit
        # summed in pattern order, exactly as over the whole text: ties between readings stay ties
        added = sum(c for bit, (_, c) in enumerate(ortho.partial) if new_mask & (1 << bit))
        if len(_PENALTIES) > 200_000:
            _PENALTIES.clear()
        found = _PENALTIES[key] = (new_mask, added)
    mask = found[0]
    total = cost + found[1]
    if text not in beam or total < beam[text][1]:
        beam[text] = (cost, total, mask)


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
