"""The explorer page in a real headless Chromium against the real app and a real demo graph."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import httpx
import pytest

from graph.falkor import FalkorStore
from tests.browser.conftest import REPO, ConsoleLog

pytestmark = pytest.mark.browser

CUES = json.loads((REPO / "api" / "static" / "cues.json").read_text(encoding="utf-8"))["relations"]
WAIT_MS = 30_000

# The edge of the drawing farthest from every node, in page coordinates (so a real click hits it).
CLEAR_EDGE_JS = """() => {
  const cy = window.explorer.cy;
  const box = cy.container().getBoundingClientRect();
  let best = null, bestGap = -Infinity;
  cy.edges().forEach((e) => {
    const m = e.renderedMidpoint();
    if (m.x < 10 || m.y < 10 || m.x > box.width - 10 || m.y > box.height - 10) return;
    let gap = Infinity;
    cy.nodes().forEach((n) => {
      const p = n.renderedPosition();
      gap = Math.min(gap, Math.hypot(p.x - m.x, p.y - m.y) - n.renderedOuterWidth() / 2);
    });
    if (gap > bestGap) { best = e; bestGap = gap; }
  });
  if (!best) return null;
  const m = best.renderedMidpoint();
  return {x: box.left + m.x, y: box.top + m.y, id: best.id(), gap: bestGap};
}"""


def _open(page: Any, url: str) -> None:
    page.goto(url + "/")
    page.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)


def _drawn(page: Any) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(
        """() => ({
          nodes: window.explorer.cy.nodes().map((n) => n.id()),
          centre: window.explorer.cy.nodes('.centre').map((n) => n.id()),
          edges: window.explorer.cy.edges().map((e) => e.data()),
          draws: window.explorer.state.draws,
        })"""
    )
    return result


def _wait_redraw(page: Any, draws: int) -> None:
    page.wait_for_function(f"window.explorer.state.draws > {draws}", timeout=WAIT_MS)


def _busiest_actor(store: FalkorStore) -> dict[str, Any]:
    rows = store.read_cypher(
        "MATCH (a:Actor)-[r]-(:Actor) WHERE a.type IN ['University', 'ResearchInstitute', 'Enterprise'] "
        "RETURN a.id AS id, a.name AS name, count(r) AS ties ORDER BY ties DESC, a.id LIMIT 1"
    ).records()
    assert rows, "no actor with relations in the demo graph"
    return rows[0]


def _api(url: str, path: str, **params: Any) -> Any:
    r = httpx.get(url + path, params=params, timeout=30)
    r.raise_for_status()
    return r.json()


def _edge_keys(edges: list[dict[str, Any]]) -> set[tuple[str, str, str]]:
    return {(e["source"], e["type"], e["target"]) for e in edges}


def _no_errors(log: ConsoleLog) -> None:
    assert log.errors() == [], log.errors()


def test_page_loads_without_console_errors(page: tuple[Any, ConsoleLog], server_url: str) -> None:
    pg, log = page
    _open(pg, server_url)
    stats = _api(server_url, "/stats")
    assert f"{stats['actors']} actors" in pg.inner_text("#stats")
    assert pg.evaluate("typeof window.cytoscape") == "function"
    # the filters list what the graph holds
    types = pg.eval_on_selector_all("#actor-types input", "els => els.map(e => e.value)")
    assert set(types) == set(stats["actors_by_type"])
    _no_errors(log)


def test_search_network_and_edge_evidence(
    page: tuple[Any, ConsoleLog], server_url: str, demo_store: FalkorStore, output_dir: Path
) -> None:
    pg, log = page
    actor = _busiest_actor(demo_store)
    _open(pg, server_url)

    # search: the actor is found, with its type badge
    pg.fill("#search", actor["name"])
    pg.press("#search", "Enter")
    hit = pg.wait_for_selector(f"#results li[data-id='{actor['id']}']", timeout=WAIT_MS)
    assert hit is not None
    assert actor["name"] in hit.inner_text()
    assert hit.query_selector(".badge.type") is not None

    # its ego network: the same nodes and edges as the API's answer
    draws = _drawn(pg)["draws"]
    hit.click()
    _wait_redraw(pg, draws)
    drawn = _drawn(pg)
    expected = _api(server_url, "/network", actor=actor["id"], hops=2, limit=1000)
    assert drawn["centre"] == [actor["id"]]
    assert sorted(drawn["nodes"]) == sorted(n["id"] for n in expected["nodes"])
    assert _edge_keys(drawn["edges"]) == _edge_keys(expected["edges"])
    assert len(drawn["edges"]) == len(_edge_keys(expected["edges"])) > 0
    assert all(e["source"] in drawn["nodes"] and e["target"] in drawn["nodes"] for e in drawn["edges"])
    assert pg.url.endswith(f"#actor={actor['id']}")

    # a real click on an edge shows its evidence sentences, with document title, date and cue words
    pg.wait_for_function("window.explorer.cy.nodes().every((n) => n.data('metric') !== undefined)")
    target = pg.evaluate(CLEAR_EDGE_JS)
    assert target is not None, "no edge visible"
    pg.mouse.click(target["x"], target["y"])
    pg.wait_for_function("window.explorer.cy.$('edge:selected').length === 1", timeout=WAIT_MS)
    edge = pg.evaluate("window.explorer.cy.$('edge:selected')[0].data()")
    pg.wait_for_selector("#details .evidence li .sentence", timeout=WAIT_MS)
    relations = _api(
        server_url, f"/actors/{edge['source']}/relations", type=edge["type"], limit=200, evidence_limit=50
    )["items"]
    rel = next(r for r in relations if r["head"]["id"] == edge["source"] and r["tail"]["id"] == edge["target"])
    title = pg.inner_text("#details .title")
    assert rel["head"]["name"] in title and rel["tail"]["name"] in title and edge["type"] in title
    sentences = pg.eval_on_selector_all("#details .evidence .sentence", "els => els.map(e => e.textContent)")
    assert sentences == [e["text"] for e in rel["evidence"]]
    first = rel["evidence"][0]
    source_line = pg.inner_text("#details .evidence li .source")
    assert (first["title"] or first["doc_id"]) in source_line
    assert (first["date"] or str(first["year"])) in source_line
    marks = pg.eval_on_selector_all("#details .evidence li:first-child mark.cue", "els => els.map(e => e.textContent)")
    cues_in_sentence = [c for c in CUES.get(edge["type"], []) if c in first["text"]]
    if cues_in_sentence:
        assert marks, f"no cue word highlighted in {first['text']!r} ({cues_in_sentence})"
    assert all(m in CUES[edge["type"]] for m in marks)
    ents = pg.eval_on_selector_all("#details .evidence li:first-child span.ent", "els => els.map(e => e.textContent)")
    assert set(ents) <= {rel["head"]["name"], rel["tail"]["name"]}

    details = pg.inner_text("#details")
    assert "null" not in details and "undefined" not in details

    shot = output_dir / "explorer.png"
    pg.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("INNOGRAPH_UPDATE_SCREENSHOT") == "1":
        shutil.copyfile(shot, REPO / "docs" / "explorer.png")
    _no_errors(log)


def test_node_click_shows_details_and_documents(
    page: tuple[Any, ConsoleLog], server_url: str, demo_store: FalkorStore
) -> None:
    pg, log = page
    actor = _busiest_actor(demo_store)
    pg.goto(f"{server_url}/#actor={actor['id']}")
    pg.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)
    pos = pg.evaluate(
        """(id) => { const cy = window.explorer.cy; const n = cy.getElementById(id);
                   const box = cy.container().getBoundingClientRect(); const p = n.renderedPosition();
                   return {x: box.left + p.x, y: box.top + p.y}; }""",
        actor["id"],
    )
    pg.evaluate("document.querySelector('#details').replaceChildren()")
    pg.mouse.click(pos["x"], pos["y"])
    pg.wait_for_selector("#details ul.docs", timeout=WAIT_MS)
    detail = _api(server_url, f"/actors/{actor['id']}")
    assert pg.inner_text("#details .title") == detail["name"]
    docs = pg.eval_on_selector_all("#details ul.docs li a", "els => els.map(e => e.textContent)")
    assert docs == [d["title"] or d["id"] for d in detail["documents"]]
    assert detail["type"] in pg.inner_text("#details dl")
    assert "null" not in pg.inner_text("#details") and "undefined" not in pg.inner_text("#details")
    _no_errors(log)


def test_filters_redraw_with_the_api_answer(
    page: tuple[Any, ConsoleLog], server_url: str, demo_store: FalkorStore
) -> None:
    pg, log = page
    actor = _busiest_actor(demo_store)
    pg.goto(f"{server_url}/#actor={actor['id']}")
    pg.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)
    edges = _drawn(pg)["edges"]
    commonest = max({e["type"] for e in edges}, key=lambda t: sum(e["type"] == t for e in edges))
    stats = _api(server_url, "/stats")

    draws = _drawn(pg)["draws"]
    pg.uncheck(f"#rel-types input[value='{commonest}']")
    _wait_redraw(pg, draws)
    draws = _drawn(pg)["draws"]
    pg.select_option("#hops", "1")
    _wait_redraw(pg, draws)
    draws = _drawn(pg)["draws"]
    pg.select_option("#modality", "fact")
    _wait_redraw(pg, draws)
    draws = _drawn(pg)["draws"]
    pg.select_option("#year-from", str(stats["first_year"] + 1))
    _wait_redraw(pg, draws)

    drawn = _drawn(pg)
    offered = pg.eval_on_selector_all("#rel-types input", "els => els.map(e => e.value)")
    rel_types = [t for t in offered if t != commonest]
    expected = _api(
        server_url,
        "/network",
        actor=actor["id"],
        hops=1,
        modality="fact",
        year_from=stats["first_year"] + 1,
        rel_types=rel_types,
        limit=1000,
    )
    assert commonest not in {e["type"] for e in drawn["edges"]}
    assert sorted(drawn["nodes"]) == sorted(n["id"] for n in expected["nodes"])
    assert _edge_keys(drawn["edges"]) == _edge_keys(expected["edges"])
    assert len(drawn["edges"]) == len(_edge_keys(expected["edges"]))
    assert all(e["fact_weight"] > 0 for e in drawn["edges"])
    _no_errors(log)


def test_ranking_table_and_export(page: tuple[Any, ConsoleLog], server_url: str) -> None:
    pg, log = page
    _open(pg, server_url)
    spec = _api(server_url, "/openapi.json")
    pg.wait_for_selector("#ranking tbody tr", timeout=WAIT_MS)
    if "/analysis/centrality" in spec["paths"]:
        for measure in ("degree", "pagerank"):
            top = _api(server_url, "/analysis/centrality", measure=measure, top=5)["top"]
            pg.select_option("#rank-metric", measure)
            pg.wait_for_function(
                "(id) => document.querySelector('#ranking tbody tr')?.dataset.id === id", arg=top[0]["id"]
            )
            names = pg.eval_on_selector_all("#ranking tbody td.name", "els => els.map(e => e.textContent)")
            values = [r["value"] for r in top]
            assert names[0] == top[0]["name"]
            # ties are ordered by id on both sides; compare the first rows that are not tied
            assert len(names) == min(20, len(_api(server_url, "/analysis/centrality", measure=measure, top=20)["top"]))
            assert values == sorted(values, reverse=True)
    else:
        assert "computed in the browser" in pg.inner_text("#rank-note")

    if "/export" in spec["paths"]:
        assert pg.is_visible("#exports")
        with pg.expect_download(timeout=WAIT_MS) as download:
            pg.click("#export-buttons button[data-format='gexf']")
        content = Path(download.value.path()).read_text(encoding="utf-8")
        assert content.startswith("<?xml") and "http://gexf.net/1.3" in content
    else:
        assert not pg.is_visible("#exports")
    _no_errors(log)
