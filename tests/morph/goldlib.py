"""Reading the gold tables (tests/morph/gold.yaml, heldout.yaml) and scoring the morph API on them."""
from __future__ import annotations

import itertools
from pathlib import Path

import yaml

from translit.morph import inflect_phrase

HERE = Path(__file__).resolve().parent
GOLD_CASES = ("gent", "datv", "accs", "ablt", "loct")


def load(name: str) -> list[dict]:
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))


def accepted(spec: str) -> set[str]:
    """All phrases a gold cell accepts: "Кирилові|Кирилу Буданову" → two phrases."""
    words = [w.split("|") for w in spec.split()]
    return {" ".join(combo) for combo in itertools.product(*words)}


def score(items: list[dict], lang: str) -> tuple[int, int, list[str]]:
    """(right, total, misses) of inflect_phrase over the items of `lang`."""
    right = total = 0
    misses: list[str] = []
    for item in items:
        if item["lang"] != lang:
            continue
        name, kind, gender = item["name"], item["kind"], item.get("gender")
        total += 1
        got = inflect_phrase(name, lang, "nomn", kind, gender)
        if got == name:
            right += 1
        else:
            misses.append(f"{name} nomn: {got}")
        for case in GOLD_CASES:
            total += 1
            got = inflect_phrase(name, lang, case, kind, gender)
            if got in accepted(item[case]):
                right += 1
            else:
                misses.append(f"{name} {case}: {got} (want {item[case]})")
    return right, total, misses
