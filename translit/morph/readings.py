"""Choosing the dictionary reading of a name word, and reading its case forms off it.

pymorphy3's first parse inflects about one name in five wrongly (Стефанчук as an
indeclinable feminine, Кузьминов as a plural genitive, Бахмут as a person); here
the reading is chosen by the word's role and gender instead.
"""
from __future__ import annotations

from typing import Any

from .analyzers import CASE_OF_TAG, CASES, analyzer

__all__ = ["ROLES", "GENDERS", "norm_gender", "Forms", "paradigm_of", "choose", "fixed",
           "is_proper_reading", "VOWELS", "agreement", "adjective_genders"]

ROLES = ("given", "surname", "patronymic", "place", "noun", "adj")
GENDERS = ("masc", "femn", "neut", "plur")
_GENDER_WORDS = {"m": "masc", "male": "masc", "masc": "masc", "f": "femn", "female": "femn",
                 "femn": "femn", "n": "neut", "neut": "neut", "pl": "plur", "plur": "plur"}
VOWELS = set("аеєиіїоуюяыэё")
# forms never offered: dialectal, archaic, slang, informal, misspelt
_SKIP = {"Dist", "Arch", "Slng", "Infr", "Erro", "Litr", "Supr", "COMP", "Cmp2"}
# spelling variants listed after the main form (ru управленье, Навальною)
_VARIANT = {"V-oy", "V-ey", "V-be", "V-en", "V-ie", "V-bi", "V-ej", "V-sh"}
_PERSON_TAGS = {"Name", "Surn", "Patr"}

Forms = dict[str, list[str]]


def norm_gender(gender: str | None) -> str | None:
    """"m"/"f"/"n"/"pl" (or pymorphy's masc/femn/neut/plur) as pymorphy's grammeme, else None."""
    if not gender:
        return None
    return _GENDER_WORDS.get(gender.lower())


def fixed(word: str) -> Forms:
    """The paradigm of an indeclinable word: the same form in every case."""
    return {case: [word] for case in CASES}


def is_proper_reading(parse: Any, lang: str) -> bool:
    """True when a parse is a proper name (person, place, organization) in the dictionary."""
    tag = parse.tag
    if _PERSON_TAGS & tag.grammemes or "Geox" in tag.grammemes or "Orgn" in tag.grammemes:
        return True
    if lang == "uk" and tag.POS == "NOUN":
        # The uk dictionary has no Geox; its proper nouns keep VESUM's grammeme order
        # (gender before animacy: "NOUN,femn,inan" Полтава vs "NOUN,inan femn" надія).
        head = str(tag).replace(" ", ",").split(",")
        return len(head) > 2 and head[1] in ("masc", "femn", "neut", "plur") and head[2] in ("inan", "Pltm")
    return False


def _gender(tag: Any) -> str | None:
    if "ms-f" in tag.grammemes:
        return "ms-f"
    for g in ("masc", "femn", "neut"):
        if g in tag.grammemes:
            return g
    return None


def _number(tag: Any) -> str:
    return "plur" if "plur" in tag.grammemes else "sing"


def paradigm_of(parse: Any, word: str, lang: str, animate: bool | None) -> Forms | None:
    """Case → forms of the lexeme of `parse` in its number and gender, or None if it misses `word`."""
    tag = parse.tag
    if "Fixd" in tag.grammemes:
        return fixed(word)
    number = _number(tag)
    gender = _gender(tag) if number == "sing" else None
    if gender == "ms-f":
        gender = None
    if animate is None:
        animate = tag.animacy == "anim"
    forms: dict[str, list[str]] = {case: [] for case in CASES}
    second: dict[str, list[str]] = {case: [] for case in CASES}
    accs_marked: list[tuple[str, str | None]] = []
    for lex in parse.lexeme:
        ftag = lex.tag
        if _SKIP & ftag.grammemes or _number(ftag) != number:
            continue
        if gender and _gender(ftag) not in (None, gender, "ms-f"):
            continue
        # acc2 (в люди) is not a form a name takes in a paradigm
        case = CASE_OF_TAG.get(ftag.case or "") if ftag.case != "acc2" else None
        if case is None:
            continue
        if case == "accs" and tag.POS in ("ADJF", "PRTF"):
            accs_marked.append((lex.word, ftag.animacy))
            continue
        # alternates that pymorphy lists as gen2/loc2 and ru -ою: keep, after (gen2) or before (loc2)
        if ftag.case == "loc2":
            forms[case].insert(0, lex.word)
        elif ftag.case == "gen2" or _VARIANT & ftag.grammemes:
            second[case].append(lex.word)
        else:
            forms[case].append(lex.word)
    for case in CASES:
        forms[case].extend(second[case])
    if accs_marked:
        wanted = "anim" if animate else "inan"
        marked = [w for w, a in accs_marked if a == wanted]
        unmarked = [w for w, a in accs_marked if a is None]
        if marked:
            forms["accs"] = marked
        elif len(unmarked) > 1:
            like = forms["gent"] if animate else forms["nomn"]
            forms["accs"] = [w for w in unmarked if w in like] or unmarked
        else:
            forms["accs"] = unmarked
    if lang == "uk" and len(forms["loct"]) > 1:
        # -ому is the usual locative of adjectives and adjectival surnames (-ім is bookish);
        # people take -ові (при Кирилові) before -і/-у
        forms["loct"].sort(key=lambda w: w.endswith(("ім", "їм")))
        if animate and gender == "masc":
            forms["loct"].sort(key=lambda w: not w.endswith(("ові", "еві", "єві")))
        elif not animate:  # у Києві, у Харкові, у Маріуполі: the -і form, the shortest one
            forms["loct"].sort(key=lambda w: (not w.endswith("і"), len(w)))
    if lang == "uk" and not animate and len(forms["datv"]) > 1:  # Маріуполю before Маріуполеві
        forms["datv"].sort(key=lambda w: w.endswith(("ові", "еві", "єві")))
    if word.replace("ё", "е") not in [w.replace("ё", "е") for w in forms["nomn"]]:
        return None
    if not forms["voct"]:
        forms["voct"] = list(forms["nomn"])
    out: Forms = {}
    for case in CASES:
        seen: list[str] = []
        for w in ([word] if case == "nomn" else []) + forms[case]:
            if w not in seen:
                seen.append(w)
        if not seen:
            return None
        out[case] = seen
    return out


