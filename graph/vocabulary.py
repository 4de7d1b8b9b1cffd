"""The vocabulary of the graph, defined once: actor (entity) types, relation types, and for each
relation type its direction, the types its head and tail may have, and whether it is symmetric.

Every layer reads it from here — ``ingest`` (extraction, evaluation, curation), ``graph`` (schema,
loader, analysis) and ``api`` (routes, CLI options) — and nothing of ours lies below it.

>>> "University" in ENTITY_TYPES
True
>>> is_symmetric("COOPERATES_WITH"), is_symmetric("CO_BUILDS")
(True, False)
>>> RELATIONS["ISSUED_BY"].head, RELATIONS["ISSUED_BY"].tail
(frozenset({'Policy'}), frozenset({'GovernmentAgency'}))
>>> canonical_ends("COOPERATES_WITH", "b", "a")
('a', 'b')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

__all__ = [
    "ENTITY_TYPES",
    "INNOVATION_ACTOR_TYPES",
    "MODALITIES",
    "RELATIONS",
    "RELATION_TYPES",
    "SYMMETRIC_RELATIONS",
    "EntityType",
    "Modality",
    "RelationSpec",
    "RelationType",
    "canonical_ends",
    "is_symmetric",
]

EntityType = Literal[
    "City",
    "District",
    "Enterprise",
    "University",
    "ResearchInstitute",
    "Platform",
    "Policy",
    "Programme",
    "GovernmentAgency",
]
ENTITY_TYPES: tuple[str, ...] = get_args(EntityType)
"""Every actor (node) type, in the order menus and reports list them."""

INNOVATION_ACTOR_TYPES: tuple[str, ...] = tuple(t for t in ENTITY_TYPES if t not in ("Policy", "Programme"))
"""The types that are innovation actors (a policy or a programme is an actor node, not an actor)."""

RelationType = Literal[
    "CO_BUILDS",
    "LOCATED_IN",
    "FUNDED_BY",
    "COOPERATES_WITH",
    "INTRODUCES",
    "ISSUED_BY",
    "PART_OF",
    "MEMBER_OF",
]
RELATION_TYPES: tuple[str, ...] = get_args(RelationType)

Modality = Literal["fact", "plan"]
MODALITIES: tuple[str, ...] = get_args(Modality)


@dataclass(frozen=True)
class RelationSpec:
    """One relation type: it reads ``head -[type]-> tail``; ``symmetric`` types hold both ways and
    are stored once, with the smaller id as head."""

    type: str
    head: frozenset[str]
    tail: frozenset[str]
    symmetric: bool = False
    reads: str = ""


_PLACES = ("City", "District")
_ORGS = ("Enterprise", "University", "ResearchInstitute", "Platform", "GovernmentAgency")
_ACTORS = (*_PLACES, *_ORGS)


def _spec(
    rtype: str, head: tuple[str, ...], tail: tuple[str, ...], reads: str, *, symmetric: bool = False
) -> RelationSpec:
    return RelationSpec(rtype, frozenset(head), frozenset(tail), symmetric, reads)


RELATIONS: dict[str, RelationSpec] = {
    s.type: s
    for s in (
        _spec("CO_BUILDS", _ACTORS, ("Platform", "ResearchInstitute", "University"), "head co-builds tail"),
        _spec("LOCATED_IN", _ORGS, ("City", "District", "Platform"), "head lies in tail"),
        _spec(
            "FUNDED_BY",
            (*_PLACES, "Enterprise", "University", "ResearchInstitute", "Platform"),
            ("Programme", "GovernmentAgency"),
            "head is funded by tail",
        ),
        _spec("COOPERATES_WITH", _ACTORS, _ACTORS, "head and tail cooperate", symmetric=True),
        _spec(
            "INTRODUCES", _ACTORS, ("Enterprise", "University", "ResearchInstitute", "Platform"), "head brings in tail"
        ),
        _spec("ISSUED_BY", ("Policy",), ("GovernmentAgency",), "head (a policy) is issued by tail"),
        _spec("PART_OF", _ORGS, _ORGS, "head is part of tail"),
        _spec("MEMBER_OF", _ACTORS, ("Platform", "GovernmentAgency"), "head is a member of tail"),
    )
}
"""Each relation type's ends and symmetry (the relation patterns' ``types:`` must agree: a test checks)."""

SYMMETRIC_RELATIONS: frozenset[str] = frozenset(t for t, s in RELATIONS.items() if s.symmetric)
"""Relation types that hold in both directions."""


def is_symmetric(rel_type: str) -> bool:
    """Whether ``rel_type`` holds in both directions (stored once, head < tail)."""
    return rel_type in SYMMETRIC_RELATIONS


def canonical_ends(rel_type: str, head: str, tail: str) -> tuple[str, str]:
    """A relation's ends in stored order: a symmetric type's smaller end first, else as given."""
    if rel_type in SYMMETRIC_RELATIONS and tail < head:
        return tail, head
    return head, tail
