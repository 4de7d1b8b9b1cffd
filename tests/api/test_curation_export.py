"""Exports show which facts were curated (issue 21): documents of our own on a real FalkorDB graph, decisions
recorded through the real app's ``POST /curation`` (reject, retype, merge, retype again, add, review, a
review undone), then every attribute-carrying format of ``GET /export`` parsed back: the marks sit on
exactly the curated nodes and edges, nowhere else, the rejected relation is no edge and is listed where the
format has room, and the actors' marks agree with ``GET /actors/{id}``."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from lxml import etree

from api.app import create_app
from graph.analysis import ProjectionFilter
from graph.analysis_service import export as service_export
from graph.falkor import FalkorStore
from ingest.curation import CurationLog, export_marks
from ingest.models import actor_id
from ingest.pipeline import ingest_files
from tests.analysis.test_export import grammar_problems
from tests.api.conftest import WRITE_KEY, make_settings

DOC_1 = (
    "丙市科学技术局2021年工作总结\n\n"
    "2021年，南京大学与江苏星河电子有限公司签订战略合作协议。\n"
    "南京大学与江苏青松电子有限公司签订战略合作协议。\n"
    "东南大学与江苏云帆材料有限公司签订战略合作协议。\n"
)
DOC_2 = "丙市科学技术局2022年工作总结\n\n2022年，河海大学与江苏白鹭电子有限公司签订战略合作协议。\n"
ADDED = "南京大学与丙市共建丙市智能制造研究院。"

NJU, SEU, HHU = "南京大学", "东南大学", "河海大学"
XINGHE, QINGSONG, YUNFAN, BAILU = (
    "江苏星河电子有限公司",
    "江苏青松电子有限公司",
    "江苏云帆材料有限公司",
    "江苏白鹭电子有限公司",
)
INSTITUTE = "丙市智能制造研究院"


def _key(name: str, type_: str) -> dict[str, str]:
    return {"name": name, "type": type_}


def _rel(type_: str, head: tuple[str, str], tail: tuple[str, str]) -> dict[str, Any]:
    return {"type": type_, "head": _key(*head), "tail": _key(*tail)}


DECISIONS: list[dict[str, Any]] = [
    # 1: rejected while 星河 is an Enterprise; the rejection follows the retype of #2
    {
        "op": "reject",
        "note": "a list, no cooperation",
        "author": "ana",
        "relation": _rel("COOPERATES_WITH", (NJU, "University"), (XINGHE, "Enterprise")),
    },
    {"op": "retype", "actor": _key(XINGHE, "Enterprise"), "new_type": "Platform"},  # 2
    {"op": "merge", "actor": _key(HHU, "University"), "into": _key(SEU, "University")},  # 3
    {"op": "retype", "actor": _key(SEU, "University"), "new_type": "ResearchInstitute"},  # 4
    {
        "op": "add",
        "evidence": ADDED,  # 5: an actor no document names
        "relation": _rel("CO_BUILDS", (NJU, "University"), (INSTITUTE, "ResearchInstitute")),
    },
    {"op": "review", "relation": _rel("COOPERATES_WITH", (QINGSONG, "Enterprise"), (NJU, "University"))},  # 6
    {"op": "review", "relation": _rel("COOPERATES_WITH", (SEU, "ResearchInstitute"), (YUNFAN, "Enterprise"))},  # 7
    {"op": "undo", "undoes": 7},  # 8: the second review is withdrawn: that edge carries no mark
]

ID = {
    "nju": actor_id("University", NJU),
    "seu": actor_id("ResearchInstitute", SEU),
    "xinghe": actor_id("Platform", XINGHE),
    "qingsong": actor_id("Enterprise", QINGSONG),
    "yunfan": actor_id("Enterprise", YUNFAN),
    "bailu": actor_id("Enterprise", BAILU),
    "institute": actor_id("ResearchInstitute", INSTITUTE),
}
NODE_MARKS = {
    ID["xinghe"]: ("retype", "2"),
    ID["seu"]: ("merge,retype", "3,4"),
    ID["institute"]: ("add", "5"),
}
EDGE_MARKS = {
    frozenset((ID["nju"], ID["institute"])): ("add", "5"),
    frozenset((ID["nju"], ID["qingsong"])): ("review", "6"),
}
REJECTED = frozenset((ID["nju"], ID["xinghe"]))


@pytest.fixture
def curated(store: FalkorStore, tmp_path: Path) -> Iterator[tuple[TestClient, FalkorStore, CurationLog]]:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "one.txt").write_text(DOC_1, encoding="utf-8")
    (docs / "two.txt").write_text(DOC_2, encoding="utf-8")
    ingest_files(store, [docs])
    log = CurationLog(tmp_path / "curation.jsonl")
    with TestClient(create_app(make_settings(curation_file=log.path), store), raise_server_exceptions=False) as c:
        for n, body in enumerate(DECISIONS, 1):
            r = c.post("/curation", json=body, headers={"X-API-Key": WRITE_KEY})
            assert r.status_code == 200, r.text
            assert r.json()["decision"]["id"] == n
        yield c, store, log


def _export(client: TestClient, fmt: str, **params: Any) -> bytes:
    r = client.get("/export", params={"format": fmt, **params})
    assert r.status_code == 200, r.text
    return r.content


def _marks(attrs: dict[str, Any]) -> tuple[str, str] | None:
    if attrs.get("curated") in (None, ""):
        assert attrs.get("curation_decisions") in (None, ""), attrs
        return None
    return str(attrs["curated"]), str(attrs["curation_decisions"])


def _check(nodes: dict[str, dict[str, Any]], edges: dict[frozenset[str], dict[str, Any]]) -> None:
    """Marks on exactly the curated nodes and edges; the rejected relation is no edge."""
    assert set(NODE_MARKS) | {ID["nju"], ID["qingsong"], ID["yunfan"], ID["bailu"]} <= set(nodes), sorted(nodes)
    assert {v: m for v, d in nodes.items() if (m := _marks(d))} == NODE_MARKS
    assert frozenset((ID["seu"], ID["bailu"])) in edges  # the merged actor's tie, not itself curated
    assert frozenset((ID["seu"], ID["yunfan"])) in edges  # reviewed, then the review undone
    assert {e: m for e, d in edges.items() if (m := _marks(d))} == EDGE_MARKS
    assert REJECTED not in edges


def test_every_export_format_marks_exactly_the_curated_facts(curated) -> None:  # noqa: ANN001
    client, _, _ = curated

    # JSON (node-link): marks, and the rejected relation with its note
    data = json.loads(_export(client, "json"))
    _check({n["id"]: n for n in data["nodes"]}, {frozenset((e["source"], e["target"])): e for e in data["edges"]})
    rejected = data["graph"]["rejected_relations"]
    assert [(r["decision"], r["type"], r["source"], r["target"], r["note"], r["author"]) for r in rejected] == [
        (1, "COOPERATES_WITH", ID["nju"], ID["xinghe"], "a list, no cooperation", "ana")
    ]

    # GraphML, read back by networkx
    G = nx.read_graphml(io.BytesIO(_export(client, "graphml")))
    _check({v: d for v, d in G.nodes(data=True)}, {frozenset((u, v)): d for u, v, d in G.edges(data=True)})
    assert G.graph["rejected_relations"] == f"#1 COOPERATES_WITH {NJU} -> {XINGHE}: a list, no cooperation"

    # GEXF, read as XML: attribute values by their declared titles
    ns = {"g": "http://gexf.net/1.3"}
    gexf = _export(client, "gexf")
    assert grammar_problems(gexf) == []  # still valid GEXF 1.3
    doc = etree.fromstring(gexf)
    titles = {
        (a.getparent().get("class"), a.get("id")): a.get("title")
        for a in doc.iterfind(".//g:attributes/g:attribute", ns)
    }

    def values(el: Any, cls: str) -> dict[str, str]:
        return {titles[(cls, v.get("for"))]: v.get("value") for v in el.iterfind("g:attvalues/g:attvalue", ns)}

    gexf_nodes = {n.get("id"): values(n, "node") for n in doc.iterfind(".//g:nodes/g:node", ns)}
    gexf_edges = {
        frozenset((e.get("source"), e.get("target"))): values(e, "edge") for e in doc.iterfind(".//g:edges/g:edge", ns)
    }
    _check(gexf_nodes, gexf_edges)
    description = doc.findtext(".//g:meta/g:description", namespaces=ns)
    assert "rejected by curation" in description and f"#1 COOPERATES_WITH {NJU} -> {XINGHE}" in description

    # CSV node and edge lists: the columns, empty where nothing was curated
    node_rows = list(csv.DictReader(io.StringIO(_export(client, "csv-nodes").decode("utf-8"))))
    edge_rows = list(csv.DictReader(io.StringIO(_export(client, "csv-edges").decode("utf-8"))))
    _check({r["id"]: r for r in node_rows}, {frozenset((r["source"], r["target"])): r for r in edge_rows})

    # attribute-less formats: the rejected relation is not an edge either
    pajek = _export(client, "pajek").decode("utf-8")
    assert XINGHE in pajek and len(pajek.split("*Edges")[1].strip().splitlines()) == len(edge_rows)


def test_the_marks_agree_with_the_actor_pages_and_follow_the_filters(curated) -> None:  # noqa: ANN001
    client, store, log = curated
    # the actors' pages list the same decisions (their resolution records)
    for actor, (_, numbers) in NODE_MARKS.items():
        page = client.get(f"/actors/{actor}").json()
        listed = sorted({int(entry.split("#")[1].split()[0]) for entry in page["curation"]})
        if actor == ID["institute"]:  # known only from the relation added: its one document is the curation's
            assert listed == [] and [d["id"] for d in page["documents"]] == ["d_curation"]
        else:
            assert ",".join(map(str, listed)) == numbers, page["curation"]
    for actor in (ID["nju"], ID["qingsong"], ID["yunfan"], ID["bailu"]):
        assert client.get(f"/actors/{actor}").json()["curation"] == []

    # directed: the reviewed symmetric tie marks both its arcs; the added one its one arc
    data = json.loads(_export(client, "json", directed=True))
    arcs = {(e["source"], e["target"]): m for e in data["edges"] if (m := _marks(e))}
    assert arcs == {
        (ID["nju"], ID["institute"]): ("add", "5"),
        (ID["nju"], ID["qingsong"]): ("review", "6"),
        (ID["qingsong"], ID["nju"]): ("review", "6"),
    }
    # a relation-type filter: the rejected COOPERATES_WITH is not listed for a CO_BUILDS network
    data = json.loads(_export(client, "json", rel_types="CO_BUILDS"))
    assert "rejected_relations" not in data["graph"]
    assert {frozenset((e["source"], e["target"])): _marks(e) for e in data["edges"]} == {
        frozenset((ID["nju"], ID["institute"])): ("add", "5")
    }

    # the function the CLI's export calls gives the same file, given the same marks
    out = io.BytesIO()
    service_export(store, ProjectionFilter(), "json", out, curation=export_marks(store, log.read()))
    assert json.loads(out.getvalue()) == json.loads(_export(client, "json"))


def test_an_export_without_curation_carries_no_marks(store: FalkorStore, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "one.txt").write_text(DOC_1, encoding="utf-8")
    ingest_files(store, [docs])
    settings = make_settings(curation_file=tmp_path / "none.jsonl")
    with TestClient(create_app(settings, store), raise_server_exceptions=False) as client:
        data = json.loads(_export(client, "json"))
        header = _export(client, "csv-nodes").decode("utf-8").splitlines()[0]
    assert data["nodes"] and data["edges"] and data["graph"] == {}
    assert not any("curated" in x for x in [*data["nodes"], *data["edges"]])
    assert "curated" not in header


def test_the_cli_export_marks_what_the_api_export_marks(curated, tmp_path: Path) -> None:  # noqa: ANN001
    from typer.testing import CliRunner

    from api.cli import app as cli

    client, store, log = curated
    env = {
        "INNOGRAPH_DATA_DIR": str(store.server.data_dir),
        "INNOGRAPH_GRAPH_NAME": store.graph_name,
        "INNOGRAPH_CURATION_FILE": str(log.path),
    }
    out = tmp_path / "net.json"
    r = CliRunner().invoke(cli, ["export", "--format", "json", "-o", str(out)], env=env)
    assert r.exit_code == 0, r.output
    data = json.loads(out.read_text("utf-8"))
    assert {n["id"]: _marks(n) for n in data["nodes"] if _marks(n)} == NODE_MARKS
    assert data == json.loads(_export(client, "json"))
