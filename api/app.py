"""The FastAPI application: ``create_app()`` is the factory uvicorn and the tests use."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.settings import Settings, get_settings
from graph.analysis.errors import AnalysisError
from graph.errors import (
    CypherSyntaxError,
    ForbiddenClause,
    GraphError,
    QueryParameterError,
    QueryTimeout,
    QueryTooComplex,
    ReadOnlyViolation,
    UnknownQueryError,
)
from graph.store import GraphStore

log = logging.getLogger(__name__)


def _error(status: int, code: str, message: str, detail: Any = None) -> JSONResponse:
    body: dict[str, Any] = {"error": {"code": code, "message": message}}
    if detail is not None:
        body["error"]["detail"] = detail
    return JSONResponse(status_code=status, content=body)


_MULTIPART_SLACK = 1 << 16  # multipart boundaries and headers around the uploaded bytes


class BodySizeLimit:
    """Refuse request bodies above a limit with 413: by Content-Length up front, and while streaming
    (chunked bodies). ``POST /documents`` (uploads) has its own, larger limit."""

    def __init__(self, app: ASGIApp, *, max_body_bytes: int, max_upload_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.max_upload_bytes = max_upload_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        upload = scope.get("method") == "POST" and scope.get("path", "").rstrip("/") == "/documents"
        limit = self.max_upload_bytes if upload else self.max_body_bytes
        for key, value in scope.get("headers", []):
            if key == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared < 0 or declared > limit:
                    response = _error(413, "too_large", f"the request body exceeds {limit} bytes")
                    await response(scope, receive, send)
                    return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise HTTPException(status_code=413, detail=f"the request body exceeds {limit} bytes")
            return message

        await self.app(scope, limited, send)


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """Build the app. With ``store`` given, the caller owns it; otherwise it is opened from settings."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = store is None
        if owned:
            from api.stores import open_store
            from graph.schema import init_schema

            app.state.store = open_store(settings)
            init_schema(app.state.store)
        try:
            yield
        finally:
            if owned:
                app.state.store.close()

    app = FastAPI(
        title="InnoGraph API",
        summary="Innovation actors and their relationships, extracted from Chinese S&T policy documents.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        return _error(exc.status_code, "http_error", str(exc.detail))

    @app.exception_handler(AnalysisError)
    async def analysis_error(_: Request, exc: AnalysisError) -> JSONResponse:
        # an unknown measure, type, region …: the message the CLI prints too (graph.analysis_options)
        return _error(422, "invalid_parameters", str(exc))

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        return _error(422, "invalid_parameters", "the request's parameters are invalid", detail)

    @app.exception_handler(GraphError)
    async def graph_error(_: Request, exc: GraphError) -> JSONResponse:
        if isinstance(exc, ReadOnlyViolation):
            return _error(403, "read_only", str(exc))
        if isinstance(exc, ForbiddenClause):
            return _error(403, "forbidden_clause", str(exc))
        if isinstance(exc, QueryTimeout):
            return _error(408, "timeout", str(exc))
        if isinstance(exc, UnknownQueryError):
            return _error(404, "not_found", str(exc))
        if isinstance(exc, QueryParameterError | CypherSyntaxError | QueryTooComplex):
            return _error(422, "invalid_query", str(exc))
        log.exception("graph error")
        return _error(503, "graph_unavailable", "the graph database failed to answer")

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return _error(500, "internal_error", "internal error; see the server log")

    app.add_middleware(
        BodySizeLimit,
        max_body_bytes=settings.max_body_bytes,
        max_upload_bytes=settings.max_upload_bytes + _MULTIPART_SLACK,
    )

    from api.routers import (
        actors,
        curation,
        cypher,
        documents,
        explorer,
        health,
        indicators,
        network,
        paths,
        queries,
        stats,
    )

    app.include_router(health.router)
    app.include_router(stats.router)
    app.include_router(actors.router)
    app.include_router(paths.router)
    app.include_router(network.router)
    app.include_router(documents.router)
    app.include_router(curation.router)
    app.include_router(indicators.router)
    app.include_router(queries.router)
    app.include_router(cypher.router)

    from api.routers import analysis

    app.include_router(analysis.router)
    app.include_router(explorer.router)
    return app
