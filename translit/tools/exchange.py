"""Glossary exchange with translation services and terminology tools: CSV/TSV pairs and TBX.

CSV/TSV: one language pair, source form first. By default a header row of
language codes (`en,uk`), as Amazon Translate custom terminology and Google
Cloud equivalent-term glossaries expect; `header=False` gives the bare
`source,target` rows DeepL takes. Variants can be exported as extra rows
mapping each source-language variant to the target house form; import groups
rows by target form back into one entry with variants.

TBX: TBX-Basic in the TBX v2 (ISO 30042:2008, `<martif>`) structure, which
most terminology tools read: one `<termEntry>` per entry with the kind as
`<descrip type="subjectField">`, a `<langSet>` per language, house forms as
preferred terms, variants as admitted terms, gender as grammaticalGender,
the note as `<note>`, and the remaining translit fields as one
`<note>translit: {json}</note>` so that export -> import keeps everything.
Import also reads TBX v3 (`<tbx>`, `<conceptEntry>`/`<langSec>`/`<termSec>`).
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from ..errors import GlossaryProblem, InputError, UsageError
from ..text.scripts import RU_ONLY, UK_ONLY, is_cyrillic, is_latin
from ..files import read_text
from ..glossary.load import lint_paths
from ..glossary.paths import resolve_paths
from .add import AddError, NewEntry, append_entries, check_new
from .derive import slugify
from .layout import tidy_form
from ..glossary.model import KINDS, LANGS, Entry
from ..glossary.rules import form_key

__all__ = ["FORMATS", "parse_pair", "export_pairs", "export_tbx", "export_glossary", "BadRow", "import_pairs",
           "import_tbx", "plan_import", "ImportReport", "import_file"]

FORMATS = ("csv", "tsv", "tbx")
_DELIMITERS = {"csv": ",", "tsv": "\t"}

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_EXTRA_PREFIX = "translit: "
_EXTRA_FIELDS = ("abbreviations", "abbreviation_en", "abbreviation_uk", "abbreviation_ru", "context_in", "context_out", "surname_alone", "common_word", "keep",
                 "shared_variants", "override")
_GENDER = {"m": "masculine", "f": "feminine"}
_GENDER_BACK = {v: k for k, v in _GENDER.items()}


def parse_pair(pair: str) -> tuple[str, str]:
    """"en-uk" -> ("en", "uk"); both must be en, uk or ru and differ."""
    parts = pair.lower().replace("_", "-").split("-")
    if len(parts) != 2 or parts[0] not in LANGS or parts[1] not in LANGS or parts[0] == parts[1]:
        raise UsageError(f"--lang-pair must be two of {', '.join(LANGS)} joined by '-', e.g. en-uk; got {pair!r}")
    return parts[0], parts[1]


def _variant_lang(entry: Entry, variant: str) -> str:
    """Which language a variant belongs to, by its script and letters."""
    cyrillic = sum(map(is_cyrillic, variant))
    if cyrillic <= sum(map(is_latin, variant)):
        return "en"           # mostly Latin letters (a Cyrillic brand name inside counts less)
    if any(c in UK_ONLY for c in variant):
        return "uk"
    if any(c in RU_ONLY for c in variant):
        return "ru"
    from ..match.lang import detect_lang      # the dictionaries load only for variants letters cannot decide

    lang = detect_lang(variant, default="")
    if lang in ("uk", "ru"):
        return lang
    uk = fuzz.ratio(variant, entry.uk) if entry.uk else 0
    ru = fuzz.ratio(variant, entry.ru) if entry.ru else 0
    return "uk" if uk > ru else "ru"


def export_pairs(entries: list[Entry], src: str, dst: str, delimiter: str = ",", header: bool = True,
                 variants: bool = False) -> str:
    """CSV (or TSV with delimiter "\\t") rows `source,target` for entries that have both forms."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n",
                        quoting=csv.QUOTE_MINIMAL if delimiter == "," else csv.QUOTE_NONE,
                        escapechar=None if delimiter == "," else "\\")
    if header:
        writer.writerow([src, dst])
    for entry in entries:
        source, target = entry.form(src), entry.form(dst)
        if not source or not target:
            continue
        writer.writerow([source, target])
        if variants:
            for v in entry.variants:
                if _variant_lang(entry, v) == src:
                    writer.writerow([v, target])
    return buf.getvalue()


