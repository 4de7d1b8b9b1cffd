"""Centrality measures as pure functions returning a :class:`CentralityResult`.

Weight semantics (decided once, used everywhere):

* ``weight`` (evidence count) is a *strength*: it is used by weighted degree, eigenvector
  centrality and PageRank, where more evidence means a stronger tie.
* Betweenness and closeness are *unweighted* by default (hop distance). networkx and igraph
  both read a weight as a *length* for these, so summing evidence counts as lengths would
  make well-attested ties look far. To use weights pass ``distance=`` naming an edge
  attribute that holds a length (e.g. one computed as ``1 / weight``).

Betweenness, closeness and PageRank are computed with python-igraph by default
(``backend="auto"`` picks igraph from ``threshold`` nodes, default 0: at every size);
``backend="networkx"`` keeps networkx's own functions, which the tests compare against. The
igraph path reproduces networkx's numbers (within 1e-9): the same
normalisation, the same sampled sources (networkx draws them with
``random.Random(seed).sample(list(G), k)``; so do we, and pass them to igraph as
``sources``), the same rescaling of sampled values, and networkx's Wasserman–Faust
correction for closeness on disconnected graphs. igraph's PageRank (PRPACK) solves the linear
system exactly where networkx iterates to ``tol``, so the two differ by networkx's convergence
error (below 1e-9). ``CentralityResult.backend`` says which library computed the values.

Frozen graphs (those of the projection cache) are converted to igraph once
(:func:`graph.analysis._igraph.igraph_of`).

>>> import networkx as nx
>>> star = nx.star_graph(4)  # hub 0 and four leaves
>>> betweenness(star).values[0]
1.0
>>> round(closeness(star).values[1], 6)  # 4 / (1 + 2 + 2 + 2)
0.571429
>>> pr = pagerank(star, weight=None)
>>> round(sum(pr.values.values()), 12), pr.backend
(1.0, 'igraph')
"""

from __future__ import annotations

import logging
import math
import random
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Literal

import networkx as nx

from graph.analysis._igraph import igraph_of
from graph.analysis.errors import EmptyGraphError, NotConvergedError, UnknownBackendError, UnknownMethodError

logger = logging.getLogger(__name__)

DEFAULT_THRESHOLD = 0
"""Node count from which ``backend="auto"`` computes with igraph (0: always)."""

Backend = Literal["auto", "networkx", "igraph"]
Direction = Literal["all", "in", "out"]


@dataclass(frozen=True)
class CentralityResult:
    """Values of one measure for every node, and how they were obtained."""

    measure: str
    values: dict[Hashable, float]
    backend: Literal["networkx", "igraph"] = "networkx"
    method: Literal["exact", "sampled"] = "exact"
    sampled_k: int | None = None
    seed: int | None = None
    normalized: bool = False
    weight: str | None = None
    params: dict[str, object] = field(default_factory=dict)

    def top(self, n: int = 10) -> list[tuple[Hashable, float]]:
        """The ``n`` highest values, ties broken by node id (as a string) for determinism."""
        ranked = sorted(
            self.values.items(),
            key=lambda kv: (-(kv[1] if not math.isnan(kv[1]) else -math.inf), str(kv[0])),
        )
        return ranked[:n]


def choose_backend(G: nx.Graph, backend: str, threshold: int = DEFAULT_THRESHOLD) -> Literal["networkx", "igraph"]:
    """Resolve ``backend`` ("auto" picks igraph at ``threshold`` nodes and above)."""
    if backend == "auto":
        return "igraph" if G.number_of_nodes() >= threshold else "networkx"
    if backend == "networkx":
        return "networkx"
    if backend == "igraph":
        return "igraph"
    raise UnknownBackendError(f"unknown backend {backend!r} (auto, networkx, igraph)", backend)


def degree(
    G: nx.Graph,
    *,
    weight: str | None = None,
    direction: Direction = "all",
    normalized: bool = False,
) -> CentralityResult:
    """Degree (``weight=None``) or strength (sum of ``weight``) of every node.

    ``direction`` selects in-, out- or total degree on a directed graph (ignored on an
    undirected one). ``normalized`` divides by ``n - 1`` (networkx's ``degree_centrality``
    when unweighted).

    >>> import networkx as nx
    >>> degree(nx.star_graph(3)).values
    {0: 3.0, 1: 1.0, 2: 1.0, 3: 1.0}
    >>> degree(nx.star_graph(3), normalized=True).top(1)
    [(0, 1.0)]
    """
    if direction not in ("all", "in", "out"):
        raise UnknownMethodError(f"unknown degree direction {direction!r}", direction)
    if G.is_directed() and direction == "in":
        view = G.in_degree(weight=weight)
    elif G.is_directed() and direction == "out":
        view = G.out_degree(weight=weight)
    else:
        view = G.degree(weight=weight)
    n = G.number_of_nodes()
    scale = 1.0 / (n - 1) if normalized and n > 1 else 1.0
    values = {v: float(d) * scale for v, d in view}
    measure = "degree" if direction == "all" else f"{direction}_degree"
    return CentralityResult(measure, values, normalized=normalized, weight=weight)


