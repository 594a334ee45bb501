"""Given names across Ukrainian, Russian and English (data: translit/data/given_names.yaml)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..caches import cached
from .fold import fold_form

__all__ = ["GivenName", "given_names", "lookup_given", "DATA_FILE"]

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "given_names.yaml"


@dataclass(frozen=True)
class GivenName:
    """One given name and its equivalents: Кирило / Кирилл / Kyrylo / Kirill."""

    uk: str
    ru: str
    gender: str
    en_uk: str
    en_ru: str
    variants: tuple[str, ...] = field(default=())

    def latin(self) -> tuple[str, ...]:
        """The Latin spellings: English forms of the uk and ru names, then the variants."""
        return (self.en_uk, self.en_ru, *self.variants)

    def forms(self) -> tuple[str, ...]:
        """Every spelling the record lists, house forms first."""
        return tuple(dict.fromkeys((self.uk, self.ru, self.en_uk, self.en_ru, *self.variants)))


@cached()
def given_names() -> tuple[GivenName, ...]:
    """All records of the given-names file, in file order."""
    import yaml  # the YAML parser only when the names are first needed

    if not DATA_FILE.is_file():
        return ()
    raw = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8")) or []
    out = []
    for item in raw:
        if not isinstance(item, dict) or not all(item.get(k) for k in ("uk", "ru", "gender", "en_uk", "en_ru")):
            continue
        out.append(GivenName(item["uk"], item["ru"], item["gender"], item["en_uk"], item["en_ru"],
                             tuple(item.get("variants") or ())))
    return tuple(out)


@cached()
def _index() -> dict[str, tuple[GivenName, ...]]:
    index: dict[str, list[GivenName]] = {}
    for record in given_names():
        for form in record.forms():
            bucket = index.setdefault(fold_form(form), [])
            if record not in bucket:
                bucket.append(record)
    return {k: tuple(v) for k, v in index.items()}


def lookup_given(name: str) -> tuple[GivenName, ...]:
    """Records whose spellings include `name` (any script, case-insensitive); () if none."""
    return _index().get(fold_form(name), ())
