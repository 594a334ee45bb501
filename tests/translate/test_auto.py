"""`translit translate --from auto`: each input's language detected (translit.detect), then translated."""
from __future__ import annotations

import json

from translit.cli import app


def test_from_auto_detects_each_input(runner, install, tmp_path) -> None:  # type: ignore[no-untyped-def]
    install("en-uk", "ru-en", "en-ru")
    en = tmp_path / "en.txt"
    en.write_text("Kyrolo Budanov visited Kiev.", encoding="utf-8")
    ru = tmp_path / "ru.txt"
    ru.write_text("Кирилл Буданов заявил, что это не так.", encoding="utf-8")
    result = runner.invoke(app, ["translate", "--from", "auto", "--to", "uk", "--format", "json", str(en), str(ru)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[0]["text"] == "Кирило Буданов visited Київ."
    assert lines[1]["models"] == ["translate-ru_en@1.0", "translate-en_uk@1.0"]     # ru detected: through English
    assert lines[1]["text"].startswith("Кирило Буданов")


def test_from_auto_leaves_out_a_text_already_in_the_target(runner, install, tmp_path) -> None:  # type: ignore[no-untyped-def]
    install("en-ru", "ru-en")
    ru = tmp_path / "ru.txt"
    ru.write_text("Кирилл Буданов заявил, что это не так.", encoding="utf-8")
    result = runner.invoke(app, ["translate", "--from", "auto", "--to", "ru", str(ru)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "written in ru (detected), so not translated into ru" in result.stderr


def test_from_auto_names_a_missing_model(runner, install, tmp_path) -> None:  # type: ignore[no-untyped-def]
    install("en-uk")
    uk = tmp_path / "uk.txt"
    uk.write_text("Кирило Буданов заявив, що це не так.", encoding="utf-8")
    result = runner.invoke(app, ["translate", "--from", "auto", "--to", "ru", str(uk)])
    assert result.exit_code == 2
    assert "no translation model installed for uk -> ru" in result.stderr
