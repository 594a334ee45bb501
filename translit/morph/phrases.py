"""Case forms of whole names: people (given name, patronymic, surname), places, organizations.

Only the words that agree are inflected: for places and organizations the head
noun and the adjectives before it (Біла Церква → Білої Церкви, Головне
управління розвідки → Головного управління розвідки); the words after the head
noun (genitive complements, quoted names, abbreviations) stay as they are.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ..caches import cached
from ..errors import UsageError
from .analyzers import CASES, LANGS, analyzer, to_dictionary_spelling
from .casing import is_all_caps
from .gender import infer_gender
from .readings import adjective_genders, agreement, norm_gender
from .words import is_declinable_text, word_paradigm

__all__ = ["phrase_paradigm", "inflect_phrase", "word_roles", "Slot", "MAX_VARIANTS"]

MAX_VARIANTS = 24  # whole-phrase alternates kept per case
_WORD = re.compile(r"[^\W_]+(?:['ʼ’`\-][^\W_]+)*")
_PATRONYMIC = re.compile(r"(ович|евич|євич|ьич|івна|ївна|овна|евна|ична|інічна)$")
_PERSON_KINDS = ("person",)
_PLACE_KINDS = ("place",)


@dataclass(frozen=True)
class Slot:
    """One word of a phrase and how it declines (role None: left as it is)."""

    start: int
    end: int
    text: str
    role: str | None = None
    gender: str | None = None
    animate: bool | None = None


def _capitalised(word: str, all_caps: bool) -> bool:
    return all_caps or word[:1].isupper()


def _is_abbreviation(word: str, all_caps: bool) -> bool:
    return not all_caps and is_all_caps(word)


def _looks_patronymic(word: str) -> bool:
    return bool(_PATRONYMIC.search(word.lower())) and len(word) > 6


def _is_title(word: str, lang: str) -> bool:
    """A common animate noun before a name (Патріарх Кирило, Папа Франциск)."""
    parses = analyzer(lang).parse(to_dictionary_spelling(word))
    names = any({"Name", "Surn", "Patr"} & p.tag.grammemes for p in parses)
    return not names and any(p.tag.POS == "NOUN" and p.tag.case == "nomn" and p.tag.animacy == "anim"
                             for p in parses)


def _looks_given(word: str, lang: str) -> bool:
    parses = analyzer(lang).parse(to_dictionary_spelling(word))
    nomn = [p for p in parses if p.tag.case == "nomn" and p.word == p.normal_form]
    return any("Name" in p.tag.grammemes for p in nomn) and not any("Surn" in p.tag.grammemes for p in nomn)


def _person_roles(words: list[Slot], lang: str, gender: str | None, all_caps: bool) -> list[Slot]:
    caps = [i for i, w in enumerate(words) if _capitalised(w.text, all_caps) and is_declinable_text(w.text)]
    roles: dict[int, str] = {}
    if len(caps) >= 2 and _is_title(words[caps[0]].text, lang) and _looks_given(words[caps[1]].text, lang):
        roles[caps[0]] = "noun"
        caps = caps[1:]
    if len(caps) == 1:
        roles[caps[0]] = "given" if _looks_given(words[caps[0]].text, lang) else "surname"
    elif len(caps) == 2:
        roles[caps[0]] = "given"
        roles[caps[1]] = "patronymic" if _looks_patronymic(words[caps[1]].text) else "surname"
    elif len(caps) >= 3:
        if _looks_patronymic(words[caps[-1]].text):  # Russian order: Путин Владимир Владимирович
            roles.update({caps[0]: "surname", caps[1]: "given", caps[-1]: "patronymic"})
            middle = caps[2:-1]
        else:
            roles.update({caps[0]: "given", caps[-1]: "surname"})
            middle = caps[1:-1]
        for i in middle:
            roles[i] = "patronymic" if _looks_patronymic(words[i].text) else "given"
    out = []
    for i, w in enumerate(words):
        role = roles.get(i)
        animate = True if role else None
        out.append(Slot(w.start, w.end, w.text, role, gender if role != "noun" else None, animate))
    return out


def _noun_phrase_roles(words: list[Slot], lang: str, head_role: str, all_caps: bool) -> list[Slot]:
    """Head noun + the adjectives before it inflect; everything after the head stays."""
    keys = [to_dictionary_spelling(w.text) for w in words]
    usable = [is_declinable_text(w.text) and not _is_abbreviation(w.text, all_caps) for w in words]
    if len(words) == 1:
        if not usable[0]:
            return list(words)
        word = words[0]
        genders = adjective_genders(keys[0], lang) if not agreement(keys[0], lang, head_role) else set()
        if len(genders) == 1:  # an adjective standing for the name (Суспільне, Кропивницкий) declines as one
            return [Slot(word.start, word.end, word.text, "adj", next(iter(genders)), False)]
        animate = False if head_role == "place" else None
        return [Slot(word.start, word.end, word.text, head_role, None, animate)]
    nouns = [agreement(k, lang, head_role) if ok else [] for k, ok in zip(keys, usable)]
    adjs = [adjective_genders(k, lang) if ok else set() for k, ok in zip(keys, usable)]
    head: tuple[int, str, bool] | None = None
    for j in range(len(words)):
        if not usable[j]:
            break
        for g, anim in nouns[j]:
            if all(g in adjs[i] for i in range(j)):
                nxt = nouns[j + 1] if j + 1 < len(words) else []
                if g in adjs[j] and any(g2 == g for g2, _ in nxt):
                    break  # Біла before Церква is an adjective, not a noun
                head = (j, g, anim)
                break
        if head or not adjs[j]:
            break
    if head is None:
        return list(words)
    j, g, anim = head
    if head_role == "place":
        anim = False
    out = []
    for i, w in enumerate(words):
        if i < j:
            out.append(Slot(w.start, w.end, w.text, "adj", g, anim))
        elif i == j:
            out.append(Slot(w.start, w.end, w.text, head_role, None, anim))
        else:
            out.append(w)
    return out


def word_roles(phrase: str, lang: str, kind: str, gender: str | None = None) -> list[Slot]:
    """The words of `phrase` with the role each plays in declension (None: unchanged)."""
    words = [Slot(m.start(), m.end(), m.group()) for m in _WORD.finditer(phrase)]
    if not words:
        return []
    all_caps = is_all_caps(phrase)
    if kind in _PERSON_KINDS:
        g = norm_gender(gender) or norm_gender(infer_gender(phrase, lang))
        slots = _person_roles(words, lang, g, all_caps)
    else:
        slots = _noun_phrase_roles(words, lang, "place" if kind in _PLACE_KINDS else "noun", all_caps)
    return _split_hyphens(slots, lang)


def _split_hyphens(slots: list[Slot], lang: str) -> list[Slot]:
    """Hyphenated names the dictionary does not know decline part by part (Римський-Корсаков)."""
    out: list[Slot] = []
    for s in slots:
        if s.role is None or "-" not in s.text or analyzer(lang).word_is_known(to_dictionary_spelling(s.text)):
            out.append(s)
            continue
        parts = list(re.finditer(r"[^-]+", s.text))
        lowered = [p for p in parts if p.group()[:1].islower()]
        if s.role in ("given", "surname") and not lowered:
            out.extend(Slot(s.start + p.start(), s.start + p.end(), p.group(), s.role, s.gender, s.animate)
                       for p in parts)
        elif s.role in ("place", "noun") and lowered:  # Ростов-на-Дону: only the first part
            first = parts[0]
            out.append(Slot(s.start, s.start + first.end(), first.group(), s.role, s.gender, s.animate))
            out.append(Slot(s.start + first.end(), s.end, s.text[first.end():]))
        elif s.role in ("place", "noun") and len(parts) == 2:
            first, last = parts
            genders = adjective_genders(to_dictionary_spelling(last.group()), lang)
            heads = agreement(to_dictionary_spelling(first.group()), lang, s.role)
            agreeing = [(g, a) for g, a in heads if g in genders]
            if agreeing:  # Каменец-Подольский → Каменца-Подольского
                g, a = agreeing[0]
                a = False if s.role == "place" else a
                out.append(Slot(s.start, s.start + first.end(), first.group(), s.role, None, a))
                out.append(Slot(s.start + last.start(), s.end, last.group(), "adj", g, a))
            else:  # Лос-Анджелес → Лос-Анджелеса: the last part declines
                out.append(Slot(s.start, s.start + first.end(), first.group()))
                out.append(Slot(s.start + last.start(), s.end, last.group(), s.role, s.gender, s.animate))
        else:
            out.append(s)
    return out


@cached()
def _phrase_forms(phrase: str, lang: str, kind: str, gender: str | None) -> tuple[tuple[str, ...], ...]:
    slots = word_roles(phrase, lang, kind, gender)
    per_slot: list[dict[str, list[str]] | None] = []
    for s in slots:
        if s.role is None:
            per_slot.append(None)
        else:
            per_slot.append(word_paradigm(s.text, lang, s.role, s.gender, s.animate))
    result = []
    for case in CASES:
        choices = [[s.text] if f is None else f[case] for s, f in zip(slots, per_slot)]
        variants: list[str] = []
        for combo in itertools.islice(itertools.product(*choices), MAX_VARIANTS):
            pieces, pos = [], 0
            for s, form in zip(slots, combo):
                pieces.append(phrase[pos:s.start])
                pieces.append(form)
                pos = s.end
            pieces.append(phrase[pos:])
            text = "".join(pieces)
            if text not in variants:
                variants.append(text)
        if not variants:
            variants = [phrase]
        result.append(tuple(variants))
    return tuple(result)


def _check(lang: str) -> None:
    if lang not in LANGS:
        raise UsageError(f"unknown language {lang!r} for morphology; use one of: {', '.join(LANGS)}")


def phrase_paradigm(phrase: str, lang: str, kind: str, gender: str | None = None) -> dict[str, list[str]]:
    """Case → forms of a whole name, preferred form first, capitalisation kept.

    ("Кирило Буданов", "uk", "person", "m") → {"nomn": ["Кирило Буданов"],
    "gent": ["Кирила Буданова"], "ablt": ["Кирилом Будановим"], ...}.
    `kind` is the glossary kind: "person" declines given name, patronymic and
    surname (and a leading title: Патріарх Кирило → Патріарха Кирила); "place"
    and the other kinds decline the head noun and its adjectives only.
    `gender` ("m"/"f") is for people; inferred from the name when None.
    """
    _check(lang)
    forms = _phrase_forms(phrase.strip(), lang, kind, norm_gender(gender))
    return {case: list(f) for case, f in zip(CASES, forms)}


def inflect_phrase(phrase: str, lang: str, case: str, kind: str, gender: str | None = None) -> str:
    """The name in `case` (one of CASES), in its preferred form: ("Полтава", "uk", "loct", "place") → "Полтаві"."""
    if case not in CASES:
        raise UsageError(f"unknown case {case!r}; use one of: {', '.join(CASES)}")
    return phrase_paradigm(phrase, lang, kind, gender)[case][0]
