"""The pre-commit hooks and the help of every glossary command."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from translit.cli import app
from translit.cli.glossary import glossary_app

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = [c.name for c in glossary_app.registered_commands]


def test_pre_commit_hooks_run_translit_on_glossaries() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert set(hooks) == {"translit-glossary-lint", "translit-glossary-fmt", "translit-glossary-fmt-check"}
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["entry"].startswith("translit glossary ")
        assert re.search(hook["files"], "glossaries/people.yaml")
        assert not re.search(hook["files"], "src/app.py")
    assert hooks["translit-glossary-lint"]["pass_filenames"] is False  # cross-file rules need every file


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples(runner, command: str) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["glossary", command, "--help"], terminal_width=200)
    assert result.exit_code == 0
    assert "Examples" in result.stdout and f"translit glossary {command}" in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_docs(command: str) -> None:
    page = (ROOT / "docs" / "glossary-tools.md").read_text(encoding="utf-8")
    assert f"translit glossary {command}" in page
