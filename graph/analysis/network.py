r"""Whole-network summary: size, density, components, paths, centralisation, assortativity.

* Components are weakly connected components on a directed graph.
* Diameter and average shortest path length are computed on the largest connected
  component (undirected) or the largest *strongly* connected component (directed), where
  they are defined; unweighted (hops). Above ``path_limit`` nodes in that component they are
  skipped (``paths="skipped"``): every exact algorithm is a BFS from every node.
* Freeman degree centralisation, with ``d*`` the largest degree:
  undirected :math:`\sum_i (d^* - d_i) / ((n-1)(n-2))` (1 for a star, 0 for a regular graph,
  undefined for ``n < 3``); directed, separately for in- and out-degree,
  :math:`\sum_i (d^* - d_i) / (n-1)^2` (undefined for ``n < 2``).
* Assortativity by an attribute (default ``type``): Newman's nominal assortativity
  (networkx ``attribute_assortativity_coefficient``); ``None`` when undefined (one category,
  no edges, or a node lacks the attribute).
"""

from __future__ import annotations

import logging
import math
from dataclasses import asdict, dataclass
from typing import Literal

import networkx as nx
import numpy as np

from graph.analysis._igraph import to_igraph
from graph.analysis.centrality import DEFAULT_THRESHOLD, Backend, choose_backend

logger = logging.getLogger(__name__)

PATH_LIMIT = 20000
"""Largest component size for which diameter and average path length are computed."""


@dataclass(frozen=True)
class NetworkSummary:
    nodes: int
    edges: int
    directed: bool
    density: float
    components: int
    largest_component: int
    strong_components: int | None
    path_component: int
    paths: Literal["exact", "skipped"]
    diameter: int | None
    average_path_length: float | None
    degree_centralization: float | None
    in_degree_centralization: float | None
    out_degree_centralization: float | None
    assortativity_attribute: str
    assortativity: float | None
    backend: Literal["networkx", "igraph"]

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def freeman_centralization(degrees: list[int], n: int, *, directed: bool) -> float | None:
    """Freeman's degree centralisation of a degree sequence (see module docstring).

    >>> freeman_centralization([3, 1, 1, 1], 4, directed=False)  # a star: as central as it gets
    1.0
    >>> freeman_centralization([2, 2, 2], 3, directed=False)  # a triangle: nobody stands out
    0.0
    """
    if not degrees:
        return None
    if directed:
        if n < 2:
            return None
        denom = (n - 1) ** 2
    else:
        if n < 3:
            return None
        denom = (n - 1) * (n - 2)
    top = max(degrees)
    return sum(top - d for d in degrees) / denom


def _paths(H: nx.Graph, backend: Literal["networkx", "igraph"]) -> tuple[int, float]:
    if H.number_of_nodes() <= 1:
        return 0, 0.0
    if backend == "networkx":
        return int(nx.diameter(H)), float(nx.average_shortest_path_length(H))
    g, _ = to_igraph(H)
    return int(g.diameter(directed=True)), float(g.average_path_length(directed=True))


def assortativity(G: nx.Graph, attribute: str = "type") -> float | None:
    """Nominal assortativity by ``attribute``; ``None`` where undefined."""
    if G.number_of_edges() == 0:
        return None
    if any(attribute not in data for _, data in G.nodes(data=True)):
        return None
    with np.errstate(divide="ignore", invalid="ignore"):
        value = nx.attribute_assortativity_coefficient(G, attribute)
    value = float(value)
    return None if math.isnan(value) else value


def summarize(
    G: nx.Graph,
    *,
    attribute: str = "type",
    path_limit: int = PATH_LIMIT,
    backend: Backend = "auto",
    threshold: int = DEFAULT_THRESHOLD,
) -> NetworkSummary:
    """Summary statistics of ``G`` (see the module docstring for definitions)."""
    n = G.number_of_nodes()
    directed = G.is_directed()
    chosen = choose_backend(G, backend, threshold)
    if directed:
        comps = list(nx.weakly_connected_components(G)) if n else []
        strong = list(nx.strongly_connected_components(G)) if n else []
        path_nodes = max(strong, key=len) if strong else set()
    else:
        comps = list(nx.connected_components(G)) if n else []
        strong = None
        path_nodes = max(comps, key=len) if comps else set()

    diameter: int | None = None
    aspl: float | None = None
    paths: Literal["exact", "skipped"] = "skipped"
    if path_nodes and len(path_nodes) <= path_limit:
        diameter, aspl = _paths(G.subgraph(path_nodes), chosen)
        paths = "exact"
    elif path_nodes:
        logger.info("summarize: component of %d nodes > path_limit %d; paths skipped", len(path_nodes), path_limit)

    if directed:
        cent = None
        cin = freeman_centralization([d for _, d in G.in_degree()], n, directed=True)
        cout = freeman_centralization([d for _, d in G.out_degree()], n, directed=True)
    else:
        cent = freeman_centralization([d for _, d in G.degree()], n, directed=False)
        cin = cout = None

    return NetworkSummary(
        nodes=n,
        edges=G.number_of_edges(),
        directed=directed,
        density=float(nx.density(G)) if n else 0.0,
        components=len(comps),
        largest_component=max((len(c) for c in comps), default=0),
        strong_components=None if strong is None else len(strong),
        path_component=len(path_nodes),
        paths=paths,
        diameter=diameter,
        average_path_length=aspl,
        degree_centralization=cent,
        in_degree_centralization=cin,
        out_degree_centralization=cout,
        assortativity_attribute=attribute,
        assortativity=assortativity(G, attribute),
        backend=chosen,
    )
