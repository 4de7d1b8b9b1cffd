"""Documents: list, detail, text, DELETE (exact removal, write key), POST upload (write key, limits)."""

from __future__ import annotations

import importlib.util
import io
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.routers.documents import safe_filename
from graph.falkor import FalkorStore
from tests.api.conftest import WRITE_KEY, error_of
from tests.api.sample import DOCS, doc_by_title, extraction

HAS_PIPELINE = importlib.util.find_spec("ingest.pipeline") is not None


def test_list_newest_first_with_total(client: TestClient) -> None:
    body = client.get("/documents").json()
    assert body["total"] == len(DOCS)
    assert [d["id"] for d in body["items"]] == [d.id for d in sorted(DOCS, key=lambda d: d.date, reverse=True)]
    first = body["items"][0]
    doc = next(d for d in DOCS if d.id == first["id"])
    assert first["title"] == doc.title and first["region"] == doc.region and first["genre"] == doc.genre
    assert "text" not in first


def test_list_filters_and_pages(client: TestClient) -> None:
    for params, pred in (
        ({"region": "南通市"}, lambda d: d.region == "南通市"),
        ({"year": 2020}, lambda d: d.date.year == 2020),
        ({"genre": "summary"}, lambda d: d.genre == "summary"),
        ({"region": "苏州市", "genre": "other"}, lambda d: d.region == "苏州市" and d.genre == "other"),
    ):
        body = client.get("/documents", params=params).json()
        expected = {d.id for d in DOCS if pred(d)}
        assert {d["id"] for d in body["items"]} == expected and body["total"] == len(expected), params
    pages = [client.get("/documents", params={"limit": 2, "offset": o}).json() for o in (0, 2, 4, 6)]
    ids = [d["id"] for p in pages for d in p["items"]]
    assert len(ids) == len(set(ids)) == len(DOCS)
    assert pages[-1]["items"] == [] and pages[-1]["total"] == len(DOCS)
    for params in ({"genre": "novel"}, {"limit": 500}, {"year": 1800}):
        r = client.get("/documents", params=params)
        assert r.status_code == 422 and error_of(r)["code"] == "invalid_parameters"


def test_detail_lists_actors_and_relations(client: TestClient) -> None:
    doc = doc_by_title("2019")
    r = client.get(f"/documents/{doc.id}")
    assert r.status_code == 200
    body = r.json()
    assert body["title"] == doc.title and body["date"] == doc.date.isoformat() and body["chars"] == len(doc.text)
    ex = extraction(doc)
    assert {a["name"]: a["mentions"] for a in body["actors"]} == {e.name: len(e.mentions) for e in ex.entities}
    zt = next(a for a in body["actors"] if a["name"] == "中天科技集团有限公司")
    assert set(zt["surfaces"]) == {"中天科技集团有限公司", "中天科技"}
    rels = {(x["rel_type"], x["head"]["name"], x["tail"]["name"]): x for x in body["relations"]}
    assert len(rels) == len(doc.relations)
    funded = rels[("FUNDED_BY", "中天科技集团有限公司", "南通市科学技术局")]
    assert funded["modality"] == "plan" and funded["sentences"] == 1
    [ev] = funded["evidence"]
    assert doc.text[ev["start"] : ev["end"]] == ev["text"]


def test_text_is_the_original(client: TestClient) -> None:
    for doc in DOCS:
        r = client.get(f"/documents/{doc.id}/text")
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/plain")
        assert r.text == doc.text


def test_unknown_document_404(client: TestClient) -> None:
    for path in ("/documents/d_0000000000000000", "/documents/d_0000000000000000/text"):
        r = client.get(path)
        assert r.status_code == 404 and error_of(r)["message"]


