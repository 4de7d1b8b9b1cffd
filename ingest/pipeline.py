"""The ingest job: read → extract → resolve → load, for files and directories.

Reading and extraction run in worker processes (``workers > 1``); resolution and loading run in
the calling process, one document at a time, each document written by one atomic query. A file
that cannot be read is reported with its reason and skipped; the rest of the batch goes on.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from graph.errors import GraphError
from graph.loader import LoadResult, StatusIndex, load_extraction
from ingest.jurisdiction import DocJurisdiction, decide
from ingest.models import Document, Extraction
from ingest.places import locate

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


class FileOutcome(BaseModel):
    """What became of one file that was read: its document and, when it was skipped, why."""

    path: str
    doc_id: str
    status: Literal["new", "updated", "unchanged"]
    reason: str | None = None  # why an unchanged file was skipped
    duplicate_of: str | None = None  # the file of this run that had the same text first


class IngestSummary(BaseModel):
    documents_read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    actors: int = 0  # distinct actors of the documents read (an actor of two documents counts once)
    mentions: int = 0  # actors per document, summed
    relations: int = 0
    failed: list[FileFailure] = Field(default_factory=list)
    documents: list[LoadResult] = Field(default_factory=list)
    files: list[FileOutcome] = Field(default_factory=list)

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
    if use_alarm:
        warm_up()  # building the pipeline (seconds) is not the file's time
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


#: A document longer than this is extracted in parts of at most this many characters, cut at line ends.
CHUNK_CHARS = 1_000_000


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    r"""Parts ``[start, end)`` covering ``text``, each at most ``size`` characters, cut after a newline
    where one is near (else after a full stop, else anywhere).

    >>> chunk_bounds("甲。\n乙。\n丙。", size=4)
    [(0, 3), (3, 6), (6, 8)]
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        cut = text.rfind("\n", start + size // 2, end)
        if cut < 0:
            cut = text.rfind("。", start + size // 2, end)
        end = cut + 1 if cut >= 0 else end
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _shift(ex: Extraction, offset: int) -> Extraction:
    """``ex`` of a part starting at ``offset``, with every span moved into the whole text."""

    def move(span: Any) -> Any:
        return span.model_copy(update={"start": span.start + offset, "end": span.end + offset})

    entities = [e.model_copy(update={"mentions": [move(m) for m in e.mentions]}) for e in ex.entities]
    relations = [r.model_copy(update={"evidence": [move(v) for v in r.evidence]}) for r in ex.relations]
    indicators = [
        i.model_copy(update={"evidence": move(i.evidence) if i.evidence is not None else None}) for i in ex.indicators
    ]
    return ex.model_copy(update={"entities": entities, "relations": relations, "indicators": indicators})


def extract_document(doc: Document, where: DocJurisdiction | None = None) -> Extraction:
    """The extraction step for one document (or one part of it): its jurisdiction decided once
    (``ingest.jurisdiction``), then entities, relations and indicators, each given that decision."""
    from ingest.extract import extract_entities, issuer_entity, relation_only
    from ingest.indicators import extract_indicators
    from ingest.relations import extract_relations
    from ingest.sentences import split_sentences

    where = where if where is not None else decide(doc)
    entities = extract_entities(doc, where)
    issuer = issuer_entity(doc, entities)  # the metadata's issuer, an actor even where header lines are blanked
    if issuer is not None:
        entities.append(issuer)
    sentences = split_sentences(doc.text)
    found = extract_relations(doc, sentences, entities, where)
    entities, relations = [*entities, *found.implicit], found.relations  # with the implicit actors they use
    used = {r.head for r in relations} | {r.tail for r in relations}
    entities = [e for e in entities if e.id in used or not relation_only(e)]
    indicators = extract_indicators(doc, sentences, where)
    return Extraction(document=doc.meta, entities=entities, relations=relations, indicators=indicators)


def _extract_in_parts(doc: Document, size: int) -> Extraction:
    from ingest.relations import merge_relations

    where = decide(doc)  # the whole document's, not each part's
    entities: dict[str, Any] = {}
    relations = []
    indicators = []
    for start, end in chunk_bounds(doc.text, size):
        part = _shift(extract_document(Document(meta=doc.meta, text=doc.text[start:end]), where), start)
        for e in part.entities:
            kept = entities.get(e.id)
            if kept is None:
                entities[e.id] = e
            else:
                kept.mentions.extend(e.mentions)
                kept.aliases = sorted(set(kept.aliases) | set(e.aliases))
                kept.implicit = kept.implicit and e.implicit
        relations.extend(part.relations)
        indicators.extend(part.indicators)
    return Extraction(
        document=doc.meta,
        entities=list(entities.values()),
        relations=merge_relations(relations),
        indicators=indicators,
    )


def extract(doc: Document, *, chunk_chars: int = CHUNK_CHARS) -> Extraction:
    """Entities, relations and indicators of one document (the extraction step), stamped with the
    extractor version. A document longer than ``chunk_chars`` is extracted part by part (each part a
    run of whole lines, all with the whole document's jurisdiction) and the parts' findings are
    joined, offsets into the whole text. ``doc`` is left as it was."""
    ex = extract_document(doc) if len(doc.text) <= chunk_chars else _extract_in_parts(doc, chunk_chars)
    return ex.model_copy(update={"document": ex.document.model_copy(update={"extractor": extractor_version()})})


@functools.lru_cache(maxsize=1)
def extractor_version() -> str:
    """A fingerprint of the extraction code and data (rules, patterns, gazetteers): when it changes,
    re-ingesting an unchanged document replaces its contribution instead of skipping it."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha1()
    for folder in (
        "extract",
        "relations",
        "indicators",
        "gazetteer",
        "resolve_data",
        "jurisdiction_data",
        "boilerplate_data",
    ):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".yaml", ".yml", ".tsv", ".txt", ".json", ".jsonl"}:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    for name in ("text.py", "sentences.py", "resolve.py", "metadata.py", "jurisdiction.py", "boilerplate.py"):
        digest.update((root / name).read_bytes())
    return digest.hexdigest()[:12]


@functools.lru_cache(maxsize=1)
def warm_up() -> None:
    """Build everything extraction loads lazily (pipeline, gazetteers, relation and indicator data) by
    extracting one small document, so that no file's time limit pays for it."""
    from ingest.models import DocumentMeta

    text = "甲市科学技术局2020年工作总结\n南京大学与甲市星河电子有限公司签订合作协议。高新技术企业达到10家。\n"
    extract(Document(meta=DocumentMeta(id="d_warm_up", chars=len(text)), text=text))


def _worker_init() -> None:
    logging.getLogger().setLevel(logging.WARNING)
    warm_up()  # once per worker


def _extract_star(args: tuple[Path, int, int, str | None]) -> Processed:
    path, max_bytes, timeout_s, source = args
    return extract_file(path, max_bytes=max_bytes, timeout_s=timeout_s, source=source)


def _jobs(
    paths: Iterable[Path], max_bytes: int, timeout_s: int, sources: dict[Path, str] | None
) -> list[tuple[Path, int, int, str | None]]:
    return [(p, max_bytes, timeout_s, (sources or {}).get(p)) for p in paths]


def _needs_pool(workers: int, timeout_s: int) -> bool:
    # Off the main thread (an API handler) the per-file alarm cannot be armed in this process: a worker
    # process runs the job in its own main thread, where it can.
    off_main = threading.current_thread() is not threading.main_thread()
    return workers > 1 or (off_main and timeout_s > 0)


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=max(1, workers), initializer=_worker_init)


def process_files(
    paths: Iterable[Path],
    *,
    workers: int = 1,
    max_bytes: int = 20_000_000,
    timeout_s: int = DEFAULT_FILE_TIMEOUT_S,
    sources: dict[Path, str] | None = None,
) -> Iterator[Processed]:
    """Read and extract files, in order, in ``workers`` processes."""
    jobs = _jobs(paths, max_bytes, timeout_s, sources)
    if not jobs:
        return
    if not _needs_pool(workers, timeout_s):
        for job in jobs:
            yield _extract_star(job)
        return
    with _pool(workers) as pool:
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
    curation: list[Any] | None = None,
) -> IngestSummary:
    """Ingest files and directories into ``store``; returns what happened to each document.

    Files are taken in chunks: a chunk is extracted, the name links it states are learned, the stored
    status of its documents is read (one query), then its documents are resolved and loaded one by one,
    each by one atomic query (bounded memory; resolution independent of the order within a chunk).
    With worker processes, the next chunk is being extracted while this one loads.
    ``curation``: the decisions of the curation log, applied to every document after resolution
    (:mod:`ingest.curation`).
    """
    from ingest.curation import curate
    from ingest.files import scan_inputs
    from ingest.resolve import Resolver

    scan = scan_inputs([Path(p) for p in paths], include, exclude)
    files = scan.files
    resolver = Resolver.from_file(aliases_file, store=store)
    summary = IngestSummary()
    for where, reason in scan.skipped:  # every entry of the input that is not read, with its reason
        summary.failed.append(FileFailure(path=str(where), reason=reason))
    actor_ids: set[str] = set()
    seen: dict[str, str] = {}  # document id -> the first file of this run that had its text
    chunks = [files[i : i + chunk_size] for i in range(0, len(files), chunk_size)]
    pool = _pool(workers) if chunks and _needs_pool(workers, timeout_s) else None

    def start(chunk: list[Path]) -> Any:
        jobs = _jobs(chunk, max_bytes, timeout_s, sources)
        if pool is None:
            return (_extract_star(job) for job in jobs)  # lazily, in this process
        return [pool.submit(_extract_star, job) for job in jobs]

    def results(handle: Any) -> Iterator[Processed]:
        for item in handle:
            yield item.result() if pool is not None else item

    try:
        pending = start(chunks[0]) if chunks else None
        for k in range(len(chunks)):
            processed = list(_with_progress(results(pending), progress))
            pending = start(chunks[k + 1]) if k + 1 < len(chunks) and pool is not None else None
            resolver.learn([p.extraction for p in processed if p.extraction is not None])
            status = StatusIndex.read(store, [p.extraction.document for p in processed if p.extraction is not None])
            for item in processed:
                if item.extraction is None:
                    summary.failed.append(FileFailure(path=item.path, reason=item.error or "unknown error"))
                    continue
                try:
                    resolved = locate(resolver.resolve(item.extraction))
                    if curation:
                        resolved = curate(resolved, curation)
                    result = load_extraction(store, resolved, item.text, status=status)
                except GraphError as exc:
                    # One document's store error is that document's failure: its load is one atomic
                    # query, so nothing of it landed; the rest of the batch goes on.
                    log.warning("%s: not loaded: %s", item.path, exc)
                    summary.failed.append(FileFailure(path=item.path, reason=f"could not be loaded: {exc}"))
                    continue
                summary.documents_read += 1
                summary.documents.append(result)
                setattr(summary, result.status, getattr(summary, result.status) + 1)
                actor_ids.update(e.id for e in resolved.entities)
                summary.actors = len(actor_ids)
                summary.mentions += len(resolved.entities)
                summary.relations += result.relations
                summary.files.append(
                    FileOutcome(
                        path=item.path,
                        doc_id=result.doc_id,
                        status=result.status,
                        reason=_skip_reason(result.doc_id, seen) if result.status == "unchanged" else None,
                        duplicate_of=seen.get(result.doc_id),
                    )
                )
                seen.setdefault(result.doc_id, item.path)
            if pool is None and k + 1 < len(chunks):
                pending = start(chunks[k + 1])
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    if curation:
        sync_added_relations(store, curation)
    log.info(
        "ingested %d documents (%d new, %d updated, %d unchanged), %d failed",
        summary.documents_read,
        summary.new,
        summary.updated,
        summary.unchanged,
        len(summary.failed),
    )
    return summary


