"""Metadata extraction: labelled fields, signature blocks, titles, places, genre."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest import metadata as metadata_module
from ingest.metadata import build_document, classify_genre, extract_metadata, parse_date
from ingest.models import document_id
from ingest.text import NormalizedText

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared corpus not present at {CORPUS}")


def _corpus(prefix: str) -> Path:
    found = sorted(CORPUS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"corpus document {prefix} not present in {CORPUS}")
    return found[0]


def _has_gazetteer() -> bool:
    return metadata_module._gazetteer() is not None


@pytest.fixture
def without_gazetteer(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run as if ingest.gazetteer were not installed (the import fails)."""
    monkeypatch.setitem(sys.modules, "ingest.gazetteer", None)
    metadata_module._gazetteer.cache_clear()
    yield
    monkeypatch.undo()
    metadata_module._gazetteer.cache_clear()


# --------------------------------------------------------------------------- corpus
@needs_corpus
def test_corpus_000_nantong_summary() -> None:
    meta = extract_metadata(_corpus("000").read_text(encoding="utf-8"))
    assert meta.title == "2015年科技工作总结暨2016年工作打算"
    assert meta.date == dt.date(2016, 1, 15)
    assert meta.region == "南通市"
    assert meta.issuer in {"南通市科技局", "南通市科学技术局"}
    assert meta.doc_number is None
    assert meta.genre == "summary"
    if _has_gazetteer():
        assert meta.province == "江苏省"


@needs_corpus
def test_corpus_001_changzhou_plan() -> None:
    meta = extract_metadata(_corpus("001").read_text(encoding="utf-8"))
    assert meta.title == "常州市科学技术局2018年工作计划"
    assert meta.issuer == "常州市科学技术局"
    assert meta.date == dt.date(2018, 2, 8)  # 生成日期, not the later 公开日期
    assert meta.region == "常州市"
    assert meta.doc_number is None  # the 文件编号 field is empty
    assert meta.genre == "plan"
    if _has_gazetteer():
        assert meta.province == "江苏省"


@needs_corpus
def test_corpus_002_lianyungang_scheme() -> None:
    meta = extract_metadata(_corpus("002").read_text(encoding="utf-8"))
    assert meta.doc_number == "连政办发〔2018〕138号"
    assert meta.issuer == "连云港市人民政府办公室"
    assert meta.date == dt.date(2018, 10, 8)  # the signature date, not the web posting date
    assert meta.region == "连云港市"
    assert meta.title is not None and meta.title.endswith("实施方案的通知")
    assert meta.genre == "implementation_scheme"
    if _has_gazetteer():
        assert meta.province == "江苏省"


@needs_corpus
@pytest.mark.usefixtures("without_gazetteer")
def test_corpus_without_gazetteer() -> None:
    assert metadata_module._gazetteer() is None
    expected = {
        "000": ("南通市", dt.date(2016, 1, 15)),
        "001": ("常州市", dt.date(2018, 2, 8)),
        "002": ("连云港市", dt.date(2018, 10, 8)),
    }
    for prefix, (region, date) in expected.items():
        meta = extract_metadata(_corpus(prefix).read_text(encoding="utf-8"))
        assert (meta.region, meta.date) == (region, date)
        assert meta.province is None  # not derivable without the gazetteer: not invented


# --------------------------------------------------------------------------- synthetic
def test_signature_at_end_with_chinese_numeral_date() -> None:
    text = (
        "关于印发扬州市科技创新券管理办法的通知\n"
        "扬科发〔2020〕21号\n"
        "各县（市、区）科技局：\n"
        "现将管理办法印发给你们，请遵照执行。\n"
        "\n"
        "扬州市科学技术局\n"
        "二〇二〇年十一月三十日\n"
    )
    meta = extract_metadata(text)
    assert meta.title == "关于印发扬州市科技创新券管理办法的通知"
    assert meta.doc_number == "扬科发〔2020〕21号"
    assert meta.issuer == "扬州市科学技术局"
    assert meta.date == dt.date(2020, 11, 30)
    assert meta.region == "扬州市"


def test_joint_signature_takes_first_issuer_and_district_region() -> None:
    text = (
        "关于推进科技招商的实施意见\n正文第一段。\n中共泰州市海陵区委办公室\n泰州市海陵区人民政府办公室\n2019年5月6日\n"
    )
    meta = extract_metadata(text)
    assert meta.issuer == "中共泰州市海陵区委办公室"
    assert meta.date == dt.date(2019, 5, 6)
    assert meta.genre == "implementation_scheme"


def test_district_issuer_region_is_the_district() -> None:
    meta = extract_metadata("连云港市赣榆区科学技术局2019年工作要点\n正文。\n")
    assert meta.issuer == "连云港市赣榆区科学技术局"
    assert meta.region == "赣榆区"
    assert meta.genre == "plan"


