"""Sentences across inline markup: split as the plain text is, edge tags kept outside the model."""
from __future__ import annotations

import io
from typing import Any

import pytest

from translit.documents import translate_documents


def _translate(data: bytes, fmt: str, lang: str, enforcer: Any) -> tuple[bytes, Any, list[str]]:
    """The translated file, its DocumentTranslation and the sentences the model was given."""
    seen: list[str] = []

    def runner(engine: Any, tokens: list[list[str]]) -> list[list[str]]:
        seen.extend(engine.decode(t) for t in tokens)
        return engine.translate_tokens(tokens)  # type: ignore[no-any-return]

    data, tr = translate_documents([(data, fmt, "doc")], "en", [lang], enforcer=enforcer, runner=runner)[0][lang]
    return data, tr, seen


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_sentence_wrapped_whole_in_bold_comes_back_bold_and_goes_plain(copy_models, enforcer, house,
                                                                         lang: str) -> None:  # type: ignore[no-untyped-def]
    page = "<p>Talks began. <b>Officials in Kiev agreed.</b> They left Kharkov.</p>\n"
    data, tr, seen = _translate(page.encode(), "html", lang, enforcer)
    kyiv, kharkiv = house["kyiv"][lang], house["kharkiv"][lang]
    assert data.decode() == f"<p>Talks began. <b>Officials in {kyiv} agreed.</b> They left {kharkiv}.</p>\n"
    # three sentences, as in the plain text, and the model sees the bold one without its tags
    assert tr.sentences == 3
    assert seen == ["Talks began.", "Officials in Kiev agreed.", "They left Kharkov."]


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_sentence_starting_with_a_link_is_a_sentence_of_its_own(copy_models, enforcer, house,
                                                                 lang: str) -> None:  # type: ignore[no-untyped-def]
    page = '<p>He spoke. <a href="/k">Kiev</a> answered <i>at once</i>. <em>Odessa</em> did not.</p>'
    data, tr, seen = _translate(page.encode(), "html", lang, enforcer)
    kyiv, odesa = house["kyiv"][lang], house["odesa"][lang]
    assert data.decode() == (f'<p>He spoke. <a href="/k">{kyiv}</a> answered <i>at once</i>. '
                             f"<em>{odesa}</em> did not.</p>")
    assert tr.sentences == 3
    # the link's opening tag starts the sentence and stays outside; the tags inside it go to the model
    assert seen == ["He spoke.", "Kiev⟦1⟧ answered⟦2⟧ at once⟦3⟧.", "Odessa⟦5⟧ did not."]


def test_docx_bold_sentence_and_bold_first_word(copy_models, enforcer, house) -> None:  # type: ignore[no-untyped-def]
    import docx

    doc = docx.Document()
    p = doc.add_paragraph()
    p.add_run("The mayor spoke. ")
    p.add_run("Kiev was calm.").bold = True
    p.add_run(" ")
    p.add_run("Odessa").italic = True
    p.add_run(" was calm too.")
    buf = io.BytesIO()
    doc.save(buf)
    data, tr, seen = _translate(buf.getvalue(), "docx", "uk", enforcer)
    runs = [(r.text, bool(r.bold), bool(r.italic)) for r in docx.Document(io.BytesIO(data)).paragraphs[0].runs]
    kyiv, odesa = house["kyiv"]["uk"], house["odesa"]["uk"]
    assert runs == [("The mayor spoke. ", False, False), (f"{kyiv} was calm.", True, False), (" ", False, False),
                    (odesa, False, True), (" was calm too.", False, False)]
    assert tr.sentences == 3
    assert seen == ["The mayor spoke.", "Kiev was calm.", "Odessa⟦2⟧ was calm too."]


def test_adjacent_tags_are_one_placeholder_and_come_back(copy_models, enforcer, house) -> None:  # type: ignore[no-untyped-def]
    from translit.documents.html import read_html
    from translit.documents.translate import build_template

    page = "<p>The <b>talks</b><i>hard</i> went on in <b>Kiev<img src=k.png></b> <i>today</i>.</p>"
    [block] = read_html(page.encode()).blocks
    assert build_template(block).text == "The⟦0⟧ talks⟦1⟧hard⟦2⟧ went on in⟦3⟧ Kiev⟦4⟧ today⟦5⟧."
    data, _, seen = _translate(page.encode(), "html", "uk", enforcer)
    assert data.decode() == page.replace("Kiev", house["kyiv"]["uk"])
    assert seen == ["The⟦0⟧ talks⟦1⟧hard⟦2⟧ went on in⟦3⟧ Kiev⟦4⟧ today⟦5⟧."]
