"""Glossaries: entries with house forms in English, Ukrainian and Russian, loaded from YAML.

Load with `load_glossary()`; every problem is a `GlossaryProblem` located at
`file:line:column`. See docs/glossary-format.md for the fields.

Names are imported on first use, so that finding which files to read
(`translit.glossary.paths`) does not load the YAML parser.
"""
from __future__ import annotations

from ..lazy import lazy_names

_WHERE = {
    "BUNDLED": "paths", "bundled_dir": "paths", "resolve_paths": "paths",
    "lint_paths": "load", "load_glossary": "load", "read_file": "load", "check_glossaries": "load",
    "LintReport": "load",
    "FIELDS": "model", "KINDS": "model", "Entry": "model", "Glossary": "model",
    "check": "rules", "form_key": "rules",
}

__all__ = sorted(_WHERE)
__getattr__ = lazy_names(__name__, _WHERE)
