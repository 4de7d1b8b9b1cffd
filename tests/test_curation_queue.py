"""The review queue (issue 21): likely duplicates, low-confidence relations and actors of uncertain type,
ordered by the network impact of the actors involved — on a real embedded FalkorDB graph, with a
document of our own (its extraction written by hand, so that confidences and types are known)."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from pydantic import SecretStr
from typer.testing import CliRunner

from api.app import create_app
from api.cli import app as cli
from api.settings import Settings
from graph.loader import load_extraction
from ingest.curation import ActorKey, CurationLog, Decision, RelationKey
from ingest.curation_queue import review_queue, suffix_types
from ingest.models import DocumentMeta, Entity, Evidence, Extraction, Mention, Relation, actor_id

HUB = ("甲市", "City")
SHORT_INST = ("星河先进材料研究院", "ResearchInstitute")
LONG_INST = ("江苏星河先进材料研究院", "ResearchInstitute")
LAB = ("云帆创新实验室", "ResearchInstitute")  # a lab is a Platform (guideline rule 8)
FIRMS = [
    (n, "Enterprise")
    for n in (
        "江苏星河电子股份有限公司",
        "云帆新材料有限公司",
        "蓝海生物医药有限公司",
        "远航船舶工程有限公司",
        "金穗农业科技有限公司",
    )
]
UNI = ("乙大学", "University")
FAR_A = ("丙县智能制造研究院", "ResearchInstitute")
FAR_B = ("丁科技有限公司", "Enterprise")


def _id(actor: tuple[str, str]) -> str:
    return actor_id(actor[1], actor[0])


def _document() -> tuple[Extraction, str]:
    """The hub (甲市) introduces five firms and the long-named institute; two low-confidence ties of equal
    confidence, one at the hub, one far from it; the short-named institute and the lab hang off the hub."""
    lines: list[str] = []
    relations: list[Relation] = []
    mentions: dict[str, list[Mention]] = {}

    def state(rel_type: str, head: tuple[str, str], tail: tuple[str, str], verb: str, conf: float) -> None:
        start = sum(len(x) + 1 for x in lines)
        sentence = f"{head[0]}{verb}{tail[0]}。"
        lines.append(sentence)
        for actor, at in ((head, 0), (tail, len(head[0]) + len(verb))):
            mentions.setdefault(_id(actor), []).append(
                Mention(text=actor[0], start=start + at, end=start + at + len(actor[0]))
            )
        relations.append(
            Relation(
                type=rel_type,
                head=_id(head),
                tail=_id(tail),
                confidence=conf,
                rule="test",  # type: ignore[arg-type]
                evidence=[Evidence(text=sentence, start=start, end=start + len(sentence))],
            )
        )

    for firm in FIRMS:
        state("INTRODUCES", HUB, firm, "引进", 0.9)
    state("INTRODUCES", HUB, LONG_INST, "引进", 0.9)
    state("CO_BUILDS", UNI, SHORT_INST, "共建", 0.9)
    state("COOPERATES_WITH", UNI, HUB, "携手", 0.6)  # low confidence, at the hub
    state("COOPERATES_WITH", FAR_A, FAR_B, "携手", 0.6)  # low confidence, far from everything
    state("LOCATED_IN", LAB, HUB, "落户", 0.9)
    actors = [HUB, SHORT_INST, LONG_INST, LAB, *FIRMS, UNI, FAR_A, FAR_B]
    entities = [Entity(id=_id(a), name=a[0], type=a[1], mentions=mentions[_id(a)]) for a in actors]  # type: ignore[arg-type]
    text = "\n".join(lines)
    meta = DocumentMeta(id="d_queue_test", source="queue-test.txt", title="甲市科技局工作总结", chars=len(text))
    return Extraction(document=meta, entities=entities, relations=relations), text


def _load(store) -> None:  # noqa: ANN001
    extraction, text = _document()
    assert load_extraction(store, extraction, text).status != "unchanged"


def test_the_queue_lists_each_kind_ordered_by_network_impact(store) -> None:  # noqa: ANN001
    _load(store)
    q = review_queue(store, [], top=None)
    assert q.counts == {"duplicate": 1, "low_confidence": 2, "uncertain_type": 1}, q.items
    assert q.betweenness == "exact"
    dup = next(i for i in q.items if i.kind == "duplicate")
    assert {a.name for a in dup.actors} == {SHORT_INST[0], LONG_INST[0]}
    assert dup.suggestion == {
        "op": "merge",
        "actor": {"name": SHORT_INST[0], "type": SHORT_INST[1]},
        "into": {"name": LONG_INST[0], "type": LONG_INST[1]},
    }
    typed = next(i for i in q.items if i.kind == "uncertain_type")
    assert typed.actors[0].name == LAB[0] and typed.suggestion["new_type"] == "Platform"
    # two ties of equal confidence: the one at the hub (degree 8, the broker) comes first
    low = [i for i in q.items if i.kind == "low_confidence"]
    assert [{a.name for a in i.actors} for i in low] == [{UNI[0], HUB[0]}, {FAR_A[0], FAR_B[0]}]
    assert low[0].score == low[1].score == 0.4
    hub = next(a for a in low[0].actors if a.name == HUB[0])
    assert hub.degree == 8 and hub.betweenness > 0.5
    assert low[0].impact > low[1].impact and low[0].priority > low[1].priority
    assert [i.priority for i in q.items] == sorted((i.priority for i in q.items), reverse=True)
    assert review_queue(store, [], top=2).items == q.items[:2]
    only = review_queue(store, [], top=None, kinds=("duplicate",))
    assert [i.kind for i in only.items] == ["duplicate"] and only.total == 1


def test_decided_items_leave_the_queue(store, tmp_path: Path) -> None:  # noqa: ANN001
    _load(store)
    log = CurationLog(tmp_path / "curation.jsonl")
    far = RelationKey(
        type="COOPERATES_WITH", head=ActorKey(name=FAR_B[0], type=FAR_B[1]), tail=ActorKey(name=FAR_A[0], type=FAR_A[1])
    )  # written the other way round
    log.append(Decision(id=0, op="review", relation=far))
    log.append(Decision(id=0, op="retype", actor=ActorKey(name=LAB[0], type=LAB[1]), new_type="Platform"))
    q = review_queue(store, log.read(), top=None)
    assert q.counts == {"duplicate": 1, "low_confidence": 1, "uncertain_type": 0}
    # an undone review puts the relation back
    log.append(Decision(id=0, op="undo", undoes=1))
    assert review_queue(store, log.read(), top=None).counts["low_confidence"] == 2


def test_suffixes_decide_by_the_longest() -> None:
    assert suffix_types("中国科学院") == ("科学院", ("ResearchInstitute",))
    assert suffix_types("南通理工学院") == ("学院", ("University",))
    assert suffix_types("之江实验室") == ("实验室", ("Platform",))
    assert suffix_types("南通市") is None and suffix_types("实验室") is None


def test_the_api_and_the_cli_give_the_same_queue(store, tmp_path: Path) -> None:  # noqa: ANN001
    _load(store)
    log_file = tmp_path / "curation.jsonl"
    settings = Settings(_env_file=None, api_key=SecretStr("queue-write-key-0123456789"), curation_file=log_file)  # type: ignore[call-arg]
    with TestClient(create_app(settings, store)) as client:
        r = client.get("/curation/queue", params={"top": 3})
        assert r.status_code == 200, r.text
        api = r.json()
        assert len(api["items"]) == 3 and api["total"] == 4
        assert client.get("/curation/queue", params={"kind": "bogus"}).status_code == 422
        api = client.get("/curation/queue", params={"top": 3}).json()
    env = {
        "INNOGRAPH_DATA_DIR": str(store.server.data_dir),
        "INNOGRAPH_GRAPH_NAME": store.graph_name,
        "INNOGRAPH_CURATION_FILE": str(log_file),
    }
    r = CliRunner().invoke(cli, ["curate", "queue", "--top", "3", "--json"], env=env)
    assert r.exit_code == 0, r.output
    assert json.loads(r.output) == api
    r = CliRunner().invoke(cli, ["curate", "queue", "--kind", "dupes"], env=env)
    assert r.exit_code == 2 and "unknown item kind 'dupes'" in r.output
    r = CliRunner().invoke(cli, ["curate", "queue"], env=env)
    assert r.exit_code == 0 and "low_confidence" in r.output


def test_the_actor_detail_shows_its_curated_facts(store, tmp_path: Path) -> None:  # noqa: ANN001
    from ingest.pipeline import ingest_files

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(
        "甲市科学技术局2021年工作总结\n\n2021年，东南大学与江苏星河电子股份有限公司签订战略合作协议。\n",
        encoding="utf-8",
    )
    (docs / "b.txt").write_text(
        "甲市科学技术局2022年工作总结\n\n2022年，河海大学与江苏云帆材料有限公司签订战略合作协议。\n", encoding="utf-8"
    )
    ingest_files(store, [docs])
    key = "queue-write-key-0123456789"
    settings = Settings(_env_file=None, api_key=SecretStr(key), curation_file=tmp_path / "c.jsonl")  # type: ignore[call-arg]
    merge = {
        "op": "merge",
        "actor": {"name": "河海大学", "type": "University"},
        "into": {"name": "东南大学", "type": "University"},
        "note": "test",
    }
    with TestClient(create_app(settings, store)) as client:
        assert client.post("/curation", json=merge, headers={"X-API-Key": key}).status_code == 200
        detail = client.get(f"/actors/{actor_id('University', '东南大学')}").json()
        assert detail["curation"] == ["curation #1 (1.00): 河海大学 -> 东南大学"], detail
        assert "河海大学" in detail["aliases"]
        firm = client.get(f"/actors/{actor_id('Enterprise', '江苏星河电子股份有限公司')}").json()
        assert firm["curation"] == []
        concerning = client.get("/curation", params={"actor": ["河海大学", "东南大学"]}).json()
        assert [d["op"] for d in concerning["items"]] == ["merge"]
        assert client.get("/curation", params={"actor": ["江苏星河电子股份有限公司"]}).json()["total"] == 0
