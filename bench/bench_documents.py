"""Documents vs plain text: normalize and translate a 200-page DOCX and a 2 MB HTML page.

    python bench/bench_documents.py [--pages 200] [--html-mb 2] [--translate-share 1.0]
                                    [--translate-repeat 3] [--argos-files /path/to/venv/bin/python]

Builds both documents in code (fixed seed): paragraphs of news-like sentences with
glossary names in old spellings, bold words, links, names typed over two runs (DOCX)
and, for HTML, scripts, styles, entities and code. The "same text as plain .txt" is
exactly the reader text of each document's blocks, joined by blank lines. Prints:

  normalize   document time, .txt time, ratio (target ≤ 2×)
  translate   document time, .txt time, ratio (target ≤ 1.1×), with the realistic-size
              copy model of bench/bench_translate.py (built once, cached) and the default
              glossaries enforced; the model, glossary and caches are warm for both
  argos-translate-files (with --argos-files: a python that has it installed, e.g. a
              scratch venv) on the same documents and model, for comparison

Figures are CPU time of this process (all threads, so CTranslate2's work counts; the
machine is shared, wall-clock times are printed alongside with the load average). Each
normalize figure is the best of --repeat runs, each translate figure the best of --translate-repeat
(document and text alternated; the ratio of each pair is printed too).
--translate-share translates only the first part of each document (and of its text).
"""
from __future__ import annotations

import argparse
import io
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = Path(tempfile.mkdtemp(prefix="translit-bench-docs-"))
os.environ.update({"XDG_DATA_HOME": f"{ROOT}/data", "XDG_CACHE_HOME": f"{ROOT}/cache",
                   "XDG_CONFIG_HOME": f"{ROOT}/config", "ARGOS_PACKAGES_DIR": f"{ROOT}/packages",
                   "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/", "ARGOS_DEVICE_TYPE": "cpu"})
sys.path.insert(0, str(HERE))

NAMES = ["Kiev", "Kyrolo Budanov", "Kharkov", "Odessa", "Zelensky", "Kyiv", "Volodymyr Zelenskyy", "Zaporozhye",
         "Lvov", "Nikolaev"]


def _paragraphs(count: int, seed: int = 7) -> list[str]:
    from bench_translate import _sentence, _words

    rng = random.Random(seed)
    rare = _words(rng, 3000)
    out = []
    for _ in range(count):
        sentences = []
        for _ in range(rng.randint(3, 6)):
            s = _sentence(rng, rare)
            if rng.random() < 0.5:
                words = s.split(" ")
                words.insert(rng.randint(1, len(words) - 1), rng.choice(NAMES))
                s = " ".join(words)
            sentences.append(s)
        out.append(" ".join(sentences))
    return out


