"""Targets against actuals (issue 17): the pairing on rows, then `innograph gaps` and GET /indicators/gaps on a
real FalkorDB graph filled by `innograph ingest` with documents written for these tests."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from api.cli import app as cli
from graph.falkor import FalkorStore
from ingest.indicators.gaps import (
    IndicatorFilterError,
    check_concept,
    check_region,
    check_years,
    concept_choices,
    pair_targets,
)
from tests.api.conftest import make_settings

PLAN_2019 = (
    "泰州市科学技术局2019年工作计划\n"
    "力争到2020年,全市高新技术企业总数达到1000家,全社会研发投入强度达到2.8%,技术合同成交额达到100亿元,"
    "新增省级工程技术研究中心20家。到2025年,全市高新技术企业总数突破2000家。\n"
)
SUMMARY_2020 = (
    "泰州市科学技术局2020年工作总结\n"
    "2020年,泰州市高新技术企业总数达到1100家,全社会研发投入强度达到2.6%,技术合同成交额达到950000万元,"
    "省级工程技术研究中心总数达到150家。\n"
)


def row(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "jurisdiction": "甲市",
        "concept": "high_tech_enterprises",
        "name": "高新技术企业总数",
        "value": 100.0,
        "unit": "家",
        "year": 2020,
        "kind": "target",
        "measure": "stock",
        "doc_id": "d_plan",
        "doc_year": 2018,
    }
    return base | kw


# -- the pairing --------------------------------------------------------------------------------------
def test_a_target_is_paired_with_the_actual_of_its_year() -> None:
    [g] = pair_targets([row(), row(kind="actual", value=120.0, doc_id="d_sum", doc_year=2020)])
    assert g.paired and g.met
    assert g.actual is not None and g.actual.doc_id == "d_sum"
    assert g.gap == 20.0 and g.ratio == 1.2
    assert g.reason is None


def test_a_missed_target_has_a_negative_gap() -> None:
    [g] = pair_targets([row(), row(kind="actual", value=80.0, doc_id="d_sum")])
    assert (g.gap, g.ratio, g.met) == (-20.0, 0.8, False)


def test_another_year_another_place_or_concept_is_not_the_actual() -> None:
    others = [
        row(kind="actual", year=2019, doc_id="d1"),
        row(kind="actual", jurisdiction="乙市", doc_id="d2"),
        row(kind="actual", concept="tech_smes", doc_id="d3"),
    ]
    [g] = pair_targets([row(), *others])
    assert not g.paired and g.actual is None and g.gap is None
    assert g.reason == "no actual high_tech_enterprises of 甲市 reported for 2020"


def test_a_flow_does_not_meet_a_stock_target() -> None:
    [g] = pair_targets([row(), row(kind="actual", measure="flow", value=300.0, doc_id="d_sum")])
    assert not g.paired
    assert g.reason is not None and "stated as flow, the target as stock" in g.reason


def test_units_are_compared_as_written() -> None:
    t = row(concept="tech_contract_turnover", measure="flow", value=100.0, unit="亿元")
    a = row(concept="tech_contract_turnover", measure="flow", value=950000.0, unit="万元", kind="actual", doc_id="d2")
    [g] = pair_targets([t, a])
    assert not g.paired
    assert g.reason is not None and g.reason.startswith("units differ: the target is in 亿元, the actual in 万元")


def test_another_documents_actual_comes_first_then_the_latest() -> None:
    rows = [
        row(doc_id="d_plan"),
        row(kind="actual", value=90.0, doc_id="d_plan"),  # the plan's own figure
        row(kind="actual", value=110.0, doc_id="d_2020", doc_year=2020),
        row(kind="actual", value=111.0, doc_id="d_2021", doc_year=2021),
    ]
    [g] = pair_targets(rows)
    assert g.actual is not None and g.actual.doc_id == "d_2021" and g.actual.value == 111.0
    assert g.actual_values == [90.0, 110.0, 111.0]
    assert g.reason == "documents state different actuals: 90, 110, 111"
    [own] = pair_targets(rows[:2])
    assert own.paired and own.reason == "the actual is stated by the target's own document"


def test_a_target_restated_by_later_documents_is_listed_once() -> None:
    rows = [row(doc_id="d_b", doc_year=2019), row(doc_id="d_a", doc_year=2018), row(value=150.0, doc_id="d_c")]
    gaps = pair_targets(rows)
    assert [(g.target.value, g.target_documents, g.target.doc_id) for g in gaps] == [
        (100.0, 2, "d_a"),
        (150.0, 1, "d_c"),
    ]


def test_ceilings_and_ranks_are_met_from_below() -> None:
    ceiling = row(concept="other_ceiling", measure="share", unit="%", value=5.0, qualifier="不超过")
    [g] = pair_targets([ceiling, ceiling | {"kind": "actual", "value": 4.0, "qualifier": None, "doc_id": "d2"}])
    assert g.met is True and g.gap == -1.0
    rank = row(concept="innovation_index", measure="rank", unit="位", value=5.0)
    [r] = pair_targets([rank, rank | {"kind": "actual", "value": 3.0, "doc_id": "d2"}])
    assert r.met is True and r.ratio is None  # a rank's ratio means nothing


def test_growth_has_a_gap_but_no_ratio() -> None:
    t = row(concept="rd_expenditure_growth", measure="growth", unit="%", value=10.0)
    [g] = pair_targets([t, t | {"kind": "actual", "value": 12.5, "doc_id": "d2"}])
    assert g.gap == 2.5 and g.ratio is None and g.met


def test_a_target_of_no_concept_or_no_year_is_not_paired() -> None:
    t = row(concept="other")
    gaps = pair_targets([t, t | {"kind": "actual", "doc_id": "d2"}, row(year=None)])
    assert len(gaps) == 1 and not gaps[0].paired
    assert gaps[0].reason is not None and "no concept" in gaps[0].reason


def test_filters_are_checked() -> None:
    assert check_concept("platform") == "platform"
    assert check_concept("platform.key_lab.provincial") == "platform.key_lab.provincial"
    assert "rd_intensity" in concept_choices()
    with pytest.raises(IndicatorFilterError, match=r"did you mean rd_intensity.*choose from .*high_tech_enterprises"):
        check_concept("rd_intensty")
    with pytest.raises(IndicatorFilterError, match="jurisdictions with indicators: 乙市, 甲市"):
        check_region("丙市", ["乙市", "甲市"])
    with pytest.raises(IndicatorFilterError, match="from 2021 is after to 2020"):
        check_years(2021, 2020)
    check_years(2020, 2020)


# -- the CLI and the API on a real graph ---------------------------------------------------------------
def _env(store: FalkorStore) -> dict[str, str]:
    return {"INNOGRAPH_DATA_DIR": str(store.server.data_dir), "INNOGRAPH_GRAPH_NAME": store.graph_name}


@pytest.fixture
def taizhou(store: FalkorStore, tmp_path: Path) -> FalkorStore:
    (tmp_path / "plan.txt").write_text(PLAN_2019, encoding="utf-8")
    (tmp_path / "summary.txt").write_text(SUMMARY_2020, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path)], env=_env(store))
    assert result.exit_code == 0, result.output
    return store


def _by_concept(items: list[dict[str, Any]]) -> dict[tuple[str, int], dict[str, Any]]:
    return {(i["concept"], i["year"]): i for i in items}


def test_cli_gaps(taizhou: FalkorStore) -> None:
    result = CliRunner().invoke(cli, ["gaps", "--region", "泰州市", "--json"], env=_env(taizhou))
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    got = _by_concept(body["items"])
    assert set(got) == {
        ("high_tech_enterprises", 2020),
        ("high_tech_enterprises", 2025),
        ("rd_intensity", 2020),
        ("tech_contract_turnover", 2020),
        ("platform.engineering_centre.provincial", 2020),
    }
    hte = got[("high_tech_enterprises", 2020)]
    assert (hte["target"]["value"], hte["actual"]["value"], hte["gap"], hte["met"]) == (1000.0, 1100.0, 100.0, True)
    assert hte["actual"]["evidence"] and "1100家" in hte["actual"]["evidence"]
    rd = got[("rd_intensity", 2020)]
    assert rd["paired"] and rd["met"] is False and rd["gap"] == pytest.approx(-0.2)
    assert rd["ratio"] == pytest.approx(2.6 / 2.8, abs=1e-6)
    assert "units differ" in got[("tech_contract_turnover", 2020)]["reason"]
    assert "stated as stock, the target as flow" in got[("platform.engineering_centre.provincial", 2020)]["reason"]
    assert "reported for 2025" in got[("high_tech_enterprises", 2025)]["reason"]
    assert (body["count"], body["paired"], body["met"]) == (5, 2, 1)

    table = CliRunner().invoke(cli, ["gaps", "--concept", "high_tech_enterprises", "--to", "2020"], env=_env(taizhou))
    assert table.exit_code == 0, table.output
    assert "+100" in table.stdout and "2025" not in table.stdout

    paired = CliRunner().invoke(cli, ["gaps", "--paired", "--csv"], env=_env(taizhou))
    rows = list(csv.DictReader(io.StringIO(paired.stdout)))
    assert {(r["concept"], r["gap"]) for r in rows} == {("high_tech_enterprises", "+100"), ("rd_intensity", "-0.2")}
    assert all(r["target_evidence"] and r["actual_evidence"] for r in rows)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--concept", "hightech"], "choose from"),
        (["--region", "泰州"], "jurisdictions with indicators: 泰州市"),
        (["--from", "2021", "--to", "2020"], "is after to 2020"),
    ],
)
def test_cli_gaps_refuses_wrong_values(taizhou: FalkorStore, args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["gaps", *args], env=_env(taizhou))
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())


def test_get_gaps_gives_the_cli_answer(taizhou: FalkorStore) -> None:
    cli_body = json.loads(CliRunner().invoke(cli, ["gaps", "--json"], env=_env(taizhou)).stdout)
    with TestClient(create_app(make_settings(), taizhou)) as client:
        body = client.get("/indicators/gaps").json()
        assert body == cli_body
        one = client.get(
            "/indicators/gaps", params={"region": "泰州市", "concept": "rd_intensity", "from": 2020, "to": 2020}
        )
        assert [(i["concept"], i["paired"]) for i in one.json()["items"]] == [("rd_intensity", True)]
        assert client.get("/indicators/gaps", params={"paired_only": "true"}).json()["count"] == 2
        assert client.get("/indicators/gaps", params={"from": 2026}).json()["count"] == 0
        for params, message in (
            ({"concept": "hightech"}, "choose from"),
            ({"region": "火星市"}, "jurisdictions with indicators: 泰州市"),
            ({"from": 2021, "to": 2020}, "is after to 2020"),
        ):
            r = client.get("/indicators/gaps", params=params)
            assert r.status_code == 422, params
            assert message in r.json()["error"]["message"]
        assert client.get("/indicators/gaps", params={"from": 1200}).status_code == 422

        facets = client.get("/indicators/facets").json()
        hte = next(f for f in facets["items"] if f["concept"] == "high_tech_enterprises")
        assert (hte["jurisdiction"], hte["indicators"], hte["targets"], hte["first_year"], hte["last_year"]) == (
            "泰州市",
            3,
            2,
            2020,
            2025,
        )
        assert hte["actor_id"]
