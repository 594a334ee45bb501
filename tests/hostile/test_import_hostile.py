"""glossary import on hostile files: one line each, and inline markup keeps the whole term."""
from __future__ import annotations

from pathlib import Path

import pytest

from translit.errors import InputError
from translit.tools.exchange import import_pairs, import_tbx

from .test_exit_codes import _translit


def _tbx(note: str, term: str = "Xanadu") -> str:
    return ('<?xml version="1.0"?><martif type="TBX"><text><body>'
            f'<termEntry id="xanadu"><note>{note}</note>'
            f'<langSet xml:lang="en"><tig><term>{term}</term></tig></langSet>'
            '<langSet xml:lang="uk"><tig><term>Ксанаду</term></tig></langSet>'
            '</termEntry></body></text></martif>')


@pytest.mark.parametrize("note, message", [
    ("translit: [1]", "must hold a JSON object, not list"),
    ('translit: {"surname_alone": "yes"}', "surname_alone must be true or false, not 'yes'"),
    ('translit: {"keep": "Xanadu"}', "keep must be a list of strings, not 'Xanadu'"),
    ('translit: {"keep": [1, 2]}', "keep must be a list of strings, not [1, 2]"),
])
def test_a_bad_translit_note_is_a_bad_entry_not_a_crash(note, message):
    entries, bad = import_tbx(_tbx(note))
    assert entries == [] and len(bad) == 1 and message in str(bad[0])


def test_inline_markup_in_a_term_keeps_its_whole_text():
    entries, bad = import_tbx(_tbx("plain note", "Xan<b>adu</b>"))
    assert bad == [] and entries[0]["en"] == "Xanadu" and entries[0]["uk"] == "Ксанаду"


def test_an_unbalanced_quote_in_a_big_csv_is_one_located_line():
    text = "en,uk\n" + "".join(f"Name{i},Імʼя{i}\n" for i in range(20)) + '"Kyiv,Київ\n' + "x" * 140_000 + "\n"
    with pytest.raises(InputError) as info:
        import_pairs(text, "en", "uk")
    assert str(info.value).startswith("line ") and "field larger than field limit" in str(info.value)
    assert "is a quote unbalanced?" in str(info.value)


def test_import_cli_on_an_unbalanced_quote_is_one_line(tmp_path: Path):
    src = tmp_path / "pairs.csv"
    src.write_text("en,uk\n\"Kyiv,Київ\n" + "x" * 140_000 + "\n", encoding="utf-8")
    proc = _translit("glossary", "import", str(src), "--from", "csv", "--lang-pair", "en-uk",
                     "--file", str(tmp_path / "team.yaml"))
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    assert len(proc.stderr.decode().strip().splitlines()) == 1
