"""Compiling a glossary: every form of every entry in one automaton (two: Latin and Cyrillic keys)."""
from __future__ import annotations

import re
from array import array

import ahocorasick

from ..glossary.model import Entry
from ..text.fold import fold_form, skeleton
from ..text.scripts import has_cyrillic
from .forms import add_entry, known_given_forms, romanizations
from .store import MemoryStore
from .types import KEY_LENGTH, Compiled, EntryInfo, FormLang, Origin, Role, automaton_value, pack, unpack

__all__ = ["compile_entries"]

_DESIGNATION = re.compile(r"^(?P<a>[^\W\d_]+)[- ]?(?P<n>\d[\w-]*)$")


def _sep_variants(folded: str) -> set[str]:
    """Spacing and hyphen variants of a folded form: mi-8, mi 8, mi8."""
    out = {folded}
    if "-" in folded:
        out.add(folded.replace("-", " "))
    m = _DESIGNATION.match(folded)
    if m:
        a, n = m.group("a"), m.group("n")
        out |= {f"{a}-{n}", f"{a} {n}", f"{a}{n}"}
    return out


class _Builder:
    def __init__(self) -> None:
        self.forms: dict[str, list[int]] = {}
        self.given: dict[str, set[int]] = {}
        self.group_ids: dict[tuple[str, str], int] = {}
        self.group_forms: list[set[str]] = []
        self.fuzzy: dict[str, list[int]] = {}  # lists, not sets: a set costs 200 bytes even when small
        self.fuzzy_forms: dict[int, str] = {}
        self.common_forms: set[str] = set()
        self.known_given: set[str] = set()

    def add(self, form: str, hit: int, fuzzy: bool = False) -> None:
        # an apostrophe at the edge of a form (GOST 7.79 writes ы as y`) reads as a quote mark in text
        folded = fold_form(form).strip("'")
        if not folded:
            return
        for key in _sep_variants(folded):
            bucket = self.forms.setdefault(key, [])
            if hit not in bucket:
                bucket.append(hit)
        if fuzzy and " " not in folded and not any(c.isdigit() for c in folded) and len(folded) >= 5:
            self.fuzzy_forms.setdefault(hit, folded)
            skel = skeleton(folded)
            start = 1 if skel.startswith("~") else 0
            for k in {skel, *(skel[:i] + skel[i + 1:] for i in range(start, len(skel)))}:
                bucket = self.fuzzy.setdefault(k, [])
                if not bucket or bucket[-1] != hit:
                    bucket.append(hit)

    def group_for(self, uk: str, ru: str, forms: set[str]) -> int:
        """The given-name group of (uk, ru), created on first use, with `forms` added to it."""
        gid = self.group_ids.get((uk, ru))
        if gid is None:
            gid = len(self.group_forms)
            self.group_ids[(uk, ru)] = gid
            self.group_forms.append(set())
        self.add_given(gid, forms)
        return gid

    def add_given(self, gid: int, forms: set[str]) -> None:
        """Add spellings (one word each) to given-name group `gid`."""
        for form in forms:
            folded = fold_form(form)
            if folded and " " not in folded:
                self.group_forms[gid].add(folded)
                self.given.setdefault(folded, set()).add(gid)

    def finish(self, entries: list[EntryInfo]) -> Compiled:
        stats = {"entries": len(entries), "forms": len(self.forms), "fuzzy_keys": len(self.fuzzy)}
        multi: list[tuple[int, ...]] = []
        # pyahocorasick stores 32-bit ints: the automaton holds an index into a 64-bit value table
        automata = {name: ahocorasick.Automaton(ahocorasick.STORE_INTS) for name in ("latin", "cyrillic")}
        values = {name: array("q") for name in automata}
        for key, hits in self.forms.items():
            if len(key) > KEY_LENGTH:
                continue
            if len(hits) > 1:  # per entry, the most telling origin first: exact, variant, romanized, inflected
                hits.sort(key=lambda h: (unpack(h)[4], unpack(h)[3]))
            if len(hits) == 1:
                value = automaton_value(hits[0], False, len(key))
            else:
                multi.append(tuple(hits))
                value = automaton_value(len(multi) - 1, True, len(key))
            name = "cyrillic" if has_cyrillic(key) else "latin"
            automata[name].add_word(key, len(values[name]))
            values[name].append(value)
        self.forms = {}  # the automata hold them now
        for automaton in automata.values():
            automaton.make_automaton()
        store = MemoryStore(entries, {k: tuple(sorted(set(v))) for k, v in self.fuzzy.items()}, self.fuzzy_forms)
        self.fuzzy = {}
        return Compiled(
            store=store,
            multi=multi,
            given={k: tuple(sorted(v)) for k, v in self.given.items()},
            group_forms=[tuple(sorted(g)) for g in self.group_forms],
            common_forms=frozenset(self.common_forms),
            known_given=frozenset(self.known_given),
            parts={name: (automata[name], values[name]) for name in automata},
            stats=stats,
        )


def compile_entries(entries: list[Entry]) -> Compiled:
    """Compile glossary entries: derive every form (schemes, case forms, given names) into one index."""
    builder = _Builder()
    builder.known_given = known_given_forms()
    infos: list[EntryInfo] = []
    names = _latin_names(entries)
    for index, entry in enumerate(entries):
        infos.append(add_entry(builder, index, entry))
        for form in _built_on_names(entry, names):
            builder.add(form, pack(index, Role.FULL, FormLang.LAT, 0, Origin.VARIANT))
    return builder.finish(infos)


_WORDS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


def _latin_names(entries: list[Entry]) -> dict[str, list[str]]:
    """One-word English house forms (Zaporizhzhia) -> their Latin variants and, for places, every
    romanization of their uk/ru forms (Zaporozhye, Zaporizhia)."""
    out: dict[str, list[str]] = {}
    for entry in entries:
        if " " in entry.en:
            continue
        latin = [v for v in entry.variants if " " not in v and not has_cyrillic(v)]
        if entry.kind == "place":
            for lang in ("uk", "ru"):
                form = getattr(entry, lang)
                if form and " " not in form and has_cyrillic(form):
                    latin += [r for r in romanizations(form, lang) if r != entry.en]
        if latin:
            out[entry.en] = list(dict.fromkeys(latin))
    return out


def _built_on_names(entry: Entry, names: dict[str, list[str]]) -> list[str]:
    """A multi-word name containing another entry's name (a plant named after its city), with every
    declared Latin spelling of that name: Zaporozhye Nuclear Power Plant."""
    if entry.kind == "person" or " " not in entry.en or not names:
        return []
    out = []
    for word in _WORDS.findall(entry.en):
        for variant in names.get(word, ()):
            out.append(re.sub(rf"(?<![\w']){re.escape(word)}(?![\w'])", variant, entry.en))
    return out
