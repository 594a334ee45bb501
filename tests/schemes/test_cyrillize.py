"""Latin back to Cyrillic: exact for reversible schemes, ranked candidates for the others."""
from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys
import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import assume, example, given, settings, strategies as st

from translit.errors import UsageError
from translit.schemes import cyrillize, cyrillize_text, get_scheme, known_forms, romanize, scheme_names
from translit.schemes.reverse import latin_word_re, word_candidates

UK = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
RU = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"


def _text(alphabet: str) -> st.SearchStrategy[str]:
    # realistic words: lower, Title or UPPER case, never starting with a sign (ь ъ) or apostrophe
    word = st.text(alphabet=alphabet, min_size=1, max_size=10).filter(lambda w: w[0] not in "ьъʼ")
    cased = st.tuples(word, st.sampled_from([str.lower, str.capitalize, str.upper])).map(lambda t: t[1](t[0]))
    sep = st.sampled_from([" ", ", ", "-", ". ", "\n", " 12 "])
    return st.lists(st.tuples(cased, sep), min_size=1, max_size=5).map(lambda ws: "".join(w + s for w, s in ws))


def _caps_are_recoverable(text: str) -> bool:
    # an UPPER word whose only letters after the first are ь/ъ looks like a Title word in ISO 9
    return all(not (w.isupper() and len(w) > 1 and sum(c not in "ЬЪʼ" for c in w) < 2)
               for w in re.split(r"[^\w\u02bc]+", text))


@settings(max_examples=150, deadline=None)
@given(_text(UK + "ʼ"))
def test_iso9_round_trips_ukrainian(text: str) -> None:
    assume("ʼʼ" not in text and " ʼ" not in text and _caps_are_recoverable(text))
    latin = romanize(text, "uk", "iso9")
    assert cyrillize(latin, "uk", "iso9")[0] == text


@settings(max_examples=150, deadline=None)
@given(_text(RU))
def test_iso9_round_trips_russian(text: str) -> None:
    assume(_caps_are_recoverable(text))
    latin = romanize(text, "ru", "iso9")
    assert cyrillize(latin, "ru", "iso9") == [text]


# Every text Hypothesis has found failing, kept as explicit cases (they run in CI too).
DSTU9112A_FOUND = ["ййаюююа"]


@settings(max_examples=100, deadline=None)
@given(_text(UK))
@example("ййаюююа")
def test_dstu9112a_round_trips_ukrainian(text: str) -> None:
    assume(_caps_are_recoverable(text))
    assert cyrillize(romanize(text, "uk", "dstu9112a"), "uk", "dstu9112a")[0] == text


@pytest.mark.parametrize("text", DSTU9112A_FOUND)
def test_dstu9112a_texts_hypothesis_found(text: str) -> None:
    # a reading the right letters of which rank low (йй) must not be pushed out by ones that do not
    # romanize back: ju is only ю, so ййаюююа has one reading, and it comes back
    for variant in (text, text.capitalize(), text.upper()):
        latin = romanize(variant, "uk", "dstu9112a")
        assert cyrillize(latin, "uk", "dstu9112a")[0] == variant


@pytest.mark.parametrize("latin,lang,scheme,best", [
    ("Yurii", "uk", "kmu2010", "Юрій"),
    ("Kyiv", "uk", "kmu2010", "Київ"),
    ("Zghorany", "uk", "kmu2010", "Згорани"),
    ("Znamianka", "uk", "kmu2010", "Знамʼянка"),
    ("Zelenskyi", "uk", "kmu2010", "Зеленський"),
    ("Razieezdnoi", "ru", "icao", "Разъездной"),
    ("Yevgeny Prigozhin", "ru", "press", "Евгений Пригожин"),
    ("SHCHUKA", "ru", "icao", "ЩУКА"),
])
def test_best_reading(latin: str, lang: str, scheme: str, best: str) -> None:
    assert cyrillize(latin, lang, scheme)[0] == best


def test_soft_sign_ambiguity_gives_both_readings() -> None:
    # ICAO drops ь: Kuzminov is Кузьминов or Кузминов, and both must be offered
    found = cyrillize("Kuzminov", "ru", "icao")
    assert {"Кузьминов", "Кузминов"} <= set(found[:3])


