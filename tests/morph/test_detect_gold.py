"""detect_case over the gold table: each gold form is found in its own case again."""
from __future__ import annotations

import pytest

from translit.morph import detect_case, inflect_phrase, phrase_paradigm

from .goldlib import GOLD_CASES, accepted, load

GOLD = load("gold.yaml")


def _round_trip(item: dict, use_candidates: bool) -> tuple[int, int, list[str]]:
    lang, kind, gender = item["lang"], item["kind"], item.get("gender")
    candidates = phrase_paradigm(item["name"], lang, kind, gender) if use_candidates else None
    right, misses = 0, []
    for case in GOLD_CASES:
        surface = sorted(accepted(item[case]))[0]
        found = detect_case(surface, lang, candidates, gender)
        # a case with the same form is as good (gent = accs of people, datv = loct of Полтаві)
        if found and inflect_phrase(item["name"], lang, found, kind, gender) in accepted(item[case]):
            right += 1
        else:
            misses.append(f"{surface}: {found} (want {case})")
    return right, len(GOLD_CASES), misses


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_detect_case_with_candidates_on_gold(lang: str) -> None:
    results = [_round_trip(i, True) for i in GOLD if i["lang"] == lang]
    right, total = sum(r for r, _, _ in results), sum(t for _, t, _ in results)
    print(f"\n[{lang}] detect_case with paradigm: {right}/{total}")
    assert right == total, [m for _, _, ms in results for m in ms]


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_detect_case_from_dictionaries_on_gold(lang: str) -> None:
    # no paradigm given: the analyzers alone (a harder, reported number)
    results = [_round_trip(i, False) for i in GOLD if i["lang"] == lang]
    right, total = sum(r for r, _, _ in results), sum(t for _, t, _ in results)
    print(f"\n[{lang}] detect_case from the dictionaries alone: {right}/{total} = {right / total:.1%}")
    for _, _, ms in results:
        for m in ms:
            print("   MISS", m)
    assert right / total >= 0.85
