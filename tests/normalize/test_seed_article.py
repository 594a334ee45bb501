"""A whole news article with the bundled glossaries.

Two texts: `examples/defection.txt` (written for this project, always present) and the seed
article (a third-party news piece kept outside the repository, in `../shared/corpus`; required
under CI=true, skipped elsewhere when absent). Both misspell the same names.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from translit.glossary import load_glossary
from translit.normalize import compile_glossary, normalize

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@dataclass(frozen=True)
class Article:
    name: str
    rewrites: dict[str, str]          # misspelling -> house form, each must happen
    untouched: tuple[str, ...]        # names and words whose count must not change


ARTICLES = {
    "examples": Article("defection.txt", {"Kyrolo Budanov": "Kyrylo Budanov", "Agenstvo": "Agentstvo",
                                          "Yuriy Butusov": "Yurii Butusov"},
                        ("Olga Voitovych", "Julia Kesaieva", "Tim Lister", "CNN", "Ukrainian", "Maxim Kuzminov",
                         "Telegram", "Mi-8")),
    "shared": Article("seed-article.txt", {"Kyrolo Budanov": "Kyrylo Budanov", "Agenstvo": "Agentstvo"},
                      ("Olga Voitovych", "Julia Kesaieva", "Tim Lister", "CNN", "Ukrainian", "Maxim Kuzminov")),
}


@pytest.fixture(scope="module")
def compiled():  # type: ignore[no-untyped-def]
    return compile_glossary(load_glossary(["bundled"]))


@pytest.fixture(scope="module", params=sorted(ARTICLES))
def seed(request, compiled, shared_corpus):  # type: ignore[no-untyped-def]
    article = ARTICLES[request.param]
    path = EXAMPLES / article.name if request.param == "examples" else shared_corpus(article.name)
    text = path.read_text(encoding="utf-8")
    return article, text, normalize(text, lang="auto", compiled=compiled)


def test_seed_article_gets_house_forms(seed):  # type: ignore[no-untyped-def]
    article, text, result = seed
    for wrong, house in article.rewrites.items():
        assert wrong in text
        assert wrong not in result.text and house in result.text, (wrong, house)


def test_seed_article_changes_only_reported_mentions(seed):  # type: ignore[no-untyped-def]
    _, text, result = seed
    rebuilt, pos = [], 0
    for m in result.matches:
        assert text[m.start:m.end] == m.found
        assert m.start >= pos, "matches overlap or are out of order"
        rebuilt.append(text[pos:m.start])
        rebuilt.append(m.canonical if m.rewrites else m.found)  # the others say why (m.reason)
        pos = m.end
    rebuilt.append(text[pos:])
    assert "".join(rebuilt) == result.text
    assert result.changed


def test_seed_article_keeps_word_count_and_other_names(seed):  # type: ignore[no-untyped-def]
    article, text, result = seed
    changed = [f"{m.found!r} -> {m.canonical!r} ({m.entry}, {m.method})" for m in result.matches
               if m.entry and m.found != m.canonical]
    assert len(result.text.split()) == len(text.split()), "rewrites change the word count:\n" + "\n".join(changed)
    for untouched in article.untouched:
        assert text.count(untouched) > 0, untouched
        assert result.text.count(untouched) == text.count(untouched), f"{untouched!r} changed:\n" + "\n".join(changed)
