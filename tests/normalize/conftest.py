"""Fixtures for the normalizer tests and a closing table of recall and precision."""
from __future__ import annotations

import pytest

from .caselib import TALLIES, summary_lines


@pytest.fixture(scope="session")
def compiled_by_mode():  # type: ignore[no-untyped-def]
    """The test glossary compiled as written and with every variants list removed."""
    from translit.normalize import compile_glossary

    from .caselib import MODES, load_test_glossary

    return {mode: compile_glossary(load_test_glossary(mode)) for mode in MODES}


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # type: ignore[no-untyped-def]
    if not TALLIES:
        return
    terminalreporter.section("normalizer cases: recall and precision")
    for line in summary_lines(TALLIES):
        terminalreporter.write_line(line)
