"""Analysis over the stored graph: projection from Cypher rows, CLI and API, against networkx computed
independently from the same relations."""

from __future__ import annotations

import datetime as dt
import io
import json
import os

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from api.cli import app as cli
from api.settings import Settings
from graph import analysis_service as service
from graph.analysis import ProjectionFilter
from graph.loader import load_extraction
from ingest.models import DocumentMeta, Entity, Evidence, Extraction, Mention, Relation, actor_id

# (head, head type, relation, tail, tail type, year) — a small cooperation network written for the test
TIES = [
    ("甲大学", "University", "CO_BUILDS", "丙研究院", "ResearchInstitute", 2016),
    ("乙公司", "Enterprise", "CO_BUILDS", "丙研究院", "ResearchInstitute", 2016),
    ("甲大学", "University", "COOPERATES_WITH", "乙公司", "Enterprise", 2017),
    ("丁公司", "Enterprise", "COOPERATES_WITH", "甲大学", "University", 2018),
    ("戊大学", "University", "COOPERATES_WITH", "丁公司", "Enterprise", 2018),
    ("戊大学", "University", "CO_BUILDS", "己实验室", "Platform", 2019),
    ("庚公司", "Enterprise", "FUNDED_BY", "辛计划", "Programme", 2019),
]


@pytest.fixture(scope="module")
def loaded(module_store):  # noqa: ANN001, ANN201
    for i, (h, ht, rt, t, tt, year) in enumerate(TIES):
        ents = {
            n: Entity(id=actor_id(ty, n), name=n, type=ty, mentions=[Mention(text=n, start=0, end=len(n))])
            for n, ty in ((h, ht), (t, tt))
        }
        rel = Relation(type=rt, head=ents[h].id, tail=ents[t].id, evidence=[Evidence(text=f"{h}{t}", start=0, end=4)])
        load_extraction(
            module_store,
            Extraction(
                document=DocumentMeta(id=f"d_{i}", source=f"t{i}.txt", date=dt.date(year, 3, 1)),
                entities=list(ents.values()),
                relations=[rel],
            ),
            f"{h}{t}",
        )
    return module_store


def _expected_graph() -> nx.Graph:
    G = nx.Graph()
    for h, ht, _, t, tt, _ in TIES:
        G.add_edge(actor_id(ht, h), actor_id(tt, t))
    return G


def test_degree_and_betweenness_equal_networkx(loaded) -> None:  # noqa: ANN001
    G = _expected_graph()
    flt = ProjectionFilter()
    deg = service.centrality(loaded, flt, "degree", top=100)
    assert {r["id"]: r["value"] for r in deg["top"]} == {v: float(d) for v, d in G.degree()}
    bet = service.centrality(loaded, flt, "betweenness", top=100)
    expected = nx.betweenness_centrality(G)
    for r in bet["top"]:
        assert r["value"] == pytest.approx(expected[r["id"]], abs=1e-9)


def test_filters_reach_the_projection(loaded) -> None:  # noqa: ANN001
    co = service.network_summary(loaded, ProjectionFilter(relation_types=("CO_BUILDS",), keep_isolates=False))
    assert co["edges"] == sum(1 for t in TIES if t[2] == "CO_BUILDS")
    early = service.network_summary(loaded, ProjectionFilter(year_to=2016, keep_isolates=False))
    assert early["edges"] == sum(1 for t in TIES if t[5] <= 2016)


def test_communities_and_holes_cover_the_actors(loaded) -> None:  # noqa: ANN001
    com = service.communities(loaded, ProjectionFilter())
    members = {m["id"] for c in com["communities"] for m in c["members"]}
    assert members == set(_expected_graph().nodes)
    holes = service.holes(loaded, ProjectionFilter(), top=100)
    expected = nx.constraint(_expected_graph())
    for r in holes["top"]:
        assert r["constraint"] == pytest.approx(expected[r["id"]], abs=1e-9)


def test_evolution_grows_by_year(loaded) -> None:  # noqa: ANN001
    periods = service.evolution_table(loaded, ProjectionFilter())["periods"]
    assert [p["end"] for p in periods] == [2016, 2017, 2018, 2019]
    assert [p["edges"] for p in periods] == [sum(1 for t in TIES if t[5] <= y) for y in (2016, 2017, 2018, 2019)]


def test_api_analysis_and_export(loaded) -> None:  # noqa: ANN001
    app = create_app(Settings(data_dir=loaded.server.data_dir, graph_name=loaded.graph_name), store=loaded)
    with TestClient(app) as client:
        r = client.get("/analysis/centrality", params={"measure": "pagerank", "top": 3})
        assert r.status_code == 200 and len(r.json()["top"]) == 3
        assert client.get("/analysis/centrality", params={"measure": "nonsense"}).status_code == 422
        assert client.get("/analysis/summary", params={"year_from": 2019, "year_to": 2015}).status_code == 422
        r = client.get("/export", params={"format": "graphml"})
        assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
        G = nx.read_graphml(io.BytesIO(r.content))
        assert set(G.nodes) == set(_expected_graph().nodes)
        for path in ("/analysis/communities", "/analysis/structural-holes", "/analysis/evolution"):
            assert client.get(path).status_code == 200, path


def test_cli_analyze_json(loaded) -> None:  # noqa: ANN001
    env = {**os.environ, "INNOGRAPH_DATA_DIR": str(loaded.server.data_dir), "INNOGRAPH_GRAPH_NAME": loaded.graph_name}
    res = CliRunner().invoke(cli, ["analyze", "centrality", "--json", "--top", "2"], env=env)
    assert res.exit_code == 0, res.output
    assert len(json.loads(res.output)["top"]) == 2
    res = CliRunner().invoke(cli, ["export", "--format", "pajek"], env=env)
    assert res.exit_code == 0 and res.output.startswith("*Vertices"), res.output[:200]
