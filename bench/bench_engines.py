"""Local engine vs Ray engine on the same documents: translation and normalization, and Ray's cost per document.

    python bench/bench_engines.py                 # 200 articles; needs the [ray] extra
    python bench/bench_engines.py --docs 50 --cpus 2

Translation uses the realistic-size copy model of bench/bench_translate.py (6+6
layers, d=512, 32,000 pieces, int8; built once and cached). Normalization uses
the bundled glossaries on the same 200 articles with names planted every ~300
characters. Ray runs locally with --cpus CPUs (dashboard off); its start-up
is timed apart. Every run is checked to give byte-identical outputs. The
figures feed docs/scale.md.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import bench_translate  # noqa: E402

PY = sys.executable

STEP = r"""
import json, os, sys, time
args = json.loads(sys.argv[1])
from translit.engines import NormalizeJob, TranslateJob, run_documents
t0 = time.perf_counter()
if args["engine"] == "ray":
    import ray
    ray.init(num_cpus=args["cpus"], include_dashboard=False, log_to_driver=False, logging_level="ERROR")
start = time.perf_counter() - t0
if args["job"] == "translate":
    from translit.translate.pipeline import plan_routes
    job = TranslateJob("en", ["uk"], None, True, plan_routes("en", ["uk"]))
else:
    job = NormalizeJob(None)
# the local engine loads its worker inside the timed run too, once, like each Ray actor does
t, c = time.perf_counter(), time.process_time()
results = run_documents(job, [args["src"]], args["out"], engine=args["engine"])
elapsed, cpu = time.perf_counter() - t, time.process_time() - c
print(json.dumps({"start": start, "seconds": elapsed, "driver_cpu": cpu,
                  "failed": sum(r.status == "failed" for r in results), "docs": len(results)}))
"""


def _names() -> list[str]:
    import yaml

    from translit.glossary.paths import resolve_paths

    forms = []
    for path in resolve_paths(["bundled"]):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if isinstance(entry, dict) and entry.get("en"):
                forms.append(entry["en"])
    return forms


def news_with_names(articles: list[str], seed: int = 5) -> list[str]:
    """The articles with a bundled-glossary name about every 300 characters."""
    rng = random.Random(seed)
    names = _names()
    out = []
    for art in articles:
        words = art.split(" ")
        size, res = 0, []
        for w in words:
            res.append(w)
            size += len(w) + 1
            if size >= 300 and "\n" not in w:
                res.append(rng.choice(names))
                size = 0
        out.append(" ".join(res))
    return out


def tree_hash(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(root)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def run_step(env: dict[str, str], **args: object) -> dict:
    done = subprocess.run([PY, "-c", STEP, json.dumps(args)], env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"step failed {args}:\n{done.stderr[-3000:]}")
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]  # Ray may print after the figures
    if not lines:
        raise SystemExit(f"step printed no figures {args}:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return json.loads(lines[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--cpus", type=int, default=os.cpu_count() or 2, help="CPUs of the local Ray")
    args = ap.parse_args()
    try:
        import ray  # noqa: F401
    except ImportError:
        raise SystemExit("needs the [ray] extra: pip install 'translit[ray]'") from None

    package = bench_translate.build_model()
    work = Path(tempfile.mkdtemp(prefix="translit-bench-engines-"))
    env = bench_translate.argos_env(work / "argos", ARGOS_INTRA_THREADS="1")
    subprocess.run([PY, "-m", "translit", "models", "install", str(package)], env=env, check=True, capture_output=True)
    articles = bench_translate.make_articles(args.docs)
    (work / "en").mkdir()
    (work / "news").mkdir()
    for i, (text, news) in enumerate(zip(articles, news_with_names(articles))):
        (work / "en" / f"a{i:03}.txt").write_text(text, encoding="utf-8")
        (work / "news" / f"a{i:03}.txt").write_text(news, encoding="utf-8")
    size_en = sum(p.stat().st_size for p in (work / "en").iterdir())
    size_news = sum(p.stat().st_size for p in (work / "news").iterdir())
    subprocess.run([PY, "-m", "translit", "normalize", str(work / "news" / "a000.txt")], env=env, check=True,
                   capture_output=True)  # compile the bundled glossary once (cached), outside the timings

    figures = {}
    for job, src, size in (("translate", "en", size_en), ("normalize", "news", size_news)):
        outs = {}
        for engine in ("local", "ray"):
            out = work / f"out-{job}-{engine}"
            r = run_step(env, job=job, engine=engine, src=str(work / src), out=str(out), cpus=args.cpus)
            if r["failed"]:
                raise SystemExit(f"{job}/{engine}: {r['failed']} documents failed")
            outs[engine] = tree_hash(out)
            figures[(job, engine)] = r
            print(f"{job:<9} {engine:<5} {r['seconds']:7.1f} s  (start-up {r['start']:.1f} s)", file=sys.stderr)
        if outs["local"] != outs["ray"]:
            raise SystemExit(f"{job}: Ray's outputs differ from the local engine's")
        figures[(job, "size")] = {"bytes": size}

    print(f"\n{args.docs} documents; local Ray with {args.cpus} CPUs; {os.cpu_count()} cores on this machine; "
          f"load average {os.getloadavg()[0]:.1f}\n")
    print(f"| {'job':<44} | {'local s':>8} | {'ray s':>8} | {'ray start s':>11} | {'ms/doc local':>12} | "
          f"{'ms/doc ray':>10} | {'ray overhead ms/doc':>19} | outputs |")
    print(f"|{'-' * 46}|{'-' * 10}|{'-' * 10}|{'-' * 13}|{'-' * 14}|{'-' * 12}|{'-' * 21}|---------|")
    for job, label in (("translate", "translate en→uk, copy model 6+6 d512 int8"),
                       ("normalize", "normalize, bundled glossary, name/~300 chars")):
        lo, ra = figures[(job, "local")], figures[(job, "ray")]
        per_lo, per_ra = lo["seconds"] / args.docs * 1000, ra["seconds"] / args.docs * 1000
        print(f"| {label:<44} | {lo['seconds']:8.1f} | {ra['seconds']:8.1f} | {ra['start']:11.1f} | "
              f"{per_lo:12.1f} | {per_ra:10.1f} | {per_ra - per_lo * 1 / 1:19.1f} | identical |")
    print()
    print("ray overhead ms/doc = (Ray run - local run) / documents, both on the same CPUs; the local engine uses one")
    print("process (CTranslate2 with its own threads), Ray one actor per CPU.")
    print(json.dumps({f"{k[0]}/{k[1]}": v for k, v in figures.items()}))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
