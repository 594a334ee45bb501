"""Issue 15: translation as a new user meets it (copy fixture models, real CLI runs)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from translit.cli import app


def _translate(runner, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["translate", "--no-glossary", *args], input=input)


def test_sentence_separators_are_kept(runner, install) -> None:  # type: ignore[no-untyped-def]
    install("en-uk")
    text = "The council met.  It voted on Monday.\tThe budget passed. One more.\n"
    result = _translate(runner, "--to", "uk", input=text)
    assert result.exit_code == 0, result.output
    assert result.stdout == text


def test_the_copy_fixture_splits_like_a_real_splitter(runner, install) -> None:  # type: ignore[no-untyped-def]
    install("en-uk")
    text = ("Output rose to 3.5 million. U.S. officials wrote to budanov@Kyiv.ua on Monday. "
            "J. Smith agreed! Did he? 5 more came.\n")
    result = _translate(runner, "--to", "uk", input=text)
    assert result.exit_code == 0, result.output
    assert result.stdout == text          # the copy model gives back what it was sent, split or not


def test_fixture_splitter_keeps_numbers_abbreviations_and_addresses(tmp_path: Path) -> None:
    from translit.translate.fixture import build_sbd_onnx
    from translit.translate.sentences import package_splitter

    build_sbd_onnx(tmp_path / "minisbd" / "en.onnx")
    split = package_splitter(tmp_path)
    assert split("Output rose to 3.5 million. U.S. officials wrote to budanov@Kyiv.ua today. J. Smith agreed!") == [
        "Output rose to 3.5 million.", "U.S. officials wrote to budanov@Kyiv.ua today.", "J. Smith agreed!"]


def test_to_is_case_insensitive(runner, install) -> None:  # type: ignore[no-untyped-def]
    install("en-uk")
    result = _translate(runner, "--to", "UK", "--from", "EN", input="Hello.\n")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Hello.\n"


def test_missing_model_hint_names_the_missing_pair(runner, install) -> None:  # type: ignore[no-untyped-def]
    install("en-ru")
    result = _translate(runner, "--from", "uk", "--to", "ru", input="Привіт.\n")
    assert result.exit_code == 2
    assert "translit models install uk en" in result.stderr
    assert "translit models install en ru" not in result.stderr        # installed already


def test_out_that_is_a_file_is_one_error_line(runner, install, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    install("en-uk")
    src = tmp_path / "a.txt"
    src.write_text("Hello.\n")
    target = tmp_path / "file"
    target.write_text("keep me")
    for out in (str(target), "/proc/translit-out"):
        result = _translate(runner, str(src), "--to", "uk", "--out", out)
        assert result.exit_code == 2, (out, result.output)
        assert result.stderr.startswith(f"Error: --out {out}") and result.stderr.count("\n") == 1
        assert result.exception is None or isinstance(result.exception, SystemExit)
    assert target.read_text() == "keep me"


def test_argos_packages_dir_that_is_a_file(tmp_path: Path) -> None:
    import subprocess
    import sys

    bad = tmp_path / "packages"
    bad.write_text("")
    src = tmp_path / "a.txt"
    src.write_text("Hello.\n")
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(bad)}
    for args in (["models", "list"], ["translate", str(src), "--to", "uk"]):
        done = subprocess.run([sys.executable, "-m", "translit", *args], env=env, capture_output=True, text=True)
        assert done.returncode == 2, done.stderr
        assert done.stderr == f"Error: ARGOS_PACKAGES_DIR={bad}: not a directory\n"


def test_symlinked_inputs_are_named_after_the_link(runner, install, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    install("en-uk")
    elsewhere = tmp_path / "archive" / "2023" / "original-name.txt"
    elsewhere.parent.mkdir(parents=True)
    elsewhere.write_text("From the archive.\n")
    news = tmp_path / "news"
    news.mkdir()
    (news / "today.txt").write_text("Today.\n")
    (news / "linked.txt").symlink_to(elsewhere)
    (news / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", "--no-glossary", str(news / "today.txt"), str(news / "linked.txt"),
                                 str(news / "dangling.txt"), "--to", "uk", "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in out.iterdir()) == ["linked.uk.txt", "manifest.json", "today.uk.txt"]
    assert (out / "linked.uk.txt").read_text() == "From the archive.\n"
    assert f"Error: {news / 'dangling.txt'}: no such file" in result.stderr


def test_batch_summary_is_totals_and_failures(runner, install, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    install("en-uk")
    monkeypatch.chdir(tmp_path)
    inputs = []
    for i in range(30):
        p = tmp_path / "in" / f"doc{i}.txt"
        p.parent.mkdir(exist_ok=True)
        p.write_text(f"Article {i}.\n" if i != 7 else "")
        inputs.append(str(p))
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", "--no-glossary", *inputs, "--to", "uk", "--out", str(out)])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) <= 6, result.stdout      # not one row per file
    assert "29 translated, 0 already done, 1 failed" in result.stdout
    assert "doc7.txt" in result.stdout and "doc3.txt" not in result.stdout
    assert "  in/doc7.txt\n" in result.stdout                       # relative to the working folder
    as_json = runner.invoke(app, ["batch", "--no-glossary", *inputs, "--to", "uk", "--out", str(out),
                                  "--format", "json"])
    assert len(as_json.stdout.splitlines()) == 30


def test_a_directory_is_accepted(runner, install, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    install("en-uk")
    news = tmp_path / "news"
    (news / "a").mkdir(parents=True)
    (news / "a" / "one.txt").write_text("One.\n")
    (news / "two.md").write_text("# Two\n")
    (news / ".hidden.txt").write_text("Hidden.\n")
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", "--no-glossary", str(news), "--to", "uk", "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == ["a/one.uk.txt", "manifest.json", "two.uk.md"]


def test_batch_progress_advances_per_document_with_a_fixed_total(install, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from translit.translate.batch import run_batch

    install("en-uk", "en-ru")
    inputs = []
    for i in range(12):
        p = tmp_path / f"doc{i:02}.txt"
        p.write_text(" ".join(f"Sentence {j} of {i}." for j in range(5)) + "\n")
        inputs.append(p)

    class Recorder:
        def __init__(self) -> None:
            self.events: list[tuple[str, int]] = []

        def add_total(self, n: int) -> None:
            self.events.append(("total", n))

        def advance(self, n: int) -> None:
            self.events.append(("advance", n))

        def document_done(self, result) -> None:  # type: ignore[no-untyped-def]
            self.events.append(("doc", 1))

    rec = Recorder()
    run_batch(inputs, tmp_path / "out", "en", ["uk", "ru"], progress=rec, group_chars=200)
    totals = [n for kind, n in rec.events if kind == "total"]
    assert totals == [12 * 5 * 2]                                   # known before any work, never grows
    assert sum(n for kind, n in rec.events if kind == "advance") == totals[0]
    docs_at = [i for i, (kind, _) in enumerate(rec.events) if kind == "doc"]
    assert len(docs_at) == 12
    last_advance = max(i for i, (kind, _) in enumerate(rec.events) if kind == "advance")
    assert docs_at[0] < last_advance                                # documents finish as the run goes


@pytest.mark.parametrize("output, lang, expected, case", [
    ("Вони поїхали до ⟦0⟧.", "uk", "Вони поїхали до Кирила Буданова.", "gent"),
    ("Розмова між ⟦0⟧ і пілотом.", "uk", "Розмова між Кирилом Будановим і пілотом.", "ablt"),
    ("Завдяки ⟦0⟧ все вдалося.", "uk", "Завдяки Кирилові Буданову все вдалося.", "datv"),
    ("Письмо к ⟦0⟧ пришло.", "ru", "Письмо к Кириллу Буданову пришло.", "datv"),
    ("Они говорили о ⟦0⟧.", "ru", "Они говорили о Кирилле Буданове.", "loct"),
    ("⟦0⟧ заявив це.", "uk", "Кирило Буданов заявив це.", "nomn"),
])
def test_a_restored_name_takes_the_case_its_preposition_needs(output: str, lang: str, expected: str,
                                                               case: str) -> None:
    from translit.glossary import Entry
    from translit.translate.enforce import NameEnforcer, Protected

    entry = Entry(id="kyrylo-budanov", kind="person", en="Kyrylo Budanov", uk="Кирило Буданов",
                  ru="Кирилл Буданов", gender="m")
    enforcer = NameEnforcer(compiled=None, entries={entry.id: entry}, find_matches=lambda *a, **k: [])
    slot = {"entry": entry.id, "source": "Kyrylo Budanov", "house": entry.form(lang), "lang": lang}
    text, names, complete = enforcer.restore(output, Protected("⟦0⟧", [slot]))
    assert complete
    assert text == expected
    assert names[0].case == case


@pytest.mark.parametrize("command", [["translate", "IN", "--to", "uk"], ["batch", "IN", "--to", "uk", "--out", "OUT"],
                                     ["models", "list"]])
def test_without_the_translate_extra_translation_is_a_clear_error(tmp_path: Path, command: list[str]) -> None:
    """README command 1 installs translit without argostranslate: translating then says which extra to
    install (exit 2), not an internal error."""
    import subprocess
    import sys

    article = tmp_path / "a.txt"
    article.write_text("Talks in Kiev.\n", encoding="utf-8")
    argv = [str(article) if a == "IN" else str(tmp_path / "out") if a == "OUT" else a for a in command]
    code = ("import sys\n"
            "for name in ('argostranslate', 'argostranslate.settings', 'argostranslate.package'):\n"
            "    sys.modules[name] = None  # as in an install without the [translate] extra\n"
            "from translit.cli import main\n"
            f"sys.argv = ['translit', *{argv!r}]\n"
            "main()\n")
    env = dict(os.environ, HOME=str(tmp_path), TRANSLIT_CACHE_DIR=str(tmp_path / "cache"))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "pip install 'translit[translate]'" in done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
