"""Input limits: oversize files, path-traversal names, archives and executables, the per-file time limit --
through ``POST /documents`` and at the pipeline level. Complements tests/api/test_documents.py (file count,
whole-upload size, body size)."""

from __future__ import annotations

import io
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from api.settings import Settings
from graph.falkor import FalkorStore
from graph.snapshot import graph_state
from ingest.pipeline import extract_file
from tests.reliability.samples import DOCS

KEY = "reliability-write-key-0123456789"
AUTH = {"X-API-Key": KEY}
# 100k characters of policy text without a sentence end: extraction takes many seconds
PATHOLOGICAL = "关于科技合作的通知\n" + ("推动无锡市\u200b与常州市开展科技合作，" * 60_000)[:1_000_000] + "\n"


def _client(store: FalkorStore, **overrides: Any) -> TestClient:
    values: dict[str, Any] = {"api_key": SecretStr(KEY), **overrides}
    return TestClient(create_app(Settings(_env_file=None, **values), store), raise_server_exceptions=False)  # type: ignore[call-arg]


@pytest.fixture
def upload_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Uploads are spooled under this directory (the standard library's temp dir, redirected)."""
    spool = tmp_path / "spool"
    spool.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool))
    yield spool


def _files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_oversize_file_is_refused_and_nothing_is_kept(store: FalkorStore, upload_tmp: Path) -> None:
    text = next(iter(DOCS.values())).encode("utf-8")
    with _client(store, max_file_bytes=len(text) - 1) as client:
        res = client.post("/documents", files=[("files", ("a.txt", io.BytesIO(text), "text/plain"))], headers=AUTH)
    assert res.status_code == 413, res.text
    assert "exceeds" in res.json()["error"]["message"]
    assert graph_state(store) == (set(), set())
    assert _files_under(upload_tmp) == [], "the spooled upload was left behind"


@pytest.mark.parametrize(
    "name",
    ["../../escaped.txt", "/tmp/escaped.txt", "..\\..\\escaped.txt", "sub/../../escaped.txt", "....//escaped.txt"],
)
def test_traversal_names_stay_inside_the_spool(store: FalkorStore, upload_tmp: Path, tmp_path: Path, name: str) -> None:
    body = next(iter(DOCS.values())).encode("utf-8")
    with _client(store) as client:
        res = client.post("/documents", files=[("files", (name, io.BytesIO(body), "text/plain"))], headers=AUTH)
        assert res.status_code == 200, res.text
        assert res.json()["new"] == 1
        [doc] = client.get("/documents").json()["items"]
    assert doc["source"] == "upload/escaped.txt"
    assert ".." not in (doc.get("path") or "")
    assert not (tmp_path / "escaped.txt").exists() and not Path("/tmp/escaped.txt").exists()
    assert not list(tmp_path.parent.glob("escaped.txt"))
    assert _files_under(upload_tmp) == []


def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<" + b"a" * 30_000_000)  # 30 MB that compress to ~30 kB
    return buf.getvalue()


def _plain_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("inner.txt", next(iter(DOCS.values())))
    return buf.getvalue()


BAD_UPLOADS: dict[str, bytes] = {
    "archive.zip": _plain_zip(),
    "archive.txt": _plain_zip(),  # an archive with a harmless extension
    "setup.exe": b"MZ" + b"\x00" * 500,
    "program.txt": b"MZ\x90\x00" + b"\x00" * 500,
    "tool.txt": b"\x7fELF" + b"\x02\x01\x01" + b"\x00" * 500,
    "bomb.docx": _zip_bomb(),
    "archive.tar.gz": b"\x1f\x8b\x08" + b"\x00" * 200,
    "script.sh": b"#!/bin/sh\nrm -rf /\n",
}


