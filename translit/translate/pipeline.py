"""Translate whole documents: structure kept, all sentences batched, names enforced.

    text → lines (markers, dates, URLs kept) → sentences of every document
         → model(s) (direct, or through English) → house forms of glossary names
         → lines reassembled
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from .enforce import NameReport
from .engine import Engine, get_engine
from .packages import ModelInfo, route
from .segment import Segment, join_document, split_document

__all__ = ["DocumentTranslation", "ProgressSink", "Runner", "translate_texts", "plan_routes", "count_sentences"]

# How tokenized sentences reach a model: (engine, tokens) -> target pieces. The default calls
# the engine directly; the server passes one that shares batches across requests.
Runner = Callable[[Engine, list[list[str]]], list[list[str]]]


class ProgressSink(Protocol):
    """Receives sentence counts as work is discovered and done."""

    def add_total(self, sentences: int) -> None: ...
    def advance(self, sentences: int) -> None: ...


@dataclass
class DocumentTranslation:
    """One document in one target language."""

    target: str
    text: str
    models: list[str]                       # package ident per hop, e.g. ["translate-en_uk@1.0"]
    sentences: int = 0                      # sentences (or parts) sent to the first model
    names: list[NameReport] = field(default_factory=list)   # glossary enforcement report

    def to_dict(self) -> dict[str, Any]:
        return {"lang": self.target, "models": self.models, "sentences": self.sentences,
                "names": [n.to_dict() for n in self.names]}


def plan_routes(source: str, targets: list[str]) -> dict[str, list[ModelInfo]]:
    """The model chain per target; raises MissingModelError before any work is done."""
    return {t: route(source, t) for t in targets}


def count_sentences(texts: list[str], chain: list[ModelInfo], jobs: int | None = None) -> list[int]:
    """Sentences each text gives the chain's first model (what a progress bar counts)."""
    engine = get_engine(chain[0], jobs)
    return [sum(len(engine.split(s.body)) for s in split_document(t) if s.translate) for t in texts]


def _run_chain(chain: list[ModelInfo], bodies: list[str], jobs: int | None,
               progress: ProgressSink | None, runner: Runner | None = None,
               markup: bool = False) -> tuple[list[str], list[int]]:
    """Translate paragraphs through each model of the chain; also the sentence count per paragraph."""
    counts = [0] * len(bodies)
    for hop, model in enumerate(chain):
        engine = get_engine(model, jobs)
        units = engine.units(bodies, markup)
        if hop == 0:
            for unit in units:
                counts[unit.paragraph] += 1
        if progress:
            progress.add_total(len(units))
        tokens = [u.tokens for u in units]
        if runner is not None:
            pieces = runner(engine, tokens)
            if progress:
                progress.advance(len(units))
        else:
            pieces = engine.translate_tokens(tokens, progress.advance if progress else None)
        joined: list[list[tuple[str, list[str]]]] = [[] for _ in bodies]
        edges: list[list[tuple[str, str]]] = [[] for _ in bodies]
        for unit, out in zip(units, pieces):
            joined[unit.paragraph].append((unit.sep, out))
            edges[unit.paragraph].append((unit.lead, unit.trail))
        bodies = [engine.join(p, e) for p, e in zip(joined, edges)]
    return bodies, counts


def _enforce(enforcer: Any, sources: list[str], outputs: list[str], source: str, target: str,
             chain: list[ModelInfo], jobs: int | None, progress: ProgressSink | None,
             runner: Runner | None = None) -> tuple[list[str], list[list[NameReport]]]:
    """House forms for names; paragraphs whose names the model lost are redone with placeholders."""
    checked = [enforcer.check(s, o, source, target) for s, o in zip(sources, outputs)]
    redo = [k for k, c in enumerate(checked) if c.missing]
    if redo:
        protected = [enforcer.protect(sources[k], source, target, checked[k].missing) for k in redo]
        second, _ = _run_chain(chain, [p.text for p in protected], jobs, progress, runner)
        for k, prot, out in zip(redo, protected, second):
            again = enforcer.check(prot.text, out, source, target)
            text, names, complete = enforcer.restore(again.text, prot)
            if complete:
                checked[k].text = text
                checked[k].names = again.names + names
            else:
                checked[k].names += [NameReport(entry=e, model=None, text=None, how="missing", case=None)
                                     for e in sorted(checked[k].missing)]
    return [c.text for c in checked], [c.names for c in checked]


def translate_texts(texts: list[str], source: str, targets: list[str], *, enforcer: Any = None,
                    jobs: int | None = None, progress: ProgressSink | None = None,
                    routes: dict[str, list[ModelInfo]] | None = None,
                    runner: Runner | None = None, markup: bool = False) -> list[dict[str, DocumentTranslation]]:
    """Translate each text into each target language; result[i][target].

    `enforcer` (see `enforce.NameEnforcer`) puts glossary names in their house
    forms; None leaves names to the model. `runner` replaces the direct model
    call (the server's cross-request batcher). `markup`: `⟦n⟧` in the texts are
    document markup (`Engine.units`); a paragraph redone for its names is sent whole.
    """
    routes = routes or plan_routes(source, targets)
    docs: list[list[Segment]] = [split_document(t) for t in texts]
    where = [(d, i) for d, segs in enumerate(docs) for i, s in enumerate(segs) if s.translate]
    sources = [docs[d][i].body for d, i in where]
    results: list[dict[str, DocumentTranslation]] = [{} for _ in texts]
    for target, chain in routes.items():
        bodies, counts = _run_chain(chain, sources, jobs, progress, runner, markup)
        names: list[list[NameReport]] = [[] for _ in bodies]
        if enforcer is not None:
            bodies, names = _enforce(enforcer, sources, bodies, source, target, chain, jobs, progress, runner)
        by_doc: list[dict[int, str]] = [{} for _ in texts]
        per_doc = [0] * len(texts)
        reports: list[list[NameReport]] = [[] for _ in texts]
        for (d, i), body, n, found in zip(where, bodies, counts, names):
            by_doc[d][i] = body
            per_doc[d] += n
            reports[d].extend(found)
        idents = [m.ident for m in chain]
        for d, segs in enumerate(docs):
            results[d][target] = DocumentTranslation(target, join_document(segs, by_doc[d]), idents,
                                                     per_doc[d], reports[d])
    return results

