"""Scanning a text for glossary mentions: automaton hits, name extension, fuzzy step, resolution."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field


from ..scripts import CYRILLIC, has_cyrillic
from .fold import fold_text, phonetic, skeleton
from .index import CASES, LANGS, Compiled, EntryInfo, unpack
from .lang import paragraphs

__all__ = ["Match", "scan"]

_ROLE_FULL, _ROLE_SURNAME, _ROLE_KEEP = 0, 1, 2
_EXACT, _VARIANT, _ROMANIZED, _INFLECTED = 0, 1, 2, 3

_EXCLUDE = re.compile(
    r"(?:https?://|www\.)\S+"                      # URLs
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|(?<![\w@#])[@#][\w.]+"                      # @handles and #hashtags
)
_SILENCE = re.compile(r"^.*translit:\s*ignore.*$", re.MULTILINE)
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['-](?=[^\W\d_]))*")
_TOKEN = re.compile(r"[^\W\d_][^\W\d_'-]*(?:['-][^\W\d_]+)*\.?")


class _Tok:
    """A word left of a mention, as (text, start, end) in the folded text."""

    __slots__ = ("text", "s", "e")

    def __init__(self, text: str, s: int, e: int):
        self.text, self.s, self.e = text, s, e


def _left_token(folded: str, pos: int) -> _Tok | None:
    """The word ending one or two spaces before `pos` (letters, inner ' and -, a final dot)."""
    k = pos
    for _ in range(2):
        if k > 0 and folded[k - 1] == " ":
            k -= 1
    if k == pos or k == 0:
        return None
    start = k
    lo = max(0, k - 40)
    while start > lo and (folded[start - 1].isalpha() or folded[start - 1] in "'-."):
        start -= 1
    m = _TOKEN.fullmatch(folded, start, k)
    if m is None:  # "...x.Budanov": trim leading punctuation
        m = _TOKEN.search(folded, start, k)
        if m is None or m.end() != k:
            return None
    return _Tok(m.group(0), m.start(), k)
_RIGHT_TOKEN = re.compile(r"^(,? {1,2})([^\W\d_][^\W\d_'-]*(?:['-][^\W\d_]+)*)")
_INITIAL = re.compile(r"^[^\W\d_]\.$")
_PATRONYMIC = re.compile(
    r"(?:ович|евич|йович|ьович|ич|ovych|ovich|evich|yovych|ovitch)(?:а|у|ем|еві|і|ом|e)?$"
    r"|(?:івн|ївн|овн|евн|ічн|инічн|ivn|ovn|evn|yivn)(?:а|и|і|у|ою|ой|е|ы|a)$")
_ASCII_LETTER = re.compile("[A-Za-z]")
# a capitalised word (the fuzzy step only looks at these); look-alike letters may follow the first
_CAP_WORD = re.compile(r"(?<![^\W_])[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЄІЇҐЎ](?:[^\W\d_]|['’ʼ-](?=[^\W\d_]))*")
_QUOTES_OPEN = "«\"“„‘'‹"
_QUOTES_CLOSE = "»\"”“’'›"
_SENTENCE_END = ".!?…:\n"


@dataclass
class Match:
    """One mention of a glossary entry in a text (offsets are characters of the input)."""

    start: int
    end: int
    found: str
    canonical: str
    entry: str | None
    kind: str
    method: str
    score: float
    candidates: list[str] = field(default_factory=list)
    lang: str = "en"
    case: str | None = None
    silenced: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "start": self.start, "end": self.end, "found": self.found, "canonical": self.canonical,
            "entry": self.entry, "kind": self.kind, "method": self.method, "score": round(self.score, 3),
            "candidates": self.candidates, "lang": self.lang, "case": self.case,
            **({"silenced": True} if self.silenced else {}),
        }


@dataclass
class _Cand:
    start: int
    end: int
    entry: int
    lang: int  # index into LANGS of the form that matched
    case: int
    method: str
    score: float
    shape: str = "full"  # full | surname | reversed | initials | patronymic
    prefix: str = ""  # text kept as written: patronymic or second initial (before the surname), patronymic after a reversed name
    sep: str = " "  # separator of a reversed name


def _spans(regex: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in regex.finditer(text)]


_TRIGGERS = ("://", "www.", "@", "#")
_SPACES = " \n\t\r\f\v"
_STRETCH = 1024


