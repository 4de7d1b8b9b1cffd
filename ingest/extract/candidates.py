"""Candidate mentions proposed by the pipeline components, kept on ``doc.user_data``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

CANDIDATES_KEY = "innograph_candidates"
ANCHORS_KEY = "innograph_anchors"
CONTEXT_KEY = "innograph_context"
RESULT_KEY = "innograph_result"
TEXT_KEY = "innograph_text"

# Higher wins when two candidates of the same length overlap.
PRIORITY = {
    "title": 90,
    "responsibility": 80,
    "shared_head": 75,  # A、B2个国家高新区: the list's shared head types a place-named item
    "gazetteer": 70,
    "abbreviation": 70,
    "quote": 60,
    "suffix": 50,
    "list": 40,
    "programme": 40,
    "second_pass": 30,
}


@dataclass
class DocContext:
    """What the components know about the document (its jurisdiction)."""

    region: str | None = None  # canonical city or district name
    province: str | None = None
    city: str | None = None
    district: str | None = None
    year: int | None = None  # year of the document's date


@dataclass
class Anchor:
    start: int
    end: int
    kind: str  # place / province / org / country
    name: str  # canonical


@dataclass
class Candidate:
    start: int
    end: int
    type: str
    source: str
    name: str | None = None  # canonical name when known; the surface otherwise
    subtype: str | None = None
    level: str | None = None
    region: str | None = None
    aliases: set[str] = field(default_factory=set)
    generic_ok: bool = False
    nested: bool = False  # a name inside a title (its issuer): kept beside the title, not against it

    @property
    def priority(self) -> int:
        return PRIORITY.get(self.source, 0)


def context(doc: Doc) -> DocContext:
    ctx = doc.user_data.get(CONTEXT_KEY)
    return ctx if isinstance(ctx, DocContext) else DocContext()


def candidates(doc: Doc) -> list[Candidate]:
    found: Any = doc.user_data.setdefault(CANDIDATES_KEY, [])
    return found  # type: ignore[no-any-return]


def anchors(doc: Doc) -> list[Anchor]:
    found: Any = doc.user_data.setdefault(ANCHORS_KEY, [])
    return found  # type: ignore[no-any-return]


def doc_text(doc: Doc) -> str:
    """The Doc's text, computed once (``Doc.text`` re-joins every token on each access)."""
    text = doc.user_data.get(TEXT_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text


def qualified_district(city: str, district: str) -> str:
    """The canonical name of a district of a known city: the city, then the district."""
    return district if district.startswith(city) else city + district