def export_tbx(entries: list[Entry]) -> str:
    """The entries as a TBX-Basic (v2) document."""
    martif = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
    header = ET.SubElement(martif, "martifHeader")
    file_desc = ET.SubElement(header, "fileDesc")
    source_desc = ET.SubElement(file_desc, "sourceDesc")
    ET.SubElement(source_desc, "p").text = "Exported by translit glossary export"
    encoding = ET.SubElement(header, "encodingDesc")
    ET.SubElement(encoding, "p", {"type": "XCSURI"}).text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for entry in entries:
        te = ET.SubElement(body, "termEntry", {"id": entry.id if entry.id[0].isalpha() else "_" + entry.id})
        ET.SubElement(te, "descrip", {"type": "subjectField"}).text = entry.kind
        if entry.note:
            ET.SubElement(te, "note").text = entry.note
        extra = {k: getattr(entry, k) for k in _EXTRA_FIELDS
                 if getattr(entry, k) is not None and getattr(entry, k) != [] and not (k == "override" and
                                                                                    not entry.override)}
        if extra:
            ET.SubElement(te, "note").text = _EXTRA_PREFIX + json.dumps(extra, ensure_ascii=False)
        by_lang: dict[str, list[tuple[str, str, str]]] = {lang: [] for lang in LANGS}
        for lang in LANGS:
            form = entry.form(lang)
            if form:
                by_lang[lang].append((form, "preferredTerm-admn-sts", f"{lang}"))
        for i, v in enumerate(entry.variants):
            by_lang[_variant_lang(entry, v)].append((v, "admittedTerm-admn-sts", f"v{i}"))
        for lang, terms in by_lang.items():
            if not terms:
                continue
            ls = ET.SubElement(te, "langSet", {XML_LANG: lang})
            for text, status, tag in terms:
                tig = ET.SubElement(ls, "tig", {"id": f"{te.get('id')}-{tag}"})
                ET.SubElement(tig, "term").text = text
                ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = status
                if entry.gender and status.startswith("preferred"):
                    ET.SubElement(tig, "termNote", {"type": "grammaticalGender"}).text = _GENDER[entry.gender]
    ET.indent(martif, space="  ")
    text = ET.tostring(martif, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n' + text + "\n")


@dataclass
class BadRow:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def _entry_values(kind: str, forms: dict[str, str], variants: list[str]) -> dict[str, object]:
    return {"id": slugify(forms.get("en", "")), "kind": kind, **forms, "variants": variants}


def _rows(reader: Any) -> Iterator[list[str]]:
    """The rows of a csv reader; a field past the csv module's limit (an unbalanced quote
    swallowing the rest of the file) is one located InputError, not a traceback."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"line {reader.line_num}: {exc} (is a quote unbalanced?)") from None
        yield row


def import_pairs(text: str, src: str, dst: str, kind: str = "other",
                 delimiter: str = ",") -> tuple[list[dict[str, object]], list[BadRow]]:
    """Entries (as field dicts) from `source,target` rows, and the rows that cannot be used.

    A first row naming the two languages is a header. Rows with the same
    target form become one entry: the first source is the house form, the
    others its variants.
    """
    if "en" not in (src, dst):
        raise UsageError("an English column is needed (every entry has an 'en' form): use en-uk, en-ru, "
                         "uk-en or ru-en")
    if kind not in KINDS:
        raise UsageError(f"unknown kind {kind!r}; allowed: {', '.join(KINDS)}")
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter,
                        quoting=csv.QUOTE_MINIMAL if delimiter == "," else csv.QUOTE_NONE)
    bad: list[BadRow] = []
    groups: dict[str, dict[str, object]] = {}
    order: list[dict[str, object]] = []
    for n, row in enumerate(_rows(reader), start=1):
        line = reader.line_num
        if not row or all(not c.strip() for c in row):
            continue
        cells = [c.strip() for c in row]
        if n == 1 and [c.lower() for c in cells[:2]] == [src, dst]:
            continue
        if n == 1 and [c.lower() for c in cells[:2]] == [dst, src]:
            raise UsageError(f"the header says {cells[0]},{cells[1]} but --lang-pair is {src}-{dst}")
        if len(cells) < 2:
            bad.append(BadRow(line, f"expected 2 columns ({src}, {dst}), found {len(cells)}"))
            continue
        if len(cells) > 2 and any(cells[2:4]) and [c.lower() for c in cells[2:4]] != [src, dst]:
            bad.append(BadRow(line, f"expected 2 columns ({src}, {dst}), found {len(cells)}"))
            continue
        source, target = tidy_form(cells[0]), tidy_form(cells[1])
        if not source or not target:
            which = src if not source else dst
            bad.append(BadRow(line, f"empty {which} cell"))
            continue
        key = target.casefold()
        if key in groups:
            entry = groups[key]
            variants = entry["variants"]
            assert isinstance(variants, list)
            if source.casefold() != str(entry[src]).casefold() and source not in variants:
                variants.append(source)
            continue
        entry = _entry_values(kind, {src: source, dst: target}, [])
        groups[key] = entry
        order.append(entry)
    return order, bad


_EXTRA_TYPES = {"surname_alone": bool, "common_word": bool, "override": bool, "keep": list, "shared_variants": list}


def _extra_problem(extra: object) -> str | None:
    """Why a `translit: {...}` note cannot be used (not an object, a field of the wrong type), else None."""
    if not isinstance(extra, dict):
        return f"the note '{_EXTRA_PREFIX.strip()}' must hold a JSON object, not {type(extra).__name__}"
    for key, value in extra.items():
        want = _EXTRA_TYPES.get(key)
        if want is None:
            continue
        if want is bool and not isinstance(value, bool):
            return f"{key} must be true or false, not {value!r}"
        if want is list and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            return f"{key} must be a list of strings, not {value!r}"
    return None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def import_tbx(text: str, kind: str = "other") -> tuple[list[dict[str, object]], list[BadRow]]:
    """Entries (as field dicts) from TBX v2 or v3, and the concept entries that cannot be used."""
    try:
        root = ET.fromstring(text.removeprefix("\ufeff").encode("utf-8"))
    except ET.ParseError as exc:
        line, col = exc.position
        raise InputError(f"line {line}, column {col + 1}: not well-formed XML ({exc.msg if hasattr(exc, 'msg') else exc})") from None
    out: list[dict[str, object]] = []
    bad: list[BadRow] = []
    for te in root.iter():
        if _local(te.tag) not in ("termEntry", "conceptEntry"):
            continue
        forms: dict[str, str] = {}
        variants: list[tuple[str, str]] = []
        values: dict[str, object] = {"kind": kind}
        gender = None
        for child in te:
            name = _local(child.tag)
            ctype = child.get("type")
            if name == "descrip" and ctype == "subjectField" and (child.text or "").strip() in KINDS:
                values["kind"] = child.text.strip()  # type: ignore[union-attr]
            elif name == "note" and child.text:
                if child.text.startswith(_EXTRA_PREFIX):
                    try:
                        extra = json.loads(child.text[len(_EXTRA_PREFIX):])
                    except (json.JSONDecodeError, RecursionError):
                        extra = {}
                    problem = _extra_problem(extra)
                    if problem:
                        values["_bad"] = problem
                    else:
                        values.update({k: v for k, v in extra.items() if k in _EXTRA_FIELDS})
                else:
                    values["note"] = child.text
            elif name in ("langSet", "langSec"):
                lang = (child.get(XML_LANG) or "").lower().split("-")[0]
                for tig in child:
                    if _local(tig.tag) not in ("tig", "termSec", "ntig"):
                        continue
                    term = next((t for t in tig.iter() if _local(t.tag) == "term"), None)
                    if term is None or not "".join(term.itertext()).strip():
                        continue
                    notes = {n.get("type"): (n.text or "").strip() for n in tig.iter() if _local(n.tag) == "termNote"}
                    status = notes.get("administrativeStatus", "")
                    gender = gender or _GENDER_BACK.get(notes.get("grammaticalGender", ""))
                    # inline markup (<term>Xan<b>adu</b></term>) is part of the term: its whole text is kept
                    form = tidy_form("".join(term.itertext()).strip())
                    if lang in LANGS and lang not in forms and not status.startswith(("admitted", "deprecated")):
                        forms[lang] = form
                    else:
                        variants.append((tig.get("id") or "", form))
        line = getattr(te, "sourceline", None) or 0
        if "_bad" in values:
            bad.append(BadRow(line, f"entry {te.get('id') or '?'}: {values['_bad']}"))
            continue
        if "en" not in forms:
            bad.append(BadRow(line, f"entry {te.get('id') or '?'} has no English term"))
            continue
        ident = (te.get("id") or "").removeprefix("_")
        values["id"] = ident if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", ident) else slugify(forms["en"])
        if gender and values["kind"] == "person":
            values["gender"] = gender

        def order(item: tuple[int, tuple[str, str]]) -> tuple[int, int]:
            m = re.search(r"-v(\d+)$", item[1][0])
            return (int(m.group(1)), 0) if m else (10**6, item[0])

        values.update(forms)
        values["variants"] = [v for _, (_, v) in sorted(enumerate(variants), key=order)]
        out.append(values)
    return out, bad


def plan_import(rows: list[dict[str, object]], existing: list[Entry]) -> tuple[list[dict[str, object]], list[str]]:
    """The imported entries that are new, and a note for each one left out.

    An entry whose English form (or id) is already in the glossary is left
    out: if its forms differ, the note says so, so a person can merge them.
    Ids made from the English form get -2, -3... when taken.
    """
    by_en = {form_key(e.en): e for e in existing}
    taken = {e.id for e in existing}
    new: list[dict[str, object]] = []
    notes: list[str] = []
    for row in rows:
        en = str(row["en"])
        known = by_en.get(form_key(en))
        if known is not None:
            diff = [f"{lang} {row[lang]!r} (glossary: {known.form(lang)!r})" for lang in ("uk", "ru")
                    if row.get(lang) and form_key(str(row[lang])) != form_key(known.form(lang) or "")]
            notes.append(f"{en!r} is already {known.id!r}" + (f"; differs: {', '.join(diff)}" if diff else "")
                         + "; not imported")
            continue
        base = str(row["id"]) or "entry"
        ident, n = base, 2
        while ident in taken:
            ident, n = f"{base}-{n}", n + 1
        taken.add(ident)
        by_en[form_key(en)] = Entry(id=ident, kind=str(row["kind"]), en=en)
        new.append({**row, "id": ident})
    return new, notes


def _format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise UsageError(f"unknown exchange format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return fmt


def export_glossary(entries: list[Entry], to: str, lang_pair: str = "en-uk", header: bool = True,
                    variants: bool = False) -> str:
    """The text of `entries` exported as `to` ("csv", "tsv": one language pair; "tbx": everything)."""
    if _format(to) == "tbx":
        return export_tbx(entries)
    src, dst = parse_pair(lang_pair)
    return export_pairs(entries, src, dst, _DELIMITERS[to], header, variants)


@dataclass
class ImportReport:
    """What `import_file` read, left out, refused and wrote."""

    source: Path
    bad: list[BadRow] = field(default_factory=list)        # rows that cannot be used
    notes: list[str] = field(default_factory=list)         # entries left out: already in the glossary
    new: list[NewEntry] = field(default_factory=list)      # NewEntry objects, checked with every lint rule
    problems: list[GlossaryProblem] = field(default_factory=list)  # why nothing was written
    written: Path | None = None                            # the glossary file appended to

    @property
    def refused(self) -> bool:
        """True when nothing could be imported: bad rows (without skip_bad) or lint problems."""
        return bool(self.problems)

    def render(self) -> str:
        """The new entries as YAML (what is appended, or printed without a target file)."""
        return "\n\n".join(n.render() for n in self.new) + ("\n" if self.new else "")


def import_file(source: Path, fmt: str, *, lang_pair: str = "en-uk", kind: str = "other",
                into: Path | None = None, glossary: list[str] | None = None,
                skip_bad: bool = False) -> ImportReport:
    """Import a CSV/TSV/TBX glossary as new entries, all or nothing.

    Rows that cannot be used are listed in `bad`; unless `skip_bad`, any of them stops the
    import (a problem in `problems`, nothing written). Entries whose English form the glossary
    (`glossary` specs, plus `into` when it exists) already has are left out with a note. The new
    entries must pass every lint rule; then they are appended atomically to `into`, or, without
    `into`, only returned (`report.render()`). Raises InputError for an unreadable file.
    """
    fmt = _format(fmt)
    report = ImportReport(source)
    text = read_text(source)
    if fmt == "tbx":
        rows, report.bad = import_tbx(text, kind)
    else:
        src, dst = parse_pair(lang_pair)
        rows, report.bad = import_pairs(text, src, dst, kind, _DELIMITERS[fmt])
    if report.bad and not skip_bad:
        report.problems = [GlossaryProblem(str(source), 0, 0, f"{len(report.bad)} row(s) cannot be used; "
                                           "nothing written (fix them or pass --skip-bad)")]
        return report
    paths = [p for p in resolve_paths(glossary or None) if p.is_file()]
    if into is not None and into.is_file() and into.resolve() not in {p.resolve() for p in paths}:
        paths.append(into)
    existing, _ = lint_paths(paths)
    rows, report.notes = plan_import(rows, existing)
    report.new = [NewEntry(values) for values in rows]
    if into is None:
        report.problems = check_new(report.new, existing, "<import>")
        return report
    if report.new:
        try:
            append_entries(into, report.new, paths)
        except AddError as exc:
            report.problems = exc.problems or [GlossaryProblem(str(into), 0, 0, str(exc))]
            return report
        report.written = into
    return report
