"""GET /paths and GET /network on the sample graph."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import error_of
from tests.api.sample import DOCS, aid

EDGES = {(r.type, *sorted((aid(r.head), aid(r.tail)))) for d in DOCS for r in d.relations}


def _connected(path: dict) -> None:
    """Consecutive nodes are joined by the path's relationships, whatever their direction."""
    ids = [n["id"] for n in path["nodes"]]
    assert len(path["relationships"]) == path["hops"] == len(ids) - 1
    for (a, b), rel in zip(zip(ids, ids[1:], strict=False), path["relationships"], strict=True):
        assert {rel["start"], rel["end"]} == {a, b}
        assert (rel["type"], *sorted((a, b))) in EDGES


def test_shortest_path_ignores_direction(client: TestClient) -> None:
    r = client.get("/paths", params={"source": aid("苏州大学"), "target": aid("江苏省产业技术研究院")})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["hops"] == 2 and body["paths"]
    for p in body["paths"]:
        _connected(p)
        assert [n["name"] for n in p["nodes"]] == ["苏州大学", "南通大学", "江苏省产业技术研究院"]
    # reversed: the same connection
    back = client.get("/paths", params={"source": aid("江苏省产业技术研究院"), "target": aid("苏州大学")}).json()
    assert back["hops"] == 2


def test_max_hops_bounds_the_search(client: TestClient) -> None:
    src, dst = aid("苏州市"), aid("南通市")
    assert client.get("/paths", params={"source": src, "target": dst, "max_hops": 3}).json()["paths"] == []
    body = client.get("/paths", params={"source": src, "target": dst, "max_hops": 6}).json()
    assert body["hops"] == 4
    for p in body["paths"]:
        _connected(p)
        assert p["nodes"][0]["id"] == src and p["nodes"][-1]["id"] == dst


def test_no_path_between_components(client: TestClient) -> None:
    body = client.get("/paths", params={"source": aid("江南大学"), "target": aid("南通大学"), "max_hops": 6}).json()
    assert body["paths"] == [] and body["hops"] is None and body["truncated"] is False


def test_paths_errors(client: TestClient) -> None:
    same = client.get("/paths", params={"source": aid("南通市"), "target": aid("南通市")})
    assert same.status_code == 422 and error_of(same)
    assert client.get("/paths", params={"source": "a_missing", "target": aid("南通市")}).status_code == 404
    assert client.get("/paths", params={"source": aid("南通市"), "target": "a_missing"}).status_code == 404
    for hops in (0, 7):
        r = client.get("/paths", params={"source": aid("南通市"), "target": aid("苏州市"), "max_hops": hops})
        assert r.status_code == 422
    assert client.get("/paths", params={"source": aid("南通市")}).status_code == 422


def _edges(client: TestClient, **params: object) -> dict:
    r = client.get("/network", params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    ids = {n["id"] for n in body["nodes"]}
    for e in body["edges"]:
        assert e["source"] in ids and e["target"] in ids
    return body


def _keys(body: dict) -> set[tuple[str, ...]]:
    return {(e["type"], *sorted((e["source"], e["target"]))) for e in body["edges"]}


def test_whole_network(client: TestClient) -> None:
    body = _edges(client)
    assert _keys(body) == EDGES and body["truncated"] is False
    assert {n["id"] for n in body["nodes"]} == {x for k in EDGES for x in k[1:]}


def test_network_cap_sets_truncated(client: TestClient) -> None:
    body = _edges(client, limit=3)
    assert len(body["edges"]) == 3 and body["truncated"] is True
    weights = [e["weight"] for e in body["edges"]]
    assert weights == sorted(weights, reverse=True)


def test_network_filters(client: TestClient) -> None:
    univ = _edges(client, types="University")
    assert _keys(univ) == {("COOPERATES_WITH", *sorted((aid("苏州大学"), aid("南通大学"))))}
    assert _keys(_edges(client, rel_types="FUNDED_BY")) == {k for k in EDGES if k[0] == "FUNDED_BY"}
    assert _keys(_edges(client, region="无锡市")) == {("LOCATED_IN", *sorted((aid("江南大学"), aid("无锡市"))))}
    heavy = _edges(client, min_weight=2)
    assert [e["weight"] for e in heavy["edges"]] == [2]
    plan = _edges(client, modality="plan")
    assert plan["edges"] and all(e["plan_weight"] > 0 for e in plan["edges"])
    assert len(plan["edges"]) == len(
        {(r.type, r.head, r.tail) for d in DOCS for r in d.relations if r.modality == "plan"}
    )
    y2017 = _edges(client, year_from=2017, year_to=2017)
    assert _keys(y2017) == {("LOCATED_IN", *sorted((aid("江南大学"), aid("无锡市"))))}
    assert _edges(client, year_from=2021)["edges"] == []


def test_network_around_an_actor(client: TestClient) -> None:
    one = _edges(client, actor=aid("苏州大学"), hops=1)
    assert one["centre"] == aid("苏州大学")
    assert {n["name"] for n in one["nodes"]} == {"苏州大学", "苏州市", "南通大学"}
    two = _edges(client, actor=aid("苏州大学"), hops=2)
    assert {n["name"] for n in two["nodes"]} == {
        "苏州大学",
        "苏州市",
        "南通大学",
        "中天科技集团有限公司",
        "江苏省产业技术研究院",
    }
    # the edges among the neighbourhood, including the one between two neighbours
    assert ("COOPERATES_WITH", *sorted((aid("南通大学"), aid("中天科技集团有限公司")))) in _keys(two)
    only = _edges(client, actor=aid("苏州大学"), hops=2, rel_types="COOPERATES_WITH")
    assert {e["type"] for e in only["edges"]} == {"COOPERATES_WITH"}
    alone = _edges(client, actor=aid("苏州市"), hops=1, rel_types="CO_BUILDS")
    assert [n["id"] for n in alone["nodes"]] == [aid("苏州市")] and alone["edges"] == []


def test_network_errors(client: TestClient) -> None:
    assert client.get("/network", params={"actor": "a_missing"}).status_code == 404
    for params in ({"hops": 3, "actor": aid("南通市")}, {"limit": 0}, {"types": "Nope"}, {"modality": "maybe"}):
        r = client.get("/network", params=params)
        assert r.status_code == 422, params
        assert error_of(r)["code"] == "invalid_parameters"
