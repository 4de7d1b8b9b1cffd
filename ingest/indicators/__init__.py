"""Indicators: the figures of regional innovation stated in a document (guideline, "Indicators").

Public API::

    extract_indicators(doc: Document, sentences: list[Sentence]) -> list[Indicator]
"""

from __future__ import annotations

from ingest.models import Document, Indicator, Sentence

__all__ = ["extract_indicators"]


def extract_indicators(doc: Document, sentences: list[Sentence]) -> list[Indicator]:
    """The indicators the document states (being built: issue 17)."""
    del doc, sentences
    return []
