"""Glossary tools on large files: fmt --check, lint, stats and diff at 1k, 10k and 50k entries.

    python bench/bench_glossary_tools.py [--sizes 1000,10000,50000]

Each size is a glossary from bench/gen.py (fixed seed). Every command runs as a
user runs it (`python -m translit ...`, a fresh process) on a file of that size;
diff compares the file with a copy in which every tenth entry's note changed.
Prints wall and CPU seconds per command and size (CPU time of the child process:
the figure to compare on a loaded machine), and CPU time per 1,000 entries, so
growth that is worse than linear shows as a rising last column; and the load
average. Target: fmt at 50k entries within 30 s.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(args: list[str], cwd: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of one command in a fresh process."""
    t0, c0 = time.perf_counter(), _children_cpu()
    done = subprocess.run([sys.executable, "-m", "translit", *args], cwd=cwd, capture_output=True, text=True)
    took, cpu = time.perf_counter() - t0, _children_cpu() - c0
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr[-500:]}")
    return took, cpu


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,50000")
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="translit-gtools-"))
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'entries':>8} {'command':<14} {'wall s':>8} {'CPU s':>8} {'CPU s/1k':>9}")
    for n in (int(x) for x in args.sizes.split(",")):
        folder = root / str(n)
        subprocess.run([sys.executable, str(HERE / "gen.py"), "--entries", str(n), "--mb", "0.01", "--out",
                        str(folder)], check=True, capture_output=True)
        glossary = folder / "glossary.yaml"
        changed = folder / "changed.yaml"
        lines = glossary.read_text(encoding="utf-8").split("\n")
        count = 0
        for i, line in enumerate(lines):
            if line.startswith("- id:"):
                count += 1
                if count % 10 == 0:
                    lines[i + 1] = lines[i + 1] + "\n  note: changed for the diff bench"
        changed.write_text("\n".join(lines), encoding="utf-8")
        for name, cmd in (("fmt --check", ["glossary", "fmt", "--check", "glossary.yaml"]),
                          ("lint", ["glossary", "lint", "glossary.yaml"]),
                          ("stats", ["glossary", "stats", "--glossary", "glossary.yaml"]),
                          ("diff", ["glossary", "diff", "glossary.yaml", "changed.yaml"])):
            took, cpu = run(cmd, folder)
            print(f"{n:>8} {name:<14} {took:>8.2f} {cpu:>8.2f} {cpu / n * 1000:>9.3f}", flush=True)
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
