"""Rows -> graph: filters, aggregation, directedness, two-mode projection, cache."""

from __future__ import annotations

import networkx as nx
import pytest
from pydantic import ValidationError

from graph.analysis import EdgeRow, NodeRow, ProjectionCache, ProjectionFilter, build_graph
from graph.analysis.errors import ProjectionError
from graph.analysis.projection import bipartite_projection, two_mode_graph

NODES = [
    NodeRow(id="e1", name="中天钢铁", type="Enterprise", region="南通"),
    NodeRow(id="e2", name="镔鑫钢铁", type="Enterprise", region="南通"),
    NodeRow(id="u1", name="南通大学", type="University", region="南通"),
    NodeRow(id="u2", name="苏州大学", type="University", region="苏州"),
    NodeRow(id="p1", name="先进材料研究院", type="Platform", region="南通", subtype="研究院"),
    NodeRow(id="p2", name="钢铁产业联盟", type="Platform", region="南通"),
    NodeRow(id="g1", name="市科技局", type="GovernmentAgency"),
]
EDGES = [
    EdgeRow(source="e1", target="u1", type="COOPERATES_WITH", weight=2, first_year=2018, last_year=2019),
    EdgeRow(source="u1", target="e1", type="CO_BUILDS", weight=3, years=[2020, 2021]),
    EdgeRow(source="e1", target="u1", type="COOPERATES_WITH", weight=1, modality="plan", years=[2023]),
    EdgeRow(source="e2", target="u2", type="COOPERATES_WITH", weight=1),  # undated
    EdgeRow(source="e1", target="g1", type="FUNDED_BY", weight=4, first_year=2019),
    EdgeRow(source="e1", target="p1", type="CO_BUILDS", weight=1, first_year=2017, last_year=2020),
    EdgeRow(source="u1", target="p1", type="CO_BUILDS", weight=2, first_year=2019, last_year=2022),
    EdgeRow(source="e2", target="p1", type="MEMBER_OF", weight=1, first_year=2021),
    EdgeRow(source="e1", target="p2", type="MEMBER_OF", weight=1, first_year=2015, last_year=2016),
    EdgeRow(source="e2", target="p2", type="MEMBER_OF", weight=1, first_year=2016, last_year=2018),
    EdgeRow(source="e1", target="e1", type="COOPERATES_WITH"),  # self-loop, dropped
    EdgeRow(source="e1", target="ghost", type="COOPERATES_WITH"),  # unknown node, dropped
]


def test_aggregation_sums_evidence_across_types_and_directions():
    G = build_graph(NODES, EDGES)
    assert isinstance(G, nx.Graph) and not G.is_directed()
    assert G.number_of_nodes() == 7
    e = G["e1"]["u1"]
    assert e["weight"] == 2 + 3 + 1  # fact COOPERATES_WITH + CO_BUILDS (reversed row) + plan
    assert e["types"] == sorted(["CO_BUILDS", "COOPERATES_WITH"])  # "COOP..." < "CO_B..." in ASCII
    assert (e["first_year"], e["last_year"]) == (2018, 2023)
    assert not G.has_edge("e1", "e1")
    assert "ghost" not in G
    assert G.nodes["p1"] == {"name": "先进材料研究院", "type": "Platform", "region": "南通", "subtype": "研究院"}
    assert G.nodes["g1"] == {"name": "市科技局", "type": "GovernmentAgency"}
    assert "first_year" not in G["e2"]["u2"]


def test_filters():
    facts = build_graph(NODES, EDGES, ProjectionFilter(modality="fact"))
    assert facts["e1"]["u1"]["weight"] == 5 and facts["e1"]["u1"]["last_year"] == 2021
    coop = build_graph(NODES, EDGES, ProjectionFilter(relation_types=["COOPERATES_WITH"]))
    assert coop["e1"]["u1"]["weight"] == 3 and coop.number_of_edges() == 2
    unis = build_graph(NODES, EDGES, ProjectionFilter(actor_types=["Enterprise", "University"]))
    assert set(unis) == {"e1", "e2", "u1", "u2"} and unis.number_of_edges() == 2
    nantong = build_graph(NODES, EDGES, ProjectionFilter(region="南通"))
    assert "u2" not in nantong and "g1" not in nantong and not nantong.has_edge("e2", "u2")
    heavy = build_graph(NODES, EDGES, ProjectionFilter(min_weight=4, keep_isolates=False))
    assert sorted(heavy.edges()) == [("e1", "g1"), ("e1", "u1")]
    assert set(heavy) == {"e1", "g1", "u1"}


def test_year_filter_uses_intervals_and_undated_rows():
    # rows overlapping [2020, 2020]: e1-u1 CO_BUILDS (2020-2021), e1-g1 (2019 only: no),
    # e1-p1 (2017-2020), u1-p1 (2019-2022); undated e2-u2 excluded unless asked for
    G = build_graph(NODES, EDGES, ProjectionFilter(year_from=2020, year_to=2020, keep_isolates=False))
    assert sorted(tuple(sorted(e)) for e in G.edges()) == [("e1", "p1"), ("e1", "u1"), ("p1", "u1")]
    assert G["e1"]["u1"]["weight"] == 3
    with_undated = build_graph(NODES, EDGES, ProjectionFilter(year_from=2020, year_to=2020, include_undated=True))
    assert with_undated.has_edge("e2", "u2")
    open_end = build_graph(NODES, EDGES, ProjectionFilter(year_from=2022))
    assert sorted(tuple(sorted(e)) for e in open_end.edges()) == [("e1", "u1"), ("p1", "u1")]


