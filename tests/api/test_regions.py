"""Regions mean one thing everywhere: X and everything within it, X included (issue 16).

The CLI's --region and every API route's ?region= resolve the name the same way (南通 → 南通市,
an unknown region refused with close matches) and select the same actors, on the sample graph of
tests/api/sample.py placed in space by the ingest step :func:`ingest.places.locate`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.cli import app as cli
from graph.falkor import FalkorStore
from ingest.places import locate, path_from_name, path_of_place
from tests.api.sample import TYPES

REPO = Path(__file__).resolve().parents[2]


def _env(store: FalkorStore) -> dict[str, str]:
    return {"INNOGRAPH_DATA_DIR": str(store.server.data_dir), "INNOGRAPH_GRAPH_NAME": store.graph_name}


def _cli_summary(store: FalkorStore, region: str) -> dict:
    result = CliRunner().invoke(cli, ["analyze", "summary", "--region", region, "--json"], env=_env(store))
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_a_city_keeps_its_own_ties(api_store: FalkorStore) -> None:
    summary = _cli_summary(api_store, "南通市")
    assert summary["nodes"] > 1 and summary["edges"] > 0  # the city's ties (it used to lose them: region 江苏省)


@pytest.mark.parametrize("short", ["南通", " 南通市 "])
def test_short_and_padded_names_give_the_same_result(api_store: FalkorStore, short: str) -> None:
    assert _cli_summary(api_store, short) == _cli_summary(api_store, "南通市")


def test_a_province_holds_its_cities(api_store: FalkorStore) -> None:
    province = _cli_summary(api_store, "江苏省")
    for city in ("南通市", "苏州市", "无锡市"):
        assert _cli_summary(api_store, city)["nodes"] < province["nodes"]


def test_cli_and_api_agree_on_every_route(api_store: FalkorStore, client: TestClient) -> None:
    for region in ("南通市", "南通", "苏州市", "江苏省"):
        cli_summary = _cli_summary(api_store, region)
        api_summary = client.get("/analysis/summary", params={"region": region}).json()
        assert api_summary == cli_summary, region
        # the projection's actors are exactly the actors /actors lists for the region (same types)
        nodes = client.get("/export", params={"region": region, "format": "json"}).json()
        names = {n["name"] for n in nodes["nodes"]}
        ids = {n["id"] for n in nodes["nodes"]}
        types = sorted({TYPES[n] for n in names})
        listed = client.get("/actors", params={"region": region, "type": types, "limit": 200}).json()
        assert {a["name"] for a in listed["items"]} == names, region
        # /network keeps ties whose two ends are both within the region
        edges = client.get("/network", params={"region": region}).json()["edges"]
        assert edges, region
        assert all(e["source"] in ids and e["target"] in ids for e in edges), region


def test_documents_of_a_region_include_those_of_places_within_it(client: TestClient) -> None:
    province = client.get("/documents", params={"region": "江苏省"}).json()["total"]
    cities = sum(client.get("/documents", params={"region": c}).json()["total"] for c in ("南通市", "苏州市", "无锡市"))
    assert province == cities > 0


@pytest.mark.parametrize("route", ["/actors", "/documents", "/network", "/analysis/summary", "/export"])
def test_an_unknown_region_is_422_with_close_matches(client: TestClient, route: str) -> None:
    r = client.get(route, params={"region": "南通县"})
    assert r.status_code == 422, r.text
    assert "南通市" in r.text  # the close match is named
    r = client.get(route, params={"region": "火星市"})
    assert r.status_code == 422 and "火星市" in r.text


def test_the_cli_refuses_an_unknown_region_in_one_line(api_store: FalkorStore) -> None:
    env = {**os.environ, **_env(api_store)}
    proc = subprocess.run(
        [sys.executable, "-m", "api.cli", "analyze", "summary", "--region", "火星市"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    assert "unknown region '火星市'" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


# -- placing actors (ingest.places) ----------------------------------------------------------------


def test_places_are_chained_province_city_district() -> None:
    assert path_of_place("南通市") == ("江苏省", "南通市")
    assert path_of_place("如皋市") == ("江苏省", "南通市", "如皋市")  # a county-level city in its city
    assert path_of_place("崇川区") == ("江苏省", "南通市", "南通市崇川区")
    assert path_of_place("杭州市余杭区") == ("浙江省", "杭州市", "杭州市余杭区")
    assert path_of_place("津南区") == ("天津市", "天津市津南区")  # a municipality's district
    assert path_of_place("鼓楼区") == ()  # four cities have one: no guess
    assert path_of_place("鼓楼区", parent_hint="福州市") == ("福建省", "福州市", "福州市鼓楼区")


def test_a_district_merged_away_is_its_own_unit_before_the_merger() -> None:
    assert path_of_place("港闸区", year=2016) == ("江苏省", "南通市", "南通市港闸区")
    assert path_of_place("港闸区", year=2021) == path_of_place("崇川区")
    # a rename of one unit keeps it one unit at every date
    assert path_of_place("海安县", year=2016) == path_of_place("海安市", year=2016) == ("江苏省", "南通市", "海安市")


def test_names_place_organisations() -> None:
    assert path_from_name("中共南通市委组织部", short_forms=False) == ("江苏省", "南通市")
    assert path_from_name("杭州市余杭区科学技术局", short_forms=False) == ("浙江省", "杭州市", "杭州市余杭区")
    assert path_from_name("常州星河材料有限公司") == ("江苏省", "常州市")
    assert path_from_name("海安高新区", county_level=True) == ("江苏省", "南通市", "海安市")
    # a parent organisation's name does not place its branch; the rest of the name does
    assert path_from_name("南京大学海安高技术研究院") == ("江苏省", "南通市", "海安市")
    assert path_from_name("中山大学先进材料实验室") == ()  # 中山 here is a university, not 中山市
    assert path_from_name("长江新材料研究院") == ()


def test_locate_prefers_the_gazetteer_then_the_text_then_the_name() -> None:
    from ingest.models import DocumentMeta, Entity, Extraction, Relation, actor_id

    def ent(name: str, etype: str) -> Entity:
        return Entity(id=actor_id(etype, name), name=name, type=etype)  # type: ignore[arg-type]

    city, uni = ent("南通市", "City"), ent("南京大学", "University")
    inst, firm = ent("星河先进材料研究院", "ResearchInstitute"), ent("苏州星河电子有限公司", "Enterprise")
    rels = [Relation(type="LOCATED_IN", head=x.id, tail=city.id) for x in (inst, firm)]
    meta = DocumentMeta(id="d", region="南通市")
    out = locate(Extraction(document=meta, entities=[city, uni, inst, firm], relations=rels))
    got = {e.name: (tuple(e.region_path), e.region_source) for e in out.entities}
    assert got["南京大学"] == (("江苏省", "南京市"), "gazetteer")
    assert got["星河先进材料研究院"] == (("江苏省", "南通市"), "text")
    assert got["苏州星河电子有限公司"] == (("江苏省", "南通市"), "text")  # the text beats the name
    assert out.document.region_path == ["江苏省", "南通市"]


def test_gazetteer_edges_carry_no_evidence_sentence(store: FalkorStore, tmp_path: Path) -> None:
    from ingest.pipeline import ingest_files

    (tmp_path / "a.txt").write_text(
        "南通市科学技术局2019年工作总结\n\n2019年，崇川区与南通大学签订战略合作协议。南通市科技工作稳步推进。\n",
        encoding="utf-8",
    )
    ingest_files(store, [tmp_path])
    rows = store.read_cypher(
        "MATCH (e:Evidence) RETURN e.source AS source, e.text AS text, e.rel_type AS type"
    ).records()
    gazetteer = [r for r in rows if r["source"] == "gazetteer"]
    assert gazetteer, rows  # 崇川区 LOCATED_IN 南通市, from the gazetteer
    assert all(r["text"] is None for r in gazetteer)
    assert all(r["text"] for r in rows if r["source"] == "text")
