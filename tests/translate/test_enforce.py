"""Glossary names come out in their house forms, in the case the sentence needs.

The normalizer (translit.normalize.find_matches) is replaced by a small fake
that follows its contract, so these tests pin down the enforcement logic alone.
"""
from __future__ import annotations

import json
import re

import pytest

from translit.cli import app
from translit.glossary import Entry
from translit.normalize import Match
from translit.translate.enforce import NameEnforcer, NameReport

ENTRIES = {
    "kyrylo-budanov": Entry(id="kyrylo-budanov", kind="person", en="Kyrylo Budanov", uk="Кирило Буданов",
                            ru="Кирилл Буданов", gender="m"),
    "maksim-kuzminov": Entry(id="maksim-kuzminov", kind="person", en="Maxim Kuzminov", uk="Максим Кузьмінов",
                             ru="Максим Кузьминов", gender="m"),
}

# (lang the text is read as, surface form) -> (entry, canonical in that language and case, case)
FORMS = {
    ("en", "Kyrylo Budanov"): ("kyrylo-budanov", "Kyrylo Budanov", None),
    ("en", "Kyrolo Budanov"): ("kyrylo-budanov", "Kyrylo Budanov", None),
    ("en", "Maksim Kuzminov"): ("maksim-kuzminov", "Maxim Kuzminov", None),
    ("uk", "Kyrolo Budanov"): ("kyrylo-budanov", "Кирило Буданов", "nomn"),     # left in Latin by the model
    ("uk", "Кирило Буданов"): ("kyrylo-budanov", "Кирило Буданов", "nomn"),
    ("uk", "Кириллом Будановым"): ("kyrylo-budanov", "Кирилом Будановим", "ablt"),  # Russian spelling
    ("uk", "Кирилом Будановим"): ("kyrylo-budanov", "Кирилом Будановим", "ablt"),
    ("ru", "Kyrolo Budanov"): ("kyrylo-budanov", "Кирилл Буданов", "nomn"),
}


def fake_find_matches(text: str, lang: str = "auto", compiled: object = None) -> list[Match]:
    out = []
    for (form_lang, form), (entry, canonical, case) in FORMS.items():
        if form_lang != lang:
            continue
        for m in re.finditer(re.escape(form), text):
            out.append(Match(start=m.start(), end=m.end(), found=form, canonical=canonical, entry=entry,
                             kind="person", method="fake", score=1.0, lang=lang, case=case))
    return sorted(out, key=lambda m: m.start)


@pytest.fixture
def enforcer() -> NameEnforcer:
    return NameEnforcer(compiled=None, entries=ENTRIES, find_matches=fake_find_matches)


def test_model_rendering_is_rewritten_to_the_house_form_in_the_same_case(enforcer) -> None:  # type: ignore[no-untyped-def]
    checked = enforcer.check("They met Kyrolo Budanov.", "Вони зустрілися з Кириллом Будановым.", "en", "uk")
    assert checked.text == "Вони зустрілися з Кирилом Будановим."
    assert checked.missing == set()
    assert checked.names == [NameReport(entry="kyrylo-budanov", model="Кириллом Будановым", text="Кирилом Будановим",
                                        how="rewritten", case="ablt")]


def test_correct_rendering_is_reported_as_the_model_s(enforcer) -> None:  # type: ignore[no-untyped-def]
    checked = enforcer.check("Kyrylo Budanov said.", "Кирило Буданов сказав.", "en", "uk")
    assert checked.text == "Кирило Буданов сказав."
    assert checked.names[0].how == "model"


def test_lost_names_are_listed_and_protected(enforcer) -> None:  # type: ignore[no-untyped-def]
    source = "Maksim Kuzminov and Kyrylo Budanov, then Maksim Kuzminov again."
    checked = enforcer.check(source, "Кирило Буданов і пілот.", "en", "uk")
    assert checked.missing == {"maksim-kuzminov"}
    protected = enforcer.protect(source, "en", "uk", checked.missing)
    assert protected.text == "⟦0⟧ and Kyrylo Budanov, then ⟦1⟧ again."
    text, names, complete = enforcer.restore("⟦0⟧ і Кирило Буданов, потім знову ⟦1⟧.", protected)
    assert complete
    assert text == "Максим Кузьмінов і Кирило Буданов, потім знову Максим Кузьмінов."
    assert [n.how for n in names] == ["placeholder", "placeholder"]
    _, _, complete = enforcer.restore("⟦0⟧ і Кирило Буданов.", protected)
    assert not complete


def test_translation_enforces_names_end_to_end(install, enforcer) -> None:  # type: ignore[no-untyped-def]
    """Copy model: a Latin name left in the output is rewritten; a name the output lost goes through a placeholder."""
    from translit.translate.pipeline import translate_texts

    install("en-uk", "en-ru")
    text = "# Kyrolo Budanov speaks\n\nKyrolo Budanov met Maksim Kuzminov. Nothing else.\n"
    result = translate_texts([text], "en", ["uk", "ru"], enforcer=enforcer)[0]
    assert result["uk"].text == "# Кирило Буданов speaks\n\nКирило Буданов met Максим Кузьмінов. Nothing else.\n"
    hows = [(n.entry, n.how) for n in result["uk"].names]
    assert hows == [("kyrylo-budanov", "rewritten"), ("kyrylo-budanov", "rewritten"),
                    ("maksim-kuzminov", "placeholder")]
    assert result["ru"].text.startswith("# Кирилл Буданов speaks")
    assert "Максим Кузьминов" in result["ru"].text


