"""Typed records passed between the steps read -> extract -> resolve -> load.

Every step is a plain function taking and returning these pydantic models, so the
steps can be tested, cached and run in worker processes independently.
"""

from __future__ import annotations

import hashlib

from pydantic import BaseModel

from graph.records import DocumentMeta as DocumentMeta
from graph.records import Entity as Entity
from graph.records import Evidence as Evidence
from graph.records import Extraction as Extraction

# the records the graph loads are the graph's (graph.records), re-exported here
from graph.records import Genre as Genre
from graph.records import Indicator as Indicator
from graph.records import IndicatorKind as IndicatorKind
from graph.records import Mention as Mention
from graph.records import Relation as Relation
from graph.records import Span as Span
from graph.records import actor_id as actor_id

# the vocabulary is the graph's, defined once in graph.vocabulary and re-exported here
from graph.vocabulary import ENTITY_TYPES as ENTITY_TYPES
from graph.vocabulary import RELATION_TYPES as RELATION_TYPES
from graph.vocabulary import EntityType as EntityType
from graph.vocabulary import Modality as Modality
from graph.vocabulary import RelationType as RelationType


def document_id(normalized_text: str) -> str:
    """Document id: a hash of the document's normalised text."""
    return "d_" + hashlib.sha1(normalized_text.encode()).hexdigest()[:16]


class Sentence(Span):
    pass


class Document(BaseModel):
    """A decoded document: metadata plus the original text."""

    meta: DocumentMeta
    text: str
