"""translit: offline name normalization, romanization and translation for Ukrainian and Russian news.

Library entry points (the CLI is a thin layer over them):

- translit.glossary: load and check glossaries (`load_glossary`, `lint_paths`)
- translit.normalize: find and rewrite name mentions (`translit.normalize.normalize`, `find_matches`)
- translit.schemes: romanization and cyrillization by named standards
- translit.translate: offline translation with argostranslate models (optional extra)
- translit.reset_caches(): empty every in-process cache (translit.caches)
"""
from .caches import reset_caches

__version__ = "0.1.0"
__all__ = ["__version__", "reset_caches"]

