"""Sentence splitting with offsets, and boilerplate-line recognition."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.sentences import is_boilerplate, split_sentences

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def _texts(text: str) -> list[str]:
    sentences = split_sentences(text)
    for s in sentences:
        assert text[s.start : s.end] == s.text
    return [s.text for s in sentences]


def test_terminators_split() -> None:
    text = "全年完成目标。研发投入增长！是否达标？下一步；继续推进!好?"
    assert _texts(text) == ["全年完成目标。", "研发投入增长！", "是否达标？", "下一步；", "继续推进!", "好?"]


def test_no_split_inside_book_title_and_quotes() -> None:
    text = "出台《关于加快创新的意见。修订稿》等文件。他说：“今年要完成。明年继续！”随后散会。"
    assert _texts(text) == ["出台《关于加快创新的意见。修订稿》等文件。", "他说：“今年要完成。明年继续！”随后散会。"]


@pytest.mark.parametrize(("left", "right"), [("「", "」"), ("『", "』"), ("（", "）"), ("(", ")")])
def test_no_split_inside_other_brackets(left: str, right: str) -> None:
    text = f"实施{left}第一阶段；第二阶段{right}计划。开始。"
    assert _texts(text) == [f"实施{left}第一阶段；第二阶段{right}计划。", "开始。"]


def test_unmatched_opener_does_not_swallow_the_line() -> None:
    assert _texts("出台《意见。第二句。") == ["出台《意见。", "第二句。"]


def test_terminator_followed_by_closing_quote_stays_with_sentence() -> None:
    # a quote opened on the line before cannot be matched: the closer follows the terminator
    assert _texts("完成任务。”接着开会。") == ["完成任务。”", "接着开会。"]


def test_line_breaks_and_whitespace() -> None:
    text = "  一、总体要求\r\n\u3000\u3000坚持创新驱动\n\n\t\n二、主要目标  \u200b\n"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["一、总体要求", "坚持创新驱动", "二、主要目标"]
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert sentences[0].start == 2


def test_numbered_items_start_sentences() -> None:
    text = "主要目标：1.研发经费占比达2.80%。2.新增企业100家 （一）推进平台建设 （2）加强合作 ①第一项 ②第二项 ⑴甲 ㈠乙"
    assert _texts(text) == [
        "主要目标：",
        "1.研发经费占比达2.80%。",
        "2.新增企业100家",
        "（一）推进平台建设",
        "（2）加强合作",
        "①第一项",
        "②第二项",
        "⑴甲",
        "㈠乙",
    ]


def test_numbers_inside_text_are_not_items() -> None:
    assert _texts("增长12.5个百分点，一、二、三等奖各10名。") == ["增长12.5个百分点，一、二、三等奖各10名。"]


def test_empty_and_blank() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\u3000\r\n\t") == []
    assert split_sentences("。。。") == [s for s in split_sentences("。。。")]  # stays stable
    assert [s.text for s in split_sentences("。。。")] == ["。。。"]


_ALPHABET = st.characters(blacklist_categories=("Cs",))
_PIECES = st.sampled_from(
    list("。！？；!?;《》“”「」『』（）()\n\r\u3000 ①一、1.") + ["\r\n", "\u200b", "\u202e", "（一）"]
)
_TEXT = st.lists(st.one_of(st.text(alphabet=_ALPHABET, max_size=6), _PIECES), max_size=60).map("".join)


@settings(max_examples=500, deadline=None)
@given(text=_TEXT)
def test_property_never_raises_and_spans_are_exact(text: str) -> None:
    sentences = split_sentences(text)
    last_end = 0
    for s in sentences:
        assert s.text
        assert text[s.start : s.end] == s.text
        assert s.start >= last_end
        assert not s.text[0].isspace() and not s.text[-1].isspace()
        last_end = s.end


@settings(max_examples=30, deadline=None)
@given(text=st.text(alphabet=_ALPHABET, min_size=3000, max_size=6000))
def test_property_long_random_lines(text: str) -> None:
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text


# --------------------------------------------------------------------------- boilerplate
@pytest.mark.parametrize(
    "line",
    [
        "您当前的位置：首页 >> 政务公开 >> 正文",
        "当前位置: 首页 > 新闻中心",
        "首 页 > 人才政策 >> 市级政策",
        "浏览次数：1024",
        "字体：[ 大 中 小 ]",
        "【字体：大 中 小】【打印】【关闭】",
        "手机版 | 设为首页 | 加入收藏",
        "扫一扫在手机打开当前页",
        "分享到：",
        "版权所有：某某市人民政府办公室",
        "  • 网站备案号:苏ICP备12345678号",
        "网站标识码：3206000001",
        "主办单位：某某市科学技术局",
        "Copyright © 2020 All Rights Reserved",
        "发布时间：2019-04-29 信息来源：本站 阅读次数：262",
        "索\u2002引\u2002号:014109496/2018-00010",
        "【打印本页】【关闭窗口】",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "一、总体要求",
        "加快建设首页推荐的创新平台，提升访问量和服务能力。",
        "市科技局将围绕产业技术创新中心建设目标推进工作。",
        "（三）加强知识产权保护，严厉打击侵犯版权所有者权益的行为" + "，持续优化营商环境" * 20 + "。",
        "",
        "   ",
    ],
)
def test_content_lines_are_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared corpus not present at {CORPUS}")
def test_corpus_sentences_and_boilerplate() -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences = split_sentences(text)
        assert len(sentences) > 20
        assert all(text[s.start : s.end] == s.text for s in sentences)
        content = [s for s in sentences if not is_boilerplate(s.text)]
        assert 0 < len(sentences) - len(content) < 15  # a few furniture lines, not the body
        # every body paragraph line (long) survives the boilerplate filter
        assert all(not is_boilerplate(line) for line in text.splitlines() if len(line.strip()) > 200)
