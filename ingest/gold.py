"""Gold annotation files: loading and mechanical checking.

A gold file (``tests/gold/<document>.json``) lists the entities and relations a careful annotator
finds in one corpus document, following ``docs/annotation-guideline.md`` of the shared docs.

The repository must not hold copies of the documents' sentences, so a gold file stores text in one
of two ways:

* short strings (names, mentions, heads and tails shorter than :data:`LONG_TEXT`) literally;
* long strings, and every evidence sentence, as character offsets ``{"start": s, "end": e}`` into
  the document as decoded UTF-8 (Python ``str`` indices), resolved from the corpus at load time.

The shared development corpus (``../shared/corpus-dev/gold/``) uses the guideline's own form:
verbatim strings (``"evidence": "..."``), plus ``meta`` and ``indicators``. Both forms load; any
field may be given literally or as ``<field>_at`` offsets.

Raw layout::

    {"doc": "000_x.txt",
     "entities": [{"name": "南通市", "type": "City", "mentions": ["南通", "南通市"]},
                  {"name_at": {"start": 300, "end": 336}, "type": "Policy",
                   "mentions": [{"start": 300, "end": 336}]}],
     "relations": [{"type": "INTRODUCES", "head": "南通市", "tail": "...",
                    "evidence_at": {"start": 1512, "end": 1560}},
                   {"type": "ISSUED_BY", "head_at": {"start": 300, "end": 336}, "tail": "...",
                    "evidence_at": {"start": 290, "end": 400}}]}

:func:`load_gold` resolves that into a :class:`GoldDocument`; :func:`check_gold` returns the
problems found in it (an empty list means the file is consistent with the text).
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from graph.vocabulary import canonical_ends
from ingest.models import ENTITY_TYPES, RELATION_TYPES

logger = logging.getLogger(__name__)

#: Strings at least this long are stored as offsets, never literally.
LONG_TEXT = 20

#: Relation types whose head or tail must have one of these entity types (direction checks).
HEAD_TYPES: dict[str, frozenset[str]] = {
    "ISSUED_BY": frozenset({"Policy"}),
}
TAIL_TYPES: dict[str, frozenset[str]] = {
    "LOCATED_IN": frozenset({"City", "District"}),
    "ISSUED_BY": frozenset({"GovernmentAgency"}),
    "CO_BUILDS": frozenset({"Platform", "ResearchInstitute"}),
    "MEMBER_OF": frozenset({"Platform"}),
}

_QUOTES = "“”\"'‘’《》「」『』"


class GoldError(ValueError):
    """A gold file that cannot be resolved against its document (bad offsets, bad layout)."""


class GoldEntity(BaseModel):
    name: str
    type: str
    mentions: list[str] = Field(default_factory=list)


class GoldRelation(BaseModel):
    type: str
    head: str
    tail: str
    evidence: str
    evidence_start: int | None = None
    evidence_end: int | None = None


class GoldMeta(BaseModel):
    """The guideline's document metadata (``meta``): who wrote it, for which place and years."""

    jurisdiction: str | None = None
    issuer: str | None = None
    date: str | None = None
    report_year: int | None = None
    plan_year: int | None = None


class GoldIndicator(BaseModel):
    """One stated figure (guideline, "Indicators"); matched on jurisdiction, value, unit, year, kind."""

    jurisdiction: str
    name: str = ""
    value: float
    unit: str = ""
    year: int | None = None
    kind: str = "actual"
    evidence: str = ""


class GoldDocument(BaseModel):
    doc: str
    meta: GoldMeta | None = None  # None: the file has no ``meta``, which is then not scored
    entities: list[GoldEntity] = Field(default_factory=list)
    relations: list[GoldRelation] = Field(default_factory=list)
    indicators: list[GoldIndicator] | None = None  # None: not annotated, not scored

    def entity(self, name: str) -> GoldEntity | None:
        """The entity with this canonical name, if any."""
        for ent in self.entities:
            if ent.name == name:
                return ent
        return None

    def entity_counts(self) -> dict[str, int]:
        return dict(Counter(e.type for e in self.entities))

    def relation_counts(self) -> dict[str, int]:
        return dict(Counter(r.type for r in self.relations))


def strip_name(name: str) -> str:
    """A name as the scorer compares it: quotes and 《》 removed, surrounding space trimmed."""
    return "".join(ch for ch in name if ch not in _QUOTES).strip()


