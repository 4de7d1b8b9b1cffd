"""Indicators: the figures of regional innovation stated in a document (guideline, "Indicators").

Public API::

    extract_indicators(doc: Document, sentences: list[Sentence]) -> list[Indicator]

Rule data: ``data/rules.yaml`` (units, qualifiers, cues, exclusions), ``data/concepts.yaml`` (the
controlled vocabulary of concepts). See ``docs/indicators.md``.
"""

from __future__ import annotations

from ingest.indicators.engine import extract
from ingest.indicators.lexicon import IndicatorDataError, load_lexicon
from ingest.models import Document, Indicator, Sentence

__all__ = ["IndicatorDataError", "extract_indicators", "load_lexicon"]


def extract_indicators(doc: Document, sentences: list[Sentence]) -> list[Indicator]:
    """One indicator per stated figure of the document's jurisdiction, with its evidence sentence."""
    return extract(doc, sentences)
