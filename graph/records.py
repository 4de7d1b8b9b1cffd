"""The records the graph loads: one document's extraction (its metadata, entities, relations and
indicators), as the extraction steps hand it to :func:`graph.loader.load_extraction`.

They live beneath ``ingest`` (which produces them and re-exports them from :mod:`ingest.models`)
so that the graph never imports the extraction code. Also here: :func:`actor_id`, the stable id
every backend gives an actor, and :func:`indicator_rows`, the rows ``indicator_load`` writes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, Literal

from pydantic import BaseModel, Field

from graph.vocabulary import EntityType, Modality, RelationType

Genre = Literal["summary", "plan", "implementation_scheme", "reply", "other"]


def actor_id(entity_type: str, name: str) -> str:
    """Stable actor id derived from type and canonical name (same on every backend)."""
    digest = hashlib.sha1(f"{entity_type}|{name}".encode()).hexdigest()[:16]
    return f"a_{digest}"


class Span(BaseModel):
    """A piece of the document: offsets index the ORIGINAL decoded text."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Mention(Span):
    pass


class Evidence(Span):
    pass


class DocumentMeta(BaseModel):
    id: str
    path: str | None = None
    source: str | None = None  # path or URL identifying the source across versions
    title: str | None = None
    issuer: str | None = None
    date: dt.date | None = None
    doc_number: str | None = None
    region: str | None = None  # jurisdiction: canonical city or district name
    province: str | None = None
    region_path: list[str] = Field(default_factory=list)  # the jurisdiction's chain, outermost first
    report_year: int | None = None  # the year whose work the text reviews (guideline, meta)
    plan_year: int | None = None  # the year it plans for (last year of a multi-year scheme)
    genre: Genre = "other"
    format: str | None = None  # txt / html / pdf / docx
    encoding: str | None = None
    chars: int = 0
    extractor: str | None = None  # version of the extraction code and data that produced the contribution


class Entity(BaseModel):
    id: str
    name: str  # canonical name
    type: EntityType
    aliases: list[str] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    subtype: str | None = None  # platforms only
    level: Literal["national", "provincial", "municipal"] | None = None
    region: str | None = None
    # containing places, outermost first (江苏省, 南通市, 南通市崇川区); a place actor ends with itself
    region_path: list[str] = Field(default_factory=list)
    region_source: Literal["gazetteer", "text", "name"] | None = None  # what placed it there
    implicit: bool = False  # only referenced implicitly (我市 as subject), never mentioned
    merges: list[str] = Field(default_factory=list)  # resolution decisions: "rule: surface -> name"


class Relation(BaseModel):
    type: RelationType
    head: str  # entity id
    tail: str  # entity id
    evidence: list[Evidence] = Field(default_factory=list)
    modality: Modality = "fact"
    confidence: float = 1.0
    year: int | None = None
    rule: str = ""
    source: Literal["text", "gazetteer"] = "text"


IndicatorKind = Literal["actual", "target"]


class Indicator(BaseModel):
    """A stated figure of a jurisdiction (guideline, "Indicators"): 高新技术企业750家 in 2015."""

    jurisdiction: str  # canonical place name
    name: str  # the indicator as written, without the number
    value: float
    value_max: float | None = None  # upper bound of a stated range (3-5家: value 3, value_max 5)
    unit: str  # as written: 家, 个, 亿元, %, 个百分点, 倍, 位 ...
    year: int | None = None
    kind: IndicatorKind = "actual"
    concept: str = "other"  # controlled vocabulary key
    qualifier: str | None = None  # 超 / 近 / 约 / 以上 ...
    measure: Literal["stock", "flow", "share", "growth", "rank", "other"] = "other"
    evidence: Evidence | None = None


class Extraction(BaseModel):
    """What one document contributes to the graph."""

    document: DocumentMeta
    entities: list[Entity] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)


def _actor_ids(ind: Indicator, extraction: Extraction) -> list[str]:
    """Candidate ids of the jurisdiction's actor: the document's own City/District entity of that name,
    else the ids a City or a District of that name has in every document (``actor_id``)."""
    for e in extraction.entities:
        if e.type in ("City", "District") and (e.name == ind.jurisdiction or ind.jurisdiction in e.aliases):
            return [e.id]
    return [actor_id("City", ind.jurisdiction), actor_id("District", ind.jurisdiction)]


def indicator_rows(extraction: Extraction) -> list[dict[str, Any]]:
    """One row per indicator: ``actor_ids`` to link to and the node's ``props`` (no nulls dropped, so a
    re-load writes the same properties)."""
    doc_id = extraction.document.id
    rows = []
    for ind in extraction.indicators:
        ev = ind.evidence
        start, end = (ev.start, ev.end) if ev else (None, None)
        key = f"{doc_id}|{start}|{end}|{ind.value}|{ind.unit}|{ind.year}|{ind.kind}|{ind.name}"
        rows.append(
            {
                "actor_ids": _actor_ids(ind, extraction),
                "props": {
                    "id": "i_" + hashlib.sha1(key.encode()).hexdigest()[:20],
                    "doc_id": doc_id,
                    "jurisdiction": ind.jurisdiction,
                    "name": ind.name,
                    "value": ind.value,
                    "value_max": ind.value_max,
                    "unit": ind.unit,
                    "year": ind.year,
                    "kind": ind.kind,
                    "concept": ind.concept,
                    "qualifier": ind.qualifier,
                    "measure": ind.measure,
                    "evidence": ev.text if ev else None,
                    "evidence_start": start,
                    "evidence_end": end,
                },
            }
        )
    return rows
