"""What a document tells about every sentence: its jurisdiction and issuing body (decided by
``ingest.jurisdiction``), its plan sections, section years and section actors."""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field

from ingest.jurisdiction import DocJurisdiction, author_entity, subject_entity
from ingest.models import Document, Entity, Sentence
from ingest.relations.lexicon import Lexicon

logger = logging.getLogger(__name__)

# Section numbering -> heading level (lower is higher in the outline).
_HEADING_LEVELS: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"^[一二三四五六七八九十]+[、.．]"), 1.0),
    (re.compile(r"^第[一二三四五六七八九十]+(?:部分|章)"), 1.0),
    (re.compile(r"^[(（][一二三四五六七八九十]+[)）]"), 2.0),
    (re.compile(r"^\d{1,2}[.、．](?!\d)"), 3.0),
    (re.compile(r"^[(（]\d{1,2}[)）]"), 4.0),
)
#: An unnumbered short line ending with a colon ("主要目标:") heads a section of its own.
_COLON_HEADING = re.compile(r"^[^,，。;；]{2,16}[:：]$")
_COLON_LEVEL = 1.5
_MAX_HEADING_CHARS = 40


@dataclass
class Discourse:
    """What earlier sentences of the document established for the sentences after them.

    ``group``: the parties of the last cooperation stated ("A与B签署战略合作协议。双方将共建C": 双方 is
    A and B), carried for the lexicon's ``group_window`` characters. ``enumeration_end``: where a
    sentence ends with ";" while its parties are building what it lists ("双方将: 共建X; 共建Y"),
    so that the next sentence of the paragraph continues the list. ``topic``: the explicit subject of
    the previous sentence, for a sentence that opens with 其中 ("A与B、C签约。其中, 与B共建D": A builds D).
    """

    group: list[Entity] = field(default_factory=list)
    group_end: int = -1
    enumeration_end: int = -1
    enumeration_paragraph: int = -1
    topic: list[Entity] = field(default_factory=list)
    topic_paragraph: int = -1


@dataclass
class DocumentContext:
    """Per-document facts used by the sentence patterns."""

    doc: Document
    entities: list[Entity]
    jurisdiction: Entity | None
    author: Entity | None
    line_starts: list[int]
    plan_default: bool
    section_plan: dict[int, bool] = field(default_factory=dict)  # sentence start -> plan?
    self_topic: dict[int, int] = field(default_factory=dict)  # paragraph -> first offset of a self reference
    extra_entities: dict[str, Entity] = field(default_factory=dict)  # implicit entities used by relations
    section_year: dict[int, int] = field(default_factory=dict)  # sentence start -> its heading's year
    section_actor: dict[int, Entity] = field(default_factory=dict)  # sentence start -> actor its heading names
    discourse: Discourse = field(default_factory=Discourse)  # what earlier sentences established

    def paragraph_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset) - 1

    def is_title(self, sentence: Sentence) -> bool:
        """Is the sentence the document's title (where the issuing body speaks of its own act)?"""
        title = (self.doc.meta.title or "").strip()
        return bool(title) and "".join(sentence.text.split()) == "".join(title.split())

    def implicit_subject(self, sentence: Sentence) -> Entity | None:
        """Who a subject-less sentence speaks of: the actor its section heading consists of
        ("(三)星河科技" over "与青川大学签订…"), else the document's jurisdiction."""
        return self.section_actor.get(sentence.start, self.jurisdiction)

    def year_of(self, sentence: Sentence) -> int | None:
        """The year of the sentence's section heading, else the year the document reports on."""
        year = self.section_year.get(sentence.start)
        if year is not None:
            return year
        return self.doc.meta.report_year

    def is_plan_section(self, sentence: Sentence) -> bool:
        return self.section_plan.get(sentence.start, self.plan_default)

    def self_established(self, paragraph: int, offset: int) -> bool:
        """Has the paragraph named the document's own body (我们, 我局, or its name) before ``offset``?"""
        first = self.self_topic.get(paragraph)
        return first is not None and first < offset

    def note_self(self, paragraph: int, offset: int) -> None:
        first = self.self_topic.get(paragraph)
        if first is None or offset < first:
            self.self_topic[paragraph] = offset

    def entity_named(self, name: str, types: tuple[str, ...] = ("City", "District")) -> Entity | None:
        for e in self.entities:
            if e.type in types and (e.name == name or name in e.aliases):
                return e
        if self.jurisdiction is not None and self.jurisdiction.name == name:
            return self.jurisdiction
        return None

    def use(self, entity: Entity) -> Entity:
        """Record that a relation refers to ``entity``; implicit ones are remembered for the caller."""
        if entity.implicit or all(e.id != entity.id for e in self.entities):
            self.extra_entities.setdefault(entity.id, entity)
        return entity


