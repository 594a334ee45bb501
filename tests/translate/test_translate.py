"""`translit translate`: structure kept, dates/URLs untouched, nothing truncated, argos-identical decoding."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from translit.cli import app

ARTICLE = """# Budget talks resume in Kyiv

The city council met on Tuesday. Officials said the bridge would reopen in spring!
Is that true? Nobody knows.

- First item of the list. It has two sentences.
* Second item, with snake_case inside.
1. Numbered item.
  2) Indented numbered item.

2023-11-14
14 November 2023
https://example.org/news/2023/11/14/budget.html

Last paragraph without a final newline"""


def _translate(runner, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["translate", "--no-glossary", *args], input=input)


def test_structure_is_kept(runner, install) -> None:  # type: ignore[no-untyped-def]
    install("en-uk")
    result = _translate(runner, "--to", "uk", input=ARTICLE)
    assert result.exit_code == 0, result.output
    # the copy model gives the text back; argos' detokenizer turns "_" into a space
    assert result.stdout == ARTICLE.replace("snake_case", "snake case")


def test_crlf_and_blank_lines_survive(runner, install, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    install("en-uk")
    text = "One.\r\n\r\n\r\n  Two.  \r\nThree.\n\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode())
    result = _translate(runner, str(path), "--to", "uk")
    assert result.stdout_bytes == text.encode()


def test_dates_urls_and_markers_are_not_sent_to_the_model(runner, install) -> None:  # type: ignore[no-untyped-def]
    """With a garbage-emitting model, only translatable text changes."""
    install("en-de")
    result = _translate(runner, "--to", "de", input=ARTICLE)
    assert result.exit_code == 0, result.output
    out = result.stdout.split("\n")
    src = ARTICLE.split("\n")
    assert len(out) == len(src)
    for before, after in zip(src, out):
        if before in ("", "2023-11-14", "14 November 2023", "https://example.org/news/2023/11/14/budget.html"):
            assert after == before
        else:
            assert after != before
    assert out[0].startswith("# ") and out[5].startswith("- ") and out[6].startswith("* ")
    assert out[7].startswith("1. ") and out[8].startswith("  2) ")


def test_long_sentence_is_not_truncated(runner, install) -> None:  # type: ignore[no-untyped-def]
    install("en-uk")
    long_clauses = ", ".join(f"clause number {i} goes on" for i in range(120)) + "."
    no_commas = " ".join(f"word{i}" for i in range(260)) + "."
    text = f"Short one. {long_clauses}\n{no_commas}\n"
    result = _translate(runner, "--to", "uk", input=text)
    assert result.exit_code == 0
    assert result.stdout == text


def test_long_sentence_fits_the_decoding_limit_without_cutting(install, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A 300+-piece sentence is not split and still comes out whole (ct2's default cap is 256 pieces)."""
    from translit.translate import engine as engine_mod
    from translit.translate.packages import find_model
    from translit.translate.pipeline import translate_texts

    install("en-uk")
    monkeypatch.setattr(engine_mod, "LONG_SENTENCE_PIECES", 10_000)
    text = " ".join(f"w{i}" for i in range(120)) + "."
    assert len(engine_mod.get_engine(find_model("en", "uk")).encode(text)) > 300
    out = translate_texts([text], "en", ["uk"])[0]["uk"]
    assert out.text == text
    assert out.sentences == 1


def test_split_long_cuts_at_clause_boundaries() -> None:
    from translit.translate.sentences import split_long

    sentence = "First part, second part; third part — fourth part (fifth part), sixth."
    parts = split_long(sentence, lambda s: len(s.split()), limit=4)
    assert " ".join(parts) == sentence
    assert parts[0] == "First part, second part;"
    assert all(len(p.split()) <= 4 for p in parts)


def test_rule_splitter_keeps_abbreviations_and_initials() -> None:
    from translit.translate.sentences import rule_splitter

    text = "Mr. Smith met Dr. Jones in the U.S. on Monday. J. K. Rowling was there! Was it 2023? Yes."
    assert rule_splitter(text) == ["Mr. Smith met Dr. Jones in the U.S. on Monday.",
                                   "J. K. Rowling was there!", "Was it 2023?", "Yes."]


