"""How the network changes over time, from the edges' ``first_year`` / ``last_year``.

An edge is *active* in the period ``[a, b]`` when its interval ``[first_year, last_year]``
overlaps it (a missing bound takes the other's value); undated edges belong to no period
and are counted in ``EvolutionResult.undated_edges``. The graph of a period holds the active
edges and their endpoints (actors with no active tie are not in it), with every edge
keeping its full weight.

Periods end at ``start, start + step, ...`` up to ``end`` (default: the first and last year
seen on an edge). ``mode="cumulative"`` makes period ``[start, e]``; ``mode="window"`` makes
``[e - window + 1, e]``.

Change between periods: a period's ``added`` ties are those of its graph that were not in the
previous period's graph (for the first period: all its ties), its ``dropped`` ties those of the
previous period's graph that are not in its own (a cumulative series never drops a tie). A tie is
a pair of actors (ordered when the graph is directed). ``added_by_type`` / ``dropped_by_type``
count, for each actor type, the added / dropped ties with at least one end of that type (a tie
between two types counts once for each).
"""

from __future__ import annotations

import logging
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Literal

import networkx as nx

from graph.analysis.centrality import DEFAULT_THRESHOLD, betweenness, degree, pagerank
from graph.analysis.errors import UnknownMethodError

logger = logging.getLogger(__name__)

Mode = Literal["cumulative", "window"]


@dataclass(frozen=True)
class PeriodMetrics:
    start: int
    end: int
    nodes: int
    edges: int
    density: float
    components: int
    largest_component: int
    top_degree: list[tuple[Hashable, float]] = field(default_factory=list)
    top_betweenness: list[tuple[Hashable, float]] = field(default_factory=list)
    top_pagerank: list[tuple[Hashable, float]] = field(default_factory=list)
    betweenness_method: str = "exact"
    ties_added: int = 0
    ties_dropped: int = 0
    added_by_type: dict[str, int] = field(default_factory=dict)
    dropped_by_type: dict[str, int] = field(default_factory=dict)
    added: list[tuple[Hashable, Hashable]] = field(default_factory=list)
    dropped: list[tuple[Hashable, Hashable]] = field(default_factory=list)


@dataclass(frozen=True)
class EvolutionResult:
    mode: Mode
    step: int
    window: int | None
    undated_edges: int
    periods: list[PeriodMetrics]


def edge_interval(data: dict[str, object]) -> tuple[int, int] | None:
    """``(first, last)`` of an edge's attributes, or ``None`` when undated."""
    first = data.get("first_year")
    last = data.get("last_year")
    if first is None and last is None:
        return None
    lo = int(first if first is not None else last)  # type: ignore[call-overload]
    hi = int(last if last is not None else first)  # type: ignore[call-overload]
    return lo, hi


def period_graph(G: nx.Graph, start: int, end: int) -> nx.Graph:
    """The subgraph of edges active in ``[start, end]`` and their endpoints (node data kept)."""
    H = G.__class__()
    for u, v, data in G.edges(data=True):
        span = edge_interval(data)
        if span is None or span[1] < start or span[0] > end:
            continue
        if u not in H:
            H.add_node(u, **G.nodes[u])
        if v not in H:
            H.add_node(v, **G.nodes[v])
        H.add_edge(u, v, **data)
    return H


def _ties(H: nx.Graph) -> set[tuple[Hashable, Hashable]]:
    if H.is_directed():
        return set(H.edges())
    return {(u, v) if str(u) <= str(v) else (v, u) for u, v in H.edges()}


def _by_type(G: nx.Graph, ties: list[tuple[Hashable, Hashable]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for u, v in ties:
        for t in {G.nodes[u].get("type"), G.nodes[v].get("type")}:
            if isinstance(t, str):
                counts[t] = counts.get(t, 0) + 1
    return dict(sorted(counts.items()))


def _components(H: nx.Graph) -> list[set[Hashable]]:
    if H.number_of_nodes() == 0:
        return []
    if H.is_directed():
        return list(nx.weakly_connected_components(H))
    return list(nx.connected_components(H))


def evolution(
    G: nx.Graph,
    *,
    mode: Mode = "cumulative",
    step: int = 1,
    window: int = 1,
    start: int | None = None,
    end: int | None = None,
    top_n: int = 10,
    seed: int | None = 0,
    betweenness_k: int | None = None,
    weight: str | None = "weight",
    threshold: int = DEFAULT_THRESHOLD,
) -> EvolutionResult:
    """Per-period size, density, components, top actors by degree, betweenness, PageRank, and the ties
    added and dropped since the previous period (see the module docstring).

    Degree is unweighted (number of active ties); PageRank uses ``weight``; betweenness is
    unweighted, exact unless ``betweenness_k`` is set (then sampled with ``seed``), and goes
    through igraph at ``threshold`` nodes (see :func:`graph.analysis.centrality.betweenness`).
    """
    if mode not in ("cumulative", "window"):
        raise UnknownMethodError(f"unknown evolution mode {mode!r} (cumulative, window)", mode)
    if step < 1:
        raise UnknownMethodError(f"step must be >= 1, got {step}", step)
    if window < 1:
        raise UnknownMethodError(f"window must be >= 1, got {window}", window)
    spans = [edge_interval(d) for _, _, d in G.edges(data=True)]
    dated = [s for s in spans if s is not None]
    undated = len(spans) - len(dated)
    if not dated:
        return EvolutionResult(mode, step, window if mode == "window" else None, undated, [])
    first = start if start is not None else min(s[0] for s in dated)
    last = end if end is not None else max(s[1] for s in dated)

    periods: list[PeriodMetrics] = []
    previous: set[tuple[Hashable, Hashable]] = set()
    for e in range(first, last + 1, step):
        a = first if mode == "cumulative" else e - window + 1
        H = period_graph(G, a, e)
        current = _ties(H)
        added = sorted(current - previous, key=lambda t: (str(t[0]), str(t[1])))
        dropped = sorted(previous - current, key=lambda t: (str(t[0]), str(t[1])))
        previous = current
        comps = _components(H)
        n = H.number_of_nodes()
        if n:
            bet = betweenness(H, k=betweenness_k, seed=seed, threshold=threshold)
            tops = (
                degree(H).top(top_n),
                bet.top(top_n),
                pagerank(H, weight=weight).top(top_n),
            )
            method = bet.method
        else:
            tops = ([], [], [])
            method = "exact"
        periods.append(
            PeriodMetrics(
                start=a,
                end=e,
                nodes=n,
                edges=H.number_of_edges(),
                density=float(nx.density(H)) if n else 0.0,
                components=len(comps),
                largest_component=max((len(c) for c in comps), default=0),
                top_degree=tops[0],
                top_betweenness=tops[1],
                top_pagerank=tops[2],
                betweenness_method=method,
                ties_added=len(added),
                ties_dropped=len(dropped),
                added_by_type=_by_type(G, added),
                dropped_by_type=_by_type(G, dropped),
                added=added,
                dropped=dropped,
            )
        )
    logger.debug("evolution: %d periods (%s), %d undated edges", len(periods), mode, undated)
    return EvolutionResult(mode, step, window if mode == "window" else None, undated, periods)
