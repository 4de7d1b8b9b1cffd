"""Indicator F1 floors on ../shared/corpus-dev (ratchets set just under today's figures; issue 17's
target is 0.80 overall). Reads the development corpus at run time; skipped where it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.evaluate import evaluate

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "corpus-dev"

# (floor held today, issue target)
INDICATOR_F1 = (0.80, 0.80)
HELD_INDICATOR_F1 = (0.56, 0.70)

pytestmark = pytest.mark.skipif(
    not (DEV / "gold").is_dir(), reason="../shared/corpus-dev with its gold is absent (it is not part of the repo)"
)


def test_indicator_floors() -> None:
    report = evaluate(DEV / "gold", DEV)
    overall = report.indicators.f1
    held = report.half("held").indicators.f1
    assert overall >= INDICATOR_F1[0], f"indicator F1 on corpus-dev fell to {overall:.3f}"
    assert held >= HELD_INDICATOR_F1[0], f"held-half indicator F1 fell to {held:.3f}"
