"""``innograph indicators`` and ``innograph gaps``: the indicators stated in the ingested documents, and
each indicator target set against the actual reported for its year (issue 17).

``gaps`` gives the answer of ``GET /indicators/gaps`` for the same filters (``--json`` prints it
exactly); pairing is :func:`ingest.indicators.gaps.pair_targets`.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from api.cli._common import _emit, _open_store, _settings, _user_error, err

INDICATOR_COLUMNS = ["jurisdiction", "year", "kind", "concept", "name", "value", "unit", "measure", "doc_id"]


def indicators(
    region: Annotated[str | None, typer.Option(help="Canonical jurisdiction name, e.g. 苏州市.")] = None,
    concept: Annotated[str | None, typer.Option(help="Concept key or prefix (platform matches platform.*).")] = None,
    year_from: Annotated[int | None, typer.Option("--from", help="First year.")] = None,
    year_to: Annotated[int | None, typer.Option("--to", help="Last year.")] = None,
    kind: Annotated[str | None, typer.Option(help="actual or target.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many rows.")] = 1000,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV (every column, evidence included).")] = False,
) -> None:
    """List the indicators stated in the ingested documents (a jurisdiction-year panel with --csv)."""
    if kind not in (None, "actual", "target"):
        err.print(f"[red]--kind must be actual or target, not {kind!r}[/red]")
        raise typer.Exit(2)
    params = {
        "region": region,
        "concept": concept,
        "year_from": year_from,
        "year_to": year_to,
        "kind": kind,
        "limit": limit,
    }
    store = _open_store(_settings())
    res = store.read("indicator_list", params)
    rows = res.records()
    columns = list(res.columns) if as_csv else INDICATOR_COLUMNS
    _emit({"items": rows, "count": len(rows)}, rows, columns, False, as_csv, f"indicators ({len(rows)})")


GAP_COLUMNS = ["jurisdiction", "concept", "year", "measure", "unit", "target", "actual", "gap", "ratio", "met", "note"]
CSV_COLUMNS = [
    "jurisdiction",
    "concept",
    "year",
    "measure",
    "unit",
    "target",
    "target_max",
    "target_qualifier",
    "target_name",
    "target_doc_id",
    "target_documents",
    "actual",
    "actual_name",
    "actual_doc_id",
    "actual_values",
    "gap",
    "ratio",
    "met",
    "paired",
    "note",
    "target_evidence",
    "actual_evidence",
]


def _row(g: Any) -> dict[str, Any]:
    a = g.actual
    return {
        "jurisdiction": g.jurisdiction,
        "concept": g.concept,
        "year": g.year,
        "measure": g.measure,
        "unit": g.unit,
        "target": f"{g.target.value:g}" + (f"-{g.target.value_max:g}" if g.target.value_max is not None else ""),
        "target_max": g.target.value_max,
        "target_qualifier": g.target.qualifier,
        "target_name": g.target.name,
        "target_doc_id": g.target.doc_id,
        "target_documents": g.target_documents,
        "actual": None if a is None else f"{a.value:g}",
        "actual_name": None if a is None else a.name,
        "actual_doc_id": None if a is None else a.doc_id,
        "actual_values": " ".join(f"{v:g}" for v in g.actual_values),
        "gap": None if g.gap is None else f"{g.gap:+g}",
        "ratio": None if g.ratio is None else f"{g.ratio:.3f}",
        "met": {True: "yes", False: "no", None: ""}[g.met],
        "paired": g.paired,
        "note": g.reason or "",
        "target_evidence": g.target.evidence,
        "actual_evidence": None if a is None else a.evidence,
    }


GAPS_HELP = (
    "Targets against actuals: each target set for a year, the actual reported for that year, and the gap.\n\n"
    "A target (力争到2020年高新技术企业总数达到1000家) of a jurisdiction, concept and year is paired with an actual "
    "of the same jurisdiction, concept and year stated by any document (another document first, the latest "
    "first), of the same measure (a stock 总数 is not a flow 新增) and the same unit as written (万元 and 亿元 are "
    "not converted). gap = actual − target; ratio = actual / target for levels, additions and shares; met: the "
    "actual reaches the target (a ceiling 不超过 or a rank: stays at or below it). A target that cannot be paired "
    "is listed with the reason (no actual for the year, another measure, another unit); the same target restated "
    "by several documents is listed once.\n\n"
    "Example: innograph gaps --region 苏州市 --concept high_tech_enterprises --from 2015 --to 2025"
)


def gaps(
    region: Annotated[
        str | None,
        typer.Option(
            help="A jurisdiction with indicators, canonical (苏州市, 杭州市余杭区); unknown ones are refused."
        ),
    ] = None,
    concept: Annotated[
        str | None,
        typer.Option(help="A concept key or prefix of ingest/indicators/data/concepts.yaml (rd_intensity, platform)."),
    ] = None,
    year_from: Annotated[int | None, typer.Option("--from", help="First target year.")] = None,
    year_to: Annotated[int | None, typer.Option("--to", help="Last target year.")] = None,
    paired_only: Annotated[bool, typer.Option("--paired", help="Leave out targets with no comparable actual.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (the answer of GET /indicators/gaps).")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV (every column, both evidence sentences).")] = False,
) -> None:
    """Targets against actuals (the help is GAPS_HELP)."""
    from api.routers.indicators import gap_list
    from ingest.indicators.gaps import IndicatorFilterError, check_concept, check_region, check_years, pair_targets

    try:
        check_concept(concept)
        check_years(year_from, year_to)
    except IndicatorFilterError as exc:
        _user_error(exc)
    store = _open_store(_settings())
    if region is not None:
        facets = store.read("indicator_facets", {"limit": 10_000}).records()
        try:
            check_region(region, [r["jurisdiction"] for r in facets])
        except IndicatorFilterError as exc:
            _user_error(exc)
    params = {"region": region, "concept": concept, "year_from": year_from, "year_to": year_to, "limit": 2_000}
    result = gap_list(pair_targets(store.read("indicator_gaps", params).records()), paired_only)
    rows = [_row(g) for g in result.items]
    title = f"targets against actuals ({result.count} targets, {result.paired} paired, {result.met} met)"
    _emit(result.model_dump(mode="json"), rows, CSV_COLUMNS if as_csv else GAP_COLUMNS, as_json, as_csv, title)
