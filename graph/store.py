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
    after an ``EXPLAIN`` check of the query type). Implemented by :class:`graph.falkor.FalkorStore`
    and :class:`graph.neo4j_store.Neo4jStore`; every method here is one the CLI, the API or the
    pipeline calls, and mypy checks both stores against it (``api.stores.open_store``
    returns either as a ``GraphStore``).
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

    def run_schema(self, name: str) -> bool:
        """Run one ``cypher/schema`` statement; True if it created something, False if it was there."""
        ...

    def describe(self) -> dict[str, Any]: ...

    def drop_all(self) -> None:
        """Delete every node and relationship of this store's graph (tests and ``db reset``)."""
        ...

    def close(self) -> None: ...