def test_archives_and_executables_are_refused(store: FalkorStore, upload_tmp: Path) -> None:
    files = [("files", (name, io.BytesIO(data), "application/octet-stream")) for name, data in BAD_UPLOADS.items()]
    with _client(store, max_file_bytes=1_000_000) as client:
        res = client.post("/documents", files=files, headers=AUTH)
    assert res.status_code == 200, res.text
    body = res.json()
    assert body["documents_read"] == 0 and body["new"] == 0
    failed = {f["path"]: f["reason"] for f in body["failed"]}
    assert set(failed) == {f"upload/{n}" for n in BAD_UPLOADS}, failed
    assert all(reason for reason in failed.values())
    assert "/spool" not in res.text, "the server's temporary path leaked into the response"
    assert graph_state(store) == (set(), set())
    assert _files_under(upload_tmp) == []


def test_uploads_need_the_write_key(store: FalkorStore) -> None:
    files = [("files", ("a.txt", io.BytesIO(b"x"), "text/plain"))]
    with _client(store) as client:
        assert client.post("/documents", files=files).status_code == 401
        assert client.post("/documents", files=files, headers={"X-API-Key": KEY[:-1]}).status_code == 401
    with TestClient(create_app(Settings(_env_file=None), store)) as client:  # type: ignore[call-arg]
        assert client.post("/documents", files=files, headers=AUTH).status_code == 403
    assert graph_state(store) == (set(), set())


# -- pipeline level ----------------------------------------------------------------------------------------
def test_pipeline_refuses_an_oversize_file(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(next(iter(DOCS.values())), encoding="utf-8")
    size = path.stat().st_size
    result = extract_file(path, max_bytes=size - 1, timeout_s=10)
    assert result.extraction is None and result.error and str(size) in result.error
    assert extract_file(path, max_bytes=size, timeout_s=30).extraction is not None


def test_per_file_time_limit_stops_a_pathological_file(tmp_path: Path) -> None:
    path = tmp_path / "slow.txt"
    path.write_text(PATHOLOGICAL, encoding="utf-8")
    started = time.monotonic()
    result = extract_file(path, max_bytes=10_000_000, timeout_s=1)
    elapsed = time.monotonic() - started
    assert result.extraction is None and result.error == "reading and extraction took longer than 1s"
    assert elapsed < 5, f"the limit of 1 s stopped the file only after {elapsed:.1f}s"


def test_per_file_time_limit_applies_to_uploads(store: FalkorStore) -> None:
    good_name, good = next(iter(DOCS.items()))
    files = [
        ("files", ("slow.txt", io.BytesIO(PATHOLOGICAL.encode("utf-8")), "text/plain")),
        ("files", (good_name, io.BytesIO(good.encode("utf-8")), "text/plain")),
    ]
    with _client(store, file_timeout_s=1) as client:
        res = client.post("/documents", files=files, headers=AUTH)
    assert res.status_code == 200, res.text
    body = res.json()
    assert body["new"] == 1
    assert body["failed"] == [{"path": "upload/slow.txt", "reason": "reading and extraction took longer than 1s"}]


def test_per_file_time_limit_applies_to_the_cli(store: FalkorStore, tmp_path: Path) -> None:
    """`innograph ingest` honours INNOGRAPH_FILE_TIMEOUT_S, as uploads do (it used to ignore it)."""
    import json

    from typer.testing import CliRunner

    from api.cli import app as cli

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "slow.txt").write_text(PATHOLOGICAL, encoding="utf-8")
    good_name, good = next(iter(DOCS.items()))
    (docs / good_name).write_text(good, encoding="utf-8")
    env = {
        "INNOGRAPH_DATA_DIR": str(store.server.data_dir),
        "INNOGRAPH_GRAPH_NAME": store.graph_name,
        "INNOGRAPH_FILE_TIMEOUT_S": "1",
    }
    result = CliRunner().invoke(cli, ["ingest", str(docs), "--json"], env=env)
    assert result.exit_code == 1, result.output
    body = json.loads(result.output[result.output.index("{") :])
    assert body["new"] == 1
    assert [f["reason"] for f in body["failed"]] == ["reading and extraction took longer than 1s"]
