"""Translation speed: translit vs raw CTranslate2 vs argostranslate, on one realistic-size copy model.

    python bench/bench_translate.py [--articles 50] [--cli-subset 5]

Builds (once, cached under $TMPDIR/translit-bench) an exact-copy model of
realistic size with translit.translate.fixture (6+6 layers, d=512, 8 heads,
32,000-piece vocabulary), generates the same articles for every run, and times:

  ceiling        raw ctranslate2 translate_batch over all sentences at once (model loaded)
  translit lib   translit.translate.batch.run_batch, model loaded (what the batch command does)
  translit CLI   the `translit batch` process end to end (imports, model load, files, manifest)
  argos API      argostranslate.translate.translate() article by article, default settings
  argos API best the same with ARGOS_INTRA_THREADS=1 and ARGOS_BATCH_SIZE=4096
  argos CLI      `argos-translate` once per article, on a subset, extrapolated

Every configuration runs in its own process (argos reads its settings at import)
with its own argos dirs; outputs are checked to be identical everywhere.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
CACHE = Path(tempfile.gettempdir()) / "translit-bench"
MODEL_PARAMS = dict(layers=6, d_model=512, heads=8, vocab_size=32000, sp_vocab_size=8000, max_len=1024,
                    quantization="int8")

_SYLLABLES = ("ka ro li mi na te so vu de pa lo ri sa ne ti mo ga be zu fi ha ju ko ly ma "
              "str pr tr ch sh on an in er es al or ur ent ion ing ed ly").split()
_COMMON = ("the of and to in a is that for on with as was by he it at from his an were are which this be has had "
           "not but have they one their its after also new been who more first two year years city council "
           "minister said officials government region people report statement budget school hospital bridge "
           "river spring talks partners week spokesman figures evening power night agency investigation "
           "incident prices grain fuel villages front line volunteers food water medicine meeting army "
           "defence intelligence ministry president parliament war peace attack drone missile energy").split()


def _words(rng: random.Random, n: int) -> list[str]:
    return ["".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(n)]


def _sentence(rng: random.Random, rare: list[str]) -> str:
    n = rng.randint(6, 24)
    words = [rng.choice(_COMMON) if rng.random() < 0.6 else rng.choice(rare) for _ in range(n)]
    if rng.random() < 0.3:
        words.insert(rng.randint(1, n - 1), str(rng.randint(2, 2024)))
    text = " ".join(words)
    if n > 14 and rng.random() < 0.5:
        cut = rng.randint(4, n - 4)
        text = " ".join(words[:cut]) + ", " + " ".join(words[cut:])
    return text[0].upper() + text[1:] + rng.choice(".....!?")


def make_articles(count: int, seed: int = 2023) -> list[str]:
    """Deterministic English-like articles: title, paragraphs, a list, a date and a URL."""
    rng = random.Random(seed)
    rare = _words(rng, 3000)
    articles = []
    for i in range(count):
        lines = [f"# {_sentence(rng, rare).rstrip('.!?')}", "", f"{rng.randint(1, 28)} November 2023", ""]
        for _ in range(rng.randint(3, 5)):
            lines.append(" ".join(_sentence(rng, rare) for _ in range(rng.randint(2, 3))))
            lines.append("")
        lines += [f"- {_sentence(rng, rare)}" for _ in range(2)]
        lines += ["", f"https://example.org/news/{i}", ""]
        articles.append("\n".join(lines))
    return articles


def build_model() -> Path:
    """The cached big copy model (.argosmodel)."""
    from translit.translate.fixture import build_copy_package

    target = CACHE / "model" / "translate-en_uk-1_0.argosmodel"
    if target.exists():
        return target
    t = time.perf_counter()
    extra = [line for art in make_articles(400, seed=99) for line in art.splitlines() if line]
    path = build_copy_package(CACHE / "model", "en", "uk", extra_text=extra, **MODEL_PARAMS)  # type: ignore[arg-type]
    print(f"built {path} ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    return path


def argos_env(root: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARGOS_", "XDG_"))}
    env.update({"XDG_DATA_HOME": str(root / "data"), "XDG_CACHE_HOME": str(root / "cache"),
                "XDG_CONFIG_HOME": str(root / "config"), "ARGOS_PACKAGES_DIR": str(root / "packages"),
                "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/", "TRANSLIT_CACHE_DIR": str(root / "tc"), **extra})
    return env


def run_py(code: str, env: dict[str, str], *args: str) -> dict:
    done = subprocess.run([PY, "-c", code, *args], env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"benchmark step failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


CEILING = r"""
import json, sys, time
from pathlib import Path
from translit.translate.packages import find_model
from translit.translate.engine import Engine
inter, intra = int(sys.argv[2]), int(sys.argv[3])
import translit.translate.engine as E
E.thread_plan = lambda jobs=None, cores=None: (inter, intra)
engine = Engine(find_model("en", "uk"))
texts = [Path(p).read_text() for p in json.load(open(sys.argv[1]))]
from translit.translate.segment import split_document
bodies = [s.body for t in texts for s in split_document(t) if s.translate]
tokens = [u.tokens for u in engine.units(bodies)]
order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
batch = [tokens[i] for i in order]
engine.translator.translate_batch([["▁Hello", "."]], beam_size=4)
t, c = time.perf_counter(), time.process_time()
out = engine.translator.translate_batch(batch, replace_unknowns=True, max_batch_size=32, batch_type="examples",
                                        beam_size=4, num_hypotheses=1, length_penalty=0.2,
                                        max_decoding_length=max(256, 2 * max(map(len, batch)) + 10))
