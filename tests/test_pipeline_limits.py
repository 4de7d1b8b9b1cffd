"""Per-file limits of the ingest pipeline: size and time, in the main thread and from a server thread."""

from __future__ import annotations

import threading
from pathlib import Path

from ingest.pipeline import Processed, extract_file, process_files

SENTENCE = "南京大学与江苏星澜电子股份有限公司共建星澜智能装备研究院。"


def _big(tmp_path: Path, repeat: int = 60_000) -> Path:
    p = tmp_path / "big.txt"
    p.write_text("南通市科学技术局工作总结\n" + SENTENCE * repeat, encoding="utf-8")
    return p


def test_oversize_file_is_refused(tmp_path: Path) -> None:
    p = _big(tmp_path, 100)
    result = extract_file(p, max_bytes=1000)
    assert result.extraction is None and result.error and "1000" in result.error


def test_slow_file_is_stopped_by_the_time_limit(tmp_path: Path) -> None:
    result = extract_file(_big(tmp_path), max_bytes=50_000_000, timeout_s=1)
    assert result.extraction is None and result.error == "reading and extraction took longer than 1s"


def test_time_limit_also_holds_off_the_main_thread(tmp_path: Path) -> None:
    path = _big(tmp_path)
    out: list[Processed] = []
    t = threading.Thread(target=lambda: out.extend(process_files([path], max_bytes=50_000_000, timeout_s=1)))
    t.start()
    t.join(timeout=120)
    assert not t.is_alive() and len(out) == 1
    assert out[0].extraction is None and out[0].error == "reading and extraction took longer than 1s"


def test_a_long_document_is_extracted_in_parts_with_exact_offsets() -> None:
    """Documents beyond the part size (spaCy's limit was 5M characters, refused with its E088) are
    extracted part by part; what the parts find is what the whole finds, offsets into the whole text."""
    from ingest.models import Document, DocumentMeta
    from ingest.pipeline import chunk_bounds, extract

    lines = ["甲市科学技术局2021年工作总结"]
    lines += [f"第{i}项：南京大学与甲市星河电子有限公司签订战略合作协议。" for i in range(1, 40)]
    lines.append("东南大学与甲市云帆材料有限公司共建云帆材料研究院。")
    text = "\n".join(lines) + "\n"
    doc = Document(meta=DocumentMeta(id="d_long", region="南京市", chars=len(text)), text=text)
    bounds = chunk_bounds(text, 300)
    assert len(bounds) > 3 and bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(text[end - 1] == "\n" for _, end in bounds[:-1])  # cut at line ends
    whole, parts = extract(doc), extract(doc, chunk_chars=300)
    assert {(e.type, e.name) for e in parts.entities} == {(e.type, e.name) for e in whole.entities}
    assert {(r.type, r.head, r.tail) for r in parts.relations} == {(r.type, r.head, r.tail) for r in whole.relations}
    for e in parts.entities:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text
    for r in parts.relations:
        for ev in r.evidence:
            assert text[ev.start : ev.end] == ev.text
    last = next(e for e in parts.entities if e.name == "东南大学")
    assert last.mentions[0].start > bounds[-1][0] - 300  # found in the last part, placed in the whole
