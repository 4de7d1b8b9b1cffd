"""The three shared documents in one graph: one node per actor across documents, metadata, evidence for
every relationship, extraction in worker processes equal to in-process. Skips without ../shared/corpus."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app as cli
from graph.falkor import FalkorStore
from graph.snapshot import graph_state
from ingest.pipeline import ingest_files
from tests.conftest import CORPUS, requires_corpus

pytestmark = requires_corpus

# Actors each named in at least two of the three documents (read off the documents).
SHARED_ACTORS = [
    ("中国科学院", "ResearchInstitute"),
    ("江苏省产业技术研究院", "ResearchInstitute"),
    ("清华大学", "University"),
    ("南京大学", "University"),
    ("北京市", "City"),
    ("上海市", "City"),
]


@pytest.fixture(scope="module")
def corpus_store(module_store):  # noqa: ANN001, ANN201
    summary = ingest_files(module_store, [CORPUS])
    assert summary.documents_read == 3 and not summary.failed
    return module_store


def test_metadata_of_the_three_documents(corpus_store) -> None:  # noqa: ANN001
    rows = corpus_store.read_cypher(
        "MATCH (d:Document) RETURN d.region AS region, d.date AS date, d.issuer AS issuer, d.doc_number AS num "
        "ORDER BY d.date"
    ).records()
    assert [(r["region"], r["date"]) for r in rows] == [
        ("南通市", "2016-01-15"),
        ("常州市", "2018-02-08"),
        ("连云港市", "2018-10-08"),
    ]
    assert rows[2]["num"] == "连政办发〔2018〕138号"
    assert rows[1]["issuer"] == "常州市科学技术局"


@pytest.mark.parametrize(("name", "type_"), SHARED_ACTORS)
def test_one_node_per_actor_across_documents(corpus_store, name: str, type_: str) -> None:  # noqa: ANN001
    rows = corpus_store.read_cypher(
        "MATCH (a:Actor) WHERE a.name = $name OR $name IN a.aliases "
        "OPTIONAL MATCH (d:Document)-[:MENTIONS]->(a) RETURN a.id AS id, a.type AS type, count(d) AS docs",
        {"name": name},
    ).records()
    assert len(rows) == 1, f"{name}: {rows}"
    assert rows[0]["type"] == type_ and rows[0]["docs"] >= 2


def test_no_two_actors_of_a_type_share_a_surface_form(corpus_store) -> None:  # noqa: ANN001
    rows = corpus_store.read_cypher(
        "MATCH (a:Actor) RETURN a.type AS type, a.name AS name, a.aliases AS aliases"
    ).records()
    from ingest.gazetteer import load_gazetteer

    relative = load_gazetteer().relative_abbreviations()  # 市科技局 names a different bureau in each city
    owners: dict[tuple[str, str], str] = {}
    clashes = []
    for r in rows:
        for surface in {r["name"], *(r["aliases"] or [])} - relative:
            key = (r["type"], surface)
            if key in owners and owners[key] != r["name"]:
                clashes.append((surface, owners[key], r["name"]))
            owners[key] = r["name"]
    assert not clashes, clashes


def test_every_relationship_has_evidence_with_valid_offsets(corpus_store) -> None:  # noqa: ANN001
    rels = corpus_store.read_cypher("MATCH (:Actor)-[r]->(:Actor) RETURN r.key AS key, r.weight AS weight").records()
    assert rels, "the shared documents should give relationships"
    texts = {
        r["id"]: r["text"]
        for r in corpus_store.read_cypher("MATCH (d:Document) RETURN d.id AS id, d.text AS text").records()
    }
    for rel in rels:
        evs = corpus_store.read_cypher(
            "MATCH (e:Evidence {key: $key}) RETURN e.doc_id AS doc, e.start AS start, e.end AS end, e.text AS text, "
            "e.source AS source",
            {"key": rel["key"]},
        ).records()
        assert len(evs) == rel["weight"] >= 1, rel
        for ev in evs:
            assert ev["doc"] in texts
            assert 0 <= ev["start"] < ev["end"] <= len(texts[ev["doc"]])
            # a sentence for stated relations; none for gazetteer edges (a district in its city), whose
            # offsets only say where the document names the place
            if ev["text"] is not None:
                assert texts[ev["doc"]][ev["start"] : ev["end"]] == ev["text"]
            else:
                assert ev["source"] == "gazetteer", ev


def test_workers_give_the_same_graph(falkor_dir: Path) -> None:
    one = FalkorStore(falkor_dir, graph_name=f"w1_{uuid.uuid4().hex[:8]}")
    two = FalkorStore(falkor_dir, graph_name=f"w2_{uuid.uuid4().hex[:8]}")
    try:
        ingest_files(one, [CORPUS], workers=1)
        ingest_files(two, [CORPUS], workers=2)
        assert graph_state(one) == graph_state(two)
    finally:
        one.drop_all()
        two.drop_all()


def test_extract_json_contract() -> None:
    doc = sorted(CORPUS.glob("*.txt"))[0]
    res = CliRunner().invoke(cli, ["extract", str(doc), "--format", "json"], env={**os.environ})
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert set(data) == {"document", "entities", "relations", "indicators"}
    assert {"id", "path", "title", "issuer", "date", "region"} <= set(data["document"])
    for i in data["indicators"]:
        assert {"jurisdiction", "name", "value", "unit", "year", "kind"} <= set(i)
    text = doc.read_text(encoding="utf-8")
    types = {
        "City",
        "District",
        "Enterprise",
        "University",
        "ResearchInstitute",
        "Platform",
        "Policy",
        "Programme",
        "GovernmentAgency",
    }
    ids = {e["id"] for e in data["entities"]}
    for e in data["entities"]:
        assert e["type"] in types and {"id", "name", "aliases", "mentions"} <= set(e)
        for m in e["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    for r in data["relations"]:
        assert r["head"] in ids and r["tail"] in ids and r["modality"] in ("fact", "plan")
        for ev in r["evidence"]:
            assert text[ev["start"] : ev["end"]] == ev["text"]
