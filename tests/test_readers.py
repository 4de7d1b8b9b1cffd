"""Readers: encodings, HTML main text, DOCX, PDF, bad files, input enumeration."""

from __future__ import annotations

import gzip
import os
import unicodedata
import zipfile
from pathlib import Path

import pytest

from ingest.files import InputPathError, iter_input_files, matches
from ingest.models import document_id
from ingest.readers import (
    BinaryFileError,
    CorruptDocumentError,
    DecompressionBombError,
    EmptyFileError,
    NoTextLayerError,
    OversizeError,
    ReadError,
    UndecodableError,
    UnreadableError,
    UnsupportedFormatError,
    read_document,
)

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

# Our own sample text (simplified), and a traditional-character version for Big5.
SIMPLIFIED = (
    "无锡市科学技术局2020年工作计划\n"
    "一、主要目标\n"
    "新增高新技术企业二百家，建设省级研发机构三十家。\n"
    "二、重点任务\n"
    "（一）推进创新平台建设；（二）加强产学研合作，组织实施《无锡市科技创新三年行动计划》。\n"
)
TRADITIONAL = (
    "無錫市科學技術局2020年工作計劃\n"
    "一、主要目標\n"
    "新增高新技術企業二百家，建設省級研發機構三十家。\n"
    "二、重點任務\n"
    "（一）推進創新平臺建設；（二）加強產學研合作。\n"
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --------------------------------------------------------------------------- plain text
@pytest.mark.parametrize(
    ("text", "codec", "label"),
    [
        (SIMPLIFIED, "utf-8", "utf-8"),
        (SIMPLIFIED, "utf-8-sig", "utf-8-sig"),
        (SIMPLIFIED, "utf-16", "utf-16"),
        (SIMPLIFIED, "gb2312", "gb2312"),
        (SIMPLIFIED + "朱镕基同志题词。\n", "gbk", "gbk"),  # 镕 is in GBK, not in GB2312
        (SIMPLIFIED + "欧元符号之外的字符䶮。\n", "gb18030", "gb18030"),  # 䶮 needs GB18030
        (TRADITIONAL, "big5", "big5"),
    ],
)
def test_text_encodings_detected(tmp_path: Path, text: str, codec: str, label: str) -> None:
    path = _write(tmp_path, "doc.txt", text.encode(codec))
    doc = read_document(path)
    assert doc.text == text
    assert doc.meta.encoding == label
    assert doc.meta.format == "txt"
    assert doc.meta.chars == len(text)
    assert doc.meta.id == document_id(unicodedata.normalize("NFKC", text))
    assert doc.meta.path == str(path)


def test_encoding_not_taken_from_extension(tmp_path: Path) -> None:
    # GB bytes in a file without extension and Big5 bytes in a .text file: both detected.
    a = read_document(_write(tmp_path, "plain", SIMPLIFIED.encode("gb18030")))
    b = read_document(_write(tmp_path, "trad.text", TRADITIONAL.encode("big5")))
    assert a.text == SIMPLIFIED and a.meta.encoding == "gb2312"
    assert b.text == TRADITIONAL and b.meta.encoding == "big5"


def test_short_big5_not_read_as_gb(tmp_path: Path) -> None:
    text = "臺灣創新企業"
    doc = read_document(_write(tmp_path, "s.txt", text.encode("big5")))
    assert doc.text == text


def test_text_kept_verbatim_with_crlf_and_boilerplate(tmp_path: Path) -> None:
    text = "您当前的位置：首页 >> 政务公开\r\n无锡市科技局2020年工作总结\r\n浏览次数：12\r\n正文内容。\r\n"
    doc = read_document(_write(tmp_path, "page.txt", text.encode("utf-8")))
    assert doc.text == text  # boilerplate lines stay: offsets index the original text
    assert doc.meta.title == "无锡市科技局2020年工作总结"


def test_source_defaults_to_path_and_can_be_given(tmp_path: Path) -> None:
    path = _write(tmp_path, "doc.txt", SIMPLIFIED.encode())
    assert read_document(path).meta.source == str(path)
    assert read_document(path, source="https://example.org/a.html").meta.source == "https://example.org/a.html"


# --------------------------------------------------------------------------- HTML
HTML_PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>无锡市科学技术局2020年工作计划_无锡市人民政府</title>
<style>.x {{ color: red }}</style><script>var a = "不应出现的脚本文字";</script></head>
<body>
<div class="top">手机版本 | 设为首页 | 加入收藏</div>
<div id="nav"><ul><li><a href="/">首页</a></li><li><a href="/zw">政务公开</a></li>
<li><a href="/kj">科技动态栏目</a></li></ul></div>
<div class="breadcrumb">您当前的位置：<a href="/">首页</a> &gt;&gt; <a>政务公开</a> &gt;&gt; 正文</div>
<div class="article">
<h1>无锡市科学技术局2020年工作计划</h1>
<div class="info">发布时间：2020-03-01 来源：无锡市科技局 浏览次数：123 字体：[大 中 小]</div>
<p>&nbsp;&nbsp;新增高新技术企业二百家，建设省级研发机构三十家。</p>
<p>一、重点任务</p>
<table><tr><td>指标</td><td>目标值</td></tr><tr><td>研发投入占比</td><td>3.2%</td></tr></table>
<p>（一）推进创新平台建设。</p>
</div>
<div class="share">分享到：微信 微博 <span>扫一扫在手机打开当前页</span></div>
<div class="footer"><p>版权所有：无锡市科学技术局</p><p>苏ICP备12345678号 网站标识码：3202000001</p>
<p>主办单位：无锡市科学技术局 技术支持：某某网络公司</p></div>
</body></html>
"""


@pytest.mark.parametrize(("charset", "codec"), [("utf-8", "utf-8"), ("gb2312", "gb18030")])
def test_html_main_text_only(tmp_path: Path, charset: str, codec: str) -> None:
    path = _write(tmp_path, "page.html", HTML_PAGE.format(charset=charset).encode(codec))
    doc = read_document(path)
    lines = doc.text.split("\n")
    assert lines[0] == "无锡市科学技术局2020年工作计划"
    assert "新增高新技术企业二百家，建设省级研发机构三十家。" in lines
    assert "一、重点任务" in lines
    assert "研发投入占比 3.2%" in lines
    assert "（一）推进创新平台建设。" in lines
    for gone in (
        "设为首页",
        "您当前的位置",
        "政务公开",
        "科技动态栏目",
        "扫一扫",
        "版权所有",
        "ICP备",
        "网站标识码",
        "主办单位",
        "字体",
        "浏览次数",
        "脚本文字",
        "color",
    ):
        assert gone not in doc.text, gone
    assert doc.meta.format == "html"
    # the byline was removed from the text but its fields still give metadata
    assert doc.meta.date is not None and doc.meta.date.isoformat() == "2020-03-01"
    assert doc.meta.title == "无锡市科学技术局2020年工作计划"
    assert doc.meta.issuer == "无锡市科学技术局"
    assert doc.meta.region == "无锡市"
    assert doc.meta.genre == "plan"


def test_html_without_heading_uses_title_tag(tmp_path: Path) -> None:
    html = (
        "<html><head><title>常州市科技局关于开展2021年度项目申报的通知 - 常州市人民政府</title></head>"
        "<body><div class='content'><p>各辖市、区科技局：</p><p>现将有关事项通知如下。</p></div></body></html>"
    )
    doc = read_document(_write(tmp_path, "notice.htm", html.encode("utf-8")))
    assert doc.text.split("\n")[0] == "常州市科技局关于开展2021年度项目申报的通知"
    assert "常州市人民政府" not in doc.text


def test_html_in_txt_file_is_sniffed(tmp_path: Path) -> None:
    html = "<!doctype html><html><body><p>第一段。</p><div class='footer'>版权所有 某某</div></body></html>"
    doc = read_document(_write(tmp_path, "saved.txt", html.encode("utf-8")))
    assert doc.meta.format == "html"
    assert doc.text == "第一段。"


# --------------------------------------------------------------------------- DOCX / PDF
def test_docx(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("南京市科学技术局2019年工作总结")
    document.add_paragraph("一、工作成效")
    document.add_paragraph("全年新增高新技术企业三百家。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "完成值"
    table.cell(1, 0).text = "专利授权"
    table.cell(1, 1).text = "5000件"
    document.add_paragraph("南京市科学技术局")
    document.add_paragraph("2020年1月10日")
    path = tmp_path / "report.docx"
    document.save(str(path))
    doc = read_document(path)
    lines = doc.text.split("\n")
    assert lines[:3] == ["南京市科学技术局2019年工作总结", "一、工作成效", "全年新增高新技术企业三百家。"]
    assert "专利授权 5000件" in lines
    assert doc.meta.format == "docx"
    assert doc.meta.date is not None and doc.meta.date.isoformat() == "2020-01-10"
    assert doc.meta.region == "南京市"
    assert doc.meta.genre == "summary"


def _write_pdf(path: Path, lines: list[str]) -> None:
    pytest.importorskip("reportlab")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 12)
    y = 800
    for line in lines:
        c.drawString(72, y, line)
        y -= 20
    c.save()


def test_pdf_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    _write_pdf(path, ["苏州市科学技术局2021年工作要点", "苏科发〔2021〕15号", "加快建设综合性国家科学中心。"])
    doc = read_document(path)
    assert doc.text.split("\n") == [
        "苏州市科学技术局2021年工作要点",
        "苏科发〔2021〕15号",
        "加快建设综合性国家科学中心。",
    ]
    assert doc.meta.format == "pdf"
    assert doc.meta.doc_number == "苏科发〔2021〕15号"
    assert doc.meta.genre == "plan"


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(50, 50, 200, 200, fill=1)
    c.save()
    with pytest.raises(NoTextLayerError) as info:
        read_document(path)
    assert "text layer" in info.value.reason


# --------------------------------------------------------------------------- bad files
def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("empty.txt", b"", EmptyFileError),
        ("blank.txt", b"  \n\t\r\n", EmptyFileError),
        ("prog.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(200), BinaryFileError),
        ("setup.exe.txt", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(100), BinaryFileError),
        ("data.txt.gz", gzip.compress(SIMPLIFIED.encode()), BinaryFileError),
        ("data.txt", gzip.compress(SIMPLIFIED.encode()), BinaryFileError),
        ("nul.txt", "正文".encode() + b"\x00\x00\x01", BinaryFileError),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(50), BinaryFileError),
        ("legacy.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), UnsupportedFormatError),
        ("notes.md", "# 标题\n正文".encode(), UnsupportedFormatError),
        ("garbage.txt", bytes(range(0x80, 0x100)) * 20, UndecodableError),
        ("fake.pdf", "不是PDF".encode(), CorruptDocumentError),
        ("fake.docx", "不是DOCX".encode(), CorruptDocumentError),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj garbage", CorruptDocumentError),
    ],
)
def test_bad_files(tmp_path: Path, name: str, data: bytes, error: type[ReadError]) -> None:
    path = _write(tmp_path, name, data)
    with pytest.raises(error) as info:
        read_document(path)
    assert info.value.path == path
    assert info.value.reason
    assert str(path) in str(info.value)


def test_zip_that_is_not_docx(tmp_path: Path) -> None:
    path = _zip(tmp_path / "archive.zip", {"a.txt": SIMPLIFIED.encode()})
    with pytest.raises(BinaryFileError, match="zip archive"):
        read_document(path)
    renamed = _zip(tmp_path / "archive.docx", {"a.txt": SIMPLIFIED.encode()})
    with pytest.raises(CorruptDocumentError, match="word/document.xml"):
        read_document(renamed)


def test_docx_decompression_bomb(tmp_path: Path) -> None:
    content_types = (
        b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
    )
    bomb = _zip(
        tmp_path / "bomb.docx",
        {"[Content_Types].xml": content_types, "word/document.xml": b" " * 30_000_000},
    )
    assert bomb.stat().st_size < 1_000_000
    with pytest.raises(DecompressionBombError) as info:
        read_document(bomb)
    assert "word/document.xml" in info.value.reason


def test_oversize(tmp_path: Path) -> None:
    path = _write(tmp_path, "big.txt", SIMPLIFIED.encode() * 10)
    with pytest.raises(OversizeError) as info:
        read_document(path, max_bytes=100)
    assert "100" in info.value.reason
    assert read_document(path, max_bytes=len(SIMPLIFIED.encode()) * 10).meta.chars == len(SIMPLIFIED) * 10


def test_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableError, match="no such file"):
        read_document(tmp_path / "missing.txt")
    with pytest.raises(UnreadableError, match="directory"):
        read_document(tmp_path)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads files without permission")
def test_permission_denied(tmp_path: Path) -> None:
    path = _write(tmp_path, "secret.txt", SIMPLIFIED.encode())
    path.chmod(0)
    try:
        with pytest.raises(UnreadableError, match="permission"):
            read_document(path)
    finally:
        path.chmod(0o644)


# --------------------------------------------------------------------------- corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared corpus not present at {CORPUS}")
def test_corpus_documents_read() -> None:
    files = sorted(CORPUS.glob("*.txt"))
    assert len(files) >= 3
    for path in files:
        doc = read_document(path)
        assert doc.meta.encoding == "utf-8"
        assert doc.text == path.read_text(encoding="utf-8")
        assert doc.meta.chars == len(doc.text) > 1000


# --------------------------------------------------------------------------- input files
def test_iter_input_files(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "b" / "deep").mkdir(parents=True)
    (root / ".git").mkdir()
    for rel in ("z.txt", "a.html", "b/c.txt", "b/deep/d.pdf", "b/.hidden.txt", ".git/config.txt", "b/skip.tmp"):
        (root / rel).write_text("x", encoding="utf-8")
    single = tmp_path / "single.docx"
    single.write_text("x", encoding="utf-8")

    rel = [p.relative_to(root).as_posix() for p in iter_input_files([root], None, None)]
    assert rel == ["a.html", "b/c.txt", "b/deep/d.pdf", "b/skip.tmp", "z.txt"]

    txt = [p.relative_to(root).as_posix() for p in iter_input_files([root], ["*.txt"], None)]
    assert txt == ["b/c.txt", "z.txt"]

    no_b = [p.relative_to(root).as_posix() for p in iter_input_files([root], None, ["b/*"])]
    assert no_b == ["a.html", "z.txt"]

    both = list(iter_input_files([single, root, root / "z.txt"], None, ["*.tmp"]))
    assert both[0] == single
    assert [p.name for p in both].count("z.txt") == 1  # each file once
    assert all(p.suffix != ".tmp" for p in both)

    with pytest.raises(InputPathError):
        list(iter_input_files([tmp_path / "nope"], None, None))


def test_glob_matching() -> None:
    assert matches("a/b/c.txt", ["*.txt"])
    assert matches("c.txt", ["**/c.txt"])
    assert matches("a/b/c.txt", ["a/*"])
    assert not matches("a/b/c.txt", ["b/*"])
    assert not matches("a/b/c.pdf", ["*.txt"])


def test_html_boilerplate_lines_without_markup_hints(tmp_path: Path) -> None:
    # No class/id hints at all: the line patterns alone must remove the furniture.
    html = (
        "<html><body><p>您现在的位置：首页 &gt; 科技新闻 &gt; 正文</p><p>徐州市召开科技创新大会。</p>"
        "<p>会议部署了2022年重点工作。</p><p>【打印本页】【关闭窗口】</p><p>扫一扫在手机打开当前页</p>"
        "<p>Copyright © 2022 徐州市科学技术局</p><p>苏公网安备 32030202000000号</p></body></html>"
    )
    doc = read_document(_write(tmp_path, "news.html", html.encode("utf-8")))
    assert doc.text == "徐州市召开科技创新大会。\n会议部署了2022年重点工作。"