elapsed, cpu = time.perf_counter() - t, time.process_time() - c
ok = all(list(r.hypotheses[0]) == b for r, b in zip(out, batch))
print(json.dumps({"seconds": elapsed, "cpu": cpu, "sentences": len(batch), "pieces": sum(map(len, batch)), "copied": ok}))
"""

TRANSLIT_LIB = r"""
import json, sys, time
from pathlib import Path
from translit.translate.packages import find_model
from translit.translate.engine import get_engine
from translit.translate.batch import run_batch
get_engine(find_model("en", "uk"))          # load once, as a long batch would
inputs = json.load(open(sys.argv[1]))
t, c = time.perf_counter(), time.process_time()
results = run_batch(inputs, sys.argv[2], "en", ["uk"])
elapsed, cpu = time.perf_counter() - t, time.process_time() - c
print(json.dumps({"seconds": elapsed, "cpu": cpu, "failed": sum(r.status == "failed" for r in results)}))
"""

ARGOS_API = r"""
import json, sys, time
from pathlib import Path
import argostranslate.translate as T
T.translate("Warm up the model.", "en", "uk")
outs = []
t, c = time.perf_counter(), time.process_time()
for p in json.load(open(sys.argv[1])):
    outs.append(T.translate(Path(p).read_text(), "en", "uk"))
