"""Curation: the log of researchers' corrections (read), new decisions and undo (write key).

A decision is recorded in the same append-only log the CLI writes (``innograph curate``) and applied to
the graph at once; it holds for every later ingest. Actors are named by canonical name and type.
"""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel, Field

from api.deps import ReadAccess, SettingsDep, StoreDep, WriteAccess
from api.routers.common import READ_ERRORS
from api.settings import ingest_options
from ingest.curation import (
    ActorKey,
    CurationError,
    CurationLog,
    Decision,
    Op,
    RelationKey,
    active,
    concerned_names,
    names_of,
)
from ingest.curation_queue import KINDS, Kind, ReviewQueue, review_queue

log = logging.getLogger(__name__)
router = APIRouter(prefix="/curation", tags=["curation"], responses=READ_ERRORS)


class DecisionIn(BaseModel):
    """A new decision: the fields its operation needs (see docs/curation.md)."""

    op: Op
    author: str = Field(default="api", max_length=100)
    note: str = Field(default="", max_length=2000)
    actor: ActorKey | None = None
    into: ActorKey | None = None
    alias: str | None = Field(default=None, max_length=200)
    new_type: str | None = None
    new_name: str | None = Field(default=None, max_length=200)
    relation: RelationKey | None = None
    evidence: str | None = Field(default=None, max_length=2000)
    undoes: int | None = Field(default=None, ge=1)


class DecisionList(BaseModel):
    total: int
    items: list[Decision]


class Recorded(BaseModel):
    decision: Decision
    documents_rederived: int


def _log(settings: SettingsDep) -> CurationLog:
    return CurationLog(ingest_options(settings).curation_file)


@router.get("", response_model=DecisionList, dependencies=[ReadAccess], summary="The curation log")
def list_decisions(
    settings: SettingsDep,
    everything: Annotated[bool, Query(alias="all", description="Also withdrawn decisions and the undos.")] = False,
    actor: Annotated[
        list[str] | None,
        Query(description="Only the decisions that name one of these actor names (repeatable: name and aliases)."),
    ] = None,
) -> DecisionList:
    try:
        decisions = _log(settings).read()
    except CurationError as exc:
        raise HTTPException(status_code=500, detail=str(exc)) from exc
    shown = decisions if everything else active(decisions)
    if actor:
        wanted = set(actor)
        shown = [d for d in shown if names_of(d) & wanted]
    return DecisionList(total=len(shown), items=shown)


@router.get(
    "/queue",
    response_model=ReviewQueue,
    dependencies=[ReadAccess],
    summary="What most needs a human: likely duplicates, low-confidence relations, actors of uncertain type",
)
def queue(
    store: StoreDep,
    settings: SettingsDep,
    top: Annotated[int, Query(ge=1, le=1000, description="How many items, most consequential first.")] = 50,
    kind: Annotated[list[Kind] | None, Query(description="Item kind (repeatable); default: every kind.")] = None,
) -> ReviewQueue:
    try:
        decisions = _log(settings).read()
    except CurationError as exc:
        raise HTTPException(status_code=500, detail=str(exc)) from exc
    kinds = tuple(k for k in KINDS if not kind or k in kind)
    return review_queue(store, decisions, top=top, kinds=kinds)


@router.post("", response_model=Recorded, dependencies=[WriteAccess], summary="Record and apply a decision (write key)")
def record_decision(body: DecisionIn, store: StoreDep, settings: SettingsDep) -> Recorded:
    from ingest.pipeline import apply_curation

    options = ingest_options(settings)

    def apply(recorded: Decision, decisions: list[Decision]) -> int:
        names = concerned_names(recorded, decisions)
        return apply_curation(store, decisions, names, aliases_file=options.aliases_file)

    try:
        # append and apply under the log's lock: concurrent requests re-deriving the same documents would
        # otherwise let one made from an older log write last and undo another's decision in the graph
        recorded, count = _log(settings).record(Decision(id=0, **body.model_dump()), apply)
    except CurationError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    return Recorded(decision=recorded, documents_rederived=count)
