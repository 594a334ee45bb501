"""Content rules for glossary entries; each returns GlossaryProblems, never raises."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from ..caches import cached
from ..errors import GlossaryProblem
from ..text.scripts import (APOSTROPHES, CYRILLIC_APOSTROPHE, CYRILLIC_BLOCK, LATIN_APOSTROPHE, RU_ONLY, UK_ONLY,
                            is_cyrillic, word_script)
from .model import KINDS, Entry

__all__ = ["check", "form_key", "RULES"]

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TOKEN = re.compile(r"\S+")


_APOSTROPHE = re.compile(f"[{re.escape(APOSTROPHES)}]")
# a word whose letters are all in the Cyrillic block (whatever else it holds) is in one script
_CYRILLIC_BLOCK_WORD = re.compile(rf"[{CYRILLIC_BLOCK}\W\d_]*")


def form_key(text: str) -> str:
    """How two forms are compared for collisions: NFC, case-folded, one apostrophe."""
    return _APOSTROPHE.sub("'", unicodedata.normalize("NFC", text).casefold())


def _p(entry: Entry, field: str, message: str) -> GlossaryProblem:
    line, col = entry.where(field)
    base = field.split("[")[0]
    return GlossaryProblem(entry.path, line, col, message, entry.id, base)


def _texts(entry: Entry) -> Iterable[tuple[str, str]]:
    """(field, text) for every text field, list items as `variants[2]`."""
    for name in ("en", "uk", "ru", "note"):
        value = getattr(entry, name)
        if value is not None:
            yield name, value
    for name in ("variants", "abbreviations", "context_in", "context_out", "keep", "shared_variants"):
        for i, value in enumerate(getattr(entry, name)):
            yield f"{name}[{i}]", value


def check_id_and_kind(entry: Entry) -> list[GlossaryProblem]:
    out = []
    if not _SLUG.match(entry.id):
        out.append(_p(entry, "id", f"id {entry.id!r} must be a lowercase slug: a-z, 0-9 and single hyphens "
                                   "(kyrylo-budanov)"))
    if entry.kind not in KINDS:
        out.append(_p(entry, "kind", f"unknown kind {entry.kind!r}; allowed: {', '.join(KINDS)}"))
    if entry.gender is not None:
        if entry.gender not in ("m", "f"):
            out.append(_p(entry, "gender", f"gender must be m or f, not {entry.gender!r}"))
        elif entry.kind != "person":
            out.append(_p(entry, "gender", "gender is only for people (kind: person)"))
    if entry.surname_alone is not None and entry.kind != "person":
        out.append(_p(entry, "surname_alone", "surname_alone is only for people (kind: person)"))
    return out


_LINE_BREAKS = {"\u2028": "line separator U+2028", "\u2029": "paragraph separator U+2029",
                "\x85": "next-line control U+0085", "\x0b": "vertical tab U+000B", "\x0c": "form feed U+000C"}


def _bad_character(text: str, allow: str) -> str | None:
    """A description of the first character no glossary text may hold, else None."""
    if text.isprintable():
        return None  # (no control, surrogate or line-break character is printable)
    for c in text:
        code = ord(c)
        if 0xD800 <= code <= 0xDFFF:
            return f"lone surrogate U+{code:04X} (not a character; fix the escape)"
        if c in allow:
            continue
        if c in _LINE_BREAKS:
            return _LINE_BREAKS[c]
        if unicodedata.category(c) == "Cc":
            return f"control character U+{code:04X}"
    return None


def check_characters(entry: Entry) -> list[GlossaryProblem]:
    """No surrogates, control characters or line separators; names hold at least one letter or digit."""
    out = []
    for field, text in _texts(entry):
        bad = _bad_character(text, "\n\t" if field == "note" else "\t\n\r")
        if bad is not None:
            out.append(_p(entry, field, f"{bad} in {text!r}"))
        elif field != "note" and text.strip() and not any(
                unicodedata.category(c)[0] in "LN" for c in text):
            out.append(_p(entry, field, f"{text!r} has no letter or digit (only marks, symbols or emoji)"))
    return out


def check_spacing(entry: Entry) -> list[GlossaryProblem]:
    out = []
    for field, text in _texts(entry):
        if field == "note":
            continue
        if not text.strip():
            out.append(_p(entry, field, "empty text"))
        elif text != text.strip():
            out.append(_p(entry, field, f"leading or trailing space in {text!r}"))
        elif "  " in text or any(c in text for c in "\t\n\r\u00a0"):
            out.append(_p(entry, field, f"double space, tab, newline or no-break space in {text!r}"))
        elif unicodedata.normalize("NFC", text) != text:
            out.append(_p(entry, field, f"{text!r} is not in Unicode NFC form"))
    return out


_SCRIPT_ORDER = ("Latin", "Cyrillic", "Greek")


@cached(maxsize=8192)
def letter_script(ch: str) -> str | None:
    """The Unicode script of a letter ("Latin", "Cyrillic", "Greek", "Armenian"...), None for a non-letter.

    Read from the character's Unicode name, whose first word is its script for every letter
    of the alphabetic scripts (LATIN SMALL LETTER A, GREEK CAPITAL LETTER OMICRON...).
    """
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    if name.startswith(("MODIFIER LETTER", "COMBINING")) or not name:
        return None
    return name.split()[0].capitalize()


def _mixed_scripts(token: str) -> tuple[list[str], str] | None:
    """(scripts, look-alike letters) when a word mixes scripts: the letters outside its main script."""
    if token.isascii() or _CYRILLIC_BLOCK_WORD.fullmatch(token):
        return None  # ASCII letters are all Latin, the Cyrillic block's all Cyrillic
    counts: dict[str, int] = {}
    for ch in token:
        script = letter_script(ch)
        if script:
            counts[script] = counts.get(script, 0) + 1
    if len(counts) < 2:
        return None
    main = max(counts, key=lambda s: (counts[s], s == "Latin"))
    bad = "".join(sorted({c for c in token if letter_script(c) not in (None, main)}))
    order = sorted(counts, key=lambda s: (_SCRIPT_ORDER.index(s) if s in _SCRIPT_ORDER else 9, s))
    return order, bad


def check_scripts(entry: Entry) -> list[GlossaryProblem]:
    out = []
    for field, text in _texts(entry):
        if field == "note":
            continue
        for token in _TOKEN.findall(text):
            mixed = _mixed_scripts(token)
            if mixed:
                scripts, bad = mixed
                out.append(_p(entry, field, f"word {token!r} mixes {' and '.join(scripts)} letters "
                                            f"(look-alike letters {bad!r}); write it in one script"))
                break
        else:
            if field == "en" and any(is_cyrillic(c) for c in text):
                out.append(_p(entry, "en", f"en must be written in Latin script: {text!r}"))
            elif field == "uk":
                wrong = sorted({c for c in text if c in RU_ONLY})
                if wrong:
                    out.append(_p(entry, "uk", f"uk has Russian-only letters {''.join(wrong)!r}; "
                                               "write the Ukrainian form"))
            elif field == "ru":
                wrong = sorted({c for c in text if c in UK_ONLY})
                if wrong:
                    out.append(_p(entry, "ru", f"ru has Ukrainian-only letters {''.join(wrong)!r}; "
                                               "write the Russian form"))
    return out


def check_apostrophes(entry: Entry) -> list[GlossaryProblem]:
    out = []
    for field, text in _texts(entry):
        if field == "note" or not _APOSTROPHE.search(text):
            continue
        for token in _TOKEN.findall(text):
            marks = {c for c in token if c in APOSTROPHES}
            if not marks:
                continue
            script = word_script(token)
            want = CYRILLIC_APOSTROPHE if script == "cyrillic" else LATIN_APOSTROPHE
            if marks - {want}:
                label = "U+02BC ʼ in Cyrillic words" if want == CYRILLIC_APOSTROPHE else "U+0027 ' in Latin words"
                out.append(_p(entry, field, f"apostrophe in {token!r}: use {label}"))
                break
    return out


def check_variants(entry: Entry) -> list[GlossaryProblem]:
    out = []
    own = {form_key(f) for f in (entry.en, entry.uk, entry.ru) if f}
    seen: set[str] = set()
    for i, variant in enumerate(entry.variants):
        key = form_key(variant)
        if not key.strip():
            continue  # reported by check_spacing
        if key in seen:
            out.append(_p(entry, f"variants[{i}]", f"duplicate variant {variant!r}"))
        elif key in own:
            out.append(_p(entry, f"variants[{i}]", f"variant {variant!r} repeats a house form"))
        seen.add(key)
    return out


_ABBREVIATION_WORD = re.compile(r"^[^\W\d_]*[A-ZА-ЯЄІЇҐЁ][\w'ʼ./-]*$")


def check_abbreviations(entry: Entry) -> list[GlossaryProblem]:
    """Abbreviations: short capitalised words (РФ, ЧФ РФ, IAEA), not repeating a form or each other."""
    out = []
    own = {form_key(f) for f in (entry.en, entry.uk, entry.ru, *entry.variants) if f}
    seen: set[str] = set()
    for i, abbr in enumerate(entry.abbreviations):
        key = form_key(abbr)
        field = f"abbreviations[{i}]"
        if not key.strip():
            continue  # reported by check_spacing
        words = abbr.split()
        if key in seen:
            out.append(_p(entry, field, f"duplicate abbreviation {abbr!r}"))
        elif key in own:
            out.append(_p(entry, field, f"abbreviation {abbr!r} repeats a house form or a variant"))
        elif len(words) > 3 or not all(_ABBREVIATION_WORD.match(w) for w in words) or \
                not any(sum(c.isupper() for c in w) >= 2 for w in words):
            out.append(_p(entry, field, f"{abbr!r} is not an abbreviation (up to three words, at least one "
                                        "written in capitals: РФ, ЧФ РФ, IAEA); list a short form under variants"))
        seen.add(key)
    return out


def check_context(entry: Entry) -> list[GlossaryProblem]:
    """Context words: one lower-case word each, not listed both as confirming and as ruling out."""
    out = []
    seen: dict[str, str] = {}
    for name in ("context_in", "context_out"):
        for i, word in enumerate(getattr(entry, name)):
            field = f"{name}[{i}]"
            if not word.strip():
                continue  # reported by check_spacing
            if " " in word or word != word.lower():
                out.append(_p(entry, field, f"context word {word!r} must be one lower-case word "
                                            "(it matches any word starting with it: крейсер, крейсера...)"))
                continue
            if word in seen:
                where = "twice" if seen[word] == name else "in both context_in and context_out"
                out.append(_p(entry, field, f"context word {word!r} listed {where}"))
            seen[word] = name
    return out


def check_house_abbreviations(entry: Entry) -> list[GlossaryProblem]:
    """abbreviation_en/uk/ru: one of the entry's abbreviations, in the letters of its language."""
    out = []
    listed = {form_key(a) for a in entry.abbreviations}
    for lang in ("en", "uk", "ru"):
        name = f"abbreviation_{lang}"
        value = getattr(entry, name)
        if not value:
            continue
        cyrillic = any(is_cyrillic(ch) for ch in value)
        if form_key(value) not in listed:
            out.append(_p(entry, name, f"{value!r} is not one of the entry's abbreviations; list it there too"))
        elif cyrillic != (lang != "en"):
            out.append(_p(entry, name, f"{value!r} is not written in {'Latin' if lang == 'en' else 'Cyrillic'} letters"))
        elif set(value.lower()) & set(RU_ONLY if lang == "uk" else UK_ONLY if lang == "ru" else ""):
            out.append(_p(entry, name, f"{value!r} has letters {lang} does not use"))
    return out