def _snapshot(store: FalkorStore) -> dict[str, Any]:
    """Everything the graph holds about actors and their relationships, order-independent."""
    actors = store.read_cypher(
        "MATCH (a:Actor) RETURN a.id AS id, a.name AS name, a.type AS type, a.aliases AS aliases, labels(a) AS labels"
    ).records()
    rels = store.read_cypher(
        "MATCH (h:Actor)-[r]->(t:Actor) RETURN type(r) AS type, h.id AS h, t.id AS t, r.weight AS w, "
        "r.fact_weight AS fw, r.plan_weight AS pw, r.first_year AS fy, r.last_year AS ly, r.years AS ys, "
        "r.modality AS m"
    ).records()
    mentions = store.read_cypher(
        "MATCH (d:Document)-[m:MENTIONS]->(a:Actor) RETURN d.id AS d, a.id AS a, m.count AS c"
    ).records()
    evidence = store.read_cypher("MATCH (d:Document)-[:HAS_EVIDENCE]->(e:Evidence) RETURN e.id AS id").records()
    counts = store.read("total_counts").records()[0]
    return {
        "actors": sorted(
            (a["id"], a["name"], a["type"], tuple(sorted(a["aliases"] or [])), tuple(sorted(a["labels"])))
            for a in actors
        ),
        "rels": sorted(
            (r["type"], r["h"], r["t"], r["w"], r["fw"], r["pw"], r["fy"], r["ly"], tuple(sorted(r["ys"])), r["m"])
            for r in rels
        ),
        "mentions": sorted((m["d"], m["a"], m["c"]) for m in mentions),
        "evidence": sorted(e["id"] for e in evidence),
        "counts": counts,
    }


def test_delete_removes_exactly_one_document(
    loaded_store: FalkorStore, store: FalkorStore, make_client: Callable[..., TestClient]
) -> None:
    from graph.loader import load_extraction

    gone = doc_by_title("产学研")
    for doc in DOCS:  # the graph as if the document had never been loaded
        if doc is not gone:
            load_extraction(store, extraction(doc), doc.text)
    expected = _snapshot(store)
    assert _snapshot(loaded_store) != expected

    client = make_client(loaded_store)
    r = client.delete(f"/documents/{gone.id}", headers={"X-API-Key": WRITE_KEY})
    assert r.status_code == 200, r.text
    assert r.json() == {"id": gone.id, "deleted": True}
    assert _snapshot(loaded_store) == expected
    # the actor only that document mentioned is gone; the shared ones stay
    assert client.get("/actors", params={"q": "苏州大学"}).json()["total"] == 0
    assert client.get("/actors", params={"q": "苏州市"}).json()["total"] == 1
    assert client.get(f"/documents/{gone.id}").status_code == 404
    again = client.delete(f"/documents/{gone.id}", headers={"X-API-Key": WRITE_KEY})
    assert again.status_code == 404 and error_of(again)


def test_write_endpoints_need_the_key(loaded_store: FalkorStore, make_client: Callable[..., TestClient]) -> None:
    before = _snapshot(loaded_store)
    client = make_client(loaded_store)
    doc = DOCS[0]
    for headers in ({}, {"X-API-Key": "wrong-key"}, {"X-API-Key": WRITE_KEY + "x"}):
        r = client.delete(f"/documents/{doc.id}", headers=headers)
        assert r.status_code == 401, headers
        assert error_of(r)["code"] == "http_error"
        up = client.post("/documents", files={"files": ("a.txt", b"x")}, headers=headers)
        assert up.status_code == 401
    no_writes = make_client(loaded_store, api_key=None)
    r = no_writes.delete(f"/documents/{doc.id}", headers={"X-API-Key": WRITE_KEY})
    assert r.status_code == 403 and "disabled" in error_of(r)["message"]
    assert _snapshot(loaded_store) == before


