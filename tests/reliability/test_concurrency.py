"""Reads under a concurrent ingest: the real app served by uvicorn on 127.0.0.1, four reader threads, and an
``innograph ingest`` subprocess writing into the same graph. No read may fail, and afterwards the graph
holds exactly the ingested documents, each once."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
import uvicorn
from pydantic import SecretStr

from api.app import create_app
from api.settings import Settings
from graph.falkor import FalkorStore
from graph.schema import init_schema
from ingest.models import document_id
from ingest.readers import read_document
from ingest.synth import generate_corpus
from ingest.text import NormalizedText

REPO = Path(__file__).resolve().parents[2]
READERS = 4
READ_SECONDS = 10.0
DOCS = 8


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Served:
    base: str
    store: FalkorStore


@pytest.fixture
def served(falkor_dir: Path) -> Iterator[Served]:
    store = FalkorStore(falkor_dir, graph_name=f"conc_{uuid.uuid4().hex[:12]}")
    init_schema(store)
    settings = Settings(_env_file=None, api_key=SecretStr("a-strong-test-key-0123456789"))  # type: ignore[call-arg]
    port = _free_port()
    config = uvicorn.Config(
        create_app(settings, store), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "uvicorn did not start"
    try:
        yield Served(base=f"http://127.0.0.1:{port}", store=store)
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        store.drop_all()
        store.close()


@dataclass
class ReaderLog:
    requests: int = 0
    failures: list[str] = field(default_factory=list)
    documents_seen: list[int] = field(default_factory=list)


def _reader(base: str, stop: threading.Event, log: ReaderLog, deadline: float) -> None:
    paths = ["/health", "/actors?limit=20", "/actors?q=%E5%A4%A7%E5%AD%A6&limit=10", "/documents?limit=5"]
    with httpx.Client(base_url=base, timeout=10.0) as client:
        i = 0
        while not stop.is_set() and time.monotonic() < deadline:
            path = paths[i % len(paths)]
            i += 1
            try:
                res = client.get(path)
            except httpx.HTTPError as exc:
                log.failures.append(f"{path}: {type(exc).__name__}: {exc}")
                continue
            log.requests += 1
            if res.status_code != 200:
                log.failures.append(f"{path}: HTTP {res.status_code} {res.text[:200]}")
            elif path == "/health":
                log.documents_seen.append(res.json()["documents"])


def test_reads_never_fail_during_an_ingest(served: Served, falkor_dir: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    files = generate_corpus(corpus, DOCS, seed=23, with_gold=False)
    expected_ids = {document_id(NormalizedText(read_document(Path(f)).text).normalized) for f in files}
    assert len(expected_ids) == DOCS

    env = {**os.environ, "INNOGRAPH_DATA_DIR": str(falkor_dir), "INNOGRAPH_GRAPH_NAME": served.store.graph_name}
    ingest = subprocess.Popen(  # noqa: S603 - fixed argv
        [sys.executable, "-m", "api.cli", "ingest", str(corpus)],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # start reading once the ingest is writing, so that the reads overlap the writes
        started = time.monotonic()
        while ingest.poll() is None and time.monotonic() - started < 120:
            if served.store.read("health_counts").records()[0]["documents"] > 0:
                break
            time.sleep(0.02)
        stop = threading.Event()
        logs = [ReaderLog() for _ in range(READERS)]
        deadline = time.monotonic() + READ_SECONDS
        threads = [threading.Thread(target=_reader, args=(served.base, stop, lg, deadline)) for lg in logs]
        for t in threads:
            t.start()
        _, stderr = ingest.communicate(timeout=300)
        stop.set()
        for t in threads:
            t.join(timeout=30)
    finally:
        if ingest.poll() is None:
            ingest.kill()
            ingest.wait(timeout=10)
    assert ingest.returncode == 0, stderr[-2000:]

    failures = [f for lg in logs for f in lg.failures]
    assert not failures, f"{len(failures)} failed reads, e.g. {failures[:5]}"
    assert sum(lg.requests for lg in logs) >= READERS * 4, "the readers hardly ran"
    seen = [n for lg in logs for n in lg.documents_seen]
    assert min(seen) < DOCS, "no read overlapped the ingest"
    for lg in logs:  # documents land one by one: the count a reader sees never goes down
        assert lg.documents_seen == sorted(lg.documents_seen), lg.documents_seen
        assert all(0 < n <= DOCS for n in lg.documents_seen)

    with httpx.Client(base_url=served.base, timeout=10.0) as client:
        page = client.get("/documents", params={"limit": 100}).json()
    ids = [item["id"] for item in page["items"]]
    assert page["total"] == DOCS and len(ids) == len(set(ids)) == DOCS
    assert set(ids) == expected_ids
