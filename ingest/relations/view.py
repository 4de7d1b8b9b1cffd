"""A sentence in abstracted form: entity mentions become placeholder characters.

Patterns then see ``与\ue000合作建设\ue001`` instead of the names themselves, so one pattern covers
every actor. Each placeholder ("slot") keeps the mention's entity and its offsets into the
original text.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from ingest.models import Entity, Sentence
from ingest.relations.lexicon import BOUNDARY_CHARS, SLOT_FIRST, SLOT_LAST, Lexicon

SlotKind = Literal["mention", "jurisdiction", "self"]

#: Characters dropped from the abstracted text (quotes and title marks carry no role in the
#: patterns: "市政府《…》" is an agency next to its policy whether or not the mention spans the marks).
_DROPPED = frozenset("“”\"'‘’「」『』〝〞《》〈〉")


@dataclass(frozen=True)
class Slot:
    """One mention in a sentence: an entity, or a pronoun for the jurisdiction / the author."""

    kind: SlotKind
    start: int  # offsets into the original document text
    end: int
    entity: Entity | None = None

    @property
    def surface_len(self) -> int:
        return self.end - self.start


@dataclass
class Clause:
    text: str  # abstracted clause text, boundary characters excluded
    offset: int  # start of the clause in the sentence's abstracted text


@dataclass
class SentenceView:
    sentence: Sentence
    abstract: str
    slots: list[Slot]
    clauses: list[Clause] = field(default_factory=list)
    paragraph: int = 0

    def slot_of(self, ch: str) -> Slot | None:
        code = ord(ch)
        if SLOT_FIRST <= code <= SLOT_LAST and code - SLOT_FIRST < len(self.slots):
            return self.slots[code - SLOT_FIRST]
        return None

    def slots_in(self, text: str | None) -> list[Slot]:
        """The slots of a piece of abstracted text, in order, without repeats.

        A city written right before one of its districts ("昌吉州玛纳斯县", two mentions side by
        side) only qualifies the district: it is not a slot of its own."""
        out: list[Slot] = []
        text = text or ""
        for i, ch in enumerate(text):
            slot = self.slot_of(ch)
            if slot is None or slot in out:
                continue
            if qualifies_next(slot, self.next_slot(text, i)):
                continue
            out.append(slot)
        return out

    def next_slot(self, text: str, i: int) -> Slot | None:
        """The slot right after position ``i`` of ``text``, past a place's level word (昌吉|州|玛纳斯县)."""
        j = i + 1
        while j < len(text) and j - i <= _MAX_LEVEL_GAP and text[j] in _PLACE_LEVEL_CHARS:
            j += 1
        if j >= len(text):
            return None
        following = self.slot_of(text[j])
        here = self.slot_of(text[i])
        if following is None or here is None or following.start - here.end != j - i - 1:
            return None
        return following


#: Characters of a place's level that may stand between a city's mention and its district's.
_PLACE_LEVEL_CHARS = frozenset("市州盟")
_MAX_LEVEL_GAP = 1


def qualifies_next(slot: Slot, following: Slot | None) -> bool:
    """Does a city's mention only say where the district named right after it is?"""
    return (
        following is not None
        and slot.entity is not None
        and following.entity is not None
        and slot.entity.type == "City"
        and following.entity.type == "District"
    )


@functools.lru_cache(maxsize=65536)
def _fold(ch: str) -> str:
    """One character as the patterns see it: NFKC when that keeps it one character."""
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


class _AbstractTable(dict[int, str | None]):
    """``str.translate`` table of the abstracted text, filled on first sight of a character:
    whitespace, quotes and title marks, and placeholder code points are dropped; the rest folded."""

    def __missing__(self, code: int) -> str | None:
        ch = chr(code)
        out = None if ch.isspace() or ch in _DROPPED or SLOT_FIRST <= code <= SLOT_LAST else _fold(ch)
        self[code] = out
        return out


_ABSTRACT = _AbstractTable()
_CLAUSE = re.compile(f"[^{re.escape(BOUNDARY_CHARS)}]+")


