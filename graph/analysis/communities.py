"""Community detection (networkx Louvain and label propagation, seeded) and modularity.

* ``louvain``: ``nx.community.louvain_communities(G, weight, resolution, seed)``; on a
  directed graph networkx optimises directed modularity.
* ``label_propagation``: asynchronous label propagation
  (``nx.community.asyn_lpa_communities(G, weight, seed)``); run on the undirected version of a
  directed graph (labels spread along ties in both directions).

Communities are numbered by decreasing size (ties: smallest member id first), so the same
seed gives the same numbering. Modularity (Newman; with ``resolution``) is that of the
returned partition on ``G``.
"""

from __future__ import annotations

import logging
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Literal

import networkx as nx

from graph.analysis.errors import UnknownMethodError

logger = logging.getLogger(__name__)

Method = Literal["louvain", "label_propagation"]


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
    """Newman modularity of a partition; ``None`` for a graph without edges (undefined)."""
    if G.number_of_edges() == 0:
        return None
    parts = [set(c) for c in communities]
    return float(nx.community.modularity(G, parts, weight=weight, resolution=resolution))


def _ordered(parts: Iterable[Iterable[Hashable]]) -> list[list[Hashable]]:
    lists = [sorted(p, key=str) for p in parts]
    return sorted(lists, key=lambda m: (-len(m), str(m[0]) if m else ""))


def detect_communities(
    G: nx.Graph,
    method: Method = "louvain",
    *,
    seed: int | None = 0,
    weight: str | None = "weight",
    resolution: float = 1.0,
    top_n: int = 5,
) -> CommunityResult:
    """Partition ``G`` into communities; report members, top actors by degree and modularity."""
    if method == "louvain":
        parts = nx.community.louvain_communities(G, weight=weight, resolution=resolution, seed=seed)
    elif method == "label_propagation":
        U = G.to_undirected(as_view=True) if G.is_directed() else G
        parts = list(nx.community.asyn_lpa_communities(U, weight=weight, seed=seed))
    else:
        raise UnknownMethodError(f"unknown community method {method!r} (louvain, label_propagation)", method)
    ordered = _ordered(parts)
    degree = dict(G.degree(weight=weight))
    communities = []
    for i, members in enumerate(ordered):
        ranked = sorted(members, key=lambda v: (-degree[v], str(v)))[:top_n]
        communities.append(Community(i, len(members), members, [(v, float(degree[v])) for v in ranked]))
    q = modularity(G, ordered, weight=weight, resolution=resolution)
    logger.debug("detect_communities(%s): %d communities, Q=%s", method, len(communities), q)
    return CommunityResult(method, seed, weight, resolution, q, communities)
