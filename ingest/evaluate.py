"""Scoring of extractions against gold files (the annotation guideline's Scoring section).

Entities: a predicted entity matches a gold entity when the types are equal and the predicted
name, or any predicted surface form (mentions, aliases), equals the gold canonical name or any
gold mention after stripping quotes and 《》 (and NFKC width normalisation). Precision is the
share of predicted entities that match some gold entity, recall the share of gold entities
matched by some predicted entity.

Relations: head and tail are mapped to gold entities by the same rule, then matched on
(type, head, tail); COOPERATES_WITH ignores direction; evidence need not match.

Metadata (where the gold file has ``meta``): jurisdiction, issuer (by the entity rule),
report_year and plan_year, each exact; a field counts as correct when both sides are null.

Indicators (where the gold file has ``indicators``): a predicted indicator matches a gold one when
jurisdiction (by the entity rule), value, unit, year and kind are equal; each gold indicator is
matched at most once.

Halves: the development corpus is split by province (:func:`half_of`) into a ``dev`` half, whose
errors a developer reads, and a ``held`` half, whose figures are reported but whose errors are not
printed unless asked for. The gap between the two is the forecast of what unseen documents give.
"""

from __future__ import annotations

import hashlib
import logging
import math
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from graph.vocabulary import canonical_ends
from ingest.gold import GoldDocument, GoldEntity, GoldIndicator, load_gold, strip_name
from ingest.models import ENTITY_TYPES, RELATION_TYPES, Entity, Extraction, Indicator

logger = logging.getLogger(__name__)


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


class FieldMiss(BaseModel):
    field: str
    predicted: str | None
    gold: str | None


class IndicatorItem(BaseModel):
    jurisdiction: str
    name: str
    value: float
    unit: str
    year: int | None
    kind: str


META_FIELDS = ("jurisdiction", "issuer", "report_year", "plan_year")

Half = Literal["dev", "held"]


class DocScore(BaseModel):
    doc: str
    province: str | None = None
    half: Half | None = None
    entities: Score = Field(default_factory=Score)
    entity_types: dict[str, Score] = Field(default_factory=dict)
    false_positives: list[NamedItem] = Field(default_factory=list)
    misses: list[NamedItem] = Field(default_factory=list)
    relations: Score = Field(default_factory=Score)
    relation_types: dict[str, Score] = Field(default_factory=dict)
    relation_false_positives: list[RelationItem] = Field(default_factory=list)
    relation_misses: list[RelationItem] = Field(default_factory=list)
    meta: dict[str, Score] = Field(default_factory=dict)  # field -> 1 gold item, matched or not
    meta_misses: list[FieldMiss] = Field(default_factory=list)
    indicators: Score | None = None  # None: the gold file has no indicators
    indicator_false_positives: list[IndicatorItem] = Field(default_factory=list)
    indicator_misses: list[IndicatorItem] = Field(default_factory=list)


class EvalReport(BaseModel):
    documents: list[DocScore] = Field(default_factory=list)
    entities: Score = Field(default_factory=Score)
    entity_types: dict[str, Score] = Field(default_factory=dict)
    relations: Score = Field(default_factory=Score)
    relation_types: dict[str, Score] = Field(default_factory=dict)
    meta: dict[str, Score] = Field(default_factory=dict)
    indicators: Score = Field(default_factory=Score)

    @property
    def meta_accuracy(self) -> float:
        """Share of correct metadata fields over every scored field of every document."""
        total = sum(s.gold for s in self.meta.values())
        return sum(s.gold_matched for s in self.meta.values()) / total if total else 0.0

    def half(self, which: Half) -> EvalReport:
        """The report restricted to the documents of one half of the split."""
        return aggregate([d for d in self.documents if d.half == which])

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
    if gold.meta is not None:
        _score_meta(pred, gold, result)
    if gold.indicators is not None:
        _score_indicators(pred.indicators, gold, result)
    return result


def _same_entity(predicted: str | None, gold_name: str | None, gold: GoldDocument) -> bool:
    """``predicted`` names the gold entity ``gold_name`` (its name or a mention), or both are null."""
    if predicted is None or gold_name is None:
        return predicted is None and gold_name is None
    forms = {norm(gold_name)}
    ent = gold.entity(gold_name)
    if ent is not None:
        forms |= gold_forms(ent)
    return norm(predicted) in forms


