"""`translit batch` never writes outside --out, and a manifest that is a folder is one line."""
from __future__ import annotations

from pathlib import Path

from translit.cli import app


def _batch(runner, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["batch", "--no-glossary", *args])


def test_a_symlinked_folder_inside_out_cannot_send_outputs_outside(runner, install, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    install("en-uk")
    news = tmp_path / "news"
    (news / "a").mkdir(parents=True)
    (news / "b").mkdir()
    (news / "a" / "one.txt").write_text("The city budget grew.\n")
    (news / "b" / "two.txt").write_text("The city budget fell.\n")
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / "a").symlink_to(elsewhere)
    result = _batch(runner, str(news / "a" / "one.txt"), str(news / "b" / "two.txt"), "--to", "uk", "--out", str(out))
    assert result.exit_code == 1, result.output
    assert list(elsewhere.iterdir()) == []
    assert (out / "b" / "two.uk.txt").read_text() == "The city budget fell.\n"
    assert f"Error: {out}/a/one.uk.txt: a symlink inside --out leads outside it" in result.stderr


def test_a_manifest_that_is_a_folder_is_one_line(runner, install, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    install("en-uk")
    src = tmp_path / "one.txt"
    src.write_text("The city budget grew.\n")
    out = tmp_path / "out"
    (out / "manifest.json").mkdir(parents=True)
    result = _batch(runner, str(src), "--to", "uk", "--out", str(out))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"Error: {out}/manifest.json: exists and is not a file"]
    assert not (out / "one.uk.txt").exists()
