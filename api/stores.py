"""Open the configured graph store (settings → GraphStore)."""

from __future__ import annotations

from api.settings import Settings
from graph.store import GraphStore


def open_store(settings: Settings, *, start: bool = True) -> GraphStore:
    if settings.store == "neo4j":
        from graph.neo4j_store import Neo4jStore

        assert settings.neo4j_uri is not None  # checked by Settings
        return Neo4jStore(
            settings.neo4j_uri,
            settings.neo4j_user,
            settings.neo4j_password.get_secret_value(),
            settings.neo4j_database,
            default_timeout_ms=settings.query_timeout_ms,
            default_row_limit=settings.row_limit,
        )
    from graph.falkor import FalkorStore

    return FalkorStore(
        settings.data_dir,
        settings.graph_name,
        start=start,
        default_timeout_ms=settings.query_timeout_ms,
        default_row_limit=settings.row_limit,
    )
