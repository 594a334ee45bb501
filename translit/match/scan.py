"""Scanning a text for glossary mentions: automaton hits, name extension, fuzzy step, resolution."""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from dataclasses import dataclass, field


from ..scripts import CYRILLIC, has_cyrillic
from .fold import fold_form, fold_text, phonetic, skeleton
from .index import CASES, LANGS, Compiled, EntryInfo, unpack
from .lang import paragraphs

__all__ = ["Match", "scan"]

_ROLE_FULL, _ROLE_SURNAME, _ROLE_KEEP, _ROLE_ABBR = 0, 1, 2, 3
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
# the word before a name, over spaces, opening quotes and a dash between spaces (кораблі — «Єйськ»)
_WORD_BEFORE = re.compile(r"(?<![^\W\d_])([^\W\d_]+)(?: |[«\"“„‘'‹]| - )+$")
_ALNUM = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*|\d+")
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
    reason: str | None = None  # why a mention in another form than the house one is left alone

    @property
    def rewrites(self) -> bool:
        """True when the text is rewritten here: one entry, sure of span and form, not the house form yet."""
        return (self.entry is not None and not self.silenced and self.reason is None
                and self.found != self.canonical)

    def to_dict(self) -> dict[str, object]:
        return {
            "start": self.start, "end": self.end, "found": self.found, "canonical": self.canonical,
            "entry": self.entry, "kind": self.kind, "method": self.method, "score": round(self.score, 3),
            "candidates": self.candidates, "lang": self.lang, "case": self.case,
            "rewrite": self.rewrites,
            **({"reason": self.reason} if self.reason else {}),
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
    shape: str = "full"  # full | surname | reversed | initials | patronymic | abbr
    prefix: str = ""  # text kept as written: patronymic or second initial (before the surname), patronymic after a reversed name
    sep: str = " "  # separator of a reversed name
    cases: tuple[int, ...] = ()  # every case the written form can be (Полтаві: datv, loct)
    reason: str | None = None  # found, but the text is left alone (see Match.reason)
    antecedent: bool = False  # counts only after the person was named in full earlier in the text


def _spans(regex: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in regex.finditer(text)]


def _overlaps(spans: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
    i = bisect_right(starts, s) - 1
    for j in (i, i + 1):
        if 0 <= j < len(spans) and spans[j][0] < e and s < spans[j][1]:
            return True
    return False


class _Scanner:
    def __init__(self, compiled: Compiled, text: str, lang: str):
        self.c = compiled
        self.text = text
        self.folded = fold_text(text)
        self.lang = lang
        self._given_cases: dict[tuple[str, str], int] = {}
        self.paras = paragraphs(text, lang) if lang != "auto" else self._scripts(text)
        self.para_starts = [p[0] for p in self.paras]
        self.excluded = _spans(_EXCLUDE, text) if ("@" in text or "#" in text or "://" in text
                                                    or "www." in text) else []
        self.excluded_starts = [s for s, _ in self.excluded]
        self.silenced = _spans(_SILENCE, text) if "translit:" in text else []
        self.silenced_starts = [s for s, _ in self.silenced]
        self.ties: set[int] = set()  # starts of paragraphs where nothing tells uk from ru
        self.others: list[tuple[int, int]] = []  # (position, entry): another person with the entry's surname
        self._before: dict[int, str] = {}

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
            if g == 1.0 and self.has_capital(rs, rs + 1) and not next_name:
                return _Cand(s, end, ei, lang, self._case(info, case, right.group(2)), method, score, "reversed",
                             sep=self.text[e:rs], prefix=suffix)
            if (not right.group(1).startswith(",") and _PATRONYMIC.search(right.group(2))
                    and self.has_capital(rs, rs + 1)):
                return None  # "Ермак Тимофеевич": a name with a patronymic that is not this person's
        if self.folded[s:e] in self.c.common_forms and self.sentence_initial(s):
            return None  # "Кличка собаки…": an ordinary word at the start of a sentence
        cand = _Cand(s, e, ei, lang, case, "surname" if method != "fuzzy" else "fuzzy", score * 0.9, "surname")
        # a surname that may not stand alone (Садовий, Федоров) still refers to the person named in full
        # earlier in the same text (see _corefer)
        cand.antecedent = not info.surname_alone
        return cand

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
            suffix = 0
            bounded = self.bounded(s, e)
            if not bounded or self.folded.startswith("-", e):
                suffix = self.model_suffix(s, e)  # МіГ-31К, Панцир-С2
                if not suffix and not bounded:
                    continue
            plain = self.hyphenated(s, e)
            hyphen_suffix = self.hyphenated(s, e + suffix) if suffix else plain
            if plain == "number" and hyphen_suffix == "number":
                continue  # Шахед-238 is another model, not Шахед
            all_hits = [unpack(hit) for hit in c.hits(value)]
            cases_of: dict[int, list[int]] = {}
            for u in all_hits:
                cases_of.setdefault(u[0], []).append(u[3])
            seen: set[int] = set()
            lower = None
            for ei, role, lang, case, origin in all_hits:
                if ei in seen:
                    continue  # the same spelling in several cases: the first (lowest) case stands
                seen.add(ei)
                if role == _ROLE_KEEP:
                    keeps.append((s, e))
                    continue
                info = c.entries[ei]
                if suffix and info.kind != "equipment" and not bounded:
                    continue
                hyphen = hyphen_suffix if suffix and info.kind == "equipment" else plain
                if hyphen == "number":
                    continue
                if role == _ROLE_ABBR:
                    if origin == 0 and sum(ch.isupper() for ch in self.text[s:e]) < 2:
                        continue  # ОП, МО: only written in capitals
                    if self.ruled_out(info, s):
                        continue
                    cands.append(_Cand(s, e, ei, lang, 0, "abbreviation", 0.97, "abbr", reason="abbreviation"))
                    continue
                if not self.has_capital(s, e):
                    if info.common_word or role == _ROLE_SURNAME or LANGS[lang] not in ("uk", "ru"):
                        continue
                    if lower is None:
                        lower = self.lower_ok(s, e)
                    if not lower and not (lower is False and self._house_spelling(info, self.text[s:e], LANGS[lang])):
                        continue
                method = ("inflected" if case else
                          ("exact", "variant", "romanized", "inflected")[origin])
                score = (1.0, 0.98, 0.95, 1.0)[origin]
                if self.ruled_out(info, s):
                    continue
                if role == _ROLE_SURNAME:
                    cand = self.person(s, e, ei, lang, case, method, score)
                    if cand:
                        cand.cases = tuple(dict.fromkeys(cases_of[ei]))
                        if hyphen:
                            cand.reason = "hyphenated"
                        cands.append(cand)
                    continue
                if info.common_word and not (self.common_word_ok(s, e, lang) or self.confirmed(info, s)):
                    continue
                if info.kind == "place" and self.after_given_name(s):
                    continue  # "Игорь Николаев" is a person, not Mykolaiv
                if set(cases_of[ei]) <= {5, 6} and not set(_cases_after([self._word_before(s)])) & {5}:
                    continue  # a locative needs a preposition: Львове in a list of villages is not Львов
                start = s + 4 if self.text.startswith("the ", s) and e - s > 4 else s  # the Kyiv Independent
                extra = suffix if info.kind == "equipment" else 0
                plural = extra and self._english_plural(e, extra)
                cand = _Cand(start, e + extra, ei, lang, case, method, score,
                             cases=tuple(dict.fromkeys(cases_of[ei])))
                if plural:
                    cand.shape = "plural"  # F-16s, Shaheds: rewritten in the plural
                elif extra:
                    cand.reason = "model-suffix"
                elif hyphen:
                    cand.reason = "hyphenated"
                cands.append(cand)
        cands += self.lower_people()
        return cands, keeps

    _SUFFIX = re.compile(r"-?[^\W_]{1,2}(?![^\W_])")

    def model_suffix(self, s: int, e: int) -> int:
        """Length of a model suffix after an equipment name (МіГ-31К, Панцир-С2), or 0."""
        f = self.folded
        if (s and f[s - 1].isalnum()) or e >= len(f) or not f[e - 1].isalnum():
            return 0
        m = self._SUFFIX.match(f, e)
        if m is None or (m.group(0)[0] != "-" and not f[e - 1].isdigit() and
                         not (self.text[e:m.end()] in ("s", "es") and f[e - 1].isascii())):
            return 0
        return m.end() - e

    def _english_plural(self, e: int, length: int) -> bool:
        """The text after an equipment name is an English plural ending (F-16s, Shaheds, Bayraktars)."""
        return self.text[e:e + length] in ("s", "es") and not has_cyrillic(self.text[e - 1:e])

    def hyphenated(self, s: int, e: int) -> str:
        """"number" when a number is joined to the span by a hyphen (Шахед-238), "word" for a word
        (Телеграм-канал), "" otherwise."""
        t = self.text
        if e + 1 < len(t) and t[e] == "-" and t[e + 1].isalnum():
            return "number" if t[e + 1].isdigit() else "word"
        if s >= 2 and t[s - 1] == "-" and t[s - 2].isalnum():
            return "number" if t[s - 2].isdigit() else "word"
        return ""

    def lower_ok(self, s: int, e: int) -> bool | None:
        """A name written in lower case (росія, рф) counts in Cyrillic when no dictionary knows it as a word
        (True); False: the dictionary knows it (only an exact house form then counts); None: not lower case."""
        word = self.text[s:e]
        if not has_cyrillic(word) or not word.islower():
            return None
        from ..morph.lexicon import is_common_word

        return not any(is_common_word(w, lang) for w in word.split() for lang in ("uk", "ru"))

    def lower_people(self) -> list[_Cand]:
        """People written all in lower case with their given name (володимир путін)."""
        return []

    def _word_before(self, s: int) -> str:
        """The word right before `s`, over spaces and opening quotes (крейсер «Москва»), folded."""
        word = self._before.get(s)
        if word is None:
            word = self._before[s] = self._find_word_before(s)
        return word

    def _find_word_before(self, s: int) -> str:
        m = _WORD_BEFORE.search(self.folded, max(0, s - 48), s)
        return m.group(1) if m else ""

    def _words_before(self, s: int, n: int = 2) -> list[str]:
        out: list[str] = []
        pos = s
        for _ in range(n):
            left = _left_token(self.folded, pos)
            if left is None:
                break
            out.append(left.text.rstrip("."))
            pos = left.s
            if self.text[left.e:left.e + 1] in ",;:" or left.text.endswith("."):
                break
        return out

    def ruled_out(self, info: EntryInfo, s: int) -> bool:
        """A classifier noun before the name that contradicts the entry's kind (крейсер «Москва»), or one
        of the entry's own context_out words."""
        exact, stems = _CLASSIFIER_WORDS.get(info.kind, _NO_WORDS)
        if not exact and not info.context_out:
            return False
        word = self._word_before(s)
        if not word:
            return False
        if word in exact or word.startswith(stems) or (info.context_out and word.startswith(info.context_out)):
            return not (info.context_in and word.startswith(info.context_in))
        return False

    def confirmed(self, info: EntryInfo, s: int) -> bool:
        """One of the entry's context_in words stands before the name."""
        return bool(info.context_in) and any(self._word_before(s).startswith(b) for b in info.context_in)

    def after_given_name(self, s: int) -> bool:
        """True when a capitalised given name stands right before `s`."""
        left = _left_token(self.folded, s)
        return bool(left and (left.text in self.c.given or left.text in self.c.known_given)
                    and self.text[left.s].isupper()
                    and self._same_script(left.text, self.folded[s:s + 1]))

    def common_word_ok(self, s: int, e: int, lang: int) -> bool:
        """A name that is also an ordinary word counts only where the text shows it is the name."""
        if not has_cyrillic(self.folded[s:e]):
            return True  # in Latin script: a name, not the word
        # a Cyrillic word is judged the same way whatever the paragraph's language, so the decision
        # cannot change when rewriting other names changes which script has more letters
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
        memo: dict[str, list[tuple[int, float]]] = {}
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
            # Курской, Кроме, Гончарука: a word of its own, not a typo of a name (a given name before a
            # surname may still make it a typo: Максиме Кузминове)
            word = bool(found) and has_cyrillic(token) and not self.quoted(s, e) and _dictionary_word(token)
            if found and not has_cyrillic(token) and self._inside_other_name(s, e, found):
                continue  # the European Union is not the agency Unian
            for hit, sim in found:
                ei, role, lang, case, origin = unpack(hit)
                info = c.entries[ei]
                if role == _ROLE_SURNAME:
                    cand = self.person(s, e, ei, lang, case, "fuzzy", sim)
                    if cand and not (word and cand.shape == "surname"):
                        cand.method = "fuzzy"
                        out.append(cand)
                elif word:
                    continue
                elif not info.common_word or self.common_word_ok(s, e, lang):
                    out.append(_Cand(s, e, ei, lang, case, "fuzzy", sim))
        return out

    def _inside_other_name(self, s: int, e: int, found: list[tuple[int, float]]) -> bool:
        """A one-word near miss of a thing (not a person) joined to another capitalised word."""
        if all(unpack(hit)[1] == _ROLE_SURNAME for hit, _ in found):
            return False
        left = _left_token(self.folded, s)
        return bool(left and self.text[left.s].isupper() and not self.sentence_initial(left.s)
                    and self.text[left.e:s].isspace())

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

        # the same order whatever the store (in memory when just compiled, SQLite from the cache): the
        # nearest spelling first, so a tie between two case forms is decided the same way every run
        same_skeleton = {h for h, _ in store.bucket(skel)}  # type: ignore[attr-defined]
        limit = 1 if len(token) < 9 or has_cyrillic(token) else 2
        ph = phonetic(token)
        best: dict[int, tuple[int, float]] = {}
        results = process.extract(token, [f for _, f in cands], scorer=OSA.distance, score_cutoff=limit,
                                  limit=None)
        scored = {i: d for _, d, i in results}
        order = sorted(range(len(cands)), key=lambda i: (scored.get(i, limit + 1), cands[i][0]))
        for i in order:
            hit, form = cands[i]
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
        chosen = self._scan_once()
        if self.lang == "auto" and has_cyrillic(self.folded):
            # uk or ru, decided on the text around the names
            guess = [p[2] == "en" for p in self.paras]
            self._decide_langs(chosen)
            if guess != [p[2] == "en" for p in self.paras]:
                # the script guessed from all letters was wrong once the names are left out: judge the
                # candidates again as text of the language decided, so a second run finds the same
                self.others, self._before, self.ties = [], {}, set()
                chosen = self._scan_once()
                self._decide_langs(chosen)
        return [self.to_match(group) for group in self._corefer(chosen)]

    def _decide_langs(self, chosen: list[list[_Cand]]) -> None:
        self.ties = set()
        self.paras = paragraphs(self.text, "auto", [(g[0].start, g[0].end) for g in chosen],
                                self._votes(chosen), self.ties)
        self.para_starts = [p[0] for p in self.paras]

    def _scan_once(self) -> list[list[_Cand]]:
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
        return chosen

    def _votes(self, chosen: list[list[_Cand]]) -> list[tuple[int, int]]:
        """(position, +1/-1) for each Cyrillic mention written in a form only the uk (ru) house forms have."""
        out = []
        for group in chosen:
            best = group[0]
            if len(group) > 1 or best.shape == "abbr":
                continue
            found = self.text[best.start:best.end]
            if not has_cyrillic(found):
                continue
            info = self.c.entries[best.entry]
            uk, ru = self._is_house_form(info, found, "uk"), self._is_house_form(info, found, "ru")
            if uk != ru:
                out.append((best.start, 1 if uk else -1))
        return out

    def _corefer(self, chosen: list[list[_Cand]]) -> list[list[_Cand]]:
        """A surname shared by two entries is the person named in full earlier in the text; a surname
        alone after another person of that surname (the father of the entry's person, a namesake) was
        named last is that person's, not the entry's."""
        named: list[int] = []
        last: dict[int, int] = {}
        out = []
        for group in chosen:
            if group[0].shape == "surname":
                start = group[0].start
                group = [g for g in group
                         if max((p for p, ei in self.others if ei == g.entry and p < start), default=-1)
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
                         best.method, best.score, ids, text_lang, None, silenced, "ambiguous")
        info = self.c.entries[best.entry]
        if best.shape == "abbr":
            return Match(best.start, best.end, found, found, info.id, info.kind, "abbreviation", best.score, [],
                         text_lang, None, silenced, "abbreviation")
        case = best.case if LANGS[best.lang] in ("uk", "ru") else 0
        if text_lang in ("uk", "ru") and LANGS[best.lang] not in ("uk", "ru") and best.method == "fuzzy":
            case = _detect_case(found, text_lang)
        canonical = _canonical(info, best, text_lang, case, found)
        reason = best.reason
        if reason is None and canonical != found:
            reason, case, canonical = self._policy(info, best, text_lang, case, found, canonical)
        if "’" in found and "'" in canonical:
            canonical = canonical.replace("'", "’")  # the apostrophe as the text writes it
        if canonical == found:
            reason = None
        method = best.method
        if method == "exact" and canonical != found:
            method = "variant"
        return Match(best.start, best.end, found, canonical, info.id, info.kind, method, best.score, [],
                     text_lang, CASES[case] if text_lang in ("uk", "ru") else None, silenced, reason)

    def _policy(self, info: EntryInfo, best: _Cand, lang: str, case: int, found: str, canonical: str
                ) -> tuple[str | None, int, str]:
        """Whether a mention not in its house form is rewritten: (reason to leave it alone or None, case,
        house form). Rewriting needs certainty about the entry, the span and the grammatical form."""
        words, house = _ALNUM.findall(found), _ALNUM.findall(canonical)
        for w in words:  # a newsroom that writes РФ (or рф) keeps it, also inside a longer name
            letters = [ch for ch in w if ch.isalpha()]
            if w not in house and (len(letters) >= 2 and all(ch.isupper() for ch in letters) and
                                   not found.isupper() or self._abbreviation_key(w)):
                return "abbreviation", case, canonical
        if not info.person:  # a house form never repeats the words around the span (“Spider Web” drone operation)
            seen = {w.lower()[:5] for w in words}
            near = {w.lower()[:5] for w in _ALNUM.findall(self.text[best.end:best.end + 40])[:3]}
            near |= {w.lower()[:5] for w in _ALNUM.findall(self.text[max(0, best.start - 40):best.start])[-2:]}
            if any(w.lower()[:5] in near for w in house if w.lower()[:5] not in seen and len(w) > 2):
                return "repeats-context", case, canonical
        if not info.person and len(words) != len(house):
            return "short-form", case, canonical  # Кабмін, Сумщина, Офіс президента: another name, kept
        cyrillic = has_cyrillic(found)
        if lang in ("uk", "ru") and cyrillic:
            same = self._house_spelling(info, found, lang)
            if same is not None:
                return None, case, _letter_case(found, same)  # only the capitals differ
            if self._is_house_form(info, found, lang):
                return "already-house-form", case, canonical  # мосту / моста: the one written stays
            if self.tie_at(best.start) and any(self._is_house_form(info, found, other) for other in ("uk", "ru")):
                return "cross-language", case, canonical
            if not info.person and CASES[case] == "gent" and LANGS[best.lang] != lang and \
                    {found[-1:].lower(), canonical[-1:].lower()} == {"а", "у"}:
                return "case-unknown", case, canonical  # росатома (ru) in uk text: Росатома or Росатому?
            if len(set(best.cases) - {0, 3}) > (0 if 0 in best.cases else 1) and not info.person and \
                    LANGS[best.lang] in ("uk", "ru"):
                options = {c: _canonical(info, best, lang, c, found) for c in best.cases}
                if len(set(options.values())) > 1:
                    wanted = _cases_after([self._word_before(best.start)])
                    kept = {c: f for c, f in options.items() if not wanted or c in wanted}
                    if len(set(kept.values())) != 1:
                        return "case-unknown", case, canonical
                    case = min(kept)
                    return None, case, kept[case]
        return None, case, canonical

    def _abbreviation_key(self, word: str) -> bool:
        """`word` is written as some entry's abbreviation (рф)."""
        key = fold_form(word)
        automaton, values = self.c.part("cyrillic" if has_cyrillic(key) else "latin")
        index = automaton.get(key, None)
        return index is not None and any(unpack(h)[1] == _ROLE_ABBR for h in self.c.hits(values[index]))

    def _house_spelling(self, info: EntryInfo, found: str, lang: str) -> str | None:
        """The house form of `lang` (any case) that `found` spells with other capitals, or None."""
        if info.person:
            return None
        key = found.lower()
        for cell in getattr(info, lang) or ():
            for alt in cell.split("|"):
                if alt.lower() == key:
                    return alt
        return None

    def _is_house_form(self, info: EntryInfo, found: str, lang: str) -> bool:
        """`found` is, word for word, one of the entry's house forms of `lang` in some case."""
        if info.person:
            tables = [getattr(info, f"{lang}_surname"), getattr(info, f"{lang}_given")]
            forms = {alt for t in tables if t for cell in t for alt in cell.split("|")}
            return all(w in forms for w in found.split())
        table = getattr(info, lang)
        return bool(table) and any(found in cell.split("|") for cell in table)

    def tie_at(self, pos: int) -> bool:
        """True when nothing in the paragraph at `pos` tells Ukrainian from Russian."""
        return bool(self.ties) and self.paras[max(0, bisect_right(self.para_starts, pos) - 1)][0] in self.ties


# Prepositions that decide the case of the name after them (uk and ru; folded).
_PREP_CASES: dict[str, tuple[int, ...]] = {}
for _words, _cases in (
        ("у в уві во на о об обо при по", (5, 3)),  # locative (or accusative: в Україну, на Київ)
        ("після без для до від біля коло серед замість крім кроме около возле из от у "
         "против напротив вздовж вдоль посеред", (1,)),
        ("з із зі с со", (1, 4)),
        ("к ко завдяки согласно благодаря навстречу", (2,)),
        ("над під пiд перед під за между між под", (4, 3)),
        ("про через сквозь", (3,))):
    for _w in _words.split():
        _PREP_CASES[_w] = tuple(sorted(set(_PREP_CASES.get(_w, ())) | set(_cases)))


def _cases_after(words: list[str]) -> tuple[int, ...]:
    """The cases a name can take after the word before it, or () when the word says nothing."""
    return _PREP_CASES.get(words[0], ()) if words else ()


def _letter_case(found: str, house: str) -> str:
    """The house form in the letter-case style of what was written: capitals only where all were."""
    letters = [ch for ch in found if ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return house.upper()
    return house


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
    if cand.shape == "plural":
        out += "es" if found.endswith("es") and not out.endswith("e") else "s"
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


# Classifier nouns that, right before a name, say it is something of another kind: a ship called
# «Москва» is not the city, a village sharing a city's name is not the city (folded stems).
_SHIPS = ("крейсер", "корабл", "корабель$", "судна", "судно", "судне", "фрегат", "корвет", "катер", "есмін",
          "эсмин", "танкер", "підводн", "подводн", "cruiser", "ship", "ships", "vessel", "frigate", "corvette",
          "tanker", "warship")
_SETTLEMENTS = ("село", "села", "селі", "селу", "селом", "селе", "селищ", "поселок", "поселк", "хутор",
                "village", "settlement")
_RIVERS = ("річка", "річки", "річці", "річку", "річкою", "река", "реки", "реке", "реку", "рекой", "river")
_TOWNS = ("місто", "міста", "місті", "містом", "город", "города", "городе", "городом", "town", "city")
_CLASSIFIERS: dict[str, tuple[str, ...]] = {
    "place": _SHIPS + _SETTLEMENTS + _RIVERS,
    "person": _SHIPS + _SETTLEMENTS + _TOWNS + _RIVERS,
    "organization": (),  # кораблі ВМФ, ships of the Black Sea Fleet: ships belong to these
    "unit": _SETTLEMENTS + _TOWNS,
    "media": _SHIPS,
}


# per kind: (words matched whole, stems matched as prefixes): a stem of five letters or more matches the
# words starting with it; a shorter one, or one ending in $, only the word itself
_CLASSIFIER_WORDS = {
    kind: (frozenset(w.rstrip("$") for w in words if len(w) < 5 or w.endswith("$")),
           tuple(w for w in words if len(w) >= 5 and not w.endswith("$")))
    for kind, words in _CLASSIFIERS.items()}
_NO_WORDS: tuple[frozenset[str], tuple[str, ...]] = (frozenset(), ())


@lru_cache(maxsize=4096)
def _dictionary_word(token: str) -> bool:
    """True when the Ukrainian or Russian dictionary knows `token` (an adjective, a preposition, another
    surname): a typo of a name is not a word of its own."""
    from ..morph import analyzer

    word = token.lower().replace("'", "ʼ")
    return any(analyzer(lang).word_is_known(word) for lang in ("uk", "ru"))
