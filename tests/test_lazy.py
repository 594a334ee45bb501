"""Packages with lazily imported names (translit.lazy): nothing loads until a name is asked for."""
from __future__ import annotations

import subprocess
import sys

import pytest


def test_a_lazy_name_loads_its_module_on_first_use_only() -> None:
    code = ("import sys, translit.tools as t, translit.glossary as g; "
            "print('translit.tools.fmt' in sys.modules, 'translit.glossary.load' in sys.modules); "
            "f = t.format_text; print('translit.tools.fmt' in sys.modules, t.__dict__['format_text'] is f, "
            "g.load_glossary.__module__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False", "True", "True", "translit.glossary.load"]


def test_an_unknown_name_is_an_attribute_error() -> None:
    import translit.match as match
    import translit.tools as tools

    with pytest.raises(AttributeError, match="'translit.tools' has no attribute 'nope'"):
        tools.nope  # noqa: B018
    assert callable(match.compile_entries)
    with pytest.raises(AttributeError):
        match.nope  # noqa: B018
