"""The in-process actor search index (graph/search.py) answers exactly what the store's scan answers.

Every comparison runs both on a real embedded FalkorDB: ``api_actor_search_count`` + ``api_actor_search``
(the linear scan, the reference) and the index, for many queries and filters, on actors written here
(aliases, Latin case, characters outside the BMP, names that are prefixes of others, an alias equal to
another actor's name, actors without a search key). After a document is loaded or removed the index of
the new graph version answers the new graph.
"""

from __future__ import annotations

import itertools
import random
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph import search
from graph.falkor import FalkorStore
from graph.loader import remove_document
from ingest.pipeline import ingest_files
from tests.api.conftest import make_settings

# (id, name, type, region_path, aliases, year of the mentioning document)
ACTORS: list[tuple[str, str, str, list[str], list[str], int]] = [
    ("a_s01", "南通市", "City", ["江苏省", "南通市"], ["南通"], 2018),
    ("a_s02", "南通大学", "University", ["江苏省", "南通市"], ["通大"], 2018),
    ("a_s03", "南通市科学技术局", "GovernmentAgency", ["江苏省", "南通市"], ["南通市科技局", "市科技局"], 2019),
    ("a_s04", "南通", "Enterprise", [], ["南通集团"], 2019),  # a name equal to another actor's alias
    ("a_s05", "江苏省产业技术研究院", "ResearchInstitute", ["江苏省"], ["产研院", "江苏产研院"], 2018),
    ("a_s06", "中天科技集团有限公司", "Enterprise", ["江苏省", "南通市"], ["ZTT", "中天科技"], 2020),
    ("a_s07", "ZTT Photonics Lab", "Platform", ["江苏省"], ["Ztt光子实验室"], 2020),
    ("a_s08", "𠀀𠀁研究院", "ResearchInstitute", [], ["𠀁院"], 2017),  # outside the BMP
    ("a_s09", "苏州大学", "University", ["江苏省", "苏州市"], ["苏大"], 2017),
    ("a_s10", "苏州市", "City", ["江苏省", "苏州市"], ["苏州"], 2017),
    ("a_s11", "大学科技园", "Platform", ["江苏省", "苏州市"], [], 2019),
    ("a_s12", "大学", "Platform", [], ["大学科技"], 2020),
    ("a_s13", "南通大学", "Platform", ["江苏省", "南通市"], [], 2020),  # the same name, another type
    ("a_s14", "École Polytechnique", "University", [], ["X", "Polytechnique"], 2016),
    ("a_s15", "İstanbul Teknik", "University", [], ["İTÜ"], 2016),
    ("a_s16", "通州区", "District", ["江苏省", "南通市", "通州区"], ["通州"], 2018),
]
# actors written without the search key (graphs loaded before it existed): the scan's fallback path
UNKEYED: list[dict[str, Any]] = [
    {"id": "a_u01", "name": "Alpha研究所", "type": "ResearchInstitute", "region": "南通市", "aliases": ["AlphaLab"]},
    {"id": "a_u02", "name": "老南通纺织厂", "type": "Enterprise", "region": "南通市", "aliases": ["纺织老厂", "南纺"]},
]


def _doc(doc_id: str, year: int, actors: list[tuple[str, str, str, list[str], list[str], int]]) -> dict[str, Any]:
    return {
        "doc": {"id": doc_id, "source": f"{doc_id}.txt", "title": doc_id, "year": year, "status": "complete"},
        "actors": [
            {
                "id": aid,
                "name": name,
                "type": etype,
                "subtype": None,
                "level": None,
                "region": path[-1] if path else None,
                "region_path": path,
                "region_source": "name" if path else None,
                "surfaces": [name, *aliases],
                "count": 1,
                "implicit": False,
                "merges": [],
            }
            for aid, name, etype, path, aliases, _ in actors
        ],
        "evidence": [],
        "indicators": [],
        "keys": [],
    }


