"""The store contract against a real Neo4j 5. Runs when INNOGRAPH_NEO4J_URI is set; skipped otherwise.

INNOGRAPH_NEO4J_URI=bolt://localhost:7687 INNOGRAPH_NEO4J_PASSWORD=... pytest tests/neo4j
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from graph.errors import ReadOnlyViolation
from graph.loader import load_extraction, remove_document
from graph.schema import init_schema
from graph.snapshot import graph_state

URI = os.environ.get("INNOGRAPH_NEO4J_URI")
pytestmark = [
    pytest.mark.neo4j,
    pytest.mark.skipif(
        not URI,
        reason="no Neo4j configured: set INNOGRAPH_NEO4J_URI (and _USER/_PASSWORD/_DATABASE) "
        "to run the store contract against a real Neo4j",
    ),
]


@pytest.fixture(scope="module")
def neo() -> Iterator[object]:
    from graph.neo4j_store import Neo4jStore

    assert URI is not None
    store = Neo4jStore(
        URI,
        os.environ.get("INNOGRAPH_NEO4J_USER", "neo4j"),
        os.environ.get("INNOGRAPH_NEO4J_PASSWORD", ""),
        os.environ.get("INNOGRAPH_NEO4J_DATABASE", "neo4j"),
    )
    store.drop_all()
    init_schema(store)
    yield store
    store.drop_all()
    store.close()


def _extraction():  # noqa: ANN202
    from datetime import date

    from ingest.models import DocumentMeta, Entity, Evidence, Extraction, Mention, Relation, actor_id

    def ent(t: str, n: str) -> Entity:
        return Entity(id=actor_id(t, n), name=n, type=t, mentions=[Mention(text=n, start=0, end=len(n))])

    a, b = ent("University", "甲大学"), ent("ResearchInstitute", "乙研究院")
    rel = Relation(
        type="CO_BUILDS", head=a.id, tail=b.id, evidence=[Evidence(text="甲大学共建乙研究院", start=0, end=9)]
    )
    return Extraction(
        document=DocumentMeta(id="d_neo", source="neo.txt", date=date(2019, 1, 1)), entities=[a, b], relations=[rel]
    )


def test_schema_is_idempotent(neo) -> None:  # noqa: ANN001
    first = init_schema(neo)
    assert set(first) == {q.name for q in neo.library.group("schema", "neo4j")}
    again = init_schema(neo)
    assert again and not any(again.values()), again  # nothing left to create


def test_run_schema_says_whether_it_created_the_index(neo) -> None:  # noqa: ANN001
    neo.driver.execute_query("DROP INDEX actor_name IF EXISTS", database_=neo.database)
    assert neo.run_schema("index_actor_name") is True
    assert neo.run_schema("index_actor_name") is False


def test_load_read_remove(neo) -> None:  # noqa: ANN001
    before = graph_state(neo)
    load_extraction(neo, _extraction(), "甲大学共建乙研究院")
    counts = neo.read("health_counts").records()[0]
    assert counts == {"actors": 2, "documents": 1, "relationships": 1}
    assert load_extraction(neo, _extraction(), "甲大学共建乙研究院").status == "unchanged"
    assert remove_document(neo, "d_neo")
    assert graph_state(neo) == before


def test_read_path_refuses_writes(neo) -> None:  # noqa: ANN001
    before = graph_state(neo)
    for q in ("CREATE (n:Actor {id: 'x'})", "MATCH (n) DETACH DELETE n", "MERGE (n:X {id: 1}) RETURN n"):
        with pytest.raises(ReadOnlyViolation):
            neo.read_cypher(q)
    assert graph_state(neo) == before


def test_every_read_query_runs(neo) -> None:  # noqa: ANN001
    for q in neo.library.for_backend("neo4j"):
        if q.mode == "read":
            res = neo.read(q.name, dict(q.example))
            assert res.columns == list(q.columns), q.name