def _score_meta(pred: Extraction, gold: GoldDocument, result: DocScore) -> None:
    assert gold.meta is not None
    meta = pred.document
    predicted: dict[str, str | int | None] = {
        "jurisdiction": meta.region,
        "issuer": meta.issuer,
        "report_year": meta.report_year,
        "plan_year": meta.plan_year,
    }
    for fieldname in META_FIELDS:
        want = getattr(gold.meta, fieldname)
        got = predicted[fieldname]
        if fieldname in ("jurisdiction", "issuer"):
            ok = _same_entity(got if isinstance(got, str) else None, want, gold)
        else:
            ok = got == want
        result.meta[fieldname] = Score(gold=1, gold_matched=int(ok), predicted=1, predicted_matched=int(ok))
        if not ok:
            result.meta_misses.append(
                FieldMiss(
                    field=fieldname,
                    predicted=None if got is None else str(got),
                    gold=None if want is None else str(want),
                )
            )


def _indicator_item(x: Indicator | GoldIndicator) -> IndicatorItem:
    return IndicatorItem(jurisdiction=x.jurisdiction, name=x.name, value=x.value, unit=x.unit, year=x.year, kind=x.kind)


def _indicator_match(p: Indicator, g: GoldIndicator, gold: GoldDocument) -> bool:
    return (
        p.unit == g.unit
        and p.year == g.year
        and p.kind == g.kind
        and math.isclose(p.value, g.value, rel_tol=1e-9, abs_tol=1e-9)
        and _same_entity(p.jurisdiction, g.jurisdiction, gold)
    )


def _score_indicators(pred: list[Indicator], gold: GoldDocument, result: DocScore) -> None:
    assert gold.indicators is not None
    score = Score(predicted=len(pred), gold=len(gold.indicators))
    free = list(range(len(gold.indicators)))
    hit: set[int] = set()
    for p in pred:
        for k in free:
            if _indicator_match(p, gold.indicators[k], gold):
                free.remove(k)
                hit.add(k)
                score.predicted_matched += 1
                break
        else:
            result.indicator_false_positives.append(_indicator_item(p))
    score.gold_matched = len(hit)
    result.indicator_misses = [_indicator_item(g) for k, g in enumerate(gold.indicators) if k not in hit]
    result.indicators = score


def half_of(province: str | None) -> Half:
    """Which half of the development split a province's documents belong to.

    A fixed hash of the province name, so the split never depends on what a document contains and
    every document of one province falls in the same half (a rule fitted to one province's wording
    shows up as a gap between the halves)."""
    digest = hashlib.sha1(f"innograph{province}".encode()).hexdigest()
    return "dev" if int(digest, 16) % 2 == 0 else "held"


def province_of(jurisdiction: str | None) -> str | None:
    """The province of a canonical place name (宝鸡市凤翔县 -> 陕西省, 兰州新区 -> 甘肃省)."""
    if not jurisdiction:
        return None
    from ingest.extract.resources import load_resources

    res = load_resources()
    for end in range(len(jurisdiction), 1, -1):
        head = jurisdiction[:end]
        for candidate in (head, head + "市"):
            ref = res.place(candidate)
            if ref is not None and ref.province:
                return ref.province
    return None


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
    return rtype, *canonical_ends(rtype, head, tail)


def aggregate(scores: list[DocScore]) -> EvalReport:
    report = EvalReport(documents=scores)
    for s in scores:
        report.entities.add(s.entities)
        report.relations.add(s.relations)
        for f, sc in s.meta.items():
            report.meta.setdefault(f, Score()).add(sc)
        if s.indicators is not None:
            report.indicators.add(s.indicators)
        for t, sc in s.entity_types.items():
            report.entity_types.setdefault(t, Score()).add(sc)
        for t, sc in s.relation_types.items():
            report.relation_types.setdefault(t, Score()).add(sc)
    return report


def evaluate(gold_dir: Path, corpus_dir: Path, split: bool = True) -> EvalReport:
    """Extract every corpus document that has a gold file in ``gold_dir`` and score it.

    ``split``: label each document with its half of the province split (:func:`half_of`); only
    the development corpus (corpus-dev) is split, other sets (such as tests/gold_genre) are not.
    """
    from ingest.pipeline import extract_document
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
        if gold.meta is not None:
            score.province = province_of(gold.meta.jurisdiction)
            if split:
                score.half = half_of(score.province)
        logger.info("%s: entity F1 %.3f, relation F1 %.3f", gold.doc, score.entities.f1, score.relations.f1)
        scores.append(score)
    return aggregate(scores)


