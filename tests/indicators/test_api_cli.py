"""`innograph indicators` and GET /indicators on a real FalkorDB graph filled by `innograph ingest`."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from api.cli import app as cli
from graph.falkor import FalkorStore
from tests.api.conftest import make_settings

DOC_2020 = "常州市科学技术局2020年工作总结\n2020年,常州市新增高新技术企业520家,技术合同成交额达到186亿元。\n"
DOC_2021 = (
    "常州市科学技术局2021年工作总结\n2021年,全市新增高新技术企业610家。力争到2025年高新技术企业总数突破5000家。\n"
)


def _env(store: FalkorStore) -> dict[str, str]:
    return {"INNOGRAPH_DATA_DIR": str(store.server.data_dir), "INNOGRAPH_GRAPH_NAME": store.graph_name}


def _ingest(store: FalkorStore, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DOC_2020, encoding="utf-8")
    (tmp_path / "b.txt").write_text(DOC_2021, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path)], env=_env(store))
    assert result.exit_code == 0, result.output


def test_cli_panel_as_csv(store: FalkorStore, tmp_path: Path) -> None:
    _ingest(store, tmp_path)
    result = CliRunner().invoke(
        cli, ["indicators", "--region", "常州市", "--concept", "high_tech_enterprises", "--csv"], env=_env(store)
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    got = {(r["year"], r["kind"], float(r["value"])) for r in rows}
    assert got == {("2020", "actual", 520.0), ("2021", "actual", 610.0), ("2025", "target", 5000.0)}
    assert all(r["evidence"] for r in rows)

    result = CliRunner().invoke(cli, ["indicators", "--from", "2021", "--to", "2021", "--csv"], env=_env(store))
    assert result.exit_code == 0, result.output
    assert [r["value"] for r in csv.DictReader(io.StringIO(result.stdout))] == ["610.0"]

    bad = CliRunner().invoke(cli, ["indicators", "--kind", "wish"], env=_env(store))
    assert bad.exit_code == 2


def test_get_indicators(store: FalkorStore, tmp_path: Path) -> None:
    _ingest(store, tmp_path)
    with TestClient(create_app(make_settings(), store)) as client:
        body = client.get("/indicators", params={"region": "常州市", "kind": "actual"}).json()
        assert body["count"] == 3
        assert {i["unit"] for i in body["items"]} == {"家", "亿元"}
        assert all(i["jurisdiction"] == "常州市" and i["actor_id"] for i in body["items"])
        assert client.get("/indicators", params={"from": 2025}).json()["count"] == 1
        assert client.get("/indicators", params={"kind": "wish"}).status_code == 422
        assert client.get("/indicators", params={"from": 1200}).status_code == 422