def build_docx(pages: int) -> bytes:
    """About 450 words a page: headings, paragraphs with bold words, links and names over two runs."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rng = random.Random(11)
    doc = docx.Document()
    words = 0
    k = 0
    paragraphs = _paragraphs(pages * 8)
    while words < pages * 450 and k < len(paragraphs):
        text = paragraphs[k]
        k += 1
        if k % 12 == 1:
            doc.add_heading(text.split(".")[0][:60], level=2)
        p = doc.add_paragraph()
        plain: list[str] = []                   # plain words gather in one run, as an editor writes them

        def flush() -> None:
            if plain:
                p.add_run("".join(plain))
                plain.clear()

        for n, word in enumerate(text.split(" ")):
            piece = word + " "
            if word.startswith("Kyrolo") and rng.random() < 0.7:
                plain.append("Kyr")              # a name typed over two runs
                flush()
                plain.append(piece[3:])
            elif rng.random() < 0.04:
                flush()
                p.add_run(word).bold = True
                plain.append(" ")
            elif rng.random() < 0.01:
                flush()
                link = OxmlElement("w:hyperlink")
                link.set(qn("w:anchor"), f"n{n}")
                run = OxmlElement("w:r")
                t = OxmlElement("w:t")
                t.text = word
                run.append(t)
                link.append(run)
                p._p.append(link)
                plain.append(" ")
            else:
                plain.append(piece)
        flush()
        words += len(text.split())
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def build_html(megabytes: float) -> bytes:
    rng = random.Random(13)
    head = ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Kiev daily</title>\n"
            "<script>var cities = ['Kiev', 'Kharkov']; function f(a, b) { return a < b && b > 0; }</script>\n"
            "<style>.Kiev { color: #333 } p > b { font-weight: 700 }</style></head>\n<body class=\"Kiev\">\n")
    parts = [head]
    size = len(head)
    for k, text in enumerate(_paragraphs(int(megabytes * 4000))):
        words = text.split(" ")
        for _ in range(3):
            i = rng.randrange(len(words))
            words[i] = rng.choice([f"<b>{words[i]}</b>", f'<a href="/news/{k}/{i}" title="More">{words[i]}</a>',
                                   f'<span class="w">{words[i]}</span>', f"<em>{words[i]}</em>"])
        body = " ".join(words).replace(" and ", " &amp; ")
        block = (f"<h2 id=\"s{k}\">Section {k} from Kiev</h2>\n" if k % 10 == 0 else "") + \
                f"<p class=\"Kiev\" data-k=\"{k}\">{body}</p>\n" + \
                ("<pre><code>grep Kiev /var/log/news</code></pre>\n<!-- Kiev note -->\n" if k % 25 == 0 else "")
        parts.append(block)
        size += len(block)
        if size >= megabytes * 1_000_000:
            break
    parts.append("</body></html>\n")
    return "".join(parts).encode()


def plain_text(data: bytes, fmt: str) -> bytes:
    from translit.documents import load

    return "\n\n".join(b.text for b in load(data, fmt).blocks).encode() + b"\n"


def _timed(fn):  # type: ignore[no-untyped-def]
    """(result, CPU seconds, wall seconds) of one call."""
    cpu, wall = time.process_time(), time.perf_counter()
    out = fn()
    return out, time.process_time() - cpu, time.perf_counter() - wall


def _best(fn, repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """The best (CPU, wall) seconds of `repeat` calls."""
    runs = [_timed(fn)[1:] for _ in range(repeat)]
    return min(c for c, _ in runs), min(w for _, w in runs)


def _load() -> str:
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def bench_normalize(docs: dict[str, tuple[bytes, str, bytes]], repeat: int) -> None:
    from translit.documents.normalize import normalize_bytes

    normalize_bytes(b"Kyrolo Budanov in Kiev.", "txt")         # glossary compiled and loaded
    print(f"\n{'normalize':<10} {'document':>10} {'as .txt':>10} {'ratio':>7}  (CPU time; target ≤ 2×)")
    for label, (data, fmt, text) in docs.items():
        doc_t, doc_w = _best(lambda: normalize_bytes(data, fmt), repeat)
        txt_t, txt_w = _best(lambda: normalize_bytes(text, "txt"), repeat)
        print(f"{label:<10} {doc_t:>9.2f}s {txt_t:>9.2f}s {doc_t / txt_t:>6.2f}×   "
              f"wall {doc_w:.2f}s vs {txt_w:.2f}s, {_load()}")


def _cut(data: bytes, fmt: str, text: bytes, share: float) -> tuple[bytes, bytes]:
    """The first `share` of a document's blocks (and the same text), for a shorter translate run."""
    if share >= 1:
        return data, text
    if fmt == "html":
        body = data.decode()
        cut = body.index("</p>", int(len(body) * share)) + 4
        data = (body[:cut] + "\n</body></html>\n").encode()
    else:
        import docx

        d = docx.Document(io.BytesIO(data))
        paras = d.element.body.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p")
        for p in paras[int(len(paras) * share):]:
            p.getparent().remove(p)
        out = io.BytesIO()
        d.save(out)
        data = out.getvalue()
    return data, plain_text(data, fmt)


