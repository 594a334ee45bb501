"""normalize() reads the rewritten text again only where a rewrite can make a new mention."""
from __future__ import annotations

import functools

import pytest

import translit.normalize as normalize_module
from translit.normalize import compiled_for, normalize


@functools.cache
def bundled():  # type: ignore[no-untyped-def]
    return compiled_for(["bundled"])


def _scans(monkeypatch, text: str) -> tuple[str, int]:
    calls = []
    real = normalize_module.find_matches

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(normalize_module, "find_matches", counting)
    return normalize(text, "en", bundled()).text, len(calls)


@pytest.mark.parametrize("text", [
    "Officials in Kiev said the talks in Odessa went well.",
    "Volodimir Zelenskyy met Kyrilo Budanov in Kiev.",
])
def test_rewrites_that_cannot_make_a_new_mention_need_one_scan(monkeypatch, text):
    out, scans = _scans(monkeypatch, text)
    assert out != text  # something was rewritten
    assert scans == 1
    assert normalize(out, "en", bundled()).text == out  # and that is the fixed point


def test_a_rewrite_that_makes_a_longer_name_is_read_again(monkeypatch):
    text = "Shelling in the Mykolayiv region went on all night."
    out, scans = _scans(monkeypatch, text)
    assert scans >= 2
    assert normalize(out, "en", bundled()).text == out
    assert "Mykolayiv" not in out



LONG_KEY = """\
- id: foxtrot
  kind: organization
  en: Foxtrot
  uk: Фокстрот
  ru: Фокстрот
  variants: [Foxtrott]
- id: alpha-echo
  kind: organization
  en: Alpha Bravo Charlie Delta Foxtrot Echo
  uk: Альфа Браво Чарлі Дельта Фокстрот Ехо
  ru: Альфа Браво Чарли Дельта Фокстрот Эхо
  variants: [Alfa Bravo Charlie Delta Foxtrot Echo]
"""


def test_the_longest_key_reaching_back_over_a_rewrite_is_found(tmp_path):
    """The second look around a rewrite reaches as far back as the glossary's longest key: Foxtrott ->
    Foxtrot completes a variant that starts 25 characters before it, and that variant is rewritten too."""
    from translit.glossary import load_glossary
    from translit.normalize import compile_glossary

    path = tmp_path / "team.yaml"
    path.write_text(LONG_KEY, encoding="utf-8")
    compiled = compile_glossary(load_glossary([str(path)]))
    text = "Units of Alfa Bravo Charlie Delta Foxtrott Echo moved north."
    result = normalize(text, "en", compiled)
    assert result.text == "Units of Alpha Bravo Charlie Delta Foxtrot Echo moved north."
    assert normalize(result.text, "en", compiled).text == result.text
    # the look reaches as far as the longest key, not a fixed 256 characters
    assert len("alpha bravo charlie delta foxtrot echo") <= compiled.longest_key("latin") < 64
