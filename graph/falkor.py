"""GraphStore on the embedded FalkorDB server (native client over the unix socket)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import redis
from falkordb import FalkorDB

from graph.embedded import EmbeddedServer
from graph.errors import CypherSyntaxError, GraphError, QueryTimeout, ReadOnlyViolation, StoreUnavailable
from graph.queries import (
    Backend,
    Query,
    QueryLibrary,
    bind_parameters,
    check_ad_hoc_query,
    check_values,
    default_library,
)
from graph.store import QueryResult
from graph.values import plain

log = logging.getLogger(__name__)


def _translate(exc: redis.ResponseError, query: str) -> GraphError:
    msg = str(exc)
    low = msg.lower()
    if "read-only" in low or "read only" in low:
        return ReadOnlyViolation(f"the query writes, but was sent through the read-only path: {msg}")
    if "timed out" in low or "timeout" in low:
        return QueryTimeout(f"the query exceeded its time limit: {msg}")
    return CypherSyntaxError(msg)


class FalkorStore:
    backend: Backend = "falkordb"

    def __init__(
        self,
        data_dir: Path | str,
        graph_name: str = "innograph",
        *,
        library: QueryLibrary | None = None,
        start: bool = True,
        default_timeout_ms: int = 10_000,
        default_row_limit: int = 10_000,
    ) -> None:
        self.server = EmbeddedServer(data_dir)
        self.started = self.server.ensure() if start else False
        self.graph_name = graph_name
        self.library = library or default_library()
        self.default_timeout_ms = default_timeout_ms
        self.default_row_limit = default_row_limit
        self.db = FalkorDB(unix_socket_path=str(self.server.socket))
        self.graph = self.db.select_graph(graph_name)
        self._ensure_graph()

    def _ensure_graph(self) -> None:
        """A graph that does not exist yet refuses reads; create it (with its indexes) on first open."""
        if not self.db.connection.exists(self.graph_name):
            from graph.schema import init_schema

            init_schema(self)

    # -- named queries ---------------------------------------------------------------------
    def _query(self, name: str) -> Query:
        return self.library.get(name, "falkordb")

    def read(
        self,
        name: str,
        params: dict[str, Any] | None = None,
        *,
        timeout_ms: int | None = None,
        row_limit: int | None = None,
    ) -> QueryResult:
        q = self._query(name)
        if q.mode != "read":
            raise ReadOnlyViolation(f"query {name!r} is a {q.mode} query; use write()")
        return self._run(q.text, bind_parameters(q, params), read_only=True, timeout_ms=timeout_ms, row_limit=row_limit)

    def write(self, name: str, params: dict[str, Any] | None = None) -> QueryResult:
        q = self._query(name)
        return self._run(q.text, bind_parameters(q, params), read_only=False, timeout_ms=0, row_limit=None)

    def read_cypher(
        self,
        query: str,
        params: dict[str, Any] | None = None,
        *,
        timeout_ms: int | None = None,
        row_limit: int | None = None,
    ) -> QueryResult:
        check_ad_hoc_query(query)
        return self._run(
            query,
            dict(params or {}),
            read_only=True,
            timeout_ms=timeout_ms,
            row_limit=row_limit or self.default_row_limit,
        )

    def _run(
        self,
        text: str,
        params: dict[str, Any],
        *,
        read_only: bool,
        timeout_ms: int | None,
        row_limit: int | None,
    ) -> QueryResult:
        timeout = self.default_timeout_ms if timeout_ms is None else timeout_ms
        check_values(params, text)  # before anything is sent: a NUL would cut the query short
        if not read_only:
            # A write is never retried (it might have been applied); make sure a server is there first.
            self._reconnect_if_gone()
        try:
            res = self._execute(text, params, read_only, timeout)
        except (redis.ConnectionError, OSError) as exc:
            # The server went away (its owner exited, or it was killed): start or attach again and,
            # for a read, try once more. Persistence (AOF) means no committed write is lost.
            if not self._reconnect_if_gone() or not read_only:
                raise StoreUnavailable(f"the embedded FalkorDB at {self.server.socket} did not answer: {exc}") from exc
            try:
                res = self._execute(text, params, read_only, timeout)
            except redis.ResponseError as again:
                raise _translate(again, text) from again
        except redis.ResponseError as exc:
            raise _translate(exc, text) from exc
        columns = [h[1] if isinstance(h, list | tuple) else str(h) for h in (res.header or [])]
        rows = res.result_set or []
        truncated = row_limit is not None and len(rows) > row_limit
        if truncated:
            rows = rows[:row_limit]
        stats = (
            {
                k: float(v)
                for k, v in (res._stats or {}).items()  # noqa: SLF001
                if isinstance(v, int | float)
            }
            if hasattr(res, "_stats")
            else {}
        )
        return QueryResult(
            columns=columns, rows=[[plain(v) for v in row] for row in rows], truncated=truncated, stats=stats
        )

    def _execute(self, text: str, params: dict[str, Any], read_only: bool, timeout: int | None) -> Any:
        if read_only:
            return self.graph.ro_query(text, params, timeout=timeout or None)
        return self.graph.query(text, params, timeout=timeout or None)

    def _reconnect_if_gone(self) -> bool:
        """If the server no longer answers, start (or attach to) one and reconnect. True if it did."""
        if self.server.ping():
            return False
        log.warning("the embedded FalkorDB at %s is gone; starting it again", self.server.socket)
        self.started = self.server.ensure() or self.started
        self.db = FalkorDB(unix_socket_path=str(self.server.socket))
        self.graph = self.db.select_graph(self.graph_name)
        return True

    # -- schema statements (FalkorDB refuses to re-create an index; that is success) ---------
    def run_schema(self, name: str) -> bool:
        q = self._query(name)
        try:
            self.graph.query(q.text)
        except redis.ResponseError as exc:
            if "already indexed" in str(exc) or "already exists" in str(exc):
                return False
            raise CypherSyntaxError(f"{q.path.name}: {exc}") from exc
        return True

    def describe(self) -> dict[str, Any]:
        return {"backend": self.backend, "graph": self.graph_name, **self.server.status()}

    def drop_all(self) -> None:
        """Delete this store's graph entirely (tests and `db reset`)."""
        try:
            self.graph.delete()
        except redis.ResponseError as exc:
            if "empty key" not in str(exc).lower() and "invalid graph" not in str(exc).lower():
                raise
        self.graph = self.db.select_graph(self.graph_name)
        self._ensure_graph()

    def close(self) -> None:
        try:
            self.db.connection.close()
        except Exception:  # noqa: BLE001 - closing is best effort
            log.debug("closing the FalkorDB client failed", exc_info=True)
