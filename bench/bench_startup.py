"""Start-up time of the `translit` command against a bare `python -c pass`.

Runs each command N times (default 20) and prints, per command, the lowest and the median
wall time and CPU time (user + system, which shared machines disturb less than wall time),
and the overhead of `translit normalize` on a short text over bare Python. Every command runs
once before timing, to warm the compiled-glossary cache and write bytecode caches: the children
run without PYTHONDONTWRITEBYTECODE, which would make every run compile translit from source.

    python bench/bench_startup.py [-n 20]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run_once(cmd: list[str]) -> tuple[float, float]:
    """(wall ms, cpu ms) of one run of `cmd`, output discarded."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = (time.perf_counter() - start) * 1000
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}")
    return wall, (usage.ru_utime + usage.ru_stime) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20, help="runs per command")
    args = parser.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        short = Path(tmp) / "short.txt"
        short.write_text("Kyrolo Budanov flew to Kiev.\n", encoding="utf-8")
        commands = {
            "python -c pass": [py, "-c", "pass"],
            "python -c 'import translit.normalize'": [py, "-c", "import translit.normalize"],
            "translit normalize short.txt": [py, "-m", "translit", "normalize", str(short)],
            "translit romanize Київ": [py, "-m", "translit", "romanize", "Київ"],
            "translit --help": [py, "-m", "translit", "--help"],
        }
        for cmd in commands.values():  # warm the compiled-glossary cache and the bytecode caches
            run_once(cmd)
        results: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in commands}
        for _ in range(args.n):  # interleaved, so a burst of load hits every command alike
            for name, cmd in commands.items():
                wall, cpu = run_once(cmd)
                results[name][0].append(wall)
                results[name][1].append(cpu)
    print(f"{'command':<40} {'wall min':>9} {'wall med':>9} {'cpu min':>8} {'cpu med':>8}   (ms, {args.n} runs)")
    for name, (walls, cpus) in results.items():
        print(f"{name:<40} {min(walls):9.0f} {statistics.median(walls):9.0f} {min(cpus):8.0f} "
              f"{statistics.median(cpus):8.0f}")
    base_w, base_c = results["python -c pass"]
    norm_w, norm_c = results["translit normalize short.txt"]
    print(f"normalize over bare python: wall min {min(norm_w) - min(base_w):.0f} ms, "
          f"median {statistics.median(norm_w) - statistics.median(base_w):.0f} ms; "
          f"cpu min {min(norm_c) - min(base_c):.0f} ms, median {statistics.median(norm_c) - statistics.median(base_c):.0f} ms")


if __name__ == "__main__":
    main()
