"""Offline translation with argostranslate models (CTranslate2 + SentencePiece).

Heavy libraries (ctranslate2, sentencepiece, minisbd/onnxruntime) are imported
only when a model is loaded; argostranslate.translate (and with it torch) never is.

- `packages`: installed models, install/validate/download/remove, routes (direct or via English)
- `segment`, `sentences`: document lines and sentences, no run-time downloads
- `engine`: one loaded model, batched decoding identical to argostranslate's
- `pipeline`: documents → translations; `enforce`: glossary names in house forms
- `batch`: resumable batch runs with a manifest; `fixture`: hand-built test packages
"""
from .packages import MissingModelError, ModelInfo, find_model, install_file, install_pair, installed_models, remove_pair, route
from .pipeline import DocumentTranslation, translate_texts

__all__ = [
    "DocumentTranslation", "MissingModelError", "ModelInfo", "find_model", "install_file", "install_pair",
    "installed_models", "remove_pair", "route", "translate_texts",
]
