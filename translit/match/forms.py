"""Deriving every form of a glossary entry: house forms, variants, schemes, case forms, given names."""
from __future__ import annotations

from typing import Protocol

from ..caches import cached
from ..glossary.model import Entry
from ..text.fold import fold_form
from ..text.names import given_names, lookup_given
from ..text.scripts import UK_ONLY, has_cyrillic
from .types import CASES, LANGS, EntryInfo, Origin, Role, pack

__all__ = ["add_entry", "given_group", "romanizations", "paradigm"]

_LANG = {name: i for i, name in enumerate(LANGS)}
_ENGLISH_SURNAME_STOP = frozenset(
    "new north south east west white black green brown young king long may will mark bill rose "
    "grant major march little hill wood stone page day moon sun star rain".split()
)


class FormSink(Protocol):
    """Where the forms of an entry go: the compiler's builder (translit.match.build)."""

    group_ids: dict[tuple[str, str], int]
    common_forms: set[str]

    def add(self, form: str, hit: int, fuzzy: bool = False) -> None: ...

    def add_given(self, gid: int, forms: set[str]) -> None: ...

    def group_for(self, uk: str, ru: str, forms: set[str]) -> int: ...

    def person_group(self, gender: str | None, givens: dict[str, str]) -> int:
        """The given-name group of a person entry (given_group, or deferred by a compile worker)."""
        ...


@cached(maxsize=8_192)  # given names and shared words repeat; surnames rarely do
def romanizations(text: str, lang: str) -> tuple[str, ...]:
    """Every scheme's Latin spelling of a uk/ru text, distinct, in scheme order."""
    from ..schemes import all_romanizations  # loads every scheme's data file: only when compiling

    return tuple(dict.fromkeys(all_romanizations(text, lang).values()))


@cached(maxsize=8_192)
def paradigm(text: str, lang: str, role: str, kind: str, gender: str | None) -> tuple[tuple[str, ...], ...]:
    """Case forms of a uk/ru word or phrase: one tuple of spellings per case, in CASES order."""
    from .. import morph  # pymorphy3 loads its dictionaries on import: only when compiling, not on a cache hit

    if role == "phrase":
        table = morph.phrase_paradigm(text, lang, kind, gender)
    else:
        table = morph.word_paradigm(text, lang, role, gender)
    return tuple(tuple(table.get(case) or [text]) if case != "nomn" else
                 tuple(dict.fromkeys([text, *(table.get("nomn") or [])])) for case in CASES)


def known_given_forms() -> set[str]:
    """Folded spellings of every given name in the given-names file, in every case of uk and ru."""
    out: set[str] = set()
    for record in given_names():
        out.update(fold_form(f) for f in record.forms())
        for text, lang in ((record.uk, "uk"), (record.ru, "ru")):
            for alts in paradigm(text, lang, "given", "person", record.gender):
                out.update(fold_form(a) for a in alts)
    return out


def _first(forms: tuple[tuple[str, ...], ...] | None) -> tuple[str, ...] | None:
    """A paradigm as stored for rewriting: one string per case, alternatives joined by "|"."""
    return tuple("|".join(alts) for alts in forms) if forms else None


def _cyr_lang(text: str) -> str:
    return "uk" if any(c in UK_ONLY for c in text) else "ru"


@cached(maxsize=100_000)
def _common(word: str, lang: str) -> bool:
    from .. import morph  # pymorphy3 loads its dictionaries on import: only when compiling, not on a cache hit

    return morph.is_common_word(word, lang)


@cached(maxsize=100_000)
def _common_surname(word: str, lang: str) -> bool:
    """A surname that is also an ordinary word, and that the dictionary does not know as a surname."""
    from .. import morph  # pymorphy3 loads its dictionaries on import: only when compiling, not on a cache hit

    if not morph.is_common_word(word, lang):
        return False
    parses = morph.analyzer(lang).parse(word.lower())
    # a possessive adjective (Захарова "Zakhar's") or an adjectival surname is not an ordinary noun
    return not any("Surn" in p.tag for p in parses) and any(p.tag.POS == "NOUN" for p in parses)


def _gender(entry: Entry) -> str | None:
    if entry.gender:
        return entry.gender
    if entry.kind != "person":
        return None
    from .. import morph  # pymorphy3 loads its dictionaries on import: only when compiling, not on a cache hit

    for lang in ("uk", "ru", "en"):
        form = getattr(entry, lang)
        if form:
            found = morph.infer_gender(form, None if lang == "en" else lang)
            if found:
                return found
    return None


