"""The one interface the product talks to, whatever the database behind it."""

from __future__ import annotations

from typing import Any, Protocol

from pydantic import BaseModel, Field

from graph.queries import Backend, QueryLibrary


class QueryResult(BaseModel):
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = False
    stats: dict[str, float] = Field(default_factory=dict)

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=False)) for row in self.rows]

    def scalar(self) -> Any:
        return self.rows[0][0] if self.rows and self.rows[0] else None


class GraphStore(Protocol):
    """A graph database holding the InnoGraph schema.

    ``read``/``write`` run named queries from ``cypher/``; ``read_cypher`` runs ad-hoc text through
    the database-enforced read-only path (FalkorDB ``GRAPH.RO_QUERY``; Neo4j READ transaction
    after an ``EXPLAIN`` check of the query type).
    """

    backend: Backend
    library: QueryLibrary

    def read(
        self,
        name: str,
        params: dict[str, Any] | None = None,
        *,
        timeout_ms: int | None = None,
        row_limit: int | None = None,
    ) -> QueryResult: ...

    def write(self, name: str, params: dict[str, Any] | None = None) -> QueryResult: ...

    def read_cypher(
        self,
        query: str,
        params: dict[str, Any] | None = None,
        *,
        timeout_ms: int | None = None,
        row_limit: int | None = None,
    ) -> QueryResult: ...

    def describe(self) -> dict[str, Any]: ...

    def close(self) -> None: ...
