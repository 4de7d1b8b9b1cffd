"""Target against actual: each target set for a jurisdiction, concept and year, paired with the actual
reported for the same jurisdiction, concept and year, and the gap between them (issue 17).

Pure functions over indicator rows (the columns of ``cypher/indicators/indicator_gaps.cypher``), so the
CLI (``innograph gaps``), the API (``GET /indicators/gaps``) and a notebook give the same answer::

    pair_targets(rows: Iterable[Mapping | IndicatorRow]) -> list[IndicatorGap]

A target is paired only with an actual of the same measure (a stock is not a flow: 总数突破5000家 is not
met by 新增610家) and the same unit as written (万元 and 亿元 are not converted); otherwise it is listed
unpaired with the reason. Rule data: ``data/gaps.yaml``.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, Literal

import yaml
from pydantic import BaseModel, Field

from graph.analysis.errors import AnalysisError
from ingest.indicators.lexicon import DATA_DIR, IndicatorDataError, load_lexicon

__all__ = [
    "GapSide",
    "IndicatorFilterError",
    "IndicatorGap",
    "IndicatorRow",
    "check_concept",
    "check_region",
    "check_years",
    "concept_choices",
    "pair_targets",
]

_FILE = "gaps.yaml"


class IndicatorFilterError(AnalysisError, ValueError):
    """A filter value of the indicator views that names nothing: an unknown concept or jurisdiction, or a
    year range that is empty. The message names close matches and the allowed values (API: 422)."""


class IndicatorRow(BaseModel):
    """One stated indicator as the gap query returns it (with its document's year)."""

    jurisdiction: str
    concept: str
    name: str = ""
    value: float
    value_max: float | None = None
    unit: str
    year: int | None = None
    kind: Literal["actual", "target"]
    measure: str = "other"
    qualifier: str | None = None
    doc_id: str
    doc_title: str | None = None
    doc_year: int | None = None
    evidence: str | None = None


class GapSide(BaseModel):
    """The target or the actual of a pair: the figure and the document that states it."""

    value: float
    value_max: float | None = Field(default=None, description="upper bound of a stated range (3-5家)")
    qualifier: str | None = Field(default=None, description="超, 近, 不低于, range ...")
    name: str = Field(description="the indicator as written")
    doc_id: str
    doc_title: str | None = None
    doc_year: int | None = Field(default=None, description="the report year of the stating document")
    evidence: str | None = Field(default=None, description="the sentence stating the figure")


class IndicatorGap(BaseModel):
    """A target for (jurisdiction, concept, year) and the actual reported for it, or why there is none."""

    jurisdiction: str
    concept: str
    year: int
    measure: str = Field(description="stock, flow, share, growth, rank or other (the target's)")
    unit: str = Field(description="the target's unit, as written; a paired actual has the same")
    target: GapSide
    actual: GapSide | None = Field(default=None, description="the actual chosen for the pair, or null")
    gap: float | None = Field(default=None, description="actual − target (in the unit; for % in 个百分点)")
    ratio: float | None = Field(
        default=None, description="actual / target, for levels, additions and shares with a positive target"
    )
    met: bool | None = Field(
        default=None, description="the actual reaches the target (a ceiling or rank: stays at or below it)"
    )
    paired: bool
    reason: str | None = Field(default=None, description="why the target is unpaired; or a note on the pair")
    actual_values: list[float] = Field(
        default_factory=list, description="every distinct actual value of the same measure and unit stated for the year"
    )
    target_documents: int = Field(default=1, description="how many documents state this same target")


@lru_cache(maxsize=1)
def _rules() -> dict[str, frozenset[str]]:
    path = DATA_DIR / _FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise IndicatorDataError(_FILE, "cannot be read", str(exc)) from exc
    if not isinstance(data, dict):
        raise IndicatorDataError(_FILE, "expected a mapping at top level", type(data).__name__)
    out: dict[str, frozenset[str]] = {}
    for key in ("ceiling_qualifiers", "ratio_measures", "lower_is_better_measures"):
        value = data.get(key)
        if not isinstance(value, list) or not value:
            raise IndicatorDataError(_FILE, f"{key!r} must be a non-empty list", value)
        out[key] = frozenset(str(v) for v in value)
    return out


# -- filters ----------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def concept_choices() -> tuple[str, ...]:
    """Every value ``--concept`` accepts: the vocabulary's keys, their levelled forms
    (platform.key_lab.provincial), the prefixes before a dot (platform) and ``other``."""
    lex = load_lexicon()
    keys: list[str] = []
    for c in lex.concepts:
        keys.append(c.key)
        if c.levelled:
            keys.extend(f"{c.key}.{level}" for level, _ in lex.levels)
    prefixes = {k.split(".")[0] for k in keys if "." in k}
    return tuple(sorted(set(keys) | prefixes | {"other"}))


def _close(value: str, allowed: Sequence[str]) -> str:
    close = difflib.get_close_matches(value, list(allowed), n=3, cutoff=0.5)
    return f"; did you mean {' or '.join(close)}?" if close else ""


def check_concept(concept: str | None) -> str | None:
    """``concept`` if it is a key, a levelled key or a prefix of the vocabulary; else IndicatorFilterError."""
    if concept is None or concept in concept_choices():
        return concept
    allowed = concept_choices()
    raise IndicatorFilterError(
        f"unknown indicator concept {concept!r}{_close(concept, allowed)} (choose from {', '.join(allowed)})", concept
    )


def check_region(region: str | None, jurisdictions: Sequence[str]) -> str | None:
    """``region`` if some indicator of the graph belongs to it (``jurisdictions``); else
    IndicatorFilterError naming the jurisdictions that have indicators."""
    if region is None or region in jurisdictions:
        return region
    allowed = sorted(set(jurisdictions))
    listed = ", ".join(allowed) if allowed else "none: no document with indicators is ingested"
    raise IndicatorFilterError(
        f"no indicators of jurisdiction {region!r}{_close(region, allowed)} (jurisdictions with indicators: {listed})",
        region,
    )


def check_years(year_from: int | None, year_to: int | None) -> None:
    """A year range whose first year is after its last names no year: IndicatorFilterError."""
    if year_from is not None and year_to is not None and year_from > year_to:
        raise IndicatorFilterError(
            f"the year range is empty: from {year_from} is after to {year_to}", (year_from, year_to)
        )


# -- pairing ----------------------------------------------------------------------------------------
def _side(r: IndicatorRow) -> GapSide:
    return GapSide(
        value=r.value,
        value_max=r.value_max,
        qualifier=r.qualifier,
        name=r.name,
        doc_id=r.doc_id,
        doc_title=r.doc_title,
        doc_year=r.doc_year,
        evidence=r.evidence,
    )


def _listing(values: Iterable[str]) -> str:
    return "、".join(sorted(set(values)))


def _choose_actual(cands: list[IndicatorRow], target_docs: set[str]) -> IndicatorRow:
    """The actual of the pair: one stated by another document than the target's if any (a later summary
    reports what a plan set), the latest document first; then the larger value and the document id, so the
    choice is the same on every run (every distinct value is kept in ``actual_values``)."""
    return sorted(
        cands,
        key=lambda a: (a.doc_id in target_docs, -(a.doc_year or 0), -a.value, a.doc_id),
    )[0]


def _pair(t: IndicatorRow, docs: set[str], actuals: list[IndicatorRow]) -> IndicatorGap:
    rules = _rules()
    assert t.year is not None
    base: dict[str, Any] = {
        "jurisdiction": t.jurisdiction,
        "concept": t.concept,
        "year": t.year,
        "measure": t.measure,
        "unit": t.unit,
        "target": _side(t),
        "target_documents": len(docs),
    }
    if t.concept == "other":
        return IndicatorGap(
            **base, paired=False, reason="the target maps to no concept (other): no actual can be said to be its"
        )
    if not actuals:
        return IndicatorGap(
            **base, paired=False, reason=f"no actual {t.concept} of {t.jurisdiction} reported for {t.year}"
        )
    same_measure = [a for a in actuals if a.measure == t.measure]
    if not same_measure:
        return IndicatorGap(
            **base,
            paired=False,
            reason=f"the actual for {t.year} is stated as {_listing(a.measure for a in actuals)}, the target as "
            f"{t.measure}: not comparable (a flow 新增 is not a stock 总数)",
        )
    same_unit = [a for a in same_measure if a.unit == t.unit]
    if not same_unit:
        return IndicatorGap(
            **base,
            paired=False,
            reason=f"units differ: the target is in {t.unit}, the actual in {_listing(a.unit for a in same_measure)} "
            "(units are compared as written, not converted)",
        )
    actual = _choose_actual(same_unit, docs)
    values = sorted({a.value for a in same_unit})
    gap = actual.value - t.value
    ratio = actual.value / t.value if t.measure in rules["ratio_measures"] and t.value > 0 else None
    ceiling = t.measure in rules["lower_is_better_measures"] or (t.qualifier in rules["ceiling_qualifiers"])
    met = actual.value <= t.value if ceiling else actual.value >= t.value
    notes = []
    if actual.doc_id in docs:
        notes.append("the actual is stated by the target's own document")
    if len(values) > 1:
        notes.append(f"documents state different actuals: {', '.join(f'{v:g}' for v in values)}")
    return IndicatorGap(
        **base,
        actual=_side(actual),
        gap=round(gap, 6),
        ratio=None if ratio is None else round(ratio, 6),
        met=met,
        paired=True,
        reason="; ".join(notes) or None,
        actual_values=values,
    )


def pair_targets(rows: Iterable[Mapping[str, Any] | IndicatorRow]) -> list[IndicatorGap]:
    """Every target of ``rows`` with a year, once per distinct figure (the same target restated by several
    documents counts once), paired with an actual of ``rows`` for the same jurisdiction, concept and year;
    ordered by jurisdiction, concept, year."""
    parsed = [r if isinstance(r, IndicatorRow) else IndicatorRow.model_validate(dict(r)) for r in rows]
    actuals: dict[tuple[str, str, int], list[IndicatorRow]] = defaultdict(list)
    targets: dict[tuple[Any, ...], list[IndicatorRow]] = defaultdict(list)
    for r in parsed:
        if r.year is None:
            continue
        if r.kind == "actual":
            actuals[(r.jurisdiction, r.concept, r.year)].append(r)
        else:
            targets[(r.jurisdiction, r.concept, r.year, r.measure, r.unit, r.value, r.value_max)].append(r)
    out = []
    for same in targets.values():
        first = sorted(same, key=lambda t: (t.doc_year or 0, t.doc_id))[0]  # the earliest document set it
        assert first.year is not None
        out.append(
            _pair(first, {t.doc_id for t in same}, actuals.get((first.jurisdiction, first.concept, first.year), []))
        )
    out.sort(key=lambda g: (g.jurisdiction, g.concept, g.year, g.measure, g.unit, g.target.value))
    return out
