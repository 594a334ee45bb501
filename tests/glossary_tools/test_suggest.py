"""`translit glossary suggest`: new names and unlisted spellings from a corpus."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import yaml

from translit.cli import app
from translit.glossary import Entry, Glossary, bundled_dir, lint_paths
import translit.tools.suggest as suggest_mod
from translit.tools.suggest import name_sequences, suggest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

BUDANOV = Entry(id="kyrylo-budanov", kind="person", en="Kyrylo Budanov", uk="Кирило Буданов",
                ru="Кирилл Буданов", variants=["Kirill Budanov"], path="people.yaml", line=3)


def test_name_sequences_skip_sentence_starts_and_possessives() -> None:
    text = "During the flight, Kuzminov’s crew slept. The pilot met Yuriy Butusov in Poltava. Job offers came."
    found = [m.text for m in name_sequences(text)]
    assert found == ["Kuzminov", "Yuriy Butusov", "Poltava", "Job"]
    assert [m.initial for m in name_sequences(text)][-1] is True


def test_spellings_of_one_name_form_one_cluster() -> None:
    docs = [("a", "Kyrolo Budanov spoke. Later Kyrylo Budanov said more."),
            ("b", "On Monday Kyrylo Budanov met Olga Voitovych. Budanov left.")]
    result = suggest(docs, Glossary([]), min_count=1)
    budanov = result.candidates[0]
    assert dict(budanov.spellings) == {"Kyrylo Budanov": 2, "Kyrolo Budanov": 1}
    assert budanov.surname_mentions == 1 and budanov.count == 4
    assert budanov.name == "Kyrylo Budanov" and budanov.kind == "person"
    assert [c.name for c in result.candidates] == ["Kyrylo Budanov", "Olga Voitovych"]


def test_min_count_defaults_to_two_for_a_corpus() -> None:
    docs = [("a", "Olga Voitovych wrote. Tim Lister edited."), ("b", "Olga Voitovych wrote again.")]
    assert [c.name for c in suggest(docs, Glossary([])).candidates] == ["Olga Voitovych"]


def test_kinds_are_guessed() -> None:
    text = ("Fighting near Pokrovsk went on. The Khartiia Brigade said so. Maria Kovalchuk reported it. "
            "Pokrovsk was shelled. Starlink helped.")
    kinds = {c.name: c.kind for c in suggest([("a", text)], Glossary([])).candidates}
    assert kinds["Pokrovsk"] == "place"
    assert kinds["Khartiia Brigade"] == "organization"
    assert kinds["Maria Kovalchuk"] == "person"


def test_close_spellings_of_known_entries_are_variants() -> None:
    text = "Kyrolo Budanov said. Kirill Budanov too. Kyrylo Budanov agreed."
    result = suggest([("a", text)], Glossary([BUDANOV]), use_normalizer=False)
    assert [(v.entry, v.found, v.method) for v in result.variants] == [("kyrylo-budanov", "Kyrolo Budanov", "similar")]
    assert result.candidates == []


def test_normalizer_matches_become_variants(monkeypatch: pytest.MonkeyPatch) -> None:
    """Non-exact normalizer matches that the entry does not list yet are proposed as variants."""
    from translit.normalize import Match

    text = "Kyrolo Budanov said. Кирилом Будановим. Kirill Budanov. Budanov's team."

    def fake_find_matches(text: str, lang: str = "auto", compiled: object = None) -> list[Match]:
        def m(found: str, method: str) -> Match:
            start = text.index(found)
            return Match(start=start, end=start + len(found), found=found, canonical="Kyrylo Budanov",
                         entry="kyrylo-budanov", kind="person", method=method, score=0.9, lang="en")
        return [m("Kyrolo Budanov", "fuzzy"), m("Кирилом Будановим", "inflected"),
                m("Kirill Budanov", "variant"), m("Budanov", "surname")]

    monkeypatch.setattr(suggest_mod, "_find_matches", lambda: (lambda g: object(), fake_find_matches))
    result = suggest([("a", text)], Glossary([BUDANOV]))
    assert [(v.found, v.method, v.count) for v in result.variants] == [("Kyrolo Budanov", "fuzzy", 1)]
    assert result.normalizer == "used"
    assert result.candidates == []   # every name here is a mention of the known entry


# The seed article (third party, outside the repository) and examples/defection.txt (written for
# this project) mention the same people; each entry: file, expected count line of Maxim Kuzminov.
ARTICLES = {
    "examples": ("defection.txt", "# count: 5 (+4 by surname), e.g. "),
    "shared": ("seed-article.txt", "# count: 6 (+5 by surname), e.g. "),
}


@pytest.fixture(params=sorted(ARTICLES))
def article(request, shared_corpus) -> tuple[Path, str]:  # type: ignore[no-untyped-def]
    name, kuzminov = ARTICLES[request.param]
    return (EXAMPLES / name if request.param == "examples" else shared_corpus(name)), kuzminov


def test_seed_article_with_an_empty_glossary(project: Path, runner, article) -> None:  # type: ignore[no-untyped-def]
    path, kuzminov = article
    (project / "empty").mkdir()
    result = runner.invoke(app, ["glossary", "suggest", str(path), "--glossary", "empty", "--no-derive"])
    assert result.exit_code == 0, result.output
    entries = yaml.safe_load(result.stdout)
    names = {e["en"]: e["kind"] for e in entries}
    for person in ("Maxim Kuzminov", "Kyrolo Budanov", "Yuriy Butusov", "Olga Voitovych", "Julia Kesaieva"):
        assert names.get(person) == "person", person
    assert names["Poltava"] == "place"
    assert "Ukraine" in names and "During" not in names and "The" not in names
    assert kuzminov in result.stdout   # Maxim Kuzminov, then "Kuzminov" alone


def test_seed_article_with_the_bundled_glossary(project: Path, runner, article) -> None:  # type: ignore[no-untyped-def]
    path, _ = article
    entries, _ = lint_paths(sorted(bundled_dir().glob("*.yaml")))
    glossary = Glossary(entries)
    result = suggest([("seed", path.read_text(encoding="utf-8"))], glossary)
    assert result.normalizer == "used"
    variants = {v.found: v.entry for v in result.variants}
    assert variants.get("Kyrolo Budanov") == "kyrylo-budanov"
    assert variants.get("Agenstvo") == "agentstvo"
    known_people = {"Maxim Kuzminov", "Olga Voitovych", "Julia Kesaieva", "Tim Lister"}
    assert not known_people & {c.name for c in result.candidates}


def test_json_output(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    article = project / "a.txt"
    article.write_text("Kyrolo Budanov spoke in Kharkiv. Maria Kovalchuk listened.", encoding="utf-8")
    result = runner.invoke(app, ["glossary", "suggest", str(article), "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    assert {"type": "variant", "entry": "kyrylo-budanov", "found": "Kyrolo Budanov"}.items() <= rows[0].items()
    assert {(r["name"], r["lang"]) for r in rows[1:]} == {("Kharkiv", "en"), ("Maria Kovalchuk", "en")}


def test_unreadable_article_is_an_input_error(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    (project / "bad.txt").write_bytes(b"Kyiv \xff\xfe")
    result = runner.invoke(app, ["glossary", "suggest", "bad.txt"])
    assert result.exit_code == 2
    assert "not valid UTF-8" in result.stderr


def test_a_few_hundred_articles(project: Path, runner) -> None:  # type: ignore[no-untyped-def]
    """Runs on a generated corpus of 300 articles (speed is measured in bench/, not asserted)."""
    rng = random.Random(7)
    people = ["Kyrylo Budanov", "Kyrolo Budanov", "Oksana Melnyk", "Petro Shevchuk", "Ivan Bondarenko"]
    places = ["Poltava", "Kharkiv", "Sumy", "Odesa"]
    filler = "officials said the situation remained tense while talks continued".split()
    paths = []
    for n in range(300):
        words = []
        for _ in range(60):
            words += rng.sample(filler, 4) + [rng.choice(people), "visited", rng.choice(places) + "."]
        path = project / f"a{n}.txt"
        path.write_text(" ".join(words), encoding="utf-8")
        paths.append(str(path))
    result = runner.invoke(app, ["glossary", "suggest", *paths, "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    names = {r.get("name") or r.get("found") for r in rows}
    assert {"Oksana Melnyk", "Petro Shevchuk", "Ivan Bondarenko", "Poltava", "Sumy", "Odesa"} <= names
    assert any(r["type"] == "variant" and r["found"] == "Kyrolo Budanov" for r in rows)


def test_cyrillic_names_split_around_known_mentions(monkeypatch: pytest.MonkeyPatch) -> None:
    """A known mention inside a run of capitalised words (В Харкові Олена...) does not hide the rest."""
    text = "У Харкові Олена Петренко сказала, що Петренко не прийде."
    start = text.index("Харкові")
    found = suggest_mod.name_sequences(text, "a", [(start, start + len("Харкові"))], "uk")
    assert [(m.text, m.lang) for m in found] == [("Олена Петренко", "uk"), ("Петренко", "uk")]
    result = suggest([("a", text[text.index("Олена"):])], Glossary([]), use_normalizer=False)
    assert result.candidates[0].lang == "uk" and result.candidates[0].name == "Олена Петренко"
    out = suggest_mod.render_yaml(result)
    assert "  uk: Олена Петренко\n" in out and "  en: " in out   # en derived from the Ukrainian form


def test_a_failing_normalizer_is_an_error_not_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    """suggest() must not hide a crashing normalizer behind spelling-similarity proposals."""
    import translit.normalize

    def broken(glossary: object) -> object:
        raise RuntimeError("compile failed")

    monkeypatch.setattr(translit.normalize, "compile_glossary", broken)
    with pytest.raises(RuntimeError, match="compile failed"):
        suggest([("a", "Kyrolo Budanov said.")], Glossary([BUDANOV]))
