"""The fuzzy step: capitalised words the automata missed, looked up by skeleton and edit distance."""
from __future__ import annotations

import re

from ..text.fold import phonetic, skeleton
from ..text.scripts import has_cyrillic
from .candidates import ExactCandidates
from .state import Cand
from . import scores
from .types import Role, unpack

MEMO_WORDS = 200_000  # capitalised words whose fuzzy outcome is remembered across texts

__all__ = ["FuzzyStep"]

# a capitalised word (the fuzzy step only looks at these); look-alike letters may follow the first
_CAP_WORD = re.compile(r"(?<![^\W_])[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЄІЇҐЎ](?:[^\W\d_]|['’ʼ-](?=[^\W\d_]))*")


class FuzzyStep(ExactCandidates):
    """The scan step for spellings no automaton holds: typos and other transliterations."""

    def fuzzy(self, taken: list[tuple[int, int]]) -> list[Cand]:
        out: list[Cand] = []
        c = self.c
        used = bytearray(len(self.text) + 1)
        for s, e in taken:
            used[s:e] = b"\x01" * (e - s)
        memo = c.memo  # shared by every text this glossary scans: records and blocks repeat their words
        if len(memo) > MEMO_WORDS:
            memo.clear()
        latin = c.part("latin")[0]
        # without Cyrillic in the text no token starts with a Cyrillic letter: the Latin automaton stands in
        cyrillic = c.part("cyrillic")[0] if has_cyrillic(self.folded) else latin
        folded = self.folded
        for m in _CAP_WORD.finditer(self.text):
            s, e = m.span()
            if e - s < 5 or used.find(1, s, e) >= 0:
                continue
            token = folded[s:e]
            if token.endswith("'s"):
                token, e = token[:-2], e - 2
            found = memo.get(token)
            if found is None:
                if token in c.given:
                    found = []  # a given name alone never matches
                elif (cyrillic if token[0] >= "\u0400" else latin).exists(token):
                    found = []  # a known spelling: the exact step already decided about it
                else:
                    found = self._fuzzy_lookup(token)
                memo[token] = found
            for hit, sim in found:
                ei, role, lang, case, origin = unpack(hit)
                info = c.entries[ei]
                if role == Role.SURNAME:
                    cand = self.person(s, e, ei, lang, case, "fuzzy", sim)
                    if cand:
                        cand.method = "fuzzy"
                        out.append(cand)
                elif not info.common_word or self.common_word_ok(s, e, lang):
                    out.append(Cand(s, e, ei, lang, case, "fuzzy", sim))
        return out

    def _fuzzy_lookup(self, token: str) -> list[tuple[int, float]]:
        """(hit, similarity) of the best near spelling per entry: one or two edits, or the same sounds."""
        store = self.c.store
        skel = skeleton(token)
        start = 1 if skel.startswith("~") else 0
        keys = [skel]
        if len(skel) - start >= 4:
            keys += [skel[:i] + skel[i + 1:] for i in range(start, len(skel))]
        cands = store.near(keys)
        if not cands:
            return []
        # rapidfuzz only when some form is near: normalizing starts faster
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        same_skeleton = {h for h, _ in store.bucket(skel)}
        limit = 1 if len(token) < 9 else 2
        ph = phonetic(token)
        best: dict[int, tuple[int, float]] = {}
        results = process.extract(token, [f for _, f in cands], scorer=OSA.distance, score_cutoff=limit,
                                  limit=None)
        scored = {i: d for _, d, i in results}
        for i, (hit, form) in enumerate(cands):
            if form == token:
                continue  # the exact step already decided about this spelling
            d = scored.get(i)
            if d is None:
                if hit not in same_skeleton or phonetic(form) != ph:
                    continue
                d = 1  # the same sounds: Zaporizhia, Zaporizhzhia
            elif abs(len(form) - len(token)) > 1 and phonetic(form) != ph:
                continue  # a typo changes the length by one letter at most (Ukrainian is not Ukraine)
            if (token.startswith(form) or form.startswith(token)) and \
                    token != form + form[-1] and form != token + token[-1]:
                continue  # a longer or shorter word is another name (Peskova, Zelenograd), not a doubled letter
            sim = 1.0 - scores.FUZZY_EDIT_WEIGHT * d / max(len(form), len(token)) - scores.FUZZY_PENALTY
            ei = unpack(hit)[0]
            if ei not in best or best[ei][1] < sim:
                best[ei] = (hit, sim)
        return list(best.values())