def _is_person_model(entry: Entry) -> bool:
    words = entry.en.split()
    return entry.kind == "person" and len(words) >= 2 and not lookup_given(words[-1])


def _add_cyrillic(builder: FormSink, index: int, role: int, text: str, lang: str, kind: str,
                  gender: str | None, word_role: str, origin: int) -> tuple[tuple[str, ...], ...]:
    forms = paradigm(text, lang, word_role, kind, gender)
    for case, alts in enumerate(forms):
        for alt in alts:
            o = origin if case == 0 else Origin.INFLECTED
            builder.add(alt, pack(index, role, _LANG[lang], case, o), fuzzy=True)
            oblique = case and alt not in forms[0]
            if role == Role.SURNAME and (_common(alt, lang) if oblique else _common_surname(alt, lang)):
                builder.common_forms.add(fold_form(alt))
    return forms


def _add_latin(builder: FormSink, index: int, role: int, text: str, lang: str, origin: int) -> None:
    builder.add(text, pack(index, role, _LANG[lang], 0, origin), fuzzy=True)


def _add_romanized(builder: FormSink, index: int, role: int, text: str, lang: str) -> None:
    for latin in romanizations(text, lang):
        builder.add(latin, pack(index, role, _LANG["lat"], 0, Origin.ROMANIZED), fuzzy=True)


def _split_person(form: str) -> tuple[str, str]:
    """(given part, surname) of a person's name; a reversed "Surname Given" is recognised."""
    words = form.split()
    if len(words) == 1:
        return "", words[0]
    if lookup_given(words[-1]) and not lookup_given(words[0]):
        return " ".join(words[1:]), words[0]
    return " ".join(words[:-1]), words[-1]


def given_group(builder: FormSink, gender: str | None, givens: dict[str, str]) -> int:
    """The given-name group of a person: shared with every entry that has the same given name."""
    record = None
    for lang in ("uk", "ru", "en"):
        if givens.get(lang):
            found = lookup_given(givens[lang].split()[0])
            if found:
                record = found[0]
                break
    uk = record.uk if record else givens.get("uk", "")
    ru = record.ru if record else givens.get("ru", "")
    forms: set[str] = {g for g in givens.values() if g}
    new = (uk, ru) not in builder.group_ids
    if new:
        if record:
            forms |= set(record.forms())
        for text, lang in ((uk, "uk"), (ru, "ru")):
            if text and " " not in text:
                forms |= set(romanizations(text, lang))
                for alts in paradigm(text, lang, "given", "person", gender or (record.gender if record else None)):
                    forms |= set(alts)
    for lang in ("uk", "ru"):
        given = givens.get(lang)
        if given and " " not in given and (new or given not in (uk, ru)):
            forms |= set(romanizations(given, lang))
            for alts in paradigm(given, lang, "given", "person", gender):
                forms |= set(alts)
    return builder.group_for(uk, ru, forms)


def add_entry(builder: FormSink, index: int, entry: Entry) -> EntryInfo:
    """Add every form of `entry` to the builder; return the entry's compact info."""
    gender = _gender(entry)
    for kept in entry.keep:
        builder.add(kept, pack(index, Role.KEEP, _LANG["en"], 0, Origin.EXACT))
    for abbr in entry.abbreviations:
        lang = _cyr_lang(abbr) if has_cyrillic(abbr) else "lat"
        # EXACT: only as written in capitals; VARIANT: in lower case too (рф), when that is no ordinary word
        lower_ok = len(abbr.replace(" ", "")) >= 2 and not (lang != "lat" and _word_in_dictionary(abbr.lower()))
        builder.add(abbr, pack(index, Role.ABBREVIATION, _LANG[lang], 0, Origin.VARIANT if lower_ok else Origin.EXACT))
    if _is_person_model(entry):
        info = _add_person(builder, index, entry, gender)
    else:
        info = _add_phrase(builder, index, entry, gender)
    info.context_in = tuple(fold_form(w) for w in entry.context_in)
    info.context_out = tuple(fold_form(w) for w in entry.context_out)
    info.house_abbr = (entry.abbreviation_en or "", entry.abbreviation_uk or "", entry.abbreviation_ru or "")
    return info


