"""Relation F1 on the shared sample corpus, scored by the project's scorer against tests/gold.

Two measurements per document: with the gold entities (the relation patterns alone) and end to
end with the entity extractor (what users get). Relations from the gazetteer hierarchy are not
stated by the text and are left out of scoring, as the guideline scores only stated relations.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from ingest.evaluate import score_document
from ingest.gold import load_gold
from ingest.models import Extraction
from ingest.pipeline import extract_document
from ingest.readers import read_document
from ingest.relations import extract_relations, scored_relations
from ingest.sentences import split_sentences
from tests.relations.helpers import gold_entities

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"
GOLD = REPO / "tests" / "gold"
MIN_F1 = 0.75

GOLD_FILES = sorted(GOLD.glob("*.json")) if GOLD.is_dir() else []


def _gold_and_doc(path: Path):  # type: ignore[no-untyped-def]
    if not CORPUS.is_dir():
        pytest.skip("the sample corpus ../shared/corpus is absent (it is not part of the repo)")
    gold = load_gold(path, CORPUS)
    doc_path = CORPUS / gold.doc
    if not doc_path.is_file():
        pytest.skip(f"corpus document {gold.doc} is absent")
    return gold, read_document(doc_path)


def _report(label: str, score) -> str:  # type: ignore[no-untyped-def]
    types = ", ".join(f"{t} {s.f1:.2f}" for t, s in sorted(score.relation_types.items()))
    fps = [(r.type, r.head, r.tail) for r in score.relation_false_positives]
    misses = [(r.type, r.head, r.tail) for r in score.relation_misses]
    return f"{label}: relation F1 {score.relations.f1:.3f} ({types}); false positives {fps}; misses {misses}"


@pytest.mark.skipif(not GOLD_FILES, reason="no gold files in tests/gold")
@pytest.mark.parametrize("path", GOLD_FILES, ids=[p.stem for p in GOLD_FILES])
def test_relation_f1_with_gold_entities(path: Path) -> None:
    gold, doc = _gold_and_doc(path)
    entities = gold_entities(gold, doc.text)
    found = extract_relations(doc, split_sentences(doc.text), entities)
    relations = scored_relations(found.relations)
    entities = [*entities, *found.implicit]
    assert all(r.source == "text" for r in relations)
    for rel in relations:
        for ev in rel.evidence:
            assert doc.text[ev.start : ev.end] == ev.text
    score = score_document(Extraction(document=doc.meta, entities=entities, relations=relations), gold)
    message = _report(gold.doc + " (gold entities)", score)
    logger.info(message)
    assert score.relations.f1 >= MIN_F1, message


@pytest.mark.skipif(not GOLD_FILES, reason="no gold files in tests/gold")
@pytest.mark.parametrize("path", GOLD_FILES, ids=[p.stem for p in GOLD_FILES])
def test_relation_f1_end_to_end(path: Path) -> None:
    gold, doc = _gold_and_doc(path)
    pred = extract_document(doc)
    ids = {e.id for e in pred.entities}
    assert all(r.head in ids and r.tail in ids for r in pred.relations), "relations must use listed entities"
    pred = pred.model_copy(update={"relations": scored_relations(pred.relations)})
    score = score_document(pred, gold)
    message = _report(gold.doc + " (extracted entities)", score)
    logger.info(message)
    assert score.relations.f1 >= MIN_F1, message
