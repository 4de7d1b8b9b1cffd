"""Indicators: the figures of regional innovation stated in a document (guideline, "Indicators").

Public API::

    extract_indicators(doc, sentences, where=None) -> list[Indicator]

``where`` is the document's jurisdiction decided by ``ingest.jurisdiction`` (from the document
when not given): the figures are that jurisdiction's unless a sentence names another place.

Rule data: ``data/rules.yaml`` (units, qualifiers, cues, exclusions), ``data/concepts.yaml`` (the
controlled vocabulary of concepts). See ``docs/indicators.md``.
"""

from __future__ import annotations

from ingest.indicators.engine import extract
from ingest.indicators.lexicon import IndicatorDataError, load_lexicon
from ingest.jurisdiction import DocJurisdiction, decide
from ingest.models import Document, Indicator, Sentence

__all__ = ["IndicatorDataError", "extract_indicators", "load_lexicon"]


def extract_indicators(
    doc: Document, sentences: list[Sentence], where: DocJurisdiction | None = None
) -> list[Indicator]:
    """One indicator per stated figure of the document's jurisdiction, with its evidence sentence."""
    return extract(doc, sentences, where if where is not None else decide(doc))
