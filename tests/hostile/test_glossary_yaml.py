"""Hostile glossary YAML: every value is text, tags and deep nesting are refused, bad characters linted."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from translit.glossary.load import MAX_DEPTH, lint_paths, read_file

from .fuzz import fuzz
from .test_exit_codes import _translit

ENTRY = "- id: kyiv\n  kind: place\n  en: Kyiv\n  uk: Київ\n  ru: Киев\n"
BUNDLED = Path(__file__).resolve().parents[2] / "glossaries"


def _lint(tmp_path: Path, text: str) -> list[str]:
    p = tmp_path / "g.yaml"
    p.write_text(text, encoding="utf-8", errors="surrogatepass")
    return [str(x).removeprefix(str(p)) for x in lint_paths([p])[1]]


@pytest.mark.parametrize("note", ["2023-02-30", "2023-02-28", "9" * 5000, "1e999", "0x1F", "yes", "12:30:00"])
def test_implicit_values_are_text(tmp_path, note):
    p = tmp_path / "g.yaml"
    p.write_text(ENTRY + f"  note: {note}\n  variants: [{note}]\n")
    entries, problems = read_file(p)
    assert problems == [] and entries[0].note == note and entries[0].variants == [note]


@pytest.mark.parametrize("tagged, where", [
    ("  note: !!int abc\n", ":6:9: kyiv: note: YAML tag 'tag:yaml.org,2002:int' is not allowed"),
    ("  note: !!float x\n", ":6:9: kyiv: note: YAML tag 'tag:yaml.org,2002:float' is not allowed"),
    ("  note: !!timestamp x\n", ":6:9: kyiv: note: YAML tag 'tag:yaml.org,2002:timestamp' is not allowed"),
    ("  variants: [!!int 3]\n", ":6:14: kyiv: variants: YAML tag 'tag:yaml.org,2002:int' is not allowed"),
    ("  variants: !custom [a]\n", ":6:13: kyiv: variants: YAML tag '!custom' is not allowed"),
])
def test_explicit_tags_are_lint_problems(tmp_path, tagged, where):
    assert _lint(tmp_path, ENTRY + tagged) == [where]


def test_a_custom_tag_on_an_entry_mapping_or_the_list_is_reported(tmp_path):
    assert _lint(tmp_path, "- !person\n  id: kyiv\n  kind: place\n  en: Kyiv\n") == [
        ":1:3: YAML tag '!person' is not allowed"]
    assert _lint(tmp_path, "!glossary\n" + ENTRY) == [":1:1: YAML tag '!glossary' is not allowed"]


@pytest.mark.parametrize("text", ["[" * 5000, "a:\n" + "".join(" " * i + "b:\n" for i in range(1, 3000))])
def test_deep_nesting_is_refused(tmp_path, text):
    found = _lint(tmp_path, text)
    assert len(found) == 1 and found[0].endswith(f": nesting too deep (more than {MAX_DEPTH} levels)")
    assert found[0].startswith(":1:") or found[0].startswith(":2")


def test_aliases_are_refused_before_they_expand(tmp_path):
    laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        laughs.append(f"{chr(ord('a') + i)}: &{chr(ord('a') + i)} [" + ",".join([f"*{prev}"] * 9) + "]")
    assert _lint(tmp_path, "- &e\n  id: kyiv\n  kind: place\n  en: Kyiv\n- *e\n") == [
        ":1:3: YAML aliases (*name) are not allowed in glossaries; write the value out"]
    bomb = "\n".join(laughs) + "\n"
    proc = _translit("glossary", "lint", str(_write(tmp_path / "bomb.yaml", bomb)))
    assert proc.returncode == 2 and b"aliases" in proc.stderr + proc.stdout


def _write(p: Path, text: str) -> Path:
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize("value, message", [
    ('"Xa\\ud800nadu"', "lone surrogate U+D800 (not a character; fix the escape)"),
    ('"Xa\\x07nadu"', "control character U+0007"),
    ('"Xa\\u2028nadu"', "line separator U+2028"),
    ('"Xa\\x85nadu"', "next-line control U+0085"),
    ('"\\u0301\\u0301"', "has no letter or digit (only marks, symbols or emoji)"),
    ('"🇺🇦🔥"', "has no letter or digit (only marks, symbols or emoji)"),
])
def test_bad_characters_are_lint_problems(tmp_path, value, message):
    found = _lint(tmp_path, f"- id: x\n  kind: other\n  en: {value}\n")
    assert len(found) == 1 and found[0].startswith(":3:7: x: en: ") and message in found[0]


def test_a_glossary_with_a_surrogate_stops_normalize_with_one_line(tmp_path):
    g = _write(tmp_path / "g.yaml", '- id: xanadu\n  kind: place\n  en: "Xa\\ud800nadu"\n')
    proc = _translit("normalize", "-g", str(g), stdin=b"Xanadu\n")
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    assert b"lone surrogate U+D800" in proc.stderr


@pytest.mark.parametrize("command", [["glossary", "lint"], ["glossary", "fmt", "--check"], ["normalize", "-g"]])
def test_no_command_tracebacks_on_hostile_values(tmp_path, command):
    g = _write(tmp_path / "g.yaml", ENTRY + "  note: !!int abc\n- id: b\n  kind: other\n  en: B\n  note: 2023-02-30\n")
    proc = _translit(*command, str(g), stdin=b"Kyiv\n")
    assert proc.returncode in (1, 2) and b"Traceback" not in proc.stderr
    assert b"tag:yaml.org,2002:int" in proc.stderr + proc.stdout


# ---- fuzzers: hostile YAML must give problems, never an exception

_scalars = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["!!int abc", "!!float x", "!!timestamp x", "!!binary x", "!x y", "2023-02-30", "~", "null",
                     "&a x", "*a", "[", "{", "'", '"\\ud800"', "9" * 400, "- - -", ": :", "\t#c"]),
)


@fuzz(60)
@given(st.lists(st.tuples(st.sampled_from(["id", "kind", "en", "uk", "ru", "note", "variants", "common_word", "x"]),
                          _scalars), max_size=8),
       st.integers(0, 60))
def test_fuzz_generated_glossaries_never_raise(tmp_path_factory, fields, depth):
    body = "".join(f"  {k}: {v}\n" for k, v in fields)
    text = "- id: a\n  kind: other\n  en: A\n" + body + "[" * depth
    p = tmp_path_factory.mktemp("fz") / "g.yaml"
    p.write_text(text, encoding="utf-8", errors="surrogatepass")
    lint_paths([p])  # problems, never an exception


_REAL = sorted(BUNDLED.glob("*.yaml"))


@fuzz(40)
@given(st.sampled_from(_REAL), st.data())
def test_fuzz_mutated_real_glossaries_never_raise(tmp_path_factory, source, data):
    text = source.read_text(encoding="utf-8")[:6000]
    for _ in range(data.draw(st.integers(1, 4))):
        pos = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 5))
        insert = data.draw(_scalars | st.sampled_from(["\n", "\n  ", ": ", "- ", "\x00", "\u2028", "\x85"]))
        text = text[:pos] + insert + text[pos + cut:]
    p = tmp_path_factory.mktemp("mut") / "g.yaml"
    p.write_text(text, encoding="utf-8", errors="surrogatepass")
    lint_paths([p])
    from translit.tools.fmt import FormatError, format_text
    try:
        format_text(text, str(p))
    except FormatError:
        pass
