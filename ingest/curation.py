"""Curation: a researcher's corrections of the graph, kept as an append-only log and replayed on every ingest.

The log is a JSON Lines file (``curation.jsonl`` in the data folder), one :class:`Decision` a line,
never rewritten: a decision is withdrawn by appending an ``undo`` that names it. Decisions name actors
by stable keys (canonical name + type, with the place for the reader), never by internal ids, so they
apply to documents ingested later too.

    merge    A into B            every mention of A becomes B
    split    alias X off A       X, where a document writes it, is an actor of its own
    retype   A as T              A is of type T
    rename   A to N              A's canonical name is N (the old one stays an alias)
    reject   T(A -> B)           the relation is dropped, in every document, now and later
    add      T(A -> B) + evidence  the relation is added, with the sentence that states it
    review   T(A -> B)           the relation was checked by a person

:func:`curate` applies the active decisions to one document's extraction, after extraction, resolution
and placing, in log order, deterministically. Added relations form the contribution of one curation
document (``d_curation``) of their own, so they are removed exactly when undone.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, Field, ValidationError

from graph.analysis.export import CurationMarks, Mark, RejectedRelation
from graph.store import GraphStore
from graph.vocabulary import SYMMETRIC_RELATIONS
from ingest.models import (
    ENTITY_TYPES,
    RELATION_TYPES,
    DocumentMeta,
    Entity,
    Evidence,
    Extraction,
    Mention,
    Relation,
    actor_id,
)

log = logging.getLogger(__name__)

LOG_NAME = "curation.jsonl"
CURATION_DOC_ID = "d_curation"
CURATION_SOURCE = "curation"

T = TypeVar("T")

Op = Literal["merge", "split", "retype", "rename", "reject", "add", "review", "undo"]


class CurationError(ValueError):
    """A decision that cannot be recorded or applied; the message names the bad value."""


class ActorKey(BaseModel):
    """An actor as a person names it: canonical name and type (the place only helps the reader)."""

    name: str = Field(min_length=1)
    type: str
    place: str | None = None

    def matches(self, entity: Entity) -> bool:
        return entity.name == self.name and entity.type == self.type

    def label(self) -> str:
        return f"{self.name} ({self.type}{', ' + self.place if self.place else ''})"


class RelationKey(BaseModel):
    type: str
    head: ActorKey
    tail: ActorKey

    def matches(self, rel_type: str, head: Entity, tail: Entity) -> bool:
        if rel_type != self.type:
            return False
        if self.head.matches(head) and self.tail.matches(tail):
            return True
        return rel_type in SYMMETRIC_RELATIONS and self.head.matches(tail) and self.tail.matches(head)

    def label(self) -> str:
        return f"{self.type}({self.head.name} -> {self.tail.name})"


class Decision(BaseModel):
    id: int
    op: Op
    author: str = "unknown"
    at: str = ""
    note: str = ""
    actor: ActorKey | None = None  # merge / split / retype / rename
    into: ActorKey | None = None  # merge
    alias: str | None = None  # split
    new_type: str | None = None  # retype
    new_name: str | None = None  # rename
    relation: RelationKey | None = None  # reject / add / review
    evidence: str | None = None  # add
    undoes: int | None = None  # undo

    def summary(self) -> str:
        what = {
            "merge": lambda: f"merge {self.actor.label()} into {self.into.label()}",  # type: ignore[union-attr]
            "split": lambda: f"split {self.alias} off {self.actor.label()}",  # type: ignore[union-attr]
            "retype": lambda: f"retype {self.actor.label()} as {self.new_type}",  # type: ignore[union-attr]
            "rename": lambda: f"rename {self.actor.label()} to {self.new_name}",  # type: ignore[union-attr]
            "reject": lambda: f"reject {self.relation.label()}",  # type: ignore[union-attr]
            "add": lambda: f"add {self.relation.label()}",  # type: ignore[union-attr]
            "review": lambda: f"review {self.relation.label()}",  # type: ignore[union-attr]
            "undo": lambda: f"undo #{self.undoes}",
        }[self.op]()
        return what + (f" — {self.note}" if self.note else "")

    def validate_fields(self) -> None:
        """Refuse a decision that lacks what its operation needs, or names unknown types."""
        need = {
            "merge": ("actor", "into"),
            "split": ("actor", "alias"),
            "retype": ("actor", "new_type"),
            "rename": ("actor", "new_name"),
            "reject": ("relation",),
            "add": ("relation", "evidence"),
            "review": ("relation",),
            "undo": ("undoes",),
        }[self.op]
        missing = [f for f in need if getattr(self, f) in (None, "")]
        if missing:
            raise CurationError(f"a {self.op} decision needs {', '.join(missing)}")
        for key in (self.actor, self.into, *((self.relation.head, self.relation.tail) if self.relation else ())):
            if key is not None and key.type not in ENTITY_TYPES:
                raise CurationError(f"unknown actor type {key.type!r} (choose from {', '.join(ENTITY_TYPES)})")
        if self.new_type is not None and self.new_type not in ENTITY_TYPES:
            raise CurationError(f"unknown actor type {self.new_type!r} (choose from {', '.join(ENTITY_TYPES)})")
        if self.relation is not None and self.relation.type not in RELATION_TYPES:
            raise CurationError(
                f"unknown relation type {self.relation.type!r} (choose from {', '.join(RELATION_TYPES)})"
            )


class CurationLog:
    """The append-only log of one data folder; appends are serialised by an exclusive file lock, so
    concurrent writers (CLI, API requests) never lose or renumber a decision."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    @classmethod
    def in_folder(cls, data_dir: Path) -> CurationLog:
        return cls(Path(data_dir) / LOG_NAME)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with (self.path.parent / (self.path.name + ".lock")).open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def read(self) -> list[Decision]:
        """Every decision, in order; a damaged line is an error naming its line number."""
        if not self.path.exists():
            return []
        out: list[Decision] = []
        for n, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                out.append(Decision.model_validate_json(line))
            except ValidationError as exc:
                raise CurationError(f"{self.path}:{n}: not a curation decision: {exc.errors()[0]['msg']}") from exc
        return out

    def append(self, decision: Decision) -> Decision:
        """Record ``decision`` with the next id and the current time; returns it as recorded."""
        with self._locked():
            return self._append_locked(decision)

    def record(self, decision: Decision, apply: Callable[[Decision, list[Decision]], T]) -> tuple[Decision, T]:
        """Append ``decision`` and apply it, both under the log's lock: ``apply(recorded, decisions)`` gets the
        log as it is with this decision, and no other writer appends or applies until it returns.

        Appending under the lock alone is not enough: two writers re-deriving the same document could read
        the log one after the other and write the graph in the other order, and the later write, made from
        the older log, would silently undo the other decision in the graph (the log keeping it)."""
        with self._locked():
            recorded = self._append_locked(decision)
            return recorded, apply(recorded, self.read())

    def _append_locked(self, decision: Decision) -> Decision:
        """The body of :meth:`append`; the caller holds the lock."""
        existing = self.read()
        next_id = (existing[-1].id if existing else 0) + 1
        if decision.op == "undo":
            target = next((d for d in existing if d.id == decision.undoes), None)
            if target is None:
                raise CurationError(f"there is no decision #{decision.undoes} to undo")
            if target.op == "undo":
                raise CurationError(f"#{target.id} is an undo; record the decision again instead")
            if any(d.op == "undo" and d.undoes == target.id for d in existing):
                raise CurationError(f"decision #{target.id} is already undone")
        recorded = decision.model_copy(
            update={"id": next_id, "at": decision.at or dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
        )
        recorded.validate_fields()
        with self.path.open("a", encoding="utf-8") as f:
            f.write(recorded.model_dump_json(exclude_none=True) + "\n")
            f.flush()
        log.info("curation #%d: %s", recorded.id, recorded.summary())
        return recorded

    def import_from(
        self, path: Path, author: str | None, apply: Callable[[list[Decision], list[Decision]], T]
    ) -> tuple[list[Decision], T]:
        """Append the decisions of another log (ids renumbered, undo references mapped) and apply them, all
        under the log's lock (as :meth:`record`): ``apply(added, decisions)`` gets the log with them."""
        with self._locked():
            mapping: dict[int, int] = {}
            added = []
            for d in CurationLog(path).read():
                if d.op == "undo":
                    if d.undoes not in mapping:
                        continue
                    d = d.model_copy(update={"undoes": mapping[d.undoes]})  # type: ignore[index]
                new = self._append_locked(d.model_copy(update={"author": author or d.author, "at": d.at}))
                mapping[d.id] = new.id
                added.append(new)
            return added, apply(added, self.read())


def active(decisions: list[Decision]) -> list[Decision]:
    """The decisions in force: every one not withdrawn by an undo, undos themselves left out."""
    undone = {d.undoes for d in decisions if d.op == "undo"}
    return [d for d in decisions if d.op != "undo" and d.id not in undone]


def fingerprint(decisions: list[Decision]) -> str:
    """A short hash of the decisions in force that change extractions (empty when there are none)."""
    relevant = [d.model_dump(exclude={"at", "author", "note"}) for d in active(decisions) if d.op != "review"]
    if not relevant:
        return ""
    return hashlib.sha1(json.dumps(relevant, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:8]


def _rekey(e: Entity, name: str, etype: str, why: str) -> Entity:
    aliases = [a for a in dict.fromkeys([*e.aliases, e.name]) if a != name]
    return e.model_copy(
        update={
            "id": actor_id(etype, name),
            "name": name,
            "type": etype,
            "aliases": aliases,
            "merges": [*e.merges, why],
        }
    )


def names_of(decision: Decision) -> set[str]:
    """The actor names a decision concerns."""
    keys = [decision.actor, decision.into]
    if decision.relation is not None:
        keys += [decision.relation.head, decision.relation.tail]
    names = {k.name for k in keys if k is not None}
    if decision.alias:
        names.add(decision.alias)
    if decision.new_name:
        names.add(decision.new_name)
    return names


def concerned_names(decision: Decision, decisions: list[Decision]) -> set[str]:
    """The actor names whose documents must be re-derived when ``decision`` is recorded: its own, or for an
    undo those of the decision it withdraws (``decisions``: the log that holds both)."""
    if decision.op == "undo":
        target = next((d for d in decisions if d.id == decision.undoes), None)
        return names_of(target) if target is not None else set()
    return names_of(decision)


def _moved(key: ActorKey, d: Decision) -> ActorKey:
    """What ``key`` names after decision ``d`` (a merge, retype or rename moves it)."""
    if d.actor is None or (key.name, key.type) != (d.actor.name, d.actor.type):
        return key
    if d.op == "merge" and d.into is not None:
        return d.into
    if d.op == "retype" and d.new_type:
        return key.model_copy(update={"type": d.new_type})
    if d.op == "rename" and d.new_name:
        return key.model_copy(update={"name": d.new_name})
    return key


def _follow(rel: RelationKey, d: Decision) -> RelationKey:
    return rel.model_copy(update={"head": _moved(rel.head, d), "tail": _moved(rel.tail, d)})


def _concerning(decisions: list[Decision], extraction: Extraction) -> list[Decision]:
    """The decisions, in log order, that concern the actors of ``extraction``: those naming a name it
    writes, or a name an earlier such decision gave one of its actors (merged into B, then B retyped: the
    retype concerns a document that writes only the merged name)."""
    names = {e.name for e in extraction.entities} | {a for e in extraction.entities for a in e.aliases}
    out = []
    for d in decisions:
        concerned = names_of(d)
        if concerned & names:
            out.append(d)
            names |= concerned
    return out


def curate(extraction: Extraction, decisions: list[Decision]) -> Extraction:
    """``extraction`` with the decisions in force applied, in log order.

    The fingerprint of the decisions that concern this document's actors is stamped on its extractor
    version: when they change (a new decision, an undo), an unchanged document loads again; decisions
    about other actors leave it alone."""
    decisions = _concerning(active(decisions), extraction)
    mark = fingerprint(decisions)
    meta = extraction.document
    if mark:
        meta = meta.model_copy(update={"extractor": f"{meta.extractor or ''}+curation:{mark}"})
    if not decisions:
        return extraction.model_copy(update={"document": meta})
    entities = [e.model_copy(deep=True) for e in extraction.entities]
    remap: dict[str, str] = {}
    rejects: list[RelationKey] = []
    for d in decisions:
        why = f"curation #{d.id} (1.00): "
        if d.op == "reject" and d.relation is not None:
            rejects.append(d.relation)
        # a relation rejected earlier names its actors as they were then: it follows them
        rejects = [_follow(r, d) for r in rejects]
        for i, e in enumerate(entities):
            if d.op in ("merge", "retype", "rename") and d.actor is not None and d.actor.matches(e):
                if d.op == "merge" and d.into is not None:
                    new = _rekey(e, d.into.name, d.into.type, why + f"{e.name} -> {d.into.name}")
                elif d.op == "retype" and d.new_type is not None:
                    new = _rekey(e, e.name, d.new_type, why + f"{e.name} retyped {e.type} -> {d.new_type}")
                elif d.new_name is not None:
                    new = _rekey(e, d.new_name, e.type, why + f"{e.name} -> {d.new_name}")
                else:
                    continue
                remap[e.id] = new.id
                entities[i] = new
        if d.op == "split" and d.actor is not None and d.alias:
            for e in list(entities):
                if not d.actor.matches(e):
                    continue
                own = [m for m in e.mentions if m.text == d.alias]
                e.aliases = [a for a in e.aliases if a != d.alias]
                e.mentions = [m for m in e.mentions if m.text != d.alias]
                if own:
                    part = Entity(
                        id=actor_id(e.type, d.alias),
                        name=d.alias,
                        type=e.type,
                        mentions=own,
                        region=e.region,
                        region_path=list(e.region_path),
                        region_source=e.region_source,
                        merges=[why + f"split {d.alias} off {e.name}"],
                    )
                    entities.append(part)
    # entities that became one actor join
    joined: dict[str, Entity] = {}
    for e in entities:
        kept = joined.get(e.id)
        if kept is None:
            joined[e.id] = e
            continue
        kept.mentions.extend(e.mentions)
        kept.aliases = [a for a in dict.fromkeys([*kept.aliases, *e.aliases, e.name]) if a != kept.name]
        kept.merges.extend(e.merges)
        kept.implicit = kept.implicit and e.implicit
    by_id = joined

    def final(eid: str) -> str:
        seen = set()
        while eid in remap and eid not in seen:
            seen.add(eid)
            eid = remap[eid]
        return eid

    relations = []
    for rel in extraction.relations:
        head, tail = final(rel.head), final(rel.tail)
        if head == tail or head not in by_id or tail not in by_id:
            continue
        if any(r.matches(rel.type, by_id[head], by_id[tail]) for r in rejects):
            continue
        relations.append(rel.model_copy(update={"head": head, "tail": tail}))
    return extraction.model_copy(update={"document": meta, "entities": list(by_id.values()), "relations": relations})


def added_relations(decisions: list[Decision]) -> Extraction | None:
    """The curation document: the relations people added, each with its evidence sentence (None when none).

    Its evidence offsets index the curation document's own text, the added sentences one a line."""
    adds = [d.model_copy(update={"relation": rel}) for d, rel in _in_force_followed(decisions, "add") if d.evidence]
    if not adds:
        return None
    lines: list[str] = []
    entities: dict[str, Entity] = {}
    relations: list[Relation] = []
    offset = 0
    for d in adds:
        assert d.relation is not None and d.evidence is not None
        sentence = d.evidence.strip()
        start, end = offset, offset + len(sentence)
        lines.append(sentence)
        offset = end + 1
        ids = []
        for key in (d.relation.head, d.relation.tail):
            eid = actor_id(key.type, key.name)
            ids.append(eid)
            ent = entities.setdefault(eid, Entity(id=eid, name=key.name, type=key.type))  # type: ignore[arg-type]
            at = sentence.find(key.name)
            if at >= 0:
                ent.mentions.append(Mention(text=key.name, start=start + at, end=start + at + len(key.name)))
        relations.append(
            Relation(
                type=d.relation.type,  # type: ignore[arg-type]
                head=ids[0],
                tail=ids[1],
                evidence=[Evidence(text=sentence, start=start, end=end)],
                rule=f"curation #{d.id}",
                confidence=1.0,
            )
        )
    text = "\n".join(lines)
    meta = DocumentMeta(
        id=CURATION_DOC_ID,
        source=CURATION_SOURCE,
        title="relations added by curation",
        chars=len(text),
        extractor=f"curation:{fingerprint(decisions)}",
    )
    return Extraction(document=meta, entities=list(entities.values()), relations=relations)


def curation_text(extraction: Extraction) -> str:
    """The text of the curation document (its evidence sentences, one a line)."""
    return "\n".join(r.evidence[0].text for r in extraction.relations)


_ENTRY = re.compile(r"curation #(\d+)\b")


def decision_number(entry: str) -> int | None:
    """The decision number of a resolution record ``curation #N (1.00): …`` or a rule ``curation #N``."""
    m = _ENTRY.match(entry)
    return int(m.group(1)) if m else None


def _in_force_followed(decisions: list[Decision], op: str) -> list[tuple[Decision, RelationKey]]:
    """The decisions in force of ``op`` about a relation, each with its relation as it names actors now
    (a merge, retype or rename recorded later moves its ends, as :func:`curate` and :func:`added_relations`
    move them)."""
    in_force = active(decisions)
    out = []
    for i, d in enumerate(in_force):
        if d.op == op and d.relation is not None:
            rel = d.relation
            for later in in_force[i + 1 :]:
                rel = _follow(rel, later)
            out.append((d, rel))
    return out


def export_marks(store: GraphStore, decisions: list[Decision]) -> CurationMarks:
    """What curation did to the graph in ``store``, for the marks of exports (``graph.analysis.export``).

    Actors: the decisions of their resolution records (the ``curation #N`` entries of their MENTIONS, what
    ``GET /actors/{id}`` lists as its ``curation``), each of the kind the log gives it; an actor that only
    the curation document mentions is marked ``add``. Relationships: ``add`` where the curation document's
    evidence supports them, ``review`` where a review in force names them. Rejected: the rejections in
    force, their ends as the actors are named now."""
    kinds = {d.id: d.op for d in decisions}
    nodes: dict[str, list[Mark]] = {}
    curation_only: set[str] = set()
    for r in store.read("export_node_curation", timeout_ms=0).records():
        numbers = sorted({n for e in r["entries"] or [] if (n := decision_number(e)) is not None})
        nodes[r["id"]] = [Mark(n, kinds.get(n, "unknown")) for n in numbers]
        if r["curation_only"]:
            curation_only.add(r["id"])
    relations: dict[tuple[str, str, str], list[Mark]] = {}
    for r in store.read("export_edge_curation", timeout_ms=0).records():
        marks = [Mark(n, "add") for rule in r["rules"] or [] if (n := decision_number(rule)) is not None]
        relations.setdefault((r["source"], r["target"], r["type"]), []).extend(marks)
        for end in (r["source"], r["target"]):
            if end in curation_only:
                nodes[end].extend(marks)
    for d, rel in _in_force_followed(decisions, "review"):
        key = (actor_id(rel.head.type, rel.head.name), actor_id(rel.tail.type, rel.tail.name), rel.type)
        relations.setdefault(key, []).append(Mark(d.id, "review"))
        if rel.type in SYMMETRIC_RELATIONS:  # stored once, in either direction
            relations.setdefault((key[1], key[0], rel.type), []).append(Mark(d.id, "review"))
    rejected = tuple(
        RejectedRelation(
            decision=d.id,
            type=rel.type,
            source=actor_id(rel.head.type, rel.head.name),
            target=actor_id(rel.tail.type, rel.tail.name),
            source_name=rel.head.name,
            target_name=rel.tail.name,
            note=d.note,
            author=d.author,
            at=d.at,
        )
        for d, rel in _in_force_followed(decisions, "reject")
    )
    return CurationMarks(
        nodes={k: tuple(v) for k, v in nodes.items() if v},
        relations={k: tuple(v) for k, v in relations.items()},
        rejected=rejected,
    )
