"""Network summary against igraph and hand-worked Freeman centralisation."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis.network import freeman_centralization, summarize

from .conftest import igraph_of


def test_freeman_by_hand():
    # star with 5 nodes: centre degree 4, leaves 1 -> sum (4 - d) = 4 * 3 = 12 over (4)(3) = 12
    assert summarize(nx.star_graph(4)).degree_centralization == 1.0
    # path 0-1-2-3: degrees 1,2,2,1 -> sum (2 - d) = 2 over (3)(2) = 6 -> 1/3
    assert summarize(nx.path_graph(4)).degree_centralization == pytest.approx(1 / 3)
    assert summarize(nx.cycle_graph(6)).degree_centralization == 0.0
    # directed in-star: 4 arcs into 0 -> in: sum (4 - d) = 16 over (n-1)^2 = 16 -> 1;
    # out-degrees 0,1,1,1,1 -> sum (1 - d) = 1 over 16
    D = nx.DiGraph([(i, 0) for i in range(1, 5)])
    s = summarize(D)
    assert s.in_degree_centralization == 1.0
    assert s.out_degree_centralization == pytest.approx(1 / 16)
    assert s.degree_centralization is None
    assert freeman_centralization([1, 1], 2, directed=False) is None


def test_small_summary_by_hand():
    G = nx.Graph([(0, 1), (1, 2), (3, 4)])
    G.add_node(5)
    s = summarize(G)
    assert (s.nodes, s.edges, s.components, s.largest_component) == (6, 3, 3, 3)
    assert s.density == pytest.approx(3 / 15)  # 3 edges of 6*5/2 = 15
    assert (s.diameter, s.path_component, s.paths) == (2, 3, "exact")
    assert s.average_path_length == pytest.approx((1 + 1 + 2) / 3)  # pairs 01, 12, 02
    assert s.assortativity is None  # no "type" attribute
    empty = summarize(nx.Graph())
    assert (empty.nodes, empty.components, empty.diameter) == (0, 0, None)


@pytest.mark.parametrize("graph", ["big_graph", "big_digraph"])
@pytest.mark.parametrize("backend", ["networkx", "igraph"])
def test_summary_matches_igraph(graph, backend, request):
    G = request.getfixturevalue(graph)
    g, order = igraph_of(G)
    s = summarize(G, backend=backend)
    assert s.backend == backend
    assert s.density == pytest.approx(g.density(loops=False), abs=1e-12)
    weak = g.connected_components(mode="weak")
    assert s.components == len(weak)
    assert s.largest_component == max(weak.sizes())
    if G.is_directed():
        strong = g.connected_components(mode="strong")
        assert s.strong_components == len(strong)
        core = strong.giant()
    else:
        core = weak.giant()
    assert s.path_component == core.vcount()
    assert s.diameter == core.diameter(directed=True)
    assert s.average_path_length == pytest.approx(core.average_path_length(directed=True), abs=1e-9)
    types = sorted({G.nodes[v]["type"] for v in G})
    ref = g.assortativity_nominal([types.index(G.nodes[v]["type"]) for v in order], directed=True)
    assert s.assortativity == pytest.approx(ref, abs=1e-6)


def test_paths_skipped_above_limit(big_graph):
    s = summarize(big_graph, path_limit=100)
    assert (s.paths, s.diameter, s.average_path_length) == ("skipped", None, None)
