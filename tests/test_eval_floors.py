"""Extraction quality floors on ../shared/corpus-dev, the documents of other places (issue 15).

One evaluation of the development corpus (30 documents of 20 provinces, independent gold) is
scored overall and on the held half of the province split, the half nobody develops on. The
floors are ratchets: they are set just under what the extractor achieves and only ever go up;
the issue's targets are recorded beside them. The suite fails when extraction falls below them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ingest.evaluate import EvalReport, evaluate

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "corpus-dev"

# (floor the suite holds today, the target)
ENTITY_F1 = (0.85, 0.90)
RELATION_F1 = (0.57, 0.75)
HELD_ENTITY_F1 = (0.777, 0.85)
HELD_RELATION_F1 = (0.40, 0.65)
META_ACCURACY = (0.94, 0.95)
INDICATOR_F1 = (0.89, 0.80)

# tests/gold_genre: 43 openings of ../shared/corpus-genre annotated by the team (a development set, not
# the forecast); floors just under today's figures, so a change that loses there fails too
GENRE = REPO.parent / "shared" / "corpus-genre"
GENRE_FLOORS = {"entity F1": 0.87, "relation F1": 0.76, "metadata accuracy": 0.93, "indicator F1": 0.37}
# tests/gold_genre2: 47 more openings, annotated blind on 2026-12-07 (first run 0.787 / 0.419), since then
# a development set too
GENRE2_FLOORS = {"entity F1": 0.87, "relation F1": 0.58, "metadata accuracy": 0.86, "indicator F1": 0.64}
# tests/gold_genre3: 48 more, annotated blind the same day (first run 0.800 / 0.652), a development set since
GENRE3_FLOORS = {"entity F1": 0.81, "relation F1": 0.69, "metadata accuracy": 0.80, "indicator F1": 0.63}
FLOORS_BY_SET = {"gold_genre": GENRE_FLOORS, "gold_genre2": GENRE2_FLOORS, "gold_genre3": GENRE3_FLOORS}

pytestmark = pytest.mark.skipif(
    not (DEV / "gold").is_dir(), reason="../shared/corpus-dev with its gold is absent (it is not part of the repo)"
)


@pytest.fixture(scope="module")
def report() -> EvalReport:
    return evaluate(DEV / "gold", DEV)


def test_every_document_is_scored_and_split(report: EvalReport) -> None:
    assert len(report.documents) == len(list((DEV / "gold").glob("*.json")))
    assert all(d.half in ("dev", "held") and d.province for d in report.documents)
    assert {d.half for d in report.documents} == {"dev", "held"}


@pytest.mark.parametrize(
    ("what", "floor"),
    [
        ("entity F1", ENTITY_F1[0]),
        ("relation F1", RELATION_F1[0]),
        ("held entity F1", HELD_ENTITY_F1[0]),
        ("held relation F1", HELD_RELATION_F1[0]),
        ("metadata accuracy", META_ACCURACY[0]),
        ("indicator F1", INDICATOR_F1[0]),
    ],
)
def test_floor(report: EvalReport, what: str, floor: float) -> None:
    held = report.half("held")
    value = {
        "entity F1": report.entities.f1,
        "relation F1": report.relations.f1,
        "held entity F1": held.entities.f1,
        "held relation F1": held.relations.f1,
        "metadata accuracy": report.meta_accuracy,
        "indicator F1": report.indicators.f1,
    }[what]
    assert value >= floor, f"{what} on corpus-dev fell to {value:.3f}, below the floor {floor}"


def test_eval_command_prints_both_sets_and_both_halves() -> None:
    from api.cli import app

    result = CliRunner().invoke(app, ["eval", "--errors", "none"])
    assert result.exit_code == 0, result.output
    assert "corpus-dev" in result.output and "three shared documents" in result.output
    assert "dev half" in result.output and "held half" in result.output
    assert "FP " not in result.output  # --errors none prints figures only


def test_eval_command_refuses_a_gold_dir_without_corpus() -> None:
    from api.cli import app

    result = CliRunner().invoke(app, ["eval", str(DEV / "gold")])
    assert result.exit_code == 2
    assert "CORPUS_DIR" in result.output


@pytest.fixture(scope="module", params=sorted(FLOORS_BY_SET))
def genre_report(request: pytest.FixtureRequest) -> tuple[str, EvalReport]:
    if not GENRE.is_dir():
        pytest.skip("../shared/corpus-genre is absent (it is not part of the repo)")
    return request.param, evaluate(REPO / "tests" / request.param, GENRE, split=False)


@pytest.mark.parametrize("what", sorted(GENRE_FLOORS))
def test_genre_floor(genre_report: tuple[str, EvalReport], what: str) -> None:
    name, report = genre_report
    floor = FLOORS_BY_SET[name][what]
    value = {
        "entity F1": report.entities.f1,
        "relation F1": report.relations.f1,
        "metadata accuracy": report.meta_accuracy,
        "indicator F1": report.indicators.f1,
    }[what]
    assert value >= floor, f"{what} on tests/{name} fell to {value:.3f}, below the floor {floor}"
