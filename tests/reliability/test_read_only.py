"""The read-only path refuses every write: ad-hoc Cypher, procedures, hidden clauses, named write queries.

Every attempt must raise ``ReadOnlyViolation`` or a syntax error (``CypherSyntaxError``), and leave the
graph -- nodes, relationships and indexes -- exactly as it was.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from api.settings import Settings
from graph.errors import CypherSyntaxError, ForbiddenClause, QueryTimeout, ReadOnlyViolation
from graph.falkor import FalkorStore
from graph.snapshot import graph_state

REFUSED = (ReadOnlyViolation, CypherSyntaxError, ForbiddenClause)

# (label, query): every one of these writes, or tries to hide a write from a naive check.
WRITES: list[tuple[str, str]] = [
    ("create", "CREATE (n:Actor {id: 'intruder', name: 'x'}) RETURN n"),
    ("create without return", "CREATE (:Document {id: 'd_intruder'})"),
    ("unwind create", "UNWIND range(1, 3) AS i CREATE (:Actor {id: toString(i)})"),
    ("merge", "MERGE (n:Actor {id: 'a_ex1'}) ON MATCH SET n.name = 'changed' RETURN n"),
    ("merge new", "MERGE (n:City {id: 'a_new'}) RETURN n"),
    ("set property", "MATCH (n:Actor) SET n.name = 'changed' RETURN count(n)"),
    ("set map", "MATCH (n:Actor) SET n = {} RETURN count(n)"),
    ("set label", "MATCH (n:Actor) SET n:Enterprise RETURN count(n)"),
    ("remove property", "MATCH (n:Actor) REMOVE n.name RETURN count(n)"),
    ("remove label", "MATCH (n:Actor) REMOVE n:University RETURN count(n)"),
    ("delete relationship", "MATCH ()-[r]->() DELETE r"),
    ("delete node", "MATCH (n:Evidence) DELETE n"),
    ("detach delete", "MATCH (n) DETACH DELETE n"),
    ("foreach set", "MATCH (n:Actor) FOREACH (i IN [1] | SET n.flag = i) RETURN count(n)"),
    ("subquery create", "WITH 1 AS x CALL { CREATE (:Actor {id: 'sub'}) } RETURN x"),
    ("optional match then merge", "OPTIONAL MATCH (n) MERGE (:Actor {id: 'z'}) RETURN 1"),
    (
        "union with a write",
        "MATCH (n:Actor) RETURN n.id AS id UNION MATCH (n:Evidence) DETACH DELETE n RETURN 'x' AS id",
    ),
    ("create index", "CREATE INDEX FOR (n:Actor) ON (n.subtype)"),
    ("drop index", "DROP INDEX FOR (n:Actor) ON (n.id)"),
    ("two statements", "MATCH (n) RETURN count(n); MATCH (n) DETACH DELETE n"),
    ("two statements, trailing", "RETURN 1; CREATE (:Actor {id: 'after'})"),
    ("block comment hides return", "MATCH (n) /* RETURN n */ DETACH DELETE n"),
    ("block comment inside keyword", "MATCH (n) DE/* */TACH DELETE n"),
    ("line comment then write", "// RETURN 1\nMATCH (n) DETACH DELETE n"),
    ("write after line comment", "MATCH (n) RETURN count(n) // harmless\nCREATE (:Actor {id: 'c'})"),
    ("write after block comment", "MATCH (n) RETURN count(n) /* */ CREATE (:Actor {id: 'c'})"),
    ("fullwidth keyword", "ＣＲＥＡＴＥ (:Actor {id: 'fw'})"),
    ("zero-width space in keyword", "CRE\u200bATE (:Actor {id: 'zw'})"),
    ("cyrillic homoglyph", "\u0421REATE (:Actor {id: 'cyr'})"),
    ("greek question mark as semicolon", "MATCH (n) RETURN n\u037e MATCH (n) DETACH DELETE n"),
    ("right-to-left override", "\u202eMATCH (n) DETACH DELETE n"),
    ("bom before write", "\ufeffCREATE (:Actor {id: 'bom'})"),
    ("lowercase", "match (n) detach delete n"),
    ("redis command", "GRAPH.DELETE innograph"),
]

# reads that LOOK dangerous but are reads: they must run and leave the graph alone
HARMLESS: list[tuple[str, str, dict[str, Any]]] = [
    ("keyword in a string", "RETURN 'CREATE (n) DETACH DELETE n' AS s", {}),
    ("keyword in a comment", "MATCH (n) // DETACH DELETE n\nRETURN count(n) AS c", {}),
    ("injection through a parameter", "MATCH (n:Actor {id: $id}) RETURN n.name", {"id": "x'}) DETACH DELETE n //"}),
    ("property named like a clause", "MATCH (n:Actor) RETURN n.`DELETE` AS d", {}),
]


def _indexes(store: FalkorStore) -> list[Any]:
    return sorted(map(str, store.read_cypher("CALL db.indexes()").rows))


def _state(store: FalkorStore) -> tuple[Any, Any, list[Any]]:
    nodes, rels = graph_state(store)
    return nodes, rels, _indexes(store)


@pytest.fixture
def example(store: FalkorStore) -> Iterator[FalkorStore]:
    """A graph with the library's example document (two actors, one relationship, evidence)."""
    store.write("load_document", store.library.get("load_document", "falkordb").example)
    assert graph_state(store)[0]
    yield store


