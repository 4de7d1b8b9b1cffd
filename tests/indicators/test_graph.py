"""Indicators in the real embedded FalkorDB: linked to their document and jurisdiction, idempotent under
re-ingest, removed exactly with their document."""

from __future__ import annotations

from graph.falkor import FalkorStore
from graph.loader import load_extraction, remove_document
from ingest.metadata import build_document
from ingest.models import Extraction
from ingest.pipeline import extract_document

TEXT_A = (
    "苏州市科学技术局2021年工作总结\n"
    "2021年,苏州市新增高新技术企业1250家,总数达到11165家。"
    "全社会研发经费投入同比增长11.5%。\n"
)
TEXT_B = "无锡市科学技术局2021年工作总结\n2021年,无锡市新认定高新技术企业980家。\n"


def _extract(text: str, source: str) -> Extraction:
    return extract_document(build_document(None, text, fmt="txt", encoding="utf-8", source=source))


def _indicators(store: FalkorStore, **params: object) -> list[dict[str, object]]:
    return store.read("indicator_list", {"limit": 100, **params}).records()


def _count(store: FalkorStore) -> int:
    return int(store.read_cypher("MATCH (i:Indicator) RETURN count(i) AS n").scalar())


def test_load_link_reload_remove(store: FalkorStore) -> None:
    ex_a = _extract(TEXT_A, "a.txt")
    ex_b = _extract(TEXT_B, "b.txt")
    assert ex_a.document.region == "苏州市" and len(ex_a.indicators) == 3
    res = load_extraction(store, ex_a)
    assert res.indicators == 3
    load_extraction(store, ex_b)
    assert _count(store) == 4

    rows = _indicators(store, region="苏州市")
    assert {(r["value"], r["unit"], r["year"]) for r in rows} == {
        (1250, "家", 2021),
        (11165, "家", 2021),
        (11.5, "%", 2021),
    }
    assert all(r["doc_id"] == ex_a.document.id and r["evidence"] for r in rows)
    city = next(e for e in ex_a.entities if e.name == "苏州市")
    assert {r["actor_id"] for r in rows} == {city.id}  # linked to the jurisdiction's actor
    text = TEXT_A
    for r in rows:
        assert text[int(r["evidence_start"]) : int(r["evidence_end"])] == r["evidence"]  # type: ignore[arg-type]

    # filters: concept (a key or a prefix), years, kind
    assert len(_indicators(store, concept="high_tech_enterprises")) == 3
    assert len(_indicators(store, concept="high_tech_enterprises", region="无锡市")) == 1
    assert _indicators(store, year_from=2022) == []
    assert _indicators(store, kind="target") == []

    # idempotent: the same document again changes nothing; running the load query twice keeps one copy
    assert load_extraction(store, ex_a).status == "unchanged"
    from ingest.indicators.records import indicator_rows

    store.write("indicator_load", {"doc_id": ex_a.document.id, "indicators": indicator_rows(ex_a)})
    assert _count(store) == 4

    # a new version of the source replaces the old indicators
    ex_a2 = _extract(TEXT_A.replace("1250家", "1300家"), "a.txt")
    assert load_extraction(store, ex_a2).status == "updated"
    values = {r["value"] for r in _indicators(store, region="苏州市")}
    assert 1300 in values and 1250 not in values and _count(store) == 4

    # removing a document removes exactly its indicators
    assert remove_document(store, ex_a2.document.id)
    assert _count(store) == 1
    assert [r["doc_id"] for r in _indicators(store)] == [ex_b.document.id]
    assert remove_document(store, ex_b.document.id)
    assert _count(store) == 0


def test_a_document_and_its_indicators_land_in_one_query(store: FalkorStore) -> None:
    # the one write of load_document carries the indicators: a crash after it can never leave the document
    # (marked complete) without its figures, which a rerun would then skip as unchanged
    from graph.loader import build_params
    from graph.records import indicator_rows

    ex = _extract(TEXT_A, "a.txt")
    params = {**build_params(ex, TEXT_A), "indicators": indicator_rows(ex)}
    store.write("load_document", params)
    assert _count(store) == 3
    city = next(e for e in ex.entities if e.name == "苏州市")
    assert {r["actor_id"] for r in _indicators(store, region="苏州市")} == {city.id}
    store.write("load_document", {**params, "indicators": []})  # the query replaces the document's earlier figures
    assert _count(store) == 0
