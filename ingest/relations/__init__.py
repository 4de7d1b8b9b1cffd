"""Relation extraction: sentence patterns over entity mentions, plus gazetteer hierarchy edges.

Public API::

    extract_relations(doc, sentences, entities, where=None) -> RelationsFound (relations, implicit actors)
    find_relations(doc, sentences, entities, where=None) -> tuple[list[Entity], list[Relation]]
    hierarchy_relations(entities, gazetteer=None) -> tuple[list[Entity], list[Relation]]

Patterns and word lists live in ``ingest/relations/data`` (YAML). Every relation carries its
evidence sentence (offsets into the original text), the rule that produced it, a confidence,
its modality (``fact`` or ``plan``) and the year the sentence states, if any.

A subject-less sentence of a report or plan has the document's jurisdiction as its subject
(guideline rule 3); 我市 / 本市 / 全市 / 我区 name it explicitly. A jurisdiction the text never names
is no actor of any relation. Anaphors (该研究院, 该联盟 …) stand for the last fitting actor named
before them (view.py). A notice's own title and the document's header declare issuers
(titles.py). A relation's year is the sentence's, else its section heading's, else the year the
document reports on. Policies a subject-less sentence
says were issued are attributed to the document's issuing body only when the paragraph has
named that body (我们, 我局, or its name), since a bureau's report also lists the city's
policies. Intentions (争取, 力争 …) give no relation (rule 11).
"""

from __future__ import annotations

import logging

from pydantic import BaseModel, Field

from graph.vocabulary import canonical_ends
from ingest.jurisdiction import DocJurisdiction, decide
from ingest.models import Document, Entity, Relation, Sentence
from ingest.relations.context import build_context
from ingest.relations.engine import SentenceMatcher
from ingest.relations.hierarchy import RULE as HIERARCHY_RULE
from ingest.relations.hierarchy import hierarchy_relations
from ingest.relations.lexicon import RelationDataError, load_lexicon
from ingest.relations.titles import title_relations
from ingest.relations.view import MentionIndex, build_view

logger = logging.getLogger(__name__)

__all__ = [
    "HIERARCHY_RULE",
    "RelationDataError",
    "RelationsFound",
    "extract_relations",
    "find_relations",
    "hierarchy_relations",
    "merge_relations",
    "scored_relations",
]

#: At most this many evidence sentences are kept on one relation.
MAX_EVIDENCE = 5


def _key(rel: Relation) -> tuple[str, str, str]:
    return (rel.type, *canonical_ends(rel.type, rel.head, rel.tail))


def merge_relations(relations: list[Relation]) -> list[Relation]:
    """One relation per (type, head, tail) (COOPERATES_WITH in either direction), in first-seen order.

    Evidence of repeats is appended (up to :data:`MAX_EVIDENCE`); the confidence is the highest
    seen; the modality is ``fact`` when any occurrence is a fact; the year is the first stated.
    """
    merged: dict[tuple[str, str, str], Relation] = {}
    for rel in relations:
        key = _key(rel)
        old = merged.get(key)
        if old is None:
            merged[key] = rel.model_copy(deep=True)
            continue
        spans = {(e.start, e.end) for e in old.evidence}
        for ev in rel.evidence:
            if (ev.start, ev.end) not in spans and len(old.evidence) < MAX_EVIDENCE:
                old.evidence.append(ev)
                spans.add((ev.start, ev.end))
        old.confidence = max(old.confidence, rel.confidence)
        if rel.modality == "fact":
            old.modality = "fact"
        if old.year is None:
            old.year = rel.year
    return list(merged.values())


def find_relations(
    doc: Document, sentences: list[Sentence], entities: list[Entity], where: DocJurisdiction | None = None
) -> tuple[list[Entity], list[Relation]]:
    """Relations stated by the sentences, and the entities they use that ``entities`` lacks.
    ``where`` is the document's jurisdiction (decided from the document when not given).

    The extra entities are the implicit jurisdiction (a city never named in the text) and the
    document's issuing body when it is not mentioned; both are flagged ``implicit=True``.
    """
    lexicon = load_lexicon()
    ctx = build_context(doc, sentences, entities, lexicon, where if where is not None else decide(doc))
    found: list[Relation] = []
    index = MentionIndex(entities)
    for sentence in sentences:
        view = build_view(sentence, index, lexicon, paragraph=ctx.paragraph_of(sentence.start))
        if not view.clauses:
            continue
        for candidate in SentenceMatcher(view, ctx, lexicon).run():
            found.append(candidate.relation)
    found += title_relations(ctx, sentences, entities, lexicon)
    relations = merge_relations(found)
    known = {e.id for e in entities}
    extra = [e for e in ctx.extra_entities.values() if e.id not in known]
    used = {r.head for r in relations} | {r.tail for r in relations}
    extra = [e for e in extra if e.id in used]
    logger.debug("%s: %d relations from %d sentences", doc.meta.id, len(relations), len(sentences))
    return extra, relations


class RelationsFound(BaseModel):
    """The relation step's result: the relations, and the actors they use that the entities given lacked
    (the implicit jurisdiction, the issuing body; flagged ``implicit``)."""

    relations: list[Relation] = Field(default_factory=list)
    implicit: list[Entity] = Field(default_factory=list)


def extract_relations(
    doc: Document, sentences: list[Sentence], entities: list[Entity], where: DocJurisdiction | None = None
) -> RelationsFound:
    """The document's relations: stated ones (``source="text"``) and hierarchy edges (``"gazetteer"``),
    with the implicit actors the stated ones use; ``entities`` is left as it is. Hierarchy edges are
    returned only when the parent city is among the actors (see :func:`hierarchy_relations` for the
    others)."""
    extra, relations = find_relations(doc, sentences, entities, where)
    actors = [*entities, *extra]
    _, hierarchy = hierarchy_relations(actors)
    known = {e.id for e in actors}
    return RelationsFound(relations=relations + [r for r in hierarchy if r.tail in known], implicit=extra)


def scored_relations(relations: list[Relation]) -> list[Relation]:
    """The relations the guideline scores: those stated by the text (hierarchy edges left out)."""
    return [r for r in relations if r.source == "text"]