def sample_sources(G: nx.Graph, k: int, seed: int | None) -> list[Hashable]:
    """The ``k`` source nodes networkx's sampled betweenness uses for ``seed``."""
    return random.Random(seed).sample(list(G.nodes()), k)


def _rescale_betweenness(
    raw: dict[Hashable, float],
    n: int,
    *,
    normalized: bool,
    directed: bool,
    sources: list[Hashable] | None,
) -> dict[Hashable, float]:
    """Rescale ordered-pair dependency sums exactly as networkx does (endpoints excluded).

    Exact: normalised ``b / ((n-1)(n-2))``; raw undirected values are halved (each unordered
    pair was counted from both ends). Sampled with ``k`` sources, with ``N = n - 1``: a
    non-source node is scaled by ``1 / (k (N-1))`` (normalised) or ``N / (k c)`` (raw, ``c = 2``
    undirected, 1 directed); a source node cannot be its own source, so ``k - 1`` replaces ``k``.
    """
    N = n - 1
    if N < 2:
        return raw
    correction = 1 if directed else 2
    if sources is None:
        scale = 1.0 / (N * (N - 1)) if normalized else 1.0 / correction
        return {v: b * scale for v, b in raw.items()}
    k = len(sources)
    if normalized:
        s_src = 1.0 / ((k - 1) * (N - 1)) if k > 1 else math.nan
        s_other = 1.0 / (k * (N - 1))
    else:
        s_src = N / ((k - 1) * correction) if k > 1 else math.nan
        s_other = N / (k * correction)
    source_set = set(sources)
    return {v: b * (s_src if v in source_set else s_other) for v, b in raw.items()}


def betweenness(
    G: nx.Graph,
    *,
    k: int | None = None,
    seed: int | None = 0,
    normalized: bool = True,
    distance: str | None = None,
    backend: Backend = "auto",
    threshold: int = DEFAULT_THRESHOLD,
) -> CentralityResult:
    """Shortest-path betweenness, exact or estimated from ``k`` sampled sources.

    ``k=None`` (or ``k >= n``) is exact. Sampled values equal
    ``nx.betweenness_centrality(G, k=k, seed=seed)`` whichever backend computes them.
    ``distance`` names an edge attribute used as a path length (unweighted when ``None``).
    """
    chosen = choose_backend(G, backend, threshold)
    n = G.number_of_nodes()
    if k is not None and k >= n:
        k = None
    sources = sample_sources(G, k, seed) if k is not None else None
    if chosen == "networkx":
        if k is None:
            values = nx.betweenness_centrality(G, normalized=normalized, weight=distance)
        else:
            values = nx.betweenness_centrality(G, k=k, normalized=normalized, weight=distance, seed=seed)
    else:
        g, order = igraph_of(G, weight=distance)
        index = {v: i for i, v in enumerate(order)}
        src_idx = None if sources is None else [index[s] for s in sources]
        raw = g.betweenness(directed=True, weights="weight" if distance else None, sources=src_idx) if n else []
        # igraph counts an undirected pair once; networkx's accumulation counts both ends
        factor = 1.0 if G.is_directed() else 2.0
        ordered = {v: float(raw[i]) * factor for i, v in enumerate(order)}
        values = _rescale_betweenness(ordered, n, normalized=normalized, directed=G.is_directed(), sources=sources)
    return CentralityResult(
        "betweenness",
        {v: float(x) for v, x in values.items()},
        backend=chosen,
        method="exact" if k is None else "sampled",
        sampled_k=k,
        seed=seed if k is not None else None,
        normalized=normalized,
        weight=distance,
    )


def closeness(
    G: nx.Graph,
    *,
    distance: str | None = None,
    wf_improved: bool = True,
    backend: Backend = "auto",
    threshold: int = DEFAULT_THRESHOLD,
) -> CentralityResult:
    """Closeness ``(r-1) / sum(d)`` over the ``r-1`` nodes that reach the node.

    On a directed graph distances are measured *to* the node (incoming), as in networkx.
    ``wf_improved`` multiplies by ``(r-1)/(n-1)`` (Wasserman and Faust), which keeps nodes of
    small components from scoring high. Isolated nodes score 0.
    """
    chosen = choose_backend(G, backend, threshold)
    n = G.number_of_nodes()
    if chosen == "networkx":
        values = nx.closeness_centrality(G, distance=distance, wf_improved=wf_improved)
    else:
        g, order = igraph_of(G, weight=distance)
        mode = "in" if G.is_directed() else "all"
        weights = "weight" if distance else None
        per_reached = g.closeness(mode=mode, weights=weights, normalized=True)  # (r-1) / sum(d)
        if G.is_directed():  # r - 1 = nodes reaching v: a second pass gives 1 / sum(d)
            inv_sum = g.closeness(mode=mode, weights=weights, normalized=False)
            reached = [round(b / a) if a > 0 else 0 for a, b in zip(inv_sum, per_reached, strict=True)]
        else:  # undirected: r - 1 is the rest of v's component
            components = g.connected_components()
            sizes = components.sizes()
            reached = [sizes[c] - 1 for c in components.membership]
        values = {}
        for i, v in enumerate(order):
            b = per_reached[i]
            if math.isnan(b) or b <= 0 or reached[i] == 0:
                values[v] = 0.0
                continue
            value = b
            if wf_improved and n > 1:
                value *= reached[i] / (n - 1)
            values[v] = value
    return CentralityResult(
        "closeness",
        {v: float(x) for v, x in values.items()},
        backend=chosen,
        normalized=True,
        weight=distance,
        params={"wf_improved": wf_improved},
    )