def sync_added_relations(store: Any, decisions: list[Any]) -> None:
    """Load (or remove) the curation document that holds the relations people added."""
    from graph.loader import remove_document
    from ingest.curation import CURATION_DOC_ID, added_relations, curation_text

    extraction = added_relations(decisions)
    if extraction is None:
        remove_document(store, CURATION_DOC_ID)
        return
    load_extraction(store, locate(extraction), curation_text(extraction))


def apply_curation(store: Any, decisions: list[Any], names: set[str], *, aliases_file: Path | None = None) -> int:
    """Bring the graph in line with the curation log now: the documents that mention any of ``names``
    are extracted again from their stored text and replaced, with the decisions applied; the relations
    people added are reloaded. Returns the number of documents re-derived."""
    from ingest.curation import curate
    from ingest.metadata import build_document
    from ingest.resolve import Resolver

    rows = store.read("curation_documents", {"names": sorted(names)}, timeout_ms=0).records() if names else []
    docs = []
    for r in rows:
        path = Path(r["path"]) if r.get("path") else None
        fmt, encoding = r.get("format"), r.get("encoding")
        docs.append(build_document(path, r["text"], fmt=fmt, encoding=encoding, source=r["source"]))
    extractions = [extract(d) for d in docs]
    resolver = Resolver.from_file(aliases_file, store=store)
    resolver.learn(extractions)
    for doc, ex in zip(docs, extractions, strict=True):
        load_extraction(store, curate(locate(resolver.resolve(ex)), decisions), doc.text)
    sync_added_relations(store, decisions)
    return len(docs)


def _skip_reason(doc_id: str, seen: dict[str, str]) -> str:
    if doc_id in seen:
        return f"the same text as {seen[doc_id]}, read earlier in this run (document {doc_id})"
    return f"the same text is already in the graph, extracted by this extractor version (document {doc_id})"


def _with_progress(
    items: Iterable[Processed], progress: Callable[[str, Literal["ok", "failed"]], None] | None
) -> Iterator[Processed]:
    for item in items:
        if progress is not None:
            progress(item.path, "ok" if item.extraction is not None else "failed")
        yield item


def default_workers() -> int:
    return max(1, min(4, (os.cpu_count() or 1)))
