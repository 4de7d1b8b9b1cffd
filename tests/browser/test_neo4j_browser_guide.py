"""The Neo4j Browser guide of docs/neo4j.md: every query parses with Neo4j's own parser and, where the
syntax is shared, runs on a real graph of the demo corpus and finds something."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from graph.falkor import FalkorStore
from tests.browser.conftest import REPO

GUIDE_HEADING = "## Exploring in Neo4j Browser"
NEO4J_ONLY = ("shortestPath(",)


def guide_queries() -> list[str]:
    text = (REPO / "docs" / "neo4j.md").read_text(encoding="utf-8")
    assert GUIDE_HEADING in text
    section = text.split(GUIDE_HEADING, 1)[1]
    return [q.strip() for q in re.findall(r"```cypher\n(.*?)```", section, re.DOTALL)]


def test_the_guide_has_a_dozen_queries_and_a_style_sheet() -> None:
    assert len(guide_queries()) >= 12
    section = (REPO / "docs" / "neo4j.md").read_text(encoding="utf-8").split(GUIDE_HEADING, 1)[1]
    grass = re.search(r"```css\n(.*?)```", section, re.DOTALL)
    assert grass is not None
    styled = set(re.findall(r"^node\.(\w+)", grass.group(1), re.MULTILINE))
    assert {"City", "District", "Enterprise", "University", "ResearchInstitute", "Platform"} <= styled
    assert {"GovernmentAgency", "Policy", "Programme", "Document", "Evidence"} <= styled
    assert grass.group(1).count("{") == grass.group(1).count("}")


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_guide_queries_parse_with_the_neo4j_parser() -> None:
    if not (REPO / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        pytest.skip("@neo4j-cypher/language-support is not installed (run `make node`)")
    payload = [{"name": f"q{i}", "text": q, "params": []} for i, q in enumerate(guide_queries())]
    out = subprocess.run(
        ["node", str(REPO / "tests" / "support" / "lint_cypher.mjs")],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
        timeout=120,
    )
    diagnostics = json.loads(out.stdout)
    errors = {k: [d for d in v if d["severity"] == 1] for k, v in diagnostics.items()}
    assert not {k: v for k, v in errors.items() if v}, json.dumps(errors, ensure_ascii=False)


def test_guide_queries_find_something_in_the_demo_graph(demo_store: FalkorStore) -> None:
    ran = 0
    for query in guide_queries():
        if any(marker in query for marker in NEO4J_ONLY):
            continue
        result = demo_store.read_cypher(query, row_limit=10_000)
        assert result.rows, f"no rows from:\n{query}"
        ran += 1
    assert ran >= 12
