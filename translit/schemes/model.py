"""A romanization scheme: metadata, letter mapping and context rules read from one YAML file.

Files live in `translit/schemes/data/<lang>-<slug>.yaml`; the format is described in
docs/schemes.md.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..text.langs import CYRILLIC_LANGS

__all__ = ["LANGS", "APOSTROPHE", "Rule", "Scheme", "load_scheme_file", "load_letter_classes"]

LANGS = CYRILLIC_LANGS
APOSTROPHE = "ʼ"  # the canonical in-word apostrophe the engine sees (U+02BC)

DATA_DIR = Path(__file__).parent / "data"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_REQUIRED = ("name", "year", "source", "standard", "reversible", "ascii", "mapping", "samples")
_KNOWN = set(_REQUIRED) | {
    "lang", "rules", "notes", "samples_source", "checked_with", "title",
}
_RULE_KEYS = {"letters", "out", "initial", "final", "after", "not_after", "before", "not_before", "skip"}


@dataclass(frozen=True)
class Rule:
    """Write `letters` (lowercase Cyrillic, one or more) as `out` where the conditions hold.

    `after`/`before` test the letter just before/after `letters` inside the word;
    `initial`/`final` test the word's edges. A rule without conditions is a plain mapping.
    `skip` names letters those tests look past: a scheme that writes ь as nothing checks
    `after: з` past it, so з-ь-г reads as зг (zgh), as it is written.
    """

    letters: str
    out: str
    initial: bool | None = None
    final: bool | None = None
    after: frozenset[str] | None = None
    not_after: frozenset[str] | None = None
    before: frozenset[str] | None = None
    not_before: frozenset[str] | None = None
    skip: frozenset[str] | None = None

    @property
    def conditional(self) -> bool:
        return any(v is not None for v in (
            self.initial, self.final, self.after, self.not_after, self.before, self.not_before))

    def applies(self, word: str, start: int) -> bool:
        """True if this rule may rewrite `word[start:start+len(letters)]`."""
        end = start + len(self.letters)
        if word[start:end] != self.letters:
            return False
        if self.initial is not None and (start == 0) != self.initial:
            return False
        if self.final is not None and (end == len(word)) != self.final:
            return False
        before, after = start - 1, end
        if self.skip:
            while before >= 0 and word[before] in self.skip:
                before -= 1
            while after < len(word) and word[after] in self.skip:
                after += 1
        prev = word[before] if before >= 0 else ""
        nxt = word[after] if after < len(word) else ""
        if self.after is not None and prev not in self.after:
            return False
        if self.not_after is not None and prev and prev in self.not_after:
            return False
        if self.before is not None and nxt not in self.before:
            return False
        if self.not_before is not None and nxt and nxt in self.not_before:
            return False
        return True


@dataclass(frozen=True)
class Scheme:
    """One romanization scheme for one language (see `translit/schemes/data/`)."""

    lang: str
    slug: str
    name: str
    year: int
    source: str
    standard: bool
    reversible: bool
    ascii: bool
    rules: tuple[Rule, ...]
    samples: tuple[tuple[str, str], ...]
    notes: tuple[str, ...] = ()
    samples_source: str = ""
    checked_with: str = ""
    title: str = ""
    path: str = ""
    _by_first: dict[str, tuple[Rule, ...]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def id(self) -> str:
        """`<lang>-<slug>`, the file stem."""
        return f"{self.lang}-{self.slug}"

    def __hash__(self) -> int:  # every cache keyed by a scheme hashes it: its id, not its whole table
        return hash((self.lang, self.slug, self.path))

    @property
    def kind(self) -> str:
        return "standard" if self.standard else "convention"

    def rules_at(self, letter: str) -> tuple[Rule, ...]:
        """Rules whose letters start with `letter`, in the order they are tried."""
        return self._by_first.get(letter, ())

    def to_dict(self) -> dict[str, object]:
        """Metadata for `translit schemes --format json`."""
        return {
            "lang": self.lang, "slug": self.slug, "name": self.name, "year": self.year,
            "standard": self.standard, "reversible": self.reversible, "ascii": self.ascii,
            "source": self.source, "sample": list(self.samples[0]) if self.samples else None,
        }


def load_letter_classes() -> dict[str, dict[str, str]]:
    """Named letter classes per language (`data/letters.yaml`): vowels, consonants..."""
    with open(DATA_DIR / "letters.yaml", encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=_Loader)
    return {lang: {k: _nfc(v) for k, v in classes.items()} for lang, classes in data.items()}


def load_scheme_file(path: Path, classes: dict[str, dict[str, str]]) -> Scheme:
    """Read and validate one scheme file; raise ValueError naming the file and the bad field."""
    stem = path.stem
    lang, _, slug = stem.partition("-")
    where = f"scheme {stem}"
    if lang not in LANGS or not slug:
        raise ValueError(f"{where}: file name must be <lang>-<slug>.yaml with lang in {LANGS}")
    with open(path, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=_Loader)
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected a mapping at the top level")
    for key in _REQUIRED:
        if key not in data:
            raise ValueError(f"{where}: missing field '{key}'")
    unknown = set(data) - _KNOWN
    if unknown:
        raise ValueError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    if data.get("lang", lang) != lang:
        raise ValueError(f"{where}: field 'lang' is {data['lang']!r}, file name says {lang!r}")
    lang_classes = classes.get(lang, {})

    rules: list[Rule] = [_rule(where, i, r, lang_classes) for i, r in enumerate(data.get("rules") or [])]
    mapping = data["mapping"]
    if not isinstance(mapping, dict):
        raise ValueError(f"{where}: 'mapping' must map Cyrillic letters to Latin strings")
    plain = [Rule(letters=_key(where, k), out=_nfc(_str(where, "mapping", v))) for k, v in mapping.items()]
    # conditional rules first, in file order; then plain mappings, longest letters first
    plain.sort(key=lambda r: -len(r.letters))
    ordered = rules + plain
    by_first: dict[str, list[Rule]] = {}
    for rule in ordered:
        by_first.setdefault(rule.letters[0], []).append(rule)

    samples = []
    for i, sample in enumerate(data["samples"] or []):
        if not (isinstance(sample, list) and len(sample) == 2 and all(isinstance(s, str) for s in sample)):
            raise ValueError(f"{where}: samples[{i}] must be a [cyrillic, latin] pair")
        samples.append((_nfc(sample[0]), _nfc(sample[1])))
    for key in ("standard", "reversible", "ascii"):
        if not isinstance(data[key], bool):
            raise ValueError(f"{where}: '{key}' must be true or false")
    if not isinstance(data["year"], int):
        raise ValueError(f"{where}: 'year' must be a number")
    return Scheme(
        lang=lang, slug=slug, name=str(data["name"]), year=data["year"], source=str(data["source"]),
        standard=data["standard"], reversible=data["reversible"], ascii=data["ascii"],
        rules=tuple(ordered), samples=tuple(samples), notes=tuple(data.get("notes") or ()),
        samples_source=str(data.get("samples_source") or ""),
        checked_with=str(data.get("checked_with") or ""), title=str(data.get("title") or ""),
        path=str(path), _by_first={k: tuple(v) for k, v in by_first.items()},
    )


def _rule(where: str, index: int, raw: Any, classes: dict[str, str]) -> Rule:
    if not isinstance(raw, dict) or "letters" not in raw or "out" not in raw:
        raise ValueError(f"{where}: rules[{index}] needs 'letters' and 'out'")
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise ValueError(f"{where}: rules[{index}]: unknown key(s) {', '.join(sorted(unknown))}")

    def letters(key: str) -> frozenset[str] | None:
        value = raw.get(key)
        if value is None:
            return None
        text = "".join(classes.get(part.strip(), part.strip()) for part in str(value).split("+"))
        return frozenset(_nfc(text))

    def flag(key: str) -> bool | None:
        value = raw.get(key)
        if value is not None and not isinstance(value, bool):
            raise ValueError(f"{where}: rules[{index}].{key} must be true or false")
        return value

    return Rule(
        letters=_key(where, raw["letters"]), out=_nfc(_str(where, f"rules[{index}].out", raw["out"])),
        initial=flag("initial"), final=flag("final"),
        after=letters("after"), not_after=letters("not_after"),
        before=letters("before"), not_before=letters("not_before"), skip=letters("skip"),
    )


def _key(where: str, key: object) -> str:
    if not isinstance(key, str) or not key or key != key.lower():
        raise ValueError(f"{where}: {key!r} must be lowercase Cyrillic letters")
    return _nfc(key)


def _str(where: str, what: str, value: object) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{where}: {what}: {value!r} must be a string")
    return value


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
