"""Entity resolution: abbreviations, the issuing jurisdiction, renames (extraction), and across documents
(short/full names, place-qualified zones, the user's aliases.yaml) — on sentences written for the tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph.loader import load_extraction
from ingest.models import Document, DocumentMeta, Entity, Extraction, Mention, actor_id
from ingest.pipeline import extract_document
from ingest.resolve import AliasFileError, AliasRules, Resolver, platform_key


def _doc(text: str, *, region: str = "南通市", year: int = 2020, doc_id: str = "d_t") -> Document:
    meta = DocumentMeta(
        id=doc_id,
        path=f"{doc_id}.txt",
        title="测试",
        date=dt.date(year, 3, 1),
        region=region,
        province="江苏省",
        genre="summary",
        chars=len(text),
    )
    return Document(meta=meta, text=text)


def _by_name(ex: Extraction) -> dict[str, Entity]:
    return {e.name: e for e in ex.entities}


def test_standard_abbreviation_is_expanded_and_kept_as_alias() -> None:
    ex = extract_document(_doc("我市与中科院签订全面合作协议，共同推进海洋科技创新。"))
    names = _by_name(ex)
    assert "中国科学院" in names and "中科院" in names["中国科学院"].aliases
    assert all(m.text != "我市" for e in ex.entities for m in e.mentions), "我市 is never a mention"


def test_city_bureau_resolves_to_the_issuing_city() -> None:
    ex = extract_document(_doc("市科技局会同市财政局组织开展科技型企业认定工作。", region="扬州市"))
    names = _by_name(ex)
    assert "扬州市科学技术局" in names and "扬州市财政局" in names


def test_renamed_place_maps_to_the_new_name_with_the_old_as_alias() -> None:
    ex = extract_document(_doc("海安县与南京大学签订产学研合作协议。", year=2020))
    places = {e.name: e for e in ex.entities if e.type in ("City", "District")}
    assert "海安市" in places and "海安县" in places["海安市"].aliases


def _ent(t: str, name: str, *aliases: str) -> Entity:
    return Entity(
        id=actor_id(t, name),
        name=name,
        type=t,
        aliases=list(aliases),
        mentions=[Mention(text=s, start=0, end=len(s)) for s in (name, *aliases)],
    )


def _ex(doc_id: str, *entities: Entity) -> Extraction:
    return Extraction(document=DocumentMeta(id=doc_id, source=f"{doc_id}.txt"), entities=list(entities))


def test_short_name_joins_the_full_name_another_document_links_it_to() -> None:
    linked = _ex("d1", _ent("Enterprise", "江苏星澜电子股份有限公司", "星澜电子"))
    short_only = _ex("d2", _ent("Enterprise", "星澜电子"))
    for order in ([linked, short_only], [short_only, linked]):  # independent of the order in the batch
        r = Resolver()
        r.learn(order)
        out = r.resolve(short_only)
        assert [e.name for e in out.entities] == ["江苏星澜电子股份有限公司"]
        assert out.entities[0].id == actor_id("Enterprise", "江苏星澜电子股份有限公司")
        assert any("short-name-link" in m for m in out.entities[0].merges)


def test_short_name_joins_an_actor_already_in_the_graph(store) -> None:  # noqa: ANN001
    load_extraction(store, _ex("d1", _ent("Enterprise", "江苏星澜电子股份有限公司", "星澜电子")))
    r = Resolver(store=store)
    out = r.resolve(_ex("d2", _ent("Enterprise", "星澜电子")))
    assert out.entities[0].name == "江苏星澜电子股份有限公司"


def test_a_short_form_resolves_by_the_same_rule_whatever_the_graph_already_holds(store) -> None:  # noqa: ANN001
    # the batch holds a document with the full name and one with only the short form; if an earlier run
    # (say, one killed half way) already loaded the full name with the short form as its alias (the record
    # of that run's merge), the short form must resolve the same way and record the same rule
    full = _ex("d1", _ent("Enterprise", "星澜电子科技有限公司"))

    def short() -> Extraction:
        return _ex("d2", _ent("Enterprise", "星澜电子"))

    def run() -> Extraction:
        r = Resolver(store=store)
        r.learn([full, short()])
        return r.resolve(short())

    before = run()
    load_extraction(store, _ex("d1", _ent("Enterprise", "星澜电子科技有限公司", "星澜电子")))
    after = run()
    assert [e.name for e in after.entities] == [e.name for e in before.entities] == ["星澜电子科技有限公司"]
    assert after.entities[0].merges == before.entities[0].merges
    assert any("company-prefix" in m for m in after.entities[0].merges)


def test_ambiguous_short_name_is_left_alone() -> None:
    r = Resolver()
    r.learn(
        [
            _ex("a", _ent("Enterprise", "星澜电子股份有限公司", "星澜")),
            _ex("b", _ent("Enterprise", "星澜科技有限公司", "星澜")),
        ]
    )
    assert r.resolve(_ex("c", _ent("Enterprise", "星澜"))).entities[0].name == "星澜"


@pytest.mark.parametrize(
    "name", ["南通高新区", "南通国家高新区", "南通高新技术产业开发区", "南通国家高新技术产业开发区"]
)
def test_place_qualified_zone_names_agree(name: str) -> None:
    assert platform_key(name) == "南通高新技术产业开发区"
    out = Resolver().resolve(_ex("d", _ent("Platform", name)))
    assert out.entities[0].id == actor_id("Platform", "南通高新技术产业开发区")


def test_alias_file_merges_and_never_splits(tmp_path: Path) -> None:
    f = tmp_path / "aliases.yaml"
    f.write_text(
        "merge:\n"
        "  - name: 南通先进通信技术研究院\n"
        "    type: ResearchInstitute\n"
        "    aliases: [先进通信研究院]\n"
        "never:\n"
        "  - names: [苏科贷, 苏科贷II]\n",
        encoding="utf-8",
    )
    r = Resolver.from_file(f)
    merged = r.resolve(_ex("d", _ent("ResearchInstitute", "先进通信研究院")))
    assert merged.entities[0].name == "南通先进通信技术研究院"
    assert "先进通信研究院" in merged.entities[0].aliases
    split = r.resolve(_ex("d", _ent("Programme", "苏科贷", "苏科贷II")))
    assert sorted(e.name for e in split.entities) == ["苏科贷", "苏科贷II"]
    assert all("苏科贷II" not in e.aliases for e in split.entities)


def test_two_entities_merged_into_one_actor_keep_all_mentions() -> None:
    out = Resolver().resolve(_ex("d", _ent("Platform", "南通高新区"), _ent("Platform", "南通高新技术产业开发区")))
    assert len(out.entities) == 1 and len(out.entities[0].mentions) == 2


def test_bad_alias_file_is_a_clear_error(tmp_path: Path) -> None:
    f = tmp_path / "aliases.yaml"
    f.write_text("merge: [1, 2", encoding="utf-8")
    with pytest.raises(AliasFileError, match="aliases.yaml"):
        AliasRules.load(f)


def test_merges_are_recorded_per_document_and_served(store) -> None:  # noqa: ANN001
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings

    r = Resolver(store=store)
    linked = _ex("d1", _ent("Enterprise", "江苏星澜电子股份有限公司", "星澜电子"))
    short_only = _ex("d2", _ent("Enterprise", "星澜电子"))
    r.learn([linked, short_only])
    for ex in (linked, short_only):
        load_extraction(store, r.resolve(ex))
    app = create_app(Settings(data_dir=store.server.data_dir, graph_name=store.graph_name), store=store)
    with TestClient(app) as client:
        actor = client.get(f"/actors/{actor_id('Enterprise', '江苏星澜电子股份有限公司')}").json()
    docs = {d["id"]: d for d in actor["documents"]}
    assert set(docs) == {"d1", "d2"}
    assert docs["d2"]["surfaces"] == ["江苏星澜电子股份有限公司", "星澜电子"] or "星澜电子" in docs["d2"]["surfaces"]
    assert any("short-name-link" in m and "星澜电子" in m for m in docs["d2"]["merges"])
    assert docs["d1"]["merges"] == []


# -- near-duplicates across documents (general rules, each with its rule and confidence) -------------


def _resolve_batch(*extractions: Extraction) -> dict[str, Extraction]:
    r = Resolver()
    r.learn(list(extractions))
    return {ex.document.id: r.resolve(ex) for ex in extractions}


@pytest.mark.parametrize(
    ("etype", "short", "full", "rule"),
    [
        ("Platform", "常州国家农业科技园区", "江苏常州国家农业科技园区", "province-prefix"),
        ("ResearchInstitute", "苏州先进光电研究院", "苏州先进光电技术研究院", "generic-infix"),
        ("Enterprise", "星澜智造", "星澜智造新材料有限公司", "company-prefix"),
        ("Platform", "云帆实验室", "深空探测云帆实验室", "name-suffix"),
    ],
)
def test_a_short_form_in_one_document_joins_the_full_name_of_another(
    etype: str, short: str, full: str, rule: str
) -> None:
    for order in (
        (_ex("d1", _ent(etype, full)), _ex("d2", _ent(etype, short))),
        (_ex("d2", _ent(etype, short)), _ex("d1", _ent(etype, full))),
    ):
        out = _resolve_batch(*order)
        assert [e.name for e in out["d2"].entities] == [full]
        assert short in out["d2"].entities[0].aliases
        merges = out["d2"].entities[0].merges
        assert len(merges) == 1 and merges[0].startswith(f"{rule} (0.")  # the rule and its confidence
        assert out["d1"].entities[0].name == full and not out["d1"].entities[0].merges


def test_near_duplicate_rules_never_merge_different_places_or_ambiguous_forms() -> None:
    out = _resolve_batch(
        _ex("d1", _ent("ResearchInstitute", "常州先进光电技术研究院")),
        _ex("d2", _ent("ResearchInstitute", "南通先进光电研究院")),  # another city's institute
        _ex("d3", *(_ent("Platform", n) for n in ("东湖实验室", "武汉东湖实验室", "杭州东湖实验室"))),
        _ex(
            "d4",
            _ent("Enterprise", "星澜智造"),
            _ent("Enterprise", "星澜智造新材料有限公司"),
            _ent("Enterprise", "星澜智造装备有限公司"),
        ),
        _ex("d5", _ent("District", "如东县"), _ent("City", "东县")),
    )
    assert [e.name for e in out["d2"].entities] == ["南通先进光电研究院"]
    assert "东湖实验室" in [e.name for e in out["d3"].entities]  # two longer names end with it: no guess
    assert "星澜智造" in [e.name for e in out["d4"].entities]  # two companies begin with it
    assert sorted(e.name for e in out["d5"].entities) == ["东县", "如东县"]  # places are never merged


def test_a_never_rule_keeps_names_apart_without_making_a_node(tmp_path: Path) -> None:
    f = tmp_path / "aliases.yaml"
    f.write_text("never:\n  - names: [海安县, 海安市]\n", encoding="utf-8")
    r = Resolver.from_file(f)
    # the extractor linked the old name as an alias, but this document never writes it
    ent = Entity(
        id=actor_id("City", "海安市"),
        name="海安市",
        type="City",
        aliases=["海安县"],
        mentions=[Mention(text="海安市", start=0, end=3)],
    )
    out = r.resolve(_ex("d", ent))
    assert [e.name for e in out.entities] == ["海安市"]
    assert out.entities[0].aliases == []


def test_duplicate_candidates_list_what_the_rules_left_apart() -> None:
    from ingest.resolve import duplicate_candidates

    found = duplicate_candidates(
        {
            "Platform": {"东湖实验室", "武汉东湖实验室", "杭州东湖实验室"}
            | {"南通高新区生物医药产业园", "南通高新区生物医药园区"},
            "City": {"南通市", "南通县"},  # places are never candidates
        },
        min_score=0.3,
    )
    pairs = {(c.name, c.other): c for c in found}
    assert pairs[("东湖实验室", "武汉东湖实验室")].rule == "name-suffix"
    assert pairs[("东湖实验室", "武汉东湖实验室")].score == pytest.approx(0.35)  # 0.7 shared by two names
    assert ("南通高新区生物医药园区", "南通高新区生物医药产业园") in pairs
    assert all(c.type == "Platform" for c in found)
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)


def test_resolve_candidates_command_reads_the_graph(store) -> None:  # noqa: ANN001
    import json

    from typer.testing import CliRunner

    from api.cli import app as cli

    for i, name in enumerate(("东湖实验室", "武汉东湖实验室", "杭州东湖实验室")):
        load_extraction(store, _ex(f"d{i}", _ent("Platform", name)), name)
    env = {"INNOGRAPH_DATA_DIR": str(store.server.data_dir), "INNOGRAPH_GRAPH_NAME": store.graph_name}
    result = CliRunner().invoke(cli, ["resolve", "candidates", "--min-score", "0.3", "--json"], env=env)
    assert result.exit_code == 0, result.output
    got = {(c["name"], c["other"]) for c in json.loads(result.output)}
    assert got >= {("东湖实验室", "武汉东湖实验室"), ("东湖实验室", "杭州东湖实验室")}
    bad = CliRunner().invoke(cli, ["resolve", "candidates", "--type", "Planet"], env=env)
    assert bad.exit_code == 2 and "choose from" in bad.output
