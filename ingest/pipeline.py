"""The ingest job: read → extract → resolve → load, for files and directories.

Reading and extraction run in worker processes (``workers > 1``); resolution and loading run in
the calling process, one document at a time, each document written by one atomic query. A file
that cannot be read is reported with its reason and skipped; the rest of the batch goes on.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from graph.loader import LoadResult, load_extraction
from ingest.models import Document, Extraction

log = logging.getLogger(__name__)

DEFAULT_FILE_TIMEOUT_S = 120


class FileFailure(BaseModel):
    path: str
    reason: str


class Processed(BaseModel):
    """What a worker returns for one file."""

    path: str
    extraction: Extraction | None = None
    text: str | None = None
    error: str | None = None


class IngestSummary(BaseModel):
    documents_read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    actors: int = 0
    relations: int = 0
    failed: list[FileFailure] = Field(default_factory=list)
    documents: list[LoadResult] = Field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


class ExtractionTimeout(Exception):
    """Reading and extracting one file took longer than the per-file limit."""


def _alarm(signum: int, frame: Any) -> None:  # noqa: ARG001
    raise ExtractionTimeout


def extract_file(
    path: Path, *, max_bytes: int, timeout_s: int = DEFAULT_FILE_TIMEOUT_S, source: str | None = None
) -> Processed:
    """Read and extract one file; never raises for a bad file (the error is in the result)."""
    from ingest.readers import ReadError, read_document

    # SIGALRM can only be armed in the main thread; elsewhere process_files runs us in a worker process.
    use_alarm = timeout_s > 0 and hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGALRM, _alarm) if use_alarm else None
    if use_alarm:
        signal.alarm(timeout_s)
    try:
        doc = read_document(path, max_bytes=max_bytes, source=source)
        extraction = extract(doc)
        return Processed(path=str(path), extraction=extraction, text=doc.text)
    except ReadError as exc:
        return Processed(path=str(path), error=exc.reason if hasattr(exc, "reason") else str(exc))
    except ExtractionTimeout:
        return Processed(path=str(path), error=f"reading and extraction took longer than {timeout_s}s")
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
        log.exception("extraction failed for %s", path)
        return Processed(path=str(path), error=f"extraction failed: {type(exc).__name__}: {exc}")
    finally:
        if use_alarm:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)


def extract(doc: Document) -> Extraction:
    """Entities and relations of one document (the extraction step)."""
    from ingest.extract import extract_document

    return extract_document(doc)


def _worker_init() -> None:
    logging.getLogger().setLevel(logging.WARNING)
    try:  # warm the pipeline once per worker
        from ingest.extract import get_nlp

        get_nlp()
    except ImportError:
        pass


def _extract_star(args: tuple[Path, int, int, str | None]) -> Processed:
    path, max_bytes, timeout_s, source = args
    return extract_file(path, max_bytes=max_bytes, timeout_s=timeout_s, source=source)


def process_files(
    paths: Iterable[Path],
    *,
    workers: int = 1,
    max_bytes: int = 20_000_000,
    timeout_s: int = DEFAULT_FILE_TIMEOUT_S,
    sources: dict[Path, str] | None = None,
) -> Iterator[Processed]:
    """Read and extract files, in order, in ``workers`` processes."""
    jobs = [(p, max_bytes, timeout_s, (sources or {}).get(p)) for p in paths]
    off_main = threading.current_thread() is not threading.main_thread()
    if workers <= 1 and not (off_main and timeout_s > 0 and jobs):
        for job in jobs:
            yield _extract_star(job)
        return
    # In a worker process the per-file time limit works (the job runs in that process's main thread).
    with ProcessPoolExecutor(max_workers=max(1, workers), initializer=_worker_init) as pool:
        yield from pool.map(_extract_star, jobs, chunksize=max(1, min(16, len(jobs) // (workers * 4) or 1)))


def ingest_files(
    store: Any,
    paths: list[Path],
    *,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
    workers: int = 1,
    max_bytes: int = 20_000_000,
    timeout_s: int = DEFAULT_FILE_TIMEOUT_S,
    aliases_file: Path | None = None,
    sources: dict[Path, str] | None = None,
    chunk_size: int = 500,
    progress: Callable[[str, Literal["ok", "failed"]], None] | None = None,
) -> IngestSummary:
    """Ingest files and directories into ``store``; returns what happened to each document."""
    from ingest.files import iter_input_files
    from ingest.resolve import Resolver

    files = list(iter_input_files([Path(p) for p in paths], include, exclude))
    resolver = Resolver.from_file(aliases_file, store=store)
    summary = IngestSummary()
    # Extract a chunk, learn the name links it states, then resolve and load it document by document:
    # bounded memory on large corpora, and resolution that does not depend on the order within a chunk.
    for start in range(0, len(files), chunk_size):
        chunk = files[start : start + chunk_size]
        processed = list(
            _with_progress(
                process_files(chunk, workers=workers, max_bytes=max_bytes, timeout_s=timeout_s, sources=sources),
                progress,
            )
        )
        resolver.learn([p.extraction for p in processed if p.extraction is not None])
        for item in processed:
            if item.extraction is None:
                summary.failed.append(FileFailure(path=item.path, reason=item.error or "unknown error"))
                continue
            extraction = resolver.resolve(item.extraction)
            result = load_extraction(store, extraction, item.text)
            summary.documents_read += 1
            summary.documents.append(result)
            setattr(summary, result.status, getattr(summary, result.status) + 1)
            summary.actors += result.actors
            summary.relations += result.relations
    log.info(
        "ingested %d documents (%d new, %d updated, %d unchanged), %d failed",
        summary.documents_read,
        summary.new,
        summary.updated,
        summary.unchanged,
        len(summary.failed),
    )
    return summary


def _with_progress(
    items: Iterable[Processed], progress: Callable[[str, Literal["ok", "failed"]], None] | None
) -> Iterator[Processed]:
    for item in items:
        if progress is not None:
            progress(item.path, "ok" if item.extraction is not None else "failed")
        yield item


def default_workers() -> int:
    return max(1, min(4, (os.cpu_count() or 1)))
