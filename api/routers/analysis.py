"""Network analysis endpoints: centrality, communities, structural holes, summary, evolution, exports.

Every route takes the same filters as the CLI's ``innograph analyze`` commands and ``innograph export``
(:mod:`graph.analysis_options`: the same names, choices, help and validation), so the same filters give the
same answer, and an unknown value the same refusal: a 422 whose message names close matches and the allowed
values (the CLI: exit code 2 with that message).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import Response

from api.deps import ReadAccess, SettingsDep, StoreDep
from api.routers.common import RegionParam
from api.settings import ingest_options
from graph import analysis_service as service
from graph.analysis import FORMATS, ProjectionFilter
from graph.analysis_options import (
    COMMUNITY_METHODS,
    EVOLUTION_MODES,
    EXPORT_FORMATS,
    HELP,
    HOLE_SORTS,
    MEASURES,
    MODALITIES,
    TWO_MODES,
    choose,
    network_filter,
)
from graph.vocabulary import ENTITY_TYPES, RELATION_TYPES
from ingest.curation import CurationError, export_marks

router = APIRouter(tags=["analysis"], dependencies=[ReadAccess])


def _choice(values: tuple[str, ...], help_: str) -> Any:
    # a plain string checked by graph.analysis_options (the CLI's message on a refusal), its choices still
    # listed in the OpenAPI schema (the explorer reads the export formats from it)
    return Query(
        max_length=100,
        description=f"{help_} One of: {', '.join(values)}.",
        examples=[values[0]],
        json_schema_extra={"enum": list(values)},
    )


def projection_filter(
    types: Annotated[
        list[str] | None, Query(max_length=100, description=HELP["types"], examples=[[ENTITY_TYPES[3]]])
    ] = None,
    rel_types: Annotated[
        list[str] | None, Query(max_length=100, description=HELP["rel_types"], examples=[[RELATION_TYPES[0]]])
    ] = None,
    modality: Annotated[str | None, _choice(MODALITIES, HELP["modality"])] = None,
    region: RegionParam = None,
    year_from: Annotated[int | None, Query(ge=1900, le=2100, description=HELP["year_from"])] = None,
    year_to: Annotated[int | None, Query(ge=1900, le=2100, description=HELP["year_to"])] = None,
    min_weight: Annotated[float, Query(ge=0, le=1e6, description=HELP["min_weight"])] = 0,
    directed: Annotated[bool, Query(description=HELP["directed"])] = False,
    two_mode: Annotated[str | None, _choice(TWO_MODES, HELP["two_mode"])] = None,
    drop_isolates: Annotated[bool, Query(description=HELP["drop_isolates"])] = False,
) -> ProjectionFilter:
    """The shared filters, validated as the CLI validates them (before any work). A refusal is an
    AnalysisError, which the app answers with 422 ``invalid_parameters`` and the CLI's message."""
    flt: ProjectionFilter = network_filter(
        types=types,
        rel_types=rel_types,
        modality=modality,
        region=region,
        year_from=year_from,
        year_to=year_to,
        min_weight=min_weight,
        directed=directed,
        two_mode=two_mode,
        drop_isolates=drop_isolates,
    )
    return flt


FilterDep = Annotated[ProjectionFilter, Depends(projection_filter)]
Top = Annotated[int, Query(ge=1, le=1000, description="How many actors to list.")]
Seed = Annotated[int, Query(ge=0, le=2**31 - 1, description="Random seed (results are reproducible).")]


def _checked(what: str, value: str) -> str:
    return choose(what, value)


def _run(fn: Callable[..., dict[str, Any]], *args: Any, **kwargs: Any) -> dict[str, Any]:
    return fn(*args, **kwargs)


@router.get("/analysis/centrality", summary="Top actors by a centrality measure")
def centrality(
    store: StoreDep,
    flt: FilterDep,
    measure: Annotated[str, _choice(MEASURES, "The centrality measure.")] = "degree",
    top: Top = 20,
    k: Annotated[
        int | None, Query(ge=1, le=100_000, description="Sample k sources for betweenness (large graphs).")
    ] = None,
    seed: Seed = 0,
) -> dict[str, Any]:
    measure = _checked("measure", measure)
    return _run(service.centrality, store, flt, measure, top=top, k=k, seed=seed)


@router.get("/analysis/communities", summary="Communities (Louvain or label propagation) with modularity")
def communities(
    store: StoreDep,
    flt: FilterDep,
    method: Annotated[str, _choice(COMMUNITY_METHODS, "The algorithm.")] = "louvain",
    seed: Seed = 0,
    top: Annotated[int, Query(ge=1, le=100, description="How many top actors per community.")] = 5,
) -> dict[str, Any]:
    method = _checked("community method", method)
    return _run(service.communities, store, flt, method, seed=seed, top=top)


@router.get("/analysis/structural-holes", summary="Burt's constraint, effective size, efficiency, hierarchy")
def structural_holes(
    store: StoreDep,
    flt: FilterDep,
    top: Top = 20,
    sort: Annotated[str, _choice(HOLE_SORTS, "Rank by this measure (brokers first).")] = "constraint",
) -> dict[str, Any]:
    sort = _checked("structural-holes sort", sort)
    return _run(service.holes, store, flt, top=top, sort=sort)


@router.get("/analysis/summary", summary="Size, density, components, diameter, centralisation, assortativity")
def summary(store: StoreDep, flt: FilterDep) -> dict[str, Any]:
    return _run(service.network_summary, store, flt)


@router.get(
    "/analysis/evolution",
    summary="The same metrics per year (cumulative) or per window, with the ties added and dropped",
)
def evolution(
    store: StoreDep,
    flt: FilterDep,
    mode: Annotated[str, _choice(EVOLUTION_MODES, "cumulative: from the first year; window: the last years.")] = (
        "cumulative"
    ),
    window: Annotated[int, Query(ge=1, le=50, description="Window length in years (mode window).")] = 1,
    top: Annotated[int, Query(ge=1, le=100, description="How many top actors per period.")] = 5,
    seed: Seed = 0,
    ties: Annotated[
        int, Query(ge=0, le=100_000, description="List at most this many added and dropped ties per period.")
    ] = 1000,
) -> dict[str, Any]:
    mode = _checked("evolution mode", mode)
    return _run(service.evolution_table, store, flt, mode=mode, window=window, top=top, seed=seed, ties=ties)


@router.get(
    "/export",
    summary="Download the (filtered) network for Gephi, UCINET, Pajek, spreadsheets",
    response_class=Response,
    responses={200: {"content": {info.media_type: {} for info in FORMATS.values()}}},
)
def export(
    store: StoreDep,
    settings: SettingsDep,
    flt: FilterDep,
    format: Annotated[str, _choice(EXPORT_FORMATS, "The file format.")] = "gexf",
) -> Response:
    """The curated nodes and edges carry ``curated`` (the kinds of the decisions, ``merge,retype``) and
    ``curation_decisions`` (their numbers in the curation log); rejected relations are left out and, in
    JSON, GraphML and GEXF, listed (docs/curation.md)."""
    format = _checked("export format", format)
    try:
        marks = export_marks(store, ingest_options(settings).curation())
    except CurationError as exc:
        raise HTTPException(status_code=500, detail=str(exc)) from exc
    buf = io.BytesIO()
    service.export(store, flt, format, buf, curation=marks)
    info = FORMATS[format]
    return Response(
        content=buf.getvalue(),
        media_type=info.media_type,
        headers={"Content-Disposition": f'attachment; filename="innograph{info.extension}"'},
    )
