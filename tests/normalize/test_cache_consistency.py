"""Same input, same glossary, same output: the glossary just compiled and the one read from the cache."""
from __future__ import annotations

import pytest

from .caselib import GLOSSARY, load_cases
from translit.glossary import load_glossary
from translit.match import compile_entries, keys, load_or_compile
from translit.normalize import normalize


@pytest.mark.parametrize("probes_per_key", [1e9, 0.0], ids=["keys-looked-up", "automata-loaded"])
def test_cache_cold_and_cache_warm_agree_on_the_whole_case_table(tmp_path, monkeypatch, probes_per_key):
    """Warm: every text's keys looked up in the keys file, or the automata loaded at once (a long text)."""
    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(keys, "PROBES_PER_KEY", probes_per_key)
    glossary = load_glossary([str(GLOSSARY)])
    load_or_compile([GLOSSARY], lambda _paths, _data: glossary)  # compiles and writes the cache
    cold = compile_entries(list(glossary))  # compiled in memory

    def no_compile(_paths, _data):  # type: ignore[no-untyped-def]
        pytest.fail("the second load must come from the cache")

    warm = load_or_compile([GLOSSARY], no_compile)
    assert type(cold.store).__name__ == "MemoryStore" and type(warm.store).__name__ == "SqliteStore"
    assert type(warm.part("latin")[0]).__name__ == "KeyLookup"
    cases = load_cases()
    assert len(cases) > 400
    differ = []
    for case in cases:
        for lang in (case.lang, "auto"):
            a, b = normalize(case.text, lang, cold), normalize(case.text, lang, warm)
            if (a.text, [m.to_dict() for m in a.matches]) != (b.text, [m.to_dict() for m in b.matches]):
                differ.append((case.id, lang, a.text, b.text))
    assert differ == []
    loaded = warm.part("latin")[0]._automaton is not None
    assert loaded == (probes_per_key == 0.0)


def test_one_long_text_of_every_case_reads_the_same_from_the_cache(tmp_path, monkeypatch):
    """The cached store reads entries and fuzzy buckets many at a time for a long text: same result."""
    monkeypatch.setenv("TRANSLIT_CACHE_DIR", str(tmp_path))
    glossary = load_glossary([str(GLOSSARY)])
    cold = load_or_compile([GLOSSARY], lambda _paths, _data: glossary)
    warm = load_or_compile([GLOSSARY], lambda _paths, _data: pytest.fail("from the cache"))
    text = "\n\n".join(case.text for case in load_cases())
    a, b = normalize(text, "auto", cold), normalize(text, "auto", warm)
    assert a.text == b.text
    assert [m.to_dict() for m in a.matches] == [m.to_dict() for m in b.matches]
    assert sum(m.rewrites for m in a.matches) > 100
