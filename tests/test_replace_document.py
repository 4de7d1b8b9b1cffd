"""A new version replaces the old one in one atomic query; a chunk's stored status is read once."""

from __future__ import annotations

import uuid
from pathlib import Path

from graph.falkor import FalkorStore
from graph.loader import StatusIndex, build_params, load_extraction, remove_document
from graph.queries import QueryLibrary
from graph.records import DocumentMeta, indicator_rows
from graph.snapshot import graph_state
from ingest.pipeline import extract_document, ingest_files
from ingest.readers import read_document

CYPHER = Path(__file__).resolve().parents[1] / "cypher" / "load"

# Texts written for these tests (invented companies, real universities and places).
V1 = """常州市科学技术局2020年工作总结
一、主要成效
南京大学与常州远帆电子有限公司共建远帆智能装备研究院。
全市高新技术企业达到120家。
"""
V2 = """常州市科学技术局2020年工作总结
一、主要成效
东南大学与常州远帆电子有限公司签订战略合作协议。
全市高新技术企业达到135家。
"""
OTHER = """常州市科学技术局2021年工作要点
一、重点任务
支持南京大学与常州远帆电子有限公司开展产学研合作。
"""


def _body(name: str) -> list[str]:
    return [ln for ln in (CYPHER / f"{name}.cypher").read_text("utf-8").splitlines() if not ln.startswith("//")]


def test_replace_document_is_the_removal_then_the_load() -> None:
    """The one replacement query holds the bodies of remove_document and load_document unchanged: a fix
    to either query that is not carried into replace_document fails here."""
    replace = _body("replace_document")
    call_end = replace.index("}")
    inner = [ln.removeprefix("  ") for ln in replace[: call_end + 1]]
    removal = [ln.replace("$id", "oid") for ln in _body("remove_document")]
    assert inner[-len(removal) - 1 : -1] == removal
    assert replace[call_end + 2 :] == _body("load_document")
    assert QueryLibrary().get("replace_document", "falkordb").params == (
        "old",
        "doc",
        "actors",
        "evidence",
        "indicators",
        "keys",
    )


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_a_replacement_leaves_what_a_fresh_load_of_the_new_version_leaves(
    store: FalkorStore, falkor_dir: Path, tmp_path: Path
) -> None:
    src = _write(tmp_path / "docs", "a.txt", V1)
    _write(tmp_path / "docs", "b.txt", OTHER)
    assert ingest_files(store, [tmp_path / "docs"]).new == 2
    before = store.read_cypher("MATCH (i:Indicator) RETURN i.value").rows
    assert [r[0] for r in before] == [120]
    src.write_text(V2, encoding="utf-8")
    summary = ingest_files(store, [tmp_path / "docs"])
    assert (summary.updated, summary.unchanged) == (1, 1)
    assert summary.documents[0].replaced or summary.documents[1].replaced
    reference = FalkorStore(falkor_dir, graph_name=f"test_{uuid.uuid4().hex[:12]}")
    try:
        ingest_files(reference, [tmp_path / "docs"])
        assert graph_state(store) == graph_state(reference)
        values = {r[0] for r in store.read_cypher("MATCH (i:Indicator) RETURN i.value").rows}
        assert values == {135}
    finally:
        reference.drop_all()


def test_the_replacement_query_on_its_own(store: FalkorStore, tmp_path: Path) -> None:
    old = extract_document(read_document(_write(tmp_path, "a.txt", V1)))
    new = extract_document(read_document(_write(tmp_path, "a.txt", V2)))
    load_extraction(store, old, V1)
    params = build_params(new, V2)
    params["indicators"] = indicator_rows(new)
    store.write("replace_document", {"old": [old.document.id], **params})
    replaced = graph_state(store)
    assert remove_document(store, new.document.id)
    assert not any(graph_state(store))
    load_extraction(store, new, V2)
    assert graph_state(store) == replaced


def _meta(doc_id: str, source: str) -> DocumentMeta:
    return DocumentMeta(id=doc_id, source=source, extractor="x1")


def test_status_index_answers_as_the_per_document_read_would() -> None:
    rows = [
        {"id": "d1", "source": "a.txt", "status": "complete", "extractor": "x1"},
        {"id": "d0", "source": "a.txt", "status": "complete", "extractor": "x1"},
        {"id": "d2", "source": "b.txt", "status": "complete", "extractor": "x1"},
    ]
    index = StatusIndex(rows)
    assert sorted(r["id"] for r in index.existing("d1", "a.txt")) == ["d0", "d1"]
    assert [r["id"] for r in index.existing("d2", "c.txt")] == ["d2"]
    assert index.existing("d9", "c.txt") == []
    from graph.loader import LoadResult

    index.loaded(_meta("d3", "a.txt"), LoadResult(doc_id="d3", status="updated", replaced=["d0", "d1"]))
    assert [r["id"] for r in index.existing("d3", "a.txt")] == ["d3"]
    assert index.existing("d1", None) == []


def test_status_index_reads_a_chunk_in_one_query(store: FalkorStore, tmp_path: Path) -> None:
    a = extract_document(read_document(_write(tmp_path, "a.txt", V1)))
    b = extract_document(read_document(_write(tmp_path, "b.txt", OTHER)))
    load_extraction(store, a, V1)
    index = StatusIndex.read(store, [a.document, b.document])
    assert [r["id"] for r in index.existing(a.document.id, a.document.source)] == [a.document.id]
    assert index.existing(b.document.id, b.document.source) == []
    # a document the index shows unchanged is skipped, one it shows absent is loaded
    assert load_extraction(store, a, V1, status=index).status == "unchanged"
    assert load_extraction(store, b, OTHER, status=index).status == "new"
    assert load_extraction(store, b, OTHER, status=index).status == "unchanged"


def test_a_load_since_the_chunk_was_read_is_never_counted_twice(store: FalkorStore, tmp_path: Path) -> None:
    a = extract_document(read_document(_write(tmp_path, "a.txt", V1)))
    stale = StatusIndex.read(store, [a.document])  # read before another writer loads the document
    assert load_extraction(store, a, V1).status == "new"
    state = graph_state(store)
    assert load_extraction(store, a, V1, status=stale).status == "unchanged"
    assert graph_state(store) == state


def test_two_versions_of_one_source_in_one_chunk_leave_the_last(store: FalkorStore, tmp_path: Path) -> None:
    first = _write(tmp_path / "one", "a.txt", V1)
    second = _write(tmp_path / "two", "a.txt", V2)
    summary = ingest_files(store, [first, second], sources={first: "same-source", second: "same-source"})
    assert (summary.new, summary.updated) == (1, 1)
    docs = store.read_cypher("MATCH (d:Document) RETURN d.source, count(d)").rows
    assert docs == [["same-source", 1]]
