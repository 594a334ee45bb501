"""Compile a big generated glossary through the CLI: time, CPU and peak memory, cold and from the cache.

    python bench/bench_compile.py                  # 100,000 entries (bench/gen.py, fixed seed)
    python bench/bench_compile.py --entries 20000

Runs `translit normalize` on one line with a fresh TRANSLIT_CACHE_DIR twice: the first run
compiles (a pool of worker processes derives the forms) and writes the cache, the second
reads it. Prints per run the wall time, the CPU time of the process and its workers, the
peak RSS of the largest single process (wait4) and the peak of the whole process tree's
PSS summed (sampled every 0.1 s from /proc), next to the targets of issue 14, and the
load average (the machine is shared: CPU seconds say what the code costs).
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen  # noqa: E402

TRANSLIT = str(Path(sys.executable).parent / "translit")


def _tree_pss_kib(pid: int) -> int:
    """Proportional set size (KiB) of `pid` and every descendant, from /proc (0 when it has exited).

    PSS splits a page shared by forked workers between them, so the sum is the memory the tree uses."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                total += next((int(line.split()[1]) for line in fh if line.startswith("Pss:")), 0)
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except (OSError, ValueError):
            continue
    return total


def measure(cmd: list[str], env: dict[str, str]) -> dict[str, float]:
    """Wall s, CPU s (with reaped workers), largest process's peak RSS MB, sampled tree peak PSS MB."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    tree = 0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        tree = max(tree, _tree_pss_kib(proc.pid))
        time.sleep(0.1)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024,
            "tree": tree / 1024}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entries", type=int, default=100_000)
    ap.add_argument("--keep", type=Path, help="generate into (and keep) this directory")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="translit-compile-"))
    files = gen.write(work / "g", args.entries, 0.0)
    env = dict(os.environ, TRANSLIT_CACHE_DIR=str(work / "cache"), PYTHONHASHSEED="0")
    shutil.rmtree(work / "cache", ignore_errors=True)
    cmd = [TRANSLIT, "normalize", str(files["one-line.txt"]), "--glossary", str(files["glossary.yaml"])]
    print(f"{args.entries:,} entries ({files['glossary.yaml'].stat().st_size / 1e6:.1f} MB of YAML), "
          f"{os.cpu_count()} cores")
    cold = measure(cmd, env)
    load = os.getloadavg()
    warm = measure(cmd, env)
    cache_mb = sum(p.stat().st_size for p in (work / "cache").iterdir()) / 1e6
    print(f"{'run':<10} {'wall s':>8} {'cpu s':>8} {'peak RSS MB':>12} {'tree PSS MB':>12}")
    for name, r in (("compile", cold), ("cached", warm)):
        print(f"{name:<10} {r['wall']:8.1f} {r['cpu']:8.1f} {r['rss']:12.0f} {r['tree']:12.0f}")
    print(f"targets: compile <= 180 s wall and <= 1500 MB; cached run <= 400 MB. Cache {cache_mb:.0f} MB on disk.")
    print(f"load average after the compile: {load[0]:.1f} (1 min), {load[1]:.1f} (5 min)")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
