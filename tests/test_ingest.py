"""Ingestion: idempotence, replacement of a new version, exact removal, bad input, crash safety."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app as cli
from graph.falkor import FalkorStore
from graph.loader import remove_document
from graph.snapshot import graph_state
from ingest.pipeline import ingest_files

REPO = Path(__file__).resolve().parents[1]

# Short documents written for these tests (fictional companies, real universities and places).
DOC_A = """南通市科学技术局2019年工作总结
来源: 南通市科技局 发布时间:2020-01-10

一、主要成效
2019年，南京大学与江苏星澜电子股份有限公司共建星澜智能装备研究院。
南通大学与江苏星澜电子股份有限公司签订战略合作协议。
引进东华大学先进纤维研究所落户南通。
"""
DOC_B = """南通市科学技术局2020年工作要点
来源: 南通市科技局 发布时间:2020-02-20

一、重点任务
推动南京大学与江苏云栖新材料有限公司共建云栖复合材料研究院。
支持南通大学与江苏云栖新材料有限公司开展产学研合作。
"""
DOC_BIG5 = "南通市科學技術局2020年工作要點\n發布時間:2020-02-20\n\n南京大學與江蘇雲棲新材料有限公司簽訂戰略合作協議。\n"
DOC_A_V2 = DOC_A.replace(
    "南通大学与江苏星澜电子股份有限公司签订战略合作协议。", "扬州大学与江苏星澜电子股份有限公司签订战略合作协议。"
)


def _write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_bytes(text.encode(encoding))
    return p


def _fresh(falkor_dir: Path) -> FalkorStore:
    return FalkorStore(falkor_dir, graph_name=f"test_{uuid.uuid4().hex[:12]}")


def test_ingest_is_idempotent(store, tmp_path: Path) -> None:  # noqa: ANN001
    _write(tmp_path, "a.txt", DOC_A)
    _write(tmp_path, "b.txt", DOC_B, "gb18030")
    first = ingest_files(store, [tmp_path])
    assert first.new == 2 and first.documents_read == 2 and not first.failed
    state = graph_state(store)
    assert state[0] and state[1]
    second = ingest_files(store, [tmp_path])
    assert second.unchanged == 2 and second.new == 0 and second.updated == 0
    assert graph_state(store) == state


def test_new_version_replaces_old(store, falkor_dir: Path, tmp_path: Path) -> None:  # noqa: ANN001
    src = _write(tmp_path / "docs", "a.txt", DOC_A)
    _write(tmp_path / "docs", "b.txt", DOC_B)
    ingest_files(store, [tmp_path / "docs"])
    src.write_text(DOC_A_V2, encoding="utf-8")
    summary = ingest_files(store, [tmp_path / "docs"])
    assert summary.updated == 1 and summary.unchanged == 1
    reference = _fresh(falkor_dir)
    try:
        ingest_files(reference, [tmp_path / "docs"])  # the same files, v2 only, into an empty graph
        assert graph_state(store) == graph_state(reference)
        names = {r[0] for r in store.read_cypher("MATCH (a:Actor) RETURN a.name").rows}
        assert "扬州大学" in names
    finally:
        reference.drop_all()


def test_remove_takes_exactly_one_documents_contribution(store, falkor_dir: Path, tmp_path: Path) -> None:  # noqa: ANN001
    _write(tmp_path / "a", "a.txt", DOC_A)
    _write(tmp_path / "b", "b.txt", DOC_B)
    ingest_files(store, [tmp_path / "a"])
    only_a = graph_state(store)
    summary = ingest_files(store, [tmp_path / "b"])
    doc_b = summary.documents[0].doc_id
    shared = store.read_cypher(
        "MATCH (d1:Document)-[:MENTIONS]->(a:Actor)<-[:MENTIONS]-(d2:Document) WHERE d1.id < d2.id RETURN a.name"
    ).rows
    assert shared, "the two test documents should share actors (南京大学, 南通大学)"
    assert remove_document(store, doc_b)
    assert graph_state(store) == only_a
    assert not remove_document(store, doc_b)


def test_bad_files_are_reported_and_skipped(store, falkor_dir: Path, tmp_path: Path) -> None:  # noqa: ANN001
    docs = tmp_path / "mixed"
    _write(docs, "good.txt", DOC_A)
    _write(docs, "big5.txt", DOC_BIG5, "big5")
    (docs / "empty.txt").write_bytes(b"")
    (docs / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (docs / "archive.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    (docs / "program.exe").write_bytes(b"MZ" + b"\x00" * 200)
    (docs / "notes.xyz").write_text("hello", encoding="utf-8")
    env = {**os.environ, "INNOGRAPH_DATA_DIR": str(falkor_dir), "INNOGRAPH_GRAPH_NAME": store.graph_name}
    result = CliRunner().invoke(cli, ["ingest", str(docs)], env=env)
    assert result.exit_code == 1, result.output
    for bad in ("empty.txt", "binary.txt", "archive.zip", "program.exe", "notes.xyz"):
        assert bad in result.output, f"{bad} not reported:\n{result.output}"
    docs_in_graph = store.read("health_counts").records()[0]["documents"]
    assert docs_in_graph == 2


def _contributions(store: FalkorStore) -> dict[str, tuple[int, int]]:
    return {r["id"]: (r["mentions"], r["evidence"]) for r in store.read("document_contributions").records()}


@pytest.mark.timeout(600)
def test_kill_mid_batch_leaves_whole_documents_and_rerun_completes(falkor_dir: Path, tmp_path: Path) -> None:
    from ingest.synth import generate_corpus

    corpus = tmp_path / "corpus"
    generate_corpus(corpus, 60, seed=7, with_gold=False)
    reference = _fresh(falkor_dir)
    victim = _fresh(falkor_dir)
    try:
        ingest_files(reference, [corpus])
        expected = _contributions(reference)
        assert len(expected) == 60
        env = {**os.environ, "INNOGRAPH_DATA_DIR": str(falkor_dir), "INNOGRAPH_GRAPH_NAME": victim.graph_name}
        proc = subprocess.Popen(
            [sys.executable, "-m", "api.cli", "ingest", str(corpus)],
            env=env,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 300
        loaded = 0
        while time.monotonic() < deadline and proc.poll() is None:
            loaded = victim.read("health_counts").records()[0]["documents"]
            if loaded >= 5:
                break
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        partial = _contributions(victim)
        assert 0 < len(partial) < 60, f"the kill did not land mid-batch ({len(partial)} documents loaded)"
        for doc_id, counts in partial.items():  # every document present is whole
            assert counts == expected[doc_id], f"document {doc_id} is partial: {counts} != {expected[doc_id]}"
        rerun = ingest_files(victim, [corpus])
        assert rerun.unchanged == len(partial) and rerun.new == 60 - len(partial)
        assert graph_state(victim) == graph_state(reference)
    finally:
        reference.drop_all()
        victim.drop_all()


def test_a_new_extractor_version_replaces_an_unchanged_documents_contribution(store, tmp_path: Path) -> None:  # noqa: ANN001
    from graph.loader import load_extraction
    from ingest.pipeline import extract_file

    item = extract_file(_write(tmp_path, "a.txt", DOC_A), max_bytes=1_000_000)
    assert item.extraction is not None and item.extraction.document.extractor
    assert load_extraction(store, item.extraction, item.text).status == "new"
    assert load_extraction(store, item.extraction, item.text).status == "unchanged"
    state = graph_state(store)
    newer = item.extraction.model_copy(deep=True)
    newer.document.extractor = "a-newer-extractor"
    result = load_extraction(store, newer, item.text)
    assert result.status == "updated" and result.replaced == [newer.document.id]
    nodes, rels = graph_state(store)
    assert rels == state[1]
    assert {n.replace("a-newer-extractor", "") for n in nodes} == {
        n.replace(item.extraction.document.extractor, "") for n in state[0]
    }


RECOMPUTE = """
MATCH (h:Actor)-[r]->(t:Actor) WHERE r.key IS NOT NULL
OPTIONAL MATCH (ev:Evidence {key: r.key})
RETURN r.key, r.weight, r.fact_weight, r.plan_weight, r.first_year, r.last_year, r.years, r.modality, r.source,
       r.confidence, count(ev), sum(CASE WHEN ev.modality = 'fact' THEN 1 ELSE 0 END), min(ev.year), max(ev.year),
       collect(DISTINCT ev.year), collect(DISTINCT ev.source), max(ev.confidence)
