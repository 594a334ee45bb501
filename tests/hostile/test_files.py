"""Special files are refused, and --in-place (the one atomic writer of fmt, add, export) loses nothing."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from translit.errors import ChangedError, OutputError
from translit.files import atomic_write_text, clean_stale_temps, read_text

from .test_exit_codes import GLOSSARY, _translit


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    p = tmp_path / "g.yaml"
    p.write_text(GLOSSARY, encoding="utf-8")
    return p


def test_special_files_are_refused_and_the_rest_goes_on(glossary, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # no writer: reading it would hang for ever
    good = tmp_path / "good.txt"
    good.write_text("Kiev\n")
    proc = _translit("normalize", "-g", str(glossary), "/dev/zero", str(fifo), str(good))
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines() == ["/dev/zero: not a regular file", f"{fifo}: not a regular file"]
    assert proc.stdout == b"Kyiv\n"


def test_in_place_writes_through_a_symlink(glossary, tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("Kiev\n")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    proc = _translit("normalize", "-g", str(glossary), "-i", str(link))
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and real.read_text() == "Kyiv\n"


def test_in_place_keeps_hard_links_owner_group_and_mode(glossary, tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("Kiev\n")
    b = tmp_path / "b.txt"
    os.link(a, b)
    os.chmod(a, 0o640)
    if os.geteuid() == 0:
        os.chown(a, 1234, 5678)
    before = a.stat()
    proc = _translit("normalize", "-g", str(glossary), "-i", str(a))
    assert proc.returncode == 0, proc.stderr
    after = a.stat()
    assert b.read_text() == "Kyiv\n" and after.st_ino == before.st_ino and after.st_nlink == 2
    assert (after.st_mode, after.st_uid, after.st_gid) == (before.st_mode, before.st_uid, before.st_gid)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt", "g.yaml"]


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_in_place_keeps_the_owner_of_a_single_link_file(glossary, tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("Kiev\n")
    os.chown(a, 1234, 5678)
    os.chmod(a, 0o604)
    assert _translit("normalize", "-g", str(glossary), "-i", str(a)).returncode == 0
    st = a.stat()
    assert (st.st_uid, st.st_gid, st.st_mode & 0o777) == (1234, 5678, 0o604) and a.read_text() == "Kyiv\n"


def test_a_file_changed_during_processing_is_not_overwritten(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Kiev\n")
    original = p.read_bytes()
    with p.open("a") as fh:  # another program appends a line while translit works
        fh.write("a late line\n")
    with pytest.raises(ChangedError) as info:
        atomic_write_text(p, "Kyiv\n", original=original)
    assert str(info.value) == (f"{p}: changed while it was being processed; not overwritten "
                               "(run again on the new content)")
    assert p.read_text() == "Kiev\na late line\n"
    assert [x.name for x in tmp_path.iterdir()] == ["a.txt"]


def test_in_place_on_a_file_appended_to_during_a_long_run_exits_2(glossary, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Kiev is big.\n" * 40_000)
    proc = subprocess.Popen([sys.executable, "-m", "translit", "normalize", "-g", str(glossary), "-i", str(big)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while big.read_bytes().startswith(b"Kiev") and proc.poll() is None and time.time() < deadline:
        with big.open("a") as fh:
            fh.write("one more line\n")
        time.sleep(0.01)
    out, err = proc.communicate(timeout=120)
    text = big.read_text()
    if proc.returncode == 0:  # the run finished between two appends: then every appended line is there
        pytest.fail("the appends never raced the run; make the file bigger")
    assert proc.returncode == 2
    assert err.decode().endswith("changed while it was being processed; not overwritten (run again on the new content)\n")
    assert text.startswith("Kiev is big.\n") and text.endswith("one more line\n")


def test_stale_temp_files_of_killed_runs_are_cleaned_on_the_next_run(glossary, tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("Kiev\n")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".a.txt.translit-{dead.pid}.tmp"
    stale.write_bytes(b"x" * 1000)
    alive = tmp_path / f".a.txt.translit-{os.getpid()}.tmp"  # a live writer's file is not touched
    alive.write_bytes(b"y")
    other = tmp_path / ".a.txt.abcdef.tmp"  # not ours
    other.write_bytes(b"z")
    proc = _translit("normalize", "-g", str(glossary), "-i", str(target))
    assert proc.returncode == 0, proc.stderr
    assert not stale.exists() and alive.exists() and other.exists()
    assert target.read_text() == "Kyiv\n"


def test_a_journal_left_by_a_killed_hard_link_write_is_rolled_forward(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("Kyiv and Kh")  # the copy through the inode was cut short here
    os.link(a, tmp_path / "b.txt")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / f".a.txt.translit-{dead.pid}.new").write_text("Kyiv and Kharkiv\n")
    assert len(clean_stale_temps(a)) == 1
    assert (tmp_path / "b.txt").read_text() == "Kyiv and Kharkiv\n"


def test_sigterm_during_a_write_leaves_no_temp_file(glossary, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Kiev is big.\n" * 100_000)
    proc = subprocess.Popen([sys.executable, "-m", "translit", "normalize", "-g", str(glossary), "-i", str(big)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(1.5)
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=60)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.txt", "g.yaml"]
    assert big.read_text() in ("Kiev is big.\n" * 100_000, "Kyiv is big.\n" * 100_000)


def _chattr(flag: str, path: Path) -> bool:
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0


def test_add_to_an_immutable_file_is_one_line(tmp_path):
    target = tmp_path / "team.yaml"
    target.write_text(GLOSSARY)
    if not _chattr("+i", target):
        pytest.skip("chattr +i is not supported here")
    try:
        proc = _translit("glossary", "add", "--en", "Kharkiv", "--uk", "Харків", "--ru", "Харьков", "--kind", "place", "--file", str(target),
                         "-g", str(target))
    finally:
        _chattr("-i", target)
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines()[-1] == f"Error: {target}: cannot write (Operation not permitted)"
    assert target.read_text() == GLOSSARY
    assert sorted(p.name for p in tmp_path.iterdir()) == ["team.yaml"]


def test_atomic_writer_refuses_to_replace_a_special_file(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="not a regular file"):
        atomic_write_text(fifo, "x")
    with pytest.raises(Exception, match="not a regular file"):
        read_text(fifo)
