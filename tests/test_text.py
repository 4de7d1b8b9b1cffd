"""NormalizedText: NFKC view and offset map back to the original text."""

from __future__ import annotations

import time
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.text import NormalizedText, SpanError


def _find_and_map(nt: NormalizedText, needle: str) -> str:
    start = nt.normalized.index(needle)
    a, b = nt.to_original(start, start + len(needle))
    return nt.original[a:b]


def test_length_changing_characters_map_back() -> None:
    text = "㈠加快建设ﬁ平台①第二项ＡＢＣ，完成"
    nt = NormalizedText(text)
    assert nt.normalized == unicodedata.normalize("NFKC", text)
    assert nt.normalized.startswith("(一)加快建设fi平台1第二项ABC,完成")
    assert _find_and_map(nt, "(一)") == "㈠"
    assert _find_and_map(nt, "fi") == "ﬁ"
    assert _find_and_map(nt, "1") == "①"
    assert _find_and_map(nt, "ABC,") == "ＡＢＣ，"
    # spans after the expansions map exactly
    assert _find_and_map(nt, "加快建设") == "加快建设"
    assert _find_and_map(nt, "第二项") == "第二项"
    assert _find_and_map(nt, "完成") == "完成"


def test_span_inside_an_expansion_covers_the_whole_character() -> None:
    nt = NormalizedText("㈠科技")
    assert nt.normalized == "(一)科技"
    assert nt.to_original(1, 2) == (0, 1)  # "一" inside "(一)" -> "㈠"
    assert nt.to_original(0, 1) == (0, 1)
    assert nt.to_original(2, 4) == (0, 2)  # ")科" -> "㈠科"
    assert nt.to_original(3, 5) == (1, 3)


def test_empty_spans_and_bounds() -> None:
    nt = NormalizedText("ﬁx")
    assert nt.to_original(0, 0) == (0, 0)
    assert nt.to_original(2, 2) == (1, 1)  # at a cluster boundary: empty
    assert nt.to_original(1, 1) == (0, 1)  # inside "fi" <- "ﬁ": the whole cluster
    assert nt.to_original(3, 3) == (2, 2)
    assert nt.to_original(0, 3) == (0, 2)
    for bad in ((-1, 1), (2, 1), (0, 4)):
        with pytest.raises(SpanError):
            nt.to_original(*bad)


def test_composing_sequences() -> None:
    # e + combining acute composes to é; a Hangul jamo sequence composes to a syllable;
    # a compatibility jamo composes with the initial before it.
    for text, expected in (("cafe\u0301 ok", "café ok"), ("\u1100\u1161\u11a8!", "각!"), ("\u1100\u314f", "가")):
        nt = NormalizedText(text)
        assert nt.normalized == expected == unicodedata.normalize("NFKC", text)
    nt = NormalizedText("cafe\u0301 ok")
    assert nt.original_span_text(3, 4) == "e\u0301"
    assert nt.original_span_text(5, 7) == "ok"


def test_already_normalized_text_is_identity() -> None:
    text = "南通市科技局2016年工作打算。一、总体要求"
    nt = NormalizedText(text)
    assert nt.normalized is text
    assert nt.to_original(3, 6) == (3, 6)


def test_fullwidth_punctuation_keeps_length() -> None:
    text = "（一）企业：“研发”，完成。"
    nt = NormalizedText(text)
    assert len(nt.normalized) == len(text)
    assert nt.normalized == "(一)企业:“研发”,完成。"
    assert all(nt.to_original(i, i + 1) == (i, i + 1) for i in range(len(text)))


def test_large_document_is_fast() -> None:
    unit = "（一）推进高新技术企业培育，建设ＡＩ创新平台①㈠ﬁ。\n"
    text = unit * (1_000_000 // len(unit))
    t0 = time.perf_counter()
    nt = NormalizedText(text)
    elapsed = time.perf_counter() - t0
    assert nt.normalized == unicodedata.normalize("NFKC", text)
    assert elapsed < 10, elapsed
    last = nt.normalized.rindex("(一)推进")
    assert nt.original_span_text(last, last + 3) == "（一）"


_ALPHABET = st.characters(blacklist_categories=("Cs",))
_SPECIAL = st.sampled_from(
    [
        "\u200b",
        "\u200d",
        "\ufeff",
        "\u202e",
        "\u05d0",
        "\u0627",
        "\u0301",
        "\u1161",
        "\u314f",
        "㈠",
        "ﬁ",
        "①",
        "ＡＢ",
        "（一）",
        "\u3000",
        "\r\n",
        "e\u0301",
        "\u0f73",
        "\u0344",
    ]
)
_TEXT = st.lists(st.one_of(st.text(alphabet=_ALPHABET, max_size=8), _SPECIAL), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=_TEXT, data=st.data())
def test_property_spans_within_bounds_and_monotone(text: str, data: st.DataObject) -> None:
    nt = NormalizedText(text)
    assert nt.normalized == unicodedata.normalize("NFKC", text)
    n = len(nt.normalized)
    i = data.draw(st.integers(0, n))
    j = data.draw(st.integers(i, n))
    a, b = nt.to_original(i, j)
    assert 0 <= a <= b <= len(text)
    # the original span, normalised, contains the normalised span
    assert nt.normalized[i:j] in unicodedata.normalize("NFKC", text[a:b])
    # monotone: moving the span right never moves the original span left
    i2 = data.draw(st.integers(i, n))
    j2 = data.draw(st.integers(max(i2, j), n))
    a2, b2 = nt.to_original(i2, j2)
    assert a2 >= a and b2 >= b


@settings(max_examples=50, deadline=None)
@given(line=st.text(alphabet=_ALPHABET, min_size=2000, max_size=4000))
def test_property_long_lines(line: str) -> None:
    nt = NormalizedText(line)
    n = len(nt.normalized)
    starts = [nt.to_original(k, k)[0] for k in range(0, n + 1, 97)]
    assert starts == sorted(starts)
    assert nt.to_original(0, n) == (0, len(line))
