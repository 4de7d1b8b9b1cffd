"""A jurisdiction-year panel from indicator rows (issue 17): one row per (jurisdiction, year), one column per
series — a concept with its measure and unit, since a stock (总数) is not a flow (新增) and 万元 is not 亿元.

Pure functions over the rows of ``cypher/indicators/indicator_list.cypher`` (or GET /indicators items)::

    panel = jurisdiction_year_panel(rows)            # actuals only, concept `other` left out
    panel.write_csv(open("panel.csv", "w"))

With pandas, the same table is ``DataFrame(rows).pivot_table(index=["jurisdiction", "year"],
columns=["concept", "measure", "unit"], values="value", aggfunc="max")``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TextIO

__all__ = ["Panel", "jurisdiction_year_panel", "series_name"]


def series_name(concept: str, measure: str, unit: str) -> str:
    """The column of a series: ``high_tech_enterprises [stock, 家]``."""
    return f"{concept} [{measure}, {unit}]"


@dataclass
class Panel:
    """Cells by (jurisdiction, year) and series; ``conflicts`` lists the cells whose documents state
    different values (the panel keeps the largest)."""

    columns: list[str]
    cells: dict[tuple[str, int], dict[str, float]]
    conflicts: dict[tuple[str, int, str], list[float]] = field(default_factory=dict)

    @property
    def index(self) -> list[tuple[str, int]]:
        return sorted(self.cells)

    def get(self, jurisdiction: str, year: int, column: str) -> float | None:
        return self.cells.get((jurisdiction, year), {}).get(column)

    def write_csv(self, out: TextIO, columns: list[str] | None = None) -> None:
        cols = columns or self.columns
        w = csv.writer(out)
        w.writerow(["jurisdiction", "year", *cols])
        for j, y in self.index:
            row = self.cells[(j, y)]
            w.writerow([j, y, *("" if row.get(c) is None else f"{row[c]:g}" for c in cols)])


def jurisdiction_year_panel(rows: Iterable[Mapping[str, Any]], kind: str = "actual", keep_other: bool = False) -> Panel:
    """The panel of the rows of ``kind`` with a year; a figure stated by several documents is one cell
    (the largest value when they differ, listed in ``conflicts``). Columns are ordered by how many cells
    they fill, most first."""
    values: dict[tuple[str, int, str], set[float]] = {}
    for r in rows:
        if r.get("kind") != kind or r.get("year") is None:
            continue
        if r.get("concept") == "other" and not keep_other:
            continue
        col = series_name(str(r["concept"]), str(r.get("measure") or "other"), str(r["unit"]))
        values.setdefault((str(r["jurisdiction"]), int(r["year"]), col), set()).add(float(r["value"]))
    cells: dict[tuple[str, int], dict[str, float]] = {}
    filled: dict[str, int] = {}
    conflicts: dict[tuple[str, int, str], list[float]] = {}
    for (j, y, col), vs in values.items():
        cells.setdefault((j, y), {})[col] = max(vs)
        filled[col] = filled.get(col, 0) + 1
        if len(vs) > 1:
            conflicts[(j, y, col)] = sorted(vs)
    columns = sorted(filled, key=lambda c: (-filled[c], c))
    return Panel(columns=columns, cells=cells, conflicts=conflicts)
