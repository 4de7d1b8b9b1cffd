"""Liveness and overall counts."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from api.deps import StoreDep

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str
    backend: str
    version: str
    actors: int
    documents: int
    relationships: int


@router.get("/health", response_model=Health, summary="Liveness, backend name and counts")
def health(store: StoreDep) -> Health:
    from importlib.metadata import PackageNotFoundError, version

    try:
        ver = version("innograph")
    except PackageNotFoundError:  # running from a source tree
        ver = "unknown"
    counts = store.read("health_counts").records()[0]
    return Health(
        status="ok",
        backend=store.backend,
        version=ver,
        actors=counts["actors"],
        documents=counts["documents"],
        relationships=counts["relationships"],
    )
