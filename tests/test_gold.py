"""The hand-written gold files are consistent with the corpus documents they annotate."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.gold import (
    GoldError,
    check_gold,
    check_no_copied_text,
    load_gold,
    load_raw,
    read_document_text,
    resolve_gold,
)

GOLD_DIR = Path(__file__).resolve().parent / "gold"
CORPUS_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))

needs_corpus = pytest.mark.skipif(
    not CORPUS_DIR.is_dir(), reason=f"corpus not available at {CORPUS_DIR} (../shared/corpus)"
)


def test_gold_files_exist() -> None:
    assert len(GOLD_FILES) >= 3


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_file_names_its_document(path: Path) -> None:
    raw = load_raw(path)
    assert raw["doc"] == path.with_suffix(".txt").name


@needs_corpus
@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_file_is_consistent(path: Path) -> None:
    gold = load_gold(path, CORPUS_DIR)
    text = read_document_text(CORPUS_DIR / gold.doc)
    assert check_gold(gold, text) == []
    assert len(gold.entity_counts()) >= 5, gold.entity_counts()
    assert gold.relations, "a gold file without relations"


@needs_corpus
@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_file_copies_no_document_text(path: Path) -> None:
    raw = load_raw(path)
    text = read_document_text(CORPUS_DIR / raw["doc"])
    assert check_no_copied_text(raw, text) == []


TEXT = "2015年,我市引进甲研究所落户乙市。与丙大学签订战略合作协议。"


def _at(part: str) -> dict[str, int]:
    start = TEXT.index(part)
    return {"start": start, "end": start + len(part)}


EVIDENCE = _at("引进甲研究所落户乙市。")


def _raw(**overrides: object) -> dict:
    raw: dict = {
        "doc": "x.txt",
        "entities": [
            {"name": "乙市", "type": "City", "mentions": ["乙市"]},
            {"name": "甲研究所", "type": "ResearchInstitute", "mentions": [_at("甲研究所")]},
        ],
        "relations": [{"type": "LOCATED_IN", "head": "甲研究所", "tail": "乙市", "evidence_at": EVIDENCE}],
    }
    raw.update(overrides)
    return raw


def test_resolve_offsets() -> None:
    gold = resolve_gold(_raw(), TEXT)
    assert gold.entities[1].mentions == ["甲研究所"]
    assert gold.relations[0].evidence == "引进甲研究所落户乙市。"
    assert check_gold(gold, TEXT) == []


def test_check_reports_problems() -> None:
    raw = _raw(
        entities=[
            {"name": "乙市", "type": "Town", "mentions": ["乙城"]},
            {"name": "甲研究所", "type": "ResearchInstitute", "mentions": ["甲研究所"]},
        ],
        relations=[
            {"type": "LOCATED_IN", "head": "丙大学", "tail": "乙市", "evidence_at": EVIDENCE},
            {"type": "LOCATED_IN", "head": "乙市", "tail": "甲研究所", "evidence_at": EVIDENCE},
            {"type": "HOSTS", "head": "甲研究所", "tail": "乙市", "evidence_at": EVIDENCE},
        ],
    )
    problems = check_gold(resolve_gold(raw, TEXT), TEXT)
    joined = "\n".join(problems)
    assert "unknown type 'Town'" in joined
    assert "'乙城' not in the text" in joined
    assert "head is not an entity" in joined
    assert "tail type ResearchInstitute not allowed" in joined
    assert "unknown type 'HOSTS'" in joined


def test_bad_offsets_raise() -> None:
    raw = _raw(
        relations=[
            {
                "type": "LOCATED_IN",
                "head": "甲研究所",
                "tail": "乙市",
                "evidence_at": {"start": 6, "end": 999},
            }
        ]
    )
    with pytest.raises(GoldError):
        resolve_gold(raw, TEXT)


def test_copied_text_is_flagged() -> None:
    text = "这是一个足够长的句子用来检查复制出来的文字会不会被发现。"
    raw = {"doc": "x.txt", "entities": [{"name": text[:22], "type": "Policy", "mentions": []}]}
    assert check_no_copied_text(raw, text)
    assert not check_no_copied_text(_raw(), TEXT)
