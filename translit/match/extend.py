"""Extending a surname to the full name around it: given name, initials, patronymic, reversed order."""
from __future__ import annotations

import re

from ..text.edits import one_edit_apart
from ..text.fold import phonetic
from .context import ContextWords
from .state import Cand, left_token
from . import scores
from .types import EntryInfo

__all__ = ["NameExtension"]

_RIGHT_TOKEN = re.compile(r"^(,? {1,2})([^\W\d_][^\W\d_'-]*(?:['-][^\W\d_]+)*)")
_INITIAL = re.compile(r"^[^\W\d_]\.$")
_PATRONYMIC = re.compile(
    r"(?:ович|евич|йович|ьович|ич|ovych|ovich|evich|yovych|ovitch)(?:а|у|ем|еві|і|ом|e)?$"
    r"|(?:івн|ївн|овн|евн|ічн|инічн|ivn|ovn|evn|yivn)(?:а|и|і|у|ою|ой|е|ы|a)$")


class NameExtension(ContextWords):
    """The scan step that grows a surname hit into the mention of a person."""

    def given_match(self, info: EntryInfo, token: str) -> float:
        """1.0 for a given name of the entry's group, <1 for a near miss, 0 for none."""
        if info.group < 0 or not token:
            return 0.0
        if info.group in self.c.given.get(token, ()):
            return scores.GIVEN_EXACT
        if len(token) < 4:
            return 0.0
        ph = phonetic(token)
        best = 0.0
        for form in self.c.group_forms[info.group]:
            if phonetic(form) == ph:
                return scores.GIVEN_SAME_SOUND
            if one_edit_apart(form, token):
                best = scores.GIVEN_ONE_EDIT
        return best

    def person(self, s: int, e: int, ei: int, lang: int, case: int, method: str, score: float) -> Cand | None:
        info = self.entry(ei)
        left = left_token(self.folded, s)
        if left and not self._same_script(left.text, self.folded[s:e]):
            left = None
        if left:
            tok = left.text
            ts = left.s
            if tok.endswith(".") and not _INITIAL.match(tok):
                pass  # "…said Kyrylo. Budanov…": a sentence ends between them
            elif _INITIAL.match(tok):
                left2 = left_token(self.folded, ts)
                if left2 and _INITIAL.match(left2.text) and self._initial_ok(info, left2.text):
                    return Cand(left2.s, e, ei, lang, case, "initials",
                                self._initial_score(info, left2.text) * score, "initials",
                                self.text[left.s:s])
                if self._initial_ok(info, tok):
                    return Cand(ts, e, ei, lang, case, "initials", self._initial_score(info, tok) * score,
                                "initials")
            elif _PATRONYMIC.search(tok) and self.has_capital(ts, ts + 1):
                left2 = left_token(self.folded, ts)
                if left2:
                    g = self.given_match(info, left2.text)
                    if g and self.has_capital(left2.s, left2.s + 1):
                        return Cand(left2.s, e, ei, lang, self._case(info, case, left2.text),
                                    method if g == scores.GIVEN_EXACT else "fuzzy", score * g, "patronymic",
                                    self.text[ts:s])
            else:
                g = self.given_match(info, tok)
                if g and self.has_capital(ts, ts + 1):
                    gap = self.text[left.e:s]
                    return Cand(ts, e, ei, lang, self._case(info, case, tok),
                                method if g == scores.GIVEN_EXACT else "fuzzy",
                                score * g, "full", sep=gap if gap.isspace() else " ")
                if tok in self.c.given or tok in self.c.known_given:
                    # another person's given name (in any letter case): Єлизавета Пєскова is not Dmitry
                    # Peskov, артур Герасимов not Valery Gerasimov; the surname alone after it is theirs too
                    self.others.append((ts, ei))
                    return None
        right = _RIGHT_TOKEN.match(self.folded[e:e + 40])
        if right and self._same_script(right.group(2), self.folded[s:e]):
            g = self.given_match(info, right.group(2))
            rs = e + right.start(2)
            end = e + right.end(2)
            more = _RIGHT_TOKEN.match(self.folded[end:end + 40])
            suffix = ""
            if more and not more.group(1).startswith(",") and _PATRONYMIC.search(more.group(2)):
                suffix = self.text[end:end + more.end(2)]
                end += more.end(2)
                more = None
            # "Budanov Kyrylo Budanov…": a capitalised word after the given name makes it the next name's
            next_name = more is not None and not more.group(1).startswith(",") and \
                self.text[end + more.start(2)].isupper()
            if g == scores.GIVEN_EXACT and self.has_capital(rs, rs + 1) and not next_name:
                return Cand(s, end, ei, lang, self._case(info, case, right.group(2)), method, score, "reversed",
                            sep=self.text[e:rs], prefix=suffix)
            if (not right.group(1).startswith(",") and _PATRONYMIC.search(right.group(2))
                    and self.has_capital(rs, rs + 1)):
                return None  # "Ермак Тимофеевич": a name with a patronymic that is not this person's
        if self.folded[s:e] in self.c.common_forms and self.sentence_initial(s):
            return None  # "Кличка собаки…": an ordinary word at the start of a sentence
        # a surname that may not stand alone (Садовий, Федоров) still refers to the person named in full
        # earlier in the same text (see Scanner._corefer)
        return Cand(s, e, ei, lang, case, "surname" if method != "fuzzy" else "fuzzy",
                    score * scores.SURNAME_ALONE, "surname", antecedent=not info.surname_alone)

    def lower_person(self, s: int, e: int, ei: int, lang: int, case: int, method: str, score: float,
                     cases: tuple[int, ...]) -> Cand | None:
        """A person's name written all in lower case (кирило буданов): the surname counts only right after
        one of the person's own given names, also in lower case and spelled exactly; alone it is a word."""
        info = self.entry(ei)
        left = left_token(self.folded, s)
        if left is None or left.text.endswith(".") or not self._same_script(left.text, self.folded[s:e]):
            return None
        written = self.text[left.s:left.e]
        gap = self.text[left.e:s]
        if not written.islower() or not gap.isspace() or "\n" in gap:
            return None
        if self.given_match(info, left.text) != scores.GIVEN_EXACT:
            return None  # артур герасимов is another Gerasimov
        if not agrees(info, left.text, cases or (case,)):
            return None  # "що кирило буданова не бачив": the given name is the subject, not the same person
        return Cand(left.s, e, ei, lang, self._case(info, case, left.text), method, score, "full", sep=gap)

    def _case(self, info: EntryInfo, case: int, given: str) -> int:
        """The mention's case: the surname's, or the given name's when the surname does not decline (Шойгу)."""
        if case:
            return case
        key = (info.id, given)
        if key not in self._given_cases:
            self._given_cases[key] = self._given_case(info, given)
        return self._given_cases[key]

    @staticmethod
    def _given_case(info: EntryInfo, given: str) -> int:
        found = 0
        for forms in (info.uk_given, info.ru_given):
            if not forms or given not in "|".join(forms[:-1]).lower().replace("ё", "е"):
                continue  # not even part of one of the forms (a Latin given name, another person's)
            for i, alts in enumerate(forms[:-1]):  # not the vocative: Russian writes it as the nominative
                if given in alts.lower().replace("ё", "е").split("|"):
                    if i == 0:
                        return 0
                    found = found or i
        return found

    def _initial_score(self, info: EntryInfo, token: str) -> float:
        """INITIAL_HOUSE when the initial is the house given name's (W. for Wladimir), else INITIAL_OTHER."""
        houses = [info.en_given, *(f[0] for f in (info.uk_given, info.ru_given) if f)]
        letters = {h[0].lower() for h in houses if h}
        letters |= {phonetic(ch)[:1] for ch in letters}  # В. stands for Volodymyr too
        return scores.INITIAL_HOUSE if token[0] in letters else scores.INITIAL_OTHER

    def _initial_ok(self, info: EntryInfo, token: str) -> bool:
        letter = token[0]
        return any(form[0] == letter for form in self.c.group_forms[info.group]) if info.group >= 0 else False


def agrees(info: EntryInfo, given: str, cases: tuple[int, ...]) -> bool:
    """The given name is written in one of the cases the surname can be in (кирилом будановим)."""
    for forms in (info.uk_given, info.ru_given):
        for k in cases:
            if forms and k < len(forms) and given in forms[k].lower().replace("ё", "е").split("|"):
                return True
    return False
