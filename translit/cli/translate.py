"""`translit translate` and `translit batch`: offline translation of articles.

The translation stack (ctranslate2, sentencepiece, argostranslate settings) is
imported inside the command functions only.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .common import (
    EncodingOpt,
    Engine,
    EngineOpt,
    OutputEncodingOpt,
    Format,
    FormatOpt,
    GlossaryOpt,
    IdFieldOpt,
    InputFormatOpt,
    RayAddressOpt,
    TextFieldOpt,
    bytes_progress,
    check_encodings,
    echo_err,
    echo_out,
    errors_to_exit,
    fail,
    iter_documents,
    write_json_line,
)

if TYPE_CHECKING:
    from ..manifest import DocResult

ToOpt = Annotated[str, typer.Option("--to", "-t", help="Target language(s), comma-separated: uk, ru or uk,ru.",
                                    show_default=False)]
FromOpt = Annotated[str, typer.Option("--from", help="Source language of the inputs (en, uk, ru), or auto: "
                                                      "each document's own, detected.")]
NoGlossaryOpt = Annotated[bool, typer.Option("--no-glossary", help="Leave names to the model (no house forms).")]
JobsOpt = Annotated[int | None, typer.Option("--jobs", "-j", min=1,
                                             help="Parallel model workers (CTranslate2 replicas sharing the "
                                                  "CPU cores). Default: one per core.", show_default=False)]


def _targets(to: str, source: str) -> list[str]:
    targets = [t.strip().lower() for t in to.split(",") if t.strip()]
    if not targets:
        fail("--to needs at least one language, e.g. --to uk")
    if source in targets:
        fail(f"--to {source}: the text is already in {source}")
    return list(dict.fromkeys(targets))


def _check_out(out: Path) -> None:
    """--out must be a folder translit can create and write in; checked before any work."""
    import os

    if out.exists() and not out.is_dir():
        fail(f"--out {out}: exists and is not a directory")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"--out {out}: cannot create the folder ({exc.strerror or exc})")
    if not os.access(out, os.W_OK) or str(out.resolve()).startswith(("/proc/", "/sys/")) \
            or str(out.resolve()) in ("/proc", "/sys"):
        fail(f"--out {out}: not a folder translit can write in")


def _enforcer(glossary: list[str] | None, no_glossary: bool) -> tuple[Any, str]:
    from ..translate.enforce import build_enforcer

    if no_glossary:
        return None, "none"
    with errors_to_exit():
        return build_enforcer(glossary)


def _translate_auto(docs: list[tuple[str, str, Any]], targets: list[str], enforcer: Any,
                    jobs: int | None) -> list[dict[str, Any]]:
    """--from auto: each document's language detected (translit.detect), documents of one language together."""
    from ..detect import detect_language
    from ..documents import translate_documents
    from ..translate.pipeline import plan_routes

    def text_of(doc: Any) -> str:
        return doc if isinstance(doc, str) else "\n".join(b.text for b in doc.blocks)

    langs = [detect_language(text_of(d)) for _, _, d in docs]
    plans = {lang: plan_routes(lang, [t for t in targets if t != lang]) for lang in dict.fromkeys(langs)}
    results: list[dict[str, Any]] = [{} for _ in docs]
    for lang, routes in plans.items():
        idx = [i for i, found in enumerate(langs) if found == lang]
        if routes:
            done = translate_documents([docs[i][2] for i in idx], lang, list(routes), enforcer=enforcer, jobs=jobs,
                                       routes=routes)
            for i, by_lang in zip(idx, done):
                results[i] = by_lang
    for (name, _, _), lang, by_lang in zip(docs, langs, results):
        if len(by_lang) < len(targets):
            echo_err(f"{'<stdin>' if name == '-' else name}: written in {lang} (detected), so not translated into {lang}")
    return results


