"""The ingest summary tells the truth (issue 19): "actors" counts distinct actors, not mentions; the JSON
summary names every file and says why a file was skipped (a duplicate of another file of the run, or a
text already in the graph)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from api.cli import app as cli
from graph.falkor import FalkorStore

# Two invented documents in the genre that share their actors.
DOC_ONE = (
    "甲市科学技术局2019年工作总结\n"
    "南京大学与南通大学签订合作协议,共建海洋材料联合研究中心。\n"
    "南通大学与江苏中天科技股份有限公司合作开展光纤技术攻关。\n"
)
DOC_TWO = (
    "甲市科学技术局2020年工作计划\n"
    "支持南京大学与南通大学深化合作,联合培养研究生。\n"
    "推动江苏中天科技股份有限公司与南京大学共建企业研究院。\n"
)


def _env(store: FalkorStore) -> dict[str, str]:
    return {"INNOGRAPH_DATA_DIR": str(store.server.data_dir), "INNOGRAPH_GRAPH_NAME": store.graph_name}


def _ingest(store: FalkorStore, *paths: Path) -> dict:
    result = CliRunner().invoke(cli, ["ingest", *map(str, paths), "--json"], env=_env(store))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_actors_are_counted_once_and_files_are_named(store: FalkorStore, tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(DOC_ONE, encoding="utf-8")
    (tmp_path / "two.txt").write_text(DOC_TWO, encoding="utf-8")
    summary = _ingest(store, tmp_path)
    stored = store.read_cypher("MATCH (a:Actor) RETURN count(a) AS n").records()[0]["n"]
    assert summary["actors"] == stored  # distinct actors, as many as the graph holds
    assert summary["mentions"] > summary["actors"]  # the two documents share actors
    assert sorted(Path(f["path"]).name for f in summary["files"]) == ["one.txt", "two.txt"]
    assert all(f["status"] == "new" and f["reason"] is None for f in summary["files"])


def test_a_duplicate_file_says_why_it_was_skipped(store: FalkorStore, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DOC_ONE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(DOC_ONE, encoding="utf-8")  # the same text under another name
    summary = _ingest(store, tmp_path)
    files = {Path(f["path"]).name: f for f in summary["files"]}
    assert files["a.txt"]["status"] == "new"
    assert files["b.txt"]["status"] == "unchanged"
    assert Path(files["b.txt"]["duplicate_of"]).name == "a.txt"
    assert "a.txt" in files["b.txt"]["reason"]
    again = _ingest(store, tmp_path / "a.txt")
    assert again["files"][0]["status"] == "unchanged" and "already in the graph" in again["files"][0]["reason"]
    assert again["files"][0]["duplicate_of"] is None


def test_the_table_counts_distinct_actors(store: FalkorStore, tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(DOC_ONE, encoding="utf-8")
    (tmp_path / "two.txt").write_text(DOC_TWO, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path)], env={**_env(store), "COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    stored = store.read_cypher("MATCH (a:Actor) RETURN count(a) AS n").records()[0]["n"]
    header = next(line for line in result.stdout.splitlines() if "┃" in line)
    row = next(line for line in result.stdout.splitlines() if "│" in line)
    cells = [c.strip() for c in row.strip("│ ").split("│")]
    names = [c.strip() for c in header.strip("┃ ").split("┃")]
    assert int(cells[names.index("actors (distinct)")]) == stored
