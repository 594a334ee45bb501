"""Glossary names in translations: every name found in the source comes out in its house form.

After translation, `find_matches(output, lang=target)` finds the model's
rendering of each name and it is replaced by `Match.canonical`, the house form
in the same case. When the model dropped or mangled a name (fewer mentions of
the entry in the output than in the source), the paragraph is translated again
with the names protected by placeholders (`⟦0⟧`; no `_`, which argos turns
into a space) and the house form is put back in the case the sentence needs:
after a preposition that takes one case (`до ⟦0⟧` → до Кирила Буданова), else
in the nominative; the report says which case and why.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..caches import cached
from ..glossary import load_glossary, resolve_paths
from ..glossary.paths import glossary_hash as _files_hash
from ..text.scripts import in_cyrillic_block
from ..normalize import compile_glossary
from ..normalize import find_matches as normalize_find_matches

__all__ = ["NameEnforcer", "NameReport", "Checked", "Protected", "build_enforcer", "glossary_hash"]

_PLACEHOLDER = re.compile(r"⟦(\d+)⟧")
_WORD_BEFORE = re.compile(r"([^\W\d_]+(?:-[^\W\d_]+)?)\s*$")


@cached()
def _prepositions() -> dict[str, dict[str, str]]:
    """lang -> preposition -> the one case it takes (translate/data/prepositions.yaml)."""
    import yaml  # loaded when a name is restored, not for every translation

    data = yaml.safe_load((Path(__file__).with_name("data") / "prepositions.yaml").read_text(encoding="utf-8"))
    return {lang: {p: case for case, words in by_case.items() for p in words} for lang, by_case in data.items()}


def case_after(text_before: str, lang: str) -> tuple[str, str | None]:
    """The case a name needs after `text_before` in `lang`, and the preposition that decided it.

    A preposition that takes one case decides; anything else gives the nominative (None).
    """
    m = _WORD_BEFORE.search(text_before)
    if m:
        word = m.group(1).lower()
        case = _prepositions().get(lang, {}).get(word)
        if case:
            return case, word
    return "nomn", None


@dataclass
class NameReport:
    """How one glossary name came out in a translation (the `names` items of `--format json`)."""

    entry: str
    model: str | None          # what the model wrote: a name, a placeholder, or None when it lost the name
    text: str | None           # what the output has now (None: missing)
    how: str                   # model (kept as written) | rewritten | placeholder | missing
    case: str | None           # the case of the form written, where known

    def to_dict(self) -> dict[str, Any]:
        return {"entry": self.entry, "model": self.model, "text": self.text, "how": self.how, "case": self.case}


@dataclass
class Checked:
    """A translated paragraph with names rewritten; `missing` = entry ids the model lost."""

    text: str
    names: list[NameReport]
    missing: set[str] = field(default_factory=set)


@dataclass
class Protected:
    """A source paragraph with mentions replaced by numbered placeholders."""

    text: str
    slots: list[dict[str, Any]]     # per placeholder number (from `first`): entry, found, house form
    first: int = 0                  # numbers below are placeholders the text already had (document markup)


class NameEnforcer:
    """Puts glossary names into their house forms; built on translit.normalize."""

    def __init__(self, compiled: Any, entries: dict[str, Any], find_matches: Any = None,
                 skip: frozenset[str] = frozenset()):
        if find_matches is None:
            find_matches = normalize_find_matches
        self.compiled = compiled
        self.entries = entries          # entry id -> translit.glossary.Entry
        self._find = find_matches
        self.skip = skip                # entry ids whose names are left as the model writes them

    def without(self, entries: set[str] | frozenset[str]) -> "NameEnforcer":
        """The same enforcer, leaving names of `entries` as the model writes them (an editor
        rejected those rewrites): not rewritten, not protected, not reported as lost."""
        return NameEnforcer(self.compiled, self.entries, self._find, self.skip | frozenset(entries))

    def _matches(self, text: str, lang: str) -> list[Any]:
        return [m for m in self._find(text, lang=lang, compiled=self.compiled)
                if m.entry is not None and not m.silenced and m.entry not in self.skip]

    def _house(self, entry_id: str, lang: str) -> str | None:
        entry = self.entries.get(entry_id)
        return entry.form(lang) if entry is not None else None

    def source_names(self, text: str, source: str, target: str) -> list[Any]:
        """Mentions in the source whose entry has a house form in the target language."""
        return [m for m in self._matches(text, source) if self._house(m.entry, target)]

    def check(self, source_text: str, output: str, source: str, target: str) -> Checked:
        """Rewrite the model's renderings of names in `output` to house forms; list lost names."""
        wanted = Counter(m.entry for m in self.source_names(source_text, source, target))
        found = self._matches(output, target)
        names: list[NameReport] = []
        pieces: list[str] = []
        pos = 0
        got: Counter[str] = Counter()
        for m in found:
            if m.start < pos:
                continue
            canonical = m.canonical if _in_script(m.canonical, target) else self._house(m.entry, target)
            if not canonical:
                continue
            if canonical != m.canonical and m.method == "surname":
                canonical = canonical.split()[-1]      # a surname alone stays a surname alone
            got[m.entry] += 1
            pieces += [output[pos:m.start], canonical]
            pos = m.end
            how = "model" if m.found == canonical else "rewritten"
            names.append(NameReport(entry=m.entry, model=m.found, text=canonical, how=how, case=m.case))
        pieces.append(output[pos:])
        missing = {e for e, n in wanted.items() if got[e] < n}
        return Checked("".join(pieces), names, missing)

    def protect(self, source_text: str, source: str, target: str, entries: set[str]) -> Protected:
        """Replace mentions of `entries` with `⟦n⟧` placeholders, numbered after any the text already has."""
        first = max((int(m.group(1)) + 1 for m in _PLACEHOLDER.finditer(source_text)), default=0)
        slots: list[dict[str, Any]] = []
        pieces: list[str] = []
        pos = 0
        for m in self.source_names(source_text, source, target):
            if m.entry not in entries or m.start < pos:
                continue
            pieces += [source_text[pos:m.start], f"⟦{first + len(slots)}⟧"]
            slots.append({"entry": m.entry, "source": m.found, "house": self._house(m.entry, target),
                          "lang": target})
            pos = m.end
        pieces.append(source_text[pos:])
        return Protected("".join(pieces), slots, first)

    def restore(self, output: str, protected: Protected) -> tuple[str, list[NameReport], bool]:
        """Put house forms where the placeholders came out, in the case the preposition before
        them takes (else the nominative); False if a placeholder was lost."""
        seen: set[int] = set()
        names: list[NameReport] = []
        pieces: list[str] = []
        pos = 0
        for m in _PLACEHOLDER.finditer(output):
            n = int(m.group(1)) - protected.first
            if not 0 <= n < len(protected.slots):
                continue
            seen.add(n)
            slot = protected.slots[n]
            lang = slot.get("lang", "")
            case, _ = case_after(output[:m.start()], lang) if lang in ("uk", "ru") else ("nomn", None)
            text = str(slot["house"])
            if case != "nomn":
                text = self._inflect(slot["entry"], text, lang, case)
            pieces += [output[pos:m.start()], text]
            pos = m.end()
            names.append(NameReport(entry=slot["entry"], model=m.group(0), text=text, how="placeholder",
                                    case=case))
        pieces.append(output[pos:])
        return "".join(pieces), names, len(seen) == len(protected.slots)

    def _inflect(self, entry_id: str, house: str, lang: str, case: str) -> str:
        from ..morph import inflect_phrase  # pymorphy3 loads only when a restored name needs a case

        entry = self.entries.get(entry_id)
        try:
            return inflect_phrase(house, lang, case, getattr(entry, "kind", "other") or "other",
                                  getattr(entry, "gender", None))
        except Exception:  # noqa: BLE001 - a name the morphology cannot decline stays as written
            return house


def _in_script(form: str, lang: str) -> bool:
    """True when `form` is written in the script of `lang` (Cyrillic for uk/ru, Latin for en)."""
    letters = [c for c in form if c.isalpha()]
    if not letters:
        return False
    cyrillic = sum(in_cyrillic_block(c) for c in letters)
    return cyrillic * 2 > len(letters) if lang in ("uk", "ru") else cyrillic == 0


def glossary_hash(paths: list[str | Path]) -> str:
    """glossary.paths.glossary_hash of the files as they are now (one that cannot be read hashes as <missing>)."""
    def read(path: Path) -> bytes:
        try:
            return path.read_bytes()
        except OSError:
            return b"<missing>"

    return _files_hash((Path(p).name, read(Path(p))) for p in paths)


def build_enforcer(specs: list[str] | None) -> tuple[NameEnforcer | None, str]:
    """The enforcer for the glossaries named by `specs` (defaults as elsewhere) and their hash.

    (None, "none") when there are no glossary files.
    """
    paths = resolve_paths(specs)
    if not paths:
        return None, "none"
    glossary = load_glossary(specs)
    entries = {e.id: e for e in glossary}
    return NameEnforcer(compile_glossary(glossary), entries), glossary_hash(paths)
