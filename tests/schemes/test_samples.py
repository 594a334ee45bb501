"""Every sample of every scheme file is a test case: the data files carry their own proof."""
from __future__ import annotations

import pytest

from translit.schemes import cyrillize, list_schemes, romanize
from translit.schemes.model import APOSTROPHE
from translit.text.scripts import APOSTROPHES

CASES = [
    pytest.param(s.lang, s.slug, cyr, lat, id=f"{s.id}-{i}")
    for s in list_schemes() for i, (cyr, lat) in enumerate(s.samples)
]


@pytest.mark.parametrize("lang,slug,cyr,lat", CASES)
def test_sample(lang: str, slug: str, cyr: str, lat: str) -> None:
    assert romanize(cyr, lang, slug) == lat


_ONE_APOSTROPHE = str.maketrans({c: APOSTROPHE for c in APOSTROPHES})
REVERSIBLE = [c for c in CASES if next(s for s in list_schemes(c.values[0]) if s.slug == c.values[1]).reversible]


@pytest.mark.parametrize("lang,slug,cyr,lat", REVERSIBLE)
def test_reversible_sample_reads_back(lang: str, slug: str, cyr: str, lat: str) -> None:
    # ISO 9 and DSTU 9112 A are exact both ways: their samples are also cyrillization cases
    # (every apostrophe comes back as the one Ukrainian letter apostrophe, U+02BC)
    assert cyrillize(lat, lang, slug)[0] == cyr.translate(_ONE_APOSTROPHE)


@pytest.mark.parametrize("scheme", list_schemes(), ids=lambda s: s.id)
def test_scheme_file_documents_itself(scheme) -> None:  # type: ignore[no-untyped-def]
    # a scheme without its reference and examples cannot be checked by a reader
    assert scheme.name and scheme.source.startswith("http")
    assert 1800 < scheme.year < 2100
    assert len(scheme.samples) >= 5
    assert scheme.samples_source
    if not scheme.standard:
        assert any("convention" in note.lower() for note in scheme.notes)


def test_every_required_scheme_exists() -> None:
    slugs = {(s.lang, s.slug) for s in list_schemes()}
    for slug in ("kmu2010", "bgn-pcgn", "iso9", "dstu9112a", "ala-lc", "scholarly", "de", "fr", "pl"):
        assert ("uk", slug) in slugs
    for slug in ("icao", "bgn-pcgn", "gost779b", "iso9", "ala-lc", "scholarly", "press", "de", "fr", "pl"):
        assert ("ru", slug) in slugs


def test_kmu_carries_the_whole_official_table() -> None:
    # the resolution gives 74 examples, plus Згорани and Розгон for зг
    kmu = next(s for s in list_schemes("uk") if s.slug == "kmu2010")
    assert len(kmu.samples) == 76
