"""SRT and WebVTT: numbers, timings and settings untouched; a cue's lines are one piece of text."""
from __future__ import annotations

from pathlib import Path

import pytest

from translit.cli import app
from translit.documents import DocumentError, normalize_document, translate_document

from .helpers import replace_once

SRT = ("1\r\n00:00:01,000 --> 00:00:03,500\r\nThe talks in Kiev\r\nbegan on Monday.\r\n\r\n"
       "2\r\n00:00:03,600 --> 00:00:06,000\r\n<i>Kyrylo</i>\r\n<i>Budanov</i> flew to Kharkov.\r\n\r\n"
       "3\r\n00:00:06,100 --> 00:00:09,000 X1:10 X2:20\r\nNothing about Kiev&Co here? Odessa.\r\n")

VTT = """WEBVTT - Kiev briefing

NOTE Kiev is spelt the old way in this note

STYLE
::cue(.Kiev) { color: yellow }

kiev-1
00:01.000 --> 00:04.000 align:start position:10%
<v Reporter>Officials in Kiev met
Kyrolo Budanov.

00:00:04.500 --> 00:00:07.000
<c.Kiev>Kharkov</c> and Odessa
were next.
"""


def test_srt_normalize_changes_only_cue_text() -> None:
    result = normalize_document(SRT.encode(), "srt")
    expected = replace_once(SRT, [("talks in Kiev\r\n", "talks in Kyiv\r\n"), ("to Kharkov.", "to Kharkiv."),
                                  ("about Kiev&Co", "about Kyiv&Co"), ("here? Odessa.", "here? Odesa.")])
    assert result.data.decode() == expected


def test_vtt_normalize_keeps_header_notes_styles_settings() -> None:
    result = normalize_document(VTT.encode(), "vtt")
    expected = replace_once(VTT, [("Officials in Kiev", "Officials in Kyiv"), ("Kyrolo Budanov.", "Kyrylo Budanov."),
                                  ("<c.Kiev>Kharkov</c> and Odessa", "<c.Kiev>Kharkiv</c> and Odesa")])
    assert result.data.decode() == expected


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_srt_translate_keeps_timings_and_line_count(copy_models, enforcer, house, lang: str) -> None:  # type: ignore[no-untyped-def]
    kyiv, kharkiv, odesa = house["kyiv"][lang], house["kharkiv"][lang], house["odesa"][lang]
    first, last = house["kyrylo-budanov"][lang].split()
    data, _ = translate_document(SRT.encode(), "srt", target=lang, enforcer=enforcer)
    expected = replace_once(SRT, [
        ("talks in Kiev\r\n", f"talks in {kyiv}\r\n"),
        # a name over two lines and two <i> runs is found; it stays split over the same lines
        ("<i>Kyrylo</i>\r\n<i>Budanov</i> flew to Kharkov.", f"<i>{first}</i>\r\n<i>{last}</i> flew to {kharkiv}."),
        ("about Kiev&Co", f"about {kyiv}&Co"), ("here? Odessa.", f"here? {odesa}."),
    ])
    assert data.decode() == expected


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_vtt_translate_keeps_markup(copy_models, enforcer, house, lang: str) -> None:  # type: ignore[no-untyped-def]
    kyiv, kharkiv, odesa = house["kyiv"][lang], house["kharkiv"][lang], house["odesa"][lang]
    data, _ = translate_document(VTT.encode(), "vtt", target=lang, enforcer=enforcer)
    expected = replace_once(VTT, [("Officials in Kiev", f"Officials in {kyiv}"),
                                  ("Kyrolo Budanov.", f"{house['kyrylo-budanov'][lang]}."),
                                  ("<c.Kiev>Kharkov</c> and Odessa", f"<c.Kiev>{kharkiv}</c> and {odesa}")])
    assert data.decode() == expected


def test_translated_cue_is_rewrapped_to_its_line_count() -> None:
    from translit.documents.subtitles import read_srt
    from translit.documents.translate import build_template, fill_template

    doc = read_srt(b"1\n00:00:01,000 --> 00:00:02,000\nshort line one\nand line two\n")
    [block] = doc.blocks
    tpl = build_template(block)
    assert tpl.text == "short line one and line two"
    edits = fill_template(doc, block, tpl, "a much longer translated sentence that fills two lines")
    out = doc.render(edits).decode()
    assert out == "1\n00:00:01,000 --> 00:00:02,000\na much longer translated\nsentence that fills two lines\n"


@pytest.mark.parametrize("text, reason", [
    ("1\n00:00:01,000 -> 00:00:02,000\nHello\n", "line 2: bad timing line '00:00:01,000 -> 00:00:02,000'"),
    ("1\n00:00:01,000 --> 00:00:02,000\nHello\n\nxx\n00:00:03,000 --> 00:00:04,000\nKiev\n",
     "line 5: expected a cue number, found 'xx'"),
])
def test_bad_srt_is_a_clear_error(text: str, reason: str) -> None:
    with pytest.raises(DocumentError) as err:
        normalize_document(text.encode(), "srt", name="a.srt")
    assert str(err.value) == f"a.srt: {reason}"


def test_vtt_needs_its_header() -> None:
    with pytest.raises(DocumentError, match="b.vtt: line 1: a WebVTT file starts with WEBVTT"):
        normalize_document(b"00:01.000 --> 00:02.000\nKiev\n", "vtt", name="b.vtt")


def test_cli_prints_subtitles_like_text(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "talk.srt"
    path.write_bytes(SRT.encode())
    result = runner.invoke(app, ["normalize", str(path)])
    assert result.exit_code == 0
    assert result.stdout_bytes == normalize_document(SRT.encode(), "srt").data
