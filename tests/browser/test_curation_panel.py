"""Curation from the explorer's detail panel (issue 21), in a real headless Chromium against the real app
with a write key: retype, merge and reject by clicking, the graph read back through the store, and undo
through the API giving back the graph exactly."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from api.settings import Settings
from graph.falkor import FalkorStore
from graph.snapshot import graph_state as full_state
from tests.browser.conftest import ConsoleLog, serve

pytestmark = pytest.mark.browser

KEY = "explorer-write-key-0123456789"
WAIT_MS = 30_000


@pytest.fixture(scope="module")
def curation_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("curation") / "curation.jsonl"


@pytest.fixture(scope="module")
def server_url(demo_store: FalkorStore, curation_file: Path) -> Iterator[str]:
    """This module's server has a write key and a curation log of its own."""
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, query_timeout_ms=20_000, api_key=SecretStr(KEY), curation_file=curation_file
    )
    yield from serve(settings, demo_store)


def _actor(store: FalkorStore, name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = store.read_cypher(
        "MATCH (a:Actor {name: $n}) RETURN a.id AS id, a.type AS type, coalesce(a.aliases, []) AS aliases",
        {"n": name},
    ).records()
    return rows


def _pick(store: FalkorStore, etype: str, skip: int = 0) -> dict[str, Any]:
    rows = store.read_cypher(
        "MATCH (a:Actor {type: $t})-[r]-(:Actor) RETURN a.id AS id, a.name AS name, a.type AS type, count(r) AS ties "
        "ORDER BY ties DESC, id SKIP $s LIMIT 1",
        {"t": etype, "s": skip},
    ).records()
    assert rows, f"no {etype} with relations in the demo graph"
    return rows[0]


def graph_state(store: FalkorStore) -> tuple[set[str], set[str]]:
    """graph.snapshot.graph_state without the actors' n-gram search index (``grams``), which is derived
    from the search key and maintained by the search code (its own tests check it); every other
    property must come back exactly."""
    nodes, rels = full_state(store)
    return {re.sub(r'"grams": \[[^\]]*\], ', "", n) for n in nodes}, rels


def _diff(a: Any, b: Any) -> str:
    """The strings only one of two graph states has (for an assertion message)."""
    return "\n".join(f"{'-' if x in a[i] else '+'} {x[:300]}" for i in (0, 1) for x in sorted(a[i] ^ b[i])[:6])


def _undo(url: str, number: int) -> None:
    r = httpx.post(url + "/curation", json={"op": "undo", "undoes": number}, headers={"X-API-Key": KEY}, timeout=60)
    assert r.status_code == 200, r.text


def _open_actor(pg: Any, url: str, actor_id: str) -> None:
    pg.goto(f"{url}/#actor={actor_id}")
    pg.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)
    pg.wait_for_selector("#curate #cur-retype", timeout=WAIT_MS)


def _recorded(pg: Any, count: int) -> None:
    pg.wait_for_function(f"window.explorer.state.decisions >= {count}", timeout=WAIT_MS)
    pg.wait_for_selector("#cur-decisions li, #cur-reviewed li", timeout=WAIT_MS)


def _enter_key(pg: Any) -> None:
    """The first write is refused without a key: the key bar appears; entering the key records it."""
    pg.wait_for_selector("#keybar:not([hidden])", timeout=WAIT_MS)
    assert "write key" in pg.inner_text("#cur-status")
    pg.fill("#apikey", KEY)
    pg.click("#keybar button[type=submit]")


