"""Shared graphs for the analysis tests: small hand-made ones and a seeded 1,000-node one."""

from __future__ import annotations

import random

import igraph as ig
import networkx as nx
import pytest

from graph.analysis import EdgeRow, NodeRow, ProjectionFilter, build_graph

TYPES = ["Enterprise", "University", "ResearchInstitute", "GovernmentAgency", "Platform"]
RELATIONS = ["CO_BUILDS", "COOPERATES_WITH", "FUNDED_BY", "MEMBER_OF"]


def generated_rows(n: int = 1000, m: int = 3, seed: int = 42) -> tuple[list[NodeRow], list[EdgeRow]]:
    """Rows of a seeded scale-free graph with clustering, random types, weights and years."""
    rng = random.Random(seed)
    skeleton = nx.powerlaw_cluster_graph(n, m, 0.3, seed=seed)
    nodes = [
        NodeRow(id=f"a{v:04d}", name=f"机构{v}", type=rng.choice(TYPES), region=rng.choice(["南通", "苏州"]))
        for v in skeleton
    ]
    edges = []
    for u, v in skeleton.edges():
        first = rng.randint(2012, 2022)
        edges.append(
            EdgeRow(
                source=f"a{u:04d}",
                target=f"a{v:04d}",
                type=rng.choice(RELATIONS),
                weight=rng.randint(1, 5),
                first_year=first,
                last_year=first + rng.randint(0, 3),
            )
        )
    return nodes, edges


@pytest.fixture(scope="session")
def big_rows() -> tuple[list[NodeRow], list[EdgeRow]]:
    return generated_rows()


@pytest.fixture(scope="session")
def big_graph(big_rows) -> nx.Graph:
    G = build_graph(*big_rows, ProjectionFilter())
    assert G.number_of_nodes() == 1000
    return G


@pytest.fixture(scope="session")
def big_digraph(big_rows) -> nx.DiGraph:
    G = build_graph(*big_rows, ProjectionFilter(directed=True))
    assert G.number_of_nodes() == 1000
    return G


def igraph_of(G: nx.Graph, weight: str | None = None) -> tuple[ig.Graph, list]:
    """An independent conversion (by hand, not the library's) for reference computations."""
    order = sorted(G.nodes(), key=str)
    pos = {v: i for i, v in enumerate(order)}
    g = ig.Graph(directed=G.is_directed())
    g.add_vertices(len(order))
    g.add_edges([(pos[u], pos[v]) for u, v in G.edges()])
    if weight is not None:
        g.es["w"] = [float(d.get(weight, 1)) for _, _, d in G.edges(data=True)]
    return g, order


def assert_close(ours: dict, ref: dict, tol: float = 1e-6) -> None:
    assert ours.keys() == ref.keys()
    bad = {k: (ours[k], ref[k]) for k in ours if abs(ours[k] - ref[k]) > tol}
    assert not bad, f"{len(bad)} values differ, e.g. {list(bad.items())[:3]}"
