"""The one jurisdiction seam: decided once, the same answer for entities, relations and indicators."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.extract import extract_entities
from ingest.jurisdiction import DocJurisdiction, author_entity, canonical_place, decide, subject_entity
from ingest.models import Document, DocumentMeta
from ingest.pipeline import extract, extract_document


def _doc(
    text: str,
    region: str | None = "常州市",
    province: str | None = "江苏省",
    issuer: str | None = None,
    title: str | None = None,
    date: dt.date | None = dt.date(2020, 6, 1),
) -> Document:
    meta = DocumentMeta(
        id="t", region=region, province=province, issuer=issuer, title=title, date=date, chars=len(text)
    )
    return Document(meta=meta, text=text)


def test_city_from_metadata() -> None:
    where = decide(_doc("引进高校团队。"))
    assert (where.name, where.place, where.type, where.city, where.province, where.source) == (
        "常州市",
        "常州市",
        "City",
        "常州市",
        "江苏省",
        "metadata",
    )


def test_district_written_with_its_city() -> None:
    where = decide(_doc("全区新增企业。", region="杭州市余杭区", province="浙江省"))
    assert where.name == "杭州市余杭区" and where.place == "余杭区"
    assert (where.type, where.city, where.district) == ("District", "杭州市", "余杭区")
    assert canonical_place("余杭区") == "杭州市余杭区"


def test_county_renamed_after_the_document_keeps_its_old_name() -> None:
    early = decide(_doc("x", region="海安县", date=dt.date(2016, 3, 1)))
    assert (early.place, early.district, early.city, early.type) == ("海安县", "海安县", "南通市", "District")
    late = decide(_doc("x", region="海安市", date=dt.date(2021, 3, 1)))
    assert late.place == "海安市" and late.type == "City"


def test_provincial_document_has_no_city() -> None:
    where = decide(_doc("全省新增企业。", region="江苏省"))
    assert (where.type, where.city, where.province) == ("Province", None, "江苏省")


def test_without_region_the_issuer_and_title_vote() -> None:
    doc = _doc(
        "推进产学研合作。",
        region=None,
        province=None,
        issuer="常州市科学技术局",
        title="常州市科学技术局关于推进合作的通知",
    )
    where = decide(doc)
    assert where.name == "常州市" and where.source == "text" and where.province == "江苏省"


def test_a_city_region_whose_text_speaks_as_a_district() -> None:
    text = "武进区科技局2020年工作总结\n我区新增高新技术企业。全区研发投入增长。我区建成平台。"
    where = decide(_doc(text, region="常州市", issuer="武进区科学技术局"))
    assert where.name == "常州市武进区" and where.type == "District" and where.source == "text"


def test_no_jurisdiction() -> None:
    where = decide(_doc("无地区。", region=None, province=None))
    assert where.name is None and where.place is None and where.source == "none"
    assert subject_entity(where, []) is None


def test_subject_entity_named_or_implicit() -> None:
    where = decide(_doc("引进清华大学团队。"))
    implicit = subject_entity(where, extract_entities(_doc("引进清华大学团队。"), where))
    assert implicit is not None and implicit.implicit and implicit.name == "常州市" and implicit.mentions == []
    assert implicit.type == "City" and implicit.region == "江苏省"
    named = subject_entity(where, extract_entities(_doc("常州新增企业。"), where))
    assert named is not None and not named.implicit and named.mentions


def test_author_entity_expands_a_relative_issuer() -> None:
    where = decide(_doc("市科技局组织申报。", issuer="常州市科技局"))
    author = author_entity(where, [], subject_entity(where, []))
    assert author is not None and author.type == "GovernmentAgency" and author.implicit
    assert author.name == "常州市科学技术局"
    assert author_entity(decide(_doc("x")), [], None) is None


def test_every_step_gets_the_same_jurisdiction() -> None:
    # the region is absent from the metadata: the issuer names the city, and the indicators, the
    # implicit subject of the relations and the bureau's expansion all follow that one decision
    text = "常州市科学技术局2020年工作总结\n引进南京大学团队。全市高新技术企业达到120家。市科技局组织申报。\n"
    doc = _doc(text, region=None, province=None, issuer="常州市科学技术局")
    ex = extract_document(doc)
    assert {i.jurisdiction for i in ex.indicators} == {"常州市"}
    assert any(e.name == "常州市科学技术局" for e in ex.entities if e.type == "GovernmentAgency")


def test_a_given_decision_is_what_the_steps_use() -> None:
    text = "全市高新技术企业达到120家。"
    doc = _doc(text, region="常州市")
    elsewhere = DocJurisdiction(name="无锡市", place="无锡市", type="City", city="无锡市", province="江苏省")
    assert {i.jurisdiction for i in extract_document(doc, elsewhere).indicators} == {"无锡市"}
    assert {i.jurisdiction for i in extract_document(doc).indicators} == {"常州市"}


def test_extract_leaves_its_input_alone() -> None:
    doc = _doc("引进南京大学团队。")
    before = doc.meta.model_dump()
    ex = extract(doc)
    assert ex.document.extractor and doc.meta.model_dump() == before


def test_bad_data_file_is_a_named_error(tmp_path: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    import ingest.jurisdiction as jurisdiction

    bad = tmp_path / "jurisdiction.yaml"  # type: ignore[operator]
    bad.write_text("zone_endings: []\n", "utf-8")
    monkeypatch.setattr(jurisdiction, "DATA_FILE", bad)
    jurisdiction._rules.cache_clear()
    try:
        with pytest.raises(jurisdiction.JurisdictionDataError, match="county_endings"):
            jurisdiction._rules()
    finally:
        jurisdiction._rules.cache_clear()


def test_the_relation_step_returns_the_implicit_actors_and_leaves_its_input_alone() -> None:
    from ingest.relations import extract_relations
    from ingest.sentences import split_sentences

    title = "关于印发《常州市科技创新券管理办法》的通知"
    text = title + "\n各区科技局：现将《常州市科技创新券管理办法》印发给你们，请遵照执行。\n"
    doc = _doc(text, issuer="常州市科学技术局", title=title)
    where = decide(doc)
    entities = extract_entities(doc, where)
    before = [e.model_copy(deep=True) for e in entities]
    found = extract_relations(doc, split_sentences(text), entities, where)
    assert entities == before
    assert [(e.name, e.implicit) for e in found.implicit] == [("常州市科学技术局", True)]
    issuer = found.implicit[0].id
    assert {r.type for r in found.relations if r.tail == issuer} == {"ISSUED_BY"}
    # the pipeline puts them together: every relation's ends are among the extraction's actors
    ex = extract_document(doc)
    ids = {e.id for e in ex.entities}
    assert all(r.head in ids and r.tail in ids for r in ex.relations)
