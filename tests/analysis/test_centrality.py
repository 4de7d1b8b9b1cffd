"""Centrality values against python-igraph (and networkx where the library goes through igraph)."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from graph.analysis import centrality as c
from graph.analysis.errors import EmptyGraphError, NotConvergedError, UnknownBackendError

from .conftest import assert_close, igraph_of


def _by_node(order, values):
    return {v: float(x) for v, x in zip(order, values, strict=True)}


# ----------------------------------------------------------------- hand-worked


def test_star_and_path_by_hand():
    star = nx.star_graph(4)  # centre 0, leaves 1..4, n = 5
    # every one of the C(4,2) = 6 leaf pairs passes through 0; normalised by (n-1)(n-2)/2 = 6
    assert c.betweenness(star).values == {0: 1.0, 1: 0.0, 2: 0.0, 3: 0.0, 4: 0.0}
    assert c.betweenness(star, normalized=False).values[0] == 6.0
    # closeness of a leaf: distances 1 (centre) + 2*3 (other leaves) = 7 -> (n-1)/7 = 4/7
    assert c.closeness(star).values[1] == pytest.approx(4 / 7)
    assert c.closeness(star).values[0] == 1.0
    path = nx.path_graph(4)  # 0-1-2-3
    # node 1 lies on 0-2 and 0-3: 2 pairs out of (3*2)/2 = 3
    assert c.betweenness(path).values[1] == pytest.approx(2 / 3)
    assert c.degree(path, normalized=True).values == {0: 1 / 3, 1: 2 / 3, 2: 2 / 3, 3: 1 / 3}
    assert c.core_number(nx.complete_graph(4)).values == {0: 3.0, 1: 3.0, 2: 3.0, 3: 3.0}
    # triangle 0-1-2 plus pendant 3 on 0: node 0 has 1 of C(3,2) = 3 neighbour pairs linked
    tri = nx.Graph([(0, 1), (1, 2), (2, 0), (0, 3)])
    assert c.clustering(tri).values == {0: pytest.approx(1 / 3), 1: 1.0, 2: 1.0, 3: 0.0}


def test_weighted_degree_and_direction():
    G = nx.DiGraph()
    G.add_edge("a", "b", weight=3.0)
    G.add_edge("c", "b", weight=2.0)
    G.add_edge("b", "a", weight=1.0)
    assert c.degree(G, weight="weight", direction="in").values == {"a": 1.0, "b": 5.0, "c": 0.0}
    assert c.degree(G, weight="weight", direction="out").values == {"a": 3.0, "b": 1.0, "c": 2.0}
    assert c.degree(G).values == {"a": 2.0, "b": 3.0, "c": 1.0}


def test_backend_errors_and_empty():
    with pytest.raises(UnknownBackendError) as err:
        c.betweenness(nx.path_graph(3), backend="rustworkx")  # type: ignore[arg-type]
    assert err.value.value == "rustworkx"
    with pytest.raises(EmptyGraphError):
        c.eigenvector(nx.empty_graph(3))


# ----------------------------------------------------------------- against igraph


@pytest.mark.parametrize("graph", ["big_graph", "big_digraph"])
def test_degree_matches_igraph(graph, request):
    G = request.getfixturevalue(graph)
    g, order = igraph_of(G, "weight")
    assert_close(c.degree(G).values, _by_node(order, g.degree()))
    assert_close(c.degree(G, weight="weight").values, _by_node(order, g.strength(weights="w")))
    if G.is_directed():
        assert_close(c.degree(G, direction="in").values, _by_node(order, g.indegree()))
        assert_close(
            c.degree(G, weight="weight", direction="out").values,
            _by_node(order, g.strength(mode="out", weights="w")),
        )


@pytest.mark.parametrize("graph", ["big_graph", "big_digraph"])
@pytest.mark.parametrize("backend", ["networkx", "igraph"])
def test_exact_betweenness_matches_igraph(graph, backend, request):
    G = request.getfixturevalue(graph)
    g, order = igraph_of(G)
    n = G.number_of_nodes()
    raw = g.betweenness(directed=True)
    # normalised: undirected pairs (n-1)(n-2)/2, directed ordered pairs (n-1)(n-2)
    pairs = (n - 1) * (n - 2) / (1 if G.is_directed() else 2)
    res = c.betweenness(G, backend=backend)
    assert (res.backend, res.method, res.sampled_k) == (backend, "exact", None)
    assert_close(res.values, {v: b / pairs for v, b in _by_node(order, raw).items()})
    if backend == "igraph":  # (networkx's raw values are networkx's own function)
        raw_res = c.betweenness(G, backend=backend, normalized=False)
        assert_close(raw_res.values, _by_node(order, raw))


@pytest.mark.parametrize("graph", ["big_graph", "big_digraph"])
@pytest.mark.parametrize("normalized", [True, False])
def test_sampled_betweenness_igraph_equals_networkx(graph, normalized, request):
    G = request.getfixturevalue(graph)
    ref = nx.betweenness_centrality(G, k=50, normalized=normalized, seed=7)
    res = c.betweenness(G, k=50, seed=7, normalized=normalized, backend="igraph")
    assert (res.backend, res.method, res.sampled_k, res.seed) == ("igraph", "sampled", 50, 7)
    assert_close(res.values, ref)
    via_nx = c.betweenness(G, k=50, seed=7, normalized=normalized, backend="networkx")
    assert via_nx.backend == "networkx"
    assert_close(via_nx.values, ref)
    # a different seed samples different sources
    other = c.betweenness(G, k=50, seed=8, normalized=normalized, backend="igraph")
    assert other.values != res.values


def test_betweenness_with_distance_attribute(big_graph):
    G = nx.Graph(big_graph)
    for _, _, d in G.edges(data=True):
        d["length"] = float(6 - d["weight"])  # integer lengths 1..5: ties are exact in floats
    g, order = igraph_of(G, "length")
    n = G.number_of_nodes()
    raw = g.betweenness(directed=True, weights="w")
    expected = {v: b * 2 / ((n - 1) * (n - 2)) for v, b in _by_node(order, raw).items()}
    res = c.betweenness(G, distance="length", backend="igraph")
    assert res.weight == "length"
    assert_close(res.values, expected)
    # sampled (cheaper): networkx's weighted sampled betweenness equals the igraph path
    ref = nx.betweenness_centrality(G, k=100, weight="length", seed=5)
    assert_close(c.betweenness(G, k=100, seed=5, distance="length", backend="igraph").values, ref)


def test_auto_backend_switches_at_threshold(big_graph):
    assert c.betweenness(big_graph, k=20, threshold=1000).backend == "igraph"
    assert c.betweenness(big_graph, k=20, threshold=1001).backend == "networkx"
    assert c.closeness(big_graph, threshold=10).backend == "igraph"


@pytest.mark.parametrize("graph", ["big_graph", "big_digraph"])
@pytest.mark.parametrize("backend", ["networkx", "igraph"])
def test_closeness_matches_igraph(graph, backend, request):
    G = request.getfixturevalue(graph)
    # add a small separate component so the Wasserman-Faust factor matters
    G = G.copy()
    G.add_edges_from([("x1", "x2"), ("x2", "x3")])
    G.add_node("lonely")
    g, order = igraph_of(G)
    n = G.number_of_nodes()
    mode = "in" if G.is_directed() else "all"
    expected = {}
    for i, v in enumerate(order):
        dist = [d for d in g.distances(source=i, mode=mode)[0] if d != math.inf and d > 0]
        # closeness = (r-1)/sum(d) * (r-1)/(n-1), with r-1 = number of nodes reaching v
        expected[v] = (len(dist) / sum(dist)) * (len(dist) / (n - 1)) if dist else 0.0
    res = c.closeness(G, backend=backend)
    assert res.backend == backend
    assert_close(res.values, expected)
    no_wf = c.closeness(G, backend=backend, wf_improved=False)
    assert_close(no_wf.values, nx.closeness_centrality(G, wf_improved=False))


def test_eigenvector_matches_igraph(big_graph):
    g, order = igraph_of(big_graph, "weight")
    ref = g.eigenvector_centrality(directed=True, weights="w")
    norm = math.sqrt(sum(x * x for x in ref))  # networkx scales to unit Euclidean norm
    res = c.eigenvector(big_graph)
    assert_close(res.values, {v: x / norm for v, x in _by_node(order, ref).items()})
    unweighted = c.eigenvector(big_graph, weight=None)
    ref_u = g.eigenvector_centrality(directed=True)
    norm_u = math.sqrt(sum(x * x for x in ref_u))
    assert_close(unweighted.values, {v: x / norm_u for v, x in _by_node(order, ref_u).items()})


@pytest.mark.parametrize("graph", ["big_graph", "big_digraph"])
def test_pagerank_matches_igraph(graph, request):
    G = request.getfixturevalue(graph)
    g, order = igraph_of(G, "weight")
    ref = g.pagerank(directed=True, damping=0.85, weights="w", implementation="prpack")
    res = c.pagerank(G)
    assert_close(res.values, _by_node(order, ref))
    assert math.fsum(res.values.values()) == pytest.approx(1.0)


def test_clustering_and_core_match_igraph(big_graph):
    g, order = igraph_of(big_graph)
    assert_close(c.clustering(big_graph).values, _by_node(order, g.transitivity_local_undirected(mode="zero")))
    assert_close(c.core_number(big_graph).values, _by_node(order, g.coreness(mode="all")))


def test_top_is_deterministic():
    res = c.CentralityResult("x", {"b": 1.0, "a": 1.0, "c": 2.0, "d": math.nan})
    assert res.top(3) == [("c", 2.0), ("a", 1.0), ("b", 1.0)]


def test_eigenvector_that_does_not_converge_is_a_named_error() -> None:
    # a directed path has no dominant eigenvector: power iteration cannot converge
    G = nx.DiGraph([(1, 2), (2, 3), (3, 4)])
    with pytest.raises(NotConvergedError, match="did not converge") as info:
        c.eigenvector(G, max_iter=50)
    assert info.value.value == 50
