"""The genre development gold (tests/gold_genre, gold_genre2, gold_genre3) loads and is consistent with its documents.

The documents live in ../shared/corpus-genre (never in the repository); without them the checks
that need the text are skipped.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.gold import check_gold, check_no_copied_text, load_gold, load_raw, read_document_text
from ingest.models import ENTITY_TYPES

GOLD_DIR = Path(__file__).resolve().parent / "gold_genre"
GOLD_DIR2 = Path(__file__).resolve().parent / "gold_genre2"
GOLD_DIR3 = Path(__file__).resolve().parent / "gold_genre3"
GOLD_DIRS = (GOLD_DIR, GOLD_DIR2, GOLD_DIR3)
CORPUS_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "corpus-genre"
GOLD_FILES = [p for d in GOLD_DIRS for p in sorted(d.glob("*.json"))]
_CN_DIGITS = "〇一二三四五六七八九十"  # a small value may be written in Chinese numerals (第三位)
_CN_ROUND = {100: "百", 1000: "千", 10000: "万"}  # and a round one as its unit (突破百亿元)

needs_corpus = pytest.mark.skipif(
    not CORPUS_DIR.is_dir(), reason=f"genre corpus not available at {CORPUS_DIR} (../shared/corpus-genre)"
)


def test_gold_genre_files_exist() -> None:
    for d in GOLD_DIRS:
        assert len(list(d.glob("*.json"))) >= 10, d


def test_the_genre_sets_annotate_different_documents() -> None:
    seen: set[str] = set()
    for d in GOLD_DIRS:
        names = {p.name for p in d.glob("*.json")}
        assert names and not names & seen, d
        seen |= names


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_gold_genre_file_names_its_document_and_has_meta(path: Path) -> None:
    raw = load_raw(path)
    assert raw["doc"] == path.with_suffix(".txt").name
    assert raw["meta"]["jurisdiction"], "every genre gold file states its jurisdiction"
    assert isinstance(raw["indicators"], list), "indicators are annotated (possibly none)"
    assert all(e["type"] in ENTITY_TYPES for e in raw["entities"])


@needs_corpus
@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_gold_genre_file_checks_clean(path: Path) -> None:
    gold = load_gold(path, CORPUS_DIR)
    text = read_document_text(CORPUS_DIR / gold.doc)
    assert check_gold(gold, text) == []
    assert gold.meta is not None


@needs_corpus
@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_gold_genre_file_copies_no_document_text(path: Path) -> None:
    raw = load_raw(path)
    text = read_document_text(CORPUS_DIR / raw["doc"])
    assert check_no_copied_text(raw, text) == []


@needs_corpus
@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_gold_genre_indicator_evidence_offsets_are_in_range(path: Path) -> None:
    raw = load_raw(path)
    text = read_document_text(CORPUS_DIR / raw["doc"])
    for ind in raw["indicators"]:
        span = ind["evidence_at"]
        assert 0 <= span["start"] < span["end"] <= len(text)
        evidence = text[span["start"] : span["end"]].replace(",", "")
        value = ind["value"]
        written = {str(value)} | ({_CN_DIGITS[value]} if isinstance(value, int) and value < len(_CN_DIGITS) else set())
        written |= {_CN_ROUND[value]} if value in _CN_ROUND else set()
        assert any(w in evidence for w in written), (value, evidence[:30])


def test_eval_of_a_set_other_than_corpus_dev_has_no_halves(tmp_path: Path) -> None:
    """Only corpus-dev is split by province; a genre set's documents all show their errors."""
    from typer.testing import CliRunner

    from api.cli import app

    corpus, gold = tmp_path / "corpus-genre", tmp_path / "gold"
    corpus.mkdir()
    gold.mkdir()
    (corpus / "a.txt").write_text("杭州市科学技术局与浙江大学签订战略合作协议。\n", encoding="utf-8")
    raw = {
        "doc": "a.txt",
        "meta": {"jurisdiction": "杭州市", "issuer": None, "date": None, "report_year": None, "plan_year": None},
        "entities": [{"name": "测试大学", "type": "University", "mentions": []}],
        "relations": [],
        "indicators": [],
    }
    (gold / "a.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(gold), str(corpus)])
    assert result.exit_code == 0, result.output
    assert "held half" not in result.output and "[dev]" not in result.output
    assert "测试大学" in result.output  # the miss is printed under the default --errors dev
