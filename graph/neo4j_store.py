"""GraphStore on Neo4j 5 through the official driver.

Reads run in READ access-mode transactions, and every query sent through the read-only path is
first planned with ``EXPLAIN``: unless the planned query type is ``r`` it is refused, because a
standalone server does not enforce the access mode by itself.
"""

from __future__ import annotations

import logging
from typing import Any

from neo4j import GraphDatabase, RoutingControl
from neo4j import Query as Neo4jQuery
from neo4j.exceptions import ClientError, Neo4jError
from neo4j.exceptions import CypherSyntaxError as Neo4jSyntaxError

from graph.errors import CypherSyntaxError, GraphError, QueryTimeout, ReadOnlyViolation
from graph.queries import Backend, QueryLibrary, bind_parameters, check_ad_hoc_query, default_library
from graph.store import QueryResult
from graph.values import plain

log = logging.getLogger(__name__)


def _translate(exc: Neo4jError) -> GraphError:
    code = exc.code or ""
    if "Timeout" in code or "TransactionTimedOut" in code:
        return QueryTimeout(f"the query exceeded its time limit: {exc.message}")
    if "ForbiddenInReadOnly" in code or "AccessMode" in code or "WriteOnReadOnly" in code:
        return ReadOnlyViolation(f"the query writes, but was sent through the read-only path: {exc.message}")
    return CypherSyntaxError(exc.message or str(exc))


class Neo4jStore:
    backend: Backend = "neo4j"

    def __init__(
        self,
        uri: str,
        user: str,
        password: str,
        database: str = "neo4j",
        *,
        library: QueryLibrary | None = None,
        default_timeout_ms: int = 10_000,
        default_row_limit: int = 10_000,
    ) -> None:
        self.uri = uri
        self.database = database
        self.driver = GraphDatabase.driver(uri, auth=(user, password))
        self.library = library or default_library()
        self.default_timeout_ms = default_timeout_ms
        self.default_row_limit = default_row_limit

    def read(
        self,
        name: str,
        params: dict[str, Any] | None = None,
        *,
        timeout_ms: int | None = None,
        row_limit: int | None = None,
    ) -> QueryResult:
        q = self.library.get(name, "neo4j")
        if q.mode != "read":
            raise ReadOnlyViolation(f"query {name!r} is a {q.mode} query; use write()")
        return self._read(q.text, bind_parameters(q, params), timeout_ms, row_limit)

    def read_cypher(
        self,
        query: str,
        params: dict[str, Any] | None = None,
        *,
        timeout_ms: int | None = None,
        row_limit: int | None = None,
    ) -> QueryResult:
        check_ad_hoc_query(query)
        return self._read(query, dict(params or {}), timeout_ms, row_limit or self.default_row_limit)

    def _read(self, text: str, params: dict[str, Any], timeout_ms: int | None, row_limit: int | None) -> QueryResult:
        timeout = (self.default_timeout_ms if timeout_ms is None else timeout_ms) / 1000

        def work(tx: Any) -> QueryResult:
            plan = tx.run("EXPLAIN " + text, params).consume()
            if plan.query_type != "r":
                raise ReadOnlyViolation(
                    f"the query is of type {plan.query_type!r}, not a read ('r'); refused on the read-only path"
                )
            result = tx.run(Neo4jQuery(text, timeout=timeout or None), params)  # type: ignore[arg-type]
            columns = list(result.keys())
            rows: list[list[Any]] = []
            truncated = False
            for record in result:
                if row_limit is not None and len(rows) >= row_limit:
                    truncated = True
                    break
                rows.append([plain(v) for v in record.values()])
            return QueryResult(columns=columns, rows=rows, truncated=truncated)

        try:
            with self.driver.session(database=self.database, default_access_mode="READ") as session:
                return session.execute_read(work)
        except (Neo4jSyntaxError, ClientError, Neo4jError) as exc:
            raise _translate(exc) from exc

    def write(self, name: str, params: dict[str, Any] | None = None) -> QueryResult:
        q = self.library.get(name, "neo4j")
        try:
            records, summary, keys = self.driver.execute_query(
                q.text, bind_parameters(q, params), database_=self.database, routing_=RoutingControl.WRITE
            )
        except Neo4jError as exc:
            raise _translate(exc) from exc
        counters = summary.counters
        stats = {
            k: float(getattr(counters, k))
            for k in (
                "nodes_created",
                "nodes_deleted",
                "relationships_created",
                "relationships_deleted",
                "properties_set",
                "indexes_added",
                "constraints_added",
            )
        }
        return QueryResult(columns=list(keys), rows=[[plain(v) for v in r.values()] for r in records], stats=stats)

    def run_schema(self, name: str) -> bool:
        """Run one schema statement (``CREATE … IF NOT EXISTS``): True if it added an index or a
        constraint, False if it was already there."""
        stats = self.write(name).stats
        return stats["indexes_added"] + stats["constraints_added"] > 0

    def describe(self) -> dict[str, Any]:
        return {"backend": self.backend, "uri": self.uri, "database": self.database, "running": True}

    def drop_all(self) -> None:
        self.write("delete_all")

    def close(self) -> None:
        self.driver.close()
