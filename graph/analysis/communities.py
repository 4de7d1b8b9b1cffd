"""Community detection (Louvain and Leiden on igraph, label propagation on networkx; seeded)
and modularity.

* ``louvain``: igraph's multilevel algorithm (``Graph.community_multilevel``, Blondel et al.
  2008) on an undirected graph, the same algorithm as networkx's ``louvain_communities``: the
  two visit nodes in different random orders, so the partitions differ, with modularity
  within 0.005 of each other on the tested graphs (the issue's tolerance) and igraph's 10-20
  times faster. A directed graph is left to networkx (``louvain_communities``), which
  optimises directed modularity; igraph's multilevel is undirected only.
  ``backend="networkx"`` keeps networkx for an undirected graph too.
* ``leiden``: igraph's Leiden algorithm (Traag et al. 2019) optimising modularity with
  ``resolution``, iterated until the partition is stable (networkx has no implementation of
  its own). Run on the undirected version of a directed graph.
* ``label_propagation``: asynchronous label propagation
  (``nx.community.asyn_lpa_communities(G, weight, seed)``); run on the undirected version of a
  directed graph (labels spread along ties in both directions). igraph's label propagation
  is a different variant and would not give the same partitions.

igraph's randomised algorithms draw from ``random.Random(seed)`` during the call
(:func:`graph.analysis._igraph.seeded`), so a seed always gives the same partition.
Communities are numbered by decreasing size (ties: smallest member id first), so the same
seed gives the same numbering. Modularity (Newman; with ``resolution``) is that of the
returned partition on ``G``.

>>> import networkx as nx
>>> G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
>>> res = detect_communities(G, "leiden", seed=0, weight=None)
>>> [c.members for c in res.communities]
[['a', 'b', 'c'], ['x', 'y', 'z']]
>>> round(res.modularity, 6)  # 2 * (3/7 - (7/14)^2)
0.357143
>>> detect_communities(G, "louvain", seed=0, weight=None).backend
'igraph'
"""

from __future__ import annotations

import logging
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Literal

import networkx as nx

from graph.analysis._igraph import igraph_of, seeded
from graph.analysis.errors import UnknownBackendError, UnknownMethodError

logger = logging.getLogger(__name__)

Method = Literal["louvain", "leiden", "label_propagation"]
METHODS: tuple[str, ...] = ("louvain", "leiden", "label_propagation")


@dataclass(frozen=True)
class Community:
    id: int
    size: int
    members: list[Hashable]
    top_actors: list[tuple[Hashable, float]]  # (node, degree), highest first


@dataclass(frozen=True)
class CommunityResult:
    method: Method
    seed: int | None
    weight: str | None
    resolution: float
    modularity: float | None
    communities: list[Community]
    backend: Literal["networkx", "igraph"] = "networkx"

    def membership(self) -> dict[Hashable, int]:
        """Node -> community id."""
        return {v: c.id for c in self.communities for v in c.members}


def modularity(
    G: nx.Graph,
    communities: Iterable[Iterable[Hashable]],
    *,
    weight: str | None = "weight",
    resolution: float = 1.0,
) -> float | None:
    """Newman modularity of a partition; ``None`` for a graph without edges (undefined).

    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    >>> round(modularity(G, [{"a", "b", "c"}, {"x", "y", "z"}]), 3)
    0.357
    >>> modularity(nx.empty_graph(3), [{0, 1, 2}]) is None
    True
    """
    if G.number_of_edges() == 0:
        return None
    parts = [set(c) for c in communities]
    return float(nx.community.modularity(G, parts, weight=weight, resolution=resolution))


def _ordered(parts: Iterable[Iterable[Hashable]]) -> list[list[Hashable]]:
    lists = [sorted(p, key=str) for p in parts]
    return sorted(lists, key=lambda m: (-len(m), str(m[0]) if m else ""))


def _igraph_parts(
    G: nx.Graph, method: Method, *, seed: int | None, weight: str | None, resolution: float
) -> list[list[Hashable]]:
    g, order = igraph_of(G, weight=weight)
    if g.is_directed():
        g = g.as_undirected(mode="each")
    weights = "weight" if weight else None
    with seeded(seed):
        if method == "louvain":
            clustering = g.community_multilevel(weights=weights, resolution=resolution)
        else:
            clustering = g.community_leiden(
                objective_function="modularity", weights=weights, resolution=resolution, n_iterations=-1
            )
    parts: dict[int, list[Hashable]] = {}
    for v, c in zip(order, clustering.membership, strict=True):
        parts.setdefault(c, []).append(v)
    return list(parts.values())


def _modularity_of(G: nx.Graph, parts: list[list[Hashable]], *, weight: str | None, resolution: float) -> float | None:
    """Modularity of ``parts`` on ``G`` computed by igraph (the same formula as networkx's)."""
    if G.number_of_edges() == 0:
        return None
    g, order = igraph_of(G, weight=weight)
    member = {v: i for i, p in enumerate(parts) for v in p}
    return float(
        g.modularity(
            [member[v] for v in order],
            weights="weight" if weight else None,
            resolution=resolution,
            directed=G.is_directed(),
        )
    )


def detect_communities(
    G: nx.Graph,
    method: Method = "louvain",
    *,
    seed: int | None = 0,
    weight: str | None = "weight",
    resolution: float = 1.0,
    top_n: int = 5,
    backend: Literal["auto", "igraph", "networkx"] = "auto",
) -> CommunityResult:
    """Partition ``G`` into communities; report members, top actors by degree and modularity."""
    if backend not in ("auto", "igraph", "networkx"):
        raise UnknownBackendError(f"unknown backend {backend!r} (auto, networkx, igraph)", backend)
    used: Literal["networkx", "igraph"]
    if method == "louvain" and (backend == "networkx" or G.is_directed()):
        parts = nx.community.louvain_communities(G, weight=weight, resolution=resolution, seed=seed)
        used = "networkx"
    elif method in ("louvain", "leiden"):
        if method == "leiden" and backend == "networkx":
            raise UnknownBackendError("leiden has no networkx implementation; use backend='igraph'", backend)
        parts = _igraph_parts(G, method, seed=seed, weight=weight, resolution=resolution)
        used = "igraph"
    elif method == "label_propagation":
        U = G.to_undirected(as_view=True) if G.is_directed() else G
        parts = list(nx.community.asyn_lpa_communities(U, weight=weight, seed=seed))
        used = "networkx"
    else:
        raise UnknownMethodError(f"unknown community method {method!r} ({', '.join(METHODS)})", method)
    ordered = _ordered(parts)
    degree = dict(G.degree(weight=weight))
    communities = []
    for i, members in enumerate(ordered):
        ranked = sorted(members, key=lambda v: (-degree[v], str(v)))[:top_n]
        communities.append(Community(i, len(members), members, [(v, float(degree[v])) for v in ranked]))
    q = _modularity_of(G, ordered, weight=weight, resolution=resolution)
    logger.debug("detect_communities(%s, %s): %d communities, Q=%s", method, used, len(communities), q)
    return CommunityResult(method, seed, weight, resolution, q, communities, used)
