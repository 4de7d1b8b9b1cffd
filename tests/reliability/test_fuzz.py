"""Fuzzing the input side: readers, sentence splitter, NFKC offset map, metadata and entity/relation extraction.

Properties: a reader either returns a Document or raises a ``ReadError`` subclass, never anything else;
the text steps never raise, and every offset they return lies inside the text with ``text[start:end]``
equal to the span's text. Example counts are bounded so the whole file runs in well under 90 s.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ingest.extract import get_nlp
from ingest.metadata import build_document
from ingest.models import Document, Extraction
from ingest.pipeline import extract_document
from ingest.readers import ReadError, read_document
from ingest.sentences import split_sentences
from ingest.text import NormalizedText

FAST = settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck), database=None)
SLOW = settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck), database=None)

# Pieces of text the tools must survive: policy-like fragments (so the extractor finds something to do)
# mixed with the characters that break naive offset handling.
FRAGMENTS = [
    "南京大学与江苏星澜电子股份有限公司共建星澜智能装备研究院。",
    "推动无锡市与常州市开展科技合作，",
    "（一）支持东南大学牵头组建国家重点实验室；",
    "《无锡市科技创新三年行动计划》",
    "发布时间:2021-03-04\n",
    "苏科发〔2020〕12号",
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\ufeff",  # byte-order mark inside text
    "\u202e",  # right-to-left override
    "\u202c",
    "\u0627\u0644\u0639\u0631\u0628\u064a\u0629",  # Arabic (RTL)
    "\u05e9\u05dc\u05d5\u05dd",  # Hebrew (RTL)
    "e\u0301\u0302\u0323",  # stacked combining marks
    "\u0301",  # a combining mark with nothing to combine with
    "\u1100\u1161\u11a8",  # conjoining Hangul jamo (NFKC composes them)
    "\ufb01",  # ﬁ ligature (NFKC expands)
    "\ufdfa",  # one character that NFKC turns into 18
    "\u3000",
    "ＡＢＣ１２３（）",
    "\U0001f600",
    "\ufe0f",  # variation selector
    "。",
    "；",
    "\n",
    "\r\n",
    "\u2028",
    "、",
    "“",
    "》",
    "〔",
    "(",
    " ",
]
ADVERSARIAL = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)),
    max_size=40,
).map("".join)
LONE_PUNCTUATION = st.text(alphabet="。；，、：！？（）《》【】“”‘’….,;:!?()[]{}<>\n \u3000", max_size=200)


def _check_spans(text: str, spans: list[tuple[str, int, int]], what: str) -> None:
    for span_text, start, end in spans:
        assert 0 <= start <= end <= len(text), f"{what} [{start}, {end}) outside a text of {len(text)} chars"
        assert text[start:end] == span_text, f"{what} text {span_text!r} != text[{start}:{end}]"


def _check_extraction(doc: Document, ex: Extraction) -> None:
    text = doc.text
    ids = {e.id for e in ex.entities}
    for e in ex.entities:
        _check_spans(text, [(m.text, m.start, m.end) for m in e.mentions], f"mention of {e.name}")
    for r in ex.relations:
        assert r.head in ids and r.tail in ids, f"relation {r.type} names an unknown entity"
        _check_spans(text, [(v.text, v.start, v.end) for v in r.evidence], f"evidence of {r.type}")


# -- sentence splitter and NFKC offset map ----------------------------------------------------------------
@FAST
@given(text=st.one_of(ADVERSARIAL, LONE_PUNCTUATION, st.text(max_size=300)))
@example(text="")
@example(text="。" * 50)
@example(text="\u0301" * 10 + "。")
def test_sentences_cover_the_text_without_overlap(text: str) -> None:
    sentences = split_sentences(text)
    _check_spans(text, [(s.text, s.start, s.end) for s in sentences], "sentence")
    for a, b in zip(sentences, sentences[1:], strict=False):
        assert a.end <= b.start, f"sentences overlap: {a} / {b}"
    for s in sentences:
        assert s.text.strip(), f"an empty sentence {s!r}"


@FAST
@given(text=st.one_of(ADVERSARIAL, st.text(max_size=300)), data=st.data())
@example(text="\ufdfa\u0301", data=None)
def test_normalized_text_maps_every_span_inside_the_original(text: str, data: st.DataObject | None) -> None:
    nt = NormalizedText(text)
    assert nt.normalized == unicodedata.normalize("NFKC", text)
    n = len(nt.normalized)
    spans = [(0, n), (0, 0), (n, n)]
    if data is not None and n:
        start = data.draw(st.integers(0, n))
        spans.append((start, data.draw(st.integers(start, n))))
    for start, end in spans:
        o_start, o_end = nt.to_original(start, end)
        assert 0 <= o_start <= o_end <= len(text)
        assert nt.original_span_text(start, end) == text[o_start:o_end]
    assert nt.to_original(0, n) == (0, len(text)) or not text


# -- extraction ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module", autouse=True)
def _warm_pipeline() -> None:
    get_nlp()


@SLOW
@given(text=st.one_of(ADVERSARIAL, LONE_PUNCTUATION))
@example(text="南京大学\u200b与江苏星澜电子股份有限公司共建\u202e星澜智能装备研究院。")
@example(text="\ufdfa南京大学与\ufb01江苏星澜电子股份有限公司\u0301共建星澜智能装备研究院。")
@example(text="。")
def test_extraction_spans_are_inside_the_text(text: str) -> None:
    if not text.strip():
        return  # readers refuse empty documents before extraction
    doc = build_document(None, text, fmt="txt", encoding=None)
    assert doc.meta.chars == len(text)
    _check_extraction(doc, extract_document(doc))


@pytest.mark.parametrize(
    "line",
    [
        "啊" * 100_000,  # one 100k-character line of one character
        ("推动无锡市\u200b与常州市开展科技合作，" * 6_000)[:100_000],  # no sentence end for 100k characters
        ("\u0301e" * 50_000),  # 100k characters of combining marks
    ],
    ids=["one-char", "policy-no-full-stop", "combining"],
)
def test_extraction_survives_a_100k_character_line(line: str) -> None:
    doc = build_document(None, "关于科技合作的通知\n" + line + "\n", fmt="txt", encoding=None)
    _check_extraction(doc, extract_document(doc))


# -- readers ------------------------------------------------------------------------------------------------
def _minimal_docx(body: str) -> bytes:
    from docx import Document as DocxDocument

    d = DocxDocument()
    for para in body.split("\n"):
        d.add_paragraph(para)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _minimal_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, "Science and technology cooperation plan 2021")
    c.save()
    return buf.getvalue()


_VALID_DOCX = _minimal_docx("关于科技合作的通知\n南京大学与江苏星澜电子股份有限公司共建研究院。")
_VALID_PDF = _minimal_pdf()


def _xml_safe(text: str) -> str:
    return "".join(ch for ch in text if ch in "\t\n\r" or (ord(ch) >= 0x20 and ch not in "\ufffe\uffff"))


@st.composite
def _mutated(draw: st.DrawFn, base: bytes) -> bytes:
    """``base`` with a few bytes overwritten, a piece cut out, or truncated."""
    data = bytearray(base)
    for _ in range(draw(st.integers(0, 8))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    how = draw(st.sampled_from(["keep", "truncate", "cut"]))
    if how == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif how == "cut":
        a = draw(st.integers(0, len(data)))
        data = data[:a] + data[a + draw(st.integers(0, 200)) :]
    return bytes(data)


@st.composite
def _zip_with(draw: st.DrawFn) -> bytes:
    """A zip file (as DOCX) with random members: broken XML, missing parts, random bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        names = draw(
            st.lists(
                st.sampled_from(
                    ["[Content_Types].xml", "word/document.xml", "_rels/.rels", "word/_rels/document.xml.rels", "x.bin"]
                ),
                unique=True,
                max_size=5,
            )
        )
        for name in names:
            zf.writestr(name, draw(st.one_of(st.binary(max_size=300), st.text(max_size=200).map(str.encode))))
    return buf.getvalue()


