"""GET /indicators: the stated figures of regional innovation (issue 17), filterable into a
jurisdiction-year panel; GET /indicators/gaps: each target set against the actual reported for its year;
GET /indicators/facets: which jurisdictions and concepts have indicators (the explorer's chart menus)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from api.deps import ReadAccess, SettingsDep, StoreDep
from api.routers.common import READ_ERRORS, Limit, run_read
from api.schemas import IndicatorItem, IndicatorList
from api.settings import Settings
from ingest.indicators.gaps import IndicatorGap, check_concept, check_region, check_years, pair_targets

router = APIRouter(tags=["indicators"], dependencies=[ReadAccess], responses=READ_ERRORS)

MAX_FACETS = 10_000
MAX_GAP_CELLS = 2_000

RegionQ = Annotated[str | None, Query(max_length=100, description="canonical jurisdiction name, e.g. 苏州市")]
ConceptQ = Annotated[
    str | None, Query(max_length=100, description="concept key or prefix (platform matches platform.key_lab)")
]
FromQ = Annotated[int | None, Query(alias="from", ge=1900, le=2100, description="first year")]
ToQ = Annotated[int | None, Query(alias="to", ge=1900, le=2100, description="last year")]


class IndicatorFacet(BaseModel):
    """A (jurisdiction, concept) the graph holds indicators of."""

    jurisdiction: str
    actor_id: str | None = Field(default=None, description="the jurisdiction's City/District actor, when in the graph")
    concept: str
    indicators: int = Field(description="how many indicators are stated (every document, actual and target)")
    first_year: int | None = None
    last_year: int | None = None
    targets: int = Field(description="how many of them are targets")


class IndicatorFacets(BaseModel):
    items: list[IndicatorFacet]
    count: int


class IndicatorGapList(BaseModel):
    """Targets set against actuals, one item per distinct target."""

    items: list[IndicatorGap]
    count: int = Field(description="number of targets listed")
    paired: int = Field(description="how many have an actual of the same measure and unit")
    met: int = Field(description="how many paired targets were reached")


def jurisdictions(store: object, settings: Settings) -> list[str]:
    """The jurisdictions some indicator of the graph belongs to."""
    rows = run_read(store, settings, "indicator_facets", {"limit": MAX_FACETS}, row_limit=MAX_FACETS).records()
    return sorted({r["jurisdiction"] for r in rows})


@router.get(
    "/indicators", response_model=IndicatorList, summary="Stated indicators, filterable by place, concept, years"
)
def indicators(
    store: StoreDep,
    settings: SettingsDep,
    region: RegionQ = None,
    concept: ConceptQ = None,
    year_from: FromQ = None,
    year_to: ToQ = None,
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


@router.get(
    "/indicators/gaps",
    response_model=IndicatorGapList,
    summary="Targets against actuals: each target for a year paired with the actual reported for it, and the gap",
)
def indicator_gaps(
    store: StoreDep,
    settings: SettingsDep,
    region: RegionQ = None,
    concept: ConceptQ = None,
    year_from: FromQ = None,
    year_to: ToQ = None,
    paired_only: Annotated[bool, Query(description="leave out targets with no comparable actual")] = False,
) -> IndicatorGapList:
    """A target (kind target) for jurisdiction J, concept C, year Y is paired with an actual for the same
    J, C and Y stated by any document (another document first, the latest first), of the same measure and
    unit; `gap` is actual − target, `ratio` actual / target for levels, additions and shares. An unknown
    concept or jurisdiction, or from > to, is refused (422) with the allowed values."""
    check_concept(concept)
    check_years(year_from, year_to)
    check_region(region, jurisdictions(store, settings) if region is not None else [])
    params = {"region": region, "concept": concept, "year_from": year_from, "year_to": year_to, "limit": MAX_GAP_CELLS}
    rows = run_read(store, settings, "indicator_gaps", params, row_limit=settings.row_limit).records()
    return gap_list(pair_targets(rows), paired_only)


def gap_list(gaps: list[IndicatorGap], paired_only: bool = False) -> IndicatorGapList:
    items = [g for g in gaps if g.paired or not paired_only]
    return IndicatorGapList(
        items=items,
        count=len(items),
        paired=sum(g.paired for g in items),
        met=sum(bool(g.met) for g in items),
    )


@router.get(
    "/indicators/facets",
    response_model=IndicatorFacets,
    summary="Which jurisdictions and concepts have indicators (with counts and years)",
)
def indicator_facets(store: StoreDep, settings: SettingsDep) -> IndicatorFacets:
    rows = run_read(store, settings, "indicator_facets", {"limit": MAX_FACETS}, row_limit=MAX_FACETS).records()
    items = [IndicatorFacet.model_validate(r) for r in rows]
    return IndicatorFacets(items=items, count=len(items))
