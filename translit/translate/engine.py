"""One loaded model (CTranslate2 translator + SentencePiece) and batched translation.

Each package is loaded once per process. Sentences of many paragraphs (and many
documents) go to `translate_batch` together, sorted by length, with the same
decoding settings and (de)tokenization as argostranslate, so the output is
the same as argostranslate's for the same model and sentences.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..caches import register
from ..errors import UsageError
from ..workers import cpu_count
from .packages import ModelInfo
from .sentences import package_splitter, split_long

__all__ = ["Engine", "get_engine", "thread_plan", "LONG_SENTENCE_PIECES"]

LONG_SENTENCE_PIECES = 200      # longer sentences are cut at clause boundaries
CHUNK_SENTENCES = 256           # sentences per translate_batch call (progress granularity)
SUB_BATCH = 32                  # examples per CTranslate2 sub-batch (spread over inter_threads)

Progress = Callable[[int], None]

_PLACEHOLDER = re.compile(r"⟦\d+⟧")
_LEAD = re.compile(r"(?:⟦\d+⟧\s*)+")
_TRAIL = re.compile(r"(?:\s*⟦\d+⟧)+$")
_GLUED_END = re.compile(r"(?:⟦\d+⟧)+$")


def thread_plan(jobs: int | None = None, cores: int | None = None) -> tuple[int, int]:
    """(inter_threads, intra_threads) for CTranslate2: `jobs` parallel workers sharing the cores.

    Explicit numbers always: intra_threads=0 ("all cores") is many times slower
    in a process that also has other thread pools loaded.
    """
    cores = cores or cpu_count()
    inter = max(1, min(jobs or cores, cores))
    return inter, max(1, cores // inter)


@dataclass
class _Unit:
    """One piece of work for the model: a sentence (or a part of one) of a paragraph."""

    paragraph: int
    tokens: list[str]
    sep: str = ""        # the text between this unit and the one before it in the paragraph
    lead: str = ""       # markup placeholders at the sentence's start and end, kept outside the model
    trail: str = ""


class Engine:
    """A loaded argos package, ready to translate lists of paragraphs."""

    def __init__(self, model: ModelInfo, jobs: int | None = None):
        # the translation stack loads with the first model, never at import
        import argostranslate.settings as settings
        import ctranslate2
        import sentencepiece as spm

        self.model = model
        path = Path(model.path)
        sp_path = path / "sentencepiece.model"
        if not sp_path.exists():
            raise UsageError(f"{model.name}: only SentencePiece packages are supported (no {sp_path.name})")
        self.sp = spm.SentencePieceProcessor(model_file=str(sp_path))
        inter, intra = thread_plan(jobs)
        self.inter_threads = inter
        self.translator = ctranslate2.Translator(
            str(path / "model"), device=settings.device, inter_threads=inter, intra_threads=intra,
            compute_type=settings.compute_type,
        )
        self.beam_size = max(1, settings.beam_size)
        self.target_prefix = model.target_prefix
        self.split = package_splitter(path)
        self._lock = threading.Lock()

    def encode(self, text: str) -> list[str]:
        pieces: list[str] = self.sp.encode(text, out_type=str)
        return pieces

    def decode(self, pieces: list[str]) -> str:
        """Pieces to text exactly as argostranslate does it (`▁` and `_` become spaces)."""
        decoded: str = self.sp.decode_pieces(pieces)
        value = decoded.replace("▁", " ").replace("_", " ")
        if self.target_prefix and value.startswith(self.target_prefix):
            value = value[len(self.target_prefix):]
        if value[:1] == " ":
            value = value[1:]
        return value

    def units(self, paragraphs: list[str], markup: bool = False) -> list[_Unit]:
        """Sentences (over-long ones cut) of every paragraph, tokenized.

        `markup`: `⟦n⟧` in the paragraphs are document markup (see translit.documents.translate):
        sentences are found in the text without them, and those at a sentence's start or end
        stay outside the model (`_Unit.lead`, `_Unit.trail`), put back around its output.
        """
        out: list[_Unit] = []
        count = lambda s: len(self.encode(s))  # noqa: E731
        for i, paragraph in enumerate(paragraphs):
            sentences = self.split_markup(paragraph) if markup else self.split(paragraph)
            for sep, sentence in separated(paragraph, sentences):
                lead = trail = ""
                if markup:
                    sentence, lead, trail = edges(sentence)
                tokens = self.encode(sentence)
                if len(tokens) <= LONG_SENTENCE_PIECES:
                    out.append(_Unit(i, tokens, sep, lead, trail))
                    continue
                parts = split_long(sentence, count, LONG_SENTENCE_PIECES)
                for k, part in enumerate(parts):
                    out.append(_Unit(i, self.encode(part), sep if k == 0 else " ", lead if k == 0 else "",
                                     trail if k == len(parts) - 1 else ""))
        return out

    def split_markup(self, paragraph: str) -> list[str]:
        """Sentences of a paragraph with markup placeholders, split as its text without them.

        (`x. ⟦0⟧Next` is two sentences, as `x. Next` is.) Placeholders right after a
        sentence's last character, or between sentences after a space, end that sentence;
        those right before the next sentence's first character start it.
        """
        if "⟦" not in paragraph:
            return self.split(paragraph)
        plain: list[str] = []
        where: list[int] = []                    # paragraph index of each character of `plain`
        pos = 0
        for m in _PLACEHOLDER.finditer(paragraph):
            plain.append(paragraph[pos:m.start()])
            where.extend(range(pos, m.start()))
            pos = m.end()
        plain.append(paragraph[pos:])
        where.extend(range(pos, len(paragraph)))
        text = "".join(plain)
        spans: list[list[int]] = []
        at = 0
        for sentence in self.split(text):
            found = text.find(sentence, at)
            if found < 0 or not sentence:
                return self.split(paragraph)     # a splitter that changed the text: as it comes
            spans.append([where[found], where[found + len(sentence) - 1] + 1])
            at = found + len(sentence)
        if not spans:
            return self.split(paragraph)
        if not _PLACEHOLDER.sub("", paragraph[:spans[0][0]]).strip():
            spans[0][0] = 0
        for a, b in zip(spans, spans[1:]):
            gap = paragraph[a[1]:b[0]]
            glued = _GLUED_END.search(gap)
            cut = glued.start() if glued else len(gap)
            marks = list(_PLACEHOLDER.finditer(gap, 0, cut))
            if _PLACEHOLDER.sub("", gap).strip():
                return self.split(paragraph)
            if marks:
                a[1] += marks[-1].end()
            b[0] -= len(gap) - cut
        tail = paragraph[spans[-1][1]:]
        if not _PLACEHOLDER.sub("", tail).strip():
            spans[-1][1] = len(paragraph.rstrip())
        return [paragraph[a:b] for a, b in spans]

    def join(self, units: list[tuple[str, list[str]]], edges: list[tuple[str, str]] | None = None) -> str:
        """One paragraph's translation from its units' (separator, pieces).

        Sentences separated by one space are decoded together, exactly as
        argostranslate does; other separators (two spaces, a tab) are kept as they were.
        `edges` are the units' (lead, trail) markup kept outside the model.
        """
        if edges and any(lead or trail for lead, trail in edges):
            return "".join((sep if k else "") + lead + (self.decode(p) if p else "") + trail
                           for k, ((sep, p), (lead, trail)) in enumerate(zip(units, edges)))
        if all(sep == " " for sep, _ in units[1:]):
            pieces = [p for _, unit in units for p in unit]
            return self.decode(pieces) if pieces else ""
        return "".join((sep if k else "") + (self.decode(p) if p else "") for k, (sep, p) in enumerate(units))

    def sub_batch(self, n: int) -> int:
        """Examples per CTranslate2 sub-batch for a call of `n`: at most SUB_BATCH, and equal
        sub-batches in a multiple of inter_threads, so a small call still keeps every worker busy."""
        groups = self.inter_threads * max(1, -(-n // (self.inter_threads * SUB_BATCH)))
        return max(1, -(-n // groups))

    def translate_tokens(self, batch: list[list[str]], progress: Progress | None = None) -> list[list[str]]:
        """Target pieces for each tokenized sentence (prefix token removed)."""
        order = sorted(range(len(batch)), key=lambda i: len(batch[i]))
        results: list[list[str]] = [[] for _ in batch]
        for start in range(0, len(order), CHUNK_SENTENCES):
            idx = order[start:start + CHUNK_SENTENCES]
            tokens = [batch[i] for i in idx]
            longest = max((len(t) for t in tokens), default=0)
            prefix = [[self.target_prefix]] * len(tokens) if self.target_prefix else None
            with self._lock:
                translated = self.translator.translate_batch(
                    tokens,
                    target_prefix=prefix,
                    replace_unknowns=True,
                    max_batch_size=self.sub_batch(len(tokens)),
                    batch_type="examples",
                    beam_size=self.beam_size,
                    num_hypotheses=1,
                    length_penalty=0.2,
                    return_scores=True,
                    # never cut a translation short: argos keeps ct2's 256 default
                    max_decoding_length=max(256, 2 * longest + 10),
                )
            for i, result in zip(idx, translated):
                pieces = list(result.hypotheses[0])
                if self.target_prefix and pieces[:1] == [self.target_prefix]:
                    pieces = pieces[1:]
                results[i] = pieces
            if progress:
                progress(len(idx))
        return results

    def hypotheses_tokens(self, batch: list[list[str]], n: int) -> list[list[list[str]]]:
        """Up to `n` target piece lists per tokenized sentence, best first (for alternatives)."""
        prefix = [[self.target_prefix]] * len(batch) if self.target_prefix else None
        longest = max((len(t) for t in batch), default=0)
        with self._lock:
            translated = self.translator.translate_batch(
                batch, target_prefix=prefix, replace_unknowns=True, max_batch_size=self.sub_batch(len(batch)),
                batch_type="examples", beam_size=max(n, self.beam_size), num_hypotheses=n,
                length_penalty=0.2, return_scores=True, max_decoding_length=max(256, 2 * longest + 10),
            )
        out: list[list[list[str]]] = []
        for result in translated:
            hyps = []
            for hyp in result.hypotheses:
                pieces = list(hyp)
                if self.target_prefix and pieces[:1] == [self.target_prefix]:
                    pieces = pieces[1:]
                hyps.append(pieces)
            out.append(hyps)
        return out

    def translate_paragraphs(self, paragraphs: list[str], progress: Progress | None = None) -> list[str]:
        """Translate each paragraph (one line of text, no newlines); all sentences in one batch run."""
        units = self.units(paragraphs)
        pieces = self.translate_tokens([u.tokens for u in units], progress)
        joined: list[list[tuple[str, list[str]]]] = [[] for _ in paragraphs]
        for unit, out in zip(units, pieces):
            joined[unit.paragraph].append((unit.sep, out))
        return [self.join(p) for p in joined]


def separated(paragraph: str, sentences: list[str]) -> list[tuple[str, str]]:
    """(separator before it, sentence) for each sentence found in order in `paragraph`."""
    out: list[tuple[str, str]] = []
    pos = 0
    for k, sentence in enumerate(sentences):
        at = paragraph.find(sentence, pos)
        if at < 0:                                   # a splitter that changed the text: one space
            out.append(("" if k == 0 else " ", sentence))
            continue
        gap = paragraph[pos:at]
        out.append(((gap if not gap.strip() else " ") if k else "", sentence))
        pos = at + len(sentence)
    return out


def edges(sentence: str) -> tuple[str, str, str]:
    """(sentence without the placeholders at its start and end, those at the start, those at the end).

    A sentence of nothing but placeholders is kept whole.
    """
    lead = _LEAD.match(sentence)
    a = lead.end() if lead else 0
    trail = _TRAIL.search(sentence, a)
    b = trail.start() if trail else len(sentence)
    if a >= b:
        return sentence, "", ""
    return sentence[a:b], sentence[:a], sentence[b:]


_ENGINES: dict[tuple[str, str, int | None], Engine] = {}
register(_ENGINES.clear)


def get_engine(model: ModelInfo, jobs: int | None = None) -> Engine:
    """The process-wide Engine for a package (loaded on first use)."""
    key = (model.path, model.version, jobs)
    if key not in _ENGINES:
        _ENGINES[key] = Engine(model, jobs)
    return _ENGINES[key]