def translate(
    inputs: Annotated[list[str] | None, typer.Argument(
        help="Files to translate (text or documents); '-' or nothing reads standard input.", show_default=False)] = None,
    to: ToOpt = "uk",
    source: FromOpt = "en",
    glossary: GlossaryOpt = None,
    no_glossary: NoGlossaryOpt = False,
    fmt: FormatOpt = Format.text,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Write one file per input and language here (article.uk.txt) instead of stdout.",
        show_default=False)] = None,
    jobs: JobsOpt = None,
    input_format: InputFormatOpt = None,
    encoding: EncodingOpt = "utf-8",
    output_encoding: OutputEncodingOpt = None,
) -> None:
    """Translate English news text to Ukrainian and/or Russian, offline.

    Paragraphs, blank lines, headings ([bold]# ...[/bold]) and list markers ([bold]- [/bold], [bold]1. [/bold])
    stay in place; lines that are only a date or a URL are left alone. Glossary names
    come out in their house forms, in the case the sentence needs (Kyrylo Budanov →
    Кирило Буданов / Кирилом Будановим). Russian ↔ Ukrainian uses a direct model when
    installed, else goes through English.

    With one target and no --out the translation goes to stdout; --format json prints
    one JSON line per input and language with the text and the names enforced.

    Documents keep their format (article.html → article.uk.html): .md, .html, .xhtml,
    .srt, .vtt, and with --out also .docx, .odt, .pptx, .odp, .epub. Each paragraph,
    heading, cell or cue is translated whole, bold/italic/links travel with their words,
    and tags, code, scripts and cue timings are kept as they were.

    [bold]Examples[/bold]

      translit translate article.txt --to uk

      translit translate report.docx page.html --to uk --out translated/

      cat article.txt | translit translate --to ru --format json

      translit translate article.txt --to uk,ru --out translated/

      translit translate --from auto news/*.txt --to uk --out translated/

      translit translate archive/*.txt --from ru --to uk --encoding auto --out translated/   # cp1251/koi8-r files, written back as they were
    """
    from ..documents import DocumentError, is_zip_format, prepare, translate_documents
    from ..documents.text import ENCODING_HINT, encode_output, to_utf8
    from ..translate.batch import plan_outputs
    from ..translate.pipeline import plan_routes

    encoding, output_encoding = check_encodings(encoding, output_encoding)
    source = source.strip().lower()
    targets = _targets(to, source)
    if len(targets) > 1 and out is None and fmt == Format.text:
        fail("several target languages need --out DIR (one file per language) or --format json")
    if out is not None:
        _check_out(out)
    if source != "auto":
        with errors_to_exit():
            routes = plan_routes(source, targets)
    docs: list[tuple[str, str, Any]] = []
    written_in: list[str] = []  # per document: the encoding its outputs are written in
    failed = False
    for name, kind, data, error in iter_documents(inputs, input_format):
        label = "<stdin>" if name == "-" else name
        if error is None and is_zip_format(kind) and out is None:
            error = f"{label}: a .{kind} file is written with --out DIR, not to stdout"
        if error is None:
            assert data is not None
            try:
                used = "utf-8"
                if not is_zip_format(kind):
                    data, used = to_utf8(data, encoding)
                docs.append((name, kind, prepare(data, kind, label)))
                written_in.append("utf-8" if is_zip_format(kind) else output_encoding or used)
                continue
            except DocumentError as exc:
                error = str(exc) if str(exc).startswith(label) else f"{label}: {exc}"
                if "not valid UTF-8" in error:
                    error += ENCODING_HINT
        echo_err(f"Error: {error}")
        failed = True
    if not docs:
        raise typer.Exit(2)
    enforcer, _ = _enforcer(glossary, no_glossary)
    with errors_to_exit():
        if source == "auto":
            results = _translate_auto(docs, targets, enforcer, jobs)
        else:
            results = translate_documents([d for _, _, d in docs], source, targets, enforcer=enforcer,
                                          jobs=jobs, routes=routes)
    if out is not None:
        from ..files import atomic_write_bytes

        files = [n if n != "-" else f"stdin.{kind}" for n, kind, _ in docs]
        items = plan_outputs(files)
        for (name, _, _), item, by_lang, wanted in zip(docs, items, results, written_in):
            for lang, (data, doc) in by_lang.items():
                path = out / item.output(lang)
                try:
                    data = encode_output(data, wanted)
                except DocumentError as exc:
                    echo_err(f"{'<stdin>' if name == '-' else name}: {exc}")
                    failed = True
                    continue
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    atomic_write_bytes(path, data)
                except OSError as exc:
                    fail(f"--out {out}: cannot write {path.name} ({exc.strerror or exc})")
                if fmt == Format.json:
                    write_json_line({"input": name, "output": str(path), **doc.to_dict()})
    else:
        for (name, _, _), by_lang in zip(docs, results):
            for lang, (data, doc) in by_lang.items():
                if fmt == Format.json:
                    write_json_line({"input": name, **doc.to_dict(), "text": data.decode("utf-8")})
                else:
                    echo_out(data.decode("utf-8"))
    if failed:
        raise typer.Exit(2)


