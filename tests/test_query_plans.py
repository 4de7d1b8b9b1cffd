"""Query plans of the write path on a real FalkorDB: a node is found through an index (Actor id, Indicator
id …), never by scanning every node of its label.

A scan of all actors per row is correct and passes every functional test, but costs O(actors) per
indicator or per key: the indicator link of the one-query load once scanned all actors for each
indicator, and a 10,000-document ingest slowed from minutes to hours; the raw-write baseline of the
benchmark merged Indicator nodes on an id nothing indexed. The plan is a structure, not
a timing, so it is checked here; the time itself is measured by `make bench`.
"""

from __future__ import annotations

import pytest

from graph.falkor import FalkorStore
from graph.queries import bind_parameters, default_library


def _write_queries() -> list[str]:
    """Every write query with an example to plan it by (load, indicators, backup, bench …)."""
    return sorted(q.name for q in default_library().for_backend("falkordb") if q.mode == "write" and q.example)


@pytest.mark.parametrize("name", _write_queries())
def test_write_queries_find_nodes_by_an_index(store: FalkorStore, name: str) -> None:
    query = default_library().get(name, "falkordb")
    plan = str(store.graph.explain(query.text, bind_parameters(query, dict(query.example))))
    scans = [line.strip() for line in plan.splitlines() if "Label Scan" in line]
    assert not scans, f"{name} scans every node of a label: {scans}"


def test_the_check_sees_a_scan_when_there_is_one(store: FalkorStore) -> None:
    """The form the load used to have is reported, so the test above can fail."""
    text = "UNWIND $ids AS i OPTIONAL MATCH (a:Actor) WHERE a.id IN i RETURN count(a)"
    plan = str(store.graph.explain(text, {"ids": [["a_x"]]}))
    assert any("Label Scan" in line and ":Actor)" in line for line in plan.splitlines())
