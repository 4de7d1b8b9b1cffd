"""Fixtures of the browser tests: the real app served by uvicorn on loopback, on a real FalkorDB graph
loaded with the synthetic demo corpus through the real ingest pipeline, driven by Debian's Chromium.

Chromium is never downloaded (no ``playwright install``): the tests use ``/usr/bin/chromium`` (or
``INNOGRAPH_CHROMIUM``). Without it they are skipped, except when ``CI`` is set: there they fail.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api.app import create_app
from api.routers.explorer import vendor_file
from api.settings import Settings
from graph.falkor import FalkorStore
from ingest.pipeline import ingest_files
from ingest.synth import generate_demo

REPO = Path(__file__).resolve().parents[2]
OUTPUT = REPO / "test-output" / "browser"
CHROMIUM = Path(os.environ.get("INNOGRAPH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _need(condition: bool, reason: str) -> None:
    """Skip when a browser prerequisite is missing on a workstation; fail on CI, which installs it."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this is an error: the Makefile installs it)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def demo_store(module_store: FalkorStore, tmp_path_factory: pytest.TempPathFactory) -> FalkorStore:
    """The module's graph with the demo corpus ingested through the real pipeline."""
    docs = tmp_path_factory.mktemp("demo") / "docs"
    paths = generate_demo(docs, with_gold=False)
    summary = ingest_files(module_store, paths)
    assert summary.ok, summary.failed
    assert summary.documents_read == len(paths)
    assert summary.relations > 0, "the demo corpus gave no relations: the explorer would have nothing to draw"
    return module_store


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server_url(demo_store: FalkorStore) -> Iterator[str]:
    """The real app (explorer + API) under uvicorn on 127.0.0.1, in a thread of this process."""
    settings = Settings(_env_file=None, query_timeout_ms=20_000)  # type: ignore[call-arg]
    yield from serve(settings, demo_store)


def serve(settings: Settings, store: FalkorStore) -> Iterator[str]:
    """Serve the real app with ``settings`` on a free loopback port until the generator is closed."""
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(
        create_app(settings, store), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="explorer-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=15)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _need(CHROMIUM.is_file(), f"{CHROMIUM} is absent (apt-get install chromium)")
    _need(vendor_file("cytoscape.min.js") is not None, "cytoscape.js is not installed (run `make node`)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need(False, "the Python package playwright is not installed (pip install -e '.[dev]')")
        raise
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield b
        b.close()


class ConsoleLog:
    """Console messages and uncaught page errors of one page."""

    def __init__(self, page: Any) -> None:
        self.messages: list[tuple[str, str]] = []
        page.on("console", lambda m: self.messages.append((m.type, m.text)))
        page.on("pageerror", lambda e: self.messages.append(("pageerror", str(e))))
        page.on("requestfailed", lambda r: self.messages.append(("requestfailed", f"{r.url} {r.failure}")))

    def errors(self) -> list[tuple[str, str]]:
        return [(t, m) for t, m in self.messages if t in {"error", "pageerror", "requestfailed"}]


@pytest.fixture
def page(browser: Any, server_url: str) -> Iterator[tuple[Any, ConsoleLog]]:
    context = browser.new_context(viewport={"width": 1500, "height": 950}, accept_downloads=True)
    pg = context.new_page()
    log = ConsoleLog(pg)

    def external(route: Any) -> None:
        # Anything not served by our own server is a bug: the page must work offline.
        log.messages.append(("error", f"external request {route.request.url}"))
        route.abort()

    pg.route(lambda url: not url.startswith(server_url) and not url.startswith(("data:", "blob:")), external)
    yield pg, log
    context.close()


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    return OUTPUT
