"""Named queries: list the read queries of the library and run one with validated parameters."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, HTTPException, Path

from api.deps import ReadAccess, SettingsDep, StoreDep
from api.routers.common import READ_ERRORS, run_read
from api.schemas import QueryInfo, QueryRows, QueryRun
from graph.queries import Query, bind_parameters

router = APIRouter(prefix="/queries", tags=["queries"], dependencies=[ReadAccess], responses=READ_ERRORS)

QueryName = Annotated[str, Path(min_length=1, max_length=100, pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")]


def _info(q: Query) -> QueryInfo:
    return QueryInfo(
        name=q.name,
        group=q.group,
        description=q.description,
        params=list(q.params),
        optional_params=list(q.optional_params),
        columns=list(q.columns),
        example=dict(q.example),
    )


def _read_query(store: StoreDep, name: str) -> Query:
    if not store.library.has(name, store.backend):
        raise HTTPException(status_code=404, detail=f"no query named {name!r}")
    q: Query = store.library.get(name, store.backend)
    if q.mode != "read":
        raise HTTPException(status_code=404, detail=f"no read query named {name!r} ({name} is a {q.mode} query)")
    return q


@router.get("", response_model=list[QueryInfo], summary="Every read query of the library")
def list_queries(store: StoreDep) -> list[QueryInfo]:
    return [_info(q) for q in store.library.for_backend(store.backend) if q.mode == "read"]


@router.get("/{name}", response_model=QueryInfo, summary="One read query of the library")
def get_query(name: QueryName, store: StoreDep) -> QueryInfo:
    return _info(_read_query(store, name))


@router.post("/{name}", response_model=QueryRows, summary="Run one read query with parameters")
def run_query(
    name: QueryName,
    store: StoreDep,
    settings: SettingsDep,
    body: Annotated[QueryRun | None, Body()] = None,
) -> QueryRows:
    q = _read_query(store, name)
    params = bind_parameters(q, (body or QueryRun()).params)  # QueryParameterError -> 422
    res = run_read(store, settings, q.name, params)
    return QueryRows(columns=res.columns, rows=res.rows, truncated=res.truncated)
