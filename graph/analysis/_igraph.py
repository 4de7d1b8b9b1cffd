"""Conversion of a networkx graph to python-igraph, keeping the node order."""

from __future__ import annotations

from collections.abc import Hashable

import igraph as ig
import networkx as nx


def to_igraph(G: nx.Graph, weight: str | None = None) -> tuple[ig.Graph, list[Hashable]]:
    """Return ``(g, nodes)`` where vertex ``i`` of ``g`` is ``nodes[i]`` of ``G``.

    With ``weight`` set, edge attribute ``"weight"`` of ``g`` holds ``G``'s ``weight`` values
    (1 where missing, as networkx assumes).
    """
    nodes = list(G.nodes())
    index = {v: i for i, v in enumerate(nodes)}
    edge_list = []
    weights = []
    for u, v, data in G.edges(data=True):
        edge_list.append((index[u], index[v]))
        if weight is not None:
            weights.append(float(data.get(weight, 1)))
    g = ig.Graph(n=len(nodes), edges=edge_list, directed=G.is_directed())
    if weight is not None:
        g.es["weight"] = weights
    return g, nodes
