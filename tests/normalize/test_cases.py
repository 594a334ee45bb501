"""Every case in cases/*.yaml, run through the normalizer.

A case file is a YAML list of cases:

    - id: en-typo-001                 # unique; <lang>-<group>-<nnn>
      lang: en                        # the text's language: en | uk | ru
      text: "Kyrolo Budanov said."
      mentions:                       # every mention the normalizer must report, in text order; [] for none
        - {found: "Kyrolo Budanov", entry: kyrylo-budanov}
        - {found: "Klitschko", entry: null, candidates: [vitali-klitschko, wladimir-klitschko]}   # a tie
      output: "Kyrylo Budanov said."  # the normalized text (optional)
      needs_variants: false           # true: found only thanks to a listed variant
      note: "..."                     # why, where the expectation is debatable

Each case runs with lang="auto" and with its own lang, against the test
glossary as written and with every `variants` list removed (cases that need
variants are skipped there). Cases listed in known_gaps.txt run as non-strict
xfail, so the suite stays green while the normalizer catches up; regenerate that
list with `python bench/eval_cases.py --write-gaps` and shrink it. A table of recall and precision per language is
printed at the end of the session; `bench/eval_cases.py` prints it without pytest.
"""
from __future__ import annotations

import pytest

from .caselib import MODES, TALLIES, Tally, load_cases, load_known_gaps, reported_keys, score

CASES = load_cases()
GAPS = load_known_gaps()


def _params():  # type: ignore[no-untyped-def]
    for case in CASES:
        for mode in MODES:
            for how in ("given", "auto"):
                marks = []
                if mode == "no-variants" and case.needs_variants:
                    marks.append(pytest.mark.skip(reason="found only through a listed variant"))
                elif case.id in GAPS:
                    marks.append(pytest.mark.xfail(reason="listed in known_gaps.txt", strict=False))
                yield pytest.param(case, mode, how, id=f"{case.id}-{mode}-{how}", marks=marks)


@pytest.mark.parametrize(("case", "mode", "how"), list(_params()))
def test_case(case, mode, how, compiled_by_mode):  # type: ignore[no-untyped-def]
    from translit.normalize import normalize

    lang = case.lang if how == "given" else "auto"
    result = normalize(case.text, lang=lang, compiled=compiled_by_mode[mode])
    got = reported_keys(result.matches)
    TALLIES.setdefault((mode, how, case.lang), Tally()).add(score(case, got, result.text))

    for m in result.matches:
        assert case.text[m.start:m.end] == m.found, f"{case.id}: offsets do not cover {m.found!r}"
    want = [(m.found, m.entry, list(m.candidates)) for m in case.mentions]
    have = [(m.found, m.entry, list(m.candidates)) for m in got]
    detail = f"{case.id} ({case.note})" if case.note else case.id
    assert have == want, f"{detail}: mentions differ\n text: {case.text}"
    if case.output is not None:
        assert result.text == case.output, f"{detail}: output differs"

