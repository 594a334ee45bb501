"""Glossaries: entries with house forms in English, Ukrainian and Russian, loaded from YAML.

Load with `load_glossary()`; every problem is a `GlossaryProblem` located at
`file:line:column`. See README "Glossary format" for the fields.
"""
from .load import BUNDLED, bundled_dir, lint_paths, load_glossary, read_file, resolve_paths
from .model import FIELDS, KINDS, Entry, Glossary
from .rules import check, form_key

__all__ = [
    "BUNDLED", "FIELDS", "KINDS", "Entry", "Glossary", "bundled_dir", "check", "form_key",
    "lint_paths", "load_glossary", "read_file", "resolve_paths",
]
