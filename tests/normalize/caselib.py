"""The normalizer's table-driven cases: loading, the no-variants glossary, scoring.

Shared by the pytest harness (test_cases.py, conftest.py) and `bench/eval_cases.py`.
Case files are `cases/*.yaml`; their format is described in test_cases.py.
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
GLOSSARY = HERE / "glossary.yaml"
CASES_DIR = HERE / "cases"
KNOWN_GAPS = HERE / "known_gaps.txt"
LANGS = ("en", "uk", "ru")
MODES = ("as-written", "no-variants")  # the glossary as written / with every variants list removed


@dataclass(frozen=True)
class Expected:
    """One mention a case expects: the text as written and its entry (or the tied candidates)."""

    found: str
    entry: str | None
    candidates: tuple[str, ...] = ()

    def key(self) -> tuple[str, str | None, tuple[str, ...]]:
        return (self.found, self.entry, self.candidates)


@dataclass(frozen=True)
class Case:
    id: str
    lang: str
    text: str
    mentions: tuple[Expected, ...]
    output: str | None
    needs_variants: bool
    note: str | None
    path: str


def load_cases(directory: Path = CASES_DIR) -> list[Case]:
    """Every case of every `*.yaml` file in `directory`, in file order."""
    out: list[Case] = []
    for path in sorted(directory.glob("*.yaml")):
        for raw in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            mentions = tuple(
                Expected(m["found"], m.get("entry"), tuple(sorted(m.get("candidates") or ())))
                for m in raw.get("mentions") or ()
            )
            out.append(Case(
                id=raw["id"], lang=raw["lang"], text=raw["text"], mentions=mentions,
                output=raw.get("output"), needs_variants=bool(raw.get("needs_variants", False)),
                note=raw.get("note"), path=path.name,
            ))
    return out


def load_known_gaps(path: Path = KNOWN_GAPS) -> set[str]:
    """Case ids the normalizer is known to fail (one per line, `#` comments); they run as xfail."""
    if not path.is_file():
        return set()
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.add(line)
    return out


def load_test_glossary(mode: str = "as-written"):  # type: ignore[no-untyped-def]
    """The test glossary; with mode "no-variants" every entry's variants list is emptied."""
    from translit.glossary import Glossary, load_glossary

    glossary = load_glossary([str(GLOSSARY)])
    if mode == "as-written":
        return glossary
    entries = [dataclasses.replace(e, variants=[]) for e in glossary.entries]
    return Glossary(entries, [])  # no paths: it must not share the on-disk cache of the file


def reported_keys(matches: list[Any]) -> list[Expected]:
    """The normalizer's matches in the cases' terms."""
    return [Expected(m.found, m.entry, tuple(sorted(m.candidates or ()))) for m in matches]


@dataclass
class Tally:
    """Counts behind recall and precision."""

    expected: int = 0
    expected_found: int = 0  # expected mentions reported with the right entry (or the right tie)
    reported: int = 0
    reported_right: int = 0  # reported mentions that some expected mention accounts for
    cases: int = 0
    cases_passed: int = 0
    failed_ids: list[str] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        self.expected += other.expected
        self.expected_found += other.expected_found
        self.reported += other.reported
        self.reported_right += other.reported_right
        self.cases += other.cases
        self.cases_passed += other.cases_passed
        self.failed_ids += other.failed_ids

    @property
    def recall(self) -> float:
        return self.expected_found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.reported_right / self.reported if self.reported else 1.0


# (glossary mode, "given"|"auto", text language) -> counts of this process; filled by test_cases.py
TALLIES: dict[tuple[str, str, str], Tally] = {}


def score(case: Case, reported: list[Expected], output: str | None) -> Tally:
    """Recall/precision counts for one run of one case (mentions compared as a multiset)."""
    want = Counter(m.key() for m in case.mentions)
    got = Counter(m.key() for m in reported)
    hits = sum((want & got).values())
    passed = [m.key() for m in case.mentions] == [m.key() for m in reported] and (
        case.output is None or output == case.output)
    return Tally(expected=sum(want.values()), expected_found=hits, reported=sum(got.values()),
                 reported_right=hits, cases=1, cases_passed=int(passed),
                 failed_ids=[] if passed else [case.id])


def summary_lines(tallies: dict[tuple[str, str, str], Tally]) -> list[str]:
    """A table of recall and precision per (glossary mode, lang argument, text language)."""
    lines = [f"{'glossary':<12} {'lang arg':<8} {'text':<5} {'cases':>11} {'recall':>8} {'precision':>10}"
             f" {'expected':>9} {'reported':>9}"]
    for mode in MODES:
        for how in ("given", "auto"):
            total = Tally()
            for lang in LANGS:
                t = tallies.get((mode, how, lang))
                if t is None:
                    continue
                total.add(t)
                lines.append(_row(mode, how, lang, t))
            if total.cases:
                lines.append(_row(mode, how, "all", total))
    return lines


def _row(mode: str, how: str, lang: str, t: Tally) -> str:
    return (f"{mode:<12} {how:<8} {lang:<5} {f'{t.cases_passed}/{t.cases}':>11} {t.recall:>8.1%}"
            f" {t.precision:>10.1%} {t.expected:>9} {t.reported:>9}")