def test_several_files_and_languages_to_out_dir(runner, install, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    install("en-uk", "en-ru")
    a = tmp_path / "in" / "a.txt"
    b = tmp_path / "in" / "sub" / "b.txt"
    b.parent.mkdir(parents=True)
    a.write_text("Alpha one. Alpha two.\n")
    b.write_text("Beta.\n")
    out = tmp_path / "out"
    result = _translate(runner, str(a), str(b), "--to", "uk,ru", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert files == ["a.ru.txt", "a.uk.txt", "sub/b.ru.txt", "sub/b.uk.txt"]
    assert (out / "a.uk.txt").read_text() == "Alpha one. Alpha two.\n"


def test_several_targets_need_out_or_json(runner, install) -> None:  # type: ignore[no-untyped-def]
    install("en-uk", "en-ru")
    result = _translate(runner, "--to", "uk,ru", input="Hi.\n")
    assert result.exit_code == 2
    assert "--out" in result.stderr


def test_json_report(runner, install) -> None:  # type: ignore[no-untyped-def]
    install("en-uk", "en-ru")
    result = _translate(runner, "--to", "uk,ru", "--format", "json", input="One. Two.\nThree.\n")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(x["lang"], x["text"], x["sentences"]) for x in lines] == [
        ("uk", "One. Two.\nThree.\n", 3), ("ru", "One. Two.\nThree.\n", 3)]
    assert lines[0]["models"] == ["translate-en_uk@1.0"]
    assert lines[0]["input"] == "-" and lines[0]["names"] == []


def test_unreadable_input_is_an_input_error(runner, install, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    install("en-uk")
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\xe9".encode("latin-1"))
    result = _translate(runner, str(bad), "--to", "uk")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {bad}: not valid UTF-8")


def test_ukrainian_to_russian_pivots_through_english(runner, install) -> None:  # type: ignore[no-untyped-def]
    install("en-ru", "ru-en", "en-uk")
    # no uk→en model: uk→ru has no route
    missing = _translate(runner, "--from", "uk", "--to", "ru", input="Привіт.\n")
    assert missing.exit_code == 2 and "translit models install uk ru" in missing.stderr
    pivot = _translate(runner, "--from", "ru", "--to", "uk", "--format", "json", input="Привет, Киев.\n")
    assert pivot.exit_code == 0, pivot.output
    line = json.loads(pivot.stdout)
    assert line["models"] == ["translate-ru_en@1.0", "translate-en_uk@1.0"]
    assert line["text"] == "Привет, Киев.\n"
    install("uk-ru")
    direct = _translate(runner, "--from", "uk", "--to", "ru", "--format", "json", input="Привіт.\n")
    assert json.loads(direct.stdout)["models"] == ["translate-uk_ru@1.0"]


PARAGRAPHS = [
    "Hello world.",
    "The city council met on Tuesday to discuss the new budget for schools and hospitals.",
    "Kyrylo Budanov said ⟦0⟧ was fine! Residents of Kyiv reported power cuts. Why?",
    "Numbers 12 and 2023 stay, $12 and 45% too.",
    "Мешканці Києва повідомили про відключення світла вночі.",
    "Punctuation: \"quotes\", (brackets) and snake_case_names; colon: dash - and — long dash... Yes!",
    "A " * 40 + "end.",
]


def test_decoding_matches_argostranslate(install) -> None:  # type: ignore[no-untyped-def]
    """Same random-weight model: translit's batched output equals argostranslate's, paragraph by paragraph."""
    from translit.translate.pipeline import translate_texts

    install("en-de")
    ours = translate_texts(["\n".join(PARAGRAPHS)], "en", ["de"])[0]["de"].text.split("\n")
    argos = _argos_translate(PARAGRAPHS, "en", "de")
    assert len(ours) == len(argos) == len(PARAGRAPHS)
    for mine, theirs in zip(ours, argos):
        assert mine == theirs
    assert ours != PARAGRAPHS   # the model really changed the text


def _argos_translate(paragraphs: list[str], source: str, target: str) -> list[str]:
    """argostranslate.translate() in a subprocess (it imports torch; keep this process light)."""
    code = ("import json, sys; import argostranslate.translate as T; "
            "print(json.dumps([T.translate(p, sys.argv[1], sys.argv[2]) for p in json.load(sys.stdin)]))")
    done = subprocess.run([sys.executable, "-c", code, source, target], input=json.dumps(paragraphs),
                          capture_output=True, text=True, timeout=300, check=True)
    return json.loads(done.stdout)


@pytest.mark.parametrize("module", ["translit.cli", "translit.normalize"])
def test_light_imports_do_not_load_the_translation_stack(module: str) -> None:
    code = (f"import sys, {module}; heavy = ['argostranslate', 'ctranslate2', 'torch', 'sentencepiece', "
            "'onnxruntime', 'minisbd']; print([m for m in heavy if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_help_lists_the_commands(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in ("translate", "batch", "models"):
        assert name in result.stdout


@pytest.mark.parametrize("line, is_date", [
    ("2023-11-14", True), ("14 November 2023", True), ("Tuesday, November 14, 2023 10:30 UTC", True),
    ("14.11.2023", True), ("14 листопада 2023 року", True), ("5 мая 2023 г.", True),
    ("12 people were hurt in 2023", False), ("12 мальчиков 2023", False), ("May I come in 2023?", False),
])
def test_date_lines(line: str, is_date: bool) -> None:
    from translit.translate.segment import is_date_line

    assert is_date_line(line) is is_date