def eigenvector(
    G: nx.Graph, *, weight: str | None = "weight", max_iter: int = 1000, tol: float = 1e-10
) -> CentralityResult:
    """Eigenvector centrality (networkx power iteration; unit Euclidean norm).

    On a directed graph it is the left eigenvector (in-edges count). Meaningful on connected
    graphs; on a disconnected one the smaller components tend to 0.
    """
    if G.number_of_edges() == 0:
        raise EmptyGraphError(
            f"eigenvector centrality needs at least one edge; graph has {G.number_of_nodes()} nodes and none",
            G.number_of_nodes(),
        )
    try:
        values = nx.eigenvector_centrality(G, max_iter=max_iter, tol=tol, weight=weight)
    except nx.PowerIterationFailedConvergence as exc:
        kind = "directed " if G.is_directed() else ""
        raise NotConvergedError(
            f"eigenvector centrality did not converge on this {kind}network within {max_iter} iterations "
            "(a directed network needs strongly connected parts for it to be defined); "
            "use the undirected network or pagerank",
            max_iter,
        ) from exc
    return CentralityResult("eigenvector", {v: float(x) for v, x in values.items()}, normalized=True, weight=weight)


def pagerank(
    G: nx.Graph,
    *,
    alpha: float = 0.85,
    weight: str | None = "weight",
    tol: float = 1e-10,
    max_iter: int = 1000,
    backend: Backend = "auto",
    threshold: int = DEFAULT_THRESHOLD,
) -> CentralityResult:
    """PageRank with damping ``alpha``; dangling nodes jump uniformly; values sum to 1.

    ``tol`` and ``max_iter`` bound networkx's power iteration; igraph (the default) solves
    exactly and ignores them.
    """
    if G.number_of_nodes() == 0:
        return CentralityResult("pagerank", {}, normalized=True, weight=weight)
    chosen = choose_backend(G, backend, threshold)
    if chosen == "networkx":
        values = nx.pagerank(G, alpha=alpha, weight=weight, tol=tol, max_iter=max_iter)
    else:
        g, order = igraph_of(G, weight=weight)
        raw = g.pagerank(directed=G.is_directed(), damping=alpha, weights="weight" if weight else None)
        values = dict(zip(order, raw, strict=True))
    return CentralityResult(
        "pagerank",
        {v: float(x) for v, x in values.items()},
        backend=chosen,
        normalized=True,
        weight=weight,
        params={"alpha": alpha},
    )


def clustering(
    G: nx.Graph,
    *,
    weight: str | None = None,
    backend: Backend = "auto",
    threshold: int = DEFAULT_THRESHOLD,
) -> CentralityResult:
    """Local clustering coefficient (directed graphs use Fagiolo's directed variant).

    Nodes of degree below 2 score 0. igraph computes the unweighted undirected case
    (``transitivity_local_undirected``, the same definition); networkx the others.
    """
    chosen = choose_backend(G, backend, threshold)
    if chosen == "igraph" and weight is None and not G.is_directed():
        g, order = igraph_of(G)
        raw = g.transitivity_local_undirected(mode="zero")
        return CentralityResult("clustering", dict(zip(order, map(float, raw), strict=True)), backend="igraph")
    values = nx.clustering(G, weight=weight)
    return CentralityResult("clustering", {v: float(x) for v, x in values.items()}, weight=weight)


def core_number(G: nx.Graph, *, backend: Backend = "auto", threshold: int = DEFAULT_THRESHOLD) -> CentralityResult:
    """k-core number (largest k such that the node is in the k-core; in+out degree if directed).

    networkx refuses self-loops; so does this function on either backend.
    """
    chosen = choose_backend(G, backend, threshold)
    if chosen == "igraph" and nx.number_of_selfloops(G) == 0:
        g, order = igraph_of(G)
        raw = g.coreness(mode="all")
        return CentralityResult("core_number", dict(zip(order, map(float, raw), strict=True)), backend="igraph")
    values = nx.core_number(G)
    return CentralityResult("core_number", {v: float(x) for v, x in values.items()})