def read_document_text(path: Path) -> str:
    """A corpus document exactly as the offsets index it: UTF-8 decoded, newlines untouched."""
    return path.read_bytes().decode("utf-8")


def _resolve_span(value: Any, text: str, where: str) -> str:
    if not isinstance(value, Mapping) or set(value) != {"start", "end"}:
        raise GoldError(f"{where}: expected {{'start', 'end'}}, got {value!r}")
    start, end = value["start"], value["end"]
    if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end <= len(text):
        raise GoldError(f"{where}: offsets {start}..{end} out of range for a text of {len(text)} chars")
    return text[start:end]


def _resolve_field(raw: Mapping[str, Any], key: str, text: str, where: str) -> str:
    """``key`` literally, or ``key_at`` as offsets; exactly one of them must be present."""
    has_lit, has_at = key in raw, f"{key}_at" in raw
    if has_lit == has_at:
        raise GoldError(f"{where}: needs exactly one of {key!r} and {key + '_at'!r}")
    if has_at:
        return _resolve_span(raw[f"{key}_at"], text, f"{where}.{key}_at")
    value = raw[key]
    if not isinstance(value, str):
        raise GoldError(f"{where}.{key}: expected a string, got {value!r}")
    return value


def resolve_gold(raw: Mapping[str, Any], text: str) -> GoldDocument:
    """Turn the raw JSON object of a gold file into a :class:`GoldDocument` using ``text``."""
    doc = raw.get("doc")
    if not isinstance(doc, str):
        raise GoldError("gold file: 'doc' must be the document's file name")
    entities: list[GoldEntity] = []
    for i, ent in enumerate(raw.get("entities", [])):
        where = f"entities[{i}]"
        mentions: list[str] = []
        for j, mention in enumerate(ent.get("mentions", [])):
            if isinstance(mention, str):
                mentions.append(mention)
            else:
                mentions.append(_resolve_span(mention, text, f"{where}.mentions[{j}]"))
        entities.append(
            GoldEntity(
                name=_resolve_field(ent, "name", text, where),
                type=str(ent.get("type", "")),
                mentions=mentions,
            )
        )
    relations: list[GoldRelation] = []
    for i, rel in enumerate(raw.get("relations", [])):
        where = f"relations[{i}]"
        # both forms may be given (synthetic gold writes the sentence and its offsets): the offsets decide
        evidence = (
            _resolve_span(rel["evidence_at"], text, f"{where}.evidence_at")
            if "evidence_at" in rel
            else _resolve_field(rel, "evidence", text, where)
        )
        span = rel.get("evidence_at")
        if span is not None:
            start, end = span["start"], span["end"]
        else:  # the guideline's verbatim form: locate it (first occurrence)
            found = text.find(evidence)
            start, end = (found, found + len(evidence)) if found >= 0 else (None, None)
        relations.append(
            GoldRelation(
                type=str(rel.get("type", "")),
                head=_resolve_field(rel, "head", text, where),
                tail=_resolve_field(rel, "tail", text, where),
                evidence=evidence,
                evidence_start=start,
                evidence_end=end,
            )
        )
    meta = raw.get("meta")
    if meta is not None and not isinstance(meta, Mapping):
        raise GoldError(f"gold file {doc}: 'meta' must be an object, got {meta!r}")
    indicators = raw.get("indicators")
    if indicators is not None and not isinstance(indicators, list):
        raise GoldError(f"gold file {doc}: 'indicators' must be a list, got {type(indicators).__name__}")
    try:
        gold_meta = GoldMeta.model_validate(meta) if meta is not None else None
        gold_indicators = [GoldIndicator.model_validate(x) for x in indicators] if indicators is not None else None
    except ValueError as exc:
        raise GoldError(f"gold file {doc}: {exc}") from exc
    return GoldDocument(doc=doc, meta=gold_meta, entities=entities, relations=relations, indicators=gold_indicators)


def load_raw(path: Path | str) -> dict[str, Any]:
    with Path(path).open(encoding="utf-8") as f:
        data = json.load(f)
    if not isinstance(data, dict):
        raise GoldError(f"{path}: a gold file is a JSON object")
    return data


def load_gold(path: Path | str, corpus_dir: Path | str) -> GoldDocument:
    """Load a gold file and resolve its offsets against ``corpus_dir / <doc>``."""
    raw = load_raw(path)
    doc = raw.get("doc")
    if not isinstance(doc, str):
        raise GoldError(f"{path}: 'doc' must be the document's file name")
    text = read_document_text(Path(corpus_dir) / doc)
    gold = resolve_gold(raw, text)
    logger.debug("loaded gold %s: %d entities, %d relations", doc, len(gold.entities), len(gold.relations))
    return gold


