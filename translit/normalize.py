"""Normalize names: find every spelling of a glossary entry in a text and rewrite it to the house form.

    >>> from translit.normalize import normalize
    >>> normalize("Kyrolo Budanov said").text          # with the bundled glossaries
    'Kyrylo Budanov said'

This module never imports the translation stack.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

from .caches import cached
from .errors import GlossaryError, GlossaryProblem, Severity
from .glossary.paths import resolve_paths
from .match import Compiled, Match, compile_entries, load_or_compile, paragraphs, scan
from .text.scripts import has_cyrillic

if TYPE_CHECKING:
    from .glossary import Glossary

__all__ = ["Match", "Result", "compile_glossary", "compiled_for", "find_matches", "normalize", "rewrite"]


@dataclass
class Result:
    """A normalized text, the mentions found in the input, and the text's main language."""

    text: str
    matches: list[Match]
    lang: str

    @property
    def changed(self) -> bool:
        """True when some mention is not written in its house form."""
        return any(m.rewrites for m in self.matches)


def compile_glossary(glossary: Glossary) -> Compiled:
    """Compile a loaded glossary (cached on disk when it was loaded from files)."""
    if glossary.paths:
        def loader(paths: list[Path]) -> Glossary:
            return glossary

        return load_or_compile([Path(p) for p in glossary.paths], loader)
    return compile_entries(list(glossary))


def compiled_for(specs: list[str] | None = None) -> Compiled:
    """The compiled glossaries named by `specs` (see translit.glossary.resolve_paths).

    On a cache hit the YAML files are not even parsed.
    """
    def load_glossary(specs: list[str]) -> Glossary:
        from .glossary.load import load_glossary as load  # the YAML parser only on a cache miss

        return load(specs)

    paths = resolve_paths(specs)
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise GlossaryError([GlossaryProblem(str(p), 1, 1, "no such glossary file",
                                            severity=Severity.fatal) for p in missing])
    return load_or_compile(paths, lambda _paths: load_glossary([str(p) for p in paths]))


@cached()
def _default_compiled() -> Compiled:
    """The default glossaries, compiled (or read from the on-disk cache) once per process."""
    return compiled_for(None)


def _resolve(compiled: Compiled | Glossary | None) -> Compiled:
    if isinstance(compiled, Compiled):
        return compiled
    if compiled is not None:  # a Glossary
        return compile_glossary(compiled)
    return _default_compiled()


def find_matches(text: str, lang: str = "auto", compiled: Compiled | Glossary | None = None) -> list[Match]:
    """Every mention of a glossary entry in `text`, in order of position.

    `lang` is "en", "uk", "ru" or "auto" (decided per paragraph). Without
    `compiled`, the default glossaries are used (see resolve_paths).
    """
    return scan(text, _resolve(compiled), lang)


def rewrite(text: str, matches: list[Match]) -> str:
    """`text` with each mention the tool is sure of replaced by its canonical form (see Match.rewrites)."""
    out: list[str] = []
    pos = 0
    for m in matches:
        if not m.rewrites or m.start < pos:
            continue
        out.append(text[pos:m.start])
        out.append(m.canonical)
        pos = m.end
    out.append(text[pos:])
    return "".join(out)


def _main_lang(text: str, matches: list[Match]) -> str:
    """The language of most of the text, names left out of the decision."""
    if not has_cyrillic(text):
        return "en"
    sizes: Counter[str] = Counter()
    votes = [(m.start, 1 if m.lang == "uk" else -1) for m in matches if m.lang in ("uk", "ru")]
    for start, end, lang in paragraphs(text, "auto", [(m.start, m.end) for m in matches], votes):
        sizes[lang] += end - start
    return sizes.most_common(1)[0][0] if sizes else "en"


def normalize(text: str, lang: str = "auto", compiled: Compiled | Glossary | None = None) -> Result:
    """Rewrite every mention in `text` to the house form; everything else stays byte-for-byte."""
    matches = find_matches(text, lang, compiled)
    main = lang if lang != "auto" else _main_lang(text, matches)
    return Result(rewrite(text, matches), matches, main)