def test_directed_projection_mirrors_symmetric_relations():
    D = build_graph(NODES, EDGES, ProjectionFilter(directed=True))
    assert D.is_directed()
    # e1->u1: COOPERATES_WITH 2 + plan 1; u1->e1: CO_BUILDS 3 + the two mirrored COOPERATES_WITH
    assert D["e1"]["u1"]["weight"] == 3
    assert D["u1"]["e1"]["weight"] == 3 + 3
    assert D.has_edge("e1", "g1") and not D.has_edge("g1", "e1")


def test_filter_validation():
    with pytest.raises(ValidationError, match="year_from 2021 is after year_to 2019"):
        ProjectionFilter(year_from=2021, year_to=2019)
    with pytest.raises(ValidationError, match="undirected"):
        ProjectionFilter(two_mode="platforms", directed=True)
    with pytest.raises(ProjectionError) as err:
        two_mode_graph(NODES, EDGES, ProjectionFilter())
    assert err.value.value is None
    # canonical: order and duplicates of types do not change the filter
    assert ProjectionFilter(actor_types=["University", "Enterprise", "University"]) == ProjectionFilter(
        actor_types=("Enterprise", "University")
    )


def test_two_mode_projection_by_hand():
    flt = ProjectionFilter(two_mode="platforms", actor_types=["Enterprise", "University"])
    B = two_mode_graph(NODES, EDGES, flt)
    assert {n for n, d in B.nodes(data=True) if d["bipartite"] == 1} == {"p1", "p2"}
    P = build_graph(NODES, EDGES, flt)
    # p1 members: e1, u1, e2; p2 members: e1, e2  ->  e1-e2 share 2, e1-u1 1, e2-u1 1
    assert P["e1"]["e2"]["weight"] == 2 and P["e1"]["e2"]["via"] == ["p1", "p2"]
    assert P["e1"]["u1"]["weight"] == 1 and P["e2"]["u1"]["weight"] == 1
    assert P["e1"]["u1"]["types"] == ["SHARES_PLATFORM"]
    # e1-u1 via p1: e1 2017-2020, u1 2019-2022 -> together 2019-2020
    assert (P["e1"]["u1"]["first_year"], P["e1"]["u1"]["last_year"]) == (2019, 2020)
    # e1-e2 via p2: 2016-2016 (max of firsts 2015/2016, min of lasts 2016/2018);
    # via p1: e2 has only 2021 -> start max(2017, 2021) = 2021, end min(2020, 2021) = 2020;
    # first = min(2016, 2021) = 2016, last = max(2016, 2020) = 2020
    assert (P["e1"]["e2"]["first_year"], P["e1"]["e2"]["last_year"]) == (2016, 2020)
    assert "u2" in P and P.degree("u2") == 0
    strong = bipartite_projection(NODES, EDGES, flt.model_copy(update={"min_weight": 2}))
    assert list(strong.edges()) == [("e1", "e2")]


def test_two_mode_projection_matches_networkx_bipartite(big_rows):
    nodes, edges = big_rows
    flt = ProjectionFilter(two_mode="platforms")
    B = two_mode_graph(nodes, edges, flt)
    actors = [n for n, d in B.nodes(data=True) if d["bipartite"] == 0]
    ref = nx.bipartite.weighted_projected_graph(B, actors)
    P = build_graph(nodes, edges, flt)
    assert set(P) == set(ref)
    assert {frozenset(e) for e in P.edges()} == {frozenset(e) for e in ref.edges()}
    assert all(P[u][v]["weight"] == ref[u][v]["weight"] for u, v in ref.edges())
    assert P.number_of_edges() > 100


def test_cache_hits_and_invalidation():
    calls = []

    def load():
        calls.append(1)
        return NODES, EDGES

    cache = ProjectionCache(max_entries=2)
    a = cache.get_or_build("v1", ProjectionFilter(), load)
    b = cache.get_or_build("v1", ProjectionFilter(), load)
    assert a is b and len(calls) == 1 and cache.hits == 1
    with pytest.raises(nx.NetworkXError):
        a.add_node("x")  # cached graphs are frozen
    cache.get_or_build("v1", ProjectionFilter(directed=True), load)
    cache.get_or_build("v1", ProjectionFilter(modality="fact"), load)  # evicts the oldest (LRU)
    assert len(cache) == 2 and len(calls) == 3
    cache.get_or_build("v1", ProjectionFilter(), load)
    assert len(calls) == 4
    c = cache.get_or_build("v2", ProjectionFilter(), load)  # new version: everything dropped
    assert c is not a and len(calls) == 5 and len(cache) == 1 and cache.version == "v2"
    cache.invalidate()
    assert len(cache) == 0 and cache.version is None
    with pytest.raises(ProjectionError) as err:
        ProjectionCache(max_entries=0)
    assert err.value.value == 0