class _RichProgress:
    """Documents and sentences bars on stderr (rate, ETA); silent when stderr is not a terminal."""

    def __init__(self, documents: int):
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )

        self.console = Console(stderr=True)
        self.progress = Progress(
            TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
            TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
            console=self.console, disable=not self.console.is_terminal, transient=False,
        )
        self.docs = self.progress.add_task("documents", total=documents, rate="")
        self.sents = self.progress.add_task("sentences", total=0, rate="")

    def __enter__(self) -> _RichProgress:
        self.progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(*exc)  # type: ignore[arg-type]

    def add_total(self, sentences: int) -> None:
        task = self.progress.tasks[self.sents]
        self.progress.update(self.sents, total=(task.total or 0) + sentences)

    def advance(self, sentences: int) -> None:
        self.progress.advance(self.sents, sentences)
        speed = self.progress.tasks[self.sents].speed
        self.progress.update(self.sents, rate=f"{speed:.0f}/s" if speed else "")

    def document_done(self, result: Any) -> None:
        self.progress.advance(self.docs, 1)


def batch(
    inputs: Annotated[list[str], typer.Argument(help="Files to translate (text, .md, .html, .docx, .odt, .pptx, "
                                                     ".odp, .epub, .srt, .vtt), records (.jsonl, .csv, .parquet, "
                                                     "a Telegram result.json), or folders of them.",
                                                show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output directory (created if needed).",
                                      show_default=False)],
    to: ToOpt = "uk",
    source: FromOpt = "en",
    glossary: GlossaryOpt = None,
    no_glossary: NoGlossaryOpt = False,
    jobs: JobsOpt = None,
    fmt: FormatOpt = Format.text,
    input_format: InputFormatOpt = None,
    text_field: TextFieldOpt = "text",
    id_field: IdFieldOpt = None,
    engine: EngineOpt = Engine.local,
    ray_address: RayAddressOpt = None,
    encoding: EncodingOpt = "utf-8",
    output_encoding: OutputEncodingOpt = None,
) -> None:
    """Translate many articles into --out, resumably; a rerun skips what is done.

    Each input gives one file per language (news/a/article.txt → OUT/a/article.uk.txt,
    paths mirrored below the inputs' common folder; report.docx → OUT/report.uk.docx,
    every format kept). OUT/manifest.json records the
    input hash, model and glossary per file; a rerun redoes only what changed, and an
    interrupted run leaves no partial file. Unreadable, non-UTF-8, empty or corrupt files
    (a broken DOCX, bad HTML, a bad cue timing) are reported and skipped. Exit 1 if any input failed.
    Records (JSON Lines, CSV, Parquet, a Telegram export) give one records file per
    language with the text field translated and every other field kept. A folder gives
    its files at every level that batch reads (by extension; all with --input-format),
    hidden ones left out.

    --engine ray spreads the documents over a Ray cluster (each actor loads the models
    and glossary once); the outputs and manifest are the same as with the local engine.

    [bold]Examples[/bold]

      translit batch news/*.txt --to uk,ru --out translated/

      translit batch news/*.txt --to uk --out translated/ --jobs 2 --format json

      translit batch inbox/ --to uk --out translated/      # every document in the folder and below

      translit batch archive/ --to uk --out translated/ --engine ray --ray-address auto

      translit batch archive/ --from ru --to uk --encoding auto --out translated/   # cp1251/koi8-r, written back so

    The summary gives totals and the failed files; --format json lists every file.
    Every finished document is recorded at once (OUT/manifest.journal, folded into
    manifest.json at the end), so a run killed at any point resumes where it stopped.
    """
    from ..translate.pipeline import plan_routes

    encoding, output_encoding = check_encodings(encoding, output_encoding)
    files = _batch_files(inputs, input_format)
    records = _has_records(files, input_format) or engine != Engine.local
    if records and (encoding not in ("utf-8", "utf_8") or output_encoding is not None):
        fail("--encoding and --output-encoding work for text and document files with the local engine, "
             "not for records or --engine ray (records are read as UTF-8)")
    source = source.strip().lower()
    targets = _targets(to, source)
    with errors_to_exit():
        routes = plan_routes(source, targets) if source != "auto" else None
    if records:
        from ..engines import TranslateJob, run_documents
        if routes is None:
            fail("--from auto works for files with the local engine; name the language of records, folders "
                 "and --engine ray runs")
        with errors_to_exit():
            _enforcer(glossary, no_glossary)  # glossary problems now, and a warm cache for the workers
            job = TranslateJob(source, targets, glossary, no_glossary, routes, text_field, id_field, jobs)
        from ..records import RECORD_FORMATS

        with errors_to_exit(), bytes_progress("translate") as progress_bar:
            results: list[DocResult] = run_documents(
                job, files, out, input_format=input_format if input_format in RECORD_FORMATS else "auto",
                engine=engine.value, ray_address=ray_address, progress=progress_bar)
    else:
        from ..translate.batch import run_batch

        enforcer, glossary_hash = _enforcer(glossary, no_glossary)
        with errors_to_exit(), _RichProgress(len(files)) as progress:
            results = run_batch(list(files), out, source, targets, enforcer=enforcer, glossary_hash=glossary_hash,
                                jobs=jobs, progress=progress, routes=routes, encoding=encoding,
                                output_encoding=output_encoding)
    failed = [r for r in results if r.status == "failed"]
    if fmt == Format.json:
        for r in results:
            write_json_line(r.to_dict())
    else:
        _summary(results, out)
    for r in results:
        for problem in r.problems:
            echo_err(problem)
    for r in failed:
        echo_err(f"Error: {r.error}")
    if failed or any(r.problems for r in results):
        raise typer.Exit(1)


