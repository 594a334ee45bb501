"""The fuzzy step: capitalised words the automata missed, looked up by skeleton and edit distance."""
from __future__ import annotations

import re

from ..caches import cached
from ..text.fold import phonetic, skeleton
from ..text.edits import osa_within
from ..text.scripts import has_cyrillic
from .candidates import ExactCandidates
from .state import Cand, left_token
from .store import SqliteStore
from . import scores
from .types import ENTRY_SHIFT, Role, unpack

_SURNAME = int(Role.SURNAME)  # a plain int: reading an enum member is slow (Python 3.11)

MEMO_WORDS = 200_000  # capitalised words whose fuzzy outcome is remembered across texts

__all__ = ["FuzzyStep"]

_MAX_FUZZY_WORD = 64  # longest capitalised word the fuzzy step looks at
_LATIN = re.compile("[A-Za-z]")

# a capitalised word (the fuzzy step only looks at these); look-alike letters may follow the first
# (the capital comes first and the look-behind after it, so the regex engine skips to capitals quickly;
# letters, then runs of an apostrophe or hyphen and letters: the engine reads a run of letters in one step)
_CAP_WORD = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЄІЇҐЎ](?<![^\W_].)[^\W\d_]*(?:['’ʼ-][^\W\d_]+)*")


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
        cyrillic = c.part("cyrillic")[0] if self.cyrillic else latin
        folded = self.folded
        words: list[tuple[int, int, str]] = []
        unknown: set[str] = set()
        skip: set[str] = set()  # words as written that are near no name wherever they stand (The, Analysts)
        for m in _CAP_WORD.finditer(self.text):
            w = m.group()
            if w in skip:
                continue
            s, e = m.span()
            if e - s < 5 or e - s > _MAX_FUZZY_WORD:
                skip.add(w)
                continue  # a "word" longer than any name is no typo of one (and its keys would be quadratic)
            token = folded[s:e]
            if token.endswith("'s"):
                token, e = token[:-2], e - 2
            found = memo.get(token)
            if found is not None and not found:
                if w.isascii() or not _LATIN.search(w):
                    skip.add(w)  # (a word mixing scripts may fold differently elsewhere)
                continue  # most capitalised words: known to be near no name
            if used.find(1, s, e) >= 0:
                continue
            if found is None and token not in unknown:
                if token in c.given:
                    memo[token] = []  # a given name alone never matches
                    continue
                if (cyrillic if token[0] >= "\u0400" else latin).exists(token):
                    memo[token] = []  # a known spelling: the exact step already decided about it
                    continue
                unknown.add(token)
            words.append((s, e, token))
        if unknown:
            keys = {token: _fuzzy_keys(token) for token in sorted(unknown)}
            self._prefetch(keys)
            for token, token_keys in keys.items():
                memo[token] = self._fuzzy_lookup(token, token_keys)
        self.prefetch({hit >> ENTRY_SHIFT for _, _, token in words for hit, _ in memo[token]})
        for s, e, token in words:
            found = memo[token]
            if not found:
                continue
            if found and not has_cyrillic(token) and self._inside_other_name(s, found, used):
                continue  # the European Union is not the agency Unian
            # Курской, Кроме, Гончарука: a word of its own, not a typo of a name (a given name before a
            # surname may still make it a typo: Максиме Кузминове)
            word = bool(found) and has_cyrillic(token) and not self.quoted(s, e) and _dictionary_word(token)
            hyphen = self.hyphenated(s, e)  # as the exact step: T-80-Slvayansk is no more a name than T-80-Sloviansk
            if hyphen == "number":
                continue
            for hit, sim in found:
                ei, role, lang, case, origin = unpack(hit)
                info = self.entry(ei)
                if role == _SURNAME:
                    cand = self.person(s, e, ei, lang, case, "fuzzy", sim)
                    if cand and not (word and cand.shape == "surname"):
                        cand.method = "fuzzy"
                        if hyphen:
                            cand.reason = "hyphenated"
                        out.append(cand)
                elif word:
                    continue
                elif not info.common_word or self.common_word_ok(s, e, lang):
                    out.append(Cand(s, e, ei, lang, case, "fuzzy", sim, reason="hyphenated" if hyphen else None))
        return out

    def _inside_other_name(self, s: int, found: list[tuple[int, float]], used: bytearray) -> bool:
        """A one-word near miss of a thing (not a person) joined to another capitalised word before it,
        or to a name found just before it, whatever that name ends with: a rewrite may end it with
        a quote (крейсер «Москва» Salvyansk reads as крейсер Москва Salvyansk did)."""
        if all(unpack(hit)[1] == _SURNAME for hit, _ in found):
            return False
        k = s
        while k > s - 2 and k > 0 and self.text[k - 1] == " ":  # one or two spaces, as left_token
            k -= 1
        if k < s and k > 0 and used[k - 1]:
            return True
        left = left_token(self.folded, s)
        return bool(left and self.text[left.s].isupper() and not self.sentence_initial(left.s)
                    and self.text[left.e:s].isspace())

    def _prefetch(self, keys: dict[str, list[str]]) -> None:
        """Read the fuzzy index buckets of every word about to be looked up (`keys`: word -> its index
        keys), a few queries for all of them instead of one per word (a text with thousands of typos
        would wait on thousands of queries)."""
        store = self.c.store
        if not isinstance(store, SqliteStore):
            return  # in memory: nothing to read
        wanted = sorted({k for token_keys in keys.values() for k in token_keys})
        for i in range(0, len(wanted), _PREFETCH):
            store.load(wanted[i:i + _PREFETCH])

    def _fuzzy_lookup(self, token: str, keys: list[str]) -> list[tuple[int, float]]:
        """(hit, similarity) of the best near spelling per entry: one or two edits, or the same sounds.

        `keys` are the token's fuzzy index keys (_fuzzy_keys)."""
        store = self.c.store
        skel = keys[0]
        cands = store.near(keys)
        if not cands:
            return []
        same_skeleton = {h for h, _ in store.bucket(skel)}
        limit = 1 if len(token) < 9 or has_cyrillic(token) else 2
        ph = phonetic(token)
        best: dict[int, tuple[int, float]] = {}
        scored = _distances(token, [f for _, f in cands], limit)
        # the same order whatever the store (in memory when just compiled, SQLite from the cache): the
        # nearest spelling first, so a tie between two case forms is decided the same way every run
        # (only the spellings that can pass: within the limit, or of the same skeleton)
        order = sorted([i for i in range(len(cands)) if i in scored or cands[i][0] in same_skeleton],
                       key=lambda i: (scored.get(i, limit + 1), cands[i][0]))
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
            sim = 1.0 - scores.FUZZY_EDIT_WEIGHT * d / max(len(form), len(token)) - scores.FUZZY_PENALTY
            ei = hit >> ENTRY_SHIFT
            if ei not in best or best[ei][1] < sim:
                best[ei] = (hit, sim)
        return list(best.values())


_PREFETCH = 500  # fuzzy index keys per query (SQLite allows 32,766 parameters)

# Edit-distance cells (characters of the word times characters of the near forms) a process computes
# in Python before it imports rapidfuzz instead: about as long as the import takes (10-20 ms), so a short
# text never imports it and a long one pays for the Python lookups at most once more.
PLAIN_CELLS = 20_000
_plain_spent = [0]


def load_scorer() -> None:
    """Import rapidfuzz now and score with it from here on (for a long text, or before forking workers)."""
    from rapidfuzz import process  # noqa: F401 (loaded here once; _distances imports it from the cache)
    from rapidfuzz.distance import OSA  # noqa: F401

    _plain_spent[0] = PLAIN_CELLS + 1


def _distances(token: str, forms: list[str], limit: int) -> dict[int, int]:
    """{index in `forms`: OSA distance} of the forms at most `limit` edits from `token`."""
    cells = len(token) * sum(map(len, forms))
    if _plain_spent[0] + cells <= PLAIN_CELLS:
        _plain_spent[0] += cells
        found = {i: osa_within(token, form, limit) for i, form in enumerate(forms)}
        return {i: d for i, d in found.items() if d is not None}
    from rapidfuzz import process  # (its import costs more than a short text's lookups)
    from rapidfuzz.distance import OSA

    results = process.extract(token, forms, scorer=OSA.distance, score_cutoff=limit, limit=None)
    return {i: d for _, d, i in results}


def _fuzzy_keys(token: str) -> list[str]:
    """The fuzzy index keys a word is looked up under: its skeleton, and that with each letter left out."""
    skel = skeleton(token)
    start = 1 if skel.startswith("~") else 0
    keys = [skel]
    if len(skel) - start >= 4:
        keys += [skel[:i] + skel[i + 1:] for i in range(start, len(skel))]
    return keys


@cached(maxsize=4096)
def _dictionary_word(token: str) -> bool:
    """True when the Ukrainian or Russian dictionary knows `token` (an adjective, a preposition, another
    surname): a typo of a name is not a word of its own."""
    from ..morph import analyzer  # pymorphy3 loads its dictionaries: only for a Cyrillic near miss

    word = token.lower().replace("'", "ʼ")
    return any(analyzer(lang).word_is_known(word) for lang in ("uk", "ru"))
