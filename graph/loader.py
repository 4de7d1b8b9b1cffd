"""Load one document's extraction into the graph, replace an older version, or remove it exactly.

Each document's contribution is written by ONE query (``cypher/load/load_document.cypher``),
replaced by one (``replace_document.cypher``: the older versions removed and the new one written) and
removed by one (``remove_document.cypher``); a single FalkorDB query is atomic (and replayed whole
from the append-only file), and on Neo4j it runs in one transaction. So a document lands whole or
not at all, and a crash mid-batch leaves only whole documents behind.

Whether a document is new, a new version or unchanged is read from the stored documents' status:
per document (:func:`load_extraction` alone) or once for a chunk of documents
(:class:`StatusIndex`, which the ingest job keeps up to date as it loads the chunk).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from typing import Any, Literal

from pydantic import BaseModel

from graph.records import DocumentMeta, Extraction, Relation, indicator_rows
from graph.store import GraphStore
from graph.vocabulary import canonical_ends

log = logging.getLogger(__name__)


class LoadResult(BaseModel):
    doc_id: str
    status: Literal["new", "updated", "unchanged"]
    replaced: list[str] = []
    actors: int = 0
    relations: int = 0
    indicators: int = 0


def relation_key(rel_type: str, head: str, tail: str) -> tuple[str, str, str]:
    """Endpoints in canonical order (symmetric types are stored once, head < tail)."""
    return rel_type, *canonical_ends(rel_type, head, tail)


def _year(rel: Relation, meta: DocumentMeta) -> tuple[int | None, str | None]:
    """The year of a relation's evidence and where it comes from: the text (the sentence or its section,
    as the relation step found it), else the document's report or plan year (by the relation's
    modality), else — last resort — the document's date, marked ``date``."""
    if rel.year is not None:
        return rel.year, "text"
    document_year = meta.plan_year if rel.modality == "plan" else meta.report_year
    if document_year is None:
        document_year = meta.report_year or meta.plan_year
    if document_year is not None:
        return document_year, "document"
    return (meta.date.year, "date") if meta.date else (None, None)


def build_params(extraction: Extraction, text: str | None = None) -> dict[str, Any]:
    """The parameters of ``load_document`` for one extraction."""
    meta = extraction.document
    doc: dict[str, Any] = {
        k: v
        for k, v in {
            "id": meta.id,
            "source": meta.source or meta.path,
            "path": meta.path,
            "title": meta.title,
            "issuer": meta.issuer,
            "date": meta.date.isoformat() if meta.date else None,
            # the year the document is about (its report year), else the year it is dated
            "year": meta.report_year or (meta.date.year if meta.date else None),
            "doc_number": meta.doc_number,
            "region": meta.region,
            "region_path": meta.region_path or None,
            "province": meta.province,
            "report_year": meta.report_year,
            "plan_year": meta.plan_year,
            "genre": meta.genre,
            "format": meta.format,
            "encoding": meta.encoding,
            "chars": meta.chars,
            "text": text,
            "status": "complete",
            "ingested_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "extractor": meta.extractor,
        }.items()
        if v is not None
    }
    actors = []
    for e in extraction.entities:
        surfaces = list(dict.fromkeys([e.name, *e.aliases, *(m.text for m in e.mentions)]))
        actors.append(
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "subtype": e.subtype,
                "level": e.level,
                "region": e.region,
                "region_path": e.region_path,
                "region_source": e.region_source,
                "surfaces": surfaces,
                "count": len(e.mentions),
                "implicit": e.implicit and not e.mentions,
                "merges": e.merges,
            }
        )
    known = {e.id for e in extraction.entities}
    evidence: list[dict[str, Any]] = []
    keys: dict[str, dict[str, str]] = {}
    for rel in extraction.relations:
        if rel.head not in known or rel.tail not in known:
            log.warning(
                "document %s: relation %s %s->%s names an unknown entity; skipped",
                meta.id,
                rel.type,
                rel.head,
                rel.tail,
            )
            continue
        rtype, head, tail = relation_key(rel.type, rel.head, rel.tail)
        key = f"{rtype}|{head}|{tail}"
        keys[key] = {"key": key, "type": rtype, "head": head, "tail": tail}
        year, year_source = _year(rel, meta)
        for ev in rel.evidence or []:
            ev_id = hashlib.sha1(f"{meta.id}|{key}|{ev.start}|{ev.end}".encode()).hexdigest()[:20]
            evidence.append(
                {
                    "id": "e_" + ev_id,
                    "doc_id": meta.id,
                    "key": key,
                    "rel_type": rtype,
                    "head": head,
                    "tail": tail,
                    # a relation taken from the gazetteer (a district in its city) is stated by no sentence:
                    # its evidence records only where the document names the place
                    "text": ev.text if rel.source == "text" else None,
                    "start": ev.start,
                    "end": ev.end,
                    "year": year,
                    "year_source": year_source,
                    "modality": rel.modality,
                    "rule": rel.rule,
                    "confidence": rel.confidence,
                    "source": rel.source,
                }
            )
    # one evidence per sentence and key, even if two rules found it
    unique = list({e["id"]: e for e in evidence}.values())
    return {"doc": doc, "actors": actors, "evidence": unique, "keys": key_contributions(keys, unique)}