class MentionIndex:
    """All mentions of a document sorted by start, to find a sentence's mentions by bisection."""

    def __init__(self, entities: list[Entity]) -> None:
        self.spans = sorted(
            ((m.start, m.end, ent) for ent in entities for m in ent.mentions if m.end > m.start),
            key=lambda s: (s[0], s[1]),
        )
        self.starts = [s[0] for s in self.spans]
        self._dominant: dict[frozenset[str], Entity | None] = {}

    def last_before(self, pos: int, floor: int, accept: Callable[[Entity], bool]) -> Entity | None:
        """The entity of the last mention ending at or before ``pos`` (and after ``floor``) it accepts."""
        i = bisect.bisect_left(self.starts, pos) - 1
        while i >= 0 and self.spans[i][0] >= floor:
            start, end, ent = self.spans[i]
            if end <= pos and accept(ent):
                return ent
            i -= 1
        return None

    def dominant(self, types: frozenset[str]) -> Entity | None:
        """The document's most mentioned entity of these types; None when none is, or on a tie."""
        cached = self._dominant.get(types)
        if cached is not None or types in self._dominant:
            return cached
        counts: dict[str, int] = {}
        by_id: dict[str, Entity] = {}
        for _, _, ent in self.spans:
            if ent.type in types:
                counts[ent.id] = counts.get(ent.id, 0) + 1
                by_id[ent.id] = ent
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        found = None
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            found = by_id[ranked[0][0]]
        self._dominant[types] = found
        return found

    def within(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        out = []
        for i in range(bisect.bisect_left(self.starts, start), len(self.spans)):
            span = self.spans[i]
            if span[0] >= end:
                break
            if span[1] <= end:
                out.append(span)
        return out


def _pick_mentions(sentence: Sentence, entities: list[Entity] | MentionIndex) -> list[tuple[int, int, Entity]]:
    """Non-overlapping entity mentions inside the sentence, longest first on overlap."""
    index = entities if isinstance(entities, MentionIndex) else MentionIndex(entities)
    spans = index.within(sentence.start, sentence.end)
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    taken: list[tuple[int, int, Entity]] = []
    for s in spans:
        if all(s[1] <= t[0] or s[0] >= t[1] for t in taken):
            taken.append(s)
    taken.sort(key=lambda s: s[0])
    return taken


def _pronouns(sentence: Sentence, taken: list[tuple[int, int]], pattern: re.Pattern[str], kind: SlotKind) -> list[Slot]:
    out = []
    for m in pattern.finditer(sentence.text):
        start, end = sentence.start + m.start(), sentence.start + m.end()
        if all(end <= t[0] or start >= t[1] for t in taken):
            out.append(Slot(kind=kind, start=start, end=end))
            taken.append((start, end))
    return out


def _fits(noun: str, types: frozenset[str], specific: bool) -> Callable[[Entity], bool]:
    def accept(entity: Entity) -> bool:
        return entity.type in types and (not specific or entity.name.endswith(noun))

    return accept


def _anaphors(sentence: Sentence, taken: list[tuple[int, int]], lexicon: Lexicon, index: MentionIndex) -> list[Slot]:
    """ "该研究院" and the like as mentions of the last fitting actor named before them."""
    out: list[Slot] = []
    specific = set(lexicon.words.get("anaphor_specific", ()))
    for m in lexicon.anaphor.finditer(sentence.text):
        start, end = sentence.start + m.start(), sentence.start + m.end()
        if any(not (end <= t[0] or start >= t[1]) for t in taken):
            continue
        noun = m.group("noun")
        types = lexicon.anaphor_types.get(noun, frozenset())
        antecedent = index.last_before(start, start - lexicon.anaphor_window, _fits(noun, types, noun in specific))
        if antecedent is not None:
            out.append(Slot(kind="mention", start=start, end=end, entity=antecedent))
            taken.append((start, end))
    return out


def _institution_self(
    sentence: Sentence, taken: list[tuple[int, int]], lexicon: Lexicon, index: MentionIndex
) -> list[Slot]:
    """ "我校", "我所" as mentions of the institution whose own news the document is."""
    out: list[Slot] = []
    for m in lexicon.institution_self.finditer(sentence.text):
        start, end = sentence.start + m.start(), sentence.start + m.end()
        if any(not (end <= t[0] or start >= t[1]) for t in taken):
            continue
        entity = index.dominant(lexicon.institution_self_types.get(m.group(0), frozenset()))
        if entity is not None:
            out.append(Slot(kind="mention", start=start, end=end, entity=entity))
            taken.append((start, end))
    return out


def build_view(
    sentence: Sentence, entities: list[Entity] | MentionIndex, lexicon: Lexicon, paragraph: int = 0
) -> SentenceView:
    """Abstract one sentence: mentions and pronouns become slots, clauses are split."""
    mentions = _pick_mentions(sentence, entities)
    slots = [Slot(kind="mention", start=s, end=e, entity=ent) for s, e, ent in mentions]
    taken = [(s.start, s.end) for s in slots]
    slots += _pronouns(sentence, taken, lexicon.jurisdiction_pronoun, "jurisdiction")
    slots += _pronouns(sentence, taken, lexicon.self_pronoun, "self")
    index = entities if isinstance(entities, MentionIndex) else MentionIndex(entities)
    slots += _anaphors(sentence, taken, lexicon, index)
    slots += _institution_self(sentence, taken, lexicon, index)
    slots.sort(key=lambda s: s.start)
    slots = slots[: SLOT_LAST - SLOT_FIRST + 1]
    by_start = {s.start: (i, s) for i, s in enumerate(slots)}
    parts: list[str] = []
    pos = sentence.start
    text, base = sentence.text, sentence.start
    for start in sorted(by_start):
        if start < pos:
            continue  # inside the slot before it
        if start >= sentence.end:
            break
        number, slot = by_start[start]
        parts.append(text[pos - base : start - base].translate(_ABSTRACT))
        parts.append(chr(SLOT_FIRST + number))
        pos = slot.end
    if pos < sentence.end:
        parts.append(text[pos - base : sentence.end - base].translate(_ABSTRACT))
    abstract = "".join(parts)
    view = SentenceView(sentence=sentence, abstract=abstract, slots=slots, paragraph=paragraph)
    view.clauses.extend(Clause(text=m.group(), offset=m.start()) for m in _CLAUSE.finditer(abstract))
    return view
