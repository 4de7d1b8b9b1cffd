"""Documents: list, metadata with what was extracted, text, upload (ingest) and removal."""

from __future__ import annotations

import logging
import re
import tempfile
import unicodedata
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, File, HTTPException, Path, UploadFile
from fastapi.responses import PlainTextResponse

from api.deps import ReadAccess, SettingsDep, StoreDep, WriteAccess
from api.routers.common import (
    READ_ERRORS,
    TEXT_ERRORS,
    Limit,
    Offset,
    RegionParam,
    Year,
    not_found,
    region_filter,
    run_read,
)
from api.schemas import (
    ActorRef,
    Deleted,
    DocumentActor,
    DocumentDetail,
    DocumentPage,
    DocumentRelation,
    DocumentSummary,
    EvidenceSentence,
)
from api.settings import ingest_options
from graph.loader import remove_document
from graph.records import Genre
from ingest.pipeline import IngestSummary, ingest_files

log = logging.getLogger(__name__)

router = APIRouter(prefix="/documents", tags=["documents"], responses=READ_ERRORS)

DocumentId = Annotated[str, Path(min_length=1, max_length=200, description="document id (d_ + 16 hex digits)")]
_UNSAFE = re.compile(r"[^\w.\-]+")
_CHUNK = 1 << 16


@router.get("", response_model=DocumentPage, dependencies=[ReadAccess], summary="Document metadata, newest first")
def list_documents(
    store: StoreDep,
    settings: SettingsDep,
    region: RegionParam = None,
    year: Year = None,
    genre: Genre | None = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> DocumentPage:
    filters: dict[str, Any] = {"region": region_filter(store, region), "year": year, "genre": genre}
    total = int(run_read(store, settings, "api_document_count", filters).scalar() or 0)
    items: list[DocumentSummary] = []
    if offset < total:
        rows = run_read(store, settings, "api_document_list", {**filters, "skip": offset, "limit": limit}).records()
        items = [DocumentSummary(**r) for r in rows]
    return DocumentPage(total=total, offset=offset, limit=limit, items=items)


@router.get(
    "/{doc_id}",
    response_model=DocumentDetail,
    dependencies=[ReadAccess],
    summary="A document's metadata, its actors and its relations",
)
def get_document(doc_id: DocumentId, store: StoreDep, settings: SettingsDep) -> DocumentDetail:
    rows = run_read(store, settings, "api_document_detail", {"id": doc_id}).records()
    if not rows:
        raise not_found("document", doc_id)
    actors = run_read(store, settings, "api_document_actors", {"id": doc_id}).records()
    relations = run_read(store, settings, "api_document_relations", {"id": doc_id}).records()
    return DocumentDetail(
        **rows[0],
        actors=[DocumentActor(**a) for a in actors],
        relations=[
            DocumentRelation(
                rel_type=r["rel_type"],
                head=ActorRef(id=r["head"], name=r["head_name"], type=r["head_type"]),
                tail=ActorRef(id=r["tail"], name=r["tail_name"], type=r["tail_type"]),
                sentences=r["sentences"],
                modality=r["modality"],
                evidence=[EvidenceSentence(**e) for e in r["evidence"] or []],
            )
            for r in relations
        ],
    )


@router.get(
    "/{doc_id}/text",
    response_class=PlainTextResponse,
    dependencies=[ReadAccess],
    summary="A document's original text",
    responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}}, **TEXT_ERRORS},
)
def document_text(doc_id: DocumentId, store: StoreDep, settings: SettingsDep) -> PlainTextResponse:
    rows = run_read(store, settings, "api_document_text", {"id": doc_id}).records()
    if not rows:
        raise not_found("document", doc_id)
    return PlainTextResponse(rows[0]["text"] or "", media_type="text/plain; charset=utf-8")


