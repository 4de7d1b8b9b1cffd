"""Network analysis over the stored graph: rows fetched by Cypher → a cached networkx projection →
the measures of :mod:`graph.analysis`, as JSON-ready dicts. Used by the CLI and the API alike."""

from __future__ import annotations

import logging
import math
from collections.abc import Hashable
from typing import IO, Any, Literal

import networkx as nx

from graph.analysis import (
    ProjectionCache,
    ProjectionFilter,
    betweenness,
    closeness,
    clustering,
    core_number,
    degree,
    detect_communities,
    eigenvector,
    evolution,
    export_graph,
    pagerank,
    structural_holes,
    summarize,
)
from graph.analysis.regions import match_region
from graph.analysis.rows import EdgeRow, NodeRow
from graph.store import GraphStore

log = logging.getLogger(__name__)

Measure = Literal[
    "degree",
    "in_degree",
    "out_degree",
    "weighted_degree",
    "betweenness",
    "closeness",
    "eigenvector",
    "pagerank",
    "clustering",
    "core",
]
MEASURES: tuple[str, ...] = Measure.__args__  # type: ignore[attr-defined]

_CACHE = ProjectionCache(max_entries=8)


def graph_version(store: GraphStore) -> str:
    row = store.read("graph_version").records()[0]
    return f"{row['documents']}|{row['last_ingest']}|{row['evidence']}"


def _rows(store: GraphStore) -> tuple[list[NodeRow], list[EdgeRow]]:
    nodes = [NodeRow(**r) for r in store.read("projection_nodes", timeout_ms=0).records()]
    edges = []
    for r in store.read("projection_edges", timeout_ms=0).records():
        r["years"] = [y for y in (r.get("years") or []) if y is not None]
        r["weight"] = r.get("weight") or 1
        r["modality"] = r.get("modality") or "fact"
        edges.append(EdgeRow(**r))
    return nodes, edges


_REGIONS: dict[tuple[str, str], list[str]] = {}


def region_names(store: GraphStore) -> list[str]:
    """Every region name of the graph (what a region filter may name), cached per graph version."""
    version = (str(getattr(store, "graph_name", "")), graph_version(store))
    if version not in _REGIONS:
        _REGIONS.clear()
        _REGIONS[version] = [r["region"] for r in store.read("region_names", timeout_ms=0).records()]
    return _REGIONS[version]


def resolve_region(store: GraphStore, region: str) -> str:
    """The graph's name for a region a user typed (南通 -> 南通市); UnknownRegionError lists close matches."""
    return match_region(region, region_names(store))


def resolve_filter(store: GraphStore, flt: ProjectionFilter) -> ProjectionFilter:
    """``flt`` with its region, if any, replaced by the graph's name for it."""
    if flt.region is None:
        return flt
    return flt.model_copy(update={"region": resolve_region(store, flt.region)})


def projection(store: GraphStore, flt: ProjectionFilter) -> nx.Graph:
    """The filtered graph, built once per graph version and filter. A region means that place and
    everything within it (:mod:`graph.analysis.regions`)."""
    flt = resolve_filter(store, flt)
    return _CACHE.get_or_build(graph_version(store), flt, lambda: _rows(store))


def _num(x: float) -> float | None:
    return None if x is None or (isinstance(x, float) and (math.isnan(x) or math.isinf(x))) else float(x)


def _node(G: nx.Graph, v: Hashable) -> dict[str, Any]:
    d = G.nodes[v]
    return {"id": v, "name": d.get("name", str(v)), "type": d.get("type"), "region": d.get("region")}


