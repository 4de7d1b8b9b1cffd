"""Entity extraction from S&T policy documents (offline: spaCy blank zh + gazetteers + rules).

Public API::

    get_nlp() -> Language
    extract_entities(doc: Document, where: DocJurisdiction | None = None) -> list[Entity]
    relation_only(entity: Entity) -> bool

The document's jurisdiction (``where``) is decided by ``ingest.jurisdiction``; ``ingest.pipeline``
composes this step with relations and indicators.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any

from ingest.extract.data import load_data
from ingest.extract.pipeline import ExtractionError, get_nlp, groups_of, process
from ingest.extract.textview import TextView
from ingest.jurisdiction import DocJurisdiction, decide
from ingest.models import Document, Entity, Mention, actor_id

logger = logging.getLogger(__name__)

__all__ = [
    "ExtractionError",
    "extract_entities",
    "get_nlp",
    "relation_only",
]

_TYPE_ORDER = {
    t: i
    for i, t in enumerate(
        (
            "City",
            "District",
            "GovernmentAgency",
            "University",
            "ResearchInstitute",
            "Enterprise",
            "Platform",
            "Policy",
            "Programme",
        )
    )
}


def _entities(view: TextView, groups: list[Any]) -> list[Entity]:
    out = []
    for g in groups:
        mentions = []
        for s, e in sorted(set(g.spans)):
            o_s, o_e = view.to_original(s, e)
            mentions.append(Mention(text=view.original[o_s:o_e], start=o_s, end=o_e))
        surfaces = {m.text for m in mentions} | set(g.aliases)
        aliases = sorted(a for a in surfaces if a and a != g.name)
        out.append(
            Entity(
                id=actor_id(g.type, g.name),
                name=g.name,
                type=g.type,
                aliases=aliases,
                mentions=mentions,
                subtype=g.subtype if g.type == "Platform" else None,
                level=g.level if g.type == "Platform" else None,
                region=g.region,
            )
        )
    out.sort(key=lambda e: (e.mentions[0].start if e.mentions else 0, _TYPE_ORDER[e.type]))
    return out


def extract_entities(doc: Document, where: DocJurisdiction | None = None) -> list[Entity]:
    """Named actors, places, policies and programmes of one document of jurisdiction ``where``
    (decided from the document when not given)."""
    view, processed = process(doc, where if where is not None else decide(doc))
    return _entities(view, groups_of(processed))


@lru_cache(maxsize=1)
def _relation_only() -> tuple[tuple[re.Pattern[str], ...], re.Pattern[str] | None]:
    cfg = load_data().resolution
    names = tuple(re.compile(str(p)) for p in cfg.get("relation_only_names") or [])
    bare = cfg.get("relation_only_bare_mentions")
    return names, re.compile(str(bare)) if bare else None


def relation_only(entity: Entity) -> bool:
    """Is the entity a bare party committee or government (guideline rule 6), an actor only when
    it takes part in a relation?"""
    if entity.type != "GovernmentAgency":
        return False
    names, bare = _relation_only()
    if any(p.fullmatch(entity.name) for p in names):
        return True
    return bare is not None and bool(entity.mentions) and all(bare.fullmatch(m.text) for m in entity.mentions)


@lru_cache(maxsize=1)
def _agency_suffixes() -> tuple[str, ...]:
    return tuple(r.suffix for r in load_data().suffixes if r.type == "GovernmentAgency")


def issuer_entity(doc: Document, entities: list[Entity]) -> Entity | None:
    """The issuing body the metadata found (a header table's 发布机构 or 来源, a title, a
    signature) as an actor, when the text's own mentions did not give it: header lines are
    blanked before extraction, yet the issuer they name is an actor of the document."""
    issuer = doc.meta.issuer
    if not issuer or not issuer.endswith(_agency_suffixes()):
        return None
    if any(e.name == issuer or issuer in e.aliases for e in entities):
        return None
    mentions = [Mention(text=issuer, start=m.start(), end=m.end()) for m in re.finditer(re.escape(issuer), doc.text)]
    return Entity(id=actor_id("GovernmentAgency", issuer), name=issuer, type="GovernmentAgency", mentions=mentions)