def key_contributions(keys: dict[str, dict[str, str]], evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What this document adds to each relationship it supports, from its own evidence.

    ``load_document`` adds these to the relationship's totals; keys without evidence add
    nothing and are left out (a relationship exists only while some evidence supports it)."""
    by_key: dict[str, list[dict[str, Any]]] = {}
    for e in evidence:
        by_key.setdefault(e["key"], []).append(e)
    out = []
    for key, k in keys.items():
        evs = by_key.get(key)
        if not evs:
            continue
        years = sorted({e["year"] for e in evs if e["year"] is not None})
        confidences = [e["confidence"] for e in evs if e["confidence"] is not None]
        out.append(
            {
                **k,
                "weight": len(evs),
                "fact_weight": sum(1 for e in evs if e["modality"] == "fact"),
                "first_year": years[0] if years else None,
                "last_year": years[-1] if years else None,
                "years": years,
                "source": "text" if any(e["source"] == "text" for e in evs) else "gazetteer",
                "confidence": max(confidences) if confidences else None,
            }
        )
    return out


class StatusIndex:
    """The stored status of a chunk's documents, read by one query and kept current while loading."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self._by_id: dict[str, dict[str, Any]] = {}
        self._by_source: dict[str, dict[str, dict[str, Any]]] = {}
        for r in rows:
            self._put(r)

    @classmethod
    def read(cls, store: GraphStore, metas: list[DocumentMeta]) -> StatusIndex:
        """One read for every document of ``metas``: the stored documents with their ids or sources."""
        ids = sorted({m.id for m in metas})
        sources = sorted({s for m in metas if (s := m.source or m.path)})
        return cls(store.read("document_status_batch", {"ids": ids, "sources": sources}).records())

    def _put(self, row: dict[str, Any]) -> None:
        self._by_id[row["id"]] = row
        if row.get("source"):
            self._by_source.setdefault(row["source"], {})[row["id"]] = row

    def _drop(self, doc_id: str) -> None:
        row = self._by_id.pop(doc_id, None)
        if row is not None and row.get("source"):
            self._by_source.get(row["source"], {}).pop(doc_id, None)

    def existing(self, doc_id: str, source: str | None) -> list[dict[str, Any]]:
        """What ``document_status`` would return for this id and source now."""
        rows = dict(self._by_source.get(source, {})) if source else {}
        if doc_id in self._by_id:
            rows[doc_id] = self._by_id[doc_id]
        return list(rows.values())

    def loaded(self, meta: DocumentMeta, result: LoadResult) -> None:
        """Record a load: the versions it replaced are gone, the document is stored complete."""
        for old in result.replaced:
            self._drop(old)
        if result.status != "unchanged":
            self._put(
                {"id": meta.id, "source": meta.source or meta.path, "status": "complete", "extractor": meta.extractor}
            )


def load_extraction(
    store: GraphStore, extraction: Extraction, text: str | None = None, *, status: StatusIndex | None = None
) -> LoadResult:
    """Idempotently load a document: unchanged → nothing; new version of a source → replace, in one
    atomic query.

    ``status``: the chunk's stored statuses, read once by the caller. A document it shows unchanged is
    skipped without a read (a re-ingest of an unchanged corpus reads once per chunk); one to be written
    is checked again just before its write, so that another writer's load since the chunk was read can
    never make it counted twice."""
    meta = extraction.document
    source = meta.source or meta.path
    if status is not None and _unchanged(status.existing(meta.id, source), meta):
        return LoadResult(doc_id=meta.id, status="unchanged")
    existing = store.read("document_status", {"id": meta.id, "source": source}).records()
    if _unchanged(existing, meta):
        if status is not None:
            status.loaded(meta, LoadResult(doc_id=meta.id, status="new"))  # stored since the chunk was read
        return LoadResult(doc_id=meta.id, status="unchanged")
    # older versions of the source, and this very text if an older extractor produced its contribution
    replaced = list(dict.fromkeys(r["id"] for r in existing))
    params = build_params(extraction, text)
    # the document's stated figures (issue 17), linked to it and to its jurisdiction, in the same atomic
    # query as the rest of its contribution: a crash can never leave a document without its indicators
    indicators = indicator_rows(extraction)
    params["indicators"] = indicators
    if replaced:
        store.write("replace_document", {"old": replaced, **params})
        log.info("replaced %s by %s", ", ".join(replaced), meta.id)
    else:
        store.write("load_document", params)
    result = LoadResult(
        doc_id=meta.id,
        status="updated" if replaced else "new",
        replaced=replaced,
        actors=len(params["actors"]),
        relations=len(params["keys"]),
        indicators=len(indicators),
    )
    if status is not None:
        status.loaded(meta, result)
    return result


def _unchanged(existing: list[dict[str, Any]], meta: DocumentMeta) -> bool:
    return any(
        r["id"] == meta.id and r["status"] == "complete" and _same_extractor(r, meta.extractor) for r in existing
    )


def _same_extractor(row: dict[str, Any], extractor: str | None) -> bool:
    """Unknown on either side counts as the same (graphs loaded before versions were recorded)."""
    return row.get("extractor") is None or extractor is None or row["extractor"] == extractor


def remove_document(store: GraphStore, doc_id: str) -> bool:
    """Remove exactly one document's contribution. Returns False if there was no such document."""
    store.write("indicator_remove", {"doc_id": doc_id})
    res = store.write("remove_document", {"id": doc_id})
    removed = bool(res.scalar())
    log.info("removed document %s: %s", doc_id, removed)
    return removed
