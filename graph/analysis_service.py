"""Network analysis over the stored graph: rows fetched by Cypher → a cached networkx projection →
the measures of :mod:`graph.analysis`, as JSON-ready dicts. Used by the CLI and the API alike."""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field
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
from graph.analysis.export import CurationMarks, mark_curation
from graph.analysis.projection import _edge_row_passes as edge_row_passes
from graph.analysis.regions import match_region
from graph.analysis.rows import EdgeRow, NodeRow
from graph.analysis_options import MEASURES, choose
from graph.store import GraphStore
from graph.vocabulary import SYMMETRIC_RELATIONS

log = logging.getLogger(__name__)

_CACHE = ProjectionCache(max_entries=8)


def graph_version(store: GraphStore) -> str:
    row = store.read("graph_version").records()[0]
    return f"{row['documents']}|{row['last_ingest']}|{row['evidence']}"


def _rows(store: GraphStore, modality: str | None = None) -> tuple[list[NodeRow], list[EdgeRow]]:
    """Nodes and edge rows of the projection. With a modality, a relationship is there when it has evidence
    of that modality, weighed and dated by that evidence only: ``--modality plan`` is the planned network
    (a tie planned in one year and done the next is in it, with its planned evidence), as /network selects."""
    nodes = [NodeRow(**r) for r in store.read("projection_nodes", timeout_ms=0).records()]
    edges = []
    if modality is None:
        records = store.read("projection_edges", timeout_ms=0).records()
    else:
        records = store.read("projection_edges_by_modality", {"modality": modality}, timeout_ms=0).records()
    for r in records:
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
    return _CACHE.get_or_build(graph_version(store), flt, lambda: _rows(store, flt.modality))


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
    measure = choose("measure", measure)
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
    method = choose("community method", method)
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
    sort = choose("structural-holes sort", sort)  # type: ignore[assignment]
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
    store: GraphStore,
    flt: ProjectionFilter,
    *,
    mode: str = "cumulative",
    window: int = 1,
    top: int = 5,
    seed: int = 0,
    ties: int = 1000,
) -> dict[str, Any]:
    """Metrics per period (bounded by the filter's years when given) with the ties added and dropped since
    the previous period, in all and per actor type (:mod:`graph.analysis.evolution`). The counts are exact;
    the lists ``added`` / ``dropped`` hold at most ``ties`` ties each (``added_truncated`` /
    ``dropped_truncated`` say when more changed)."""
    mode = choose("evolution mode", mode)
    G = projection(store, flt)
    res = evolution(
        G,
        mode=mode,  # type: ignore[arg-type]
        window=window,
        top_n=top,
        seed=seed,
        start=flt.year_from,
        end=flt.year_to,
    )
    periods = []
    for p in res.periods:
        row: dict[str, Any] = {}
        for key, value in vars(p).items():
            if key in ("added", "dropped"):
                row[key] = [_tie(G, u, v) for u, v in value[:ties]]
                row[f"{key}_truncated"] = len(value) > ties
            elif key.startswith("top_"):
                row[key] = [{**_node(G, v), "value": _num(x)} for v, x in value]
            else:
                row[key] = _num(value) if isinstance(value, float) else value
        periods.append(row)
    return {"mode": res.mode, "undated_edges": res.undated_edges, "periods": periods}


def _tie(G: nx.Graph, u: Hashable, v: Hashable) -> dict[str, Any]:
    d = G.nodes
    return {
        "source": u,
        "source_name": d[u].get("name", str(u)),
        "source_type": d[u].get("type"),
        "target": v,
        "target_name": d[v].get("name", str(v)),
        "target_type": d[v].get("type"),
    }


