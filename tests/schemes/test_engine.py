"""Position rules, capitals, pass-through and the properties every scheme keeps."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from translit.errors import UsageError
from translit.schemes import all_romanizations, get_scheme, list_schemes, romanize

UK = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
RU = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
ALPHABET = {"uk": UK, "ru": RU}


@pytest.mark.parametrize("text,expected", [
    ("Щука", "Shchuka"), ("ЩУКА", "SHCHUKA"), ("щука", "shchuka"),
    ("Юрій ЮРІЙ", "Yurii YURII"), ("ЗГУРСЬКИЙ", "ZGHURSKYI"),
])
def test_capitals_follow_the_source_word(text: str, expected: str) -> None:
    assert romanize(text, "uk", "kmu2010") == expected


def test_kmu_position_rules() -> None:
    # Є Ї Й Ю Я start a word as Ye Yi Y Yu Ya, elsewhere ie i i iu ia, also after a hyphen
    assert romanize("Єнакієве Їжакевич Йосипівка Юрій Яготин", "uk") == "Yenakiieve Yizhakevych Yosypivka Yurii Yahotyn"
    assert romanize("Гаєвич Кадиївка Стрий Корюківка Костянтин", "uk") == "Haievych Kadyivka Stryi Koriukivka Kostiantyn"
    assert romanize("Івано-Франківськ, Яготин-Юрівка", "uk") == "Ivano-Frankivsk, Yahotyn-Yurivka"


@pytest.mark.parametrize("apostrophe", ["'", "’", "ʼ", "`"])
def test_kmu_drops_every_apostrophe_form_inside_a_word(apostrophe: str) -> None:
    assert romanize(f"Знам{apostrophe}янка", "uk", "kmu2010") == "Znamianka"


def test_quotes_around_words_are_kept() -> None:
    assert romanize("'Київ' «Суми»", "uk") == "'Kyiv' «Sumy»"


def test_icao_hard_sign_is_ie_and_soft_sign_is_dropped() -> None:
    assert romanize("Разъездной Игорь", "ru", "icao") == "Razieezdnoi Igor"


def test_defaults_are_the_passport_schemes() -> None:
    assert romanize("Зеленський", "uk") == "Zelenskyi"
    assert romanize("Юлия", "ru") == "Iuliia"


def test_unknown_scheme_lists_valid_names() -> None:
    with pytest.raises(UsageError, match="unknown scheme 'kmu1996' for uk; valid: kmu2010, .*iso9"):
        get_scheme("uk", "kmu1996")
    with pytest.raises(UsageError, match="unknown language 'be'; valid: uk, ru"):
        romanize("Мінск", "be")


def test_all_romanizations_has_every_scheme_default_first() -> None:
    out = all_romanizations("Харків", "uk")
    assert list(out)[0] == "kmu2010"
    assert out["kmu2010"] == "Kharkiv" and out["de"] == "Charkiw" and out["iso9"] == "Harkìv"
    assert set(out) == {s.slug for s in list_schemes("uk")}


def _words(lang: str) -> st.SearchStrategy[str]:
    letters = st.text(alphabet=ALPHABET[lang], min_size=1, max_size=12)
    return st.tuples(letters, st.sampled_from(["lower", "title", "upper"])).map(
        lambda t: getattr(t[0], t[1])() if t[1] != "title" else t[0][:1].upper() + t[0][1:])


SEPARATORS = st.text(alphabet=" ,.;:!?-()[]0123456789\n\tABCxyzé😀«»", min_size=1, max_size=4)


@pytest.mark.parametrize("scheme", list_schemes(), ids=lambda s: s.id)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_non_cyrillic_text_passes_through_in_order(scheme, data) -> None:  # type: ignore[no-untyped-def]
    # each Cyrillic word is romanized on its own; everything between words is untouched
    words = data.draw(st.lists(_words(scheme.lang), min_size=1, max_size=4))
    seps = data.draw(st.lists(SEPARATORS, min_size=len(words) + 1, max_size=len(words) + 1))
    text = seps[0] + "".join(w + s for w, s in zip(words, seps[1:]))
    expected = seps[0] + "".join(romanize(w, scheme.lang, scheme.slug) + s for w, s in zip(words, seps[1:]))
    assert romanize(text, scheme.lang, scheme.slug) == expected
    other = data.draw(SEPARATORS)
    assert romanize(other, scheme.lang, scheme.slug) == other


@pytest.mark.parametrize("scheme", [s for s in list_schemes() if s.ascii], ids=lambda s: s.id)
def test_ascii_schemes_write_only_ascii(scheme) -> None:  # type: ignore[no-untyped-def]
    # every letter of the alphabet at the start, inside and at the end of a word, in both cases
    for letter in ALPHABET[scheme.lang]:
        for word in (letter + "ка", "ка" + letter + "ка", "ка" + letter, letter):
            for form in (word, word.upper(), word.capitalize()):
                out = romanize(form, scheme.lang, scheme.slug)
                assert out.isascii(), (form, out)


@pytest.mark.parametrize("scheme", [s for s in list_schemes() if not s.ascii], ids=lambda s: s.id)
def test_every_letter_is_romanized(scheme) -> None:  # type: ignore[no-untyped-def]
    for letter in ALPHABET[scheme.lang]:
        out = romanize("ка" + letter + "ка", scheme.lang, scheme.slug)
        assert not any("\u0400" <= c <= "\u04ff" for c in out), (letter, out)