def test_cli_reports_enforced_names(runner, install, enforcer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import translit.translate.enforce as enforce

    install("en-uk")
    monkeypatch.setattr(enforce, "build_enforcer", lambda specs: (enforcer, "fakehash"))
    result = runner.invoke(app, ["translate", "--to", "uk", "--format", "json"], input="Kyrolo Budanov spoke.\n")
    assert result.exit_code == 0, result.output
    line = json.loads(result.stdout)
    assert line["text"] == "Кирило Буданов spoke.\n"
    assert line["names"] == [{"entry": "kyrylo-budanov", "model": "Kyrolo Budanov", "text": "Кирило Буданов",
                              "how": "rewritten", "case": "nomn"}]


def test_batch_manifest_records_the_glossary_hash(runner, install, enforcer, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import translit.translate.enforce as enforce

    install("en-uk")
    src = tmp_path / "a.txt"
    src.write_text("Kyrolo Budanov spoke.\n")
    out = tmp_path / "out"
    monkeypatch.setattr(enforce, "build_enforcer", lambda specs: (enforcer, "hash-one"))
    assert runner.invoke(app, ["batch", str(src), "--to", "uk", "--out", str(out)]).exit_code == 0
    assert (out / "a.uk.txt").read_text() == "Кирило Буданов spoke.\n"
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["items"]["a"]["glossary"] == "hash-one"
    same = runner.invoke(app, ["batch", str(src), "--to", "uk", "--out", str(out), "--format", "json"])
    assert json.loads(same.stdout)["status"] == "skipped"
    monkeypatch.setattr(enforce, "build_enforcer", lambda specs: (enforcer, "hash-two"))
    changed = runner.invoke(app, ["batch", str(src), "--to", "uk", "--out", str(out), "--format", "json"])
    assert json.loads(changed.stdout)["status"] == "done"


GLOSSARY = """\
- id: kyrylo-budanov
  kind: person
  en: Kyrylo Budanov
  uk: Кирило Буданов
  ru: Кирилл Буданов
  gender: m
  variants:
    - Kirill Budanov
"""


def test_real_normalizer_enforces_house_forms_in_case(runner, install, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """With translit.normalize: a Latin name left by the (copy) model becomes the house form; a Ukrainian
    instrumental-case mention read as Russian becomes the Russian house form in the instrumental."""
    install("en-uk", "uk-ru")
    glossary = tmp_path / "people.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    en = runner.invoke(app, ["translate", "--to", "uk", "--glossary", str(glossary), "--format", "json"],
                       input="Kirill Budanov met officials. Budanov spoke.\n")
    assert en.exit_code == 0, en.output
    line = json.loads(en.stdout)
    assert line["text"] == "Кирило Буданов met officials. Буданов spoke.\n"
    assert [n["how"] for n in line["names"]] == ["rewritten", "rewritten"]
    uk = runner.invoke(app, ["translate", "--from", "uk", "--to", "ru", "--glossary", str(glossary)],
                       input="Зустріч з Кирилом Будановим.\n")
    assert uk.exit_code == 0, uk.output
    assert uk.stdout == "Зустріч з Кириллом Будановым.\n"


def test_protect_leaves_placeholders_already_in_the_text(enforcer) -> None:  # type: ignore[no-untyped-def]
    # a document's inline markup travels as ⟦0⟧, ⟦1⟧...: names lost by the model are numbered after them
    source = "⟦0⟧Maksim Kuzminov⟦1⟧ met Kyrylo Budanov."
    protected = enforcer.protect(source, "en", "uk", {"maksim-kuzminov"})
    assert protected.text == "⟦0⟧⟦2⟧⟦1⟧ met Kyrylo Budanov."
    text, names, complete = enforcer.restore("⟦0⟧⟦2⟧⟦1⟧ зустрів Кирила Буданова.", protected)
    assert complete
    assert text == "⟦0⟧Максим Кузьмінов⟦1⟧ зустрів Кирила Буданова."
    assert [n.how for n in names] == ["placeholder"]


def test_both_batch_paths_record_one_glossary_hash(gloss) -> None:  # type: ignore[no-untyped-def]
    """translit batch (translate.enforce) and the engines (records, Ray) hash a glossary one way: a manifest
    written by one is resumed by the other."""
    from translit.engines.jobs import NormalizeJob
    from translit.translate.enforce import glossary_hash

    assert NormalizeJob([gloss]).glossary_hash == glossary_hash([gloss])
    assert glossary_hash([gloss, "/no/such.yaml"]) != glossary_hash([gloss])
