"""Recall and precision of the normalizer on tests/normalize/cases, per language, without pytest.

    python bench/eval_cases.py              # the table
    python bench/eval_cases.py --failures   # and every failing case with what was reported
    python bench/eval_cases.py --write-gaps # rewrite tests/normalize/known_gaps.txt from this run

Runs each case with its own lang and with lang=auto, against the test glossary as
written and with every variants list removed (cases that need a variant are left
out of that run).
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _caselib():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("caselib", ROOT / "tests" / "normalize" / "caselib.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["caselib"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--failures", action="store_true", help="list failing cases (lang given, as written)")
    ap.add_argument("--lang", choices=("en", "uk", "ru"), help="only cases of this language")
    ap.add_argument("--write-gaps", action="store_true",
                    help="write the ids of every case failing in any run to tests/normalize/known_gaps.txt")
    args = ap.parse_args()

    lib = _caselib()
    from translit.normalize import compile_glossary, normalize

    cases = [c for c in lib.load_cases() if not args.lang or c.lang == args.lang]
    tallies: dict = {}
    failures: list[str] = []
    failing: dict[str, set[str]] = {}
    for mode in lib.MODES:
        compiled = compile_glossary(lib.load_test_glossary(mode))
        for how in ("given", "auto"):
            for case in cases:
                if mode == "no-variants" and case.needs_variants:
                    continue
                result = normalize(case.text, lang=case.lang if how == "given" else "auto", compiled=compiled)
                got = lib.reported_keys(result.matches)
                t = lib.score(case, got, result.text)
                tallies.setdefault((mode, how, case.lang), lib.Tally()).add(t)
                if t.failed_ids:
                    failing.setdefault(case.id, set()).add(f"{mode}/{how}")
                if args.failures and mode == "as-written" and how == "given" and t.failed_ids:
                    want = [(m.found, m.entry or list(m.candidates)) for m in case.mentions]
                    have = [(m.found, m.entry or list(m.candidates)) for m in got]
                    lines = [f"{case.id}: {case.text!r}", f"    want {want}", f"    got  {have}"]
                    if case.output is not None and result.text != case.output:
                        lines += [f"    want text {case.output!r}", f"    got text  {result.text!r}"]
                    failures.append("\n".join(lines))
    for line in lib.summary_lines(tallies):
        print(line)
    if failures:
        print(f"\n{len(failures)} failing case(s), lang given, glossary as written:")
        print("\n".join(failures))
    if args.write_gaps:
        runs = {f"{m}/{h}" for m in lib.MODES for h in ("given", "auto")}
        order = [c.id for c in lib.load_cases() if c.id in failing]
        lines = ["# Cases the normalizer fails today; test_cases.py runs them as non-strict xfail.",
                 "# Written by `python bench/eval_cases.py --write-gaps`; shrink it as the engine improves.",
                 *[cid + ("" if failing[cid] == runs else "  # fails in " + ", ".join(sorted(failing[cid])))
                   for cid in order]]
        lib.KNOWN_GAPS.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"\nwrote {len(order)} case id(s) to {lib.KNOWN_GAPS}")


if __name__ == "__main__":
    main()
