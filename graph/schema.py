"""The graph schema: node labels, relationship types, and idempotent index creation."""

from __future__ import annotations

import logging

from graph.store import GraphStore
from graph.vocabulary import ENTITY_TYPES, RELATION_TYPES

log = logging.getLogger(__name__)

ACTOR_LABEL = "Actor"
DOCUMENT_LABEL = "Document"
EVIDENCE_LABEL = "Evidence"
ACTOR_TYPES = ENTITY_TYPES
ACTOR_RELATIONSHIPS = RELATION_TYPES
BOOKKEEPING_RELATIONSHIPS = ("MENTIONS", "HAS_EVIDENCE")


def init_schema(store: GraphStore) -> dict[str, bool]:
    """Create every index of ``cypher/schema`` that is missing. Returns {query name: created}."""
    created: dict[str, bool] = {}
    for q in store.library.group("schema", store.backend):
        created[q.name] = store.run_schema(q.name)
    log.info("schema: %d statements, %d new", len(created), sum(created.values()))
    return created
