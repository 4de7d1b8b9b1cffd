"""GET /indicators: the stated figures of regional innovation (issue 17), filterable into a
jurisdiction-year panel."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api.deps import ReadAccess, SettingsDep, StoreDep
from api.routers.common import READ_ERRORS, Limit, run_read
from api.schemas import IndicatorItem, IndicatorList

router = APIRouter(tags=["indicators"], dependencies=[ReadAccess], responses=READ_ERRORS)


@router.get(
    "/indicators", response_model=IndicatorList, summary="Stated indicators, filterable by place, concept, years"
)
def indicators(
    store: StoreDep,
    settings: SettingsDep,
    region: Annotated[str | None, Query(max_length=100, description="canonical jurisdiction name, e.g. 苏州市")] = None,
    concept: Annotated[
        str | None, Query(max_length=100, description="concept key or prefix (platform matches platform.key_lab)")
    ] = None,
    year_from: Annotated[int | None, Query(alias="from", ge=1900, le=2100, description="first year")] = None,
    year_to: Annotated[int | None, Query(alias="to", ge=1900, le=2100, description="last year")] = None,
    kind: Literal["actual", "target"] | None = None,
    limit: Limit = 200,
) -> IndicatorList:
    params = {
        "region": region,
        "concept": concept,
        "year_from": year_from,
        "year_to": year_to,
        "kind": kind,
        "limit": limit,
    }
    rows = run_read(store, settings, "indicator_list", params).records()
    items = [IndicatorItem.model_validate(r) for r in rows]
    return IndicatorList(items=items, count=len(items))
