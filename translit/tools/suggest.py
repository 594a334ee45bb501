"""`glossary suggest`: proposals for the glossary from a corpus of articles.

Two kinds of proposal:

* variants: spellings of known entries that the glossary does not list yet
  (the normalizer's fuzzy/romanized/... matches, plus name-like sequences
  that are close to a known form);
* candidates: name-like sequences (1-4 capitalised words) that no entry
  covers, clustered by spelling so "Kyrolo Budanov" and "Kyrylo Budanov" are
  one proposal with a count per spelling.

Word lists (stopwords, place and organization cues) are in
`suggest_words.yaml` next to this module.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from ..caches import cached
from ..errors import UsageError
from ..text.scripts import APOSTROPHES, RU_ONLY, UK_ONLY, word_script
from .add import DERIVED_COMMENT, build_entry
from .derive import find_given, slugify
from .layout import render_entry, render_scalar
from ..glossary.model import Entry, Glossary
from ..glossary.rules import form_key

__all__ = ["Mention", "VariantSuggestion", "Candidate", "Suggestions", "suggest", "name_sequences", "fold"]

_WORDS_FILE = Path(__file__).with_name("suggest_words.yaml")
_APOS = re.escape(APOSTROPHES)
_WORD = re.compile(rf"[^\W_]+(?:[-{_APOS}][^\W_]+)*")
_POSSESSIVE = re.compile(rf"[{_APOS}][sS]$")
_SENTENCE_END = re.compile(r"[.!?:;\"“”«»()\[\]]\s*$|^\s*$")
KNOWN_METHODS = {"exact", "variant", "inflected"}  # matches that are forms the glossary already lists
SIMILAR = 80.0  # lowest word-by-word similarity (0-100) of two spellings of one name ("Kyrolo"/"Kyrylo": 83)


@cached()
def _words() -> dict[str, frozenset[str]]:
    data = yaml.load(_WORDS_FILE.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # all strings: "on", "no"
    return {k: frozenset(str(w).casefold() for w in v) for k, v in data.items()}


def fold(text: str) -> str:
    """Spelling key for clustering: no accents, no apostrophes, case-folded."""
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return "".join(c for c in text if c not in APOSTROPHES).casefold()


@dataclass
class Mention:
    text: str     # the name as written (possessive 's removed)
    doc: str      # input name
    start: int
    end: int
    before: str   # the word before it (lowercase), for kind guesses
    after: str    # the word after it
    initial: bool = False  # starts a sentence
    example: str = ""
    lang: str = "en"       # en for Latin names, else uk or ru


def _is_cap(word: str) -> bool:
    return word[0].isupper() and any(c.isalpha() for c in word)


def name_sequences(text: str, doc: str = "-", known: list[tuple[int, int]] | None = None,
                   lang: str = "uk") -> list[Mention]:
    """Runs of 1-4 capitalised words in `text`, single-space separated, minus sentence-start words.

    Words inside a `known` span (start, end), e.g. a glossary match, break runs and are never
    part of one. Cyrillic runs are taken as `lang` unless their letters say otherwise.
    """
    words = _words()
    stop, demonyms = words["stopwords"], words["demonyms"]
    spans = sorted(known or [])
    ends = [b for _, b in spans]

    def is_known(tok: re.Match[str]) -> bool:
        k = bisect.bisect_right(ends, tok.start())
        return k < len(spans) and spans[k][0] < tok.end()

    tokens = list(_WORD.finditer(text))
    caps = [_is_cap(t.group()) and not is_known(t) for t in tokens]
    out: list[Mention] = []
    i = 0
    while i < len(tokens):
        if not caps[i]:
            i += 1
            continue
        run = [tokens[i]]
        j = i + 1
        while j < len(tokens) and caps[j] and \
                text[run[-1].end():tokens[j].start()] in (" ", "\u00a0") and \
                not _POSSESSIVE.search(run[-1].group()) and tokens[j].group().casefold() not in demonyms:
            run.append(tokens[j])
            j += 1
        prev_word = tokens[i - 1].group().casefold() if i > 0 else ""
        next_word = tokens[j].group().casefold() if j < len(tokens) else ""
        i = j
        # drop leading sentence-start words, stopwords and nationality adjectives
        while run:
            w = run[0].group().casefold()
            # "Russian Telegram" -> "Telegram", but "Ukrainian Armed Forces" stays a name
            if w in stop or (w in demonyms and len(run) == 2):
                prev_word = w
                run = run[1:]
                continue
            break
        while run and run[-1].group().casefold() in stop:
            run = run[:-1]
        if not run:
            continue
        if len(run) > 4:
            run = run[-4:]
        start, end = run[0].start(), run[-1].end()
        name = text[start:end]
        m = _POSSESSIVE.search(name)
        if m:
            name, end = name[:m.start()], end - 2
        if len(run) == 1 and (name.casefold() in demonyms or len(name) < 2):
            continue
        initial = bool(_SENTENCE_END.search(text[max(0, start - 3):start]))
        mention_lang = "en" if word_script(name.replace(" ", "")) == "latin" else \
            "uk" if any(c in UK_ONLY for c in name) else "ru" if any(c in RU_ONLY for c in name) else lang
        out.append(Mention(name, doc, start, end, prev_word, next_word, initial, lang=mention_lang))
    return out


def _example(text: str, start: int, end: int, width: int = 90) -> str:
    """The line around a mention, shortened to about `width` characters."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    a = max(line_start, start - width // 3)
    b = min(line_end, max(end + width // 2, a + width))
    snippet = text[a:b].strip()
    return ("…" if a > line_start else "") + snippet + ("…" if b < line_end else "")


@dataclass
class VariantSuggestion:
    entry: str
    found: str
    count: int
    method: str
    score: float
    examples: list[str] = field(default_factory=list)
    where: str = ""
    case: str | None = None  # grammatical case of the mention when not nominative: list the nominative

    def to_dict(self) -> dict[str, object]:
        return {"type": "variant", "entry": self.entry, "found": self.found, "count": self.count,
                "method": self.method, "score": round(self.score, 3), "case": self.case,
                "examples": self.examples}


@dataclass
class Candidate:
    spellings: Counter[str]
    surname_mentions: int = 0
    examples: list[str] = field(default_factory=list)
    place_cues: int = 0
    org: bool = False
    langs: Counter[str] = field(default_factory=Counter)

    @property
    def lang(self) -> str:
        """en for a Latin name, else the language (uk or ru) it was seen in most."""
        return self.langs.most_common(1)[0][0] if self.langs else "en"

    @property
    def name(self) -> str:
        """The spelling to propose: a known given-name form if any, else the most frequent."""
        def rank(s: str) -> tuple[int, int, int]:
            first = s.split()[0]
            hit = find_given(first) if len(s.split()) > 1 else None
            return (int(hit is not None and hit[1] in ("en_uk", "en_ru")), int(hit is not None),
                    self.spellings[s])
        return max(self.spellings, key=rank)

    @property
    def count(self) -> int:
        return sum(self.spellings.values()) + self.surname_mentions

    @property
    def kind(self) -> str:
        words = self.name.split()
        if len(words) > 1 and any(find_given(s.split()[0]) for s in self.spellings):
            return "person"
        if self.org or (len(words) == 1 and words[0].isupper() and len(words[0]) > 1):
            return "organization"
        endings = _words()["surname_endings"]
        if 1 < len(words) <= 3 and not self.place_cues and \
                any(fold(words[-1]).endswith(e) for e in endings):
            return "person"
        if self.place_cues:
            return "place"
        return "other"

    def to_dict(self) -> dict[str, object]:
        return {"type": "candidate", "kind": self.kind, "name": self.name, "lang": self.lang, "count": self.count,
                "spellings": dict(self.spellings.most_common()), "surname_mentions": self.surname_mentions,
                "examples": self.examples}


@dataclass
class Suggestions:
    variants: list[VariantSuggestion]
    candidates: list[Candidate]
    documents: int
    normalizer: str | None = None  # "used", "not used" (use_normalizer=False), None without entries


def _tokens_similar(a: str, b: str) -> float:
    """Lowest per-word similarity of two names with the same number of words (0 otherwise)."""
    wa, wb = fold(a).split(), fold(b).split()
    if len(wa) != len(wb):
        return 0.0
    return min(fuzz.ratio(x, y) for x, y in zip(wa, wb))


def _forms(entry: Entry) -> list[str]:
    return [f for f in (entry.en, entry.uk, entry.ru, *entry.variants) if f]


def _find_matches() -> tuple[Callable[[Glossary], Any], Callable[..., list[Any]]]:
    """The normalizer's (compile, find) pair; imported here, not at the top, to keep `glossary add` light."""
    from ..normalize import compile_glossary, find_matches  # the compiled index: only when asked

    return compile_glossary, find_matches


def suggest(docs: list[tuple[str, str]], glossary: Glossary, min_count: int | None = None,
            use_normalizer: bool = True) -> Suggestions:
    """Variant and new-entry proposals for `docs` ((name, text) pairs) against `glossary`.

    `min_count` (default: 1 for a single document, else 2) applies to both kinds.
    """
    if min_count is None:
        min_count = 1 if len(docs) <= 1 else 2
    entries = list(glossary)
    known_keys: dict[str, Entry] = {}
    surnames: dict[str, Entry] = {}
    for e in entries:
        for f in _forms(e):
            known_keys.setdefault(form_key(f), e)
            if e.kind == "person" and len(f.split()) > 1:
                surnames.setdefault(form_key(f.split()[-1]), e)

    variants: dict[tuple[str, str], VariantSuggestion] = {}

    def add_variant(entry: Entry, found: str, method: str, score: float, example: str,
                    case: str | None = None) -> None:
        v = variants.setdefault((entry.id, form_key(found)), VariantSuggestion(
            entry.id, found, 0, method, score, where=f"{entry.path}:{entry.line}",
            case=case if case not in (None, "nomn") else None))
        v.count += 1
        if len(v.examples) < 3 and example not in v.examples:
            v.examples.append(example)

    tools = _find_matches() if use_normalizer and entries else None
    compiled = tools[0](glossary) if tools else None   # a failing normalizer is a bug: let it propagate
    mentions: list[Mention] = []
    for name, text in docs:
        spans: list[tuple[int, int]] = []
        if tools:
            for m in tools[1](text, "auto", compiled):
                spans.append((m.start, m.end))
                entry = glossary.get(m.entry) if m.entry else None
                if entry is None or m.method in KNOWN_METHODS or m.silenced:
                    continue
                key = form_key(m.found)
                if key in {form_key(f) for f in _forms(entry)}:
                    continue
                if len(m.found.split()) == 1 and key in {form_key(f.split()[-1]) for f in _forms(entry)}:
                    continue  # the surname alone, as the glossary already spells it
                add_variant(entry, m.found, m.method, m.score, _example(text, m.start, m.end),
                            m.case)
        uk = sum(c in UK_ONLY for c in text)
        ru = sum(c in RU_ONLY for c in text)
        for mention in name_sequences(text, name, spans, "ru" if ru > uk else "uk"):
            key = form_key(mention.text)
            if key in known_keys or (len(mention.text.split()) == 1 and key in surnames):
                continue
            mention.example = _example(text, mention.start, mention.end)
            mentions.append(mention)

    # spellings close to a known form are variants of that entry, not new entries
    forms = [(f, e) for e in entries for f in _forms(e)]
    folded = [fold(f) for f, _ in forms]
    rest: list[Mention] = []
    close_cache: dict[str, tuple[Entry, float] | None] = {}
    for mention in mentions:
        key = fold(mention.text)
        if key not in close_cache:
            best: tuple[Entry, float] | None = None
            for _, _, i in process.extract(key, folded, scorer=fuzz.ratio, score_cutoff=SIMILAR - 5, limit=10):
                score = _tokens_similar(mention.text, forms[i][0])
                if score >= SIMILAR and (best is None or score > best[1]):
                    best = (forms[i][1], score)
            close_cache[key] = best
        hit = close_cache[key]
        if hit is not None:
            add_variant(hit[0], mention.text, "similar", hit[1] / 100, mention.example)
        else:
            rest.append(mention)

    candidates = _cluster(rest)
    return Suggestions(
        variants=sorted((v for v in variants.values() if v.count >= min_count), key=lambda v: (-v.count, v.entry)),
        candidates=[c for c in candidates if c.count >= min_count],
        documents=len(docs),
        normalizer=None if not entries else "used" if tools else "not used",
    )


def _cluster(mentions: list[Mention]) -> list[Candidate]:
    words = _words()
    by_spelling: dict[str, list[Mention]] = {}
    for m in mentions:
        by_spelling.setdefault(m.text, []).append(m)
    order = sorted(by_spelling, key=lambda s: (-len(s.split()), -len(by_spelling[s]), s))
    clusters: list[tuple[str, Candidate]] = []   # (representative, candidate)
    by_shape: dict[tuple[int, str], list[int]] = {}  # (words, first letter of last word) -> cluster indexes
    last_word: dict[str, list[int]] = {}
    for spelling in order:
        ms = by_spelling[spelling]
        n = len(spelling.split())
        folded_last = fold(spelling.split()[-1])
        target = None
        if n == 1 and folded_last in last_word and len(last_word[folded_last]) == 1:
            target = clusters[last_word[folded_last][0]][1]
            target.surname_mentions += len(ms)
        elif n == 1 and all(m.initial for m in ms):
            continue  # a capitalised word seen only at sentence starts: most likely not a name
        else:
            for idx in by_shape.get((n, folded_last[:1]), []):
                if _tokens_similar(spelling, clusters[idx][0]) >= SIMILAR - 5:
                    target = clusters[idx][1]
                    break
            if target is None:
                target = Candidate(Counter())
                clusters.append((spelling, target))
                by_shape.setdefault((n, folded_last[:1]), []).append(len(clusters) - 1)
                if n > 1:
                    last_word.setdefault(folded_last, []).append(len(clusters) - 1)
            target.spellings[spelling] += len(ms)
        for m in ms:
            target.langs[m.lang] += 1
            if len(target.examples) < 2 and m.example not in target.examples:
                target.examples.append(m.example)
            if m.before in words["place_before"] or m.after in words["place_after"]:
                target.place_cues += 1
            if any(w.casefold() in words["organization_words"] for w in m.text.split()):
                target.org = True
    cands = [c for _, c in clusters]
    return sorted(cands, key=lambda c: (-c.count, c.name))


def _comment(text: str) -> str:
    return " ".join(text.split())


def render_yaml(s: Suggestions, derive: bool = True) -> str:
    """The suggestions as YAML to paste: partial entries with the new variants, then new entries."""
    out: list[str] = [f"# translit glossary suggest: {len(s.variants)} variant(s) of known entries, "
                      f"{len(s.candidates)} candidate entries, from {s.documents} document(s)"]
    if s.normalizer and s.normalizer != "used":
        out.append(f"# normalizer {s.normalizer}: variants found by spelling similarity only")
    if s.variants:
        out += ["", "# Variants of known entries: add them to the entry's `variants` list"]
    by_entry: dict[str, list[VariantSuggestion]] = {}
    for v in s.variants:
        by_entry.setdefault(v.entry, []).append(v)
    for entry_id, vs in by_entry.items():
        out += ["", f"- id: {entry_id}  # {vs[0].where}", "  variants:"]
        for v in vs:
            case = f", {v.case} case: list the nominative instead" if v.case else ""
            out.append(f"    - {render_scalar(v.found, 6)}  # count: {v.count}, {v.method} {v.score:.2f}{case}, "
                       f'e.g. "{_comment(v.examples[0])}"' if v.examples else "")
    if s.candidates:
        out += ["", "# New entries: review every field before adding them"]
    for c in s.candidates:
        example = f', e.g. "{_comment(c.examples[0])}"' if c.examples else ""
        surname = f" (+{c.surname_mentions} by surname)" if c.surname_mentions else ""
        out += ["", f"# count: {c.count}{surname}{example}"]
        try:
            new = build_entry(c.kind, **{c.lang: c.name},  # type: ignore[arg-type]
                              derive=c.lang != "en" or (derive and c.kind in ("person", "place")))
        except UsageError:  # a name the derivation refuses (bad kind, no form) is still worth proposing
            new = None
        values: dict[str, object] = new.values if new else {"id": None, "kind": c.kind, c.lang: c.name}
        if values.get("id") is None:
            values["id"] = slugify(c.name) or "new-entry"
        others = [sp for sp in c.spellings if sp != c.name]
        values["variants"] = others
        comments = {k: DERIVED_COMMENT for k in (new.derived if new else {})}
        text = render_entry(values, comments)
        lines = text.split("\n")
        counts = {render_scalar(sp, 6): c.spellings[sp] for sp in others}
        for i, line in enumerate(lines):
            stripped = line.strip()
            if stripped.startswith("- ") and stripped[2:] in counts and line.startswith("    "):
                lines[i] = f"{line}  # count: {counts[stripped[2:]]}"
        out += lines
    return "\n".join(out) + "\n"