def centrality(
    store: GraphStore,
    flt: ProjectionFilter,
    measure: str = "degree",
    *,
    top: int = 20,
    k: int | None = None,
    seed: int = 0,
) -> dict[str, Any]:
    G = projection(store, flt)
    if measure == "degree":
        res = degree(G)
    elif measure in ("in_degree", "out_degree"):
        res = degree(G, direction="in" if measure == "in_degree" else "out")
    elif measure == "weighted_degree":
        res = degree(G, weight="weight")
    elif measure == "betweenness":
        res = betweenness(G, k=k, seed=seed)
    elif measure == "closeness":
        res = closeness(G)
    elif measure == "eigenvector":
        res = eigenvector(G) if G.number_of_edges() else degree(G)
    elif measure == "pagerank":
        res = pagerank(G)
    elif measure == "clustering":
        res = clustering(G)
    elif measure == "core":
        res = core_number(G.to_undirected() if G.is_directed() else G)
    else:
        raise ValueError(f"unknown measure {measure!r}; one of {', '.join(MEASURES)}")
    return {
        "measure": measure,
        "backend": res.backend,
        "method": res.method,
        "sampled_k": res.sampled_k,
        "seed": res.seed,
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "top": [{**_node(G, v), "value": _num(x)} for v, x in res.top(top)],
    }


def communities(
    store: GraphStore, flt: ProjectionFilter, method: str = "louvain", *, seed: int = 0, top: int = 5
) -> dict[str, Any]:
    G = projection(store, flt)
    U = G.to_undirected() if G.is_directed() else G
    res = detect_communities(U, method, seed=seed, top_n=top)  # type: ignore[arg-type]
    return {
        "method": res.method,
        "seed": res.seed,
        "modularity": _num(res.modularity) if res.modularity is not None else None,
        "count": len(res.communities),
        "communities": [
            {
                "id": c.id,
                "size": c.size,
                "members": [_node(U, v) for v in c.members],
                "top": [{**_node(U, v), "degree": d} for v, d in c.top_actors],
            }
            for c in res.communities
        ],
    }


def holes(
    store: GraphStore,
    flt: ProjectionFilter,
    *,
    top: int = 20,
    sort: Literal["constraint", "effective_size", "efficiency", "hierarchy"] = "constraint",
) -> dict[str, Any]:
    G = projection(store, flt)
    U = G.to_undirected() if G.is_directed() else G
    if U.number_of_edges() == 0:  # Burt's measures need ties; an empty selection has no brokers
        return {"sort": sort, "nodes": U.number_of_nodes(), "top": []}
    sh = structural_holes(U, weight="weight")
    ranked = [v for v in U.nodes if U.degree(v) > 0]
    reverse = sort != "constraint"  # low constraint = broker; high effective size / efficiency = broker
    ranked.sort(key=lambda v: ((-1 if reverse else 1) * (_num(sh.as_metrics()[sort][v]) or 0.0), str(v)))
    return {
        "sort": sort,
        "nodes": U.number_of_nodes(),
        "top": [{**_node(U, v), **{m: _num(vals[v]) for m, vals in sh.as_metrics().items()}} for v in ranked[:top]],
    }


def network_summary(store: GraphStore, flt: ProjectionFilter) -> dict[str, Any]:
    G = projection(store, flt)
    s = summarize(G)
    return {k: (_num(v) if isinstance(v, float) else v) for k, v in vars(s).items()}


def evolution_table(
    store: GraphStore, flt: ProjectionFilter, *, mode: str = "cumulative", window: int = 1, top: int = 5, seed: int = 0
) -> dict[str, Any]:
    G = projection(store, flt)
    res = evolution(G, mode=mode, window=window, top_n=top, seed=seed)  # type: ignore[arg-type]
    periods = []
    for p in res.periods:
        row = {k: (_num(v) if isinstance(v, float) else v) for k, v in vars(p).items()}
        for key, value in list(row.items()):
            if isinstance(value, list) and value and isinstance(value[0], tuple):
                row[key] = [{**_node(G, v), "value": _num(x)} for v, x in value]
        periods.append(row)
    return {"mode": res.mode, "undated_edges": res.undated_edges, "periods": periods}


def export(store: GraphStore, flt: ProjectionFilter, fmt: str, out: IO[bytes], *, with_metrics: bool = True) -> None:
    G = projection(store, flt)
    metrics: dict[str, dict[Hashable, float]] = {}
    if with_metrics and G.number_of_nodes():
        metrics["degree"] = degree(G).values
        metrics["pagerank"] = pagerank(G).values
        metrics["betweenness"] = betweenness(
            G, k=min(500, G.number_of_nodes()) if G.number_of_nodes() > 5000 else None
        ).values
    export_graph(G, fmt, out, node_metrics=metrics)  # type: ignore[arg-type]
