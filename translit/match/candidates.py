"""Candidates from the automata: every glossary form found in the text, on word boundaries."""
from __future__ import annotations

from ..text.scripts import has_cyrillic
from .extend import NameExtension
from .state import Cand, left_token
from .types import KEY_LENGTH, METHODS, Origin, Role, unpack
from . import scores

__all__ = ["ExactCandidates"]


class ExactCandidates(NameExtension):
    """The scan step that turns automaton hits into candidates."""

    def candidates(self) -> tuple[list[Cand], list[tuple[int, int]]]:
        cands: list[Cand] = []
        keeps: list[tuple[int, int]] = []
        c = self.c
        automaton, values = c.part("latin")
        hits = [(end, values[i]) for end, i in automaton.iter(self.folded)]
        if has_cyrillic(self.folded):
            automaton, values = c.part("cyrillic")
            hits += [(end, values[i]) for end, i in automaton.iter(self.folded)]
        for end_index, value in hits:
            e = end_index + 1
            s = e - (value & KEY_LENGTH)
            if not self.bounded(s, e):
                continue
            seen: set[int] = set()
            for hit in c.hits(value):
                ei, role, lang, case, origin = unpack(hit)
                if ei in seen:
                    continue  # the same spelling in several cases: the first (lowest) case stands
                seen.add(ei)
                if role == Role.KEEP:
                    keeps.append((s, e))
                    continue
                if not self.has_capital(s, e):
                    continue
                info = c.entries[ei]
                method = METHODS[Origin.INFLECTED] if case else METHODS[origin]
                score = scores.BY_ORIGIN[origin]
                if role == Role.SURNAME:
                    cand = self.person(s, e, ei, lang, case, method, score)
                    if cand:
                        cands.append(cand)
                    continue
                if info.common_word and not self.common_word_ok(s, e, lang):
                    continue
                if info.kind == "place" and self.after_given_name(s):
                    continue  # "Игорь Николаев" is a person, not Mykolaiv
                cands.append(Cand(s, e, ei, lang, case, method, score))
        return cands, keeps

    def after_given_name(self, s: int) -> bool:
        """True when a capitalised given name stands right before `s`."""
        left = left_token(self.folded, s)
        return bool(left and (left.text in self.c.given or left.text in self.c.known_given)
                    and self.text[left.s].isupper()
                    and self._same_script(left.text, self.folded[s:s + 1]))
