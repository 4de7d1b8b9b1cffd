"""``innograph analyze``: network analysis of the stored graph (networkx; igraph for large graphs), with the
shared network filters of :func:`api.cli._common.network_command`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from api.cli._common import (
    CsvOpt,
    JsonOpt,
    SeedOpt,
    TopOpt,
    _check,
    _choices,
    _emit,
    _open_store,
    _settings,
    network_command,
)
from graph.analysis_options import COMMUNITY_METHODS, EVOLUTION_MODES, HOLE_SORTS, MEASURES

analyze_app = typer.Typer(
    help="Network analysis of the stored graph (networkx; igraph for large graphs).\n\n"
    "Every analyze command and `innograph export` take the same filters (--type, --rel, --modality, --region, "
    "--from, --to, --min-weight, --directed, --two-mode, --drop-isolates), with the same meaning as the API's "
    "query parameters; an unknown value is refused (exit code 2) naming close matches.",
    no_args_is_help=True,
)


@analyze_app.command("centrality")
@network_command
def analyze_centrality(
    flt: Any,
    measure: Annotated[
        str, typer.Option(metavar=_choices(MEASURES), help="The centrality measure (degree counts ties).")
    ] = "degree",
    k: Annotated[
        int | None, typer.Option(min=1, help="Betweenness from k sampled sources (large graphs); default exact.")
    ] = None,
    seed: SeedOpt = 0,
    top: TopOpt = 20,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Top actors by a centrality measure.

    Example: innograph analyze centrality --measure betweenness --type University --type Enterprise --region 南通
    """
    from graph import analysis_service as service

    measure = _check("measure", measure)
    data = service.centrality(_open_store(_settings()), flt, measure, top=top, k=k, seed=seed)
    _emit(
        data,
        data["top"],
        ["name", "type", "value"],
        as_json,
        as_csv,
        f"{measure} ({data['backend']}, {data['method']}) on {data['nodes']} actors, {data['edges']} ties",
    )


@analyze_app.command("communities")
@network_command
def analyze_communities(
    flt: Any,
    method: Annotated[str, typer.Option(metavar=_choices(COMMUNITY_METHODS), help="The algorithm.")] = "louvain",
    seed: SeedOpt = 0,
    top: Annotated[int, typer.Option(min=1, help="How many top actors to list per community.")] = 5,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Communities with modularity, their sizes and top actors (on the undirected graph).

    Example: innograph analyze communities --method louvain --rel CO_BUILDS --rel COOPERATES_WITH
    """
    from graph import analysis_service as service

    method = _check("community method", method)
    data = service.communities(_open_store(_settings()), flt, method, seed=seed, top=top)
    rows = [
        {"community": c["id"], "size": c["size"], "top actors": "、".join(t["name"] for t in c["top"])}
        for c in data["communities"]
        if c["size"] > 1
    ]
    _emit(
        data,
        rows,
        ["community", "size", "top actors"],
        as_json,
        as_csv,
        f"{data['count']} communities ({method}), modularity {data['modularity']}",
    )


@analyze_app.command("holes")
@network_command
def analyze_holes(
    flt: Any,
    sort: Annotated[
        str, typer.Option(metavar=_choices(HOLE_SORTS), help="Rank by this measure (brokers first).")
    ] = "constraint",
    top: TopOpt = 20,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Burt's structural holes: constraint, effective size, efficiency, hierarchy (brokers first).

    Example: innograph analyze holes --sort effective_size --from 2018 --to 2022
    """
    from graph import analysis_service as service

    sort = _check("structural-holes sort", sort)
    data = service.holes(_open_store(_settings()), flt, top=top, sort=sort)  # type: ignore[arg-type]
    _emit(
        data,
        data["top"],
        ["name", "type", "constraint", "effective_size", "efficiency", "hierarchy"],
        as_json,
        as_csv,
        f"structural holes, sorted by {sort}",
    )


@analyze_app.command("summary")
@network_command
def analyze_summary(flt: Any, as_json: JsonOpt = False, as_csv: CsvOpt = False) -> None:
    """Size, density, components, diameter, average path length, centralisation, assortativity.

    Example: innograph analyze summary --region 江苏省 --modality fact --drop-isolates
    """
    from graph import analysis_service as service

    data = service.network_summary(_open_store(_settings()), flt)
    _emit(
        data,
        [{"metric": k, "value": v} for k, v in data.items()],
        ["metric", "value"],
        as_json,
        as_csv,
        "network summary",
    )


@analyze_app.command("evolution")
@network_command
def analyze_evolution(
    flt: Any,
    mode: Annotated[
        str,
        typer.Option(
            metavar=_choices(EVOLUTION_MODES),
            help="cumulative: every tie from the first year to the period's end; window: the last --window years.",
        ),
    ] = "cumulative",
    window: Annotated[int, typer.Option(min=1, help="Window length in years (mode window).")] = 1,
    top: Annotated[int, typer.Option(min=1, help="How many top actors per period.")] = 5,
    ties: Annotated[
        int, typer.Option(min=0, help="List at most this many added and dropped ties per period (--json).")
    ] = 1000,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """The network year by year: size, density, components, top actors, and the ties added and dropped since
    the previous period (in all and per actor type). --from/--to bound the periods.

    Example: innograph analyze evolution --mode window --window 2 --from 2016 --to 2022 --type Enterprise
    """
    from graph import analysis_service as service

    mode = _check("evolution mode", mode)
    data = service.evolution_table(_open_store(_settings()), flt, mode=mode, window=window, top=top, ties=ties)
    rows = [
        {
            "period": f"{p['start']}-{p['end']}",
            "nodes": p["nodes"],
            "edges": p["edges"],
            "added": p["ties_added"],
            "dropped": p["ties_dropped"],
            "density": p["density"],
            "components": p["components"],
            "top degree": "、".join(t["name"] for t in p["top_degree"]),
        }
        for p in data["periods"]
    ]
    _emit(
        data,
        rows,
        ["period", "nodes", "edges", "added", "dropped", "density", "components", "top degree"],
        as_json,
        as_csv,
        f"evolution ({mode})",
    )