elapsed, cpu = time.perf_counter() - t, time.process_time() - c
json.dump(outs, open(sys.argv[2], "w"), ensure_ascii=False)
print(json.dumps({"seconds": elapsed, "cpu": cpu}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=50)
    ap.add_argument("--cli-subset", type=int, default=5, help="articles for the argos-translate CLI run")
    ap.add_argument("--default-subset", type=int, default=10,
                    help="articles for argos' default settings (slowest), extrapolated; 0 = all")
    args = ap.parse_args()

    package = build_model()
    work = Path(tempfile.mkdtemp(prefix="translit-bench-run-"))
    articles = make_articles(args.articles)
    src = work / "in"
    src.mkdir()
    paths = []
    for i, text in enumerate(articles):
        p = src / f"article{i:02}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    inputs = work / "inputs.json"
    inputs.write_text(json.dumps(paths))
    root = work / "argos"
    env = argos_env(root)
    subprocess.run([PY, "-m", "translit", "models", "install", str(package)], env=env, check=True,
                   capture_output=True)
    expected = [a.replace("_", " ") for a in articles]
    rows: list[tuple[str, float, float, str]] = []

    ceilings = {}
    for inter, intra in ((1, 2), (2, 1)):
        r = run_py(CEILING, env, str(inputs), str(inter), str(intra))
        assert r["copied"], "copy model did not copy"
        ceilings[(inter, intra)] = r["seconds"]
        rows.append((f"ceiling: ct2 translate_batch (inter={inter}, intra={intra})", r["seconds"], r["cpu"],
                     f"{r['pieces']} pieces copied"))
    sentences = r["sentences"]
    ceiling = min(ceilings.values())

    r = run_py(TRANSLIT_LIB, env, str(inputs), str(work / "out-lib"))
    check_outputs(work / "out-lib", paths, expected, "translit lib")
    lib, lib_cpu = r["seconds"], r["cpu"]
    rows.append(("translit run_batch (model loaded)", lib, r["cpu"], "outputs identical"))

    t, c = time.perf_counter(), _child_cpu()
    subprocess.run([PY, "-m", "translit", "batch", "--no-glossary", *paths, "--to", "uk", "--out",
                    str(work / "out-cli")], env=env, check=True, capture_output=True)
    cli, cli_cpu = time.perf_counter() - t, _child_cpu() - c
    check_outputs(work / "out-cli", paths, expected, "translit CLI")
    rows.append(("translit batch CLI, end to end (process)", cli, cli_cpu, "outputs identical"))

    argos_rows = []
    n_default = args.default_subset or len(paths)
    subset_file = work / "subset.json"
    subset_file.write_text(json.dumps(paths[:n_default]))
    configs = [
        (f"argos API, default settings (x{n_default}, extrapolated to {len(paths)})", {}, subset_file, n_default),
        ("argos API, best (INTRA_THREADS=1, BATCH_SIZE=4096)",
         {"ARGOS_INTRA_THREADS": "1", "ARGOS_BATCH_SIZE": "4096"}, inputs, len(paths)),
        ("argos API, INTRA_THREADS=2, BATCH_SIZE=4096",
         {"ARGOS_INTRA_THREADS": "2", "ARGOS_BATCH_SIZE": "4096"}, inputs, len(paths)),
    ]
    for label, extra, which, n in configs:
        out = work / f"argos-{len(argos_rows)}.json"
        r = run_py(ARGOS_API, argos_env(root, **extra), str(which), str(out))
        same = json.loads(out.read_text()) == expected[:n]
        seconds, cpu = r["seconds"] * len(paths) / n, r["cpu"] * len(paths) / n
        argos_rows.append((label, seconds, cpu))
        rows.append((label, seconds, cpu, "outputs identical" if same else "OUTPUTS DIFFER"))

    subset = paths[: args.cli_subset]
    cli_env = argos_env(root, ARGOS_INTRA_THREADS="1")
    t, c = time.perf_counter(), _child_cpu()
    same = True
    for p, want in zip(subset, expected):
        done = subprocess.run(["argos-translate" if shutil.which("argos-translate") else
                               str(Path(PY).with_name("argos-translate")), "-f", "en", "-t", "uk",
                               Path(p).read_text()], env=cli_env, capture_output=True, text=True, check=True)
        same &= done.stdout.rstrip("\n") == want.rstrip("\n")
    per, per_cpu = (time.perf_counter() - t) / len(subset), (_child_cpu() - c) / len(subset)
    rows.append((f"argos-translate CLI per article (x{len(subset)}, extrapolated to {len(paths)})",
                 per * len(paths), per_cpu * len(paths), "outputs identical" if same else "OUTPUTS DIFFER"))

    print(f"\n{len(paths)} articles, {sentences} sentences; model: 6+6 layers, d=512, 8 heads, 32,000 pieces, int8; "
          f"{os.cpu_count()} cores\n")
    print(f"| {'configuration':<66} | {'wall s':>7} | {'cpu s':>7} | {'sent/s':>6} | {'wall vs ceiling':>15} | check |")
    print(f"|{'-' * 68}|{'-' * 9}|{'-' * 9}|{'-' * 8}|{'-' * 17}|-------|")
    for label, seconds, cpu, note in rows:
        print(f"| {label:<66} | {seconds:7.1f} | {cpu:7.1f} | {sentences / seconds:6.1f} | "
              f"{seconds / ceiling:14.2f}x | {note} |")
    print()
    print(f"translit (model loaded) vs ceiling: {lib / ceiling:.2f}x wall (goal <= 1.15)")
    for label, seconds, cpu in argos_rows:
        print(f"translit lib vs {label}: {seconds / lib:.1f}x faster (wall), {cpu / lib_cpu:.1f}x less CPU")
    print(f"load average at the end: {os.getloadavg()[0]:.2f} (other processes share the cores)")
    shutil.rmtree(work, ignore_errors=True)


def _child_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def check_outputs(out: Path, paths: list[str], expected: list[str], label: str) -> None:
    for p, want in zip(paths, expected):
        got = (out / (Path(p).stem + ".uk.txt")).read_text(encoding="utf-8")
        if got != want:
            raise SystemExit(f"{label}: output differs for {p}")


if __name__ == "__main__":
    main()