def test_every_candidate_romanizes_back_to_the_input() -> None:
    for cand in cyrillize("Mykolaiv", "uk", "kmu2010"):
        assert romanize(cand, "uk", "kmu2010") == "Mykolaiv"


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["uk", "ru"]).flatmap(
    lambda lang: st.tuples(st.just(lang), st.sampled_from(scheme_names(lang)), _text(UK if lang == "uk" else RU))))
def test_every_candidate_of_every_scheme_romanizes_back(case: tuple[str, str, str]) -> None:
    # the search checks readings against the scheme's own rules as it goes, not by romanizing
    # each at the end: whatever a scheme offers must still romanize back to the Latin it was given
    lang, slug, text = case
    scheme = get_scheme(lang, slug)
    latin = romanize(text, lang, slug)
    for match in latin_word_re((scheme,)).finditer(latin):
        word = unicodedata.normalize("NFC", match.group())
        for reading in word_candidates(scheme, word):
            back = unicodedata.normalize("NFC", romanize(reading.text, lang, slug))
            assert back.casefold() == word.casefold(), (word, reading)


def test_without_scheme_all_schemes_are_ranked_together() -> None:
    assert cyrillize("Charkiw", "uk")[0] == "Харків"  # only the German convention writes this
    assert cyrillize("Kharkiv", "uk")[0] == "Харків"
    assert cyrillize("Dmitry Peskov", "ru")[0] == "Дмитрий Песков"


def test_a_letter_the_scheme_never_writes_falls_back_to_all_schemes() -> None:
    assert cyrillize("Wagner", "ru", "icao")[0] == "Вагнер"


def test_non_latin_text_passes_through() -> None:
    assert cyrillize("Kyiv, 2024 — 😀 Київ", "uk", "kmu2010")[0] == "Київ, 2024 — 😀 Київ"


def test_unknown_scheme_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="valid: icao"):
        cyrillize("Kyiv", "ru", "kmu2010")


class _Entry:
    def __init__(self, kind: str, en: str, uk: str, ru: str, variants: list[str]) -> None:
        self.kind, self.en, self.uk, self.ru, self.variants = kind, en, uk, ru, variants

    def form(self, lang: str) -> str | None:
        return getattr(self, lang)


def test_known_forms_come_first_and_whole_names_before_words() -> None:
    entries = [_Entry("person", "Kyrylo Budanov", "Кирило Буданов", "Кирилл Буданов", ["Kirill Budanov"])]
    known = known_forms(entries, "ru")
    result = cyrillize_text("kirill  BUDANOV", "ru", known=known)
    assert (result.best, result.source) == ("Кирилл Буданов", "glossary")
    mixed = cyrillize_text("Budanov met Kuzminov", "ru", known=known)
    assert mixed.best.startswith("Буданов ") and mixed.source == "glossary+scheme"


# A long text: known forms are indexed by their first letters, and a word that begins none is passed
# quickly (cyrillize._index_firsts). Whatever the text, the result must be the one word-by-word lookup gives.
_NAMES = [
    _Entry("person", "Kyrylo Budanov", "Кирило Буданов", "Кирилл Буданов", ["Kirill Budanov", "K. Budanov"]),
    _Entry("place", "Ivano-Frankivsk", "Івано-Франківськ", "Ивано-Франковск", ["Ivano Frankivsk"]),
    _Entry("place", "Bila Tserkva", "Біла Церква", "Белая Церковь", ["Bila Tserkva city", "Bilá Tserkva"]),
    _Entry("person", "Oleksandr O'Brien", "Олександр Обрайєн", "Александр О’Брайен", ["O’Brien"]),
    _Entry("org", "Ukrenergo", "Укренерго", "Укрэнерго", []),
]
_FILLER = ["the", "city", "of", "Kyiv", "said", "on", "Bila", "Ivano", "Kirill", "K", "report", "Tserkva",
           "Frankivsk", "budanov", "O", "Brien", "week", "power"]
