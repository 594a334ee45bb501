"""README and docs/: short README, CI in step with it, generated pages up to date, no links outside."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def test_readme_is_short() -> None:
    assert README.stat().st_size <= 10_000, f"README.md is {README.stat().st_size} bytes; move reference to docs/"


def test_ci_runs_exactly_the_two_readme_commands_and_the_type_check() -> None:
    quickstart = README.read_text(encoding="utf-8").split("<!-- section:quickstart -->")[1].split(
        "<!-- /section:quickstart -->")[0]
    readme = [block.strip() for block in re.findall(r"```sh\n(.*?)```", quickstart, re.S)]
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
          if line.strip() and not line.startswith(("#", "set ", "cd ", "rm "))
          and not line.strip().startswith(("if ", "fi", "apt-get "))]      # system packages the tests need
    # then the type check (issue 10), which is not a user's set-up step
    assert len(readme) == 2 and [line.removesuffix(" || exit $?") for line in ci] == [*readme, ".venv/bin/python -m mypy"]
    # set -e does not stop inside an && list: a README command that fails must end the run itself
    assert all(line.endswith(" || exit $?") for line in ci[:2])


def test_generated_docs_are_up_to_date() -> None:
    """docs/cli.md is --help; entry counts and the schemes table are generated from the data."""
    done = subprocess.run([sys.executable, "-m", "translit.cli.docs", "--check"], capture_output=True, text=True,
                          timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr


def test_docs_drift_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check fails on a stale page (an old count, a missing command) and the rewrite fixes it."""
    import shutil

    from translit.cli import docs

    copy = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", copy)
    data = copy / "data.md"
    data.write_text(re.sub(r"\d+ entries, \d+ variants", "1 entries, 2 variants", data.read_text(encoding="utf-8")),
                    encoding="utf-8")
    cli = copy / "cli.md"
    cli.write_text(cli.read_text(encoding="utf-8").replace("## `translit lookup`", "## `translit gone`"),
                   encoding="utf-8")
    monkeypatch.setattr(docs, "DOCS", copy)
    assert docs.main(["--check"]) == 1
    assert docs.main([]) == 0
    assert docs.main(["--check"]) == 0
    assert (copy / "data.md").read_text(encoding="utf-8") == (ROOT / "docs" / "data.md").read_text(encoding="utf-8")


def test_readme_links_every_docs_page() -> None:
    text = README.read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\((docs/[\w.-]+\.md)(?:#[\w-]+)?\)", text))
    pages = {f"docs/{p.name}" for p in (ROOT / "docs").glob("*.md")}
    assert linked == pages
    for topic in ("glossary-format", "schemes", "normalize", "translate", "glossary-tools", "python-api",
                  "exit-codes", "cli"):
        assert f"docs/{topic}.md" in linked


def test_links_between_docs_resolve() -> None:
    for page in [README, *(ROOT / "docs").glob("*.md")]:
        for target in re.findall(r"\]\(([\w./-]+\.md)(?:#[\w-]+)?\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).is_file(), f"{page.name}: broken link {target}"


# Phrases that point at things outside the repository: other people's machines, issues, notes.
OUTSIDE = re.compile(r"this project's machine|normalizer issue|product card|the brief|closing note|/work/|"
                     r"\.\./shared|(?<![\w-])api\.md|design\.md|style\.md", re.I)


def test_nothing_points_outside_the_repository() -> None:
    files = [README, ROOT / "pyproject.toml", ROOT / ".ci" / "run", ROOT / ".pre-commit-hooks.yaml",
             *(ROOT / "docs").glob("*.md"), *(ROOT / "translit").rglob("*.py"), *(ROOT / "translit").rglob("*.yaml"),
             *(ROOT / "bench").glob("*.py"), *(ROOT / "glossaries").glob("*.yaml"), *(ROOT / "examples").glob("*")]
    # tests may name ../shared: the third-party corpus they require under CI (tests/conftest.py)
    files += [p for p in (ROOT / "tests").rglob("*.py") if p.name not in ("conftest.py", "test_seed_article.py",
                                                                            "test_docs.py")]
    found = [f"{p.relative_to(ROOT)}:{n}: {line.strip()}" for p in files if p.is_file()
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if OUTSIDE.search(line)]
    assert found == []


def test_no_test_skips_over_a_missing_translit_module() -> None:
    """importorskip of translit's own modules turns a broken import into a green run."""
    found = [str(p.relative_to(ROOT)) for p in (ROOT / "tests").rglob("*.py")
             if re.search(r"importorskip\(\s*['\"]translit", p.read_text(encoding="utf-8"))]
    assert found == []


def test_test_oracles_are_not_runtime_dependencies() -> None:
    """translitua and iuliia check our scheme tables in tests; the library never imports them."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = " ".join(project["dependencies"])
    assert "translitua" not in runtime and "iuliia" not in runtime
    dev = " ".join(project["optional-dependencies"]["dev"])
    assert "translitua" in dev and "iuliia" in dev
    imports = [str(p.relative_to(ROOT)) for p in (ROOT / "translit").rglob("*.py")
               if re.search(r"^\s*(import|from)\s+(translitua|iuliia)\b", p.read_text(encoding="utf-8"), re.M)]
    assert imports == []
