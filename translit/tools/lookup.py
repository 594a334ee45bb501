"""Everything about one glossary entry: its forms in each language, scheme and case."""
from __future__ import annotations

from .. import morph
from ..glossary.model import Entry
from ..match.scan import Match
from ..schemes import all_romanizations

__all__ = ["describe"]


def describe(entry: Entry, match: Match | None = None) -> dict:  # type: ignore[type-arg]
    """A JSON-ready description of `entry`: house forms, variants, romanizations, case forms."""
    schemes = {lang: all_romanizations(getattr(entry, lang), lang)
               for lang in ("uk", "ru") if getattr(entry, lang)}
    cases = {}
    for lang in ("uk", "ru"):
        form = getattr(entry, lang)
        if form:
            table = morph.phrase_paradigm(form, lang, entry.kind, entry.gender)
            cases[lang] = {case: forms[0] for case, forms in table.items() if forms}
    out: dict = {  # type: ignore[type-arg]
        "entry": entry.id,
        "kind": entry.kind,
        "forms": {lang: getattr(entry, lang) for lang in ("en", "uk", "ru")},
        "variants": list(entry.variants),
        "gender": entry.gender,
        "schemes": schemes,
        "cases": cases,
        "source": f"{entry.path}:{entry.line}",
    }
    if match is not None:
        out["match"] = match.to_dict()
    return out
