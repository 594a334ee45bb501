"""Engines that run a job over many documents: `local` (this process) and `ray` (a Ray cluster).

Both share everything but the map step (see `run`), so their outputs are
byte-identical and they read and write the same manifest.
"""
from .jobs import NormalizeJob, TranslateJob
from .run import DocResult, run_documents

__all__ = ["DocResult", "NormalizeJob", "TranslateJob", "run_documents"]