def load_gold_dir(gold_dir: Path | str, corpus_dir: Path | str) -> list[GoldDocument]:
    """Every gold file (``*.json``) of ``gold_dir``, resolved against ``corpus_dir``, by file name."""
    return [load_gold(path, corpus_dir) for path in sorted(Path(gold_dir).glob("*.json"))]


def check_gold(gold: GoldDocument, text: str) -> list[str]:
    """Mechanical checks of a resolved gold document against its text; returns problems found.

    Checked: entity and relation types belong to the schema; names are non-empty and unique;
    every mention and every evidence occurs verbatim in the text; no surface string is a mention
    of two entities; every relation's head and tail is an entity of the file, differ from each
    other, and have types allowed by the relation's direction; no relation is listed twice
    (COOPERATES_WITH in either direction).
    """
    problems: list[str] = []
    by_name: dict[str, GoldEntity] = {}
    owner: dict[str, str] = {}
    for ent in gold.entities:
        label = f"entity {ent.name!r}"
        if not ent.name.strip():
            problems.append("entity with an empty name")
        if ent.type not in ENTITY_TYPES:
            problems.append(f"{label}: unknown type {ent.type!r}")
        if ent.name in by_name:
            problems.append(f"{label}: listed twice")
        by_name[ent.name] = ent
        if len(set(ent.mentions)) != len(ent.mentions):
            problems.append(f"{label}: repeated mention")
        for mention in ent.mentions:
            if not mention.strip():
                problems.append(f"{label}: empty mention")
            elif mention not in text:
                problems.append(f"{label}: mention {mention!r} not in the text")
            key = strip_name(mention)
            if key in owner and owner[key] != ent.name:
                problems.append(f"{label}: mention {mention!r} also belongs to {owner[key]!r}")
            owner.setdefault(key, ent.name)
        if not ent.mentions and ent.name not in text:
            problems.append(f"{label}: no mention and the name is not in the text")
    seen: set[tuple[str, ...]] = set()
    for rel in gold.relations:
        label = f"relation {rel.type}({rel.head!r} -> {rel.tail!r})"
        if rel.type not in RELATION_TYPES:
            problems.append(f"{label}: unknown type {rel.type!r}")
        for role, name in (("head", rel.head), ("tail", rel.tail)):
            if name not in by_name:
                problems.append(f"{label}: {role} is not an entity of the file")
        if rel.head == rel.tail:
            problems.append(f"{label}: head and tail are the same entity")
        head, tail = by_name.get(rel.head), by_name.get(rel.tail)
        if head is not None and rel.type in HEAD_TYPES and head.type not in HEAD_TYPES[rel.type]:
            problems.append(f"{label}: head type {head.type} not allowed")
        if tail is not None and rel.type in TAIL_TYPES and tail.type not in TAIL_TYPES[rel.type]:
            problems.append(f"{label}: tail type {tail.type} not allowed")
        if not rel.evidence.strip():
            problems.append(f"{label}: empty evidence")
        elif rel.evidence not in text:
            problems.append(f"{label}: evidence not in the text")
        triple = (rel.type, *canonical_ends(rel.type, rel.head, rel.tail))
        if triple in seen:
            problems.append(f"{label}: listed twice")
        seen.add(triple)
    return problems


def _literal_strings(raw: Any) -> Iterable[str]:
    if isinstance(raw, str):
        yield raw
    elif isinstance(raw, Mapping):
        for value in raw.values():
            yield from _literal_strings(value)
    elif isinstance(raw, list):
        for value in raw:
            yield from _literal_strings(value)


def check_no_copied_text(raw: Mapping[str, Any], text: str, limit: int = LONG_TEXT) -> list[str]:
    """Literal strings of a raw gold file that copy ``limit`` or more characters of the document.

    Long names and all evidence must be stored as offsets so that no run of the document's text
    ends up in the repository.
    """
    squeezed = "".join(text.split())
    problems = []
    for value in _literal_strings(raw):
        flat = "".join(value.split())
        if len(flat) >= limit and flat in squeezed:
            problems.append(f"literal string of {len(flat)} chars copies the document: store offsets")
    return problems
