"""The review queue: what in the graph most needs a human, ordered by how much it would change the network.

Three kinds of item (thresholds in ``curation_queue_data/queue.yaml``):

    duplicate       two actors the resolution rules relate but left apart (``duplicate_candidates``);
                    score = the candidate's score; suggestion: merge the shorter name into the longer
    low_confidence  a relation whose confidence is below the threshold; score = 1 - confidence;
                    suggestion: review (or reject) it
    uncertain_type  an actor whose name ends with a suffix of another type (``uncertain_type.tsv``);
                    score = the file's score; suggestion: retype

The **impact** of an item is the sum, over the actors it involves, of their degree centrality and
betweenness on the analysis projection (the whole graph, undirected, parallel relations merged; both in
[0, 1]): merging, retyping or dropping a tie of a hub or a broker changes the network most. Items are
ordered by ``priority = score × impact``, then impact, then a stable key. Items already decided in the
curation log (a relation reviewed, an actor retyped) are left out; merged and rejected facts are no
longer in the graph.
"""

from __future__ import annotations

import logging
from collections.abc import Hashable
from functools import cache
from pathlib import Path
from typing import Any, Literal

import networkx as nx
import yaml
from pydantic import BaseModel, Field

from graph.analysis import ProjectionFilter, betweenness
from graph.analysis_service import projection
from graph.vocabulary import SYMMETRIC_RELATIONS
from ingest.curation import ActorKey, Decision, RelationKey, active
from ingest.models import ENTITY_TYPES, RELATION_TYPES
from ingest.resolve import NEAR_TYPES, duplicate_candidates

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent / "curation_queue_data"
Kind = Literal["duplicate", "low_confidence", "uncertain_type"]
KINDS: tuple[str, ...] = ("duplicate", "low_confidence", "uncertain_type")


class QueueDataError(ValueError):
    """A review-queue data file that cannot be used; the message names the file and the bad value."""


class QueueSettings(BaseModel):
    low_confidence_below: float = Field(ge=0.0, le=1.0)
    duplicate_min_score: float = Field(ge=0.0, le=1.0)
    uncertain_type_score: float = Field(ge=0.0, le=1.0)
    betweenness_exact_up_to: int = Field(ge=0)
    betweenness_sample_k: int = Field(ge=1)


class QueueActor(BaseModel):
    id: str
    name: str
    type: str
    degree: int = Field(description="distinct partners in the projection")
    degree_centrality: float
    betweenness: float


class QueueRelation(BaseModel):
    type: str
    head: str
    tail: str
    confidence: float | None = None
    weight: int | None = None


class QueueItem(BaseModel):
    kind: Kind
    reason: str
    score: float = Field(description="how likely the item is wrong (0-1)")
    impact: float = Field(description="sum of the involved actors' degree centrality and betweenness")
    priority: float = Field(description="score × impact; the queue's order")
    actors: list[QueueActor]
    relation: QueueRelation | None = None
    suggestion: dict[str, Any] = Field(description="a decision to POST to /curation (fields of the decision)")


class ReviewQueue(BaseModel):
    total: int = Field(description="items before --top / ?top")
    counts: dict[str, int] = Field(description="items of each kind")
    betweenness: str = Field(description="exact, or sampled with k sources")
    items: list[QueueItem]


@cache
def queue_settings(path: Path = DATA / "queue.yaml") -> QueueSettings:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return QueueSettings.model_validate(raw)
    except (OSError, yaml.YAMLError, ValueError) as exc:
        raise QueueDataError(f"{path}: {exc}") from exc


