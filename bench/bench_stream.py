"""Flat memory: peak RSS of `translit normalize` on 20 MB, 200 MB and 1 GB of news text (bundled glossary).

    python bench/bench_stream.py                     # 20, 200 and 1000 MB
    python bench/bench_stream.py --sizes 20,200      # the pair the target compares

The text is news-like English with a bundled-glossary name about every 300
characters (bench/bench_engines.news_with_names over bench_translate's articles),
repeated to size. Each run writes to /dev/null; peak RSS comes from os.wait4 (the largest process:
the command or one of its workers, which run one per core by default; --one-process adds runs with
--jobs 1). CPU seconds count every process.
Target: the 20 MB and 200 MB peaks differ by less than 50 MB; 1 GB under 500 MB.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import bench_engines  # noqa: E402
import bench_translate  # noqa: E402

TRANSLIT = str(Path(sys.executable).parent / "translit")
MB = 1_000_000


def make_file(path: Path, megabytes: int, chunk: str) -> None:
    data = chunk.encode("utf-8")
    with open(path, "wb") as fh:
        written = 0
        while written < megabytes * MB:
            fh.write(data)
            written += len(data)


def measure(path: Path, env: dict[str, str], fmt: str) -> tuple[float, int, float]:
    t0 = time.perf_counter()
    proc = subprocess.Popen([TRANSLIT, "normalize", str(path), "--glossary", "bundled", *fmt.split()],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"normalize failed on {path}: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
    return time.perf_counter() - t0, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="20,200,1000", help="input sizes in MB")
    ap.add_argument("--records", action="store_true", help="also JSON Lines records of the same text")
    ap.add_argument("--one-process", action="store_true",
                    help="also each text with --jobs 1 (the others run one process per core, the default)")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    work = Path(tempfile.mkdtemp(prefix="translit-bench-stream-"))
    env = dict(os.environ, TRANSLIT_CACHE_DIR=str(work / "cache"))
    chunk = "\n\n".join(bench_engines.news_with_names(bench_translate.make_articles(200)))
    small = work / "warm.txt"
    small.write_text(chunk[:1000], encoding="utf-8")
    measure(small, env, "")  # compile the bundled glossary into the cache first
    rows = []
    for size in sizes:
        path = work / f"news-{size}.txt"
        make_file(path, size, chunk + "\n\n")
        wall, rss, cpu = measure(path, env, "")
        rows.append((f"text, {size} MB", wall, rss, path.stat().st_size, cpu))
        print(f"text {size} MB: {wall:.1f} s ({cpu:.1f} CPU s), peak {rss / 1024:.0f} MB", file=sys.stderr, flush=True)
        if args.one_process:
            wall, rss, cpu = measure(path, env, "--jobs 1")
            rows.append((f"text, {size} MB, --jobs 1", wall, rss, path.stat().st_size, cpu))
        if args.records:
            import json

            jl = work / f"news-{size}.jsonl"
            with open(jl, "w", encoding="utf-8") as out:
                for n, para in enumerate(chunk.split("\n\n")):
                    out.write(json.dumps({"id": n, "text": para}, ensure_ascii=False) + "\n")
            line = jl.read_bytes()
            make_file(jl, size, line.decode("utf-8"))
            wall, rss, cpu = measure(jl, env, "")
            rows.append((f"JSON Lines, {size} MB", wall, rss, jl.stat().st_size, cpu))
        path.unlink()
    print(f"\n| {'input':<26} | {'wall s':>7} | {'MB/s':>6} | {'CPU s':>7} | {'MB/s (CPU)':>10} | {'peak RSS MB':>11} |")
    print(f"|{'-' * 28}|{'-' * 9}|{'-' * 8}|{'-' * 9}|{'-' * 12}|{'-' * 13}|")
    for label, wall, rss, nbytes, cpu in rows:
        print(f"| {label:<26} | {wall:7.1f} | {nbytes / MB / wall:6.2f} | {cpu:7.1f} | {nbytes / MB / cpu:10.2f} "
              f"| {rss / 1024:11.0f} |")
    text_rows = {int(label.split()[1]): rss for label, _, rss, _, _ in rows
                 if label.startswith("text") and "--jobs" not in label}
    if 20 in text_rows and 200 in text_rows:
        diff = (text_rows[200] - text_rows[20]) / 1024
        print(f"\npeak RSS 200 MB minus 20 MB: {diff:.0f} MB (target < 50): {'ok' if diff < 50 else 'MISSED'}")
    if 1000 in text_rows:
        print(f"peak RSS at 1 GB: {text_rows[1000] / 1024:.0f} MB (target < 500): "
              f"{'ok' if text_rows[1000] / 1024 < 500 else 'MISSED'}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
