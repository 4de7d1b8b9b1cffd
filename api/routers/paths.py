"""GET /paths: the shortest connections between two actors, ignoring direction."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from api.deps import ReadAccess, SettingsDep, StoreDep
from api.routers.actors import actor_or_404
from api.routers.common import READ_ERRORS, run_read
from api.schemas import ActorRef, Path, PathRelationship, PathResult

router = APIRouter(tags=["paths"], dependencies=[ReadAccess], responses=READ_ERRORS)

MAX_PATHS = 25
ActorParam = Annotated[str, Query(min_length=1, max_length=200, description="actor id")]


@router.get("/paths", response_model=PathResult, summary="Shortest connections between two actors")
def shortest_paths(
    store: StoreDep,
    settings: SettingsDep,
    source: ActorParam,
    target: ActorParam,
    max_hops: Annotated[int, Query(ge=1, le=6, description="longest connection considered")] = 4,
    limit: Annotated[int, Query(ge=1, le=MAX_PATHS, description="at most this many shortest paths")] = 10,
) -> PathResult:
    if source == target:
        raise HTTPException(status_code=422, detail="source and target are the same actor")
    src = actor_or_404(store, settings, source)
    dst = actor_or_404(store, settings, target)
    params = {"source": source, "target": target, "max_hops": max_hops, "limit": limit + 1}
    rows = run_read(store, settings, "api_shortest_paths", params).records()
    paths = [
        Path(
            hops=int(r["hops"]),
            nodes=[ActorRef(**n) for n in r["nodes"]],
            relationships=[PathRelationship(**rel) for rel in r["relationships"]],
        )
        for r in rows[:limit]
    ]
    paths.sort(key=lambda p: (p.hops, [n.id for n in p.nodes]))
    return PathResult(
        source=ActorRef(id=src["id"], name=src["name"], type=src["type"]),
        target=ActorRef(id=dst["id"], name=dst["name"], type=dst["type"]),
        max_hops=max_hops,
        hops=paths[0].hops if paths else None,
        truncated=len(rows) > limit,
        paths=paths,
    )
