"""The server stack is imported only when `translit serve` runs."""
from __future__ import annotations

import os
import subprocess
import sys


def test_cli_and_library_do_not_import_the_server_stack():
    code = ("import sys; from translit.cli import app; from typer.testing import CliRunner; "
            "r = CliRunner().invoke(app, ['normalize'], input='Kiev'); assert r.stdout == 'Kyiv', r.stdout; "
            "r = CliRunner().invoke(app, ['serve', '--help']); assert 'LibreTranslate' in r.stdout; "
            "import translit.detect; "
            "bad = [m for m in ('starlette', 'uvicorn', 'anyio', 'multipart', 'argostranslate', 'ctranslate2') "
            "if m in sys.modules]; assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True, env=os.environ.copy())
