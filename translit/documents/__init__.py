"""Documents in, documents out: HTML, Markdown, DOCX, ODT, PPTX, ODP, EPUB, SRT, VTT and plain text.

    >>> from translit.documents import normalize_document, detect_format
    >>> html = b'<p class="Kiev">Kyrolo Budanov visited <b>Kiev</b>.</p>'
    >>> normalize_document(html, "html").data
    b'<p class="Kiev">Kyrylo Budanov visited <b>Kyiv</b>.</p>'

Only reader text changes (element text, `alt` and `title`); tags, other attributes,
comments, code, scripts, front matter and every other byte are kept. Zip formats are
checked against bombs and path traversal before anything is read. Errors are
`DocumentError`s whose message is `NAME: reason`.

- `model`: blocks, runs, units with source positions; edits
- `html`, `markdown`, `subtitles`, `office` (docx, pptx), `opendoc` (odt, odp), `epub`: readers
- `zipsafe`: zip checks; `xmlparts`: XML with byte positions (expat)
- `normalize`: names in house forms; `translate`: whole blocks through the model with placeholders
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..files import read_bytes
from ..lazy import lazy_names
from .errors import DocumentError
from .formats import EXTENSIONS, FORMATS, detect_format, is_zip_format, read_document
from .text import decode

if TYPE_CHECKING:
    from .normalize import DocumentResult

__all__ = ["DocumentError", "DocumentResult", "EXTENSIONS", "FORMATS", "detect_format", "is_zip_format",
           "load", "normalize_document", "prepare", "size_of", "translate_document", "translate_documents", "output_name"]

# loaded on first use: `translit normalize` on plain text needs only the formats table and decoding
__getattr__ = lazy_names(__name__, {"DocumentResult": "normalize", "normalize_bytes": "normalize",
                                    "translate_docs": "translate"})


def _bytes(source: str | Path | bytes, fmt: str | None, name: str) -> tuple[bytes, str, str]:
    if isinstance(source, bytes):
        if fmt is None:
            fmt = detect_format(name) if name else "txt"
        return source, detect_format(name, fmt), name or "<bytes>"
    path = Path(source)
    data = read_bytes(path)
    return data, detect_format(path, fmt), name or str(path)


def load(source: str | Path | bytes, fmt: str | None = None, name: str = "") -> Any:
    """Parse a document (not plain text) into the block model; DocumentError `NAME: reason` if unusable."""
    data, fmt, name = _bytes(source, fmt, name)
    try:
        return read_document(data, fmt, name)
    except DocumentError as exc:
        raise DocumentError(f"{name}: {exc}") from None


def normalize_document(source: str | Path | bytes, fmt: str | None = None, *, name: str = "",
                       lang: str = "auto", compiled: Any = None) -> DocumentResult:
    """Normalize names in a document given as a path or bytes; `fmt` is a FORMATS key or extension.

    Returns the new file's bytes, whether they changed and every mention found (for text
    formats `start`/`end` in the file's characters; for zip formats the part, the block
    index and offsets in that block's text).
    """
    from .normalize import normalize_bytes  # the block model and the scanner only when normalizing

    data, fmt, name = _bytes(source, fmt, name)
    try:
        return normalize_bytes(data, fmt, name, lang, compiled)
    except DocumentError as exc:
        raise DocumentError(f"{name}: {exc}") from None


def prepare(data: bytes, fmt: str, name: str = "") -> Any:
    """A document parsed for translation (a str for plain text); DocumentError `NAME: reason` if unusable."""
    try:
        return decode(data) if fmt == "txt" else read_document(data, fmt, name)
    except DocumentError as exc:
        raise DocumentError(f"{name}: {exc}") from None


def size_of(doc: Any) -> int:
    """Characters of text in a prepared document (for grouping work)."""
    return len(doc) if isinstance(doc, str) else sum(len(b.text) for b in doc.blocks)


def translate_documents(sources: list[Any], source_lang: str, targets: list[str], *,
                        enforcer: Any = None, jobs: int | None = None, progress: Any = None,
                        routes: dict[str, Any] | None = None, runner: Any = None) -> list[dict[str, tuple[bytes, Any]]]:
    """Translate documents together (one batch for the model).

    `sources` are `prepare()`d documents or (data, fmt, name) tuples. `runner` is passed
    to translate_texts (the server's cross-request batcher).
    result[i][target] = (file bytes, translit.translate.DocumentTranslation). Raises
    DocumentError `NAME: reason` for the first document that cannot be read.
    """
    # the translate package only when translating: normalizing a document never loads it
    from ..translate.pipeline import translate_texts
    from .translate import translate_docs

    docs: list[Any] = [prepare(*s) if isinstance(s, tuple) else s for s in sources]
    plain = [k for k, d in enumerate(docs) if isinstance(d, str)]
    results: list[dict[str, tuple[bytes, Any]]] = [{} for _ in sources]
    if plain:
        done = translate_texts([docs[k] for k in plain], source_lang, targets, enforcer=enforcer, jobs=jobs,
                               progress=progress, routes=routes, runner=runner)
        for k, by_lang in zip(plain, done):
            results[k] = {lang: (tr.text.encode("utf-8"), tr) for lang, tr in by_lang.items()}
    rich = [k for k in range(len(sources)) if k not in plain]
    if rich:
        done2 = translate_docs([docs[k] for k in rich], source_lang, targets, enforcer=enforcer, jobs=jobs,
                               progress=progress, routes=routes, runner=runner)
        for k, by_lang2 in zip(rich, done2):
            results[k] = by_lang2
    return results


def translate_document(source: str | Path | bytes, fmt: str | None = None, *, name: str = "",
                       source_lang: str = "en", target: str = "uk", enforcer: Any = None,
                       jobs: int | None = None) -> tuple[bytes, Any]:
    """Translate one document; (file bytes, DocumentTranslation). Imports the translation stack."""
    data, fmt, name = _bytes(source, fmt, name)
    return translate_documents([(data, fmt, name)], source_lang, [target], enforcer=enforcer, jobs=jobs)[0][target]


def output_name(path: str | Path, lang: str) -> str:
    """`article.html` → `article.uk.html`."""
    p = Path(path)
    return f"{p.stem}.{lang}{p.suffix or '.txt'}"
