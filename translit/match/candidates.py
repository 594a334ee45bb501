"""Candidates from the automata: every glossary form found in the text, on word boundaries."""
from __future__ import annotations

from .context import cases_after
from .extend import NameExtension
from .house import house_spelling
from .state import Cand, left_token
from .types import ENTRY_SHIFT, KEY_LENGTH, LANGS, METHODS, Origin, Role, unpack
from . import scores

__all__ = ["ExactCandidates"]

# the enum members as plain ints: reading Role.KEEP costs about a microsecond per hit (Python 3.11)
_KEEP, _SURNAME, _ABBREVIATION = int(Role.KEEP), int(Role.SURNAME), int(Role.ABBREVIATION)
_EXACT = int(Origin.EXACT)
_INFLECTED = METHODS[Origin.INFLECTED]


class ExactCandidates(NameExtension):
    """The scan step that turns automaton hits into candidates."""

    def candidates(self) -> tuple[list[Cand], list[tuple[int, int]]]:
        cands: list[Cand] = []
        keeps: list[tuple[int, int]] = []
        # a name that is also a word, capitalised at a sentence start ("Кремль заявил"): it counts only
        # when the text names the entry elsewhere where it shows it is the name (в Кремле, «Кремль») and
        # never writes it as the ordinary word (агентство)
        initial: list[Cand] = []
        named: set[int] = set()
        as_word: set[int] = set()
        c = self.c
        automaton, values = c.part("latin")
        hits = [(end, values[i]) for end, i in automaton.iter(self.folded)]
        if self.cyrillic:
            automaton, values = c.part("cyrillic")
            hits += [(end, values[i]) for end, i in automaton.iter(self.folded)]
        by_value: dict[int, tuple[list[tuple[int, int, int, int, int]], dict[int, list[int]]]] = {}
        self.prefetch({hit >> ENTRY_SHIFT for value in {v for _, v in hits} for hit in c.hits(value)})
        for end_index, value in hits:
            e = end_index + 1
            s = e - (value & KEY_LENGTH)
            suffix = 0
            bounded = self.bounded(s, e)
            if not bounded or self.folded.startswith("-", e):
                suffix = self.model_suffix(s, e)  # МіГ-31К, Панцир-С2, F-16s
                if not suffix and not bounded:
                    continue
            plain = self.hyphenated(s, e)
            hyphen_suffix = self.hyphenated(s, e + suffix) if suffix else plain
            if plain == "number" and hyphen_suffix == "number":
                continue  # Шахед-238 is another model, not Шахед
            unpacked = by_value.get(value)
            if unpacked is None:  # the same key found again: its hits are unpacked once per text
                all_hits = [unpack(hit) for hit in c.hits(value)]
                cases_of: dict[int, list[int]] = {}
                for u in all_hits:
                    cases_of.setdefault(u[0], []).append(u[3])
                unpacked = by_value[value] = (all_hits, cases_of)
            all_hits, cases_of = unpacked
            seen: set[int] = set()
            lower = None
            for ei, role, lang, case, origin in all_hits:
                if ei in seen:
                    continue  # the same spelling in several cases: the first (lowest) case stands
                seen.add(ei)
                if role == _KEEP:
                    keeps.append((s, e))
                    continue
                info = self.entry(ei)
                if suffix and info.kind != "equipment" and not bounded:
                    continue
                hyphen = hyphen_suffix if suffix and info.kind == "equipment" else plain
                if hyphen == "number":
                    continue
                if role == _ABBREVIATION:
                    if origin == _EXACT and sum(ch.isupper() for ch in self.text[s:e]) < 2:
                        continue  # ОП, МО: only written in capitals
                    if not self.ruled_out(info, s):
                        cands.append(Cand(s, e, ei, lang, 0, "abbreviation", scores.ABBREVIATION, "abbr",
                                          reason="abbreviation"))
                    continue
                if not self.has_capital(s, e):
                    # a name in lower case (росія, рф) counts in Cyrillic when no dictionary knows it as a
                    # word, or when it is exactly a house form; a surname (володимир путін) only after the
                    # person's own given name, also in lower case
                    if info.common_word:
                        as_word.add(ei)
                        continue
                    if LANGS[lang] not in ("uk", "ru"):
                        continue
                    if role == _SURNAME:
                        if not self.ruled_out(info, s):
                            cand = self.lower_person(s, e, ei, lang, case, _INFLECTED if case
                                                     else METHODS[origin], scores.BY_ORIGIN[origin],
                                                     tuple(dict.fromkeys(cases_of[ei])))
                            if cand:
                                cand.cases = tuple(dict.fromkeys(cases_of[ei]))
                                cands.append(cand)
                        continue
                    if lower is None:
                        lower = self.lower_ok(s, e)
                    if not lower and not (lower is False and house_spelling(info, self.text[s:e], LANGS[lang])):
                        continue
                method = _INFLECTED if case else METHODS[origin]
                score = scores.BY_ORIGIN[origin]
                if self.ruled_out(info, s):
                    continue  # крейсер «Москва», село Зеленівка: a classifier noun of another kind
                if role == _SURNAME:
                    cand = self.person(s, e, ei, lang, case, method, score)
                    if cand:
                        cand.cases = tuple(dict.fromkeys(cases_of[ei]))
                        if hyphen:
                            cand.reason = "hyphenated"
                        cands.append(cand)
                    continue
                at_start = False
                if info.common_word:
                    if self.common_word_ok(s, e, lang) or self.confirmed(info, s):
                        named.add(ei)
                    elif self.text[s].isupper() and self.sentence_initial(s):
                        at_start = True
                    else:
                        continue
                if info.kind == "place" and self.after_given_name(s):
                    continue  # "Игорь Николаев" is a person, not Mykolaiv
                if set(cases_of[ei]) <= {5, 6} and not set(cases_after([self._word_before(s)])) & {5}:
                    continue  # a locative needs a preposition: Львове in a list of villages is not Львов
                start = s + 4 if self.text.startswith("the ", s) and e - s > 4 else s  # the Kyiv Independent
                extra = suffix if info.kind == "equipment" else 0
                cand = Cand(start, e + extra, ei, lang, case, method, score,
                            cases=tuple(dict.fromkeys(cases_of[ei])))
                if extra and self._english_plural(e, extra):
                    cand.shape = "plural"  # F-16s, Shaheds: rewritten in the plural
                elif extra:
                    cand.reason = "model-suffix"
                elif hyphen:
                    cand.reason = "hyphenated"
                (initial if at_start else cands).append(cand)
        cands += [cand for cand in initial if cand.entry in named and cand.entry not in as_word]
        return cands, keeps

    def after_given_name(self, s: int) -> bool:
        """True when a capitalised given name stands right before `s`."""
        left = left_token(self.folded, s)
        return bool(left and (left.text in self.c.given or left.text in self.c.known_given)
                    and self.text[left.s].isupper()
                    and self._same_script(left.text, self.folded[s:s + 1]))
