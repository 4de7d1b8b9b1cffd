"""Concurrent curation requests lose no decision (issue 21): the real app served by uvicorn on a free port, a
real embedded FalkorDB graph, the write key, and 24 ``POST /curation`` fired at once from a thread pool. The
log must hold every decision exactly once with distinct numbers, and the graph must reflect every one of
them — every request re-derives the same document, so an apply that read the log before another request's
decision and wrote after it would silently undo that decision in the graph."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from api.app import create_app
from graph.falkor import FalkorStore
from ingest.curation import CurationLog
from ingest.pipeline import ingest_files
from tests.api.conftest import WRITE_KEY, make_settings

WORDS = (
    "星河 云帆 青松 白鹭 金桥 银杉 紫荆 海棠 丹霞 碧波 远航 晨曦 "
    "朗润 清泉 翠竹 明月 长风 春晖 秋实 冬青 红枫 蓝天 绿洲 雪松"
)
FIRMS = [f"江苏{w}电子有限公司" for w in WORDS.split()]
UNI = "南京大学"
# one document naming every firm: each decision below re-derives this same document
DOC = "乙市科学技术局2021年工作总结\n\n" + "".join(f"{UNI}与{firm}签订战略合作协议。\n" for firm in FIRMS)
RETYPED, REJECTED = FIRMS[::2], FIRMS[1::2]


@pytest.fixture
def served(store: FalkorStore, tmp_path: Path) -> Iterator[tuple[str, CurationLog]]:
    """The app on 127.0.0.1, on a port the OS picked, over ``store``; yields its base URL and its log."""
    log_file = tmp_path / "curation.jsonl"
    app = create_app(make_settings(curation_file=log_file), store)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", CurationLog(log_file)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


def _actor(name: str, type_: str) -> dict[str, str]:
    return {"name": name, "type": type_}


def _bodies() -> list[dict[str, Any]]:
    bodies: list[dict[str, Any]] = [
        {
            "op": "retype",
            "author": f"r{i}",
            "note": f"retype {firm}",
            "actor": _actor(firm, "Enterprise"),
            "new_type": "Platform",
        }
        for i, firm in enumerate(RETYPED)
    ]
    bodies += [
        {
            "op": "reject",
            "author": f"x{i}",
            "note": f"reject {firm}",
            "relation": {
                "type": "COOPERATES_WITH",
                "head": _actor(UNI, "University"),
                "tail": _actor(firm, "Enterprise"),
            },
        }
        for i, firm in enumerate(REJECTED)
    ]
    return bodies


def test_parallel_curation_requests_lose_no_decision(
    served: tuple[str, CurationLog], store: FalkorStore, tmp_path: Path
) -> None:
    url, log = served
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "report.txt").write_text(DOC, encoding="utf-8")
    ingest_files(store, [docs])
    before = {r[0]: r[1] for r in store.read_cypher("MATCH (a:Actor) RETURN a.name, a.type").rows}
    assert all(before.get(firm) == "Enterprise" for firm in FIRMS), before
    coop = "MATCH (:Actor {name: $u})-[r:COOPERATES_WITH]-(b:Actor) RETURN b.name"
    assert {r[0] for r in store.read_cypher(coop, {"u": UNI}).rows} == set(FIRMS)

    bodies = _bodies()
    start = threading.Barrier(len(bodies))

    def post(client: httpx.Client, body: dict[str, Any]) -> httpx.Response:
        start.wait()
        return client.post(f"{url}/curation", json=body, headers={"X-API-Key": WRITE_KEY})

    with httpx.Client(timeout=300) as client, ThreadPoolExecutor(max_workers=len(bodies)) as pool:
        responses = list(pool.map(lambda b: post(client, b), bodies))
    assert [r.status_code for r in responses] == [200] * len(bodies), [r.text for r in responses if r.is_error]
    numbers = [r.json()["decision"]["id"] for r in responses]
    assert sorted(numbers) == list(range(1, len(bodies) + 1))

    # the log: every decision exactly once, numbered 1..N in file order
    decisions = log.read()
    assert [d.id for d in decisions] == list(range(1, len(bodies) + 1))
    assert sorted((d.op, d.author, d.note) for d in decisions) == sorted(
        (b["op"], b["author"], b["note"]) for b in bodies
    )
    by_number = {d.id: d for d in decisions}
    for body, number in zip(bodies, numbers, strict=True):
        assert by_number[number].note == body["note"]  # each answer names its own decision

    # the graph: every retype and every rejection holds, nothing else changed
    after = {r[0]: r[1] for r in store.read_cypher("MATCH (a:Actor) RETURN a.name, a.type").rows}
    assert {firm: after.get(firm) for firm in RETYPED} == dict.fromkeys(RETYPED, "Platform")
    assert {firm: after.get(firm) for firm in REJECTED} == dict.fromkeys(REJECTED, "Enterprise")
    assert after.get(UNI) == "University"
    assert {r[0] for r in store.read_cypher(coop, {"u": UNI}).rows} == set(RETYPED)
    # and the API agrees
    listed = httpx.get(f"{url}/curation", timeout=60).json()
    assert listed["total"] == len(bodies)
