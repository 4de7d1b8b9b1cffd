"""Response models of the REST API (one place, so the OpenAPI schema documents every answer)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StringConstraints

Direction = Literal["out", "in", "both"]


class ErrorBody(BaseModel):
    code: str
    message: str
    detail: Any = None


class ErrorResponse(BaseModel):
    """The shape of every error answer."""

    error: ErrorBody


# -- stats ----------------------------------------------------------------------------------------
class YearCount(BaseModel):
    year: int
    documents: int


class Stats(BaseModel):
    actors: int
    documents: int
    relationships: int = Field(description="actor-to-actor relationships")
    nodes_by_label: dict[str, int]
    relationships_by_type: dict[str, int]
    actors_by_type: dict[str, int]
    first_year: int | None
    last_year: int | None
    years: list[YearCount]


# -- actors ---------------------------------------------------------------------------------------
class ActorRef(BaseModel):
    id: str
    name: str | None = None
    type: str | None = None


class ActorBrief(ActorRef):
    region: str | None = None


class ActorSummary(ActorRef):
    subtype: str | None = None
    level: str | None = None
    region: str | None = None
    aliases: list[str] = []
    documents: int = Field(default=0, description="number of documents mentioning the actor")


class ActorPage(BaseModel):
    total: int
    offset: int
    limit: int
    items: list[ActorSummary]


class ActorDocument(BaseModel):
    id: str
    title: str | None = None
    date: str | None = None
    year: int | None = None
    region: str | None = None
    mentions: int = 0
    implicit: bool = False
    surfaces: list[str] = Field(default_factory=list, description="the names this document used for the actor")
    merges: list[str] = Field(default_factory=list, description="resolution decisions that joined them to it")


class ActorDetail(ActorRef):
    subtype: str | None = None
    level: str | None = None
    region: str | None = None
    aliases: list[str] = []
    labels: list[str] = []
    documents: list[ActorDocument]
    documents_truncated: bool = False
    curation: list[str] = Field(
        default_factory=list,
        description="the curation decisions applied to this actor (`curation #N (1.00): …`, from its documents)",
    )


class RelationStats(BaseModel):
    weight: int = Field(description="number of distinct evidence sentences")
    fact_weight: int = 0
    plan_weight: int = 0
    modality: str | None = None
    first_year: int | None = None
    last_year: int | None = None


class Neighbor(RelationStats):
    actor: ActorBrief
    rel_type: str
    direction: Direction = Field(description="out: the actor is the head; in: the tail; both: a symmetric type")
    years: list[int] = []


class NeighborPage(BaseModel):
    actor: ActorRef
    offset: int
    limit: int
    truncated: bool
    items: list[Neighbor]


class EvidenceSentence(BaseModel):
    text: str | None = None
    start: int | None = None
    end: int | None = None
    year: int | None = None
    modality: str | None = None
    rule: str | None = None
    confidence: float | None = None
    source: str | None = None


class ActorEvidence(EvidenceSentence):
    doc_id: str | None = None
    title: str | None = None
    date: str | None = None


class ActorRelation(RelationStats):
    rel_type: str
    direction: Direction
    head: ActorRef
    tail: ActorRef
    evidence: list[ActorEvidence]


class ActorRelations(BaseModel):
    actor: ActorRef
    truncated: bool
    items: list[ActorRelation]


# -- paths ----------------------------------------------------------------------------------------
class PathRelationship(BaseModel):
    type: str
    start: str
    end: str
    weight: int = 0
    modality: str | None = None
    first_year: int | None = None
    last_year: int | None = None


class Path(BaseModel):
    hops: int
    nodes: list[ActorRef]
    relationships: list[PathRelationship]


class PathResult(BaseModel):
    source: ActorRef
    target: ActorRef
    max_hops: int
    hops: int | None = Field(description="length of the shortest connection; null when none within max_hops")
    truncated: bool
    paths: list[Path]


# -- network --------------------------------------------------------------------------------------
class NetworkNode(BaseModel):
    id: str
    name: str | None = None
    type: str | None = None
    region: str | None = None


class NetworkEdge(RelationStats):
    source: str
    target: str
    type: str


class Network(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    truncated: bool
    centre: str | None = None


# -- documents ------------------------------------------------------------------------------------
class DocumentSummary(BaseModel):
    id: str
    title: str | None = None
    issuer: str | None = None
    date: str | None = None
    year: int | None = None
    doc_number: str | None = None
    region: str | None = None
    province: str | None = None
    genre: str | None = None
    source: str | None = None
    format: str | None = None
    chars: int | None = None
    status: str | None = None
    ingested_at: str | None = None


class DocumentPage(BaseModel):
    total: int
    offset: int
    limit: int
    items: list[DocumentSummary]


class DocumentActor(BaseModel):
    id: str
    name: str | None = None
    type: str | None = None
    region: str | None = None
    mentions: int = 0
    implicit: bool = False
    surfaces: list[str] = []


class DocumentRelation(BaseModel):
    rel_type: str
    head: ActorRef
    tail: ActorRef
    sentences: int
    modality: str
    evidence: list[EvidenceSentence]


class DocumentDetail(DocumentSummary):
    actors: list[DocumentActor]
    relations: list[DocumentRelation]


class Deleted(BaseModel):
    id: str
    deleted: bool


# -- named queries and ad-hoc Cypher ----------------------------------------------------------------
class QueryInfo(BaseModel):
    name: str
    group: str
    description: str
    params: list[str]
    optional_params: list[str]
    columns: list[str]
    example: dict[str, Any]


class QueryRun(BaseModel):
    params: dict[str, Any] = Field(default_factory=dict)


PARAM_NAME = r"^[A-Za-z_][A-Za-z0-9_]*$"


class CypherRequest(BaseModel):
    query: str = Field(min_length=1, max_length=20_000, description="one read-only Cypher statement")
    params: dict[Annotated[str, StringConstraints(pattern=PARAM_NAME, max_length=100)], Any] = Field(
        default_factory=dict, description="query parameters ($name), JSON values"
    )


class QueryRows(BaseModel):
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool


# -- indicators (issue 17) ------------------------------------------------------------------------
class IndicatorItem(BaseModel):
    """One stated figure of a jurisdiction, with the document and sentence that state it."""

    jurisdiction: str = Field(description="canonical place name whose figure it is")
    actor_id: str | None = Field(description="the jurisdiction's City/District actor, when it is in the graph")
    name: str = Field(description="the indicator as written, without the number")
    value: float
    value_max: float | None = Field(default=None, description="upper bound of a stated range")
    unit: str = Field(description="as written: 家, 项, 亿元, %, 个百分点, 倍, 位 ...")
    year: int | None
    kind: Literal["actual", "target"]
    concept: str = Field(description="controlled-vocabulary key (ingest/indicators/data/concepts.yaml) or other")
    measure: str = Field(description="stock, flow, share, growth, rank or other")
    qualifier: str | None = Field(default=None, description="超, 近, 约, 以上, range ...")
    doc_id: str
    doc_title: str | None = None
    evidence: str | None = Field(default=None, description="the sentence stating the figure")
    evidence_start: int | None = None
    evidence_end: int | None = None


class IndicatorList(BaseModel):
    items: list[IndicatorItem]
    count: int = Field(description="number of items returned (at most limit)")