def _batch_files(inputs: list[str], input_format: str | None) -> list[str]:
    """The files batch works on: those named, and in folders named every file at every level with an
    extension batch reads (documents, records), or every file when --input-format names the format."""
    from ..documents.formats import EXTENSIONS
    from ..files import input_files
    from ..records.formats import RECORD_SUFFIXES

    return input_files(inputs, recursive=True, extensions=None if input_format else {*EXTENSIONS, *RECORD_SUFFIXES})


def _has_records(files: list[str], input_format: str | None) -> bool:
    """True when some input is a records file: those go through translit.engines."""
    from ..records import RECORD_FORMATS, detect_format

    if (input_format or "") in RECORD_FORMATS:
        return True
    return any(detect_format(f) != "text" for f in files)


def _summary(results: list[DocResult], out: Path) -> None:
    """Totals, then the failed files (paths as given); every file is in --format json."""
    import os

    counts = {s: sum(1 for r in results if r.status == s) for s in ("done", "skipped", "failed")}
    sentences = sum(r.sentences for r in results if r.status == "done")
    names = sum(len(v) for r in results for v in r.names.values())
    echo_out(f"translit batch → {out}: {len(results)} file(s)\n")
    echo_out(f"{counts['done']} translated, {counts['skipped']} already done, {counts['failed']} failed"
             f" ({sentences} sentences, {names} names enforced)\n")
    failed = [r for r in results if r.status == "failed"]
    if failed:
        echo_out("failed:\n")
        for r in failed:
            shown = r.input
            if os.path.isabs(shown) and not os.path.relpath(shown).startswith(".."):
                shown = os.path.relpath(shown)
            echo_out(f"  {shown}\n")


def register(app: typer.Typer) -> None:
    """Add `translate` and `batch` to `app`."""
    app.command("translate")(translate)
    app.command("batch")(batch)
