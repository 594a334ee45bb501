"""HTML in, HTML out: only reader text changes, byte for byte everything else stays."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from translit.cli import app
from translit.documents import DocumentError, normalize_document, translate_document

from .helpers import replace_once

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Kiev talks</title>
<script>var city = "Kiev"; if (a < b) { x = "Kharkov"; }</script>
<style>.Kiev { color: red }</style>
</head>
<body class="Kiev">
<!-- Kiev: do not touch this comment -->
<h1 id="Kiev">Talks in Kiev</h1>
<p data-city="Kiev">Officials in <b>Kiev</b> said <a href="https://example.org/Kiev" title="Map of Kharkov">the talks
   in Kharkov</a> went well.</p>
<p>The spy chief <span class="n">Kyr</span>olo Budanov met Zelensky &amp; aides &mdash; again.</p>
<p>Run <code>grep Kiev</code> and see <img src="kiev.png" alt="Kiev skyline">.</p>
<pre>Kiev stays here</pre>
<table><tr><td>Odessa</td><td>Kharkov</td></tr></table>
</body></html>
"""


def _names(lang: str, house: dict[str, dict[str, str]]) -> dict[str, str]:
    return {"kyiv": house["kyiv"][lang], "kharkiv": house["kharkiv"][lang], "odesa": house["odesa"][lang],
            "budanov": house["kyrylo-budanov"][lang],
            "zelensky": house["volodymyr-zelenskyy"][lang].split()[-1]}


def test_normalize_changes_only_reader_text() -> None:
    result = normalize_document(PAGE.encode(), "html")
    expected = replace_once(PAGE, [
        ("<title>Kiev talks", "<title>Kyiv talks"),
        ("Talks in Kiev<", "Talks in Kyiv<"),
        ("<b>Kiev</b>", "<b>Kyiv</b>"),
        ('title="Map of Kharkov"', 'title="Map of Kharkiv"'),
        ("   in Kharkov</a>", "   in Kharkiv</a>"),
        ('"n">Kyr</span>olo Budanov', '"n">Kyr</span>ylo Budanov'),   # the name stays split over the same runs
        ("met Zelensky &amp;", "met Zelenskyy &amp;"),
        ('alt="Kiev skyline"', 'alt="Kyiv skyline"'),
        ("<td>Odessa</td><td>Kharkov</td>", "<td>Odesa</td><td>Kharkiv</td>"),
    ])
    assert result.data == expected.encode()
    assert result.changed


def test_json_positions_point_into_the_file() -> None:
    result = normalize_document(PAGE.encode(), "html")
    spans = {PAGE[m["start"]:m["end"]]: m["found"] for m in result.mentions}
    assert spans["Kyr</span>olo Budanov"] == "Kyrolo Budanov"
    assert spans["Zelensky"] == "Zelensky"
    for m in result.mentions:
        if m["found"] == "Kiev skyline"[:4]:
            assert PAGE[m["start"]:m["end"]] == "Kiev"


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_translate_with_copy_model_keeps_markup(copy_models, enforcer, house, lang: str) -> None:  # type: ignore[no-untyped-def]
    n = _names(lang, house)
    data, tr = translate_document(PAGE.encode(), "html", target=lang, enforcer=enforcer)
    expected = replace_once(PAGE, [
        ("<title>Kiev talks", f"<title>{n['kyiv']} talks"),
        ("Talks in Kiev<", f"Talks in {n['kyiv']}<"),
        ("<b>Kiev</b>", f"<b>{n['kyiv']}</b>"),
        ('title="Map of Kharkov"', f'title="Map of {n["kharkiv"]}"'),
        ("   in Kharkov</a>", f"   in {n['kharkiv']}</a>"),
        # a name split over two runs is found whole and its house form divided between the same runs
        ('"n">Kyr</span>olo Budanov met', '"n">{}</span> {} met'.format(*n["budanov"].split())),
        ("met Zelensky &amp;", f"met {n['zelensky']} &amp;"),
        ('alt="Kiev skyline"', f'alt="{n["kyiv"]} skyline"'),
        ("<td>Odessa</td><td>Kharkov</td>", f"<td>{n['odesa']}</td><td>{n['kharkiv']}</td>"),
    ])
    assert data.decode() == expected
    assert {x.entry for x in tr.names} >= {"kyiv", "kharkiv", "odesa", "kyrylo-budanov"}


def test_sentence_split_by_bold_and_link_is_one_model_line() -> None:
    from translit.documents.html import read_html
    from translit.documents.translate import build_template

    doc = read_html(b'<p>We <b>met</b> the <a href="/x">mayor of Kiev</a> today. He <i>spoke</i>.</p>')
    [block] = doc.blocks
    tpl = build_template(block)
    assert tpl.text == "We⟦0⟧ met⟦1⟧ the⟦2⟧ mayor of Kiev⟦3⟧ today. He⟦4⟧ spoke⟦5⟧."