"""


def _relationships_match_their_evidence(store) -> int:  # noqa: ANN001
    """Every relationship's totals equal what its Evidence nodes give, recomputed from scratch."""
    rows = store.read_cypher(RECOMPUTE).rows
    for key, w, fw, pw, fy, ly, ys, mod, src, conf, n, nf, efy, ely, eys, esrc, econf in rows:
        assert (w, fw, pw) == (n, nf, n - nf), key
        assert all(isinstance(x, int) for x in (w, fw, pw)), f"{key}: counts must stay integers"
        assert (fy, ly, sorted(ys)) == (efy, ely, sorted(eys)), key
        assert mod == ("fact" if nf > 0 else "plan"), key
        assert src == ("text" if "text" in esrc else "gazetteer"), key
        assert conf == pytest.approx(econf), key
        assert n > 0, f"{key}: a relationship without evidence"
    evidence_keys = {r[0] for r in store.read_cypher("MATCH (ev:Evidence) RETURN DISTINCT ev.key").rows}
    assert evidence_keys == {r[0] for r in rows}, "evidence without its relationship, or the reverse"
    return len(rows)


def test_relationship_totals_stay_equal_to_their_evidence(store, tmp_path: Path) -> None:  # noqa: ANN001
    """load_document adds a document's share to each relationship; after loads, removals and
    re-loads of documents that share relationships, the totals equal a recomputation."""
    from ingest.synth import generate_corpus

    paths = generate_corpus(tmp_path / "c", 12, seed=3, with_gold=False, target_chars=3000, workers=1)
    summary = ingest_files(store, paths)
    assert summary.new == 12 and not summary.failed
    shared = store.read_cypher("MATCH (h:Actor)-[r]->(:Actor) WHERE r.weight > 1 RETURN count(r)").rows[0][0]
    assert shared > 0, "the corpus should give some relationships evidence from several sentences"
    assert _relationships_match_their_evidence(store) > 0
    state = graph_state(store)
    ids = [d.doc_id for d in summary.documents]
    for doc_id in ids[::3]:
        assert remove_document(store, doc_id)
    _relationships_match_their_evidence(store)
    again = ingest_files(store, paths)
    assert again.new == len(ids[::3]) and again.unchanged == 12 - len(ids[::3])
    _relationships_match_their_evidence(store)
    assert graph_state(store) == state


