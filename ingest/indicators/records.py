"""Indicators as graph rows: the parameters of ``cypher/indicators/indicator_load.cypher``."""

from __future__ import annotations

import hashlib
from typing import Any

from ingest.models import Extraction, Indicator, actor_id

__all__ = ["indicator_rows"]


def _actor_ids(ind: Indicator, extraction: Extraction) -> list[str]:
    """Candidate ids of the jurisdiction's actor: the document's own City/District entity of that name,
    else the ids a City or a District of that name has in every document (``actor_id``)."""
    for e in extraction.entities:
        if e.type in ("City", "District") and (e.name == ind.jurisdiction or ind.jurisdiction in e.aliases):
            return [e.id]
    return [actor_id("City", ind.jurisdiction), actor_id("District", ind.jurisdiction)]


def indicator_rows(extraction: Extraction) -> list[dict[str, Any]]:
    """One row per indicator: ``actor_ids`` to link to and the node's ``props`` (no nulls dropped, so a
    re-load writes the same properties)."""
    doc_id = extraction.document.id
    rows = []
    for ind in extraction.indicators:
        ev = ind.evidence
        start, end = (ev.start, ev.end) if ev else (None, None)
        key = f"{doc_id}|{start}|{end}|{ind.value}|{ind.unit}|{ind.year}|{ind.kind}|{ind.name}"
        rows.append(
            {
                "actor_ids": _actor_ids(ind, extraction),
                "props": {
                    "id": "i_" + hashlib.sha1(key.encode()).hexdigest()[:20],
                    "doc_id": doc_id,
                    "jurisdiction": ind.jurisdiction,
                    "name": ind.name,
                    "value": ind.value,
                    "value_max": ind.value_max,
                    "unit": ind.unit,
                    "year": ind.year,
                    "kind": ind.kind,
                    "concept": ind.concept,
                    "qualifier": ind.qualifier,
                    "measure": ind.measure,
                    "evidence": ev.text if ev else None,
                    "evidence_start": start,
                    "evidence_end": end,
                },
            }
        )
    return rows