def export(
    store: GraphStore,
    flt: ProjectionFilter,
    fmt: str,
    out: IO[bytes],
    *,
    with_metrics: bool = True,
    curation: CurationMarks | None = None,
) -> None:
    """Write the filtered network to ``out``: edges with their relation types, weight, evidence counts (in all,
    fact, plan), modality, first/last year and the ids of the documents behind them; nodes with type, region,
    region path, level and degree / PageRank / betweenness. With ``curation`` (``ingest.curation.export_marks``),
    the curated nodes and edges are marked and the rejected relations recorded (:func:`mark_curation`)."""
    fmt = choose("export format", fmt)
    G = with_details(store, flt, projection(store, flt))
    if curation is not None:
        G = mark_curation(G, curation, flt)
    metrics: dict[str, dict[Hashable, float]] = {}
    if with_metrics and G.number_of_nodes():
        metrics["degree"] = degree(G).values
        metrics["pagerank"] = pagerank(G).values
        metrics["betweenness"] = betweenness(
            G, k=min(500, G.number_of_nodes()) if G.number_of_nodes() > 5000 else None
        ).values
    export_graph(G, fmt, out, node_metrics=metrics)  # type: ignore[arg-type]


@dataclass
class _Details:
    fact: float = 0.0
    plan: float = 0.0
    documents: set[str] = field(default_factory=set)


def with_details(store: GraphStore, flt: ProjectionFilter, G: nx.Graph) -> nx.Graph:
    """A copy of the projection ``G`` whose nodes carry ``level`` and ``region_path`` and whose edges carry
    ``evidence_count``, ``fact_evidence``, ``plan_evidence``, ``modality`` (fact when any evidence states a
    fact, else plan, as stored), ``documents`` and ``document_count``: summed over the same relationships
    the projection kept for the pair (the filter's relation types and years; with a modality, that
    modality's evidence only). A two-mode projection's edges are shared
    affiliations (``via``): they get no evidence attributes."""
    H = G.copy()
    for r in store.read("export_node_details", timeout_ms=0).records():
        if r["id"] in H:
            if r["level"] is not None:
                H.nodes[r["id"]]["level"] = r["level"]
            if r["region_path"]:
                H.nodes[r["id"]]["region_path"] = list(r["region_path"])
    if flt.two_mode is not None:
        return H
    details: dict[tuple[Hashable, Hashable], _Details] = defaultdict(_Details)
    params = {"modality": flt.modality}
    for r in store.read("export_edge_details", params, timeout_ms=0).records():
        if flt.modality is None:
            row = EdgeRow(
                source=r["source"],
                target=r["target"],
                type=r["type"],
                weight=r["weight"] or 1,
                modality=r["modality"] or "fact",
                first_year=r["first_year"],
                last_year=r["last_year"],
                years=[y for y in (r["years"] or []) if y is not None],
            )
        else:  # the relationship as the modality's projection saw it: that modality's evidence only
            if not r[f"{flt.modality}_weight"]:
                continue
            r["fact_weight" if flt.modality == "plan" else "plan_weight"] = 0
            row = EdgeRow(
                source=r["source"],
                target=r["target"],
                type=r["type"],
                weight=r[f"{flt.modality}_weight"],
                modality=flt.modality,
                years=[y for y in (r["evidence_years"] or []) if y is not None],
            )
        if row.source not in H or row.target not in H or not edge_row_passes(row, flt):
            continue
        keys = [(row.source, row.target)]
        if flt.directed and row.type in SYMMETRIC_RELATIONS:
            keys.append((row.target, row.source))
        for key in keys:
            if not H.has_edge(*key):
                continue
            if not flt.directed:
                key = (key[0], key[1]) if key[0] <= key[1] else (key[1], key[0])
            d = details[key]
            d.fact += r["fact_weight"] or 0
            d.plan += r["plan_weight"] or 0
            d.documents.update(x for x in r["documents"] or [] if x is not None)
    for (u, v), d in details.items():
        attrs = H.edges[u, v]
        attrs["evidence_count"] = d.fact + d.plan
        attrs["fact_evidence"] = d.fact
        attrs["plan_evidence"] = d.plan
        attrs["modality"] = "fact" if d.fact > 0 else "plan"
        attrs["documents"] = sorted(d.documents)
        attrs["document_count"] = len(d.documents)
    return H
