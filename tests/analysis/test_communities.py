"""Communities: modularity against igraph, seeded determinism, ordering, top actors."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis.communities import detect_communities, modularity
from graph.analysis.errors import UnknownBackendError, UnknownMethodError

from .conftest import igraph_of


def two_cliques() -> nx.Graph:
    G = nx.Graph()
    G.add_edges_from(nx.complete_graph(["a1", "a2", "a3", "a4"]).edges(), weight=1.0)
    G.add_edges_from(nx.complete_graph(["b1", "b2", "b3"]).edges(), weight=1.0)
    G.add_edge("a1", "b1", weight=1.0)
    return G


def test_two_cliques_by_hand():
    G = two_cliques()
    res = detect_communities(G, "louvain", seed=1)
    assert [c.members for c in res.communities] == [["a1", "a2", "a3", "a4"], ["b1", "b2", "b3"]]
    # m = 6 + 3 + 1 = 10 edges; community A: 6 internal edges, degree sum 3*3 + 4 = 13;
    # B: 3 internal, degree sum 2*2 + 3 = 7. Q = sum (l_c/m - (d_c/2m)^2)
    q = (6 / 10 - (13 / 20) ** 2) + (3 / 10 - (7 / 20) ** 2)
    assert res.modularity == pytest.approx(q)
    assert res.communities[0].top_actors[0] == ("a1", 4.0)
    assert res.membership()["b2"] == 1
    lpa = detect_communities(G, "label_propagation", seed=1)
    assert {frozenset(c.members) for c in lpa.communities} == {frozenset(c.members) for c in res.communities}
    leiden = detect_communities(G, "leiden", seed=1)
    assert [c.members for c in leiden.communities] == [c.members for c in res.communities]
    assert leiden.modularity == pytest.approx(q) and leiden.backend == "igraph"
    with pytest.raises(UnknownMethodError) as err:
        detect_communities(G, "spectral")  # type: ignore[arg-type]
    assert err.value.value == "spectral"
    assert modularity(nx.empty_graph(3), [{0, 1, 2}]) is None


@pytest.mark.parametrize("method", ["louvain", "leiden", "label_propagation"])
@pytest.mark.parametrize("weight", [None, "weight"])
def test_modularity_matches_igraph(big_graph, method, weight):
    res = detect_communities(big_graph, method, seed=3, weight=weight)
    g, order = igraph_of(big_graph, weight)
    member = res.membership()
    ref = g.modularity([member[v] for v in order], weights="w" if weight else None)
    assert res.modularity == pytest.approx(ref, abs=1e-6)
    assert sum(c.size for c in res.communities) == big_graph.number_of_nodes()
    sizes = [c.size for c in res.communities]
    assert sizes == sorted(sizes, reverse=True)
    again = detect_communities(big_graph, method, seed=3, weight=weight)
    assert [c.members for c in again.communities] == [c.members for c in res.communities]


def test_directed_modularity_matches_igraph(big_digraph):
    res = detect_communities(big_digraph, "louvain", seed=0, resolution=1.5)
    g, order = igraph_of(big_digraph, "weight")
    member = res.membership()
    ref = g.modularity([member[v] for v in order], weights="w", resolution=1.5, directed=True)
    assert res.modularity == pytest.approx(ref, abs=1e-6)
    assert res.modularity > 0.3


@pytest.mark.parametrize("weight", [None, "weight"])
@pytest.mark.parametrize("resolution", [1.0, 1.5])
def test_igraph_louvain_and_leiden_reach_networkx_modularity(big_graph, weight, resolution):
    """The compiled Louvain and Leiden find partitions as good as networkx's Louvain (within 0.005)."""
    ref = detect_communities(big_graph, "louvain", seed=0, weight=weight, resolution=resolution, backend="networkx")
    assert ref.backend == "networkx" and ref.modularity is not None
    for method in ("louvain", "leiden"):
        res = detect_communities(big_graph, method, seed=0, weight=weight, resolution=resolution)  # type: ignore[arg-type]
        assert res.backend == "igraph" and res.modularity is not None
        assert res.modularity >= ref.modularity - 0.005, (method, res.modularity, ref.modularity)


def test_igraph_communities_are_seeded(big_graph):
    for method in ("louvain", "leiden"):
        runs = [detect_communities(big_graph, method, seed=s).membership() for s in (4, 4, 5)]  # type: ignore[arg-type]
        assert runs[0] == runs[1]
        assert runs[0] != runs[2]  # a different seed visits nodes in another order


def test_directed_louvain_stays_on_networkx(big_digraph):
    res = detect_communities(big_digraph, "louvain", seed=0)
    assert res.backend == "networkx"
    leiden = detect_communities(big_digraph, "leiden", seed=0)
    assert leiden.backend == "igraph" and leiden.modularity is not None and leiden.modularity > 0.3
    with pytest.raises(UnknownBackendError):
        detect_communities(big_digraph, "leiden", backend="networkx")
    with pytest.raises(UnknownBackendError):
        detect_communities(big_digraph, "louvain", backend="rustworkx")  # type: ignore[arg-type]