@pytest.mark.parametrize(("label", "query"), WRITES, ids=[w[0] for w in WRITES])
def test_write_attempts_are_refused(example: FalkorStore, label: str, query: str) -> None:
    before = _state(example)
    with pytest.raises(REFUSED):
        example.read_cypher(query)
    assert _state(example) == before, f"{label}: the graph changed"


def test_every_writing_procedure_is_refused(example: FalkorStore) -> None:
    """The database's own list of procedures, so a writing procedure added by an upgrade is covered too."""
    procedures = example.read_cypher("CALL dbms.procedures() YIELD name, mode RETURN name, mode").records()
    writing = sorted(p["name"] for p in procedures if str(p["mode"]).upper() != "READ")
    assert "db.idx.fulltext.createNodeIndex" in writing and "db.idx.fulltext.drop" in writing
    arguments = {
        "db.idx.fulltext.createNodeIndex": "('Actor', 'name')",
        "db.idx.fulltext.drop": "('Actor')",
        "db.idx.fulltext.createRelationshipIndex": "('CO_BUILDS', 'key')",
    }
    before = _state(example)
    for name in writing:
        for form in (f"CALL {name}{arguments.get(name, '()')}", f"CALL {name}{arguments.get(name, '()')} RETURN 1"):
            with pytest.raises(REFUSED):
                example.read_cypher(form)
    assert _state(example) == before


def test_reading_procedures_do_not_write(example: FalkorStore) -> None:
    before = _state(example)
    example.read_cypher("CALL algo.pageRank('Actor', null) YIELD node, score RETURN node.id, score")
    example.read_cypher("CALL algo.WCC(null) YIELD node, componentId RETURN count(node)")
    example.read_cypher("CALL db.labels() YIELD label RETURN label")
    assert _state(example) == before


def test_load_csv_reads_no_local_file(example: FalkorStore, tmp_path: Path) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("password,hunter2-not-a-real-one\n", encoding="utf-8")
    before = _state(example)
    for uri in (
        f"file://{secret}",
        f"file:///{secret}",
        "file:///etc/passwd",
        "file://../../../../etc/passwd",
        "http://127.0.0.1:9/x.csv",
    ):
        with pytest.raises(REFUSED):
            example.read_cypher(f"LOAD CSV FROM '{uri}' AS row RETURN row")
    with pytest.raises(REFUSED):
        example.read_cypher(f"LOAD CSV FROM 'file://{secret}' AS row CREATE (:Actor {{id: row[0]}})")
    assert _state(example) == before