def _excluded(text: str) -> list[tuple[int, int]]:
    """The spans of _EXCLUDE in `text`, found only around the characters every match contains.

    A match never crosses white space, so the regex runs on the white-space-delimited
    stretches that hold "://", "www.", "@" or "#" instead of at every position of the text.
    A stretch longer than _STRETCH characters (no such text is prose) falls back to the whole-text search.
    """
    windows: list[tuple[int, int]] = []
    for trigger in _TRIGGERS:
        at = text.find(trigger)
        while at >= 0:
            lo, hi = max(0, at - _STRETCH), min(len(text), at + _STRETCH)
            start = max(text.rfind(c, lo, at) for c in _SPACES) + 1
            ends = [e for e in (text.find(c, at, hi) for c in _SPACES) if e >= 0]
            end = min(ends) if ends else len(text)
            if (start == 0 and lo > 0) or (not ends and hi < len(text)):
                return [m.span() for m in _EXCLUDE.finditer(text)]
            windows.append((start, end))
            at = text.find(trigger, end)
    windows.sort()
    spans: list[tuple[int, int]] = []
    last = -1
    for start, end in windows:
        if start < last:
            continue  # the same stretch, found through another trigger
        spans.extend(m.span() for m in _EXCLUDE.finditer(text, start, end))
        last = end
    return spans


