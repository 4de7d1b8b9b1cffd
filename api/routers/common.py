"""Helpers shared by the API routers: running named reads with the server's limits, errors, paging."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import HTTPException, Query

from api.schemas import ErrorResponse
from api.settings import Settings
from graph.errors import QueryParameterError
from graph.store import QueryResult

MAX_PAGE = 200
MAX_OFFSET = 1_000_000

Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="number of items to skip")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size (at most {MAX_PAGE})")]
Year = Annotated[int | None, Query(ge=1900, le=2100, description="a calendar year")]

_ERROR = {"model": ErrorResponse}
READ_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {**_ERROR, "description": "a read key is configured and the X-API-Key header is missing or wrong"},
    403: {**_ERROR, "description": "refused"},
    404: {**_ERROR, "description": "no such item"},
    408: {**_ERROR, "description": "the query exceeded the time limit"},
    413: {**_ERROR, "description": "the request body is too large"},
    422: {**_ERROR, "description": "invalid parameters"},
    503: {**_ERROR, "description": "the graph database failed to answer"},
}


TEXT_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {
        "description": spec["description"],
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}},
    }
    for code, spec in READ_ERRORS.items()
}
"""READ_ERRORS for a route whose success is not JSON (FastAPI would list the error model under its media type)."""


def run_read(
    store: Any,
    settings: Settings,
    name: str,
    params: dict[str, Any] | None = None,
    *,
    row_limit: int | None = None,
) -> QueryResult:
    """Run a named read query with the server's time limit (and row limit unless given)."""
    with parameter_errors():
        result: QueryResult = store.read(
            name,
            params or {},
            timeout_ms=settings.query_timeout_ms,
            row_limit=row_limit if row_limit is not None else settings.row_limit,
        )
    return result


@contextmanager
def parameter_errors() -> Iterator[None]:
    """A parameter value the database client cannot send (e.g. a map with an empty key) is the caller's
    error (422), not the server's."""
    try:
        yield
    except QueryParameterError:
        raise
    except (ValueError, TypeError) as exc:
        raise QueryParameterError(f"a parameter value cannot be sent to the database: {exc}") from exc


RegionParam = Annotated[
    str | None,
    Query(
        max_length=200,
        description="a place and everything within it, itself included (南通市: the city, its districts and every "
        "actor placed in it); short forms resolve (南通 → 南通市); an unknown region is a 422 naming close matches",
    ),
]


def region_filter(store: Any, region: str | None) -> str | None:
    """The graph's name for the region a request names (the same resolution as the CLI's --region)."""
    if region is None:
        return None
    from graph.analysis_service import resolve_region

    return resolve_region(store, region)  # UnknownRegionError: 422 invalid_parameters (api/app.py)


def not_found(what: str, ident: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no {what} with id {ident!r}")


def none_if_empty(values: Sequence[str] | None) -> list[str] | None:
    """Repeatable query parameters: absent or empty means "no filter"."""
    return list(dict.fromkeys(values)) if values else None
