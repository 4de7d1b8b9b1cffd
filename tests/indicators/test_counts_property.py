"""Property: whatever sequence of loads, re-loads, new versions and removals, the graph holds exactly the
indicators of the documents present, and the same graph as loading those documents afresh (issue 17:
re-ingest and removal keep indicator counts exact, with the loader's invariants)."""

from __future__ import annotations

import uuid
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.falkor import FalkorStore
from graph.loader import load_extraction, remove_document
from graph.schema import init_schema
from graph.snapshot import graph_state
from ingest.metadata import build_document
from ingest.models import Extraction
from ingest.pipeline import extract_document

# (source, two versions of its text): sentences written for this test
SOURCES = {
    "a.txt": (
        "苏州市科学技术局2021年工作总结\n2021年，苏州市新增高新技术企业1250家，总数达到11165家。\n",
        "苏州市科学技术局2021年工作总结\n2021年，苏州市新增高新技术企业1300家，技术合同成交额达到95亿元。\n",
    ),
    "b.txt": (
        "无锡市科学技术局2021年工作总结\n2021年，无锡市新认定高新技术企业980家。\n",
        "无锡市科学技术局2021年工作总结\n2021年，无锡市全社会研发投入同比增长12.5%，新认定高新技术企业990家。\n",
    ),
    "c.txt": ("常州市科学技术局2022年工作要点\n到2022年底，常州市高新技术企业总数力争达到4000家。\n",) * 2,
}

_CACHE: dict[tuple[str, int], Extraction] = {}


def _ex(source: str, version: int) -> Extraction:
    key = (source, version)
    if key not in _CACHE:
        text = SOURCES[source][version]
        _CACHE[key] = extract_document(build_document(None, text, fmt="txt", encoding="utf-8", source=source))
    return _CACHE[key]


def _count(store: FalkorStore) -> int:
    return int(store.read_cypher("MATCH (i:Indicator) RETURN count(i) AS n").scalar())


STEPS = st.lists(
    st.tuples(st.sampled_from(["load", "remove"]), st.sampled_from(sorted(SOURCES)), st.integers(0, 1)),
    min_size=1,
    max_size=8,
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_indicator_counts_stay_exact(falkor_dir: Path, steps: list[tuple[str, str, int]]) -> None:
    store = FalkorStore(falkor_dir, graph_name=f"prop_{uuid.uuid4().hex[:12]}")
    fresh = FalkorStore(falkor_dir, graph_name=f"prop_{uuid.uuid4().hex[:12]}")
    try:
        init_schema(store)
        init_schema(fresh)
        present: dict[str, int] = {}  # source -> version loaded
        for action, source, version in steps:
            if action == "load":
                load_extraction(store, _ex(source, version))
                present[source] = version
            elif source in present:
                remove_document(store, _ex(source, present.pop(source)).document.id)
            expected = sum(len(_ex(s, v).indicators) for s, v in present.items())
            assert _count(store) == expected, (steps, present)
        for s, v in sorted(present.items()):
            load_extraction(fresh, _ex(s, v))
        assert graph_state(store) == graph_state(fresh)
    finally:
        for s in (store, fresh):
            s.drop_all()
            s.close()
