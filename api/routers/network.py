"""GET /network: a subgraph (nodes + edges) for drawing, filtered and capped."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import ReadAccess, SettingsDep, StoreDep
from api.routers.actors import actor_or_404
from api.routers.common import READ_ERRORS, RegionParam, Year, region_filter, run_read
from api.schemas import Network, NetworkEdge, NetworkNode
from graph.analysis_options import HELP, MODALITIES, choose, choose_all

router = APIRouter(tags=["network"], dependencies=[ReadAccess], responses=READ_ERRORS)

MAX_EDGES = 5000


@router.get("/network", response_model=Network, summary="A filtered subgraph of actors and relationships")
def network(
    store: StoreDep,
    settings: SettingsDep,
    types: Annotated[list[str] | None, Query(max_length=100, description="both ends' type: " + HELP["types"])] = None,
    rel_types: Annotated[list[str] | None, Query(max_length=100, description=HELP["rel_types"])] = None,
    region: RegionParam = None,
    year_from: Year = None,
    year_to: Year = None,
    min_weight: Annotated[int | None, Query(ge=1, le=1_000_000)] = None,
    modality: Annotated[
        str | None,
        Query(
            max_length=100,
            description="relationships with at least one evidence sentence of this modality: " + ", ".join(MODALITIES),
        ),
    ] = None,
    actor: Annotated[str | None, Query(min_length=1, max_length=200, description="centre actor id")] = None,
    hops: Annotated[int, Query(ge=1, le=2, description="radius around the centre actor")] = 1,
    limit: Annotated[int, Query(ge=1, le=MAX_EDGES, description="at most this many edges")] = 500,
) -> Network:
    # the same choices and messages as /analysis/* and the CLI (graph.analysis_options): 422 invalid_parameters
    kept_types = choose_all("actor type", types)
    kept_rels = choose_all("relation type", rel_types)
    modality = choose("modality", modality) if modality is not None else None
    params: dict[str, Any] = {
        "types": list(kept_types) if kept_types else None,
        "rel_types": list(kept_rels) if kept_rels else None,
        "region": region_filter(store, region),
        "year_from": year_from,
        "year_to": year_to,
        "min_weight": min_weight,
        "modality": modality,
        "limit": limit + 1,
    }
    if actor is not None:
        centre = actor_or_404(store, settings, actor)
        rows = run_read(store, settings, "api_network_around", {**params, "actor": actor, "hops": hops}).records()
    else:
        centre = None
        rows = run_read(store, settings, "api_network_edges", params).records()
    nodes: dict[str, NetworkNode] = {}
    if centre is not None:
        nodes[centre["id"]] = NetworkNode(
            id=centre["id"], name=centre["name"], type=centre["type"], region=centre["region"]
        )
    edges: list[NetworkEdge] = []
    for r in rows[:limit]:
        for end in ("source", "target"):
            if r[end] not in nodes:
                nodes[r[end]] = NetworkNode(
                    id=r[end], name=r[f"{end}_name"], type=r[f"{end}_type"], region=r[f"{end}_region"]
                )
        edges.append(
            NetworkEdge(
                source=r["source"],
                target=r["target"],
                type=r["rel_type"],
                weight=r["weight"],
                fact_weight=r["fact_weight"],
                plan_weight=r["plan_weight"],
                modality=r["modality"],
                first_year=r["first_year"],
                last_year=r["last_year"],
            )
        )
    return Network(
        nodes=list(nodes.values()),
        edges=edges,
        truncated=len(rows) > limit,
        centre=centre["id"] if centre else None,
    )
