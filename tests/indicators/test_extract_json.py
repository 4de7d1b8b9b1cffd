"""`innograph extract --format json` lists the indicators with the guideline's field names (issue 17)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from api.cli import app


def test_extract_json_lists_the_indicators(tmp_path: Path) -> None:
    path = tmp_path / "summary.txt"
    text = "常州市科学技术局2019年工作总结\n2019年，全市新增高新技术企业412家，技术合同成交额达到58.6亿元。\n"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["indicators"]
    got = {(r["jurisdiction"], r["value"], r["unit"], r["year"], r["kind"]) for r in rows}
    assert ("常州市", 412, "家", 2019, "actual") in got
    assert ("常州市", 58.6, "亿元", 2019, "actual") in got
    for r in rows:
        assert {"name", "concept", "measure", "qualifier", "value_max"} <= set(r)
        ev = r["evidence"]
        assert text[ev["start"] : ev["end"]] == ev["text"]
