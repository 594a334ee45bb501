"""The seed article (a real CNN piece, kept outside the repository) with the bundled glossaries."""
from __future__ import annotations

from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seed-article.txt"


@pytest.fixture(scope="module")
def seed():  # type: ignore[no-untyped-def]
    if not SEED.is_file():
        pytest.skip(f"seed article not present at {SEED}")
    normalize = pytest.importorskip("translit.normalize", reason="the normalizer is not written yet")
    from translit.glossary import load_glossary

    text = SEED.read_text(encoding="utf-8")
    compiled = normalize.compile_glossary(load_glossary(["bundled"]))
    return text, normalize.normalize(text, lang="auto", compiled=compiled)


def test_seed_article_gets_house_forms(seed):
    _, result = seed
    assert "Kyrylo Budanov" in result.text and "Kyrolo" not in result.text
    assert "Agentstvo" in result.text and "Agenstvo" not in result.text


def test_seed_article_changes_only_reported_mentions(seed):
    text, result = seed
    rebuilt, pos = [], 0
    for m in result.matches:
        assert text[m.start:m.end] == m.found
        assert m.start >= pos, "matches overlap or are out of order"
        rebuilt.append(text[pos:m.start])
        rewritten = m.entry is not None and not getattr(m, "silenced", False)
        rebuilt.append(m.canonical if rewritten else m.found)
        pos = m.end
    rebuilt.append(text[pos:])
    assert "".join(rebuilt) == result.text


def test_seed_article_keeps_word_count_and_other_names(seed):
    text, result = seed
    changed = [f"{m.found!r} -> {m.canonical!r} ({m.entry}, {m.method})" for m in result.matches
               if m.entry and m.found != m.canonical]
    assert len(result.text.split()) == len(text.split()), "rewrites change the word count:\n" + "\n".join(changed)
    for untouched in ("Olga Voitovych", "Julia Kesaieva", "Tim Lister", "CNN", "Ukrainian", "Maxim Kuzminov"):
        assert result.text.count(untouched) == text.count(untouched), f"{untouched!r} changed:\n" + "\n".join(changed)
