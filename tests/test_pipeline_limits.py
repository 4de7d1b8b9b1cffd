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