@cache
def type_suffixes(path: Path = DATA / "uncertain_type.tsv") -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(suffix, types) pairs, longest suffix first."""
    rows: list[tuple[str, tuple[str, ...]]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2:
            raise QueueDataError(f"{path}:{n}: expected 'suffix<TAB>types', got {line!r}")
        types = tuple(t.strip() for t in parts[1].split(",") if t.strip())
        bad = [t for t in types if t not in ENTITY_TYPES]
        if not types or bad:
            raise QueueDataError(f"{path}:{n}: unknown actor type(s) {bad or parts[1]!r}")
        rows.append((parts[0].strip(), types))
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def suffix_types(name: str) -> tuple[str, tuple[str, ...]] | None:
    """The longest suffix of uncertain_type.tsv that ``name`` ends with, and the types it belongs to."""
    for suffix, types in type_suffixes():
        if name.endswith(suffix) and len(name) > len(suffix):
            return suffix, types
    return None


class _Network:
    """Degree centrality and betweenness of every actor of the projection."""

    def __init__(self, G: nx.Graph, settings: QueueSettings) -> None:
        n = G.number_of_nodes()
        self.G = G
        self.scale = 1.0 / (n - 1) if n > 1 else 0.0
        k = None if n <= settings.betweenness_exact_up_to else min(n, settings.betweenness_sample_k)
        self.between: dict[Hashable, float] = betweenness(G, k=k, seed=0).values if G.number_of_edges() else {}
        self.method = "exact" if k is None else f"sampled (k={k})"

    def actor(self, actor_id: str, name: str, etype: str) -> QueueActor:
        deg = int(self.G.degree(actor_id)) if actor_id in self.G else 0
        return QueueActor(
            id=actor_id,
            name=name,
            type=etype,
            degree=deg,
            degree_centrality=round(deg * self.scale, 6),
            betweenness=round(float(self.between.get(actor_id, 0.0)), 6),
        )


def _item(
    kind: Kind,
    reason: str,
    score: float,
    actors: list[QueueActor],
    suggestion: dict[str, Any],
    relation: QueueRelation | None = None,
) -> QueueItem:
    impact = round(sum(a.degree_centrality + a.betweenness for a in actors), 6)
    return QueueItem(
        kind=kind,
        reason=reason,
        score=round(score, 3),
        impact=impact,
        priority=round(score * impact, 6),
        actors=actors,
        relation=relation,
        suggestion=suggestion,
    )


def _key(actor: QueueActor) -> dict[str, str]:
    return {"name": actor.name, "type": actor.type}


def review_queue(
    store: Any,
    decisions: list[Decision] | None = None,
    *,
    top: int | None = 50,
    kinds: tuple[str, ...] = KINDS,
    relation_limit: int = 5000,
) -> ReviewQueue:
    """The review queue of the stored graph, most consequential first (see the module docstring)."""
    settings = queue_settings()
    in_force = active(decisions or [])
    reviewed = [d.relation for d in in_force if d.op == "review" and d.relation is not None]
    retyped = {(d.actor.name, d.actor.type) for d in in_force if d.op == "retype" and d.actor is not None}
    retyped |= {(d.actor.name, d.new_type) for d in in_force if d.op == "retype" and d.actor and d.new_type}
    net = _Network(projection(store, ProjectionFilter()), settings)
    actors = store.read("curation_queue_actors", timeout_ms=0).records()
    by_name = {(r["name"], r["type"]): r for r in actors}
    items: list[QueueItem] = []

    if "duplicate" in kinds:
        names: dict[str, set[str]] = {}
        for r in actors:
            if r["type"] in NEAR_TYPES:
                names.setdefault(r["type"], set()).add(r["name"])
        for c in duplicate_candidates(names, min_score=settings.duplicate_min_score):
            a, b = by_name.get((c.name, c.type)), by_name.get((c.other, c.type))
            if a is None or b is None:
                continue
            pair = [net.actor(a["id"], a["name"], a["type"]), net.actor(b["id"], b["name"], b["type"])]
            items.append(
                _item(
                    "duplicate",
                    f"{c.name} may be {c.other} (rule {c.rule})",
                    c.score,
                    pair,
                    {"op": "merge", "actor": _key(pair[0]), "into": _key(pair[1])},
                )
            )

    if "uncertain_type" in kinds:
        for r in actors:
            found = suffix_types(r["name"] or "")
            if found is None or r["type"] in found[1] or (r["name"], r["type"]) in retyped:
                continue
            suffix, types = found
            one = net.actor(r["id"], r["name"], r["type"])
            items.append(
                _item(
                    "uncertain_type",
                    f"typed {r['type']} but its name ends in {suffix} ({'/'.join(types)})",
                    settings.uncertain_type_score,
                    [one],
                    {"op": "retype", "actor": _key(one), "new_type": types[0]},
                )
            )

    if "low_confidence" in kinds:
        params = {"types": list(RELATION_TYPES), "below": settings.low_confidence_below, "limit": relation_limit}
        for r in store.read("curation_queue_relations", params, timeout_ms=0).records():
            head = net.actor(r["head"], r["head_name"], r["head_type"])
            tail = net.actor(r["tail"], r["tail_name"], r["tail_type"])
            key = RelationKey(type=r["type"], head=ActorKey(**_key(head)), tail=ActorKey(**_key(tail)))
            if any(_same(rk, key) for rk in reviewed):
                continue
            conf = float(r["confidence"])
            rel = QueueRelation(type=r["type"], head=r["head"], tail=r["tail"], confidence=conf, weight=r["weight"])
            items.append(
                _item(
                    "low_confidence",
                    f"{r['type']} {head.name} → {tail.name}: confidence {conf:.2f}",
                    1.0 - conf,
                    [head, tail],
                    {"op": "review", "relation": key.model_dump()},
                    rel,
                )
            )

    items.sort(key=lambda i: (-i.priority, -i.impact, -i.score, i.kind, [a.id for a in i.actors]))
    counts = {k: sum(i.kind == k for i in items) for k in kinds}
    shown = items if top is None else items[:top]
    log.debug("review queue: %d item(s) %s", len(items), counts)
    return ReviewQueue(total=len(items), counts=counts, betweenness=net.method, items=shown)


def _same(a: RelationKey, b: RelationKey) -> bool:
    """One relation named by two keys (a symmetric type written the other way round)."""
    return a.type == b.type and (
        (a.head.name, a.head.type, a.tail.name, a.tail.type) == (b.head.name, b.head.type, b.tail.name, b.tail.type)
        or (
            a.type in SYMMETRIC_RELATIONS
            and (a.head.name, a.head.type, a.tail.name, a.tail.type)
            == (b.tail.name, b.tail.type, b.head.name, b.head.type)
        )
    )
