"""A warm cache starts normalizing without the compiler: no form derivation, morphology or YAML parser loads."""
from __future__ import annotations

import os
import subprocess
import sys

COMPILER = ("translit.match.build", "translit.match.forms", "translit.morph", "pymorphy3", "yaml")

CODE = """
import sys
from translit.cli import main
sys.argv = ["translit", "normalize"]
try:
    main()
except SystemExit as exc:
    code = exc.code
loaded = [m for m in {compiler!r} if m in sys.modules]
print("LOADED", loaded, "EXIT", code, file=sys.stderr)
"""


def _run(tmp_path, text: str) -> tuple[str, str]:
    env = dict(os.environ, TRANSLIT_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("TRANSLIT_GLOSSARY", None)
    proc = subprocess.run([sys.executable, "-c", CODE.format(compiler=COMPILER)], input=text, env=env,
                          capture_output=True, text=True, timeout=300)
    return proc.stdout, proc.stderr.strip().splitlines()[-1]


def test_the_second_run_reads_the_cache_without_loading_the_compiler(tmp_path):
    out, status = _run(tmp_path, "Budanov flew to Kiev.\n")
    assert out == "Budanov flew to Kyiv.\n"
    assert "'translit.match.build'" in status  # the first run compiled the bundled glossaries
    out, status = _run(tmp_path, "Zelensky met Budanov in Kiev.\n")
    assert out == "Zelenskyy met Budanov in Kyiv.\n"
    assert status.endswith("LOADED [] EXIT 0"), status


JSON_CODE = """
import sys
from translit.cli import main
sys.argv = ["translit", "normalize", "--format", "json", sys.argv[1]]
try:
    main()
except SystemExit as exc:
    code = exc.code
heavy = ("translit.documents.model", "translit.documents.html", "translit.documents.markdown") + {compiler!r}
print("LOADED", [m for m in heavy if m in sys.modules], "EXIT", code, file=sys.stderr)
"""


def test_json_on_a_text_file_loads_no_document_model(tmp_path):
    # --format json reads a .txt file whole through the documents path: plain text needs none of the
    # block model the markup formats use (start-up of every such run)
    env = dict(os.environ, TRANSLIT_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("TRANSLIT_GLOSSARY", None)
    src = tmp_path / "a.txt"
    src.write_text("Budanov flew to Kiev.\n", encoding="utf-8")
    _run(tmp_path, "warm the cache\n")
    proc = subprocess.run([sys.executable, "-c", JSON_CODE.format(compiler=COMPILER), str(src)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert '"canonical": "Kyiv"' in proc.stdout
    assert proc.stderr.strip().splitlines()[-1] == "LOADED [] EXIT 0"
