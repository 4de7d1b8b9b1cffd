"""Actors: search, one actor, its neighbours, its relationships with their evidence."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query

from api.deps import ReadAccess, SettingsDep, StoreDep
from api.routers.common import (
    READ_ERRORS,
    Limit,
    Offset,
    RegionParam,
    Year,
    none_if_empty,
    not_found,
    region_filter,
    run_read,
)
from api.schemas import (
    ActorBrief,
    ActorDetail,
    ActorDocument,
    ActorEvidence,
    ActorPage,
    ActorRef,
    ActorRelation,
    ActorRelations,
    ActorSummary,
    Neighbor,
    NeighborPage,
)
from graph import search as search_index
from graph.vocabulary import EntityType, Modality, RelationType

router = APIRouter(prefix="/actors", tags=["actors"], dependencies=[ReadAccess], responses=READ_ERRORS)

ActorId = Annotated[str, Path(min_length=1, max_length=200, description="actor id (a_ + 16 hex digits)")]
ActorTypes = Annotated[list[EntityType] | None, Query(description="actor type (repeatable)")]
RelTypes = Annotated[list[RelationType] | None, Query(description="relationship type (repeatable)")]
DOCUMENTS_PER_ACTOR = 500


def actor_or_404(store: Any, settings: Any, actor_id: str) -> dict[str, Any]:
    rows = run_read(store, settings, "api_actor_detail", {"id": actor_id}).records()
    if not rows:
        raise not_found("actor", actor_id)
    return rows[0]


@router.get("", response_model=ActorPage, summary="Search actors by name or alias, filter by type, region, year")
def search_actors(
    store: StoreDep,
    settings: SettingsDep,
    q: Annotated[str | None, Query(max_length=200, description="substring of the name or an alias")] = None,
    type: ActorTypes = None,  # noqa: A002 - the public parameter name
    region: RegionParam = None,
    year: Year = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> ActorPage:
    # Case folding costs a toLower per name and alias; only letters with case (Latin, …) need it, not Chinese.
    fold = bool(q) and q is not None and q.lower() != q.upper()
    query = q.lower() if q else None  # the stored search key is lower case
    filters: dict[str, Any] = {
        "q": query,
        "fold": fold,
        "types": none_if_empty(type),
        "region": region_filter(store, region),
        "year": year,
    }
    hits = search_index.search_actors(
        store, query, fold=fold, types=filters["types"], region=filters["region"], year=year, offset=offset, limit=limit
    )
    if hits is not None:  # the in-process index of this graph version (the same page as the scan below)
        rows = run_read(store, settings, "api_actor_search_page", {"ids": hits.ids}).records() if hits.ids else []
        return ActorPage(total=hits.total, offset=offset, limit=limit, items=[ActorSummary(**r) for r in rows])
    total = int(run_read(store, settings, "api_actor_search_count", filters).scalar() or 0)
    items: list[ActorSummary] = []
    if offset < total:
        rows = run_read(store, settings, "api_actor_search", {**filters, "skip": offset, "limit": limit}).records()
        items = [ActorSummary(**r) for r in rows]
    return ActorPage(total=total, offset=offset, limit=limit, items=items)


@router.get("/{actor_id}", response_model=ActorDetail, summary="One actor and the documents mentioning it")
def get_actor(actor_id: ActorId, store: StoreDep, settings: SettingsDep) -> ActorDetail:
    actor = actor_or_404(store, settings, actor_id)
    docs = run_read(
        store, settings, "api_actor_documents", {"id": actor_id, "limit": DOCUMENTS_PER_ACTOR + 1}
    ).records()
    curated = [m for d in docs for m in d["merges"] or [] if m.startswith("curation #")]
    return ActorDetail(
        **actor,
        documents=[ActorDocument(**d) for d in docs[:DOCUMENTS_PER_ACTOR]],
        documents_truncated=len(docs) > DOCUMENTS_PER_ACTOR,
        curation=sorted(set(curated), key=lambda m: (int(m.split("#")[1].split()[0]), m)),
    )


@router.get("/{actor_id}/neighbors", response_model=NeighborPage, summary="The actors related to an actor")
def neighbors(
    actor_id: ActorId,
    store: StoreDep,
    settings: SettingsDep,
    type: RelTypes = None,  # noqa: A002 - the public parameter name
    direction: Literal["out", "in", "both"] = "both",
    modality: Modality | None = None,
    year_from: Year = None,
    year_to: Year = None,
    offset: Offset = 0,
    limit: Limit = 100,
) -> NeighborPage:
    actor = actor_or_404(store, settings, actor_id)
    params = {
        "id": actor_id,
        "rel_types": none_if_empty(type),
        "direction": direction,
        "modality": modality,
        "year_from": year_from,
        "year_to": year_to,
        "skip": offset,
        "limit": limit + 1,
    }
    rows = run_read(store, settings, "api_actor_neighbors", params).records()
    items = []
    for r in rows[:limit]:
        neighbour = ActorBrief(id=r["id"], name=r["name"], type=r["type"], region=r["region"])
        items.append(
            Neighbor(
                actor=neighbour,
                **{k: v for k, v in r.items() if k not in {"id", "name", "type", "region"}},
            )
        )
    return NeighborPage(
        actor=ActorRef(id=actor["id"], name=actor["name"], type=actor["type"]),
        offset=offset,
        limit=limit,
        truncated=len(rows) > limit,
        items=items,
    )


@router.get(
    "/{actor_id}/relations",
    response_model=ActorRelations,
    summary="Every relationship of an actor with its evidence sentences",
)
def relations(
    actor_id: ActorId,
    store: StoreDep,
    settings: SettingsDep,
    type: RelTypes = None,  # noqa: A002 - the public parameter name
    limit: Limit = 100,
    evidence_limit: Annotated[int, Query(ge=1, le=200, description="evidence sentences per relationship")] = 20,
) -> ActorRelations:
    actor = actor_or_404(store, settings, actor_id)
    params = {"id": actor_id, "rel_types": none_if_empty(type), "limit": limit + 1, "evidence_limit": evidence_limit}
    rows = run_read(store, settings, "api_actor_relations", params).records()
    items = [
        ActorRelation(
            rel_type=r["rel_type"],
            direction=r["direction"],
            head=ActorRef(id=r["head"], name=r["head_name"], type=r["head_type"]),
            tail=ActorRef(id=r["tail"], name=r["tail_name"], type=r["tail_type"]),
            weight=r["weight"],
            fact_weight=r["fact_weight"],
            plan_weight=r["plan_weight"],
            modality=r["modality"],
            first_year=r["first_year"],
            last_year=r["last_year"],
            evidence=[ActorEvidence(**e) for e in r["evidence"] or []],
        )
        for r in rows[:limit]
    ]
    return ActorRelations(
        actor=ActorRef(id=actor["id"], name=actor["name"], type=actor["type"]),
        truncated=len(rows) > limit,
        items=items,
    )
