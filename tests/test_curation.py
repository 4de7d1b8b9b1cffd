"""Curation (issue 21): decisions recorded in an append-only log hold through removal, re-ingest and new
documents, and undo restores the previous graph exactly — on a real embedded FalkorDB, documents of
our own."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app as cli
from graph.loader import remove_document
from graph.snapshot import graph_state
from ingest.curation import ActorKey, CurationError, CurationLog, Decision, RelationKey, active, curate
from ingest.models import DocumentMeta, Entity, Extraction, Mention, actor_id
from ingest.pipeline import apply_curation, ingest_files

DOC_A = (
    "甲市科学技术局2021年工作总结\n\n"
    "2021年，南京大学与江苏星河电子股份有限公司签订战略合作协议。\n"
    "东南大学与江苏云帆材料有限公司共建云帆材料研究院。\n"
)
DOC_B = "甲市科学技术局2022年工作总结\n\n2022年，河海大学与江苏星河电子股份有限公司签订战略合作协议。\n"
# states again a relation of DOC_A (the one the test rejects), in other words
DOC_C = "甲市科学技术局2023年工作要点\n\n2023年，南京大学与江苏星河电子股份有限公司签订战略合作协议，深化合作。\n"


def _names(store) -> dict[str, str]:  # noqa: ANN001
    return {r[0]: r[1] for r in store.read_cypher("MATCH (a:Actor) RETURN a.name, a.type").rows}


def _ties(store) -> set[tuple[str, str, str]]:  # noqa: ANN001
    rows = store.read_cypher("MATCH (h:Actor)-[r]->(t:Actor) RETURN type(r), h.name, t.name").rows
    return {(r[0], *sorted((r[1], r[2]))) if r[0] == "COOPERATES_WITH" else (r[0], r[1], r[2]) for r in rows}


def _coop(a: str, b: str) -> tuple[str, str, str]:
    return ("COOPERATES_WITH", *sorted((a, b)))  # type: ignore[return-value]


def _decide(log: CurationLog, store, **fields) -> Decision:  # noqa: ANN001, ANN003
    from ingest.curation import names_of

    d = log.append(Decision(id=0, author="tester", **fields))
    decisions = log.read()
    names = names_of(d) if d.op != "undo" else names_of(next(x for x in decisions if x.id == d.undoes))
    apply_curation(store, decisions, names)
    return d


def test_decisions_survive_removal_reingest_and_new_documents_and_undo_is_exact(store, tmp_path: Path) -> None:  # noqa: ANN001
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(DOC_A, encoding="utf-8")
    (docs / "b.txt").write_text(DOC_B, encoding="utf-8")
    log = CurationLog(tmp_path / "curation.jsonl")
    ingest_files(store, [docs], curation=log.read())
    names, ties = _names(store), _ties(store)
    firm, uni = "江苏星河电子股份有限公司", "南京大学"
    assert names.get(firm) == "Enterprise" and names.get(uni) == "University", names
    assert _coop(uni, firm) in ties, ties
    states = [graph_state(store)]

    # reject a relation, merge two actors, retype one, add a relation the extractor missed
    rejected = RelationKey(
        type="COOPERATES_WITH", head=ActorKey(name=uni, type="University"), tail=ActorKey(name=firm, type="Enterprise")
    )
    _decide(log, store, op="reject", relation=rejected, note="not stated as such")
    assert _coop(uni, firm) not in _ties(store)
    states.append(graph_state(store))
    _decide(
        log,
        store,
        op="merge",
        actor=ActorKey(name="河海大学", type="University"),
        into=ActorKey(name="东南大学", type="University"),
    )
    assert "河海大学" not in _names(store) and _coop("东南大学", firm) in _ties(store)
    states.append(graph_state(store))
    _decide(log, store, op="retype", actor=ActorKey(name=firm, type="Enterprise"), new_type="Platform")
    assert _names(store)[firm] == "Platform"
    states.append(graph_state(store))
    added = RelationKey(
        type="INTRODUCES", head=ActorKey(name="甲市", type="City"), tail=ActorKey(name="东南大学", type="University")
    )
    _decide(log, store, op="add", relation=added, evidence="甲市引进东南大学团队。")
    assert ("INTRODUCES", "甲市", "东南大学") in _ties(store)
    evidence = store.read_cypher("MATCH (e:Evidence {rel_type: 'INTRODUCES'}) RETURN e.text").rows
    assert evidence == [["甲市引进东南大学团队。"]]

    def holds() -> None:
        names, ties = _names(store), _ties(store)
        assert _coop(uni, firm) not in ties
        assert "河海大学" not in names and names.get(firm) == "Platform"
        assert ("INTRODUCES", "甲市", "东南大学") in ties

    holds()
    curated = graph_state(store)
    # remove the documents and ingest them again: every decision still holds
    for r in store.read_cypher("MATCH (d:Document) WHERE d.id <> 'd_curation' RETURN d.id").rows:
        remove_document(store, r[0])
    ingest_files(store, [docs], curation=log.read())
    holds()
    assert graph_state(store) == curated
    # a further document states the rejected relation again: it stays rejected
    (docs / "c.txt").write_text(DOC_C, encoding="utf-8")
    summary = ingest_files(store, [docs], curation=log.read())
    assert summary.new == 1
    holds()
    c_id = store.read_cypher("MATCH (d:Document {source: $s}) RETURN d.id", {"s": str(docs / "c.txt")}).rows[0][0]
    remove_document(store, c_id)
    assert graph_state(store) == curated

    # undo, newest first: each undo gives back the graph as it was before that decision
    for number, before in zip((4, 3, 2, 1), reversed(states[:4]), strict=True):
        _decide(log, store, op="undo", undoes=number)
        assert graph_state(store) == before, f"undo #{number}"
    assert active(log.read()) == []
    assert len(log.read()) == 8  # the log keeps everything


def test_the_log_is_append_only_and_concurrent_appends_lose_nothing(tmp_path: Path) -> None:
    log = CurationLog(tmp_path / "curation.jsonl")
    key = RelationKey(
        type="CO_BUILDS",
        head=ActorKey(name="甲大学", type="University"),
        tail=ActorKey(name="乙研究院", type="ResearchInstitute"),
    )

    def work(i: int) -> None:
        for j in range(10):
            log.append(Decision(id=0, op="review", author=f"w{i}", note=str(j), relation=key))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    decisions = log.read()
    assert [d.id for d in decisions] == list(range(1, 81))
    expected = sorted((f"w{i}", str(j)) for i in range(8) for j in range(10))
    assert sorted((d.author, d.note) for d in decisions) == expected


def test_bad_decisions_are_refused(tmp_path: Path) -> None:
    log = CurationLog(tmp_path / "curation.jsonl")
    with pytest.raises(CurationError, match="needs into"):
        log.append(Decision(id=0, op="merge", actor=ActorKey(name="甲", type="University")))
    with pytest.raises(CurationError, match="unknown actor type 'Univ'"):
        log.append(Decision(id=0, op="retype", actor=ActorKey(name="甲", type="University"), new_type="Univ"))
    with pytest.raises(CurationError, match="no decision #7"):
        log.append(Decision(id=0, op="undo", undoes=7))
    assert log.read() == []
    (tmp_path / "curation.jsonl").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(CurationError, match="curation.jsonl:1"):
        log.read()


def test_split_makes_an_actor_only_where_the_alias_is_written() -> None:
    city = Entity(
        id=actor_id("District", "崇川区"),
        name="崇川区",
        type="District",
        aliases=["港闸区"],
        mentions=[Mention(text="崇川区", start=0, end=3), Mention(text="港闸区", start=4, end=7)],
    )
    ex = Extraction(document=DocumentMeta(id="d"), entities=[city])
    d = Decision(id=1, op="split", actor=ActorKey(name="崇川区", type="District"), alias="港闸区")
    out = curate(ex, [d])
    assert sorted(e.name for e in out.entities) == ["崇川区", "港闸区"]
    assert out.document.extractor and "+curation:" in out.document.extractor
    only_linked = ex.model_copy(update={"entities": [city.model_copy(update={"mentions": city.mentions[:1]})]})
    assert [e.name for e in curate(only_linked, [d]).entities] == ["崇川区"]
    # decisions about other actors leave a document's version alone
    other = Decision(id=2, op="retype", actor=ActorKey(name="乙大学", type="University"), new_type="Platform")
    assert curate(ex, [other]).document.extractor == ex.document.extractor


def test_curate_commands_name_actors_and_refuse_ambiguity(store, tmp_path: Path) -> None:  # noqa: ANN001
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(DOC_A, encoding="utf-8")
    ingest_files(store, [docs])
    env = {
        "INNOGRAPH_DATA_DIR": str(store.server.data_dir),
        "INNOGRAPH_GRAPH_NAME": store.graph_name,
        "INNOGRAPH_CURATION_FILE": str(tmp_path / "log.jsonl"),
    }
    run = CliRunner().invoke
    r = run(cli, ["curate", "reject", "COOPERATES_WITH", "南京大学", "江苏星河电子股份有限公司", "-m", "test"], env=env)
    assert r.exit_code == 0, r.output
    assert _coop("南京大学", "江苏星河电子股份有限公司") not in _ties(store)
    r = run(cli, ["curate", "merge", "没有这个机构", "南京大学"], env=env)
    assert r.exit_code == 2 and "no actor named" in r.output
    r = run(cli, ["curate", "reject", "CO_BUILD", "南京大学", "东南大学"], env=env)
    assert r.exit_code == 2 and "unknown relation type 'CO_BUILD'" in r.output
    listed = json.loads(run(cli, ["curate", "list", "--json"], env=env).output)
    assert [d["op"] for d in listed] == ["reject"] and listed[0]["note"] == "test"
    r = run(cli, ["curate", "undo", "1"], env=env)
    assert r.exit_code == 0, r.output
    assert _coop("南京大学", "江苏星河电子股份有限公司") in _ties(store)
    out = tmp_path / "export.jsonl"
    assert run(cli, ["curate", "export", str(out)], env=env).exit_code == 0
    assert [json.loads(x)["op"] for x in out.read_text(encoding="utf-8").splitlines()] == ["reject", "undo"]


def test_the_api_records_and_undoes_decisions_and_refuses_bad_ones(store, tmp_path: Path) -> None:  # noqa: ANN001
    from fastapi.testclient import TestClient
    from pydantic import SecretStr

    from api.app import create_app
    from api.settings import Settings

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(DOC_A, encoding="utf-8")
    ingest_files(store, [docs])
    key = "curation-write-key-0123456789"
    settings = Settings(_env_file=None, api_key=SecretStr(key), curation_file=tmp_path / "api.jsonl")  # type: ignore[call-arg]
    body = {
        "op": "reject",
        "note": "checked",
        "relation": {
            "type": "COOPERATES_WITH",
            "head": {"name": "南京大学", "type": "University"},
            "tail": {"name": "江苏星河电子股份有限公司", "type": "Enterprise"},
        },
    }
    with TestClient(create_app(settings, store), raise_server_exceptions=False) as client:
        assert client.post("/curation", json=body).status_code == 401  # the write key is needed
        r = client.post("/curation", json=body, headers={"X-API-Key": key})
        assert r.status_code == 200, r.text
        assert r.json()["decision"]["id"] == 1 and r.json()["documents_rederived"] == 1
        assert _coop("南京大学", "江苏星河电子股份有限公司") not in _ties(store)
        bad = client.post("/curation", json={"op": "merge"}, headers={"X-API-Key": key})
        assert bad.status_code == 422 and "needs" in bad.text
        listed = client.get("/curation").json()
        assert listed["total"] == 1 and listed["items"][0]["note"] == "checked"
        r = client.post("/curation", json={"op": "undo", "undoes": 1}, headers={"X-API-Key": key})
        assert r.status_code == 200, r.text
        assert _coop("南京大学", "江苏星河电子股份有限公司") in _ties(store)
        assert client.get("/curation").json()["total"] == 0
        assert client.get("/curation", params={"all": True}).json()["total"] == 2


def test_a_decision_about_the_actor_a_merge_made_applies_where_only_the_merged_name_is_written() -> None:
    hhu = Entity(
        id=actor_id("University", "河海大学"),
        name="河海大学",
        type="University",
        mentions=[Mention(text="河海大学", start=0, end=4)],
    )
    other = Entity(
        id=actor_id("University", "南京大学"),
        name="南京大学",
        type="University",
        mentions=[Mention(text="南京大学", start=5, end=9)],
    )
    ex = Extraction(document=DocumentMeta(id="d"), entities=[hhu, other])
    merge = Decision(
        id=1,
        op="merge",
        actor=ActorKey(name="河海大学", type="University"),
        into=ActorKey(name="东南大学", type="University"),
    )
    retype = Decision(
        id=2, op="retype", actor=ActorKey(name="东南大学", type="University"), new_type="ResearchInstitute"
    )
    out = curate(ex, [merge, retype])
    assert sorted((e.name, e.type) for e in out.entities) == [
        ("东南大学", "ResearchInstitute"),
        ("南京大学", "University"),
    ]
    seu = next(e for e in out.entities if e.name == "东南大学")
    assert [m.split(":")[0] for m in seu.merges] == ["curation #1 (1.00)", "curation #2 (1.00)"]
    # the retype alone does not concern this document (it writes neither name)
    assert curate(ex, [retype]).document.extractor == ex.document.extractor