def _row(label: str, s: Score) -> str:
    return f"{label:<28} {s.predicted:>5} {s.gold:>5} {s.precision:>7.3f} {s.recall:>7.3f} {s.f1:>7.3f}"


def _label(d: DocScore) -> str:
    name = d.doc.removesuffix(".txt")
    return (f"[{d.half}] " if d.half else "") + (name if len(name) <= 36 else name[:35] + "…")


def format_summary(report: EvalReport, title: str = "") -> str:
    """Headline figures, overall and per half when the report has halves."""
    rows = [("all", report)]
    if any(d.half for d in report.documents):
        rows += [("dev half", report.half("dev")), ("held half", report.half("held"))]
    lines = [title] if title else []
    lines.append(f"{'':<12} {'docs':>5} {'entity F1':>10} {'relation F1':>12} {'meta acc':>9} {'indicator F1':>13}")
    for label, rep in rows:
        has_meta = bool(rep.meta)
        has_ind = any(d.indicators is not None for d in rep.documents)
        lines.append(
            f"{label:<12} {len(rep.documents):>5} {rep.entities.f1:>10.3f} {rep.relations.f1:>12.3f} "
            f"{(f'{rep.meta_accuracy:.3f}' if has_meta else '-'):>9} "
            f"{(f'{rep.indicators.f1:.3f}' if has_ind else '-'):>13}"
        )
    return "\n".join(lines)


def format_report(report: EvalReport, details: bool = True, details_for: Half | None = None) -> str:
    """A plain-text table of the report (per document, per type, errors when ``details``).

    ``details_for``: print errors only for the documents of that half (documents without a half,
    such as the three shared documents, always show theirs)."""
    head = f"{'':<40} {'pred':>5} {'gold':>5} {'P':>7} {'R':>7} {'F1':>7}"
    lines = ["ENTITIES", head]
    for d in report.documents:
        lines.append(_row(_label(d), d.entities))
    lines.append(_row("ALL", report.entities))
    for t in ENTITY_TYPES:
        if t in report.entity_types:
            lines.append(_row("  " + t, report.entity_types[t]))
    lines += ["", "RELATIONS", head]
    for d in report.documents:
        lines.append(_row(_label(d), d.relations))
    lines.append(_row("ALL", report.relations))
    for t in RELATION_TYPES:
        if t in report.relation_types:
            lines.append(_row("  " + t, report.relation_types[t]))
    if report.meta:
        lines += ["", "METADATA", f"{'':<40} {'right':>5} {'docs':>5} {'acc':>7}"]
        for f in META_FIELDS:
            if f in report.meta:
                sc = report.meta[f]
                lines.append(f"{f:<40} {sc.gold_matched:>5} {sc.gold:>5} {sc.recall:>7.3f}")
        lines.append(f"{'ALL':<40} {'':>5} {'':>5} {report.meta_accuracy:>7.3f}")
    if any(d.indicators is not None for d in report.documents):
        lines += ["", "INDICATORS", head]
        for d in report.documents:
            if d.indicators is not None:
                lines.append(_row(_label(d), d.indicators))
        lines.append(_row("ALL", report.indicators))
    lines += ["", format_summary(report)]
    if details:
        for d in report.documents:
            if details_for is not None and d.half is not None and d.half != details_for:
                continue
            if d.false_positives or d.misses:
                lines += ["", f"{d.doc}: entity errors"]
                lines += [f"  FP   {e.type:<18} {e.name}" for e in d.false_positives]
                lines += [f"  MISS {e.type:<18} {e.name}" for e in d.misses]
            if d.relation_false_positives or d.relation_misses:
                lines += ["", f"{d.doc}: relation errors"]
                lines += [f"  FP   {r.type:<16} {r.head} -> {r.tail}" for r in d.relation_false_positives]
                lines += [f"  MISS {r.type:<16} {r.head} -> {r.tail}" for r in d.relation_misses]
            if d.meta_misses:
                lines += ["", f"{d.doc}: metadata errors"]
                lines += [f"  {m.field:<13} predicted {m.predicted!s:<24} gold {m.gold}" for m in d.meta_misses]
            if d.indicator_false_positives or d.indicator_misses:
                lines += ["", f"{d.doc}: indicator errors"]
                for tag, items in (("FP  ", d.indicator_false_positives), ("MISS", d.indicator_misses)):
                    lines += [
                        f"  {tag} {i.jurisdiction} {i.name} = {i.value:g} {i.unit} ({i.year}, {i.kind})" for i in items
                    ]
    return "\n".join(lines)
