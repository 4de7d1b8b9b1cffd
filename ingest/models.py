"""Typed records passed between the steps read -> extract -> resolve -> load.

Every step is a plain function taking and returning these pydantic models, so the
steps can be tested, cached and run in worker processes independently.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Literal

from pydantic import BaseModel, Field

# the vocabulary is the graph's, defined once in graph.vocabulary and re-exported here
from graph.vocabulary import ENTITY_TYPES as ENTITY_TYPES
from graph.vocabulary import RELATION_TYPES as RELATION_TYPES
from graph.vocabulary import EntityType as EntityType
from graph.vocabulary import Modality as Modality
from graph.vocabulary import RelationType as RelationType

Genre = Literal["summary", "plan", "implementation_scheme", "reply", "other"]


def actor_id(entity_type: str, name: str) -> str:
    """Stable actor id derived from type and canonical name (same on every backend)."""
    digest = hashlib.sha1(f"{entity_type}|{name}".encode()).hexdigest()[:16]
    return f"a_{digest}"


def document_id(normalized_text: str) -> str:
    """Document id: a hash of the document's normalised text."""
    return "d_" + hashlib.sha1(normalized_text.encode()).hexdigest()[:16]


class Span(BaseModel):
    """A piece of the document: offsets index the ORIGINAL decoded text."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Mention(Span):
    pass


class Evidence(Span):
    pass


class Sentence(Span):
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


class Document(BaseModel):
    """A decoded document: metadata plus the original text."""

    meta: DocumentMeta
    text: str


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
