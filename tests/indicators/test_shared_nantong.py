"""The Nantong 2015 summary of ../shared/corpus yields its stated figures with the right years (issue 17).

The document is read from ../shared at run time (never copied here); the figures checked are facts it
states: its high-tech enterprise count, R&D spending and share (reported for 2014, the latest
statistics year), provincial platform counts (a flow and a stock), and targets of its 2016 plan part.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.models import Extraction
from ingest.pipeline import extract_document
from ingest.readers import read_document

DOC = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "000_99bc654864829da0.txt"

pytestmark = pytest.mark.skipif(not DOC.is_file(), reason="../shared/corpus is absent (it is not part of the repo)")


@pytest.fixture(scope="module")
def nantong() -> Extraction:
    return extract_document(read_document(DOC))


def _has(
    ex: Extraction, concept: str, value: float, unit: str, year: int, kind: str, measure: str | None = None
) -> bool:
    return any(
        i.jurisdiction == "南通市"
        and i.concept == concept
        and i.value == value
        and i.unit == unit
        and i.year == year
        and i.kind == kind
        and (measure is None or i.measure == measure)
        for i in ex.indicators
    )


def test_the_documents_years(nantong: Extraction) -> None:
    assert (nantong.document.report_year, nantong.document.plan_year) == (2015, 2016)


@pytest.mark.parametrize(
    ("concept", "value", "unit", "year", "kind", "measure"),
    [
        ("high_tech_enterprises", 750, "家", 2015, "actual", None),  # the count reached
        ("rd_expenditure", 141, "亿元", 2014, "actual", None),  # R&D spending of the statistics year
        ("rd_intensity", 2.5, "%", 2014, "actual", "share"),  # its share of GDP
        ("platform.engineering_centre.provincial", 34, "家", 2015, "actual", "flow"),  # new this year
        ("platform.engineering_centre.provincial", 333, "家", 2015, "actual", "stock"),  # the total
        ("high_tech_industry_growth", 14.89, "%", 2015, "actual", "growth"),
        ("high_tech_enterprises", 850, "家", 2016, "target", "stock"),  # the plan part's targets
        ("rd_intensity", 2.55, "%", 2016, "target", "share"),
    ],
)
def test_stated_figures(
    nantong: Extraction, concept: str, value: float, unit: str, year: int, kind: str, measure: str | None
) -> None:
    assert _has(nantong, concept, value, unit, year, kind, measure)