_PARTS = st.sampled_from(_FILLER + [n for e in _NAMES for n in [e.en, *e.variants, e.en.upper()]])
_SEPARATORS = st.sampled_from([" ", "  ", ", ", ". ", "-", "\n", " (", ") ", "’", "'"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_PARTS, _SEPARATORS), min_size=65, max_size=90), st.sampled_from(["uk", "ru"]))
def test_a_long_text_finds_the_known_forms_a_word_by_word_lookup_finds(
        parts: list[tuple[str, str]], lang: str) -> None:
    module = importlib.import_module("translit.schemes.cyrillize")  # the package's `cyrillize` is a function

    text = "".join(part + sep for part, sep in parts)
    known = known_forms(_NAMES, lang)
    fast = cyrillize_text(text, lang, known=known, limit=3)
    saved = module._FIRSTS_FROM
    module._FIRSTS_FROM = 10 ** 9  # every word tries every run of words
    try:
        slow = cyrillize_text(text, lang, known=known, limit=3)
    finally:
        module._FIRSTS_FROM = saved
    assert fast == slow


def test_a_long_text_keeps_every_known_form() -> None:
    filler = "Officials in the region said on Monday that power was restored to most districts. " * 8
    text = (filler + "Kirill Budanov visited Ivano-Frankivsk and Bila Tserkva; IVANO FRANKIVSK, O’Brien, "
            "Ukrenergo and K. Budanov too.")
    result = cyrillize_text(text, "uk", known=known_forms(_NAMES, "uk"))
    tail = result.best[result.best.index("Кирило"):]  # after the filler
    assert [tail.count(form) for form in ("Кирило Буданов", "Івано-Франківськ", "Біла Церква", "Олександр Обрайєн",
                                          "Укренерго")] == [2, 2, 1, 1, 1]
    assert result.source == "glossary+scheme"


def test_a_long_text_read_in_forked_workers_gives_the_same_result(many_words: Callable[[int], str]) -> None:
    module = importlib.import_module("translit.schemes.cyrillize")  # the package's `cyrillize` is a function
    text = many_words(module.PARALLEL_WORDS + 20)
    alone = cyrillize_text(text, "uk", limit=5)
    # in a fresh process: no other thread runs there (a test's leftover thread here would rule out forking)
    code = ("import importlib, json, sys; c = importlib.import_module('translit.schemes.cyrillize'); steps = []; "
            "r = c.cyrillize_text(sys.stdin.read(), 'uk', limit=5, jobs=2, progress=lambda d, t: steps.append((d, t))); "
            "print(json.dumps([r.best, r.candidates, r.source, c._rank_word.cache_info().currsize, steps]))")
    done = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, check=True)
    best, candidates, source, remembered, steps = json.loads(done.stdout)
    assert (best, candidates, source) == (alone.best, alone.candidates, alone.source)
    assert remembered == 0  # the words were read in the workers: that process remembered none of them
    words = module.PARALLEL_WORDS + 20
    assert len(steps) > 1 and steps[-1] == [words, words]  # a progress bar's steps, the last one complete
    assert [d for d, _ in steps] == sorted({d for d, _ in steps}) and {t for _, t in steps} == {words}
    serial: list[tuple[int, int]] = []
    module._rank_word.cache_clear()
    cyrillize_text(text, "uk", limit=5, progress=lambda d, t: serial.append((d, t)))
    assert serial[-1] == (words, words) and len(serial) == -(-words // 64)


def _span(pattern: str) -> int:
    """The most letters a match of `pattern` looks at, lookbehinds included."""
    try:
        from re import _parser as parser  # type: ignore[attr-defined]
        from re import _constants as constants  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_constants as constants
        import sre_parse as parser
    parsed = parser.parse(pattern)
    behind = max([av[1].getwidth()[1] for op, av in parsed
                  if op in (constants.ASSERT, constants.ASSERT_NOT) and av[0] == -1], default=0)
    return int(parsed.getwidth()[1]) + behind


def test_every_spelling_pattern_fits_the_window_the_search_prices() -> None:
    # the search prices a new chunk by the patterns in its last _WINDOW letters, and the final
    # patterns by a reading's last _WINDOW letters: a longer pattern would be missed
    import yaml

    from translit.schemes.model import DATA_DIR
    from translit.schemes.reverse import _WINDOW

    data = yaml.safe_load((DATA_DIR / "orthography.yaml").read_text(encoding="utf-8"))
    spans = {item["re"]: _span(item["re"]) for lang in ("uk", "ru") for item in data[lang]["patterns"]}
    assert spans and max(spans.values()) <= _WINDOW, {p: n for p, n in spans.items() if n > _WINDOW}
    assert _span("(?<!-)[бв]ь[ао]") == 4
