"""Telegram messages written as entities keep them when names inside are rewritten."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from translit.records.telegram import rewrite_entities, telegram_text


def test_a_rewrite_inside_one_entity_keeps_its_keys() -> None:
    link = {"type": "text_link", "text": "in Kiev", "href": "https://example.org"}
    assert rewrite_entities(["Live ", link], [(8, 12, "Kyiv")]) == ["Live ", {**link, "text": "in Kyiv"}]


def test_a_name_over_two_entities_is_divided_where_the_letters_align() -> None:
    value = ["Met ", {"type": "bold", "text": "Kyrolo Bud"}, {"type": "italic", "text": "anov"}, " today"]
    out = rewrite_entities(value, [(4, 18, "Kyrylo Budanov")])
    assert out == ["Met ", {"type": "bold", "text": "Kyrylo Bud"}, {"type": "italic", "text": "anov"}, " today"]


def test_several_rewrites_each_land_in_their_pieces() -> None:
    value = [{"type": "bold", "text": "Ki"}, "ev and Kharkov, ", {"type": "hashtag", "text": "#Odessa"}]
    out = rewrite_entities(value, [(0, 4, "Kyiv"), (9, 16, "Kharkiv"), (19, 25, "Odesa")])
    assert out == [{"type": "bold", "text": "Kyi"}, "v and Kharkiv, ", {"type": "hashtag", "text": "#Odesa"}]


_piece = st.text(alphabet="abc Kiv", min_size=0, max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_piece, st.booleans()), min_size=1, max_size=5), st.data())
def test_the_joined_text_is_the_rewritten_text(pieces: list[tuple[str, bool]], data: st.DataObject) -> None:
    value = [{"type": "bold", "text": t, "n": i} if entity else t for i, (t, entity) in enumerate(pieces)]
    text = telegram_text(value)
    assert text is not None
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6)))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if b > a]
    edits = [(a, b, data.draw(st.text(alphabet="xyzK ", max_size=5))) for a, b in spans]
    expected, pos = [], 0
    for a, b, new in edits:
        expected += [text[pos:a], new]
        pos = b
    out = rewrite_entities(value, edits)
    assert telegram_text(out) == "".join(expected) + text[pos:]
    assert [type(p) for p in out] == [type(p) for p in value]
    assert [p["n"] for p in out if isinstance(p, dict)] == [p["n"] for p in value if isinstance(p, dict)]
