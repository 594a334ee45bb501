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

from ..caches import cached
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


def word_candidates(scheme: Scheme, word: str, limit: int = 10, check: bool = True) -> list[Candidate]:
    """Cyrillic readings of one Latin `word` under `scheme`, best first.

    With `check`, only readings the scheme romanizes back to `word` (ignoring case) are kept.
    """
    word = unicodedata.normalize("NFC", word)
    low = word.lower()
    if len(low) != len(word):  # a case mapping that changes length; compare lowercase only
        word = low
    ortho = _orthography(scheme.lang)
    inv = _inventory(scheme)
    cased = [c for c in word if c.lower() != c.upper()]
    all_caps = len(cased) >= 2 and not any(c.islower() for c in cased)
    n = len(low)
    # per Latin position: Cyrillic text → (cost of its tokens, that cost plus spelling penalties)
    beams: list[dict[str, tuple[float, float]]] = [dict() for _ in range(n + 1)]
    beams[0][""] = (0.0, 0.0)
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
        for text, (score, _) in best:
            for latin, letters in options:
                chunk = _case(letters, word[i:i + len(latin)], all_caps)
                base = score + ortho.token + sum(ortho.letters.get(c, 0.0) for c in letters)
                _push(beams[i + len(latin)], text + chunk, base, ortho)
                if letters[-1:].isalpha() and chunk[-1:].isalpha():
                    for silent in inv.silent:
                        extra = _case(silent, "", all_caps)
                        _push(beams[i + len(latin)], text + chunk + extra,
                              base + ortho.silent.get(silent, 2.0), ortho)
    finals: list[Candidate] = []
    target = low
    for text, (_, score) in beams[n].items():
        score += sum(cost for pat, cost in ortho.final if pat.search(text.lower()))
        if check and unicodedata.normalize("NFC", romanize_word(scheme, text)).lower() != target:
            continue
        finals.append(Candidate(text, round(score, 3)))
    finals.sort(key=lambda c: (c.score, c.text))
    return finals[:limit]


def _push(beam: dict[str, tuple[float, float]], text: str, cost: float, ortho: _Orthography) -> None:
    low = text.lower()
    total = cost + sum(penalty for pat, penalty in ortho.partial if pat.search(low))
    if text not in beam or total < beam[text][1]:
        beam[text] = (cost, total)


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
