"""POST /cypher: ad-hoc read-only Cypher, refused by the database if it writes."""

from __future__ import annotations

import logging

from fastapi import APIRouter

from api.deps import ReadAccess, SettingsDep, StoreDep
from api.routers.common import READ_ERRORS, parameter_errors
from api.schemas import CypherRequest, QueryRows

log = logging.getLogger(__name__)

router = APIRouter(tags=["cypher"], dependencies=[ReadAccess], responses=READ_ERRORS)


@router.post(
    "/cypher",
    response_model=QueryRows,
    summary="Run one read-only Cypher statement (writes are refused by the database: 403)",
)
def run_cypher(request: CypherRequest, store: StoreDep, settings: SettingsDep) -> QueryRows:
    with parameter_errors():
        res = store.read_cypher(
            request.query,
            request.params,
            timeout_ms=settings.query_timeout_ms,
            row_limit=settings.row_limit,
        )
    log.debug("ad-hoc cypher: %d rows, truncated=%s", len(res.rows), res.truncated)
    return QueryRows(columns=res.columns, rows=res.rows, truncated=res.truncated)
