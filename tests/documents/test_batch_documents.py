"""`translit batch` on a folder mixing every format: each output in its own format, resumable, per-file errors."""
from __future__ import annotations

import io
import json
from pathlib import Path

from translit.cli import app

from . import builders as B
from .test_html import PAGE
from .test_markdown import DOC as MARKDOWN
from .test_subtitles import SRT, VTT


def _folder(root: Path) -> dict[str, bytes]:
    files = {
        "a.txt": b"Officials in Kiev met Kyrolo Budanov.\n",
        "b.md": MARKDOWN.encode(), "c.html": PAGE.encode(), "d.srt": SRT.encode(), "e.vtt": VTT.encode(),
        "f.docx": B.build_docx(), "g.odt": B.build_odt(), "h.pptx": B.build_pptx(), "i.odp": B.build_odp(),
        "sub/j.epub": B.build_epub(), "sub/k.xhtml": B.EPUB_CHAPTER.encode(),
        # bad ones: reported, nothing written, the rest goes on
        "bad.docx": b"PK\x03\x04 not really a zip", "bad.srt": b"1\n00:00:01 --> 00:00:02\nKiev\n",
        "bad.html": b"<p>Kiev <b class='x'",
    }
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    (root / "notes.bin").write_bytes(b"\x00\x01")          # not a document: not picked up from the folder
    return files


def test_mixed_folder(runner, copy_models, tmp_path: Path, house) -> None:  # type: ignore[no-untyped-def]
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    files = _folder(src)
    result = runner.invoke(app, ["batch", str(src), "--to", "uk", "--out", str(out), "--format", "json"])
    assert result.exit_code == 1, result.output
    records = {Path(r["input"]).name: r for r in map(json.loads, result.stdout.splitlines())}
    assert set(records) == {Path(n).name for n in files}
    errors = result.stderr.splitlines()
    assert f"Error: {src / 'bad.docx'}: corrupt zip archive (File is not a zip file)" in errors
    assert f"Error: {src / 'bad.srt'}: line 2: bad timing line '00:00:01 --> 00:00:02'" in errors
    assert f"Error: {src / 'bad.html'}: broken HTML: unterminated tag at line 1, column 9" in errors
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == ["a.uk.txt", "b.uk.md", "c.uk.html", "d.uk.srt", "e.uk.vtt", "f.uk.docx", "g.uk.odt",
                       "h.uk.pptx", "i.uk.odp", "manifest.json", "sub/j.uk.epub", "sub/k.uk.xhtml"]
    kyiv = house["kyiv"]["uk"]
    assert (out / "a.uk.txt").read_text() == f"Officials in {kyiv} met {house['kyrylo-budanov']['uk']}.\n"
    assert f"<b>{kyiv}</b>" in (out / "c.uk.html").read_text()
    assert "00:00:03,600 --> 00:00:06,000" in (out / "d.uk.srt").read_text()
    import docx

    paragraphs = [p.text for p in docx.Document(io.BytesIO((out / "f.uk.docx").read_bytes())).paragraphs]
    assert any(p.startswith(f"The talks in {kyiv} began when") for p in paragraphs)
    assert B.unzip((out / "sub/j.uk.epub").read_bytes())["OEBPS/kiev.png"] == B.png_1x1()

    # a rerun redoes nothing; a changed input is redone alone
    before = {p: p.read_bytes() for p in out.rglob("*.uk.*")}
    again = runner.invoke(app, ["batch", str(src), "--to", "uk", "--out", str(out)])
    assert again.exit_code == 1
    assert "0 translated, 11 already done, 3 failed" in again.stdout
    assert {p: p.read_bytes() for p in out.rglob("*.uk.*")} == before
    parts = B.unzip(B.build_odt())
    parts["content.xml"] = parts["content.xml"].replace(b"Visit Odessa", b"Visit Kiev")
    (src / "g.odt").write_bytes(B.make_zip(list(parts.items()), stored=("mimetype",)))
    third = runner.invoke(app, ["batch", str(src), "--to", "uk", "--out", str(out)])
    assert "1 translated, 10 already done, 3 failed" in third.stdout
    assert f"Visit {kyiv}" in B.unzip((out / "g.uk.odt").read_bytes())["content.xml"].decode()


def test_translate_zip_formats_need_out(runner, copy_models, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "report.docx"
    path.write_bytes(B.build_docx())
    page = tmp_path / "page.html"
    page.write_text(PAGE)
    stdout = runner.invoke(app, ["translate", str(path), str(page), "--to", "uk"])
    assert stdout.exit_code == 2
    assert stdout.stderr == f"Error: {path}: a .docx file is written with --out DIR, not to stdout\n"
    assert "<title>Київ talks</title>" in stdout.stdout                  # the other input still translated
    out = tmp_path / "out"
    written = runner.invoke(app, ["translate", str(path), "--to", "uk,ru", "--out", str(out)])
    assert written.exit_code == 0, written.output
    assert sorted(p.name for p in out.iterdir()) == ["report.ru.docx", "report.uk.docx"]
