"""The compiled (igraph) default against networkx: hand-worked graphs, a 10,000-node comparison
bounded to a few seconds, the conversion cache of frozen graphs, and the modules' doctests."""

from __future__ import annotations

import doctest
import gc
import math
import random

import networkx as nx
import pytest

from graph.analysis import _igraph, centrality, communities, holes, network
from graph.analysis import centrality as c
from graph.analysis.communities import detect_communities

from .conftest import assert_close


@pytest.fixture(scope="module")
def graph_10k() -> nx.Graph:
    """10,000 nodes, about 50,000 weighted ties, clustered (so Burt's indirect terms matter)."""
    skeleton = nx.powerlaw_cluster_graph(10_000, 5, 0.2, seed=11)
    rng = random.Random(11)
    G = nx.Graph()
    G.add_nodes_from(f"n{v}" for v in skeleton)
    G.add_weighted_edges_from((f"n{u}", f"n{v}", float(rng.randint(1, 6))) for u, v in skeleton.edges())
    return nx.freeze(G)


def test_doctests_of_the_analysis_modules():
    for module in (_igraph, centrality, communities, holes, network):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0, module.__name__
    assert doctest.testmod(holes).attempted >= 3


def test_pagerank_by_hand_on_a_directed_cycle_with_a_dangling_node():
    # 0 -> 1 -> 2 -> 0 and 2 -> 3 (3 has no out-ties: it jumps uniformly). Solve by hand with
    # x = (1-a)/n + a * (sum of in-shares) + a * x3 / n, a = 0.85, n = 4, by the linear system.
    G = nx.DiGraph([(0, 1), (1, 2), (2, 0), (2, 3)])
    ours = c.pagerank(G, weight=None)
    ref = c.pagerank(G, weight=None, backend="networkx", tol=1e-14)
    assert ours.backend == "igraph" and ref.backend == "networkx"
    assert_close(ours.values, ref.values, tol=1e-9)
    a, n = 0.85, 4
    x = ours.values
    assert x[1] == pytest.approx((1 - a) / n + a * x[0] + a * x[3] / n, abs=1e-12)
    assert x[3] == pytest.approx((1 - a) / n + a * x[2] / 2 + a * x[3] / n, abs=1e-12)
    assert math.fsum(x.values()) == pytest.approx(1.0, abs=1e-12)


def test_clustering_and_core_by_hand():
    G = nx.Graph([(0, 1), (0, 2), (1, 2), (2, 3)])  # a triangle with a tail
    cl = c.clustering(G)
    assert cl.backend == "igraph"
    assert cl.values == {0: 1.0, 1: 1.0, 2: pytest.approx(1 / 3), 3: 0.0}
    core = c.core_number(G)
    assert core.backend == "igraph" and core.values == {0: 2.0, 1: 2.0, 2: 2.0, 3: 1.0}
    D = nx.DiGraph([(0, 1), (1, 0), (1, 2)])
    assert c.core_number(D).values == {v: float(k) for v, k in nx.core_number(D).items()}
    assert c.clustering(D).backend == "networkx"  # directed clustering stays networkx's


def test_frozen_graphs_are_converted_once():
    G = nx.freeze(nx.path_graph(5))
    first = _igraph.igraph_of(G, "weight")
    assert _igraph.igraph_of(G, "weight") is first
    assert _igraph.igraph_of(G, None) is not first  # another weight, another conversion
    H = nx.path_graph(5)  # mutable: converted afresh each call
    assert _igraph.igraph_of(H)[0] is not _igraph.igraph_of(H)[0]
    size = len(_igraph._CACHE)
    del G, first
    gc.collect()
    assert len(_igraph._CACHE) == size - 1  # the conversion goes with its graph


def test_seeded_scope_restores_the_generator():
    import igraph as ig

    G = nx.freeze(nx.karate_club_graph())
    a = detect_communities(G, "leiden", seed=3).membership()
    state = random.getstate()
    with _igraph.seeded(3):
        pass
    assert random.getstate() == state  # the global generator was not drawn from
    assert detect_communities(G, "leiden", seed=3).membership() == a
    ig.Graph.Famous("Zachary").community_multilevel()  # igraph still works unseeded afterwards


def test_10k_pagerank_constraint_and_holes_equal_networkx(graph_10k):
    G = graph_10k
    assert_close(c.pagerank(G).values, nx.pagerank(G, weight="weight", tol=1e-12), tol=1e-9)
    sh = holes.structural_holes(G, "weight")
    assert_close(sh.constraint, holes.constraint(G, "weight"), tol=1e-9)  # ours and igraph's
    sample = random.Random(0).sample(list(G), 150)
    ref_c = nx.constraint(G, nodes=[v for v in sample if G.degree(v) < 25], weight="weight")
    assert all(abs(sh.constraint[v] - ref_c[v]) <= 1e-9 for v in ref_c)
    hubs = sorted(G, key=G.degree, reverse=True)[:2]
    # networkx's per-node effective size is O(d^3): checked on the sample (degrees < 25) only
    ref = nx.effective_size(G, nodes=[v for v in sample if G.degree(v) < 25], weight="weight")
    assert all(abs(sh.effective_size[v] - ref[v]) <= 1e-9 for v in ref)
    dyadic = holes.dyadic_constraint(G, "weight")
    for v in sample[:40] + hubs[:2]:
        u = next(iter(G[v]))
        assert abs(dyadic[(v, u)] - nx.local_constraint(G, v, u, weight="weight")) <= 1e-9


def test_10k_betweenness_and_closeness_equal_networkx(graph_10k):
    G = graph_10k
    ours = c.betweenness(G, k=8, seed=2)
    assert ours.backend == "igraph"
    assert_close(ours.values, nx.betweenness_centrality(G, k=8, seed=2), tol=1e-9)
    # closeness is all-pairs (n BFS) on either backend: compared on 2,000 of the nodes
    H = nx.freeze(G.subgraph(random.Random(1).sample(list(G), 2000)).copy())
    clo = c.closeness(H)
    assert clo.backend == "igraph"
    for v in random.Random(1).sample(list(H), 25):
        assert abs(clo.values[v] - nx.closeness_centrality(H, u=v)) <= 1e-9


def test_10k_louvain_and_leiden_modularity_within_0005_of_networkx(graph_10k):
    G = graph_10k
    ref = nx.community.modularity(G, nx.community.louvain_communities(G, weight="weight", seed=0), weight="weight")
    for method in ("louvain", "leiden"):
        res = detect_communities(G, method, seed=0)  # type: ignore[arg-type]
        assert res.backend == "igraph" and res.modularity is not None
        assert abs(res.modularity - ref) <= 0.005 or res.modularity > ref, (method, res.modularity, ref)
        parts = [set(x.members) for x in res.communities]
        assert res.modularity == pytest.approx(nx.community.modularity(G, parts, weight="weight"), abs=1e-9)