def bench_translate(docs: dict[str, tuple[bytes, str, bytes]], share: float, repeat: int,
                    argos_files: str | None) -> None:
    from bench_translate import build_model

    from translit.documents import translate_documents
    from translit.translate.enforce import build_enforcer
    from translit.translate.packages import install_file

    model = build_model()
    install_file(model)
    enforcer, _ = build_enforcer(None)
    translate_documents([(b"Warm up the model with Kyrolo Budanov in Kiev.", "txt", "-")], "en", ["uk"],
                        enforcer=enforcer)
    print(f"\n{'translate':<10} {'document':>10} {'as .txt':>10} {'ratio':>7}  "
          f"(CPU time, best of {repeat}; target ≤ 1.1×; share {share:g})")
    for label, (data, fmt, text) in docs.items():
        data, text = _cut(data, fmt, text, share)
        doc_runs: list[tuple[float, float]] = []
        txt_runs: list[tuple[float, float]] = []
        for _ in range(repeat):                 # alternated, so a change in the machine's load hits both
            doc_res, doc_t, doc_w = _timed(lambda: translate_documents([(data, fmt, label)], "en", ["uk"],
                                                                       enforcer=enforcer))
            txt_res, txt_t, txt_w = _timed(lambda: translate_documents([(text, "txt", label)], "en", ["uk"],
                                                                       enforcer=enforcer))
            doc_runs.append((doc_t, doc_w))
            txt_runs.append((txt_t, txt_w))
        doc_t, doc_w = min(doc_runs)
        txt_t, txt_w = min(txt_runs)
        doc_out, txt_out = doc_res[0]["uk"][1], txt_res[0]["uk"][1]
        ratios = ", ".join(f"{d / t:.2f}" for (d, _), (t, _) in zip(doc_runs, txt_runs))
        print(f"{label:<10} {doc_t:>9.1f}s {txt_t:>9.1f}s {doc_t / txt_t:>6.2f}×   "
              f"sentences {doc_out.sentences} vs {txt_out.sentences}; run by run {ratios}; "
              f"wall {doc_w:.1f}s vs {txt_w:.1f}s, {_load()}")
        if argos_files:
            _argos_files(argos_files, data, fmt, label)


_ARGOS_FILES = """
import sys, time
import argostranslate.translate as tr
from argostranslatefiles import argostranslatefiles
langs = tr.get_installed_languages()
en = next(l for l in langs if l.code == "en"); uk = next(l for l in langs if l.code == "uk")
c, t = time.process_time(), time.perf_counter()
out = argostranslatefiles.translate_file(en.get_translation(uk), sys.argv[1])
print(f"{time.process_time() - c:.1f} {time.perf_counter() - t:.1f}")
"""


def _argos_files(python: str, data: bytes, fmt: str, label: str) -> None:
    path = ROOT / f"argos-{label}.{fmt}"
    path.write_bytes(data)
    env = dict(os.environ, ARGOS_INTRA_THREADS="0")
    try:
        run = subprocess.run([python, "-c", _ARGOS_FILES, str(path)], capture_output=True, text=True, env=env,
                             timeout=900)
    except subprocess.TimeoutExpired:
        print(f"{'':<10} argos-translate-files did not finish in 900 s")
        return
    if run.returncode != 0:
        print(f"{'':<10} argos-translate-files failed: {run.stderr.strip().splitlines()[-1:]}")
    else:
        cpu, wall = run.stdout.strip().splitlines()[-1].split()
        print(f"{'':<10} argos-translate-files {cpu}s CPU, wall {wall}s, {_load()} (run by run, no glossary)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--html-mb", type=float, default=2.0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--translate-share", type=float, default=1.0)
    ap.add_argument("--translate-repeat", type=int, default=3)
    ap.add_argument("--skip-translate", action="store_true")
    ap.add_argument("--argos-files", metavar="PYTHON", help="a python with argos-translate-files installed")
    args = ap.parse_args()
    t = time.perf_counter()
    docx_data = build_docx(args.pages)
    html_data = build_html(args.html_mb)
    docs = {"docx": (docx_data, "docx", plain_text(docx_data, "docx")),
            "html": (html_data, "html", plain_text(html_data, "html"))}
    for label, (data, fmt, text) in docs.items():
        print(f"{label}: {len(data) / 1e6:.2f} MB file, {len(text) / 1e6:.2f} MB of text, "
              f"{len(text.split())} words")
    print(f"(built in {time.perf_counter() - t:.0f} s)")
    bench_normalize(docs, args.repeat)
    if not args.skip_translate:
        bench_translate(docs, args.translate_share, args.translate_repeat, args.argos_files)


if __name__ == "__main__":
    main()
