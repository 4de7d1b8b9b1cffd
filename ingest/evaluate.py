"""Scoring of extractions against gold files (the annotation guideline's Scoring section).

Entities: a predicted entity matches a gold entity when the types are equal and the predicted
name, or any predicted surface form (mentions, aliases), equals the gold canonical name or any
gold mention after stripping quotes and 《》 (and NFKC width normalisation). Precision is the
share of predicted entities that match some gold entity, recall the share of gold entities
matched by some predicted entity.

Relations: head and tail are mapped to gold entities by the same rule, then matched on
(type, head, tail); COOPERATES_WITH ignores direction; evidence need not match.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, Field

from ingest.gold import GoldDocument, GoldEntity, load_gold, strip_name
from ingest.models import ENTITY_TYPES, RELATION_TYPES, Entity, Extraction

logger = logging.getLogger(__name__)

SYMMETRIC = frozenset({"COOPERATES_WITH"})


class EvaluationError(RuntimeError):
    """Gold files or corpus documents needed for an evaluation are missing or unreadable."""


class Score(BaseModel):
    predicted: int = 0
    predicted_matched: int = 0
    gold: int = 0
    gold_matched: int = 0

    @property
    def precision(self) -> float:
        return self.predicted_matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.gold_matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.predicted += other.predicted
        self.predicted_matched += other.predicted_matched
        self.gold += other.gold
        self.gold_matched += other.gold_matched

    def summary(self) -> dict[str, float]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}

    def model_dump_json_ready(self) -> dict[str, object]:
        return {**self.model_dump(), **self.summary()}


class NamedItem(BaseModel):
    name: str
    type: str


class RelationItem(BaseModel):
    type: str
    head: str
    tail: str


class DocScore(BaseModel):
    doc: str
    entities: Score = Field(default_factory=Score)
    entity_types: dict[str, Score] = Field(default_factory=dict)
    false_positives: list[NamedItem] = Field(default_factory=list)
    misses: list[NamedItem] = Field(default_factory=list)
    relations: Score = Field(default_factory=Score)
    relation_types: dict[str, Score] = Field(default_factory=dict)
    relation_false_positives: list[RelationItem] = Field(default_factory=list)
    relation_misses: list[RelationItem] = Field(default_factory=list)


class EvalReport(BaseModel):
    documents: list[DocScore] = Field(default_factory=list)
    entities: Score = Field(default_factory=Score)
    entity_types: dict[str, Score] = Field(default_factory=dict)
    relations: Score = Field(default_factory=Score)
    relation_types: dict[str, Score] = Field(default_factory=dict)

    def to_json_dict(self) -> dict[str, object]:
        """JSON-ready dict that also carries precision/recall/F1 of every score."""

        def conv(obj: object) -> object:
            if isinstance(obj, Score):
                return obj.model_dump_json_ready()
            if isinstance(obj, BaseModel):
                return {k: conv(getattr(obj, k)) for k in type(obj).model_fields}
            if isinstance(obj, dict):
                return {k: conv(v) for k, v in obj.items()}
            if isinstance(obj, list):
                return [conv(v) for v in obj]
            return obj

        out = conv(self)
        assert isinstance(out, dict)
        return out


def norm(surface: str) -> str:
    """A surface form as compared by the scorer."""
    return strip_name(unicodedata.normalize("NFKC", surface))


def predicted_forms(entity: Entity) -> set[str]:
    forms = {entity.name, *(m.text for m in entity.mentions), *entity.aliases}
    return {norm(f) for f in forms if f}


def gold_forms(entity: GoldEntity) -> set[str]:
    return {norm(f) for f in (entity.name, *entity.mentions) if f}


def match_entities(pred: Iterable[Entity], gold: Iterable[GoldEntity]) -> dict[str, set[str]]:
    """Predicted entity id -> names of the gold entities it matches."""
    gold_list = list(gold)
    index: dict[tuple[str, str], set[str]] = {}
    for g in gold_list:
        for f in gold_forms(g):
            index.setdefault((g.type, f), set()).add(g.name)
    out: dict[str, set[str]] = {}
    for p in pred:
        found: set[str] = set()
        for f in predicted_forms(p):
            found |= index.get((p.type, f), set())
        out[p.id] = out.get(p.id, set()) | found
    return out


def score_document(pred: Extraction, gold: GoldDocument) -> DocScore:
    """Entity and relation scores of one document.

    Only what the text states is scored (annotation guideline, rule 9): relations taken from the
    gazetteer (``source == "gazetteer"``: a district LOCATED_IN its city) and entities that are only an
    implicit subject, never mentioned, are left out of the prediction before scoring.
    """
    result = DocScore(doc=gold.doc)
    pred = pred.model_copy(
        update={
            "entities": [e for e in pred.entities if e.mentions or not e.implicit],
            "relations": [r for r in pred.relations if r.source != "gazetteer"],
        }
    )
    matches = match_entities(pred.entities, gold.entities)
    matched_gold: set[str] = set()
    for e in pred.entities:
        hit = matches.get(e.id, set())
        ts = result.entity_types.setdefault(e.type, Score())
        ts.predicted += 1
        result.entities.predicted += 1
        if hit:
            ts.predicted_matched += 1
            result.entities.predicted_matched += 1
            matched_gold |= hit
        else:
            result.false_positives.append(NamedItem(name=e.name, type=e.type))
    for g in gold.entities:
        ts = result.entity_types.setdefault(g.type, Score())
        ts.gold += 1
        result.entities.gold += 1
        if g.name in matched_gold:
            ts.gold_matched += 1
            result.entities.gold_matched += 1
        else:
            result.misses.append(NamedItem(name=g.name, type=g.type))
    _score_relations(pred, gold, matches, result)
    return result


def _score_relations(pred: Extraction, gold: GoldDocument, matches: dict[str, set[str]], result: DocScore) -> None:
    names = {e.id: e.name for e in pred.entities}
    gold_keys: dict[tuple[str, str, str], RelationItem] = {}
    for r in gold.relations:
        gold_keys[_key(r.type, r.head, r.tail)] = RelationItem(type=r.type, head=r.head, tail=r.tail)
    hit_gold: set[tuple[str, str, str]] = set()
    for pr in pred.relations:
        ts = result.relation_types.setdefault(pr.type, Score())
        ts.predicted += 1
        result.relations.predicted += 1
        found = {_key(pr.type, h, t) for h in matches.get(pr.head, set()) for t in matches.get(pr.tail, set())} & set(
            gold_keys
        )
        if found:
            ts.predicted_matched += 1
            result.relations.predicted_matched += 1
            hit_gold |= found
        else:
            result.relation_false_positives.append(
                RelationItem(type=pr.type, head=names.get(pr.head, pr.head), tail=names.get(pr.tail, pr.tail))
            )
    for key, item in gold_keys.items():
        ts = result.relation_types.setdefault(item.type, Score())
        ts.gold += 1
        result.relations.gold += 1
        if key in hit_gold:
            ts.gold_matched += 1
            result.relations.gold_matched += 1
        else:
            result.relation_misses.append(item)


def _key(rtype: str, head: str, tail: str) -> tuple[str, str, str]:
    if rtype in SYMMETRIC and tail < head:
        head, tail = tail, head
    return rtype, head, tail


def aggregate(scores: list[DocScore]) -> EvalReport:
    report = EvalReport(documents=scores)
    for s in scores:
        report.entities.add(s.entities)
        report.relations.add(s.relations)
        for t, sc in s.entity_types.items():
            report.entity_types.setdefault(t, Score()).add(sc)
        for t, sc in s.relation_types.items():
            report.relation_types.setdefault(t, Score()).add(sc)
    return report


def evaluate(gold_dir: Path, corpus_dir: Path) -> EvalReport:
    """Extract every corpus document that has a gold file in ``gold_dir`` and score it."""
    from ingest.extract import extract_document
    from ingest.readers import read_document

    gold_files = sorted(Path(gold_dir).glob("*.json"))
    if not gold_files:
        raise EvaluationError(f"no gold files in {gold_dir}")
    scores = []
    for path in gold_files:
        gold = load_gold(path, corpus_dir)
        doc_path = Path(corpus_dir) / gold.doc
        if not doc_path.is_file():
            raise EvaluationError(f"corpus document {gold.doc} not found in {corpus_dir}")
        document = read_document(doc_path)
        pred = extract_document(document)
        score = score_document(pred, gold)
        logger.info("%s: entity F1 %.3f, relation F1 %.3f", gold.doc, score.entities.f1, score.relations.f1)
        scores.append(score)
    return aggregate(scores)


def _row(label: str, s: Score) -> str:
    return f"{label:<28} {s.predicted:>5} {s.gold:>5} {s.precision:>7.3f} {s.recall:>7.3f} {s.f1:>7.3f}"


def format_report(report: EvalReport, details: bool = True) -> str:
    """A plain-text table of the report (per document, per type, errors when ``details``)."""
    head = f"{'':<28} {'pred':>5} {'gold':>5} {'P':>7} {'R':>7} {'F1':>7}"
    lines = ["ENTITIES", head]
    for d in report.documents:
        lines.append(_row(d.doc, d.entities))
    lines.append(_row("ALL", report.entities))
    for t in ENTITY_TYPES:
        if t in report.entity_types:
            lines.append(_row("  " + t, report.entity_types[t]))
    lines += ["", "RELATIONS", head]
    for d in report.documents:
        lines.append(_row(d.doc, d.relations))
    lines.append(_row("ALL", report.relations))
    for t in RELATION_TYPES:
        if t in report.relation_types:
            lines.append(_row("  " + t, report.relation_types[t]))
    if details:
        for d in report.documents:
            if d.false_positives or d.misses:
                lines += ["", f"{d.doc}: entity errors"]
                lines += [f"  FP   {e.type:<18} {e.name}" for e in d.false_positives]
                lines += [f"  MISS {e.type:<18} {e.name}" for e in d.misses]
            if d.relation_false_positives or d.relation_misses:
                lines += ["", f"{d.doc}: relation errors"]
                lines += [f"  FP   {r.type:<16} {r.head} -> {r.tail}" for r in d.relation_false_positives]
                lines += [f"  MISS {r.type:<16} {r.head} -> {r.tail}" for r in d.relation_misses]
    return "\n".join(lines)
