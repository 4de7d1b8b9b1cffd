"""GET/POST /queries (the named read queries) and POST /cypher (ad-hoc, read-only)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from graph.falkor import FalkorStore
from graph.queries import default_library
from tests.api.conftest import error_of
from tests.api.sample import DOCS, TYPES, aid

LIB = default_library()


def test_lists_exactly_the_read_queries(client: TestClient) -> None:
    r = client.get("/queries")
    assert r.status_code == 200
    listed = {q["name"]: q for q in r.json()}
    expected = {q.name for q in LIB.for_backend("falkordb") if q.mode == "read"}
    assert set(listed) == expected
    assert "load_document" not in listed and "delete_all" not in listed
    search = listed["api_actor_search"]
    assert search["group"] == "api" and "q" in search["optional_params"] and search["example"]
    assert search["columns"][:2] == ["id", "name"]
    assert client.get("/queries/api_actor_search").json() == search


def test_every_listed_query_runs_with_its_example(client: TestClient) -> None:
    for q in client.get("/queries").json():
        r = client.post(f"/queries/{q['name']}", json={"params": q["example"]})
        assert r.status_code == 200, (q["name"], r.text)
        assert r.json()["columns"] == q["columns"], q["name"]


def test_run_a_named_query(client: TestClient) -> None:
    r = client.post("/queries/api_actor_detail", json={"params": {"id": aid("苏州大学")}})
    assert r.status_code == 200
    body = r.json()
    row = dict(zip(body["columns"], body["rows"][0], strict=True))
    assert row["name"] == "苏州大学" and body["truncated"] is False
    r = client.post("/queries/api_actor_search", json={"params": {"q": "大学", "skip": 0, "limit": 10}})
    assert {row[1] for row in r.json()["rows"]} == {n for n in TYPES if "大学" in n}
    # optional parameters may be left out; parameterless queries need no body
    assert client.post("/queries/label_counts").status_code == 200


def test_named_query_errors(client: TestClient) -> None:
    for name in ("no_such_query", "load_document", "delete_all", "index_actor_id", "bench_actors"):
        r = client.post(f"/queries/{name}", json={"params": {}})
        assert r.status_code == 404, name
        assert error_of(r)
        assert client.get(f"/queries/{name}").status_code == 404
    missing = client.post("/queries/api_actor_detail", json={"params": {}})
    assert missing.status_code == 422 and error_of(missing)["code"] == "invalid_query"
    unknown = client.post("/queries/api_actor_detail", json={"params": {"id": "x", "evil": 1}})
    assert unknown.status_code == 422 and "evil" in error_of(unknown)["message"]
    assert client.post("/queries/bad-name!", json={}).status_code == 422
    assert client.post("/queries/api_actor_detail", json={"params": "x"}).status_code == 422


def test_cypher_reads(client: TestClient) -> None:
    r = client.post(
        "/cypher",
        json={"query": "MATCH (d:Document) WHERE d.year = $y RETURN d.id AS id ORDER BY id", "params": {"y": 2020}},
    )
    assert r.status_code == 200
    assert [row[0] for row in r.json()["rows"]] == sorted(d.id for d in DOCS if d.date.year == 2020)
    node = client.post("/cypher", json={"query": "MATCH (a:Actor {name: '南通大学'}) RETURN a"}).json()["rows"][0][0]
    assert node["kind"] == "node" and node["id"] == aid("南通大学") and "University" in node["labels"]
    assert node["properties"]["name"] == "南通大学"
    rel = client.post("/cypher", json={"query": "MATCH ()-[r:CO_BUILDS]->() RETURN r"}).json()["rows"][0][0]
    assert rel["kind"] == "relationship" and rel["type"] == "CO_BUILDS" and rel["properties"]["weight"] == 1
    path = client.post("/cypher", json={"query": "MATCH p = (:Actor)-[:FUNDED_BY]->(:Actor) RETURN p"}).json()
    assert path["rows"][0][0]["kind"] == "path" and len(path["rows"][0][0]["nodes"]) == 2


def test_cypher_row_limit_truncates(api_store: FalkorStore, make_client: Callable[..., TestClient]) -> None:
    client = make_client(api_store, row_limit=5)
    body = client.post("/cypher", json={"query": "UNWIND range(1, 20) AS i RETURN i"}).json()
    assert body["rows"] == [[i] for i in range(1, 6)] and body["truncated"] is True


def test_cypher_time_limit(api_store: FalkorStore, make_client: Callable[..., TestClient]) -> None:
    client = make_client(api_store, query_timeout_ms=1)
    r = client.post(
        "/cypher", json={"query": "UNWIND range(1, 3000) AS i UNWIND range(1, 3000) AS j RETURN count(*) AS n"}
    )
    assert r.status_code == 408 and error_of(r)["code"] == "timeout"


WRITES = [
    "CREATE (n:Actor {id: 'a_evil', name: 'x'}) RETURN n",
    "MERGE (n:Actor {id: 'a_evil'}) RETURN n",
    "MATCH (d:Document) DELETE d",
    "MATCH (n) DETACH DELETE n",
    "MATCH (a:Actor) SET a.name = 'x' RETURN a",
    "MATCH (a:Actor) REMOVE a.region RETURN a",
    "MATCH (a:Actor) SET a:Evil RETURN a",
    "CALL db.idx.fulltext.createNodeIndex('Actor', 'name')",
    "CREATE INDEX FOR (n:Actor) ON (n.region)",
    "MATCH (n) RETURN count(n); MATCH (n) DETACH DELETE n",
    "MATCH (a:Actor) WITH a LIMIT 1 CREATE (a)-[:CO_BUILDS]->(:Actor {id: 'a_evil'})",
]


@pytest.mark.parametrize("query", WRITES)
def test_cypher_refuses_writes(query: str, client: TestClient, api_store: FalkorStore) -> None:
    before = (api_store.read("total_counts").records(), api_store.read("label_counts").records())
    r = client.post("/cypher", json={"query": query})
    assert r.status_code in (403, 422), r.text
    err = error_of(r)
    assert err["code"] in ("read_only", "invalid_query")
    after = (api_store.read("total_counts").records(), api_store.read("label_counts").records())
    assert after == before
    names = api_store.read_cypher("MATCH (a:Actor) RETURN a.name AS n").records()
    assert {x["n"] for x in names} == set(TYPES)


def test_cypher_plain_writes_are_403(client: TestClient) -> None:
    for query in WRITES[:7]:
        assert client.post("/cypher", json={"query": query}).status_code == 403, query


def test_cypher_invalid_requests(client: TestClient) -> None:
    bad = client.post("/cypher", json={"query": "MATCH (n RETURN n"})
    assert bad.status_code == 422 and error_of(bad)["code"] == "invalid_query"
    for body in ({}, {"query": ""}, {"query": "RETURN 1", "params": []}, {"query": "x" * 20_001}):
        r = client.post("/cypher", json=body)
        assert r.status_code == 422, body
        assert error_of(r)["code"] == "invalid_parameters"
    r = client.post("/cypher", content=b"not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and error_of(r)


def test_parameter_names_and_values_the_database_cannot_take(client: TestClient) -> None:
    for params in ({"": 1}, {"a`b": 1}, {"1x": 1}):
        r = client.post("/cypher", json={"query": "RETURN 1 AS x", "params": params})
        assert r.status_code == 422, params
        assert error_of(r)["code"] == "invalid_parameters"
    for params in ({"m": {"": 1}}, {"m": {"a`": 1}}):
        r = client.post("/cypher", json={"query": "RETURN $m AS m", "params": params})
        assert r.status_code == 422, params
        assert error_of(r)["code"] == "invalid_query"
    r = client.post("/queries/api_actor_detail", json={"params": {"id": {"": "x"}}})
    assert r.status_code == 422 and error_of(r)["code"] == "invalid_query"


def test_cypher_nul_and_non_finite_values_are_422(client: TestClient, api_store: FalkorStore) -> None:
    before = api_store.read_cypher("MATCH (n) RETURN count(n)").rows
    # a NUL used to cut the query at that point: the first half ran, the rest vanished
    r = client.post("/cypher", json={"query": "RETURN 1\u0000CREATE (:Injected)"})
    assert r.status_code == 422, r.text
    assert "NUL" in r.text
    r = client.post("/cypher", json={"query": "RETURN $v AS v", "params": {"v": "a\u0000b"}})
    assert r.status_code == 422 and "NUL" in r.text
    raw = '{"query": "RETURN $v AS v", "params": {"v": NaN}}'
    r = client.post("/cypher", content=raw, headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text
    assert api_store.read_cypher("MATCH (n) RETURN count(n)").rows == before


def _nested(depth: int) -> str:
    return "RETURN " + "[" * depth + "1" + "]" * depth + " AS x"


def test_the_api_refuses_a_pathological_query_with_422(client: TestClient) -> None:
    r = client.post("/cypher", json={"query": _nested(30)})
    assert r.status_code == 422, r.text
    assert "levels deep" in r.json()["error"]["message"]


def test_health_answers_while_a_heavy_query_runs(
    api_store: FalkorStore, make_client: Callable[..., TestClient]
) -> None:
    client = make_client(api_store, query_timeout_ms=4_000)
    heavy = {"query": "UNWIND range(1, 4000) AS i UNWIND range(1, 4000) AS j RETURN count(*) AS n"}
    done: dict[str, object] = {}

    def run() -> None:
        done["status"] = client.post("/cypher", json=heavy).status_code
        done["at"] = time.monotonic()

    worker = threading.Thread(target=run)
    worker.start()
    time.sleep(0.3)  # the heavy query is running now
    health = client.get("/health")
    answered = time.monotonic()
    worker.join(timeout=30)
    assert health.status_code == 200
    assert done["status"] in (200, 408)  # finished or stopped by the time limit, never hung
    assert answered < done["at"]  # /health did not wait for the heavy query
