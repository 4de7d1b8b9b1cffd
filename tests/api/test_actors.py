"""GET /stats, /actors, /actors/{id}, /actors/{id}/neighbors, /actors/{id}/relations on the sample graph."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import error_of
from tests.api.sample import DOCS, TYPES, aid

ALIASES = {name: {a for d in DOCS for (_, n, al) in d.actors if n == name for a in al} for name in TYPES}


def test_stats_counts_match_the_documents(client: TestClient) -> None:
    r = client.get("/stats")
    assert r.status_code == 200
    body = r.json()
    assert body["documents"] == len(DOCS)
    assert body["actors"] == len(TYPES)
    expected_types: dict[str, int] = {}
    for t in TYPES.values():
        expected_types[t] = expected_types.get(t, 0) + 1
    assert body["actors_by_type"] == expected_types
    keys = {(r.type, *sorted((aid(r.head), aid(r.tail)))) for d in DOCS for r in d.relations}
    assert body["relationships"] == len(keys)
    assert sum(v for k, v in body["relationships_by_type"].items() if k not in {"MENTIONS", "HAS_EVIDENCE"}) == len(
        keys
    )
    assert body["nodes_by_label"]["Document"] == len(DOCS)
    years = sorted({d.date.year for d in DOCS if d.date})
    assert [y["year"] for y in body["years"]] == years
    assert body["first_year"] == years[0] and body["last_year"] == years[-1]
    assert sum(y["documents"] for y in body["years"]) == len(DOCS)


def test_search_by_name_substring(client: TestClient) -> None:
    r = client.get("/actors", params={"q": "大学"})
    assert r.status_code == 200
    body = r.json()
    expected = {n for n in TYPES if "大学" in n or any("大学" in a for a in ALIASES[n])}
    assert {a["name"] for a in body["items"]} == expected
    assert body["total"] == len(expected)


def test_search_by_alias_and_exact_name_first(client: TestClient) -> None:
    body = client.get("/actors", params={"q": "产研院"}).json()
    assert [a["name"] for a in body["items"]] == ["江苏省产业技术研究院"]
    assert "产研院" in body["items"][0]["aliases"]
    # the city itself ranks before the agency whose name starts with it
    names = [a["name"] for a in client.get("/actors", params={"q": "南通市"}).json()["items"]]
    assert names[0] == "南通市" and "南通市科学技术局" in names


def test_search_ignores_case_of_latin_letters(client: TestClient) -> None:
    for q in ("ZTT", "ztt", "zTt"):
        body = client.get("/actors", params={"q": q}).json()
        assert [a["name"] for a in body["items"]] == ["中天科技集团有限公司"], q
        assert body["total"] == 1
    assert client.get("/actors", params={"q": "ztx"}).json()["total"] == 0


def test_search_filters_type_region_year(client: TestClient) -> None:
    r = client.get("/actors", params=[("type", "University"), ("type", "City")])
    got = {a["name"] for a in r.json()["items"]}
    assert got == {n for n, t in TYPES.items() if t in {"University", "City"}}
    assert all(a["type"] in {"University", "City"} for a in r.json()["items"])

    got = {a["name"] for a in client.get("/actors", params={"region": "苏州市"}).json()["items"]}
    assert got == {"苏州市", "苏州大学"}

    for year in {d.date.year for d in DOCS if d.date}:
        got = {a["name"] for a in client.get("/actors", params={"year": year}).json()["items"]}
        expected = {n for d in DOCS if d.date and d.date.year == year for (_, n, _) in d.actors}
        assert got == expected, year

    body = client.get("/actors", params={"q": "大学", "type": "University", "year": 2017}).json()
    assert [a["name"] for a in body["items"]] == ["江南大学"]


def test_search_counts_documents(client: TestClient) -> None:
    body = client.get("/actors", params={"q": "中天科技"}).json()
    [item] = body["items"]
    assert item["documents"] == sum(1 for d in DOCS for (_, n, _) in d.actors if n == item["name"])


def test_pagination_total_and_offsets(client: TestClient) -> None:
    seen: list[str] = []
    offset = 0
    while True:
        body = client.get("/actors", params={"limit": 3, "offset": offset}).json()
        assert body["total"] == len(TYPES)
        if not body["items"]:
            break
        assert len(body["items"]) <= 3
        seen += [a["id"] for a in body["items"]]
        offset += 3
    assert len(seen) == len(set(seen)) == len(TYPES)
    beyond = client.get("/actors", params={"limit": 3, "offset": 1000}).json()
    assert beyond["items"] == [] and beyond["total"] == len(TYPES) and beyond["offset"] == 1000


def test_search_rejects_invalid_parameters(client: TestClient) -> None:
    for params in ({"limit": 201}, {"limit": 0}, {"offset": -1}, {"type": "Bogus"}, {"year": "soon"}):
        r = client.get("/actors", params=params)
        assert r.status_code == 422, params
        assert error_of(r)["code"] == "invalid_parameters"


def test_actor_detail_lists_its_documents(client: TestClient) -> None:
    r = client.get(f"/actors/{aid('南通大学')}")
    assert r.status_code == 200
    body = r.json()
    assert body["name"] == "南通大学" and body["type"] == "University" and body["region"] == "南通市"
    assert "University" in body["labels"]
    mentioning = [d for d in DOCS if any(n == "南通大学" for (_, n, _) in d.actors)]
    assert {d["id"] for d in body["documents"]} == {d.id for d in mentioning}
    assert {d["title"] for d in body["documents"]} == {d.title for d in mentioning}
    dates = [d["date"] for d in body["documents"]]
    assert dates == sorted(dates, reverse=True)
    assert all(d["mentions"] >= 1 for d in body["documents"])


def test_actor_aliases_gathered_across_documents(client: TestClient) -> None:
    body = client.get(f"/actors/{aid('南通市科学技术局')}").json()
    assert set(body["aliases"]) == ALIASES["南通市科学技术局"]


def test_unknown_actor_is_404_everywhere(client: TestClient) -> None:
    for path in ("/actors/a_0000000000000000", "/actors/nope/neighbors", "/actors/nope/relations"):
        r = client.get(path)
        assert r.status_code == 404, path
        assert error_of(r)["code"] == "http_error"


def _neighbors(client: TestClient, name: str, **params: object) -> dict[tuple[str, str], dict]:
    r = client.get(f"/actors/{aid(name)}/neighbors", params=params)
    assert r.status_code == 200, r.text
    return {(n["actor"]["name"], n["rel_type"]): n for n in r.json()["items"]}


def test_neighbors_with_weights_years_and_direction(client: TestClient) -> None:
    got = _neighbors(client, "南通大学")
    assert set(got) == {
        ("中天科技集团有限公司", "COOPERATES_WITH"),
        ("江苏省产业技术研究院", "CO_BUILDS"),
        ("苏州大学", "COOPERATES_WITH"),
    }
    coop = got[("中天科技集团有限公司", "COOPERATES_WITH")]
    # one fact sentence (2018 document) and one plan sentence (2019 document, about 2020)
    assert (coop["weight"], coop["fact_weight"], coop["plan_weight"]) == (2, 1, 1)
    assert (coop["first_year"], coop["last_year"], coop["modality"]) == (2018, 2020, "fact")
    assert coop["direction"] == "both"
    assert got[("江苏省产业技术研究院", "CO_BUILDS")]["direction"] == "out"
    # weights are ordered strongest first
    weights = [n["weight"] for n in _neighbors(client, "南通大学").values()]
    assert weights == sorted(weights, reverse=True)

    assert ("江苏省产业技术研究院", "CO_BUILDS") in _neighbors(client, "南通大学", direction="out")
    assert ("江苏省产业技术研究院", "CO_BUILDS") not in _neighbors(client, "南通大学", direction="in")
    assert ("南通大学", "CO_BUILDS") in _neighbors(client, "江苏省产业技术研究院", direction="in")
    assert not _neighbors(client, "江苏省产业技术研究院", direction="out")


def test_neighbors_filters(client: TestClient) -> None:
    assert set(_neighbors(client, "南通大学", type="CO_BUILDS")) == {("江苏省产业技术研究院", "CO_BUILDS")}
    assert set(_neighbors(client, "南通大学", modality="plan")) == {("中天科技集团有限公司", "COOPERATES_WITH")}
    assert set(_neighbors(client, "南通大学", year_from=2020)) == {
        ("中天科技集团有限公司", "COOPERATES_WITH"),
        ("苏州大学", "COOPERATES_WITH"),
    }
    assert set(_neighbors(client, "南通大学", year_to=2018)) == {
        ("中天科技集团有限公司", "COOPERATES_WITH"),
        ("江苏省产业技术研究院", "CO_BUILDS"),
    }
    assert set(_neighbors(client, "南通大学", year_from=2019, year_to=2019)) == set()
    one = client.get(f"/actors/{aid('南通大学')}/neighbors", params={"limit": 1}).json()
    assert len(one["items"]) == 1 and one["truncated"] is True
    r = client.get(f"/actors/{aid('南通大学')}/neighbors", params={"direction": "sideways"})
    assert r.status_code == 422


def test_relations_carry_their_evidence(client: TestClient) -> None:
    r = client.get(f"/actors/{aid('中天科技集团有限公司')}/relations")
    assert r.status_code == 200
    items = r.json()["items"]
    expected = {
        (rel.type, *sorted((rel.head, rel.tail)))
        for d in DOCS
        for rel in d.relations
        if "中天科技集团有限公司" in (rel.head, rel.tail)
    }
    assert {(i["rel_type"], *sorted((i["head"]["name"], i["tail"]["name"]))) for i in items} == expected
    texts = {d.id: d.text for d in DOCS}
    for item in items:
        assert len(item["evidence"]) == item["weight"]
        for ev in item["evidence"]:
            assert texts[ev["doc_id"]][ev["start"] : ev["end"]] == ev["text"]
            assert ev["title"] == next(d.title for d in DOCS if d.id == ev["doc_id"])
    coop = next(i for i in items if i["rel_type"] == "COOPERATES_WITH")
    assert sorted(e["modality"] for e in coop["evidence"]) == ["fact", "plan"]
    funded = next(i for i in items if i["rel_type"] == "FUNDED_BY")
    assert funded["direction"] == "out" and funded["tail"]["name"] == "南通市科学技术局"
    only = client.get(f"/actors/{aid('中天科技集团有限公司')}/relations", params={"type": "LOCATED_IN"}).json()
    assert [i["rel_type"] for i in only["items"]] == ["LOCATED_IN"]
    capped = client.get(f"/actors/{aid('中天科技集团有限公司')}/relations", params={"evidence_limit": 1}).json()
    assert all(len(i["evidence"]) <= 1 for i in capped["items"])
