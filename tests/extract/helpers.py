"""Helpers for the extraction tests: build documents from short test sentences."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ingest.extract import extract_entities
from ingest.models import Document, DocumentMeta, Entity

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"
GOLD = REPO / "tests" / "gold"


def make_doc(
    text: str,
    region: str | None = "苏州市",
    province: str | None = "江苏省",
    date: dt.date | None = dt.date(2020, 6, 1),
) -> Document:
    meta = DocumentMeta(id="t", region=region, province=province, date=date, chars=len(text))
    return Document(meta=meta, text=text)


def entities(text: str, **kw: object) -> list[Entity]:
    return extract_entities(make_doc(text, **kw))  # type: ignore[arg-type]


def by_type(ents: list[Entity], etype: str) -> dict[str, Entity]:
    return {e.name: e for e in ents if e.type == etype}


def surfaces(ents: list[Entity]) -> set[str]:
    return {m.text for e in ents for m in e.mentions}
