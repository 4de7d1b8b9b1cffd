"""Extraction quality on the shared sample corpus against the hand-written gold files."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.evaluate import format_report, score_document
from ingest.gold import load_gold
from ingest.pipeline import extract_document
from tests.extract.helpers import CORPUS, GOLD

MIN_ENTITY_F1 = 0.90


def _gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.json")) if GOLD.is_dir() else []


@pytest.mark.skipif(not CORPUS.is_dir(), reason="sample corpus ../shared/corpus is absent")
@pytest.mark.skipif(not _gold_files(), reason="no gold files in tests/gold")
@pytest.mark.parametrize("gold_path", _gold_files(), ids=lambda p: p.stem)
def test_entity_f1_per_document(gold_path: Path) -> None:
    from ingest.readers import read_document

    gold = load_gold(gold_path, CORPUS)
    doc_path = CORPUS / gold.doc
    if not doc_path.is_file():
        pytest.skip(f"{gold.doc} is not in the sample corpus")
    pred = extract_document(read_document(doc_path))
    score = score_document(pred, gold)
    for entity in pred.entities:
        for m in entity.mentions:
            assert read_document(doc_path).text[m.start : m.end] == m.text
    detail = "\n".join(f"FP {e.type} {e.name}" for e in score.false_positives)
    detail += "\n" + "\n".join(f"MISS {e.type} {e.name}" for e in score.misses)
    assert score.entities.f1 >= MIN_ENTITY_F1, (
        f"{gold.doc}: entity F1 {score.entities.f1:.3f} < {MIN_ENTITY_F1}\n{detail}"
    )


@pytest.mark.skipif(not CORPUS.is_dir(), reason="sample corpus ../shared/corpus is absent")
@pytest.mark.skipif(not _gold_files(), reason="no gold files in tests/gold")
def test_evaluate_command_functions() -> None:
    from ingest.evaluate import evaluate

    report = evaluate(GOLD, CORPUS)
    assert len(report.documents) == len(_gold_files())
    assert report.entities.gold == sum(d.entities.gold for d in report.documents)
    table = format_report(report)
    assert "ENTITIES" in table and "RELATIONS" in table
    assert isinstance(report.to_json_dict()["entities"], dict)
