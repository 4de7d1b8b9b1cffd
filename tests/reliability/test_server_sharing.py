"""Two processes on one embedded database: the one that attached must keep working when the one that started
the server exits (e.g. ``innograph serve`` attached to the server of an ``innograph ingest`` that finishes)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from graph.embedded import EmbeddedServer
from graph.falkor import FalkorStore

REPO = Path(__file__).resolve().parents[2]
OWNER = """
import sys, time
from graph.falkor import FalkorStore
store = FalkorStore(sys.argv[1], graph_name="shared")
store.graph.query("CREATE (:Document {id: 'd_shared'})")
print("ready", flush=True)
sys.stdin.readline()  # exit when told
"""


def test_attached_process_survives_the_owner_exiting(tmp_path: Path) -> None:
    data_dir = tmp_path / "shared_db"
    owner = subprocess.Popen(  # noqa: S603 - fixed argv
        [sys.executable, "-c", OWNER, str(data_dir)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    store: FalkorStore | None = None
    try:
        assert owner.stdout is not None and owner.stdin is not None
        assert owner.stdout.readline().strip() == "ready"
        store = FalkorStore(data_dir, graph_name="shared")
        assert not store.started, "the second process should attach, not start a server"
        assert store.read("health_counts").records()[0]["documents"] == 1
        owner.stdin.write("\n")
        owner.stdin.flush()
        owner.wait(timeout=30)
        time.sleep(0.5)
        assert store.read("health_counts").records()[0]["documents"] == 1
    finally:
        if owner.poll() is None:
            owner.kill()
            owner.wait(timeout=10)
        if store is not None:
            store.close()
        EmbeddedServer(data_dir).stop()
