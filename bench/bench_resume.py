"""Resume after SIGKILL: a 200-article batch killed at five random points, then finished.

    python bench/bench_resume.py [--docs 200] [--kills 5] [--seed N]

Builds the copy fixture models (en→uk, en→ru) in a temporary argos folder,
writes `--docs` articles of about 1,200 characters, and runs `translit batch
--to uk,ru` once uninterrupted (the reference). Then it starts the same batch
into a fresh folder and kills it with SIGKILL after a random delay, `--kills`
times, and finally lets it finish. After each kill it prints how many documents
were complete, how many the run before had left complete that this run
translated again (must be at most 1: the document being recorded when the
kill came), and at the end whether every output and the manifest equal the
reference's. Exit 1 if any check fails.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def article(i: int) -> str:
    # about 1,200 characters, like a short news item
    body = " ".join(f"Sentence {j} of article {i} says the city council met on Monday to discuss the budget."
                    for j in range(14))
    return f"# Article {i}\n\n{body}\n"


def complete(out: Path) -> dict[str, tuple[int, int]]:
    """Documents with both outputs on disk → their files' inodes (a redo renames new files in)."""
    found = {}
    for p in out.glob("doc*.uk.txt"):
        stem = p.name.split(".")[0]
        ru = out / f"{stem}.ru.txt"
        if ru.exists():
            found[stem] = (p.stat().st_ino, ru.stat().st_ino)
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--kills", type=int, default=5)
    ap.add_argument("--seed", type=int, default=None)
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    root = Path(tempfile.mkdtemp(prefix="translit-resume-"))
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(root / "packages"), "XDG_DATA_HOME": str(root / "data"),
           "XDG_CACHE_HOME": str(root / "cache"), "XDG_CONFIG_HOME": str(root / "config"),
           "ARGOS_INTRA_THREADS": "1", "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/"}
    env.pop("TRANSLIT_BATCH_GROUP_CHARS", None)
    translit = [sys.executable, "-m", "translit"]
    for pair in ("en uk", "en ru"):
        a, b = pair.split()
        pkg = subprocess.run([*translit, "models", "fixture", str(root / "models"), "--from", a, "--to", b],
                             env=env, capture_output=True, text=True, check=True).stdout.strip()
        subprocess.run([*translit, "models", "install", pkg], env=env, check=True, capture_output=True)
    inputs = []
    for i in range(args.docs):
        p = root / "in" / f"doc{i:03}.txt"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(article(i))
        inputs.append(str(p))

    def cmd(out: Path) -> list[str]:
        return [*translit, "batch", "--no-glossary", *inputs, "--to", "uk,ru", "--out", str(out),
                "--format", "json"]

    t0 = time.monotonic()
    subprocess.run(cmd(root / "reference"), env=env, check=True, capture_output=True)
    full = time.monotonic() - t0
    print(f"seed {seed}; {args.docs} documents x 2 languages; uninterrupted run {full:.1f} s")
    out = root / "out"
    ok = True
    before: dict[str, tuple[int, int]] = {}
    startup = 4.0
    for k in range(args.kills):
        # somewhere in what is left of the work, so every kill lands mid-run
        left = max(0.0, full - startup) * (1 - len(complete(out)) / args.docs)
        delay = rng.uniform(0.5, startup + 0.9 * left)
        proc = subprocess.Popen(cmd(out), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = complete(out)
        redone = [d for d, ino in before.items() if now.get(d) != ino]
        ok &= len(redone) <= 1
        killed = "killed" if proc.returncode == -signal.SIGKILL else f"finished before the kill (exit {proc.returncode})"
        print(f"kill {k + 1}: after {delay:5.2f} s ({killed}); complete {len(now):3}/{args.docs}; "
              f"finished earlier and redone: {len(redone)}")
        before = now
    t0 = time.monotonic()
    last = subprocess.run(cmd(out), env=env, capture_output=True, text=True)
    statuses = [json.loads(x)["status"] for x in last.stdout.splitlines()]
    now = complete(out)
    redone = [d for d, ino in before.items() if now.get(d) != ino]
    ok &= last.returncode == 0 and len(redone) <= 1
    print(f"final run: {time.monotonic() - t0:.1f} s, {statuses.count('done')} translated, "
          f"{statuses.count('skipped')} skipped; finished earlier and redone: {len(redone)}")
    ref = root / "reference"
    same = all((out / p.name).read_bytes() == p.read_bytes() for p in ref.glob("*.txt"))
    targets = lambda d: {k: v["targets"] for k, v in json.loads((d / "manifest.json").read_text())["items"].items()}  # noqa: E731
    same_manifest = targets(out) == targets(ref)
    ok &= same and same_manifest
    print(f"outputs equal the uninterrupted run's: {same}; manifest equal: {same_manifest}")
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
