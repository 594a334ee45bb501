"""A long plain text normalized block by block, the blocks in forked processes: the same result as one
process, the same blocks whether the text is streamed or held whole, and no glossary connection shared.

Forking cases run in a fresh interpreter: a thread left running by another test (Ray's, say) would
rightly rule out forking in this one.
"""
from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translit import streaming
from translit.normalize import compiled_for, normalize

PARAGRAPHS = [
    "Kyrolo Budanov met officials in Kiev on Monday.\nThe talks went on.\n\n",
    "Кирило Буданов прилетів до Києва.\n\n",
    "Budanov said nothing more.\n",        # a surname alone: resolved by a full name in the same block
    "A paragraph without names, long enough to fill a block with ordinary words.\n\n",
    "Kiev\n\n\n",
]


def _fresh(code: str, stdin: str = "") -> str:
    done = subprocess.run([sys.executable, "-c", code], input=stdin, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@settings(max_examples=60, deadline=None)
@given(pieces=st.lists(st.sampled_from(PARAGRAPHS + ["word " * 40, "x" * 90, "\n", " "]), min_size=1, max_size=60),
       block=st.integers(min_value=20, max_value=400), read=st.integers(min_value=1, max_value=700))
def test_a_text_held_whole_is_cut_into_the_blocks_its_stream_is_read_in(pieces: list[str], block: int, read: int
                                                                         ) -> None:
    # --format json holds a file whole, text output streams it: both must see the same blocks
    text = "".join(pieces)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(streaming, "READ", read)   # bytes per read: where the stream's buffer ends
        streamed = list(streaming.text_blocks(io.BytesIO(text.encode("utf-8")), "x", block=block))
    assert list(streaming.split_blocks(text, block)) == streamed
    assert "".join(streamed) == text


def test_a_long_text_is_normalized_as_its_blocks(gloss: str) -> None:
    text = "".join(PARAGRAPHS) * 60
    compiled = compiled_for([gloss])
    blocks = list(streaming.split_blocks(text, 1000))
    assert len(blocks) > 5
    whole = streaming.normalize_text(text, "auto", compiled, block=1000)
    parts = [normalize(b, "auto", compiled) for b in blocks]
    assert whole.text == "".join(p.text for p in parts)
    assert "Kyrylo Budanov" in whole.text and "Kyrolo" not in whole.text and "Kiev" not in whole.text
    # offsets are the whole text's: each mention is where the input has it
    assert len(whole.matches) == sum(len(p.matches) for p in parts) > 100
    assert all(text[m.start:m.end] == m.found for m in whole.matches)
    assert whole.lang == "en"
    short = "".join(PARAGRAPHS)
    assert streaming.normalize_text(short, "auto", compiled, block=1000) == normalize(short, "auto", compiled)


_PARALLEL = """
import json, sys
from translit import streaming
from translit.normalize import compiled_for

calls = []
plain = streaming.normalize
streaming.normalize = lambda *a: calls.append(1) or plain(*a)   # counts the blocks normalized in this process
compiled = compiled_for([sys.argv[1]])
text = sys.stdin.read()
out = {}
for jobs in (1, 2):
    calls.clear()
    result = streaming.normalize_text(text, "auto", compiled, jobs, block=2000)
    out[jobs] = [result.text, result.lang, [m.to_dict() for m in result.matches], len(calls)]
print(json.dumps(out))
"""


def test_blocks_normalized_in_two_processes_give_what_one_gives(gloss: str) -> None:
    text = "".join(PARAGRAPHS) * 100
    out = json.loads(_fresh(_PARALLEL.replace("sys.argv[1]", repr(gloss)), text))
    one, two = out["1"], out["2"]
    assert one[:3] == two[:3]
    assert one[1] == "en" and "Kyrylo Budanov" in one[0]
    blocks = len(list(streaming.split_blocks(text, 2000)))
    assert one[3] == blocks > 10      # one process: every block here
    assert two[3] == 0                # two: every block in the workers


_AFTER_FORK = """
import os, sys
from translit.match.cache import load_or_compile
from translit.glossary.load import load_glossary
from translit.workers import fork_map
from pathlib import Path

path = Path(sys.argv[1])
compiled = load_or_compile([path], lambda paths, data: load_glossary([str(p) for p in paths], data=data))
store = compiled.store
parent = store._db._db
first = store.entry(0).id

def read(index):
    return store.entry(index).id, store._db._db is parent

print(first, fork_map(read, [1, 1], 2), read(1))   # entry 1 is not in the parent's memo: each reads it
"""


def test_a_forked_worker_reads_the_cache_through_a_connection_of_its_own(gloss: str, tmp_path: Path) -> None:
    # SQLite: a connection opened before a fork must not be used in the child
    import os

    env = dict(os.environ, TRANSLIT_CACHE_DIR=str(tmp_path / "cache"))
    code = _AFTER_FORK.replace("sys.argv[1]", repr(gloss))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    first, other = ("kyrylo-budanov", "kyiv")
    assert done.stdout.strip() == f"{first} [('{other}', False), ('{other}', False)] ('{other}', True)"


def test_normalize_jobs_writes_what_one_process_writes(tmp_path: Path, gloss: str) -> None:
    # a file of two blocks and more (a block: about a million characters), through the command users run
    src = tmp_path / "big.txt"
    src.write_text("".join(PARAGRAPHS) * 7000, encoding="utf-8")
    assert len(list(streaming.split_blocks(src.read_text(encoding="utf-8")))) >= 2
    outs = {}
    for jobs in ("1", "2"):
        for fmt in ("text", "json"):
            done = subprocess.run([sys.executable, "-m", "translit", "normalize", "-g", gloss, "--jobs", jobs,
                                   "--format", fmt, str(src)], capture_output=True, timeout=300)
            assert done.returncode == 0 and done.stderr == b"", done.stderr[-2000:]
            outs[jobs, fmt] = done.stdout
    assert outs["1", "text"] == outs["2", "text"]
    assert outs["1", "json"] == outs["2", "json"]
    record = json.loads(outs["2", "json"])
    assert record["text"].encode("utf-8") == outs["2", "text"]
    assert record["changed"] and record["lang"] == "en" and "Kiev" not in record["text"]


def _processes_reading(path: Path) -> list[int]:
    """Processes whose command line names `path` (a worker left behind would be one)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and str(path).encode() in (proc / "cmdline").read_bytes():
                found.append(int(proc.name))
        except OSError:
            continue
    return found


@pytest.fixture(scope="module")
def four_blocks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("big") / "four-blocks.txt"
    src.write_text("".join(PARAGRAPHS) * 17000, encoding="utf-8")
    return src


def test_a_reader_that_stops_early_leaves_no_worker_behind(four_blocks: Path, gloss: str) -> None:
    # translit normalize big.txt | head: the pipe closes while the workers still have blocks
    proc = subprocess.Popen([sys.executable, "-m", "translit", "normalize", "-g", gloss, "-j", "2", str(four_blocks)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(100).startswith(b"Kyrylo Budanov")
    proc.stdout.close()
    assert proc.wait(timeout=120) == 2      # output error, no traceback (docs/exit-codes.md)
    assert proc.stderr.read() == b""
    assert _processes_reading(four_blocks) == []


def test_ctrl_c_stops_the_workers_with_the_command(four_blocks: Path, gloss: str) -> None:
    import os
    import signal

    # (SIGINT back at its default: a test run started in the background inherits it ignored)
    proc = subprocess.Popen([sys.executable, "-m", "translit", "normalize", "-g", gloss, "-j", "2", str(four_blocks)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(100)            # the first block is coming out (and waits for the pipe to be read)
    os.killpg(proc.pid, signal.SIGINT)      # what Ctrl-C does: the whole group
    proc.stdout.read()
    assert proc.wait(timeout=120) == 130
    assert proc.stderr.read().decode().strip() == "Aborted."
    assert _processes_reading(four_blocks) == []
