"""Carrying the capitalisation of a source word over to its inflected forms."""
from __future__ import annotations

__all__ = ["copy_case", "is_all_caps"]


def is_all_caps(text: str) -> bool:
    """True for words like БУДАНОВ (two or more letters, all uppercase)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def copy_case(source: str, form: str) -> str:
    """`form` (any case) written with the capitalisation of `source`.

    ALL CAPS stays ALL CAPS; otherwise letter i of the form is uppercase when
    letter i of the source is (Нью-Йорк → Нью-Йорка, Київ → Києва).
    """
    if is_all_caps(source):
        return form.upper()
    src_parts, form_parts = source.split("-"), form.split("-")
    if len(src_parts) > 1 and len(src_parts) == len(form_parts):  # Ростов-на-Дону → Ростова-на-Дону
        return "-".join(copy_case(s, f) for s, f in zip(src_parts, form_parts))
    out = []
    for i, ch in enumerate(form):
        out.append(ch.upper() if i < len(source) and source[i].isupper() else ch.lower())
    return "".join(out)
