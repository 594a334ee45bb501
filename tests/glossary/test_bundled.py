"""The bundled glossaries and the given-name table: clean, complete enough, consistent."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import translit
from translit.cli import app
from translit.glossary import Entry, bundled_dir, form_key, lint_paths
from translit.text.scripts import (APOSTROPHES, CYRILLIC_APOSTROPHE, RU_ONLY, UK_ONLY, is_cyrillic,
                              is_latin)

GIVEN_NAMES = Path(translit.__file__).resolve().parent / "data" / "given_names.yaml"

# Every name the seed article (tests' shared corpus) mentions, as it is written there,
# apart from its two typos, which are checked separately below.
SEED_MENTIONS = [
    "Maxim Kuzminov",
    "Defence Intelligence of Ukraine",  # the article's descriptive "Ukraine's Defense Intelligence" is left as written
    "Mi-8",
    "Telegram",
    "Poltava region",
    "Ukraine",
    "Russia",
    "CNN",
    "319th separate helicopter regiment",
    "Eastern Military District",
    "Yuriy Butusov",
    "Armed Forces of Ukraine",  # "Ukrainian Armed Forces" is a description, kept so the word count stays
    "Olga Voitovych",
    "Julia Kesaieva",
    "Tim Lister",
]
# Typos in the article -> the entry they mean; the fuzzy matcher, not a variant, finds them.
SEED_TYPOS = {"Kyrolo Budanov": "kyrylo-budanov", "Agenstvo": "agentstvo"}

# Which kinds each bundled file may hold.
FILE_KINDS = {
    "people.yaml": {"person"},
    "places.yaml": {"place"},
    "organizations.yaml": {"organization"},
    "units.yaml": {"unit"},
    "equipment.yaml": {"equipment"},
    "media.yaml": {"media", "other"},
    "events.yaml": {"event"},
}

# Ukraine's oblast centres (Kyiv once) plus Sevastopol and Simferopol.
OBLAST_CENTRES = [
    "Kyiv", "Vinnytsia", "Lutsk", "Dnipro", "Donetsk", "Zhytomyr", "Uzhhorod", "Zaporizhzhia",
    "Ivano-Frankivsk", "Kropyvnytskyi", "Luhansk", "Lviv", "Mykolaiv", "Odesa", "Poltava",
    "Rivne", "Sumy", "Ternopil", "Kharkiv", "Kherson", "Khmelnytskyi", "Cherkasy", "Chernivtsi",
    "Chernihiv", "Sevastopol", "Simferopol",
]


@pytest.fixture(scope="module")
def bundled() -> tuple[list[Entry], list]:
    return lint_paths(sorted(bundled_dir().glob("*.yaml")))


@pytest.fixture(scope="module")
def entries(bundled) -> list[Entry]:
    return bundled[0]


def forms(entry: Entry) -> set[str]:
    return {form_key(f) for f in (entry.en, entry.uk, entry.ru, *entry.variants, *entry.abbreviations) if f}


def find(entries: list[Entry], mention: str) -> list[str]:
    key = form_key(mention)
    return [e.id for e in entries if key in forms(e)]


def test_bundled_glossaries_lint_clean(bundled):
    _, problems = bundled
    assert [str(p) for p in problems] == []


def test_bundled_glossaries_have_at_least_300_entries(entries):
    assert len(entries) >= 300


def test_cli_lint_of_the_bundled_directory_exits_0():
    result = CliRunner().invoke(app, ["glossary", "lint", str(bundled_dir())])
    assert result.exit_code == 0, result.output
    assert "0 problem(s)" in result.output


@pytest.mark.parametrize("mention", SEED_MENTIONS)
def test_every_seed_article_name_has_exactly_one_entry(entries, mention):
    assert len(find(entries, mention)) == 1, mention


@pytest.mark.parametrize("typo,entry_id", sorted(SEED_TYPOS.items()))
def test_seed_article_typos_have_their_entry_but_are_not_listed_as_variants(entries, typo, entry_id):
    assert entry_id in {e.id for e in entries}
    assert find(entries, typo) == []


def test_budanov_and_kuzminov_keep_their_house_forms(entries):
    by_id = {e.id: e for e in entries}
    assert by_id["kyrylo-budanov"].en == "Kyrylo Budanov"
    assert by_id["maksim-kuzminov"].en == "Maxim Kuzminov"
    assert by_id["defence-intelligence-of-ukraine"].en == "Defence Intelligence of Ukraine"


def test_every_person_has_a_gender_and_women_are_included(entries):
    people = [e for e in entries if e.kind == "person"]
    assert [e.id for e in people if e.gender not in ("m", "f")] == []
    assert len(people) >= 90
    assert sum(e.gender == "f" for e in people) >= 15


def test_each_file_holds_only_its_kinds(entries):
    misplaced = [(Path(e.path).name, e.id, e.kind) for e in entries
                 if e.kind not in FILE_KINDS.get(Path(e.path).name, {e.kind})]
    assert misplaced == []


@pytest.mark.parametrize("city", OBLAST_CENTRES)
def test_oblast_centres_are_places(entries, city):
    ids = find(entries, city)
    assert len(ids) == 1 and {e.kind for e in entries if e.id == ids[0]} == {"place"}


def test_old_and_foreign_spellings_lead_to_the_house_form(entries):
    by_id = {e.id: e for e in entries}
    for mention, entry_id in [("Kiev", "kyiv"), ("Kharkov", "kharkiv"), ("Zaporozhye", "zaporizhzhia"),
                              ("Charkiw", "kharkiv"), ("Bachmut", "bakhmut"), ("Zelensky", None),
                              ("Volodymyr Zelensky", "volodymyr-zelenskyy"),
                              ("Wolodymyr Selenskyj", "volodymyr-zelenskyy"),
                              ("Olena Zelenskaya", "olena-zelenska"), ("HUR", "defence-intelligence-of-ukraine"),
                              ("Mil Mi-8", "mi-8")]:
        if entry_id is None:  # surnames alone are derived by the matcher, not listed
            assert find(entries, mention) == []
        else:
            assert find(entries, mention) == [entry_id], mention
            assert entry_id in by_id


def test_fixed_expressions_are_kept_on_kyiv(entries):
    kyiv = next(e for e in entries if e.id == "kyiv")
    assert {"Chicken Kiev", "Dynamo Kyiv", "Dynamo Kiev"} <= set(kyiv.keep)


def test_names_that_are_ordinary_words_are_flagged(entries):
    by_id = {e.id: e for e in entries}
    for entry_id in ("agentstvo", "tv-rain", "kalibr", "lyman"):
        assert by_id[entry_id].common_word is True, entry_id


def test_ambiguous_surnames_do_not_match_alone(entries):
    by_id = {e.id: e for e in entries}
    for entry_id in ("vitali-klitschko", "wladimir-klitschko", "nikolai-patrushev",
                     "dmitry-patrushev", "patriarch-kirill"):
        assert by_id[entry_id].surname_alone is False, entry_id
    # The patriarch's bare first name is not one of his forms.
    assert find(entries, "Kirill") == []


# --- given names ---

@pytest.fixture(scope="module")
def given_names() -> list[dict]:
    data = yaml.safe_load(GIVEN_NAMES.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def test_given_names_have_the_required_fields(given_names):
    assert len(given_names) >= 250
    for row in given_names:
        assert set(row) <= {"uk", "ru", "gender", "en_uk", "en_ru", "variants"}, row
        for key in ("uk", "ru", "en_uk", "en_ru"):
            assert isinstance(row.get(key), str) and row[key].strip() == row[key] != "", row
        assert row["gender"] in ("m", "f"), row
        assert all(isinstance(v, str) and v for v in row.get("variants", [])), row


def test_given_names_have_no_duplicate_uk_ru_pair(given_names):
    pairs = Counter((row["uk"], row["ru"]) for row in given_names)
    assert [pair for pair, n in pairs.items() if n > 1] == []


def test_given_names_are_in_the_right_script_and_alphabet(given_names):
    bad = []
    for row in given_names:
        uk, ru = row["uk"], row["ru"]
        if not all(is_cyrillic(c) or c in "-" + CYRILLIC_APOSTROPHE for c in uk + ru):
            bad.append((uk, ru, "not Cyrillic or wrong apostrophe"))
        if set(uk) & RU_ONLY or set(ru) & UK_ONLY or set(ru) & set(APOSTROPHES):
            bad.append((uk, ru, "letters of the other language"))
        for latin in (row["en_uk"], row["en_ru"], *row.get("variants", [])):
            if not all(is_latin(c) or c in "-'" for c in latin):
                bad.append((uk, ru, latin))
    assert bad == []


def test_given_names_cover_the_common_pairs(given_names):
    table = {(row["uk"], row["ru"]): row for row in given_names}
    assert table[("Олександр", "Александр")]["en_uk"] == "Oleksandr"
    assert table[("Кирило", "Кирилл")]["en_ru"] == "Kirill"
    assert table[("Юлія", "Юлия")]["gender"] == "f"
    assert "Sergey" in table[("Сергій", "Сергей")]["variants"]
    assert "Yuriy" in table[("Юрій", "Юрий")]["variants"]
    assert table[("Вʼячеслав", "Вячеслав")]["en_uk"] == "Viacheslav"
