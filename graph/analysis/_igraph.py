"""Conversion of a networkx graph to python-igraph (node order kept), cached for frozen graphs,
and a seeded scope for igraph's random number generator.

igraph computes most measures tens of times faster than networkx, but converting the graph
costs about as much as the fastest measures. Graphs handed out by the projection cache are
frozen (:func:`networkx.freeze`) and cannot change, so their conversion is kept beside them
(a weak reference: it goes when the graph goes) and every measure asked of the same graph
reuses it. Mutable graphs are converted on each call.

>>> import networkx as nx
>>> G = nx.freeze(nx.path_graph(["a", "b", "c"]))
>>> g, nodes = igraph_of(G)
>>> (g.vcount(), g.ecount(), nodes)
(3, 2, ['a', 'b', 'c'])
>>> igraph_of(G)[0] is g
True
"""

from __future__ import annotations

import random
import threading
import weakref
from collections.abc import Hashable, Iterator
from contextlib import contextmanager

import igraph as ig
import networkx as nx

_CACHE: weakref.WeakKeyDictionary[nx.Graph, dict[str | None, tuple[ig.Graph, list[Hashable]]]] = (
    weakref.WeakKeyDictionary()
)
_CACHE_LOCK = threading.Lock()
_RNG_LOCK = threading.RLock()


def to_igraph(G: nx.Graph, weight: str | None = None) -> tuple[ig.Graph, list[Hashable]]:
    """Return ``(g, nodes)`` where vertex ``i`` of ``g`` is ``nodes[i]`` of ``G``.

    With ``weight`` set, edge attribute ``"weight"`` of ``g`` holds ``G``'s ``weight`` values
    (1 where missing, as networkx assumes).
    """
    nodes = list(G.nodes())
    index = {v: i for i, v in enumerate(nodes)}
    edge_list: list[tuple[int, int]] = []
    if weight is None:
        edge_list = [(index[u], index[v]) for u, v in G.edges()]
    else:
        weights: list[float] = []
        for u, v, w in G.edges(data=weight, default=1):
            edge_list.append((index[u], index[v]))
            weights.append(float(w))
    g = ig.Graph(n=len(nodes), edges=edge_list, directed=G.is_directed())
    if weight is not None:
        g.es["weight"] = weights
    return g, nodes


def igraph_of(G: nx.Graph, weight: str | None = None) -> tuple[ig.Graph, list[Hashable]]:
    """:func:`to_igraph`, remembered per ``(G, weight)`` when ``G`` is frozen.

    The returned igraph graph is shared: do not modify it.
    """
    if not nx.is_frozen(G):
        return to_igraph(G, weight)
    with _CACHE_LOCK:
        cached = _CACHE.get(G, {}).get(weight)
    if cached is not None:
        return cached
    converted = to_igraph(G, weight)
    with _CACHE_LOCK:
        _CACHE.setdefault(G, {})[weight] = converted
    return converted


@contextmanager
def seeded(seed: int | None) -> Iterator[None]:
    """Run igraph's randomised algorithms with ``random.Random(seed)`` (``seed=None``: unseeded).

    igraph draws from one process-wide generator (Python's :mod:`random` module by default);
    this swaps in a private seeded one and puts the previous one back, under a lock so that
    concurrent seeded calls do not interleave their draws.
    """
    with _RNG_LOCK:
        if seed is None:
            yield
            return
        ig.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            ig.set_random_number_generator(random)
