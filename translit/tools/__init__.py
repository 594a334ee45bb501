"""Glossary tools: the work an editor does on glossary files, above loading and matching.

- `fmt`: canonical layout, comments kept (`format_file`, `format_text`)
- `add`, `derive`: a new entry from one form, the other forms derived (`build_entry`, `append_entries`)
- `suggest`: spellings in texts that look like glossary names (`suggest`, `render_yaml`)
- `exchange`: CSV/TSV/JSON pairs and TBX in and out (`import_pairs`, `export_tbx`...)
- `diff`, `stats`: entry-level changes between two versions, counts (`diff_entries`, `glossary_stats`)
- `layout`: how an entry is written (field order, quoting, apostrophes)
- `lookup`: everything about one entry (`describe`)

Names are imported on first use, so that one tool does not load what the others need.
"""
from __future__ import annotations

from ..lazy import lazy_names

_WHERE = {
    "AddError": "add", "NewEntry": "add", "DERIVED_COMMENT": "add", "append_entries": "add",
    "build_entry": "add", "check_new": "add", "default_file": "add",
    "Derivation": "derive", "derive_forms": "derive", "find_given": "derive", "slugify": "derive",
    "Change": "diff", "diff_entries": "diff", "read_side": "diff", "read_git_side": "diff",
    "export_pairs": "exchange", "export_tbx": "exchange", "import_pairs": "exchange", "import_tbx": "exchange",
    "parse_pair": "exchange", "plan_import": "exchange",
    "FormatError": "fmt", "format_file": "fmt", "format_text": "fmt",
    "render_entry": "layout", "tidy_form": "layout",
    "describe": "lookup",
    "Stats": "stats", "glossary_stats": "stats",
    "Suggestions": "suggest", "render_yaml": "suggest",
}

__all__ = sorted(_WHERE)
__getattr__ = lazy_names(__name__, _WHERE)
