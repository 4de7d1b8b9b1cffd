"""Network analysis endpoints: centrality, communities, structural holes, summary, evolution, exports."""

from __future__ import annotations

import io
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import Response

from api.deps import ReadAccess, StoreDep
from api.routers.common import RegionParam
from graph import analysis_service as service
from graph.analysis import FORMATS, AnalysisError, ProjectionFilter
from ingest.models import ENTITY_TYPES, RELATION_TYPES

router = APIRouter(tags=["analysis"], dependencies=[ReadAccess])

ActorType = Literal[
    "City",
    "District",
    "Enterprise",
    "University",
    "ResearchInstitute",
    "Platform",
    "Policy",
    "Programme",
    "GovernmentAgency",
]
RelType = Literal[
    "CO_BUILDS", "LOCATED_IN", "FUNDED_BY", "COOPERATES_WITH", "INTRODUCES", "ISSUED_BY", "PART_OF", "MEMBER_OF"
]
assert set(ActorType.__args__) == set(ENTITY_TYPES) and set(RelType.__args__) == set(RELATION_TYPES)  # type: ignore


def projection_filter(
    types: Annotated[list[ActorType] | None, Query(description="Actor types to keep (repeatable).")] = None,
    rel_types: Annotated[list[RelType] | None, Query(description="Relation types to keep (repeatable).")] = None,
    modality: Annotated[Literal["fact", "plan"] | None, Query(description="Only fact or only plan ties.")] = None,
    region: RegionParam = None,
    year_from: Annotated[int | None, Query(ge=1900, le=2100)] = None,
    year_to: Annotated[int | None, Query(ge=1900, le=2100)] = None,
    min_weight: Annotated[float, Query(ge=0, le=1e6, description="Minimum evidence count of a tie.")] = 0,
    directed: Annotated[bool, Query(description="Keep edge directions.")] = False,
    two_mode: Annotated[
        Literal["platforms", "programmes"] | None,
        Query(description="Project actors × platforms/programmes onto actors."),
    ] = None,
) -> ProjectionFilter:
    try:
        return ProjectionFilter(
            actor_types=tuple(types) if types else None,
            relation_types=tuple(rel_types) if rel_types else None,
            modality=modality,
            region=region,
            year_from=year_from,
            year_to=year_to,
            min_weight=min_weight,
            directed=directed,
            two_mode=two_mode,
        )
    except ValueError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc


FilterDep = Annotated[ProjectionFilter, Depends(projection_filter)]
Top = Annotated[int, Query(ge=1, le=1000, description="How many actors to list.")]
Seed = Annotated[int, Query(ge=0, le=2**31 - 1, description="Random seed (results are reproducible).")]


def _run(fn: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    try:
        result: dict[str, Any] = fn(*args, **kwargs)
    except AnalysisError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    return result


@router.get("/analysis/centrality", summary="Top actors by a centrality measure")
def centrality(
    store: StoreDep,
    flt: FilterDep,
    measure: Annotated[
        Literal[
            "degree",
            "in_degree",
            "out_degree",
            "weighted_degree",
            "betweenness",
            "closeness",
            "eigenvector",
            "pagerank",
            "clustering",
            "core",
        ],
        Query(),
    ] = "degree",
    top: Top = 20,
    k: Annotated[
        int | None, Query(ge=1, le=100_000, description="Sample k sources for betweenness (large graphs).")
    ] = None,
    seed: Seed = 0,
) -> dict[str, Any]:
    return _run(service.centrality, store, flt, measure, top=top, k=k, seed=seed)


@router.get("/analysis/communities", summary="Communities (Louvain or label propagation) with modularity")
def communities(
    store: StoreDep,
    flt: FilterDep,
    method: Annotated[Literal["louvain", "label_propagation"], Query()] = "louvain",
    seed: Seed = 0,
    top: Annotated[int, Query(ge=1, le=100)] = 5,
) -> dict[str, Any]:
    return _run(service.communities, store, flt, method, seed=seed, top=top)


@router.get("/analysis/structural-holes", summary="Burt's constraint, effective size, efficiency, hierarchy")
def structural_holes(
    store: StoreDep,
    flt: FilterDep,
    top: Top = 20,
    sort: Annotated[Literal["constraint", "effective_size", "efficiency", "hierarchy"], Query()] = "constraint",
) -> dict[str, Any]:
    return _run(service.holes, store, flt, top=top, sort=sort)


@router.get("/analysis/summary", summary="Size, density, components, diameter, centralisation, assortativity")
def summary(store: StoreDep, flt: FilterDep) -> dict[str, Any]:
    return _run(service.network_summary, store, flt)


@router.get("/analysis/evolution", summary="The same metrics per year (cumulative) or per window")
def evolution(
    store: StoreDep,
    flt: FilterDep,
    mode: Annotated[Literal["cumulative", "window"], Query()] = "cumulative",
    window: Annotated[int, Query(ge=1, le=50)] = 1,
    top: Annotated[int, Query(ge=1, le=100)] = 5,
    seed: Seed = 0,
) -> dict[str, Any]:
    return _run(service.evolution_table, store, flt, mode=mode, window=window, top=top, seed=seed)


@router.get(
    "/export",
    summary="Download the (filtered) network for Gephi, UCINET, Pajek, spreadsheets",
    response_class=Response,
    responses={200: {"content": {info.media_type: {} for info in FORMATS.values()}}},
)
def export(
    store: StoreDep,
    flt: FilterDep,
    format: Annotated[
        Literal["graphml", "gexf", "pajek", "ucinet", "csv-nodes", "csv-edges", "json"], Query()
    ] = "gexf",
) -> Response:
    buf = io.BytesIO()
    try:
        service.export(store, flt, format, buf)
    except AnalysisError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    info = FORMATS[format]
    return Response(
        content=buf.getvalue(),
        media_type=info.media_type,
        headers={"Content-Disposition": f'attachment; filename="innograph{info.extension}"'},
    )