RULES: tuple[Callable[[Entry], list[GlossaryProblem]], ...] = (
    check_id_and_kind,
    check_characters,
    check_spacing,
    check_scripts,
    check_apostrophes,
    check_variants,
    check_abbreviations,
    check_house_abbreviations,
    check_context,
)


def check_claims(entries: list[Entry]) -> list[GlossaryProblem]:
    """No form (house form or variant) may be claimed by two entries unless both declare it shared."""
    out = []
    owner: dict[str, tuple[Entry, str]] = {}
    for entry in entries:
        shared = {form_key(s) for s in entry.shared_variants}
        fields = [(f, getattr(entry, f)) for f in ("en", "uk", "ru") if getattr(entry, f)]
        fields += [(f"variants[{i}]", v) for i, v in enumerate(entry.variants)]
        fields += [(f"abbreviations[{i}]", v) for i, v in enumerate(entry.abbreviations)]
        mine: set[str] = set()
        for field, text in fields:
            key = form_key(text)
            if key in mine or not key.strip():
                continue
            mine.add(key)
            if key in owner:
                other, _ = owner[key]
                other_shared = {form_key(s) for s in other.shared_variants}
                if key in shared and key in other_shared:
                    continue
                out.append(_p(entry, field, f"{text!r} is also claimed by {other.id!r} "
                                            f"({other.path}:{other.line}); list it under shared_variants "
                                            "in both entries if both really use it"))
            else:
                owner[key] = (entry, field)
    return out


def check(entries: list[Entry]) -> list[GlossaryProblem]:
    """Every rule on every entry, then the cross-entry rules; sorted by file and line."""
    out: list[GlossaryProblem] = []
    for entry in entries:
        for rule in RULES:
            out.extend(rule(entry))
    out.extend(check_claims(entries))
    return out