def test_placeholders_are_the_short_numbered_form_and_wrap_at_ten() -> None:
    # inline markup costs the model as little as possible: ⟦0⟧..⟦9⟧ are single pieces in the
    # models' vocabulary (the name placeholders), so a long paragraph reuses them in turn
    from translit.documents.html import read_html
    from translit.documents.translate import build_template

    words = " ".join(f"<b>w{k}</b>" for k in range(11))
    [block] = read_html(f"<p>{words}.</p>".encode()).blocks
    tpl = build_template(block)
    # one placeholder between two bold words: the end of one and the start of the next are adjacent
    assert tpl.text == "⟦0⟧w0⟦1⟧ w1⟦2⟧ w2⟦3⟧ w3⟦4⟧ w4⟦5⟧ w5⟦6⟧ w6⟦7⟧ w7⟦8⟧ w8⟦9⟧ w9⟦0⟧ w10⟦1⟧."


@pytest.mark.parametrize("page, reason", [
    ("<p>Kiev <b class='x'", "broken HTML: unterminated tag at line 1, column 9"),
    ("<p>Kiev</p><script>var a = 1;", "broken HTML: <script> is never closed"),
    ("<p><b><i>Kiev</b></i></p>", "broken HTML: </b> at line 1, column 14 closes <b> before <i> is closed"),
    ("<p>Kiev</b></p>", "broken HTML: </b> at line 1, column 8 closes nothing"),
    ("<p>Kiev</p><!-- open comment", "broken HTML: unterminated tag at line 1, column 12"),
])
def test_broken_markup_is_a_clear_error(page: str, reason: str) -> None:
    with pytest.raises(DocumentError) as err:
        normalize_document(page.encode(), "html", name="page.html")
    assert str(err.value) == f"page.html: {reason}"


def test_cli_bad_file_reported_others_written(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.html"
    bad = tmp_path / "bad.htm"
    good.write_text(PAGE)
    bad.write_text("<p>Kiev <b class='x'")
    result = runner.invoke(app, ["normalize", "--in-place", str(bad), str(good)])
    assert result.exit_code == 2
    assert result.stderr == f"{bad}: broken HTML: unterminated tag at line 1, column 9\n"
    assert bad.read_text() == "<p>Kiev <b class='x'"
    assert "<b>Kyiv</b>" in good.read_text() and 'class="Kiev"' in good.read_text()


def test_cli_stdin_needs_input_format(runner) -> None:  # type: ignore[no-untyped-def]
    html = '<p title="Kiev">Kiev</p>\n'
    plain = runner.invoke(app, ["normalize"], input=html)
    assert plain.stdout == '<p title="Kyiv">Kyiv</p>\n'          # as plain text, the attribute changes too
    as_html = runner.invoke(app, ["normalize", "--input-format", "html", "--format", "json"], input=html)
    assert as_html.exit_code == 0, as_html.output
    record = json.loads(as_html.stdout)
    assert record["format"] == "html"
    assert record["text"] == '<p title="Kyiv">Kyiv</p>\n'
    assert [(m["start"], m["end"]) for m in record["matches"]] == [(10, 14), (16, 20)]
    bad = runner.invoke(app, ["normalize", "--input-format", "pdf"], input=html)
    assert bad.exit_code == 2 and "unknown input format 'pdf'" in bad.stderr


def test_json_end_after_an_entity() -> None:
    page = "<p>Kyrolo Budano&#x76; spoke.</p>"
    [m] = normalize_document(page.encode(), "html").mentions
    assert page[m["start"]:m["end"]] == "Kyrolo Budano&#x76;"


def test_two_names_in_one_attribute_with_an_entity_are_both_rewritten() -> None:
    # the value is read in stretches around its character references: each name is its own edit
    from translit.documents import normalize_document

    page = b'<p>x</p><img src="k.png" alt="Kharkov &amp; Kiev at\tdawn" title=\'Odessa &#39;24\'>'
    result = normalize_document(page, "html")
    assert result.data == b'<p>x</p><img src="k.png" alt="Kharkiv &amp; Kyiv at\tdawn" title=\'Odesa &#39;24\'>'


@pytest.mark.parametrize("fmt, doc", [
    ("html", "<p>Shelling in the <b>Mykolayiv</b> region.</p><p>Mykolayiv region</p>"),
    ("md", "# Mykolayiv region\n\nShelling in the *Mykolayiv* region.\n"),
    ("srt", "1\n00:00:01,000 --> 00:00:02,000\nMykolayiv region\n"),
])
def test_a_document_reaches_the_fixed_point_in_one_run(fmt: str, doc: str) -> None:
    """As for plain text: a rewrite that makes a new mention (Mykolaiv region -> Mykolaiv Oblast) is
    folded into the same run, so normalizing the result again changes nothing."""
    once = normalize_document(doc.encode(), fmt).data
    assert b"Mykolaiv Oblast" in once and b"Mykolayiv" not in once
    assert normalize_document(once, fmt).data == once