def test_retype_and_merge_from_the_panel_then_undo(
    page: tuple[Any, ConsoleLog], server_url: str, demo_store: FalkorStore
) -> None:
    pg, log = page
    pg.on("dialog", lambda d: d.accept())
    before = graph_state(demo_store)
    firm = _pick(demo_store, "Enterprise")
    _open_actor(pg, server_url, firm["id"])

    # retype: the select of the nine types, then the button (the key is asked for once)
    assert pg.eval_on_selector_all("#cur-type option", "els => els.length") == 9
    pg.select_option("#cur-type", "Platform")
    pg.fill("#cur-note", "a platform, not a firm")
    pg.click("#cur-retype")
    _enter_key(pg)
    _recorded(pg, 1)
    assert [r["type"] for r in _actor(demo_store, firm["name"])] == ["Platform"]
    pg.wait_for_function("(n) => document.querySelector('#details .title')?.textContent === n", arg=firm["name"])
    pg.wait_for_selector("#cur-decisions li.op-retype", timeout=WAIT_MS)
    assert "a platform, not a firm" in pg.inner_text("#cur-decisions")
    assert "curation #1" in pg.inner_text("#details dl")
    retyped = graph_state(demo_store)

    # merge with…: search the other actor in the panel and pick it
    other = _pick(demo_store, "Enterprise", skip=1)
    new_id = pg.evaluate("window.explorer.state.centre")
    assert new_id != firm["id"]
    pg.fill("#cur-merge-q", other["name"])
    pg.press("#cur-merge-q", "Enter")
    pg.click(f"#cur-merge-hits li[data-id='{other['id']}']")
    _recorded(pg, 2)
    assert _actor(demo_store, firm["name"]) == []
    merged = _actor(demo_store, other["name"])
    assert len(merged) == 1 and firm["name"] in merged[0]["aliases"]
    pg.wait_for_function("(id) => window.explorer.state.centre === id", arg=other["id"], timeout=WAIT_MS)
    pg.wait_for_selector("#cur-decisions li.op-merge", timeout=WAIT_MS)
    assert f"merged {firm['name']} into {other['name']}" in pg.inner_text("#cur-decisions")

    # undo through the API, newest first: the graph is exactly as before each decision
    _undo(server_url, 2)
    assert graph_state(demo_store) == retyped, _diff(retyped, graph_state(demo_store))
    _undo(server_url, 1)
    assert graph_state(demo_store) == before
    assert log.errors() == [] or all("401" in m or "Unauthorized" in m for _, m in log.errors()), log.errors()


def test_reject_and_review_an_edge_from_the_panel_then_undo(
    page: tuple[Any, ConsoleLog], server_url: str, demo_store: FalkorStore
) -> None:
    pg, log = page
    pg.add_init_script(f"sessionStorage.setItem('innograph-api-key', '{KEY}')")  # the key, entered once per tab
    before = graph_state(demo_store)
    uni = _pick(demo_store, "University")
    _open_actor(pg, server_url, uni["id"])
    edge = pg.evaluate(
        "(id) => window.explorer.cy.edges().filter((e) => e.source().id() === id || e.target().id() === id)[0].data()",
        uni["id"],
    )
    pg.evaluate("(e) => window.explorer.showRelation(e)", edge)
    pg.wait_for_selector("#curate #cur-reject", timeout=WAIT_MS)
    head = pg.evaluate("(id) => window.explorer.cy.getElementById(id).data('name')", edge["source"])
    tail = pg.evaluate("(id) => window.explorer.cy.getElementById(id).data('name')", edge["target"])

    def stored() -> int:
        return len(
            demo_store.read_cypher(
                f"MATCH (h:Actor {{id: $h}})-[r:{edge['type']}]->(t:Actor {{id: $t}}) RETURN r",
                {"h": edge["source"], "t": edge["target"]},
            ).rows
        )

    assert stored() == 1
    # mark reviewed: the panel shows it as reviewed; the graph is unchanged
    pg.click("#cur-review")
    pg.wait_for_selector("#cur-reviewed .reviewed", timeout=WAIT_MS)
    assert stored() == 1
    # reject with a note: the relation leaves the graph and the head's panel lists it as rejected
    pg.wait_for_selector("#curate #cur-reject", timeout=WAIT_MS)
    pg.fill("#cur-note", "read off a list")
    pg.click("#cur-reject")
    pg.wait_for_selector("#cur-decisions li.op-reject", timeout=WAIT_MS)
    assert stored() == 0
    rejected = pg.inner_text("#cur-decisions")
    assert f"rejected {edge['type']} {head} → {tail}" in rejected and "read off a list" in rejected
    assert "Rejected relations" in rejected
    drawn = pg.evaluate("window.explorer.cy.edges().map((e) => e.id())")
    assert edge["id"] not in drawn

    # the undo button of the panel restores the relation
    draws = pg.evaluate("window.explorer.state.draws")
    pg.click("#cur-decisions li.op-reject button.undo")
    pg.wait_for_function(f"window.explorer.state.draws > {draws}", timeout=WAIT_MS)
    pg.wait_for_function("window.explorer.state.decisions >= 3", timeout=WAIT_MS)
    assert stored() == 1
    assert graph_state(demo_store) == before
    log_ids = httpx.get(server_url + "/curation", timeout=30).json()["items"]
    review = next(d for d in log_ids if d["op"] == "review")
    _undo(server_url, review["id"])
    assert graph_state(demo_store) == before
    assert log.errors() == [], log.errors()
