"""Rendering entries as canonical YAML text, and tidying forms the way lint wants them.

Shared by `glossary fmt`, `glossary add`, `glossary import` and `glossary suggest`:
keys in `FIELDS` order, lists in block style, plain scalars unless YAML needs
quotes, multi-line text as a literal block.
"""
from __future__ import annotations

import re
import unicodedata

import yaml

from ..text.scripts import APOSTROPHES, CYRILLIC_APOSTROPHE, LATIN_APOSTROPHE, word_script
from ..glossary.model import FIELDS

__all__ = ["FORM_FIELDS", "LIST_FIELDS", "tidy_form", "render_scalar", "render_entry", "field_order"]

FORM_FIELDS = ("en", "uk", "ru")
LIST_FIELDS = ("variants", "abbreviations", "context_in", "context_out", "keep", "shared_variants")
_TIDY_FIELDS = FORM_FIELDS + LIST_FIELDS  # text fields that lint checks for apostrophes (not note)
_TOKEN = re.compile(r"\S+")
_HAS_APOSTROPHE = re.compile("[" + re.escape("".join(sorted(APOSTROPHES))) + "]")
INDENT = "  "  # fields under "- ": column 2; list items: column 4


def tidy_form(text: str) -> str:
    """`text` in NFC with each apostrophe written as its script wants (Latin ', Cyrillic ʼ)."""
    if unicodedata.is_normalized("NFC", text) and not _HAS_APOSTROPHE.search(text):
        return text  # the common case, without a pass per word
    text = unicodedata.normalize("NFC", text)

    def fix(m: re.Match[str]) -> str:
        token = m.group(0)
        if not any(c in APOSTROPHES for c in token):
            return token
        script = word_script(token)
        if script == "cyrillic":
            want = CYRILLIC_APOSTROPHE
        elif script == "latin":
            want = LATIN_APOSTROPHE
        else:
            return token
        return "".join(want if c in APOSTROPHES else c for c in token)

    return _TOKEN.sub(fix, text)


def tidy_value(key: str, value: object) -> object:
    """A field value with tidy_form applied where lint checks apostrophes."""
    if key in _TIDY_FIELDS:
        if isinstance(value, str):
            return tidy_form(value)
        if isinstance(value, list):
            return [tidy_form(v) if isinstance(v, str) else v for v in value]
    return value


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str)


_RESOLVER = yaml.resolver.Resolver()
_SURROGATE = re.compile("[\ud800-\udfff]")
_PLAIN_FIRST = re.compile(r"[^\W_]", re.U)


def _resolve(value: str) -> str:
    """The tag YAML would give `value` written plain (str, bool, int, float, null, timestamp)."""
    if value and value[0] not in _RESOLVER.yaml_implicit_resolvers:
        return "tag:yaml.org,2002:str"  # no implicit type starts with this character
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag


def _plain(value: str) -> bool:
    """True when `value` can be written as a plain scalar exactly as it is (what yaml.dump would do)."""
    return (bool(value) and _PLAIN_FIRST.match(value) is not None and value == value.strip()
            and value.isprintable() and ": " not in value and " #" not in value and not value.endswith(":")
            and "\ufeff" not in value and not _SURROGATE.search(value)
            and _resolve(value) == "tag:yaml.org,2002:str")


def render_scalar(value: object, indent: int) -> str:
    """`value` as YAML text for `key: <here>`; continuation lines indented by `indent` more."""
    if isinstance(value, str) and _plain(value):
        return value                 # the common case, without a full dump (fmt is linear and fast)
    out = yaml.dump({"k": value}, Dumper=_Dumper, allow_unicode=True, width=float("inf"),
                    sort_keys=False, default_flow_style=False)
    out = out[len("k: "):].rstrip("\n")
    lines = out.split("\n")
    return "\n".join([lines[0]] + [(" " * indent + ln) if ln else ln for ln in lines[1:]])


def field_order(keys: list[str]) -> list[str]:
    """Known fields in FIELDS order, then unknown ones as they came."""
    known = [k for k in FIELDS if k in keys]
    return known + [k for k in keys if k not in FIELDS]


def render_entry(values: dict[str, object], comments: dict[str, str] | None = None) -> str:
    """One entry as canonical YAML lines (no trailing blank line).

    `comments` maps a field name to an end-of-line comment (text after `# `).
    Empty lists and None values are left out.
    """
    comments = comments or {}
    lines: list[str] = []
    for key in field_order(list(values)):
        value = values[key]
        if value is None or value == []:
            continue
        prefix = "- " if not lines else INDENT
        eol = f"  # {comments[key]}" if key in comments else ""
        if isinstance(value, list):
            lines.append(f"{prefix}{key}:{eol}")
            for item in value:
                lines.append(f"{INDENT}  - {render_scalar(item, 6)}")
        else:
            text = render_scalar(value, 2)
            first, _, rest = text.partition("\n")
            lines.append(f"{prefix}{key}: {first}{eol}" + (f"\n{rest}" if rest else ""))
    return "\n".join(lines)