_HTML = st.builds(
    lambda charset, body, cut: (
        f'<html><head><meta charset="{charset}"><title>{body[:10]}</title></head><body><div><p>{body}</p></div>'
        "</body></html>"
    ).encode(charset if charset in ("utf-8", "gb18030", "big5") else "utf-8", errors="replace")[: cut or None],
    st.sampled_from(["utf-8", "gb18030", "big5", "no-such-charset", ""]),
    ADVERSARIAL,
    st.one_of(st.none(), st.integers(0, 400)),
)
_TEXT_BYTES = st.builds(
    lambda text, codec: text.encode(codec, errors="ignore"),
    st.one_of(ADVERSARIAL, st.text(max_size=200)),
    st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16", "utf-16-le", "latin-1"]),
)


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _read_only_read_errors(folder: Path, name: str, data: bytes) -> None:
    path = folder / name
    path.write_bytes(data)
    try:
        doc = read_document(path, max_bytes=2_000_000)
    except ReadError as exc:
        assert str(exc), "a ReadError without a reason"
        return
    assert doc.text.strip() and doc.meta.chars == len(doc.text)


@SLOW
@given(
    data=st.one_of(
        st.binary(max_size=2048),
        _TEXT_BYTES,
        _HTML,
        _zip_with(),
        _mutated(_VALID_DOCX),
        _mutated(_VALID_PDF),
        st.binary(max_size=512).map(lambda b: b"%PDF-1.4\n" + b),
        st.binary(max_size=512).map(lambda b: b"PK\x03\x04" + b),
    ),
    suffix=st.sampled_from([".txt", ".html", ".htm", ".docx", ".pdf"]),
)
@example(data=_VALID_DOCX, suffix=".docx")
@example(data=_VALID_PDF, suffix=".pdf")
@example(data=b"\xff\xfe", suffix=".txt")
@example(data=b"<html>", suffix=".html")
def test_readers_raise_only_read_errors(fuzz_dir: Path, data: bytes, suffix: str) -> None:
    _read_only_read_errors(fuzz_dir, "f" + suffix, data)


@SLOW
@given(body=ADVERSARIAL)
def test_docx_with_adversarial_text(fuzz_dir: Path, body: str) -> None:
    _read_only_read_errors(fuzz_dir, "g.docx", _minimal_docx(_xml_safe(body)))