def _overlaps(spans: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
    i = bisect_right(starts, s) - 1
    for j in (i, i + 1):
        if 0 <= j < len(spans) and spans[j][0] < e and s < spans[j][1]:
            return True
    return False


MEMO_WORDS = 200_000  # capitalised words whose fuzzy outcome is remembered across texts


class _Scanner:
    def __init__(self, compiled: Compiled, text: str, lang: str):
        self.c = compiled
        self.text = text
        self.folded = fold_text(text)
        self.lang = lang
        self._given_cases: dict[tuple[str, str], int] = {}
        self.paras = paragraphs(text, lang) if lang != "auto" else self._scripts(text)
        self.para_starts = [p[0] for p in self.paras]
        self.excluded = _excluded(text)
        self.excluded_starts = [s for s, _ in self.excluded]
        self.silenced = _spans(_SILENCE, text) if "translit:" in text else []
        self.silenced_starts = [s for s, _ in self.silenced]

    # -- helpers ---------------------------------------------------------------------------
    @staticmethod
    def _scripts(text: str) -> list[tuple[int, int, str]]:
        """Paragraphs with only their script decided: "en" for Latin, "cyr" for Cyrillic."""
        out = []
        for s, e, _ in paragraphs(text, "en"):
            cyr = len(CYRILLIC.findall(text, s, e))
            lat = len(_ASCII_LETTER.findall(text, s, e)) if cyr else 0
            out.append((s, e, "cyr" if cyr > lat else "en"))
        return out

    def lang_at(self, pos: int) -> str:
        return self.paras[max(0, bisect_right(self.para_starts, pos) - 1)][2]

    def bounded(self, s: int, e: int) -> bool:
        f = self.folded
        return (s == 0 or not f[s - 1].isalnum()) and (e == len(f) or not f[e].isalnum())

    def has_capital(self, s: int, e: int) -> bool:
        return any(ch.isupper() for ch in self.text[s:e])

    def sentence_initial(self, s: int) -> bool:
        i = s - 1
        while i >= 0 and self.text[i] in " \t\"'«“„(":
            i -= 1
        return i < 0 or self.text[i] in _SENTENCE_END

    def quoted(self, s: int, e: int) -> bool:
        return s > 0 and e < len(self.text) and self.text[s - 1] in _QUOTES_OPEN and self.text[e] in _QUOTES_CLOSE

    def given_match(self, info: EntryInfo, token: str) -> float:
        """1.0 for a given name of the entry's group, <1 for a near miss, 0 for none."""
        if info.group < 0 or not token:
            return 0.0
        if info.group in self.c.given.get(token, ()):
            return 1.0
        if len(token) < 4:
            return 0.0
        from rapidfuzz.distance import OSA

        ph = phonetic(token)
        best = 0.0
        for form in self.c.group_forms[info.group]:
            if phonetic(form) == ph:
                return 0.9
            if abs(len(form) - len(token)) <= 1 and OSA.distance(form, token, score_cutoff=1) <= 1:
                best = 0.85
        return best

    # -- candidates from one surname anchor ---------------------------------------------------
    def person(self, s: int, e: int, ei: int, lang: int, case: int, method: str, score: float) -> _Cand | None:
        info = self.c.entries[ei]
        left = _left_token(self.folded, s)
        if left and not self._same_script(left.text, self.folded[s:e]):
            left = None
        if left:
            tok = left.text
            ts = left.s
            if tok.endswith(".") and not _INITIAL.match(tok):
                pass  # "…said Kyrylo. Budanov…": a sentence ends between them
            elif _INITIAL.match(tok):
                left2 = _left_token(self.folded, ts)
                if left2 and _INITIAL.match(left2.text) and self._initial_ok(info, left2.text):
                    return _Cand(left2.s, e, ei, lang, case, "initials",
                                 self._initial_score(info, left2.text) * score, "initials",
                                 self.text[left.s:s])
                if self._initial_ok(info, tok):
                    return _Cand(ts, e, ei, lang, case, "initials", self._initial_score(info, tok) * score,
                                 "initials")
            elif _PATRONYMIC.search(tok) and self.has_capital(ts, ts + 1):
                left2 = _left_token(self.folded, ts)
                if left2:
                    g = self.given_match(info, left2.text)
                    if g and self.has_capital(left2.s, left2.s + 1):
                        return _Cand(left2.s, e, ei, lang, self._case(info, case, left2.text),
                                     method if g == 1 else "fuzzy", score * g, "patronymic", self.text[ts:s])
            else:
                g = self.given_match(info, tok)
                if g and self.has_capital(ts, ts + 1):
                    gap = self.text[left.e:s]
                    return _Cand(ts, e, ei, lang, self._case(info, case, tok), method if g == 1 else "fuzzy",
                                 score * g, "full", sep=gap if gap.isspace() else " ")
                if (tok in self.c.given or tok in self.c.known_given) and self.has_capital(ts, ts + 1):
                    return None  # another person's given name: Єлизавета Пєскова is not Dmitry Peskov
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
            if g == 1.0 and self.has_capital(rs, rs + 1) and not next_name:
                return _Cand(s, end, ei, lang, self._case(info, case, right.group(2)), method, score, "reversed",
                             sep=self.text[e:rs], prefix=suffix)
            if (not right.group(1).startswith(",") and _PATRONYMIC.search(right.group(2))
                    and self.has_capital(rs, rs + 1)):
                return None  # "Ермак Тимофеевич": a name with a patronymic that is not this person's
        if not info.surname_alone:
            return None
        if self.folded[s:e] in self.c.common_forms and self.sentence_initial(s):
            return None  # "Кличка собаки…": an ordinary word at the start of a sentence
        return _Cand(s, e, ei, lang, case, "surname" if method != "fuzzy" else "fuzzy", score * 0.9, "surname")

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
            if not forms:
                continue
            for i, alts in enumerate(forms[:-1]):  # not the vocative: Russian writes it as the nominative
                if given in alts.lower().replace("ё", "е").split("|"):
                    if i == 0:
                        return 0
                    found = found or i
        return found

    def _initial_score(self, info: EntryInfo, token: str) -> float:
        """0.9 when the initial is the house given name's (W. for Wladimir), 0.85 for another spelling's."""
        houses = [info.en_given, *(f[0] for f in (info.uk_given, info.ru_given) if f)]
        letters = {h[0].lower() for h in houses if h}
        letters |= {phonetic(ch)[:1] for ch in letters}  # В. stands for Volodymyr too
        return 0.9 if token[0] in letters else 0.85

    @staticmethod
    def _same_script(a: str, b: str) -> bool:
        return has_cyrillic(a) == has_cyrillic(b)

    def _initial_ok(self, info: EntryInfo, token: str) -> bool:
        letter = token[0]
        return any(form[0] == letter for form in self.c.group_forms[info.group]) if info.group >= 0 else False

    # -- the automaton ---------------------------------------------------------------------
    def candidates(self) -> tuple[list[_Cand], list[tuple[int, int]]]:
        cands: list[_Cand] = []
        keeps: list[tuple[int, int]] = []
        c = self.c
        automaton, values = c.part("latin")
        hits = [(end, values[i]) for end, i in automaton.iter(self.folded)]
        if has_cyrillic(self.folded):
            automaton, values = c.part("cyrillic")
            hits += [(end, values[i]) for end, i in automaton.iter(self.folded)]
        for end_index, value in hits:
            e = end_index + 1
            s = e - (value & 255)
            if not self.bounded(s, e):
                continue
            seen: set[int] = set()
            for hit in c.hits(value):
                ei, role, lang, case, origin = unpack(hit)
                if ei in seen:
                    continue  # the same spelling in several cases: the first (lowest) case stands
                seen.add(ei)
                if role == _ROLE_KEEP:
                    keeps.append((s, e))
                    continue
                if not self.has_capital(s, e):
                    continue
                info = c.entries[ei]
                method = ("inflected" if case else
                          ("exact", "variant", "romanized", "inflected")[origin])
                score = (1.0, 0.98, 0.95, 1.0)[origin]
                if role == _ROLE_SURNAME:
                    cand = self.person(s, e, ei, lang, case, method, score)
                    if cand:
                        cands.append(cand)
                    continue
                if info.common_word and not self.common_word_ok(s, e, lang):
                    continue
                if info.kind == "place" and self.after_given_name(s):
                    continue  # "Игорь Николаев" is a person, not Mykolaiv
                cands.append(_Cand(s, e, ei, lang, case, method, score))
        return cands, keeps

    def after_given_name(self, s: int) -> bool:
        """True when a capitalised given name stands right before `s`."""
        left = _left_token(self.folded, s)
        return bool(left and (left.text in self.c.given or left.text in self.c.known_given)
                    and self.text[left.s].isupper()
                    and self._same_script(left.text, self.folded[s:s + 1]))

    def common_word_ok(self, s: int, e: int, lang: int) -> bool:
        """A name that is also an ordinary word counts only where the text shows it is the name."""
        if LANGS[lang] in ("en", "lat") or self.lang_at(s) == "en":
            return True  # in Latin script, or Cyrillic inside English text: a name, not the word
        if self.quoted(s, e):
            return True
        return self.text[s].isupper() and not self.sentence_initial(s)

    # -- fuzzy step --------------------------------------------------------------------------
    def fuzzy(self, taken: list[tuple[int, int]]) -> list[_Cand]:
        out: list[_Cand] = []
        c = self.c
        used = bytearray(len(self.text) + 1)
        for s, e in taken:
            used[s:e] = b"\x01" * (e - s)
        memo = c.memo  # shared by every text this glossary scans: records and blocks repeat their words
        if len(memo) > MEMO_WORDS:
            memo.clear()
        latin = c.part("latin")[0]
        cyrillic = c.part("cyrillic")[0] if has_cyrillic(self.folded) else None
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
                if role == _ROLE_SURNAME:
                    cand = self.person(s, e, ei, lang, case, "fuzzy", sim)
                    if cand:
                        cand.method = "fuzzy"
                        out.append(cand)
                elif not info.common_word or self.common_word_ok(s, e, lang):
                    out.append(_Cand(s, e, ei, lang, case, "fuzzy", sim))
        return out

    def _fuzzy_lookup(self, token: str) -> list[tuple[int, float]]:
        """(hit, similarity) of the best near spelling per entry: one or two edits, or the same sounds."""
        store = self.c.store
        skel = skeleton(token)
        start = 1 if skel.startswith("~") else 0
        keys = [skel]
        if len(skel) - start >= 4:
            keys += [skel[:i] + skel[i + 1:] for i in range(start, len(skel))]
        cands = store.near(keys)  # type: ignore[attr-defined]
        if not cands:
            return []
        from rapidfuzz import process
        from rapidfuzz.distance import OSA  # noqa: F811 (imported where needed: normalizing starts faster)

        same_skeleton = {h for h, _ in store.bucket(skel)}  # type: ignore[attr-defined]
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
            sim = 1.0 - 0.5 * d / max(len(form), len(token)) - 0.1
            ei = unpack(hit)[0]
            if ei not in best or best[ei][1] < sim:
                best[ei] = (hit, sim)
        return list(best.values())

    # -- resolution ---------------------------------------------------------------------------
    def resolve(self) -> list[Match]:
        cands, keeps = self.candidates()
        keeps.sort()
        keep_starts = [k[0] for k in keeps]
        cands = [x for x in cands
                 if not _overlaps(self.excluded, self.excluded_starts, x.start, x.end)
                 and not _overlaps(keeps, keep_starts, x.start, x.end)]
        chosen = self._choose(cands)
        taken = sorted([(x[0].start, x[0].end) for x in chosen] + self.excluded + keeps)
        fuzzy = [x for x in self.fuzzy(taken)
                 if not _overlaps(self.excluded, self.excluded_starts, x.start, x.end)]
        chosen += self._choose(fuzzy)
        chosen.sort(key=lambda group: group[0].start)
        if self.lang == "auto" and any(p[2] == "cyr" for p in self.paras):
            # uk or ru, decided on the text around the names
            self.paras = paragraphs(self.text, "auto", [(g[0].start, g[0].end) for g in chosen])
            self.para_starts = [p[0] for p in self.paras]
        return [self.to_match(group) for group in self._corefer(chosen)]

    @staticmethod
    def _corefer(chosen: list[list[_Cand]]) -> list[list[_Cand]]:
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
    def _choose(cands: list[_Cand]) -> list[list[_Cand]]:
        """Non-overlapping spans, longest and best first; equal rivals on one span stay together."""
        cands.sort(key=lambda x: (-(x.end - x.start), -x.score, x.start))
        chosen: list[list[_Cand]] = []
        by_span: dict[tuple[int, int], list[_Cand]] = {}
        size = max((c.end for c in cands), default=0)
        occupied = bytearray(size)
        for cand in cands:
            same = by_span.get((cand.start, cand.end))
            if same is not None:
                if abs(cand.score - same[0].score) < 1e-9 and all(cand.entry != g.entry for g in same):
                    same.append(cand)
                continue
            if occupied.find(1, cand.start, cand.end) >= 0:
                continue
            occupied[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
            group = [cand]
            by_span[(cand.start, cand.end)] = group
            chosen.append(group)
        return chosen

    def to_match(self, group: list[_Cand]) -> Match:
        best = group[0]
        text_lang = self.lang_at(best.start)
        found = self.text[best.start:best.end]
        silenced = _overlaps(self.silenced, self.silenced_starts, best.start, best.end)
        if len(group) > 1:
            ids = sorted({self.c.entries[g.entry].id for g in group})
            return Match(best.start, best.end, found, found, None, self.c.entries[best.entry].kind,
                         best.method, best.score, ids, text_lang, None, silenced)
        info = self.c.entries[best.entry]
        case = best.case if LANGS[best.lang] in ("uk", "ru") else 0
        if text_lang in ("uk", "ru") and LANGS[best.lang] not in ("uk", "ru") and best.method == "fuzzy":
            case = _detect_case(found, text_lang)
        canonical = _canonical(info, best, text_lang, case, found)
        method = best.method
        if method == "exact" and canonical != found:
            method = "variant"
        return Match(best.start, best.end, found, canonical, info.id, info.kind, method, best.score, [],
                     text_lang, CASES[case] if text_lang in ("uk", "ru") else None, silenced)


def _detect_case(found: str, lang: str) -> int:
    from .. import morph

    case = morph.detect_case(found, lang)
    return CASES.index(case) if case in CASES else 0


def _pick(forms: tuple[str, ...] | None, case: int, observed: str = "") -> str | None:
    """The house form in `case`; where the case has alternatives (Кирилові|Кирилу), the one written."""
    if not forms:
        return None
    alts = forms[case].split("|")
    if observed and len(alts) > 1:
        key = observed.lower().replace("ё", "е")
        for alt in alts:
            if alt.lower().replace("ё", "е") == key:
                return alt
    return alts[0]


def _canonical(info: EntryInfo, cand: _Cand, lang: str, case: int, found: str) -> str:
    """The house form for a mention, in the text's language and the mention's case.

    A mention written in Latin letters inside Ukrainian or Russian text keeps
    Latin letters (the English house form); alternatives of a case are kept as written.
    """
    words = found.split()
    if cand.shape == "reversed":
        seen_surname, seen_given = (words[0].rstrip(","), words[1]) if len(words) > 1 else (found, "")
    else:
        seen_surname, seen_given = words[-1] if words else found, words[0] if words else ""
    latin = not has_cyrillic(found)
    if lang not in ("uk", "ru") or latin:
        surname, given, full = info.en_surname, info.en_given, info.en
    else:
        surname = _pick(getattr(info, f"{lang}_surname"), case, seen_surname)
        given = _pick(getattr(info, f"{lang}_given"), case, seen_given)
        full = _pick(getattr(info, lang), case, found)
    if info.person:
        if not surname:
            return found
        if cand.shape == "surname":
            out = surname
        elif cand.shape == "reversed":
            out = f"{surname}{cand.sep}{given}{cand.prefix}" if given else found
        elif cand.shape == "initials":
            out = f"{given[0]}. {cand.prefix}{surname}" if given else found
        elif cand.shape == "patronymic":
            out = f"{given} {cand.prefix}{surname}" if given else found
        else:
            out = f"{given}{cand.sep}{surname}" if given else surname
    else:
        if not full:
            return found
        out = full
    if found.isupper() and sum(ch.isalpha() for ch in found) > 1:
        if " " not in found and sum(ch.isalpha() for ch in found) <= 6 and " " in out:
            return found  # an abbreviation (HUR, ГУР, SBU) stays an abbreviation
        out = out.upper()
    return out


def scan(text: str, compiled: Compiled, lang: str = "auto") -> list[Match]:
    """Every mention of a compiled glossary's entries in `text`."""
    if not text:
        return []
    return _Scanner(compiled, text, lang).resolve()
