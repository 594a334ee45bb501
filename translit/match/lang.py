"""The language of each paragraph (English, Ukrainian or Russian); the detector is `translit.lang`."""
from __future__ import annotations

import re

from ..lang import LANGS, detect_lang

__all__ = ["detect_lang", "paragraphs", "LANG_CHOICES"]

LANG_CHOICES = LANGS
_PARA = re.compile(r"\n[ \t\r]*\n")
_CYR_WORD = re.compile(r"[\u0400-\u04ff]{3,}")


def paragraphs(text: str, lang: str = "auto", mask: list[tuple[int, int]] | None = None
               ) -> list[tuple[int, int, str]]:
    """(start, end, lang) for each paragraph (blocks separated by blank lines).

    Spans in `mask` (the names found) are left out of the decision, so a
    Ukrainian name does not make a Russian paragraph Ukrainian, and rewriting
    names never changes a paragraph's language.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _PARA.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    if lang != "auto":
        return [(s, e, lang) for s, e in spans]
    whole = detect_lang(text)
    if not mask:
        return [(s, e, detect_lang(text[s:e], whole)) for s, e in spans]
    chars = list(text)
    for s, e in mask:
        chars[s:e] = " " * (e - s)
    masked = "".join(chars)
    whole = detect_lang(masked, "") or detect_lang(text, "ru", dictionary=False)
    out = []
    for s, e in spans:
        # the words around the names decide; where they tie, the whole paragraph does; where there
        # are none, only the letters of the names do, so rewriting the names cannot change the decision
        around = masked[s:e]
        lang = detect_lang(around, "") or detect_lang(text[s:e], whole, dictionary=bool(_CYR_WORD.search(around)))
        out.append((s, e, lang))
    return out