def test_read_key_guards_reads(api_store: FalkorStore, make_client: Callable[..., TestClient]) -> None:
    read_key = "a-read-key-for-tests"
    client = make_client(api_store, read_key=read_key)
    paths = ["/stats", "/actors", "/documents", "/network", "/queries", f"/documents/{DOCS[0].id}"]
    for path in paths:
        assert client.get(path).status_code == 401, path
        assert client.get(path, headers={"X-API-Key": "nope"}).status_code == 401, path
        assert client.get(path, headers={"X-API-Key": read_key}).status_code == 200, path
        assert client.get(path, headers={"X-API-Key": WRITE_KEY}).status_code == 200, path
    assert client.post("/cypher", json={"query": "RETURN 1 AS x"}).status_code == 401
    assert client.post("/cypher", json={"query": "RETURN 1 AS x"}, headers={"X-API-Key": read_key}).status_code == 200
    assert client.get("/health").status_code == 200


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\win.ini", "win.ini"),
        ("/abs/path/政策文件.txt", "政策文件.txt"),
        ("..", "upload_3"),
        ("", "upload_3"),
        (None, "upload_3"),
        ("a b;rm -rf *.html", "a_b_rm_-rf_.html"),
        (".hidden", "hidden"),
    ],
)
def test_safe_filename(given: str | None, expected: str) -> None:
    assert safe_filename(given, 3) == expected


def test_upload_limits(api_store: FalkorStore, make_client: Callable[..., TestClient]) -> None:
    before = api_store.read("total_counts").records()
    client = make_client(api_store, max_upload_files=2)
    files = [("files", (f"f{i}.txt", io.BytesIO(b"text"), "text/plain")) for i in range(3)]
    r = client.post("/documents", files=files, headers={"X-API-Key": WRITE_KEY})
    assert r.status_code == 413 and "too many files" in error_of(r)["message"]
    small = make_client(api_store, max_upload_bytes=1000)
    big = [("files", ("big.txt", io.BytesIO(b"x" * 200_000), "text/plain"))]
    r = small.post("/documents", files=big, headers={"X-API-Key": WRITE_KEY})
    assert r.status_code == 413 and error_of(r)["code"] == "too_large"
    r = client.post("/documents", headers={"X-API-Key": WRITE_KEY})
    assert r.status_code == 422
    assert api_store.read("total_counts").records() == before


def test_body_size_limit(api_store: FalkorStore, make_client: Callable[..., TestClient]) -> None:
    client = make_client(api_store, max_body_bytes=2_000)
    r = client.post("/cypher", json={"query": "RETURN 1 AS x // " + "y" * 5_000})
    assert r.status_code == 413 and error_of(r)["code"] == "too_large"

    def chunks() -> Any:  # no Content-Length: the limit applies while streaming
        yield b'{"query": "RETURN 1 AS x", "params": {"p": "'
        for _ in range(10):
            yield b"z" * 500
        yield b'"}}'

    r = client.post("/cypher", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413 and error_of(r)
    assert client.post("/cypher", json={"query": "RETURN 1 AS x"}).status_code == 200


@pytest.mark.skipif(not HAS_PIPELINE, reason="ingest.pipeline not available yet")
def test_upload_ingests_documents(store: FalkorStore, make_client: Callable[..., TestClient]) -> None:
    client = make_client(store)
    doc = DOCS[0]
    name = doc.source.split("/")[-1]
    files = [("files", ("../../" + name, io.BytesIO(doc.text.encode()), "text/plain"))]
    r = client.post("/documents", files=files, headers={"X-API-Key": WRITE_KEY})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["documents_read"] == 1 and body["new"] == 1 and body["failed"] == []
    listed = client.get("/documents").json()
    assert listed["total"] == 1
    [item] = listed["items"]
    assert item["source"] == f"upload/{name}"
    assert client.get(f"/documents/{item['id']}/text").text == doc.text
    again = client.post("/documents", files=files, headers={"X-API-Key": WRITE_KEY}).json()
    assert again["unchanged"] == 1 and again["new"] == 0
    assert client.get("/documents").json()["total"] == 1