def _load(store: FalkorStore) -> None:
    for year, group in itertools.groupby(sorted(ACTORS, key=lambda a: a[5]), key=lambda a: a[5]):
        store.write("load_document", _doc(f"d_s{year}", year, list(group)))
    store.write("bench_actors", {"doc": {"id": "d_u", "title": "旧图", "year": 2015}, "actors": UNKEYED})


def _scan(store: FalkorStore, q: str | None, fold: bool, **flt: Any) -> tuple[int, list[str]]:
    offset, limit = flt.pop("offset", 0), flt.pop("limit", 50)
    params = {"q": q, "fold": fold, "types": None, "region": None, "year": None, **flt}
    total = int(store.read("api_actor_search_count", params).scalar() or 0)
    rows = store.read("api_actor_search", {**params, "skip": offset, "limit": limit}).records()
    return total, [r["id"] for r in rows]


def _query(raw: str) -> tuple[str, bool]:
    """What the API sends for a typed query (api/routers/actors.py)."""
    return raw.lower(), raw.lower() != raw.upper()


def _indexed(index: search.ActorSearchIndex, q: str | None, fold: bool, **flt: Any) -> tuple[int, list[str]]:
    hits = index.search(q, fold=fold, **flt)
    return hits.total, hits.ids


def _queries() -> list[str]:
    names = [a[1] for a in ACTORS] + [s for a in ACTORS for s in a[4]] + [u["name"] for u in UNKEYED]
    names += [s for u in UNKEYED for s in u["aliases"]]
    qs: set[str] = set()
    for n in names:
        qs.add(n)
        qs.update(n)  # every single character
        qs.update(n[i : i + 2] for i in range(len(n) - 1))
        qs.update(n[:k] for k in range(1, len(n)))  # prefixes
    rng = random.Random(3)
    for _ in range(60):
        n = rng.choice(names)
        i = rng.randrange(len(n))
        qs.add(n[i : i + rng.randint(1, 5)])
    qs.update(
        {"ztt", "ZTT", "zTt", "École", "école", "ÉCOLE", "polytechnique", "İ", "i", "x", "火星", "南通市|南通", "|"}
    )
    return sorted(qs)


@pytest.fixture
def loaded(store: FalkorStore) -> FalkorStore:
    _load(store)
    return store


@pytest.mark.parametrize("intersect_above", [search.INTERSECT_ABOVE, 0])
def test_the_index_answers_what_the_scan_answers(
    loaded: FalkorStore, intersect_above: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "INTERSECT_ABOVE", intersect_above)  # 0: the two-pair intersection every time
    index = search.current_index(loaded, wait=True, years=True)
    assert index is not None and len(index.ids) == len(ACTORS) + len(UNKEYED)
    queries = _queries()
    assert len(queries) > 150
    for raw in queries:
        q, fold = _query(raw)
        assert _indexed(index, q, fold) == _scan(loaded, q, fold), raw
    assert _indexed(index, None, False) == _scan(loaded, None, False)


def test_filters_and_pages_agree_with_the_scan(loaded: FalkorStore) -> None:
    index = search.current_index(loaded, wait=True, years=True)
    assert index is not None
    filters: list[dict[str, Any]] = [
        {"types": ["University"]},
        {"types": ["City", "Platform"]},
        {"region": "南通市"},
        {"region": "苏州市", "types": ["University"]},
        {"year": 2018},
        {"year": 2020, "types": ["Enterprise", "Platform"]},
        {"year": 1999},
        {"offset": 1, "limit": 2},
        {"offset": 3, "limit": 1},
        {"offset": 100, "limit": 5},
    ]
    for raw in (None, "南", "南通", "大学", "研究", "通", "ztt", "院"):
        q, fold = _query(raw) if raw else (None, False)
        for flt in filters:
            assert _indexed(index, q, fold, **dict(flt)) == _scan(loaded, q, fold, **dict(flt)), (raw, flt)


