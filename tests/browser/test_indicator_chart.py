"""The explorer's indicator panel (issue 17) in a real headless Chromium against the real app on the demo graph:
the time-series chart of a jurisdiction and a concept shows exactly the points GET /indicators returned."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.browser.conftest import ConsoleLog

pytestmark = pytest.mark.browser

WAIT_MS = 30_000


def _api_points(url: str, region: str, concept: str, series: str) -> set[tuple[int, str, float]]:
    """What the chart must show: the API's figures of the concept (not its deeper keys) in the chosen series
    (measure · unit), one point per year, kind and value."""
    r = httpx.get(url + "/indicators", params={"region": region, "concept": concept, "limit": 200}, timeout=60)
    assert r.status_code == 200, r.text
    return {
        (i["year"], i["kind"], float(i["value"]))
        for i in r.json()["items"]
        if i["concept"] == concept and i["year"] is not None and f"{i['measure']} · {i['unit']}" == series
    }


def _chart(page: Any) -> dict[str, Any]:
    state: dict[str, Any] = page.evaluate(
        """() => ({
          region: document.querySelector('#ind-region').value,
          concept: document.querySelector('#ind-concept').value,
          series: document.querySelector('#ind-series').value,
          concepts: [...document.querySelectorAll('#ind-concept option')].map((o) => o.value),
          points: [...document.querySelectorAll('#ind-chart circle.point')].map((c) => ({
            year: +c.dataset.year, kind: c.dataset.kind, value: +c.dataset.value,
            filled: getComputedStyle(c).fill, title: c.querySelector('title').textContent,
            x: +c.getAttribute('cx'), y: +c.getAttribute('cy')})),
          lines: document.querySelectorAll('#ind-chart polyline').length,
          loads: +(document.body.dataset.indicators || 0),
        })"""
    )
    return state


def _choose(page: Any, selector: str, value: str) -> None:
    loads = _chart(page)["loads"]
    page.select_option(selector, value)
    page.wait_for_function(f"+(document.body.dataset.indicators || 0) > {loads}", timeout=WAIT_MS)


def test_the_chart_shows_the_points_the_api_returned(
    page: tuple[Any, ConsoleLog], server_url: str, output_dir: Any
) -> None:
    pg, log = page
    pg.goto(server_url + "/")
    pg.wait_for_selector("body[data-indicators-ready='1']", timeout=WAIT_MS)
    assert pg.is_visible("#indicator-box")
    facets = httpx.get(server_url + "/indicators/facets", timeout=60).json()["items"]
    assert facets, "the demo graph has no indicators: nothing to chart"

    first = _chart(pg)
    assert first["region"] == facets[0]["jurisdiction"]
    expected = _api_points(server_url, first["region"], first["concept"], first["series"])
    assert expected
    assert {(p["year"], p["kind"], p["value"]) for p in first["points"]} == expected
    assert len(first["points"]) == len(expected)  # one dot per figure, none twice

    # a concept with targets, in another jurisdiction when there is one: actuals and targets both drawn
    with_targets = [f for f in facets if f["targets"] and f["concept"] != "other"]
    assert with_targets, "the demo graph states no target"
    pick = next((f for f in with_targets if f["jurisdiction"] != first["region"]), with_targets[0])
    if pick["jurisdiction"] != first["region"]:
        _choose(pg, "#ind-region", pick["jurisdiction"])
    _choose(pg, "#ind-concept", pick["concept"])
    state = _chart(pg)
    assert (state["region"], state["concept"]) == (pick["jurisdiction"], pick["concept"])
    series_options = pg.eval_on_selector_all("#ind-series option", "os => os.map((o) => o.value)")
    seen_target = False
    for series in series_options:
        if _chart(pg)["series"] != series:
            pg.select_option("#ind-series", series)  # a redraw of the rows already loaded
        state = _chart(pg)
        expected = _api_points(server_url, pick["jurisdiction"], pick["concept"], series)
        assert {(p["year"], p["kind"], p["value"]) for p in state["points"]} == expected, series
        for p in state["points"]:
            assert p["title"].startswith(f"{p['year']} {p['kind']} ")
            # targets are hollow (white fill), actuals filled
            assert (p["filled"] == "rgb(255, 255, 255)") == (p["kind"] == "target")
        seen_target |= any(p["kind"] == "target" for p in state["points"])
        # a higher value is drawn higher, a later year further right
        pts = state["points"]
        for a in pts:
            for b in pts:
                if a["value"] > b["value"]:
                    assert a["y"] < b["y"]
                if a["year"] > b["year"]:
                    assert a["x"] > b["x"]
    assert seen_target
    pg.screenshot(path=str(output_dir / "indicator-chart.png"))
    assert log.errors() == []
