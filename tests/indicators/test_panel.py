"""The jurisdiction-year panel built from indicator rows (issue 17)."""

from __future__ import annotations

import io
from typing import Any

from ingest.indicators.panel import jurisdiction_year_panel, series_name


def r(j: str, y: int | None, concept: str, value: float, **kw: Any) -> dict[str, Any]:
    return {
        "jurisdiction": j,
        "year": y,
        "concept": concept,
        "value": value,
        "unit": "家",
        "measure": "stock",
        "kind": "actual",
    } | kw


def test_one_row_per_place_and_year_one_column_per_series() -> None:
    rows = [
        r("甲市", 2019, "high_tech_enterprises", 500),
        r("甲市", 2020, "high_tech_enterprises", 610),
        r("甲市", 2020, "high_tech_enterprises", 120, measure="flow"),  # additions: their own column
        r("乙市", 2020, "high_tech_enterprises", 90),
        r("甲市", 2020, "rd_intensity", 2.6, unit="%", measure="share"),
        r("甲市", 2025, "high_tech_enterprises", 2000, kind="target"),  # not an actual
        r("甲市", None, "high_tech_enterprises", 7),  # no year
        r("甲市", 2020, "other", 3),  # no concept
    ]
    p = jurisdiction_year_panel(rows)
    stock = series_name("high_tech_enterprises", "stock", "家")
    assert p.index == [("乙市", 2020), ("甲市", 2019), ("甲市", 2020)]
    assert p.columns[0] == stock and len(p.columns) == 3
    assert (p.get("甲市", 2019, stock), p.get("甲市", 2020, stock), p.get("乙市", 2020, stock)) == (500, 610, 90)
    assert p.get("甲市", 2020, series_name("high_tech_enterprises", "flow", "家")) == 120
    assert p.get("乙市", 2020, series_name("rd_intensity", "share", "%")) is None
    assert jurisdiction_year_panel(rows, kind="target").index == [("甲市", 2025)]
    assert len(jurisdiction_year_panel(rows, keep_other=True).columns) == 4


def test_documents_that_differ_are_listed_and_the_csv_has_every_cell() -> None:
    rows = [r("甲市", 2020, "tech_smes", 300), r("甲市", 2020, "tech_smes", 310), r("甲市", 2020, "tech_smes", 300)]
    p = jurisdiction_year_panel(rows)
    col = series_name("tech_smes", "stock", "家")
    assert p.get("甲市", 2020, col) == 310
    assert p.conflicts == {("甲市", 2020, col): [300.0, 310.0]}
    out = io.StringIO()
    p.write_csv(out)
    assert out.getvalue().splitlines() == [f'jurisdiction,year,"{col}"', "甲市,2020,310"]
