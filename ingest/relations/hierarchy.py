"""Administrative hierarchy edges from the gazetteer: district / county-level city -> its city."""

from __future__ import annotations

import logging
from typing import Any

from ingest.models import Entity, Evidence, Relation, actor_id

logger = logging.getLogger(__name__)

RULE = "gazetteer.hierarchy"


def _city_of_qualified(name: str, gazetteer: Any) -> str | None:
    """The city of a district named with its city (南通市崇川区 -> 南通市), from its place chain."""
    from ingest.places import path_of_place

    path = path_of_place(name)
    if len(path) < 2:
        return None
    parent = gazetteer.place(path[-2])
    return path[-2] if parent is not None and parent.type == "City" else None


def hierarchy_relations(entities: list[Entity], gazetteer: Any | None = None) -> tuple[list[Entity], list[Relation]]:
    """LOCATED_IN(place -> its prefecture-level city) for every District/City entity below a city.

    Returns ``(extra_entities, relations)``: parent cities that are not in ``entities`` come back
    as new entities flagged ``implicit=True``. Relations have ``source="gazetteer"`` and, as
    evidence, the first mention of the child place (none when it has no mention). They state
    the map, not the text: the guideline's scoring leaves them out.
    """
    if gazetteer is None:
        from ingest.gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
    by_name = {e.name: e for e in entities if e.type == "City"}
    extra: dict[str, Entity] = {}
    relations: list[Relation] = []
    seen: set[tuple[str, str]] = set()
    for ent in entities:
        if ent.type not in ("City", "District"):
            continue
        parent_name = gazetteer.city_of(ent.name) or _city_of_qualified(ent.name, gazetteer)
        if not parent_name or parent_name == ent.name:
            continue
        parent = by_name.get(parent_name) or extra.get(parent_name)
        if parent is None:
            parent = Entity(id=actor_id("City", parent_name), name=parent_name, type="City", implicit=True)
            extra[parent_name] = parent
        if (ent.id, parent.id) in seen or ent.id == parent.id:
            continue
        seen.add((ent.id, parent.id))
        evidence = []
        if ent.mentions:
            first = min(ent.mentions, key=lambda m: m.start)
            evidence = [Evidence(text=first.text, start=first.start, end=first.end)]
        relations.append(
            Relation(
                type="LOCATED_IN",
                head=ent.id,
                tail=parent.id,
                evidence=evidence,
                modality="fact",
                confidence=1.0,
                year=None,
                rule=RULE,
                source="gazetteer",
            )
        )
    logger.debug("hierarchy: %d relations, %d parent cities added", len(relations), len(extra))
    return list(extra.values()), relations
