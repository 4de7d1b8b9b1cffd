"""Query plans of the write path on a real FalkorDB: an actor is found through the Actor id index, never by
scanning every actor.

A scan of all actors per row is correct and passes every functional test, but costs O(actors) per
indicator or per key: the indicator link of the one-query load once scanned all actors for each
indicator, and a 10,000-document ingest slowed from minutes to hours. The plan is a structure, not
a timing, so it is checked here; the time itself is measured by `make bench`.
"""

from __future__ import annotations

import pytest

from graph.falkor import FalkorStore
from graph.queries import bind_parameters, default_library

WRITE_GROUPS = ("load", "indicators", "curation", "resolve")


def _write_queries() -> list[str]:
    lib = default_library()
    return sorted(
        q.name for q in lib.for_backend("falkordb") if q.mode == "write" and q.group in WRITE_GROUPS and q.example
    )


@pytest.mark.parametrize("name", _write_queries())
def test_write_queries_find_actors_by_their_index(store: FalkorStore, name: str) -> None:
    query = default_library().get(name, "falkordb")
    plan = store.graph.explain(query.text, bind_parameters(query, dict(query.example)))
    text = str(plan)
    assert "Node By Label Scan | (a:Actor)" not in text.replace("  ", " ")
    scans = [line for line in text.splitlines() if "Label Scan" in line and ":Actor)" in line]
    assert not scans, f"{name} scans every actor: {scans}"


def test_the_check_sees_a_scan_when_there_is_one(store: FalkorStore) -> None:
    """The form the load used to have is reported, so the test above can fail."""
    text = "UNWIND $ids AS i OPTIONAL MATCH (a:Actor) WHERE a.id IN i RETURN count(a)"
    plan = str(store.graph.explain(text, {"ids": [["a_x"]]}))
    assert any("Label Scan" in line and ":Actor)" in line for line in plan.splitlines())