def test_labelled_fields() -> None:
    text = (
        "标题：关于下达2021年度科技计划项目的通知\n"
        "发文机关：苏州市科学技术局  成文日期：2021-04-02\n"
        "文号：苏科资〔2021〕45号  发布日期：2021-04-09\n"
        "正文。\n"
    )
    meta = extract_metadata(text)
    assert meta.title == "关于下达2021年度科技计划项目的通知"
    assert meta.issuer == "苏州市科学技术局"
    assert meta.date == dt.date(2021, 4, 2)  # 成文日期 beats 发布日期
    assert meta.doc_number == "苏科资〔2021〕45号"
    assert meta.region == "苏州市"
    assert meta.genre == "other"  # 科技计划项目 is a programme, the document a notice


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("苏政发[2019]12号", "苏政发[2019]12号"),
        ("〔2018〕138号", "〔2018〕138号"),
        ("宁科 〔2020〕 第7号", "宁科〔2020〕第7号"),
    ],
)
def test_document_number_lines(line: str, number: str) -> None:
    meta = extract_metadata(f"关于开展科技统计工作的通知\n{line}\n各单位：\n")
    assert meta.doc_number == number


def test_doc_number_cited_in_body_is_not_the_documents_own() -> None:
    body = "根据《关于加快创新的意见》（苏政发〔2017〕12号）要求，制定本方案。"
    meta = extract_metadata(f"关于推进创新的实施方案\n{body}\n")
    assert meta.doc_number is None


def test_abbreviated_issuer_resolved_with_city_from_title() -> None:
    text = "南通市2017年科技工作要点\n发布机构：市科技局\n生成日期：2017-03-01\n正文。\n"
    meta = extract_metadata(text)
    assert meta.region == "南通市"
    assert meta.issuer is not None and meta.issuer.startswith("南通市")
    assert meta.issuer in {"南通市科技局", "南通市科学技术局"}


def test_missing_fields_are_none() -> None:
    meta = extract_metadata("市科技局推进创新工作，全年完成各项任务。\n继续努力。\n")
    assert meta.date is None
    assert meta.doc_number is None
    assert meta.region is None
    assert meta.province is None
    assert meta.title is None  # the only lines are sentences, not titles
    assert meta.genre == "other"


def test_title_skips_boilerplate_and_joins_two_line_title() -> None:
    text = "您当前的位置：首页 > 政务公开\n浏览次数：10\n关于印发镇江市加快科技创新若干政策措施\n的通知\n正文。\n"
    meta = extract_metadata(text)
    assert meta.title == "关于印发镇江市加快科技创新若干政策措施的通知"
    assert meta.region == "镇江市"


def test_title_from_file_name_when_text_has_none(tmp_path: Path) -> None:
    path = tmp_path / "宿迁市科技局2020年工作总结.txt"
    meta = extract_metadata("全年完成各项任务。\n", path=path)
    assert meta.title == "宿迁市科技局2020年工作总结"
    assert meta.genre == "summary"
    assert extract_metadata("全年完成各项任务。\n", path=tmp_path / "000_abc.txt").title is None


@pytest.mark.parametrize(
    ("title", "genre"),
    [
        ("2015年科技工作总结暨2016年工作打算", "summary"),
        ("常州市科学技术局2018年工作计划", "plan"),
        ("2019年全市科技工作要点", "plan"),
        ("南京市“十四五”科技创新规划", "plan"),
        ("关于印发推进科技成果转化实施方案的通知", "implementation_scheme"),
        ("关于加快科技创新的实施意见", "implementation_scheme"),
        ("科技招商三年行动方案", "implementation_scheme"),
        ("对市政协十四届三次会议第0123号提案的答复", "reply"),
        ("关于某某事项的复函", "reply"),
        ("关于2020年度科技计划项目立项的通知", "other"),
        (None, "other"),
    ],
)
def test_genre(title: str | None, genre: str) -> None:
    assert classify_genre(title) == genre


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2018年10月8日", dt.date(2018, 10, 8)),
        ("2018-02-08 14:27", dt.date(2018, 2, 8)),
        ("2018/2/8", dt.date(2018, 2, 8)),
        ("2018.12.31", dt.date(2018, 12, 31)),
        ("２０１９年３月５日", dt.date(2019, 3, 5)),
        ("二〇一八年十月八日", dt.date(2018, 10, 8)),
        ("二〇二一年十二月二十一日", dt.date(2021, 12, 21)),
        ("2018年2月30日", None),
        ("1900年1月1日", None),
        ("无日期", None),
    ],
)
def test_parse_date(text: str, date: dt.date | None) -> None:
    assert parse_date(text) == date


def test_build_document(tmp_path: Path) -> None:
    text = "无锡市科学技术局2020年工作计划\n正文第一段。\n"
    path = tmp_path / "a.txt"
    doc = build_document(path, text, fmt="txt", encoding="gb2312", source="https://example.org/a")
    assert doc.text == text
    assert doc.meta.chars == len(text)
    assert doc.meta.id == document_id(NormalizedText(text).normalized)
    assert (doc.meta.format, doc.meta.encoding, doc.meta.source) == ("txt", "gb2312", "https://example.org/a")
    assert doc.meta.title == "无锡市科学技术局2020年工作计划"
    assert doc.meta.region == "无锡市"
    # same normalised text -> same id, whatever the width of the punctuation
    other = build_document(None, text.replace("。", "。").replace("2020", "２０２０"), fmt="txt", encoding=None)
    assert other.meta.id == doc.meta.id
    assert other.meta.path is None and other.meta.source is None
