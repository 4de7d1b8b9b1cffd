"""Every example of README.md and docs/*.md marked as runnable runs as written (issue 19).

A runnable example is a fenced block whose info string is ``bash runnable``. Each block runs under
``bash -eu -o pipefail`` in one scratch directory, with ``.venv/bin`` first on PATH, against a real
server (``innograph serve``) on a real embedded FalkorDB graph loaded with the synthetic demo corpus
(``innograph synth --demo``, ``innograph ingest``): a block fails the test when any of its commands fails
(examples use ``curl -sf``, so an HTTP error is a failure). The docs write the server as
``localhost:8000``; the test points that at its own port. Blocks run in the order of the documents.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
BLOCK = re.compile(r"^```bash runnable[ \t]*\n(.*?)^```[ \t]*$", re.M | re.S)
SERVER = re.compile(r"\b(?:localhost|127\.0\.0\.1):8000\b")
WRITE_KEY = "docs-example-write-key-0123456789"

pytestmark = pytest.mark.timeout(300)


def runnable_blocks() -> list[tuple[str, int, str]]:
    """(document, line of the block, text) of every runnable block, in document order."""
    found = []
    for doc in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        text = doc.read_text(encoding="utf-8")
        for m in BLOCK.finditer(text):
            found.append((str(doc.relative_to(REPO)), text.count("\n", 0, m.start()) + 1, m.group(1)))
    return found


BLOCKS = runnable_blocks()


def test_the_docs_have_runnable_examples() -> None:
    docs = {doc for doc, _, _ in BLOCKS}
    assert {"README.md", "docs/api.md"} <= docs
    api = "".join(text for doc, _, text in BLOCKS if doc == "docs/api.md")
    for route in ("/health", "/stats", "/actors", "/paths", "/network", "/documents", "/queries", "/cypher"):
        assert f"localhost:8000{route}" in api, route
    for route in ("centrality", "communities", "structural-holes", "summary", "evolution"):
        assert f"localhost:8000/analysis/{route}" in api, route
    assert "localhost:8000/export" in api


def test_every_route_is_documented() -> None:
    from api.app import create_app
    from tests.api.conftest import make_settings

    def shape(path: str) -> str:
        return re.sub(r"\{[^}]*\}", "{}", path)

    documented = {shape(p) for p in re.findall(r"`(?:GET|POST|DELETE) (/[^`\s]*)`", (REPO / "docs/api.md").read_text())}
    documented |= {shape(p) for p in re.findall(r"localhost:8000(/[a-z/-]*)", (REPO / "docs/api.md").read_text())}
    for path in create_app(make_settings()).openapi()["paths"]:
        assert shape(path) in documented, f"{path} is not documented in docs/api.md"


def test_no_example_puts_raw_chinese_in_a_url() -> None:
    url = re.compile(r"localhost:8000/[^\s'\"]*[\u4e00-\u9fff]")
    for doc, line, text in BLOCKS:
        assert not url.search(text), f"{doc}:{line}: URL-encode Chinese (curl --get --data-urlencode)"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, proc: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {seconds} s")


@pytest.fixture(scope="module")
def served(falkor_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, str], int, Path]]:
    """A scratch directory, the environment of the examples and the port of a real server on the demo graph."""
    work = tmp_path_factory.mktemp("docs-examples")
    port = _free_port()
    graph = f"docs_{uuid.uuid4().hex[:10]}"
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "INNOGRAPH_DATA_DIR": str(falkor_dir),
        "INNOGRAPH_GRAPH_NAME": graph,
        "INNOGRAPH_API_KEY": WRITE_KEY,
        "INNOGRAPH_PORT": str(port),
        "COLUMNS": "120",
    }
    env.pop("INNOGRAPH_READ_KEY", None)
    innograph = str(BIN / "innograph")
    for args in (["synth", "--demo", "demo-corpus"], ["ingest", "demo-corpus"]):
        subprocess.run([innograph, *args], cwd=work, env=env, check=True, capture_output=True, timeout=180)
    log = open(work / "server.log", "wb")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [innograph, "serve", "--host", "127.0.0.1", "--port", str(port)], cwd=work, env=env, stdout=log, stderr=log
    )
    try:
        _wait(f"http://127.0.0.1:{port}/health", server)
        yield env, port, work
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        from graph.falkor import FalkorStore

        store = FalkorStore(falkor_dir, graph_name=graph)
        store.drop_all()
        store.close()
        shutil.rmtree(work, ignore_errors=True)


@pytest.mark.skipif(shutil.which("curl") is None, reason="the examples use curl, which is not installed")
@pytest.mark.parametrize(("doc", "line", "text"), BLOCKS, ids=[f"{d}:{n}" for d, n, _ in BLOCKS])
def test_example_runs_as_written(served: tuple[dict[str, str], int, Path], doc: str, line: int, text: str) -> None:
    env, port, work = served
    script = SERVER.sub(f"127.0.0.1:{port}", text)
    run = subprocess.run(
        ["bash", "-eu", "-o", "pipefail", "-c", script],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, (
        f"{doc}:{line} failed ({run.returncode}):\n{text}\nstdout:\n{run.stdout[-2000:]}\nstderr:\n{run.stderr[-2000:]}"
    )
    assert "Traceback" not in run.stderr, f"{doc}:{line}:\n{run.stderr[-2000:]}"