def heading_level(text: str) -> float | None:
    """Outline level of a heading line, or None when the line is not a heading."""
    stripped = text.strip()
    if not stripped or len(stripped) > _MAX_HEADING_CHARS:
        return None
    for pattern, level in _HEADING_LEVELS:
        if pattern.match(stripped):
            return level
    if _COLON_HEADING.match(stripped):
        return _COLON_LEVEL
    return None


def _section_modality(sentences: list[Sentence], text: str, lexicon: Lexicon, default: bool) -> dict[int, bool]:
    plan_words = lexicon.words.get("plan_heading_words", ())
    fact_words = lexicon.words.get("fact_heading_words", ())
    stack: list[tuple[float, bool]] = []
    out: dict[int, bool] = {}
    for s in sentences:
        line_start = text.rfind("\n", 0, s.start) + 1
        line_end = text.find("\n", s.end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        level = heading_level(s.text) if line.strip() == s.text.strip() else None
        if level is not None:
            while stack and stack[-1][0] >= level:
                stack.pop()
            if any(w in s.text for w in plan_words):
                stack.append((level, True))
            elif any(w in s.text for w in fact_words):
                stack.append((level, False))
        out[s.start] = stack[-1][1] if stack else default
    return out


_HEADING_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年")


def _section_years(sentences: list[Sentence], text: str) -> dict[int, int]:
    """Sentence start -> the year named by the innermost heading above it that names one."""
    stack: list[tuple[float, int | None]] = []
    out: dict[int, int] = {}
    for s in sentences:
        line_start = text.rfind("\n", 0, s.start) + 1
        line_end = text.find("\n", s.end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        level = heading_level(s.text) if line.strip() == s.text.strip() else None
        if level is not None:
            while stack and stack[-1][0] >= level:
                stack.pop()
            m = _HEADING_YEAR.search(s.text)
            stack.append((level, int(m.group(1)) if m else None))
        for _, year in reversed(stack):
            if year is not None:
                out[s.start] = year
                break
    return out


_HEADING_ACTOR_TYPES = frozenset({"Enterprise", "University", "ResearchInstitute", "Platform"})
_HEADING_NUMBER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.、．])\s*"
)
_HEADING_TRAIL = re.compile(r"[\s:：。.，,;；]+$")


def _section_actors(sentences: list[Sentence], text: str, entities: list[Entity]) -> dict[int, Entity]:
    """Sentence start -> the actor a heading above it consists of (a numbered heading that is one name)."""
    mentions = {(m.start, m.end): e for e in entities if e.type in _HEADING_ACTOR_TYPES for m in e.mentions}
    stack: list[tuple[float, Entity | None]] = []
    out: dict[int, Entity] = {}
    for s in sentences:
        line_start = text.rfind("\n", 0, s.start) + 1
        line_end = text.find("\n", s.end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        level = heading_level(s.text) if line.strip() == s.text.strip() else None
        if level is not None:
            while stack and stack[-1][0] >= level:
                stack.pop()
            number = _HEADING_NUMBER.match(s.text)
            actor = None
            if number is not None:
                body = _HEADING_TRAIL.sub("", s.text[number.end() :])
                start = s.start + number.end()
                actor = mentions.get((start, start + len(body)))
            stack.append((level, actor))
            continue
        for _, actor in reversed(stack):
            if actor is not None:
                out[s.start] = actor
                break
    return out


def build_context(
    doc: Document, sentences: list[Sentence], entities: list[Entity], lexicon: Lexicon, where: DocJurisdiction
) -> DocumentContext:
    jurisdiction = subject_entity(where, entities)
    author = author_entity(where, entities, jurisdiction)
    if jurisdiction is not None and jurisdiction.implicit and not jurisdiction.mentions:
        # a place the text never names is no actor of its relations: the subject a subject-less
        # sentence leaves out is the jurisdiction the document speaks of by name (guideline rule 3)
        logger.debug("%s: jurisdiction %s never named, no implicit subject", doc.meta.id, jurisdiction.name)
        jurisdiction = None
    text = doc.text
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    plan_default = doc.meta.genre in lexicon.words.get("plan_genres", ())
    ctx = DocumentContext(
        doc=doc,
        entities=entities,
        jurisdiction=jurisdiction,
        author=author,
        line_starts=line_starts,
        plan_default=plan_default,
    )
    ctx.section_plan = _section_modality(sentences, text, lexicon, plan_default)
    ctx.section_year = _section_years(sentences, text)
    ctx.section_actor = _section_actors(sentences, text, entities)
    return ctx
