"""The whole gold table of case forms (tests/morph/gold.yaml): accuracy per language."""
from __future__ import annotations

import pytest

from translit.morph import phrase_paradigm

from .goldlib import GOLD_CASES, accepted, load, score

GOLD = load("gold.yaml")


def test_gold_table_is_big_enough() -> None:
    # at least 40 names per language, people, places and organizations
    for lang in ("uk", "ru"):
        items = [i for i in GOLD if i["lang"] == lang]
        assert len(items) >= 40
        assert {i["kind"] for i in items} >= {"person", "place", "organization"}


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_gold_accuracy(lang: str) -> None:
    right, total, misses = score(GOLD, lang)
    print(f"\n[{lang}] gold: {right}/{total} = {right / total:.1%}")
    for miss in misses:
        print("   MISS", miss)
    assert right / total >= 0.95, misses


@pytest.mark.parametrize("item", GOLD, ids=lambda i: f"{i['lang']}-{i['name']}")
def test_paradigm_holds_the_preferred_gold_form(item: dict) -> None:
    # the normalizer finds mentions through phrase_paradigm: the first gold spelling
    # of each case (the commonest one) must be among the generated forms
    forms = phrase_paradigm(item["name"], item["lang"], item["kind"], item.get("gender"))
    for case in GOLD_CASES:
        first = " ".join(w.split("|")[0] for w in item[case].split())
        assert first in forms[case] or accepted(item[case]) & set(forms[case]), (case, forms[case])