def test_evidence_years_come_from_the_text_then_the_document_then_its_date(store) -> None:  # noqa: ANN001
    """Time on every edge (issue 16): the sentence's or section's year, else the report year (facts) or
    plan year (plans), else the document's date, marked as such."""
    import datetime as dt

    from graph.loader import load_extraction
    from ingest.models import DocumentMeta, Entity, Evidence, Extraction, Mention, Relation, actor_id

    def ent(name: str, etype: str) -> Entity:
        return Entity(id=actor_id(etype, name), name=name, type=etype, mentions=[Mention(text=name, start=0, end=2)])  # type: ignore[arg-type]

    a, b, c = ent("甲大学", "University"), ent("乙公司", "Enterprise"), ent("丙研究院", "ResearchInstitute")

    def rel(rtype: str, head: Entity, tail: Entity, at: int, **kw: object) -> Relation:
        return Relation(
            type=rtype, head=head.id, tail=tail.id, evidence=[Evidence(text="句", start=at, end=at + 1)], **kw
        )  # type: ignore[arg-type]

    meta = DocumentMeta(id="d_years", source="years.txt", date=dt.date(2016, 1, 20), report_year=2015, plan_year=2016)
    rels = [
        rel("COOPERATES_WITH", a, b, 0, year=2014),
        rel("CO_BUILDS", a, c, 1),
        rel("CO_BUILDS", b, c, 2, modality="plan"),
    ]
    load_extraction(store, Extraction(document=meta, entities=[a, b, c], relations=rels), "句句句")
    undated = DocumentMeta(id="d_undated", source="undated.txt", date=dt.date(2019, 5, 1))
    load_extraction(store, Extraction(document=undated, entities=[a, b], relations=[rel("FUNDED_BY", b, a, 0)]), "句")
    got = {
        (r[0], r[1]): (r[2], r[3])
        for r in store.read_cypher(
            "MATCH (e:Evidence) RETURN e.doc_id, e.rel_type + e.modality, e.year, e.year_source"
        ).rows
    }
    assert got[("d_years", "COOPERATES_WITHfact")] == (2014, "text")
    assert got[("d_years", "CO_BUILDSfact")] == (2015, "document")  # the report year
    assert got[("d_years", "CO_BUILDSplan")] == (2016, "document")  # the plan year
    assert got[("d_undated", "FUNDED_BYfact")] == (2019, "date")  # the page's date, marked
    years = dict(store.read_cypher("MATCH (d:Document) RETURN d.id, d.year").rows)
    assert years == {"d_years": 2015, "d_undated": 2019}
