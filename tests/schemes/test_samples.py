"""Every sample of every scheme file is a test case: the data files carry their own proof."""
from __future__ import annotations

import pytest

from translit.schemes import list_schemes, romanize

CASES = [
    pytest.param(s.lang, s.slug, cyr, lat, id=f"{s.id}-{i}")
    for s in list_schemes() for i, (cyr, lat) in enumerate(s.samples)
]


@pytest.mark.parametrize("lang,slug,cyr,lat", CASES)
def test_sample(lang: str, slug: str, cyr: str, lat: str) -> None:
    assert romanize(cyr, lang, slug) == lat


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
