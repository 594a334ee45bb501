"""URLs, e-mail addresses, @handles and #hashtags are found around their marks, as the plain regex finds them."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from translit.match.state import _EXCLUDE, _excluded

PIECES = ["Kyiv", "mail", "@", "#", ".", "-", "+", "_", " ", "\n", "://", "www.", "http", "https://", "é", "1",
          "\t", "\xa0", "kyiv@example.org", "#Kyiv", "Київ"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_windowed_search_finds_exactly_what_the_regex_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _excluded(text) == [m.span() for m in _EXCLUDE.finditer(text)]


def test_each_kind_is_excluded() -> None:
    text = "See https://kyiv.example/Kiev?x=1, write to Kiev.desk@example.org, follow @KievPost #Kiev."
    got = [text[s:e] for s, e in _excluded(text)]
    assert got == ["https://kyiv.example/Kiev?x=1,", "Kiev.desk@example.org", "@KievPost", "#Kiev."]


def test_a_stretch_longer_than_the_window_falls_back_to_the_whole_text() -> None:
    text = "x" * 5000 + "@handle and " + "y" * 3000 + " https://a.b/" + "c" * 4000
    assert _excluded(text) == [m.span() for m in _EXCLUDE.finditer(text)]
