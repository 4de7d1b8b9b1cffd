"""Candidate mentions proposed by the pipeline components, kept on the Doc's extension attributes
(``doc._.innograph_candidates``, ``_anchors``, ``_context``, ``_text``, ``_result``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

#: The Doc extensions the components share (None until a component sets them).
EXTENSIONS = ("innograph_candidates", "innograph_anchors", "innograph_context", "innograph_text", "innograph_result")
for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

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
    ctx = doc._.innograph_context
    return ctx if isinstance(ctx, DocContext) else DocContext()


def set_context(doc: Doc, ctx: DocContext, text: str) -> None:
    """Give the Doc its jurisdiction and its text (known already: ``Doc.text`` re-joins every token)."""
    doc._.innograph_context = ctx
    doc._.innograph_text = text


def candidates(doc: Doc) -> list[Candidate]:
    if doc._.innograph_candidates is None:
        doc._.innograph_candidates = []
    found: list[Candidate] = doc._.innograph_candidates
    return found


def anchors(doc: Doc) -> list[Anchor]:
    if doc._.innograph_anchors is None:
        doc._.innograph_anchors = []
    found: list[Anchor] = doc._.innograph_anchors
    return found


def doc_text(doc: Doc) -> str:
    """The Doc's text, computed once (``Doc.text`` re-joins every token on each access)."""
    text = doc._.innograph_text
    if not isinstance(text, str):
        text = doc.text
        doc._.innograph_text = text
    return text


def qualified_district(city: str, district: str) -> str:
    """The canonical name of a district of a known city: the city, then the district."""
    return district if district.startswith(city) else city + district
