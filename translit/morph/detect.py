"""The grammatical case of a name as it appears in text (Кирилом Будановим → ablt)."""
from __future__ import annotations

from ..caches import cached
from .analogy import common_suffix
from .analyzers import CASE_OF_TAG, CASES, LANGS, analyzer, fold, spelling_key, to_dictionary_spelling
from .gender import name_words
from .readings import is_proper_reading, norm_gender

__all__ = ["detect_case", "case_votes"]

def case_votes(word: str, lang: str | None = None, gender: str | None = None) -> dict[str, float]:
    """How strongly the uk and ru dictionaries read `word` in each case (each known analyzer adds up to 1)."""
    return dict(zip(CASES, _votes(to_dictionary_spelling(word), lang, norm_gender(gender))))


@cached(maxsize=65536)
def _votes(key: str, lang: str | None, g: str | None) -> tuple[float, ...]:
    votes = dict.fromkeys(CASES, 0.0)
    for code in LANGS:
        m = analyzer(code)
        weight = 1.0 if m.word_is_known(key) else 0.3
        if code == lang:
            weight *= 2.0
        dist = dict.fromkeys(CASES, 0.0)
        for p in m.parse(key):
            case = CASE_OF_TAG.get(p.tag.case or "")
            if case is None or "Fixd" in p.tag.grammemes:
                continue  # an indeclinable reading tells nothing about the case
            if case == "voct" and lang == "ru":
                continue  # Russian has no vocative: ru Пригожине is locative, not uk vocative
            if g in ("masc", "femn") and ("plur" in p.tag.grammemes or (
                    ({"masc", "femn"} - {g}) & p.tag.grammemes and "ms-f" not in p.tag.grammemes)):
                continue  # one person of a known gender
            w = (p.score or 1.0) * (2.0 if is_proper_reading(p, code) else 1.0)
            dist[case] += w
        total = sum(dist.values())
        if total:
            for case in CASES:
                votes[case] += weight * dist[case] / total
    return tuple(votes[c] for c in CASES)


def _similarity(observed: str, candidate: str) -> float:
    if fold(observed) == fold(candidate):
        return len(candidate) + 2.0
    a, b = spelling_key(observed), spelling_key(candidate)
    if a == b:
        return len(b) + 1.0
    return float(common_suffix(a, b))


def detect_case(surface: str, lang: str, candidates: dict[str, list[str]] | None = None,
                gender: str | None = None) -> str | None:
    """The case (one of CASES) of a mention as written, None if nothing tells.

    With `candidates` (phrase_paradigm output) the surface is first matched
    against the forms (case-insensitive, ё = е); failing that, its words are
    compared from the right with the forms' words by their endings in a
    uk/ru-blind spelling (Кірілом ~ Кирилом, Сырским ~ Сирським), and both
    analyzers' readings break ties and decide alone when there are no
    candidates (ru Полтаве in uk text → datv). Equal forms (gent/accs of
    people, datv/loct of Полтаві) give the first case in CASES order.
    """
    words = name_words(surface)
    if not words:
        return None
    scores = dict.fromkeys(CASES, 0.0)
    if candidates:
        target = " ".join(fold(w) for w in words)
        exact: list[tuple[int, int, str]] = []
        for n, case in enumerate(CASES):
            for i, c in enumerate(candidates.get(case, ())):
                if " ".join(fold(w) for w in name_words(c)) == target:
                    exact.append((i, n, case))  # a case's preferred form beats its alternates
                    break
        if exact:
            return min(exact)[2]
        for case in CASES:
            best = 0.0
            for cand in candidates.get(case, ()):
                cw = name_words(cand)
                pairs = list(zip(reversed(words), reversed(cw)))
                best = max(best, sum(_similarity(o, c) for o, c in pairs))
            scores[case] = best
    votes = dict.fromkeys(CASES, 0.0)
    # two words: given name and surname, or adjective and noun (Білій Церкві); longer
    # names: the first word (given name, or the head noun of Службі безпеки України)
    voters = words if len(words) <= 2 else words[:1]
    for w in voters:
        for case, v in case_votes(w, lang, gender).items():
            votes[case] += v
    if not any(votes.values()) and not any(scores.values()):
        return None
    return max(CASES, key=lambda c: (scores[c] + 0.5 * votes[c], -CASES.index(c)))
