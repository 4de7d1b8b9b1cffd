"""Evolution: periods built from edge intervals, checked by hand and against direct recomputation."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis import EdgeRow, NodeRow, ProjectionFilter, build_graph
from graph.analysis.errors import UnknownMethodError
from graph.analysis.evolution import evolution, period_graph


def timeline() -> nx.Graph:
    nodes = [NodeRow(id=x, name=x, type="Enterprise") for x in "abcde"]
    edges = [
        EdgeRow(source="a", target="b", type="COOPERATES_WITH", first_year=2018, last_year=2019),
        EdgeRow(source="b", target="c", type="COOPERATES_WITH", first_year=2019, last_year=2021),
        EdgeRow(source="c", target="d", type="COOPERATES_WITH", years=[2021]),
        EdgeRow(source="d", target="e", type="COOPERATES_WITH"),  # undated
    ]
    return build_graph(nodes, edges, ProjectionFilter())


def test_cumulative_by_hand():
    res = evolution(timeline())
    assert res.undated_edges == 1
    assert [(p.start, p.end) for p in res.periods] == [(2018, 2018), (2018, 2019), (2018, 2020), (2018, 2021)]
    assert [(p.nodes, p.edges) for p in res.periods] == [(2, 1), (3, 2), (3, 2), (4, 3)]
    # 2021: path a-b-c-d: density 3 / (4*3/2) = 1/2; b and c have degree 2
    last = res.periods[-1]
    assert last.density == pytest.approx(0.5)
    assert last.top_degree[:2] == [("b", 2.0), ("c", 2.0)]
    # betweenness on the path: b lies on a-c and a-d: 2 of C(3,2) = 3 pairs -> 2/3
    assert dict(last.top_betweenness)["b"] == pytest.approx(2 / 3)
    assert last.components == 1 and last.largest_component == 4


def test_window_by_hand():
    res = evolution(timeline(), mode="window", window=1)
    # 2018: a-b; 2019: a-b, b-c; 2020: b-c; 2021: b-c, c-d
    assert [(p.start, p.end, p.edges) for p in res.periods] == [
        (2018, 2018, 1),
        (2019, 2019, 2),
        (2020, 2020, 1),
        (2021, 2021, 2),
    ]
    two = evolution(timeline(), mode="window", window=2, step=2, start=2019)
    assert [(p.start, p.end, p.edges) for p in two.periods] == [(2018, 2019, 2), (2020, 2021, 2)]
    with pytest.raises(UnknownMethodError) as err:
        evolution(timeline(), mode="sliding")  # type: ignore[arg-type]
    assert err.value.value == "sliding"


def test_periods_match_direct_computation(big_graph):
    res = evolution(big_graph, mode="window", window=3, step=2, top_n=5, betweenness_k=100, seed=1)
    assert res.periods
    for p in res.periods:
        H = nx.Graph()
        H.add_edges_from(
            (u, v) for u, v, d in big_graph.edges(data=True) if d["first_year"] <= p.end and d["last_year"] >= p.start
        )
        assert (p.nodes, p.edges) == (H.number_of_nodes(), H.number_of_edges())
        assert p.density == pytest.approx(nx.density(H))
        assert p.components == nx.number_connected_components(H)
        pr = nx.pagerank(period_graph(big_graph, p.start, p.end), weight="weight", tol=1e-10, max_iter=1000)
        for v, value in p.top_pagerank:
            assert value == pytest.approx(pr[v], abs=1e-6)
        assert p.betweenness_method == "sampled"
        degrees = sorted((d for _, d in H.degree()), reverse=True)[:5]
        assert [d for _, d in p.top_degree] == degrees


def test_ties_added_and_dropped_by_hand():
    nodes = [NodeRow(id="u", name="u", type="University")] + [NodeRow(id=x, name=x, type="Enterprise") for x in "abcd"]
    edges = [
        EdgeRow(source="a", target="b", type="COOPERATES_WITH", first_year=2018, last_year=2019),
        EdgeRow(source="u", target="c", type="COOPERATES_WITH", first_year=2019, last_year=2019),
        EdgeRow(source="c", target="d", type="COOPERATES_WITH", years=[2021]),
    ]
    res = evolution(build_graph(nodes, edges, ProjectionFilter()), mode="window", window=1)
    by_end = {p.end: p for p in res.periods}
    assert by_end[2018].added == [("a", "b")] and by_end[2018].dropped == []
    assert by_end[2019].added == [("c", "u")] and by_end[2019].dropped == []  # pairs in id order
    assert by_end[2019].added_by_type == {"Enterprise": 1, "University": 1}
    assert by_end[2020].ties_added == 0 and by_end[2020].ties_dropped == 2
    assert by_end[2020].dropped_by_type == {"Enterprise": 2, "University": 1}
    assert by_end[2021].added == [("c", "d")] and by_end[2021].added_by_type == {"Enterprise": 1}
    cumulative = evolution(build_graph(nodes, edges, ProjectionFilter()))
    assert [p.ties_dropped for p in cumulative.periods] == [0, 0, 0, 0]
    assert [p.ties_added for p in cumulative.periods] == [1, 1, 0, 1]


def test_directed_ties_keep_their_direction():
    nodes = [NodeRow(id=x, name=x, type="Enterprise") for x in "ab"]
    edges = [
        EdgeRow(source="b", target="a", type="FUNDED_BY", years=[2018]),
        EdgeRow(source="a", target="b", type="FUNDED_BY", years=[2019]),
    ]
    res = evolution(build_graph(nodes, edges, ProjectionFilter(directed=True)), mode="window", window=1)
    assert [(p.added, p.dropped) for p in res.periods] == [([("b", "a")], []), ([("a", "b")], [("b", "a")])]
