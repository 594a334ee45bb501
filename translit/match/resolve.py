"""Resolution: choosing among overlapping candidates, coreference of shared surnames, the final matches."""
from __future__ import annotations

from bisect import bisect_left

from ..text.scripts import has_cyrillic
from . import scores
from .lang import paragraphs
from .house import is_house_form, same_in_every_language
from .policy import RewritePolicy
from .rewrite import canonical_form, detect_case_index
from .state import Cand, overlaps
from .types import CASES, LANGS, Match

__all__ = ["Scanner"]


class Scanner(RewritePolicy):
    """A whole scan: exact candidates, the fuzzy step over what is left, then one match per mention."""

    def resolve(self) -> list[Match]:
        chosen = self._scan_once()
        if self.lang == "auto" and self.cyrillic:
            # uk or ru, decided on the text around the names
            guess = [p[2] == "en" for p in self.paras]
            self._decide_langs(chosen)
            if guess != [p[2] == "en" for p in self.paras]:
                # the script guessed from all letters was wrong once the names are left out: judge the
                # candidates again as text of the language decided, so a second run finds the same
                self.others, self._before = [], {}
                chosen = self._scan_once()
                self._decide_langs(chosen)
        return [self.to_match(group) for group in self._corefer(chosen)]

    def _decide_langs(self, chosen: list[list[Cand]]) -> None:
        self.ties = set()
        neutral = [(g[0].start, g[0].end) for g in chosen
                   if len(g) == 1 and same_in_every_language(self.entry(g[0].entry))]
        self.paras = paragraphs(self.text, "auto", [(g[0].start, g[0].end) for g in chosen],
                                self._votes(chosen), self.ties, neutral)
        self.para_starts = [p[0] for p in self.paras]

    def _scan_once(self) -> list[list[Cand]]:
        cands, keeps = self.candidates()
        keeps.sort()
        keep_starts = [k[0] for k in keeps]
        excluded, excluded_starts = self.excluded, self.excluded_starts
        if excluded or keeps:  # (most texts have neither: no URL, no spelling to keep)
            cands = [x for x in cands
                     if not overlaps(excluded, excluded_starts, x.start, x.end)
                     and not overlaps(keeps, keep_starts, x.start, x.end)]
        chosen = self._choose(cands)
        taken = sorted([(x[0].start, x[0].end) for x in chosen] + excluded + keeps)
        fuzzy = self.fuzzy(taken)
        if excluded:
            fuzzy = [x for x in fuzzy if not overlaps(excluded, excluded_starts, x.start, x.end)]
        chosen += self._choose(fuzzy)
        chosen.sort(key=lambda group: group[0].start)
        return chosen

    def _votes(self, chosen: list[list[Cand]]) -> list[tuple[int, int]]:
        """(position, +1/-1) for each Cyrillic mention written in a form only the uk (ru) house forms have."""
        out = []
        for group in chosen:
            best = group[0]
            if len(group) > 1 or best.shape == "abbr":
                continue
            found = self.text[best.start:best.end]
            if not has_cyrillic(found):
                continue
            info = self.entry(best.entry)
            uk, ru = is_house_form(info, found, "uk"), is_house_form(info, found, "ru")
            if uk != ru:
                out.append((best.start, 1 if uk else -1))
        return out

    def _corefer(self, chosen: list[list[Cand]]) -> list[list[Cand]]:
        """A surname shared by two entries is the person named in full earlier in the text; a surname
        alone after another person of that surname (the father of the entry's person, a namesake) was
        named last is that person's, not the entry's."""
        named: set[int] = set()
        last: dict[int, int] = {}
        others: dict[int, list[int]] = {}  # entry -> positions of another person with its surname, in order
        for p, ei in sorted(self.others):
            others.setdefault(ei, []).append(p)
        out = []
        for group in chosen:
            if group[0].shape == "surname":
                start = group[0].start
                # (the last other person of the entry's surname before the mention: -1 for none)
                group = [g for g in group
                         if (others[g.entry][bisect_left(others[g.entry], start) - 1]
                             if g.entry in others and others[g.entry][0] < start else -1)
                         <= last.get(g.entry, -1)]
                if not group:
                    continue
            elif len(group) == 1:
                last[group[0].entry] = group[0].start
            if any(g.antecedent for g in group):
                group = [g for g in group if not g.antecedent or g.entry in named]
                if not group:
                    continue
            if len(group) > 1 and group[0].shape == "surname":
                earlier = [g for g in group if g.entry in named]
                if len(earlier) == 1:
                    group = earlier
            elif len(group) == 1 and group[0].shape != "surname":
                named.add(group[0].entry)
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
        silenced = bool(self.silenced) and overlaps(self.silenced, self.silenced_starts, best.start, best.end)
        if len(group) > 1:
            ids = sorted({self.entry(g.entry).id for g in group})
            return Match(start=best.start, end=best.end, found=found, canonical=found, entry=None,
                         kind=self.entry(best.entry).kind, method=best.method, score=best.score,
                         candidates=ids, lang=text_lang, case=None, silenced=silenced, reason="ambiguous")
        info = self.entry(best.entry)
        if best.shape == "abbr":
            house = _house_abbreviation(info.house_abbr, text_lang, found)
            return Match(start=best.start, end=best.end, found=found, canonical=house or found, entry=info.id,
                         kind=info.kind, method="abbreviation", score=best.score, candidates=[], lang=text_lang,
                         case=None, silenced=silenced, reason=None if house else "abbreviation",
                         neutral=same_in_every_language(info))
        case = best.case if LANGS[best.lang] in ("uk", "ru") else 0
        if text_lang in ("uk", "ru") and LANGS[best.lang] not in ("uk", "ru") and best.method == "fuzzy":
            case = detect_case_index(found, text_lang)
        canonical = canonical_form(info, best, text_lang, case, found)
        reason = best.reason
        if reason is None and canonical != found:
            reason, case, canonical = self.policy(info, best, text_lang, case, found, canonical)
        if "’" in found and "'" in canonical:
            canonical = canonical.replace("'", "’")  # the apostrophe as the text writes it
        if canonical == found:
            reason = None
        method = best.method
        if method == "exact" and canonical != found:
            method = "variant"
        return Match(start=best.start, end=best.end, found=found, canonical=canonical, entry=info.id,
                     kind=info.kind, method=method, score=best.score, candidates=[], lang=text_lang,
                     case=CASES[case] if text_lang in ("uk", "ru") else None, silenced=silenced, reason=reason,
                     neutral=same_in_every_language(info))


_ABBR_LANGS = ("en", "uk", "ru")


def _house_abbreviation(house: tuple[str, str, str], text_lang: str, found: str) -> str | None:
    """The glossary's house abbreviation for text in `text_lang` when `found` is another abbreviation of
    the entry written in the same letters and in capitals (ВСУ -> ЗСУ in Ukrainian text); else None."""
    if text_lang not in _ABBR_LANGS:
        return None
    target = house[_ABBR_LANGS.index(text_lang)]
    if not target or target == found or has_cyrillic(target) != has_cyrillic(found):
        return None
    letters = [ch for ch in found if ch.isalpha()]
    if sum(ch.isupper() for ch in letters) < 2 or found.upper() == target.upper():
        return None  # рф, Рф: a lower-case spelling is the writer's, not another abbreviation
    return target