@router.delete(
    "/{doc_id}",
    response_model=Deleted,
    dependencies=[WriteAccess],
    summary="Remove exactly one document's contribution (write key)",
)
def delete_document(doc_id: DocumentId, store: StoreDep, settings: SettingsDep) -> Deleted:
    if not run_read(store, settings, "api_document_detail", {"id": doc_id}).rows:
        raise not_found("document", doc_id)
    if not remove_document(store, doc_id):
        raise not_found("document", doc_id)
    log.info("document %s removed through the API", doc_id)
    return Deleted(id=doc_id, deleted=True)


def safe_filename(name: str | None, index: int) -> str:
    """A file name without directories, traversal or odd characters (Chinese letters are kept)."""
    base = unicodedata.normalize("NFC", (name or "").replace("\\", "/")).split("/")[-1]
    base = _UNSAFE.sub("_", base).strip("._")
    if not base:
        base = f"upload_{index}"
    stem, dot, ext = base.rpartition(".")
    if dot and stem:
        return f"{stem[:100]}.{ext[:10]}"
    return base[:110]


@router.post(
    "",
    dependencies=[WriteAccess],
    summary="Upload and ingest one or more documents (write key)",
    response_model=IngestSummary,
)
def upload_documents(
    store: StoreDep,
    settings: SettingsDep,
    files: Annotated[list[UploadFile], File(description="one or more documents (txt, html, pdf, docx)")],
) -> IngestSummary:
    if not files:
        raise HTTPException(status_code=422, detail="no files uploaded")
    if len(files) > settings.max_upload_files:
        raise HTTPException(status_code=413, detail=f"too many files: {len(files)} > {settings.max_upload_files}")
    total = 0
    with tempfile.TemporaryDirectory(prefix="innograph-upload-") as tmp:
        root = FilePath(tmp)
        paths: list[FilePath] = []
        sources: dict[FilePath, str] = {}
        for i, upload in enumerate(files):
            folder = root / f"{i:03d}"  # one folder per upload keeps the (cleaned) original name
            folder.mkdir()
            target = folder / safe_filename(upload.filename, i)
            if target.resolve().parent != folder.resolve():  # belt and braces: never outside the temp dir
                raise HTTPException(status_code=422, detail=f"unsafe file name {upload.filename!r}")
            size = 0
            with target.open("wb") as out:
                while chunk := upload.file.read(_CHUNK):
                    size += len(chunk)
                    total += len(chunk)
                    if size > settings.max_file_bytes:
                        raise HTTPException(
                            status_code=413, detail=f"file {upload.filename!r} exceeds {settings.max_file_bytes} bytes"
                        )
                    if total > settings.max_upload_bytes:
                        raise HTTPException(
                            status_code=413, detail=f"the upload exceeds {settings.max_upload_bytes} bytes"
                        )
                    out.write(chunk)
            paths.append(target)
            sources[target] = f"upload/{target.name}"  # a re-upload of the same name replaces the old version
        log.info("ingesting %d uploaded file(s), %d bytes", len(paths), total)
        # Handlers run in a thread pool, so ingest_files extracts in a worker process where the per-file
        # time limit (SIGALRM) works.
        options = ingest_options(settings)
        summary = ingest_files(
            store,
            paths,
            max_bytes=options.max_bytes,
            timeout_s=options.timeout_s,
            aliases_file=options.aliases_file,
            curation=options.curation(),
            sources=sources,
        )
        uploaded = {str(k): v for k, v in sources.items()}
        for failure in summary.failed:  # report the uploaded name, not the server's temporary path
            failure.path = sources.get(FilePath(failure.path), FilePath(failure.path).name)
        for outcome in summary.files:
            outcome.path = uploaded.get(outcome.path, FilePath(outcome.path).name)
            if outcome.duplicate_of is not None:
                outcome.duplicate_of = uploaded.get(outcome.duplicate_of, FilePath(outcome.duplicate_of).name)
            if outcome.reason:
                for tmp, name in uploaded.items():
                    outcome.reason = outcome.reason.replace(tmp, name)
        return summary
