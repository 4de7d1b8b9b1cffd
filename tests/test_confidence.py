"""Confidence values pinned: a relation's confidence is the HIGHEST over its evidences (within a
document's sentences, within a document's evidence, and across documents in the graph), and a planned
relation's is its pattern's times 0.95. Sentences written for these tests."""

from __future__ import annotations

from graph.falkor import FalkorStore
from graph.loader import key_contributions, load_extraction
from ingest.models import DocumentMeta, Evidence, Extraction, Relation
from ingest.relations import merge_relations
from ingest.relations.lexicon import load_lexicon
from tests.relations.helpers import make_doc, make_entities, run

SPECS = [("青川大学", "University", []), ("蓝湾集团", "Enterprise", [])]
SENTENCE = "青川大学与蓝湾集团签署战略合作协议。"


def _rel(confidence: float, start: int, modality: str = "fact") -> Relation:
    ev = Evidence(text="甲与乙合作", start=start, end=start + 5)
    return Relation(
        type="COOPERATES_WITH", head="a_1", tail="a_2", evidence=[ev], confidence=confidence, modality=modality
    )  # type: ignore[arg-type]


def test_merged_relation_keeps_the_highest_confidence() -> None:
    for order in ([0.6, 0.9, 0.7], [0.9, 0.6], [0.6, 0.9]):
        merged = merge_relations([_rel(c, 10 * i) for i, c in enumerate(order)])
        assert len(merged) == 1
        assert merged[0].confidence == 0.9, order


def test_a_documents_contribution_keeps_the_highest_confidence_of_its_evidence() -> None:
    evidence = [
        {"key": "k", "confidence": c, "year": None, "modality": "fact", "source": "text"} for c in (0.6, 0.9, 0.7)
    ]
    (row,) = key_contributions({"k": {"key": "k", "type": "CO_BUILDS", "head": "a", "tail": "b"}}, evidence)
    assert row["confidence"] == 0.9


def _extraction(doc_id: str, confidence: float) -> Extraction:
    text = f"{SENTENCE}{doc_id}"
    entities = make_entities(text, SPECS)
    a, b = entities
    rel = Relation(
        type="COOPERATES_WITH",
        head=a.id,
        tail=b.id,
        evidence=[Evidence(text=SENTENCE, start=0, end=len(SENTENCE))],
        confidence=confidence,
    )
    return Extraction(document=DocumentMeta(id=doc_id, source=f"{doc_id}.txt"), entities=entities, relations=[rel])


def test_the_graph_keeps_the_highest_confidence_across_documents(store: FalkorStore) -> None:
    query = "MATCH (:Actor)-[r:COOPERATES_WITH]->(:Actor) RETURN r.confidence"
    load_extraction(store, _extraction("d_conf_a", 0.7))
    load_extraction(store, _extraction("d_conf_b", 0.9))
    load_extraction(store, _extraction("d_conf_c", 0.6))
    assert store.read_cypher(query).rows == [[0.9]]


def test_a_planned_relation_has_its_patterns_confidence_times_095() -> None:
    by_genre = {}
    for genre in ("summary", "plan"):
        doc = make_doc(SENTENCE, genre=genre)
        rels, _ = run(doc, make_entities(SENTENCE, SPECS))
        (rel,) = [r for r in rels if r.type == "COOPERATES_WITH"]
        by_genre[genre] = rel
    fact, plan = by_genre["summary"], by_genre["plan"]
    assert (fact.modality, plan.modality) == ("fact", "plan")
    assert fact.rule == plan.rule
    pattern = next(p for p in load_lexicon().patterns if p.id == fact.rule)
    assert fact.confidence == round(pattern.confidence, 3)  # an explicit subject: no other factor
    assert plan.confidence == round(pattern.confidence * 0.95, 3)
    assert plan.confidence < fact.confidence


def test_the_confidence_factors_are_data_and_checked() -> None:
    import pytest

    from ingest.relations.lexicon import RelationDataError, _factors, load_lexicon

    assert load_lexicon().confidence_factors == {"implicit_subject": 0.85, "inherited_subject": 0.9, "plan": 0.95}
    with pytest.raises(RelationDataError, match="implicit_subject"):
        _factors({"confidence_factors": {"plan": 0.95}})
    with pytest.raises(RelationDataError, match="1.5"):
        _factors({"confidence_factors": {"implicit_subject": 1.5, "inherited_subject": 0.9, "plan": 0.95}})
