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
