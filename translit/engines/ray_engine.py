"""The Ray engine: Ray Data reads the inputs and spreads the units over actors that load the work once.

    read_binary_files(inputs)          local paths, file://, s3://, gs://... (pyarrow / fsspec filesystems)
      → flat_map(explode)              one row per record or text block, same code as the local engine
      → map_batches(_Actor, concurrency=cluster CPUs)
                                        each actor loads the glossary (and the models) once
      → iter_rows() on the driver      which writes outputs and the manifest (engines.run)

Rows come back in input order (`preserve_order`), so the driver writes each
document as its rows arrive. Ray restarts a crashed actor and retries its batch
(`max_restarts`/`max_task_retries` -1). Ray's own progress bars are off; the
driver shows one bar for the whole run. Needs the `[ray]` extra.
"""
from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Iterator
from typing import Any

from ..errors import TranslitError, UsageError
from .jobs import Doc, explode

__all__ = ["BATCH_UNITS", "init_ray", "ray_rows"]

BATCH_UNITS = int(os.environ.get("TRANSLIT_RAY_BATCH", "16"))     # units per actor call
_ENV = ("TRANSLIT_CACHE_DIR", "ARGOS_PACKAGES_DIR", "ARGOS_DEVICE_TYPE", "ARGOS_INTRA_THREADS", "XDG_DATA_HOME",
        "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "HOME")


def init_ray(address: str | None) -> Any:
    """Connect to `address` (`ray://host:10001`, `host:6379`, `auto`), or start a local Ray."""
    try:
        import ray
    except ImportError:
        raise UsageError("--engine ray needs Ray: pip install 'translit[ray]'") from None
    if not ray.is_initialized():
        if address:
            ray.init(address=address, log_to_driver=False, logging_level=logging.ERROR)
        else:  # a local Ray: the workers see this machine's models, caches and settings
            env = {k: os.environ[k] for k in _ENV if k in os.environ}
            ray.init(include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR,
                     runtime_env={"env_vars": env})
    return ray


def _fs_path(source: str) -> str:
    """The path Ray Data reports for a source (no scheme)."""
    if source.startswith("file://"):
        return source[len("file://"):]
    return source.split("://", 1)[1] if "://" in source else source


def _explode(row: dict[str, Any], job: Any, docs: dict[str, Doc]) -> list[dict[str, Any]]:
    import io

    return [_flat(r) for r in explode(job, docs[row["path"]], io.BytesIO(row["bytes"]))]


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    """Arrow-friendly: no None values (empty values and flags instead)."""
    return {"doc": row["doc"], "seq": row["seq"], "has_text": row["text"] is not None, "text": row["text"] or "",
            "record": row["record"] or b"", "nbytes": row["nbytes"], "last": row["last"], "error": row["error"] or "",
            "kind": row["kind"], "data": row["data"]}


class _Actor:
    """One per actor: the job's worker (glossary, models) is built once, in the constructor."""

    def __init__(self, job: Any):
        self.worker = job.worker()

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa  # type: ignore[import-untyped]

        rows = batch.to_pylist()
        units = [{**r, "text": r["text"] if r["has_text"] else None, "record": r["record"] or None}
                 for r in rows if (r["has_text"] or r["kind"]) and not r["last"] and r["seq"] >= 0]
        results = self.worker(units) if units else []
        units_rows = [r for r in rows if (r["has_text"] or r["kind"]) and not r["last"] and r["seq"] >= 0]
        by_id = {id(r): pickle.dumps(res) for r, res in zip(units_rows, results)}
        for r in rows:
            r["result"] = by_id.get(id(r), b"")
        return pa.Table.from_pylist(rows)


def ray_rows(job: Any, docs: list[Doc], address: str | None) -> Iterator[tuple[dict[str, Any], Any]]:
    """(row, result) pairs for every unit of `docs`, computed by Ray actors, in input order."""
    if not docs:
        return
    ray = init_ray(address)
    from ray.data import DataContext

    ctx = DataContext.get_current()
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    by_path = {_fs_path(d.source): d for d in docs}
    cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
    # reading and cutting into units is light: it must not hold CPUs the actors need
    ds = ray.data.read_binary_files([d.source for d in docs], include_paths=True, override_num_blocks=len(docs),
                                    num_cpus=0.1)
    ds = ds.flat_map(_explode, fn_kwargs={"job": job, "docs": by_path}, num_cpus=0.1)
    # Ray Data gives actor pools max_restarts=-1 and max_task_retries=-1: a dead actor is replaced, its batch redone
    ds = ds.map_batches(_Actor, fn_constructor_kwargs={"job": job}, batch_size=BATCH_UNITS, batch_format="pyarrow",
                        compute=ray.data.ActorPoolStrategy(min_size=1, max_size=cpus), num_cpus=1)
    try:
        rows = iter(ds.iter_rows())
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception as exc:  # Ray's errors carry remote tracebacks: one line for the user
                raise EngineError(f"the Ray run failed: {_first_line(exc)}") from exc
            out = {"doc": row["doc"], "seq": row["seq"], "text": row["text"] if row["has_text"] else None,
                   "record": row["record"] or None, "nbytes": row["nbytes"], "last": row["last"],
                   "error": row["error"] or None, "kind": row["kind"], "data": b""}
            yield out, pickle.loads(row["result"]) if row["result"] else None
    finally:
        ds = None


class EngineError(TranslitError):
    """The engine itself failed (a worker that cannot start, a lost cluster): exit 3."""

    exit_code = 3


def _first_line(exc: BaseException) -> str:
    lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip() and not ln.startswith(" ")]
    tail = [ln for ln in lines if "Error" in ln or "error" in ln]
    return (tail[-1] if tail else lines[0] if lines else type(exc).__name__)[:300]