def test_load_csv_makes_no_outbound_connection(example: FalkorStore) -> None:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(3.0)
    port = listener.getsockname()[1]
    connected: list[Any] = []

    def accept() -> None:  # close at once whatever connects, so the database's fetch fails fast
        with contextlib.suppress(OSError):
            conn, peer = listener.accept()
            connected.append(peer)
            conn.close()

    watcher = threading.Thread(target=accept, daemon=True)
    watcher.start()
    try:
        with contextlib.suppress(ReadOnlyViolation, CypherSyntaxError, ForbiddenClause):
            example.read_cypher(f"LOAD CSV FROM 'https://127.0.0.1:{port}/x.csv' AS row RETURN row", timeout_ms=2000)
        watcher.join(timeout=5)
    finally:
        listener.close()
    assert not connected, "the database server connected to the URL of a LOAD CSV sent as a read"


@pytest.mark.parametrize(("label", "query", "params"), HARMLESS, ids=[h[0] for h in HARMLESS])
def test_harmless_reads_run_and_change_nothing(
    example: FalkorStore, label: str, query: str, params: dict[str, Any]
) -> None:
    before = _state(example)
    example.read_cypher(query, params)
    assert _state(example) == before, label


def test_named_write_queries_are_refused_through_read(example: FalkorStore) -> None:
    writes = [q for q in example.library.for_backend("falkordb") if q.mode != "read"]
    assert {"load_document", "remove_document", "delete_all", "restore_nodes"} <= {q.name for q in writes}
    before = _state(example)
    for q in writes:
        with pytest.raises(ReadOnlyViolation, match=q.name):
            example.read(q.name, dict(q.example))
    assert _state(example) == before


def test_runaway_read_is_stopped_by_its_time_limit(example: FalkorStore) -> None:
    with pytest.raises(QueryTimeout):
        example.read_cypher(
            "UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y WITH x, y WHERE x % 7 = y % 5 RETURN count(*)",
            timeout_ms=200,
        )
    assert example.read("total_counts").records()[0]["nodes"] > 0


def test_the_api_refuses_writes_with_403_or_422(example: FalkorStore) -> None:
    settings = Settings(_env_file=None, api_key=SecretStr("a-strong-test-key-0123456789"))  # type: ignore[call-arg]
    before = _state(example)
    with TestClient(create_app(settings, example), raise_server_exceptions=False) as client:
        for _, query in WRITES:
            res = client.post("/cypher", json={"query": query})
            assert res.status_code in (403, 422), (query, res.status_code, res.text)
            assert res.json()["error"]["code"] in ("read_only", "invalid_query")
        for q in example.library.for_backend("falkordb"):
            if q.mode != "read":
                res = client.post(f"/queries/{q.name}", json={"params": dict(q.example)})
                assert res.status_code == 404, (q.name, res.status_code)
    assert _state(example) == before


def test_a_refused_write_leaves_the_schema_alone(example: FalkorStore) -> None:
    """A write the server refuses used to register its property names and labels all the same."""

    def keys() -> set[str]:
        return {r[0] for r in example.read_cypher("CALL db.propertyKeys()").rows}

    def labels() -> set[str]:
        return {r[0] for r in example.read_cypher("CALL db.labels()").rows}

    before_keys, before_labels = keys(), labels()
    for query in (
        "MATCH (n) SET n.zz_injected_key = 1",
        "CREATE (:ZzInjectedLabel {zz_other_key: 1})",
        "MERGE (n:ZzInjectedLabel {zz_third_key: 2}) RETURN n",
    ):
        with pytest.raises(ReadOnlyViolation):
            example.read_cypher(query)
    assert keys() == before_keys and labels() == before_labels