def test_ranking_exact_name_then_alias_then_prefix_then_substring(loaded: FalkorStore) -> None:
    index = search.current_index(loaded, wait=True)
    assert index is not None
    # exact name 南通; 南通市 by its alias 南通 (before the names merely starting with 南通, issue 19); the
    # names starting with 南通 by name then id; 老南通纺织厂 (no search key) contains it
    expected = ["a_s04", "a_s01", "a_s02", "a_s13", "a_s03", "a_u02"]
    assert index.search("南通").ids == expected
    assert _scan(loaded, "南通", False) == (len(expected), expected)
    # under case folding the alias ztt ranks 中天科技集团有限公司 before the lab whose name starts with ZTT
    assert index.search("ztt", fold=True).ids == ["a_s06", "a_s07"] == _scan(loaded, "ztt", True)[1]


def test_an_ingest_and_a_removal_change_the_index(loaded: FalkorStore, tmp_path: Path) -> None:
    before = search.current_index(loaded, wait=True)
    assert before is not None
    assert search.current_index(loaded) is before  # the same version: the same index, no rebuild
    # a new document: a new actor, and a new alias of an existing one
    extra = [
        ("a_s20", "星河研究院", "ResearchInstitute", ["江苏省", "南通市"], ["星河院"], 2021),
        ("a_s02", "南通大学", "University", ["江苏省", "南通市"], ["南大通"], 2021),
    ]
    loaded.write("load_document", _doc("d_s_new", 2021, extra))
    after = search.current_index(loaded, wait=True, years=True)
    assert after is not None and after is not before and after.version != before.version
    for raw in ("星河", "南大通", "院", "南通大学"):
        q, fold = _query(raw)
        assert _indexed(after, q, fold) == _scan(loaded, q, fold), raw
    assert after.search("南大通").ids == ["a_s02"]
    assert after.search("星", year=2021).ids == ["a_s20"]

    assert remove_document(loaded, "d_s_new")
    removed = search.current_index(loaded, wait=True, years=True)
    assert removed is not None and removed.version != after.version
    assert removed.search("星河").total == 0 and removed.search("南大通").total == 0
    assert _indexed(removed, "南通", False) == _scan(loaded, "南通", False)
    assert removed.search(None, year=2021).total == 0

    # a real ingest of a file written here
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "plan.txt").write_text(
        "关于2022年科技工作的安排\n今年，南通大学与星辰光电科技有限公司共建星辰光电研究院。\n", encoding="utf-8"
    )
    ingest_files(loaded, [tmp_path / "docs"])
    ingested = search.current_index(loaded, wait=True)
    assert ingested is not None and ingested.version != removed.version
    for raw in ("星辰", "研究院", "南通", "光电"):
        q, fold = _query(raw)
        assert _indexed(ingested, q, fold) == _scan(loaded, q, fold), raw
    assert ingested.search("星辰").total >= 1


def _wait_for_index(store: FalkorStore) -> search.ActorSearchIndex:
    deadline = time.monotonic() + 120  # a wait, not a timing assertion: the build runs in the background
    while (index := search.current_index(store)) is None:
        assert time.monotonic() < deadline, "the background build never finished"
        time.sleep(0.05)
    return index


def test_the_api_answers_from_the_index_the_page_of_the_scan(loaded: FalkorStore) -> None:
    with TestClient(create_app(make_settings(), loaded), raise_server_exceptions=False) as client:
        first = client.get("/actors", params={"q": "南通"}).json()  # answered by the scan (no index yet)
        _wait_for_index(loaded)
        indexed = client.get("/actors", params={"q": "南通"}).json()
        assert indexed == first
        assert [a["name"] for a in indexed["items"][:2]] == ["南通", "南通市"]
        for params in ({"q": "ZTT"}, {"q": "大学", "type": "University"}, {"q": "南", "limit": 2, "offset": 1}):
            body = client.get("/actors", params=params).json()
            q, fold = _query(str(params["q"]))
            flt: dict[str, Any] = {"offset": params.get("offset", 0), "limit": params.get("limit", 50)}
            if "type" in params:
                flt["types"] = [params["type"]]
            total, ids = _scan(loaded, q, fold, **flt)
            assert body["total"] == total and [a["id"] for a in body["items"]] == ids, params
        year = client.get("/actors", params={"q": "大学", "year": 2017}).json()  # the years: read in background
        assert [a["name"] for a in year["items"]] == ["苏州大学"]
