"""translit.detect: en, uk and ru with confidences, best first."""
from __future__ import annotations

from translit.detect import detect_language, detect_languages
from translit.match.lang import detect_lang


def test_three_languages_best_first() -> None:
    cases = {
        "Kyrylo Budanov said the helicopter landed near Poltava.": "en",
        "Кирило Буданов заявив, що гелікоптер приземлився біля Полтави.": "uk",
        "Кирилл Буданов заявил, что вертолёт приземлился под Полтавой.": "ru",
    }
    for text, lang in cases.items():
        found = detect_languages(text)
        assert [d.lang for d in found][0] == lang == detect_language(text) == detect_lang(text)
        assert sorted(d.lang for d in found) == ["en", "ru", "uk"]
        assert found[0].confidence > 90 and found[0].confidence >= found[1].confidence >= found[2].confidence
        assert abs(sum(d.confidence for d in found) - 100) < 0.5


def test_little_evidence_means_low_confidence() -> None:
    assert detect_languages("12:30, 14.11.2023")[0].confidence == 0
    budanov = detect_languages("Буданов")          # a name alone: Ukrainian or Russian, no telling
    assert {d.lang for d in budanov[:2]} == {"uk", "ru"} and budanov[0].confidence == budanov[1].confidence
    assert detect_languages("Київ")[0].lang == "uk"  # ї is only Ukrainian


def test_mixed_script_text_counts_letters() -> None:
    found = {d.lang: d.confidence for d in detect_languages("The Kremlin (Кремль) said")}
    assert found["en"] > 50 and found["ru"] + found["uk"] > 0
