"""Hostile-input bench: time and peak memory of the inputs that used to blow up (issue 16).

    python bench/bench_hostile.py                    # everything, default sizes
    python bench/bench_hostile.py --only word --word 100000
    python bench/bench_hostile.py --only cyrillize --cyrillize-kb 1024
    python bench/bench_hostile.py --only cyrword --word 100000

Each measurement runs in its own process, so "peak RSS" is that job's alone:

- word: normalize one capitalised word of N letters (linear: twice the letters, about twice the time);
- cyrword: cyrillize_text on the same word (Ukrainian, every scheme), in CPU seconds with the load average;
- mi: normalize N bytes of "Mi-" repeated (one hyphenated "word");
- cyrillize: cyrillize_text on N KB of English news-like text (bench/gen.py), line by line in this
  process, in KB/s of wall-clock and of CPU time, with the load average;
- cyrfile: `translit cyrillize --input` on the same text as one file, with --jobs 1 and with one
  job per core (its words read in forked processes), in KB/s of wall-clock (target: 100 KB/s on
  1 MB) and the CPU seconds of all its processes; the two outputs must be the same;
- twice: normalize 10,000 generated texts with the bundled glossaries, then normalize each
  result again and count the texts the second run changed (must be 0); `--seed N` generates
  other texts (the default 1616 is the figure of record).

Figures are printed, never asserted: run it on a quiet machine.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def job_word(n: int) -> dict[str, object]:
    from translit.normalize import compiled_for, normalize

    compiled = compiled_for(["bundled"])
    rng = random.Random(16)
    text = "K" + "".join(rng.choice("abcdefghijklmnoprstuvyz") for _ in range(n - 1))
    start = time.perf_counter()
    result = normalize(text, "auto", compiled)
    return {"job": "word", "letters": n, "seconds": round(time.perf_counter() - start, 3),
            "peak_rss_mb": round(_peak_mb(), 1), "unchanged": result.text == text}


def job_cyrword(n: int) -> dict[str, object]:
    from translit.schemes.cyrillize import cyrillize_text

    rng = random.Random(16)
    text = "K" + "".join(rng.choice("abcdefghijklmnoprstuvyz") for _ in range(n - 1))
    start, cpu = time.perf_counter(), time.process_time()
    result = cyrillize_text(text, "uk")
    return {"job": "cyrword", "letters": n, "seconds": round(time.perf_counter() - start, 3),
            "cpu_seconds": round(time.process_time() - cpu, 2), "load_average": round(os.getloadavg()[0], 2),
            "peak_rss_mb": round(_peak_mb(), 1), "cyrillic_letters": len(result.best)}


def job_mi(n: int) -> dict[str, object]:
    from translit.normalize import compiled_for, normalize

    compiled = compiled_for(["bundled"])
    text = "Mi-" * (n // 3)
    start = time.perf_counter()
    result = normalize(text, "auto", compiled)
    return {"job": "mi", "bytes": len(text), "seconds": round(time.perf_counter() - start, 3),
            "peak_rss_mb": round(_peak_mb(), 1), "unchanged": result.text == text}


def _news_text(kb: int) -> str:
    import tempfile

    out = Path(tempfile.mkdtemp(prefix="bench-hostile-"))
    subprocess.run([sys.executable, str(HERE / "gen.py"), "--entries", "2000", "--mb", str(max(1, -(-kb // 1024))),
                    "--out", str(out)], check=True, capture_output=True)
    return (out / "text.txt").read_text(encoding="utf-8")[: kb * 1024]


def job_cyrillize(kb: int) -> dict[str, object]:
    from translit.schemes.cyrillize import cyrillize_text

    text = _news_text(kb)
    start, cpu = time.perf_counter(), time.process_time()
    lines = [cyrillize_text(line, "uk").best if line.strip() else line for line in text.split("\n")]
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert len("\n".join(lines)) > 0
    size = len(text.encode("utf-8"))
    words = {w for line in text.split("\n") for w in line.split()}
    # CPU time is the figure to compare on a shared machine; the load average says how shared it was
    return {"job": "cyrillize", "bytes": size, "distinct_words": len(words), "seconds": round(seconds, 2),
            "cpu_seconds": round(cpu, 2), "kb_per_s": round(size / 1024 / seconds, 1),
            "kb_per_cpu_s": round(size / 1024 / cpu, 1), "load_average": round(os.getloadavg()[0], 2),
            "peak_rss_mb": round(_peak_mb(), 1)}


SEED = 1616  # of the generated texts (--seed)


def _generated(count: int) -> list[str]:
    from translit.glossary import load_glossary

    rng = random.Random(SEED)
    names: list[str] = []
    for e in load_glossary(["bundled"]):
        for form in [e.en, e.uk, e.ru, *e.variants]:
            if form:
                names.append(form)
                if len(form) > 5:
                    i = rng.randrange(1, len(form) - 2)
                    names.append(form[:i] + form[i + 1] + form[i] + form[i + 2:])
    words = ["region", "oblast", "of", "the", "Force", "Air", "said", "заявив", "заявил", "області", "у", "в",
             "and", "Міністерство", "Министерство", "обороны", "України"]
    seps = [" ", " ", ", ", ". ", "\n\n", "-"]
    marks = ["", "", "", "", "\u0301", "\u0306"]
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randrange(1, 12)):
            w = rng.choice(names) if rng.random() < 0.5 else rng.choice(words)
            mark = rng.choice(marks)
            if mark:
                w = w[0] + mark + w[1:]
            if rng.random() < 0.05:
                w = unicodedata.normalize("NFD", w)
            parts.append(w + rng.choice(seps))
        texts.append("".join(parts))
    return texts


def job_twice(count: int) -> dict[str, object]:
    from translit.normalize import compiled_for, normalize

    compiled = compiled_for(["bundled"])
    texts = _generated(count)
    start = time.perf_counter()
    once = [normalize(t, "auto", compiled).text for t in texts]
    first = time.perf_counter() - start
    changed_first = sum(a != b for a, b in zip(texts, once))
    start = time.perf_counter()
    twice = [normalize(t, "auto", compiled).text for t in once]
    second = time.perf_counter() - start
    changed_second = [t for t, a, b in zip(texts, once, twice) if a != b]
    return {"job": "twice", "texts": count, "seed": SEED, "changed_by_first_run": changed_first,
            "changed_by_second_run": len(changed_second), "first_run_s": round(first, 2),
            "second_run_s": round(second, 2), "peak_rss_mb": round(_peak_mb(), 1),
            "examples": changed_second[:3]}


def job_cyrfile(kb: int) -> dict[str, object]:
    """`translit cyrillize --input FILE --lang uk` as a user runs it (bundled glossary, start-up included),
    with --jobs 1 and with one job per core: wall-clock KB/s, and the CPU seconds of all its processes."""
    import hashlib
    import tempfile

    from translit.workers import cpu_count

    text = _news_text(kb)
    path = Path(tempfile.mkdtemp(prefix="bench-hostile-")) / "article.txt"
    path.write_text(text, encoding="utf-8")
    size = len(text.encode("utf-8"))
    figures: dict[str, object] = {"job": "cyrfile", "bytes": size}
    digests = set()
    for jobs in sorted({1, cpu_count()}):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "translit", "cyrillize", "--input", str(path), "--lang", "uk",
                               "--jobs", str(jobs)], capture_output=True, check=True)
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        digests.add(hashlib.md5(done.stdout).hexdigest())
        figures[f"jobs_{jobs}"] = {"seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
                                   "kb_per_s": round(size / 1024 / seconds, 1)}
    figures["same_output"] = len(digests) == 1
    figures["load_average"] = round(os.getloadavg()[0], 2)
    return figures


JOBS = {"word": job_word, "cyrword": job_cyrword, "mi": job_mi, "cyrillize": job_cyrillize, "cyrfile": job_cyrfile,
        "twice": job_twice}


def main() -> None:
    global SEED
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=sorted(JOBS), action="append")
    ap.add_argument("--word", type=int, default=100_000, help="letters of the long word")
    ap.add_argument("--mi", type=int, default=1_000_000, help="bytes of Mi- repeated")
    ap.add_argument("--cyrillize-kb", type=int, default=1024, help="KB of text to cyrillize")
    ap.add_argument("--texts", type=int, default=10_000, help="generated texts normalized twice")
    ap.add_argument("--seed", type=int, default=SEED, help="seed of the texts normalized twice")
    ap.add_argument("--job", help=argparse.SUPPRESS)
    ap.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    SEED = args.seed
    if args.job:  # one measurement, in this process
        print(json.dumps(JOBS[args.job](args.size), ensure_ascii=False))
        return
    sizes = {"word": args.word, "cyrword": args.word, "mi": args.mi, "cyrillize": args.cyrillize_kb,
             "cyrfile": args.cyrillize_kb, "twice": args.texts}
    for name in args.only or ["word", "cyrword", "mi", "twice", "cyrillize", "cyrfile"]:
        done = subprocess.run([sys.executable, __file__, "--job", name, "--size", str(sizes[name]),
                               "--seed", str(args.seed)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            print(f"{name}: failed\n{done.stderr[-2000:]}", flush=True)
            continue
        print(done.stdout.strip(), flush=True)


if __name__ == "__main__":
    main()
