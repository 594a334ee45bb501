"""Review the normalizer on a folder of annotated news excerpts: every rewrite in context, and the scores.

    python bench/review_realnews.py DIR                          # rewrites + figures
    python bench/review_realnews.py DIR --misses                 # and every miss / false match
    python bench/review_realnews.py DIR --lang-auto --only uk-03 # one excerpt, language decided

DIR (a real-news development set, kept outside the repository) holds `corpus.jsonl` ({"id", "lang", "text"}) and `gold.jsonl` ({"id", "mentions", "unsure"}, each
a list of {"found", "entry"}), the layout of the real-news development set. The texts stay where they
are: this script only reads them. Mentions are compared as multisets of (found lower-cased, entry id)
per excerpt; a prediction that matches an `unsure` item counts neither way. Runs in-process with the
bundled glossaries (or --glossary), so it needs no installed command.

Each rewrite is printed as `id  before -> after  (entry, method, case)` with the words around it, so a
reader can mark each one right or wrong; mentions reported but left alone are counted by reason.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

LANGS = ("uk", "ru", "en")


def _load(path: Path) -> list[dict]:  # type: ignore[type-arg]
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _pairs(items: list[dict]) -> Counter[tuple[str, str | None]]:  # type: ignore[type-arg]
    return Counter((m["found"].lower(), m["entry"]) for m in items)


def _context(text: str, start: int, end: int, middle: str | None = None, width: int = 40) -> str:
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    return (left + "[" + (text[start:end] if middle is None else middle) + "]" + right).replace("\n", " ")


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def _figures(c: Counter[str]) -> str:
    return (f"recall={_ratio(c['tp'], c['tp'] + c['fn']):.3f} precision={_ratio(c['tp'], c['tp'] + c['fp']):.3f} "
            f"(tp={c['tp']} fn={c['fn']} fp={c['fp']}) rewrites={c['rewrites']} kept={c['kept']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path, help="folder with corpus.jsonl and gold.jsonl")
    ap.add_argument("--lang-auto", action="store_true", help="let the tool decide the language (--lang auto)")
    ap.add_argument("--misses", action="store_true", help="also list every miss (FN) and false match (FP)")
    ap.add_argument("--only", action="append", default=[], help="only this excerpt id (repeatable)")
    ap.add_argument("--glossary", action="append", help="glossary files instead of the bundled ones")
    args = ap.parse_args(argv)

    try:
        corpus = _load(args.folder / "corpus.jsonl")
        gold = {g["id"]: g for g in _load(args.folder / "gold.jsonl")}
    except (OSError, ValueError) as exc:
        print(f"Error: {args.folder}: {exc}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from translit.normalize import compiled_for, normalize

    compiled = compiled_for(args.glossary)
    counts = {lang: Counter[str]() for lang in LANGS}
    reasons: Counter[str] = Counter()
    started = time.perf_counter()
    for doc in corpus:
        if args.only and doc["id"] not in args.only:
            continue
        text, lang = doc["text"], doc["lang"]
        g = gold.get(doc["id"], {"mentions": [], "unsure": []})
        result = normalize(text, "auto" if args.lang_auto else lang, compiled)
        got = [{"found": m.found, "entry": m.entry} for m in result.matches]
        want, have, unsure = _pairs(g["mentions"]), _pairs(got), _pairs(g["unsure"])
        fn, fp = want - have, (have - want) - unsure
        c = counts[lang]
        c["tp"] += sum((want & have).values())
        c["fn"] += sum(fn.values())
        c["fp"] += sum(fp.values())
        for m in result.matches:
            if m.rewrites:
                c["rewrites"] += 1
                print(f"{doc['id']}  {m.found} -> {m.canonical}  ({m.entry}, {m.method}, {m.case or '-'})")
                print(f"      {_context(text, m.start, m.end, f'{m.found} -> {m.canonical}')}")
            elif m.reason:
                c["kept"] += 1
                reasons[m.reason] += 1
        if args.misses and (fn or fp):
            print(f"== {doc['id']} ({lang}) misses")
            for (found, entry), n in sorted(fn.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
                print(f"  FN {entry} {found!r}" + (f" x{n}" if n > 1 else ""))
            for m in result.matches:
                key = (m.found.lower(), m.entry)
                if fp[key] > 0:
                    fp[key] -= 1
                    print(f"  FP {m.entry or m.candidates} {_context(text, m.start, m.end)} ({m.method})")
    total: Counter[str] = Counter()
    print()
    for lang in LANGS:
        total.update(counts[lang])
        print(f"{lang}: {_figures(counts[lang])}")
    print(f"all: {_figures(total)}")
    if reasons:
        print("left alone: " + ", ".join(f"{r} {n}" for r, n in reasons.most_common()))
    print(f"time: {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