def _score(parse: Any, word: str, lang: str, role: str, gender: str | None) -> float | None:
    """How well a nominative parse fits the role; None when it must not be used."""
    tag = parse.tag
    gr = tag.grammemes
    pos = tag.POS
    known = type(parse.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"
    score = 1.0 if known else 0.0
    sing = _number(tag) == "sing"
    if role in ("given", "surname") and "Fixd" in gr and (_gender(tag) in ("masc", "ms-f") or gender == "masc"):
        # masculine names ending in a consonant decline (Стефанчук → Стефанчука), and so
        # do Ukrainian masculine -о surnames (Марченко → Марченка)
        if word[-1] not in VOWELS or (lang == "uk" and word.endswith("о")):
            return None
    if role in ("given", "surname", "patronymic"):
        if not sing:
            return None
        if gender and pos == "NOUN" and _gender(tag) not in (gender, "ms-f"):
            return None
        if gender and pos == "ADJF" and _gender(tag) != gender:
            return None
    if role == "given":
        if pos != "NOUN" or "Patr" in gr:
            return None
        if "Name" not in gr and tag.animacy != "anim":
            return None  # кір the measles declines кору, Кір the man Кіра
        score += 5 * ("Name" in gr) - 2 * ("Surn" in gr) + (tag.animacy == "anim") - 2 * (tag.animacy == "inan")
    elif role == "surname":
        if pos == "ADJF":
            if not known:
                return None  # predicted adjectives: the analogy with a known surname is safer
            score += 3
        elif pos == "NOUN":
            if "Surn" in gr:
                score += 5
            elif tag.animacy != "anim" or not known or "Name" in gr:
                # Мороз the frost declines морозу, Мороз the man Мороза; a first-name
                # reading of a surname is bogus (uk Сирський → *Сирськия)
                return None
        else:
            return None
    elif role == "patronymic":
        if pos != "NOUN":
            return None
        score += 5 * ("Patr" in gr) + (tag.animacy == "anim")
    elif role == "place":
        if pos != "NOUN" or _PERSON_TAGS & gr:
            return None
        score += 3 * is_proper_reading(parse, lang) + 2 * (tag.animacy != "anim")
        score += 2 * (parse.normal_form == word) + ("Pltm" in gr) + sing
    elif role == "noun":
        if pos != "NOUN":
            return None
        score += 2 * (parse.normal_form == word) + sing + (tag.animacy != "anim")
    elif role == "adj":
        if pos not in ("ADJF", "PRTF"):
            return None
        if gender == "plur" and sing or gender and gender != "plur" and _gender(tag) != gender:
            return None
    return score


def choose(word: str, lang: str, role: str, gender: str | None,
           animate: bool | None) -> list[tuple[float, bool, Forms]]:
    """Acceptable readings of nominative `word` as (score, from the dictionary, paradigm), best first."""
    out: list[tuple[float, int, bool, Forms]] = []
    for i, parse in enumerate(analyzer(lang).parse(word)):
        if parse.tag.case not in ("nomn", None) or parse.word.replace("ё", "е") != word.replace("ё", "е"):
            continue
        score = _score(parse, word, lang, role, gender)
        if score is None:
            continue
        forms = paradigm_of(parse, word, lang, animate)
        if forms is None:
            continue
        known = type(parse.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"
        out.append((score, i, known, forms))
    out.sort(key=lambda t: (-t[0], t[1]))
    return [(s, k, f) for s, _, k, f in out]


def agreement(word: str, lang: str, role: str) -> list[tuple[str, bool]]:
    """(gender or "plur", animate) of the nominative noun readings of `word`, best first."""
    out: list[tuple[float, int, str, bool]] = []
    for i, parse in enumerate(analyzer(lang).parse(word)):
        if parse.tag.case != "nomn" or parse.tag.POS != "NOUN":
            continue
        score = _score(parse, word, lang, role, None)
        if score is None:
            continue
        number = _number(parse.tag)
        g = "plur" if number == "plur" else (_gender(parse.tag) or "masc")
        out.append((score, i, g, parse.tag.animacy == "anim"))
    out.sort(key=lambda t: (-t[0], t[1]))
    return [(g, a) for _, _, g, a in out]


def adjective_genders(word: str, lang: str) -> set[str]:
    """Genders ("plur" for plural) in which `word` is a nominative adjective or participle."""
    out: set[str] = set()
    for parse in analyzer(lang).parse(word):
        tag = parse.tag
        if tag.case == "nomn" and tag.POS in ("ADJF", "PRTF"):
            out.add("plur" if _number(tag) == "plur" else (_gender(tag) or "masc"))
    return out
