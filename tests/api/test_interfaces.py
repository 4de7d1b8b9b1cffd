"""Interfaces that never answer wrongly in silence (issue 19).

A mistyped filter, measure, method or format is refused before any work, by the CLI (exit code 2, one line
naming close matches and the allowed values) and by the API (422 with the same message); the same filters
give the CLI and the API the same answer; --help lists real choices and an example per command; exports
keep the attributes researchers filter on; evolution says which ties came and went. All on the real app
and a real embedded FalkorDB graph loaded with the sample documents of tests/api/sample.py.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.cli import app as cli
from graph.falkor import FalkorStore
from tests.api.conftest import error_of
from tests.api.sample import DOCS, aid

REPO = Path(__file__).resolve().parents[2]


def _env(store: FalkorStore) -> dict[str, str]:
    return {"INNOGRAPH_DATA_DIR": str(store.server.data_dir), "INNOGRAPH_GRAPH_NAME": store.graph_name}


def _cli(store: FalkorStore, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env={**_env(store), "COLUMNS": "100"})
    return result.exit_code, result.stdout, result.stderr


# (CLI arguments, API route, API parameters, what the message must name)
MISTAKES = [
    (["analyze", "centrality", "--rel", "CO_BUILD"], "/analysis/centrality", {"rel_types": "CO_BUILD"}, "CO_BUILDS"),
    (["export", "--type", "Univ", "--format", "csv-nodes"], "/export", {"types": "Univ"}, "University"),
    (["analyze", "centrality", "--measure", "bogus"], "/analysis/centrality", {"measure": "bogus"}, "pagerank"),
    (["analyze", "centrality", "--measure", "pagernk"], "/analysis/centrality", {"measure": "pagernk"}, "pagerank"),
    (["analyze", "communities", "--method", "leidn"], "/analysis/communities", {"method": "leidn"}, "leiden"),
    (["analyze", "holes", "--sort", "brokerage"], "/analysis/structural-holes", {"sort": "brokerage"}, "constraint"),
    (["analyze", "evolution", "--mode", "rolling"], "/analysis/evolution", {"mode": "rolling"}, "window"),
    (["export", "--format", "xml"], "/export", {"format": "xml"}, "graphml"),
    (["analyze", "summary", "--modality", "planned"], "/analysis/summary", {"modality": "planned"}, "plan"),
    (["analyze", "summary", "--two-mode", "platform"], "/analysis/summary", {"two_mode": "platform"}, "platforms"),
    (["analyze", "summary", "--region", "火星市"], "/analysis/summary", {"region": "火星市"}, "火星市"),
    (
        ["analyze", "summary", "--from", "2021", "--to", "2019"],
        "/analysis/summary",
        {"year_from": 2021, "year_to": 2019},
        "2021",
    ),
]


@pytest.mark.parametrize(("args", "route", "params", "named"), MISTAKES, ids=[" ".join(m[0][:3]) for m in MISTAKES])
def test_a_mistake_is_refused_alike_by_the_cli_and_the_api(
    api_store: FalkorStore, client: TestClient, args: list[str], route: str, params: dict, named: str
) -> None:
    code, out, err = _cli(api_store, *args)
    assert code == 2, (out, err)
    assert out == ""  # nothing answered: no empty table, no empty file
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert named in lines[0]
    response = client.get(route, params=params)
    assert response.status_code == 422, response.text
    message = error_of(response)["message"]
    assert lines[0] == f"error: {message}"  # the very same message


def test_close_matches_and_allowed_values_are_named(api_store: FalkorStore) -> None:
    _, _, err = _cli(api_store, "analyze", "centrality", "--rel", "CO_BUILD")
    assert "did you mean CO_BUILDS?" in err
    assert "COOPERATES_WITH" in err and "MEMBER_OF" in err  # the allowed values


def test_case_is_forgiven_not_guessed(api_store: FalkorStore, client: TestClient) -> None:
    code, out, err = _cli(api_store, "analyze", "summary", "--type", "university", "--json")
    assert code == 0, err
    assert json.loads(out) == client.get("/analysis/summary", params={"types": "University"}).json()


def test_main_prints_one_line_and_exit_2_without_a_traceback(api_store: FalkorStore) -> None:
    env = {**os.environ, **_env(api_store)}
    run = subprocess.run(
        [sys.executable, "-m", "api.cli", "analyze", "centrality", "--measure", "bogus"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2
    assert run.stdout == "" and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    debug = subprocess.run(
        [sys.executable, "-m", "api.cli", "analyze", "centrality", "--measure", "bogus", "--debug"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert debug.returncode != 0 and "Traceback" in debug.stderr


FILTERS = [
    [],
    ["--type", "University", "--type", "Enterprise"],
    ["--rel", "COOPERATES_WITH", "--modality", "fact"],
    ["--region", "南通", "--from", "2019", "--to", "2020"],
    ["--min-weight", "2", "--drop-isolates"],
    ["--directed"],
]


def _params(args: list[str]) -> dict[str, object]:
    names = {"--type": "types", "--rel": "rel_types", "--modality": "modality", "--region": "region"}
    names |= {"--from": "year_from", "--to": "year_to", "--min-weight": "min_weight"}
    params: dict[str, object] = {}
    i = 0
    while i < len(args):
        a = args[i]
        if a in ("--directed", "--drop-isolates"):
            params[a[2:].replace("-", "_")] = True
            i += 1
            continue
        key = names[a]
        if key in ("types", "rel_types"):
            params.setdefault(key, [])
            params[key].append(args[i + 1])  # type: ignore[union-attr]
        else:
            params[key] = args[i + 1]
        i += 2
    return params


@pytest.mark.parametrize("filters", FILTERS, ids=[" ".join(f) or "none" for f in FILTERS])
@pytest.mark.parametrize(
    ("command", "route", "own"),
    [
        (["analyze", "summary"], "/analysis/summary", {}),
        (["analyze", "centrality", "--measure", "betweenness"], "/analysis/centrality", {"measure": "betweenness"}),
        (["analyze", "evolution"], "/analysis/evolution", {}),
        (["analyze", "communities"], "/analysis/communities", {}),
        (["analyze", "communities", "--method", "leiden"], "/analysis/communities", {"method": "leiden"}),
        (["analyze", "holes"], "/analysis/structural-holes", {}),
    ],
)
def test_the_cli_and_the_api_give_the_same_answer(
    api_store: FalkorStore, client: TestClient, command: list[str], route: str, own: dict, filters: list[str]
) -> None:
    code, out, err = _cli(api_store, *command, *filters, "--json")
    assert code == 0, err
    assert json.loads(out) == client.get(route, params={**own, **_params(filters)}).json()


def test_drop_isolates_leaves_out_actors_without_ties(client: TestClient) -> None:
    every = client.get("/analysis/summary", params={"rel_types": "CO_BUILDS"}).json()
    tied = client.get("/analysis/summary", params={"rel_types": "CO_BUILDS", "drop_isolates": True}).json()
    assert every["nodes"] > tied["nodes"] == 2  # the two ends of the one CO_BUILDS tie
    assert tied["edges"] == every["edges"] == 1


# ---------------------------------------------------------------- help


@pytest.mark.parametrize(
    "command",
    [["analyze", c] for c in ("centrality", "communities", "holes", "summary", "evolution")] + [["export"]],
)
def test_help_teaches(command: list[str]) -> None:
    result = CliRunner().invoke(cli, [*command, "--help"], env={"COLUMNS": "200"})
    text = result.stdout
    assert result.exit_code == 0
    assert "<bool>" not in text and "<list[str]>" not in text and "<str>" not in text
    assert "Example: innograph " + " ".join(command) in text
    for option in ("--type", "--rel", "--modality", "--region", "--from", "--to", "--min-weight", "--directed"):
        assert option in text
    assert "--two-mode" in text and "--drop-isolates" in text
    assert "[fact|plan]" in text and "GovernmentAgency" in text and "CO_BUILDS" in text
    assert "everything within it" in text  # what --region matches


def test_evolution_takes_the_shared_filters(api_store: FalkorStore) -> None:
    code, out, err = _cli(api_store, "analyze", "evolution", "--from", "2019", "--to", "2020", "--json")
    assert code == 0, err
    periods = json.loads(out)["periods"]
    assert [(p["start"], p["end"]) for p in periods] == [(2019, 2019), (2019, 2020)]
    code, _, err = _cli(api_store, "analyze", "evolution", "--two-mode", "platforms", "--json")
    assert code == 0, err
    code, _, err = _cli(api_store, "analyze", "evolution", "--directed", "--json")
    assert code == 0, err


# ---------------------------------------------------------------- evolution: ties added and dropped


def test_evolution_reports_ties_added_and_dropped(client: TestClient) -> None:
    window = client.get("/analysis/evolution", params={"mode": "window", "window": 1}).json()["periods"]
    by_end = {p["end"]: p for p in window}
    # 2017: 江南大学 in 无锡市 only; 2018 (南通): that tie gone, the 2018 ties new
    assert by_end[2017]["ties_added"] == 1 and by_end[2017]["ties_dropped"] == 0
    assert by_end[2018]["ties_dropped"] == 1
    assert {(t["source_name"], t["target_name"]) for t in by_end[2018]["dropped"]} <= {
        ("江南大学", "无锡市"),
        ("无锡市", "江南大学"),
    }
    assert by_end[2018]["dropped_by_type"] == {"City": 1, "University": 1}
    assert by_end[2018]["ties_added"] == len(by_end[2018]["added"]) > 0
    assert sum(by_end[2018]["added_by_type"].values()) >= by_end[2018]["ties_added"]
    capped = client.get("/analysis/evolution", params={"mode": "window", "ties": 0}).json()["periods"]
    assert all(p["added"] == [] for p in capped)
    assert [p["ties_added"] for p in capped] == [p["ties_added"] for p in window]  # counts stay exact
    assert [p["added_truncated"] for p in capped] == [p["ties_added"] > 0 for p in window]
    cumulative = client.get("/analysis/evolution").json()["periods"]
    assert all(p["ties_dropped"] == 0 for p in cumulative)
    assert sum(p["ties_added"] for p in cumulative) == cumulative[-1]["edges"]


# ---------------------------------------------------------------- exports keep their attributes


def _cooperation_docs() -> set[str]:
    return {
        d.id
        for d in DOCS
        for r in d.relations
        if r.type == "COOPERATES_WITH" and {r.head, r.tail} == {"南通大学", "中天科技集团有限公司"}
    }


def test_json_export_edges_carry_evidence_modality_years_and_documents(client: TestClient) -> None:
    data = client.get("/export", params={"format": "json"}).json()
    uni, ztt = aid("南通大学"), aid("中天科技集团有限公司")
    edge = next(e for e in data["edges"] if {e["source"], e["target"]} == {uni, ztt})
    assert set(edge["documents"].split(";")) == _cooperation_docs() and edge["document_count"] == 2
    assert edge["evidence_count"] == edge["weight"] == 2
    assert edge["fact_evidence"] == 1 and edge["plan_evidence"] == 1 and edge["modality"] == "fact"
    assert edge["types"] == "COOPERATES_WITH" and edge["first_year"] == 2018 and edge["last_year"] == 2020
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes[uni]["type"] == "University" and nodes[uni]["region"]
    assert "江苏省" in nodes[uni]["region_path"]


def test_a_modality_is_the_network_of_that_evidence(client: TestClient) -> None:
    plan = client.get("/export", params={"format": "json", "modality": "plan"}).json()
    assert plan["edges"] and all(e["modality"] == "plan" and e["fact_evidence"] == 0 for e in plan["edges"])
    uni, ztt = aid("南通大学"), aid("中天科技集团有限公司")
    # planned in 2019's plan for 2020, done in 2018: in the planned network, with its planned evidence only
    mixed = next(e for e in plan["edges"] if {e["source"], e["target"]} == {uni, ztt})
    assert mixed["weight"] == mixed["plan_evidence"] == 1 and mixed["first_year"] == mixed["last_year"] == 2020
    assert mixed["documents"] == next(d.id for d in DOCS if "行动计划" in d.title)
    fact = client.get("/export", params={"format": "json", "modality": "fact"}).json()
    mixed = next(e for e in fact["edges"] if {e["source"], e["target"]} == {uni, ztt})
    assert mixed["weight"] == mixed["fact_evidence"] == 1 and mixed["last_year"] == 2018
    # /network selects the same ties for a modality
    for modality, export in (("plan", plan), ("fact", fact)):
        drawn = client.get("/network", params={"modality": modality}).json()["edges"]
        assert {frozenset((e["source"], e["target"])) for e in drawn} == {
            frozenset((e["source"], e["target"])) for e in export["edges"]
        }, modality


def test_gexf_graphml_and_csv_edges_carry_the_same_attributes(client: TestClient) -> None:
    wanted = {"types", "modality", "evidence_count", "documents", "first_year", "last_year"}
    gexf = ET.fromstring(client.get("/export", params={"format": "gexf"}).content)
    ns = {"g": "http://gexf.net/1.3"}
    titles = {a.get("title") for a in gexf.findall(".//g:attributes[@class='edge']/g:attribute", ns)}
    assert wanted - {"first_year", "last_year"} <= titles  # years are the edges' start/end in GEXF
    assert gexf.find(".//g:edge[@start]", ns) is not None
    node_titles = {a.get("title") for a in gexf.findall(".//g:attributes[@class='node']/g:attribute", ns)}
    assert {"type", "region", "degree"} <= node_titles
    graphml = client.get("/export", params={"format": "graphml"}).text
    for key in wanted | {"weight", "type", "region"}:
        assert f'attr.name="{key}"' in graphml, key
    rows = list(csv.DictReader(io.StringIO(client.get("/export", params={"format": "csv-edges"}).text)))
    assert rows and wanted <= set(rows[0])


def test_export_drop_isolates_cli_and_api(api_store: FalkorStore, client: TestClient) -> None:
    code, out, err = _cli(api_store, "export", "--format", "json", "--rel", "CO_BUILDS", "--drop-isolates")
    assert code == 0, err
    cli_nodes = {n["id"] for n in json.loads(out)["nodes"]}
    api = client.get("/export", params={"format": "json", "rel_types": "CO_BUILDS", "drop_isolates": True}).json()
    assert cli_nodes == {n["id"] for n in api["nodes"]} == {aid("南通大学"), aid("江苏省产业技术研究院")}


@pytest.mark.parametrize("params", [{"types": "Univ"}, {"rel_types": "CO_BUILD"}, {"modality": "planned"}])
def test_network_refuses_as_the_analysis_routes_do(client: TestClient, params: dict) -> None:
    drawn, analysed = client.get("/network", params=params), client.get("/analysis/summary", params=params)
    assert drawn.status_code == analysed.status_code == 422
    assert error_of(drawn) == error_of(analysed)
    assert error_of(drawn)["code"] == "invalid_parameters"


@pytest.mark.parametrize(
    "command",
    [[], ["ingest"], ["query"], ["extract"], ["resolve", "candidates"], ["db", "status"], ["curate", "queue"]],
)
def test_no_command_shows_type_placeholders(command: list[str]) -> None:
    result = CliRunner().invoke(cli, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "<bool>" not in result.stdout and "<list[" not in result.stdout


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["extract", "README.md", "--format", "xml"], "table"),
        (["resolve", "candidates", "--type", "Univ"], "University"),
    ],
)
def test_other_commands_refuse_in_one_line_too(api_store: FalkorStore, args: list[str], named: str) -> None:
    result = CliRunner().invoke(cli, args, env={**_env(api_store), "COLUMNS": "100"})
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0] and lines[0].startswith("error: unknown")


@pytest.mark.parametrize("mistake", [["--type", "Univ"], ["--region", "火星市"], ["--format", "xml"]])
def test_a_refused_export_writes_no_file(api_store: FalkorStore, tmp_path: Path, mistake: list[str]) -> None:
    out = tmp_path / "net.gexf"
    code, _, err = _cli(api_store, "export", *mistake, "-o", str(out))
    assert code == 2, err
    assert not out.exists() and list(tmp_path.iterdir()) == []
    code, _, err = _cli(api_store, "export", "-o", str(out))
    assert code == 0 and out.stat().st_size > 0 and list(tmp_path.iterdir()) == [out]


OWN_COMMANDS = [
    ["ingest"],
    ["query"],
    ["extract"],
    ["remove"],
    ["serve"],
    ["synth"],
    ["resolve", "candidates"],
    *(["db", c] for c in ("init", "start", "stop", "status", "dump", "restore", "reset")),
]


@pytest.mark.parametrize("command", OWN_COMMANDS, ids=[" ".join(c) for c in OWN_COMMANDS])
def test_every_command_shows_an_example(command: list[str]) -> None:
    result = CliRunner().invoke(cli, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Example: innograph " + " ".join(command) in result.stdout