def _word_in_dictionary(text: str) -> bool:
    """True when any word of `text` is an ordinary word of the Ukrainian or Russian dictionary (оп, мо),
    not only an abbreviation or a name (рф)."""
    return any(_common(w, lang) for w in text.split() for lang in ("uk", "ru"))


def _add_person(builder: FormSink, index: int, entry: Entry, gender: str | None) -> EntryInfo:
    en_given, en_surname = _split_person(entry.en)
    givens = {"en": en_given}
    surnames: dict[str, tuple[tuple[str, ...], ...] | None] = {"uk": None, "ru": None}
    builder.add(en_surname, pack(index, Role.SURNAME, _LANG["en"], 0, Origin.EXACT), fuzzy=True)
    for lang in ("uk", "ru"):
        form = getattr(entry, lang)
        if not form:
            continue
        given, surname = _split_person(form)
        givens[lang] = given
        surnames[lang] = _add_cyrillic(builder, index, Role.SURNAME, surname, lang, "person", gender,
                                       "surname", Origin.EXACT)
        _add_romanized(builder, index, Role.SURNAME, surname, lang)
    group = builder.person_group(gender, givens)
    for variant in entry.variants:
        given, surname = _split_person(variant)
        if has_cyrillic(surname):
            lang = _cyr_lang(variant)
            _add_cyrillic(builder, index, Role.SURNAME, surname, lang, "person", gender, "surname", Origin.VARIANT)
        else:
            _add_latin(builder, index, Role.SURNAME, surname, "lat", Origin.VARIANT)
        if given and " " not in given:
            builder.add_given(group, {given})
    uk_given = ru_given = None
    if givens.get("uk"):
        uk_given = _first(paradigm(givens["uk"], "uk", "given", "person", gender))
    if givens.get("ru"):
        ru_given = _first(paradigm(givens["ru"], "ru", "given", "person", gender))
    alone = entry.surname_alone
    if alone is None:
        alone = (len(en_surname) >= 4 and en_surname.lower() not in _ENGLISH_SURNAME_STOP
                 and not any(_common_surname(s[0][0], lang) for lang, s in surnames.items() if s))
    return EntryInfo(
        id=entry.id, kind=entry.kind, person=True, en=entry.en, en_surname=en_surname, en_given=en_given,
        uk=None, ru=None, uk_surname=_first(surnames["uk"]), ru_surname=_first(surnames["ru"]),
        uk_given=uk_given, ru_given=ru_given, group=group, surname_alone=bool(alone),
        common_word=False, gender=gender,
    )


def _add_phrase(builder: FormSink, index: int, entry: Entry, gender: str | None) -> EntryInfo:
    _add_latin(builder, index, Role.FULL, entry.en, "en", Origin.EXACT)
    tables: dict[str, tuple[tuple[str, ...], ...] | None] = {"uk": None, "ru": None}
    for lang in ("uk", "ru"):
        form = getattr(entry, lang)
        if form:
            if has_cyrillic(form):
                tables[lang] = _add_cyrillic(builder, index, Role.FULL, form, lang, entry.kind, gender,
                                             "phrase", Origin.EXACT)
                _add_romanized(builder, index, Role.FULL, form, lang)
            else:  # HIMARS, F-16: written in Latin in Ukrainian and Russian too
                _add_latin(builder, index, Role.FULL, form, lang, Origin.EXACT)
    for variant in entry.variants:
        if has_cyrillic(variant):
            _add_cyrillic(builder, index, Role.FULL, variant, _cyr_lang(variant), entry.kind, gender,
                          "phrase", Origin.VARIANT)
        else:
            _add_latin(builder, index, Role.FULL, variant, "lat", Origin.VARIANT)
    common = entry.common_word
    if common is None:
        common = any(
            getattr(entry, lang) and " " not in getattr(entry, lang) and has_cyrillic(getattr(entry, lang))
            and _common(getattr(entry, lang), lang)
            for lang in ("uk", "ru"))
    return EntryInfo(
        id=entry.id, kind=entry.kind, person=False, en=entry.en, en_surname="", en_given="",
        uk=_first(tables["uk"]) if tables["uk"] else ((entry.uk,) * len(CASES) if entry.uk else None),
        ru=_first(tables["ru"]) if tables["ru"] else ((entry.ru,) * len(CASES) if entry.ru else None),
        uk_surname=None, ru_surname=None, uk_given=None, ru_given=None, group=-1,
        surname_alone=False, common_word=bool(common), gender=gender,
    )
