"""Turn driver values (nodes, relationships, paths, temporal types) into plain JSON-able data,
the same shape for FalkorDB and Neo4j."""

from __future__ import annotations

import datetime as dt
from typing import Any


def node_dict(element_id: str, labels: list[str], props: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": "node",
        "element_id": element_id,
        "id": props.get("id"),
        "labels": sorted(labels),
        "properties": {k: plain(v) for k, v in props.items()},
    }


def rel_dict(element_id: str, rtype: str, start: str, end: str, props: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": "relationship",
        "element_id": element_id,
        "type": rtype,
        "start": start,
        "end": end,
        "properties": {k: plain(v) for k, v in props.items()},
    }


def plain(value: Any) -> Any:
    """Convert one value from either driver to JSON-able Python."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    mod = type(value).__module__
    if mod.startswith("falkordb"):
        return _falkor(value)
    if mod.startswith("neo4j"):
        return _neo4j(value)
    return str(value)


def _falkor(value: Any) -> Any:
    from falkordb import Edge, Node, Path

    if isinstance(value, Node):
        return node_dict(str(value.id), list(value.labels or []), dict(value.properties or {}))
    if isinstance(value, Edge):
        src = value.src_node.id if hasattr(value.src_node, "id") else value.src_node
        dst = value.dest_node.id if hasattr(value.dest_node, "id") else value.dest_node
        return rel_dict(str(value.id), str(value.relation), str(src), str(dst), dict(value.properties or {}))
    if isinstance(value, Path):
        return {
            "kind": "path",
            "nodes": [_falkor(n) for n in value.nodes()],
            "relationships": [_falkor(e) for e in value.edges()],
        }
    return str(value)


def _neo4j(value: Any) -> Any:
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return node_dict(value.element_id, list(value.labels), dict(value))
    if isinstance(value, Relationship):
        start = value.start_node.element_id if value.start_node is not None else ""
        end = value.end_node.element_id if value.end_node is not None else ""
        return rel_dict(value.element_id, value.type, start, end, dict(value))
    if isinstance(value, Path):
        return {
            "kind": "path",
            "nodes": [_neo4j(n) for n in value.nodes],
            "relationships": [_neo4j(r) for r in value.relationships],
        }
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return str(value)
