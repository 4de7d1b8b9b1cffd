"""GET /stats: counts by label and relationship type, documents, years covered."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import ReadAccess, SettingsDep, StoreDep
from api.routers.common import READ_ERRORS, run_read
from api.schemas import Stats, YearCount
from graph.schema import ACTOR_TYPES

router = APIRouter(tags=["stats"], dependencies=[ReadAccess], responses=READ_ERRORS)


@router.get("/stats", response_model=Stats, summary="Counts by label and relationship type, years covered")
def stats(store: StoreDep, settings: SettingsDep) -> Stats:
    counts = run_read(store, settings, "health_counts").records()[0]
    labels = {r["label"]: int(r["count"]) for r in run_read(store, settings, "label_counts").records()}
    rels = {r["type"]: int(r["count"]) for r in run_read(store, settings, "relationship_type_counts").records()}
    years = [
        YearCount(year=int(r["year"]), documents=int(r["documents"]))
        for r in run_read(store, settings, "api_document_years").records()
        if isinstance(r["year"], int)
    ]
    return Stats(
        actors=int(counts["actors"]),
        documents=int(counts["documents"]),
        relationships=int(counts["relationships"]),
        nodes_by_label=labels,
        relationships_by_type=rels,
        actors_by_type={t: labels[t] for t in ACTOR_TYPES if t in labels},
        first_year=years[0].year if years else None,
        last_year=years[-1].year if years else None,
        years=years,
    )
