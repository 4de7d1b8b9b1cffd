"""Read the whole graph as plain data: for `db dump` and for tests that compare two graphs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from graph.store import GraphStore

PAGE = 5000
VOLATILE = frozenset({"ingested_at"})  # properties that legitimately differ between two equal graphs


def iter_nodes(store: GraphStore, page: int = PAGE) -> Iterator[dict[str, Any]]:
    skip = 0
    while True:
        rows = store.read("dump_nodes", {"skip": skip, "limit": page}, timeout_ms=0).records()
        yield from rows
        if len(rows) < page:
            return
        skip += page


def iter_relationships(store: GraphStore, page: int = PAGE) -> Iterator[dict[str, Any]]:
    skip = 0
    while True:
        rows = store.read("dump_relationships", {"skip": skip, "limit": page}, timeout_ms=0).records()
        yield from rows
        if len(rows) < page:
            return
        skip += page


def _canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def graph_state(store: GraphStore) -> tuple[set[str], set[str]]:
    """The graph as two sets of canonical strings (nodes, relationships), volatile properties left out.

    Lists that are sets in meaning (aliases, surfaces, years, the actor's search key) are compared sorted.
    """

    def clean(props: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for k, v in (props or {}).items():
            if k in VOLATILE:
                continue
            if k == "search" and isinstance(v, str):  # name|alias|…: a set whose order follows load order
                v = sorted(v.split("|"))
            out[k] = sorted(v, key=_canon) if isinstance(v, list) else v
        return out

    nodes = {_canon([sorted(n["labels"]), clean(n["props"])]) for n in iter_nodes(store)}
    rels = {_canon([r["start"], r["end"], r["type"], clean(r["props"])]) for r in iter_relationships(store)}
    return nodes, rels
