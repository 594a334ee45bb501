"""What compiling the hot modules with mypyc would give: the same work, interpreted and compiled.

    python bench/bench_mypyc.py                 # 10,000 entries, 2 MB of text
    python bench/bench_mypyc.py --entries 4000 --mb 1

translit is not shipped compiled. This bench copies translit/ to a temporary folder, compiles
there with mypyc (it comes with mypy, the dev extra; a C compiler and Python's headers are needed)
the modules a compile and a scan spend their time in, and runs the same three jobs on both copies,
each in a fresh process with a cache of its own:

- the glossary compile (bench/gen.py's glossary: CPU seconds of the process and its workers);
- normalize() on the bench's dense and realistic texts (CPU seconds after a warm-up block);
- every romanization scheme on the glossary's words.

It prints the figures side by side with their ratio, and checks that both copies give the same
output (an md5 of every result). The machine is shared: run it at a quiet moment, and read the
CPU seconds, not the wall time.

Not compiled: translit/match/types.py and cache.py (the compiled glossary is pickled, and mypyc's
native classes have no __dict__), and every module outside match, text, schemes and morph.
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

ROOT = Path(__file__).resolve().parent.parent
COMPILED = ["match", "text", "morph", "schemes/engine.py", "schemes/model.py"]
LEFT_OUT = {"match/types.py", "match/cache.py"}

# one job, run in a fresh process on one copy: prints "name value" lines
_JOB = r'''
import hashlib, json, os, resource, sys, time
job, glossary, text_path = sys.argv[1:4]

def cpu():
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime

import translit
print("from", os.path.dirname(translit.__file__))
if job == "compile":
    from translit.normalize import compiled_for
    t = cpu()
    compiled_for([glossary])
    print("cpu", cpu() - t)
elif job == "scan":
    from translit.normalize import compiled_for, normalize
    from translit.streaming import split_blocks
    compiled = compiled_for([glossary])
    blocks = list(split_blocks(open(text_path, encoding="utf-8").read(), 500_000))
    normalize(blocks[0], compiled=compiled)  # warm-up: the entries and fuzzy buckets it reads
    h = hashlib.md5()
    t = cpu()
    for block in blocks[1:]:
        result = normalize(block, compiled=compiled)
        h.update(result.text.encode())
        h.update(json.dumps([m.to_dict() for m in result.matches], sort_keys=True).encode())
    print("cpu", cpu() - t)
    print("mb", sum(len(b.encode()) for b in blocks[1:]) / 1e6)
    print("md5", h.hexdigest())
else:  # romanize
    from translit.glossary.load import load_glossary
    from translit.schemes import list_schemes
    from translit.schemes.engine import romanize_word
    words = sorted({(lang, w) for e in load_glossary([glossary]).entries for lang in ("uk", "ru")
                    for w in (getattr(e, lang) or "").replace("-", " ").split()})
    h = hashlib.md5()
    t = cpu()
    for lang, w in words:
        for scheme in list_schemes(lang):
            h.update(romanize_word(scheme, w).encode() + b"|")
    print("cpu", cpu() - t)
    print("md5", h.hexdigest())
'''


def compile_copy(dest: Path) -> float:
    """Copy translit/ into `dest` and compile its hot modules there with mypyc; the build's wall time."""
    shutil.copytree(ROOT / "translit", dest / "translit", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", dest)  # mypy's settings
    modules: list[str] = []
    for part in COMPILED:
        path = dest / "translit" / part
        found = sorted(path.glob("*.py")) if path.is_dir() else [path]
        modules += [str(p.relative_to(dest)) for p in found
                    if str(p.relative_to(dest / "translit")) not in LEFT_OUT]
    t0 = time.perf_counter()
    build = subprocess.run([sys.executable, "-m", "mypyc", *modules], cwd=dest, capture_output=True, text=True)
    if build.returncode != 0:
        raise SystemExit(f"mypyc failed:\n{(build.stdout + build.stderr)[-3000:]}")
    return time.perf_counter() - t0


def run_job(tree: Path, job: str, files: dict[str, Path], text: str, cache: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(tree), TRANSLIT_CACHE_DIR=str(cache), PYTHONHASHSEED="0")
    proc = subprocess.run([sys.executable, "-c", _JOB, job, str(files["glossary.yaml"]), str(files.get(text, ""))],
                          capture_output=True, text=True, env=env, cwd=tempfile.gettempdir())
    if proc.returncode != 0:
        raise SystemExit(f"{job} on {tree} failed:\n{proc.stderr[-3000:]}")
    return dict(line.split(" ", 1) for line in proc.stdout.splitlines() if " " in line)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entries", type=int, default=10_000)
    ap.add_argument("--mb", type=float, default=2.0)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="translit-mypyc-"))
    try:
        files = gen.write(work / "g", args.entries, args.mb)
        build = compile_copy(work / "compiled")
        trees = {"interpreted": ROOT, "mypyc": work / "compiled"}
        print(f"{args.entries:,} entries, {args.mb:g} MB; mypyc build {build:.0f} s; {os.cpu_count()} cores, "
              f"load {os.getloadavg()[0]:.1f}")
        rows: list[tuple[str, dict[str, dict[str, str]]]] = []
        for label, job, text in (("glossary compile (CPU s)", "compile", ""),
                                 ("normalize, dense text (CPU s)", "scan", "text.txt"),
                                 ("normalize, realistic text (CPU s)", "scan", "realistic.txt"),
                                 ("every scheme on the glossary's words (CPU s)", "romanize", "")):
            rows.append((label, {name: run_job(tree, job, files, text, work / f"cache-{name}")
                                 for name, tree in trees.items()}))
        print(f"\n{'figure':48} {'interpreted':>12} {'mypyc':>8} {'ratio':>6}  same output")
        for label, got in rows:
            a, b = float(got["interpreted"]["cpu"]), float(got["mypyc"]["cpu"])
            same = "(by the scans: each copy scans with its own)" if "md5" not in got["mypyc"] else \
                ("yes" if got["interpreted"]["md5"] == got["mypyc"]["md5"] else "NO")
            print(f"{label:48} {a:12.2f} {b:8.2f} {a / b:5.2f}x  {same}")
            if "mb" in got["mypyc"]:
                mb = float(got["mypyc"]["mb"])
                print(f"{'    the same in MB per CPU second':48} {mb / a:12.2f} {mb / b:8.2f}")
        print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
