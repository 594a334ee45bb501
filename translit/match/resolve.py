"""Resolution: choosing among overlapping candidates, coreference of shared surnames, the final matches."""
from __future__ import annotations

from . import scores
from .fuzzy import FuzzyStep
from .lang import paragraphs
from .rewrite import canonical_form, detect_case_index
from .state import Cand, overlaps
from .types import CASES, LANGS, Match

__all__ = ["Scanner"]


class Scanner(FuzzyStep):
    """A whole scan: exact candidates, the fuzzy step over what is left, then one match per mention."""

    def resolve(self) -> list[Match]:
        cands, keeps = self.candidates()
        keeps.sort()
        keep_starts = [k[0] for k in keeps]
        cands = [x for x in cands
                 if not overlaps(self.excluded, self.excluded_starts, x.start, x.end)
                 and not overlaps(keeps, keep_starts, x.start, x.end)]
        chosen = self._choose(cands)
        taken = sorted([(x[0].start, x[0].end) for x in chosen] + self.excluded + keeps)
        fuzzy = [x for x in self.fuzzy(taken)
                 if not overlaps(self.excluded, self.excluded_starts, x.start, x.end)]
        chosen += self._choose(fuzzy)
        chosen.sort(key=lambda group: group[0].start)
        if self.lang == "auto" and any(p[2] == "cyr" for p in self.paras):
            # uk or ru, decided on the text around the names
            self.paras = paragraphs(self.text, "auto", [(g[0].start, g[0].end) for g in chosen])
            self.para_starts = [p[0] for p in self.paras]
        return [self.to_match(group) for group in self._corefer(chosen)]

    @staticmethod
    def _corefer(chosen: list[list[Cand]]) -> list[list[Cand]]:
        """A surname shared by two entries is the person named in full earlier in the text."""
        named: list[int] = []
        out = []
        for group in chosen:
            if len(group) > 1 and group[0].shape == "surname":
                earlier = [g for g in group if g.entry in named]
                if len(earlier) == 1:
                    group = earlier
            elif len(group) == 1 and group[0].shape != "surname":
                named.append(group[0].entry)
            out.append(group)
        return out

    @staticmethod
    def _choose(cands: list[Cand]) -> list[list[Cand]]:
        """Non-overlapping spans, longest and best first; equal rivals on one span stay together."""
        cands.sort(key=lambda x: (-(x.end - x.start), -x.score, x.start))
        chosen: list[list[Cand]] = []
        by_span: dict[tuple[int, int], list[Cand]] = {}
        size = max((c.end for c in cands), default=0)
        occupied = bytearray(size)
        for cand in cands:
            same = by_span.get((cand.start, cand.end))
            if same is not None:
                if abs(cand.score - same[0].score) < scores.TIE and all(cand.entry != g.entry for g in same):
                    same.append(cand)
                continue
            if occupied.find(1, cand.start, cand.end) >= 0:
                continue
            occupied[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
            group = [cand]
            by_span[(cand.start, cand.end)] = group
            chosen.append(group)
        return chosen

    def to_match(self, group: list[Cand]) -> Match:
        best = group[0]
        text_lang = self.lang_at(best.start)
        found = self.text[best.start:best.end]
        silenced = overlaps(self.silenced, self.silenced_starts, best.start, best.end)
        if len(group) > 1:
            ids = sorted({self.c.entries[g.entry].id for g in group})
            return Match(start=best.start, end=best.end, found=found, canonical=found, entry=None,
                         kind=self.c.entries[best.entry].kind, method=best.method, score=best.score,
                         candidates=ids, lang=text_lang, case=None, silenced=silenced)
        info = self.c.entries[best.entry]
        case = best.case if LANGS[best.lang] in ("uk", "ru") else 0
        if text_lang in ("uk", "ru") and LANGS[best.lang] not in ("uk", "ru") and best.method == "fuzzy":
            case = detect_case_index(found, text_lang)
        canonical = canonical_form(info, best, text_lang, case, found)
        method = best.method
        if method == "exact" and canonical != found:
            method = "variant"
        return Match(start=best.start, end=best.end, found=found, canonical=canonical, entry=info.id,
                     kind=info.kind, method=method, score=best.score, candidates=[], lang=text_lang,
                     case=CASES[case] if text_lang in ("uk", "ru") else None, silenced=silenced)
