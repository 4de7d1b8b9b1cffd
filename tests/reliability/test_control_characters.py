"""Defect 1 of the reliability issue: a NUL character in one document must not abort an ingest.

The FalkorDB client inlines parameters into a text header that the server reads as a C string, so
a NUL ends the query there. Text is cleaned of C0 controls at decode time (one space for one
character, offsets exact), parameter values that cannot be carried are refused before anything is
sent, and a store error while loading one document is that document's failure.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from graph.errors import QueryParameterError
from ingest.pipeline import ingest_files
from ingest.readers import read_document
from ingest.readers.core import clean_controls

GOOD = "甲市科学技术局2021年工作总结\n\n2021年，南京大学与甲市星河电子有限公司签订战略合作协议。\n"
# The NULs sit past the 64 KiB the binary sniff reads, as in a real text with a damaged tail.
NUL_TAIL = GOOD + ("科技工作稳步推进。\n" * 4000) + "东南大学与甲市云帆材料有限公司共建\x00\x00云帆材料研究院。\n"


def test_clean_controls_keeps_offsets() -> None:
    raw = "a\x00b\x01c\x1fd\x7fe\tf\ng\rh"
    cleaned = clean_controls(raw)
    assert len(cleaned) == len(raw)
    assert cleaned == "a b c d e\tf\ng\rh"


def test_nul_bytes_past_the_sniffed_head_are_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "tail.txt"
    data = NUL_TAIL.encode("utf-8")
    assert data.index(b"\x00") > 64 * 1024
    path.write_bytes(data)
    doc = read_document(path)
    assert "\x00" not in doc.text
    assert len(doc.text) == len(NUL_TAIL)  # one character for one: offsets stay exact
    at = NUL_TAIL.index("\x00")
    assert doc.text[at : at + 2] == "  "


def test_a_nul_document_and_a_good_one_both_load(store, tmp_path: Path) -> None:  # noqa: ANN001
    (tmp_path / "a_tail.txt").write_bytes(NUL_TAIL.encode("utf-8"))
    (tmp_path / "b_good.txt").write_text(GOOD.replace("2021", "2022"), encoding="utf-8")
    summary = ingest_files(store, [tmp_path])
    assert summary.failed == []
    assert summary.new == 2
    names = {r[0] for r in store.read_cypher("MATCH (a) WHERE a.name IS NOT NULL RETURN a.name").rows}
    assert "东南大学" in names and "南京大学" in names


def test_a_store_error_in_one_document_fails_that_document_only(store, tmp_path: Path) -> None:  # noqa: ANN001
    # A merge rule whose canonical name holds a NUL (YAML's "\0" escape) makes the first document's
    # load impossible; the second document does not mention the merged actor and must still land.
    aliases = tmp_path / "aliases.yaml"
    rule = 'merge:\n  - name: "南京\\0大学"\n    type: University\n    aliases: [南京大学]\n'
    aliases.write_text(rule, encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(GOOD, encoding="utf-8")
    (docs / "b.txt").write_text(GOOD.replace("南京大学", "东南大学").replace("2021", "2022"), encoding="utf-8")
    summary = ingest_files(store, [docs], aliases_file=aliases)
    assert [Path(f.path).name for f in summary.failed] == ["a.txt"]
    assert "NUL" in summary.failed[0].reason
    assert summary.new == 1
    docs_in_graph = store.read_cypher("MATCH (d:Document) RETURN count(d)").rows[0][0]
    assert docs_in_graph == 1  # the failed document left nothing behind


@pytest.mark.parametrize(
    "value",
    ['引号"与\\反斜杠', "大括号{x}与*/注释", "换行\n与\r回车\t制表", "非基本平面𠀀𪚥😀", "单引号'", "\\u0041"],
)
def test_awkward_strings_round_trip_exactly(store, value: str) -> None:  # noqa: ANN001
    assert store.read_cypher("RETURN $v AS v", {"v": value}).rows == [[value]]


@pytest.mark.parametrize("value", ["a\x00b", ["ok", "x\x00"], {"k": "\x00"}, math.nan, math.inf, [-math.inf]])
def test_values_the_client_cannot_carry_are_refused(store, value: object) -> None:  # noqa: ANN001
    with pytest.raises(QueryParameterError):
        store.read_cypher("RETURN $v AS v", {"v": value})


def test_a_nul_in_the_query_text_is_refused_not_cut(store) -> None:  # noqa: ANN001
    with pytest.raises(QueryParameterError, match="NUL"):
        store.read_cypher("RETURN 1\x00CREATE (:Injected)")
    assert store.read_cypher("MATCH (n:Injected) RETURN count(n)").rows == [[0]]
