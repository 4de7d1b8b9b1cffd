"""Lifecycle of the embedded FalkorDB server: persistence, attach, no orphans, recovery after SIGKILL."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from graph.embedded import EmbeddedServer, _pid_alive
from graph.falkor import FalkorStore

pytestmark = pytest.mark.timeout(120)


def _python(code: str, data_dir: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )


def _servers_for(data_dir: Path) -> list[int]:
    """PIDs of redis-server processes whose command line names this data directory."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmd = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if "redis-server" in cmd and str(data_dir.resolve()) in cmd and _pid_alive(int(entry.name)):
            pids.append(int(entry.name))
    return pids


def _wait(cond, timeout: float = 20.0) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.1)
    return False


def test_data_persist_across_stop_and_start(tmp_path: Path) -> None:
    s = FalkorStore(tmp_path)
    s.write("load_document", s.library.get("load_document", "falkordb").example)
    before = s.read("total_counts").records()
    s.server.stop()
    assert not s.server.ping()
    s2 = FalkorStore(tmp_path)
    assert s2.started, "a new server should have been started"
    assert s2.read("total_counts").records() == before and before[0]["nodes"] > 0
    s2.server.stop()


def test_no_orphan_after_owner_exits(tmp_path: Path) -> None:
    proc = _python(
        """
        import sys
        from graph.falkor import FalkorStore
        s = FalkorStore(sys.argv[1])
        print(s.server.server_pid(), flush=True)
    """,
        tmp_path,
    )
    out, errs = proc.communicate(timeout=60)
    assert proc.returncode == 0, errs
    pid = int(out.strip())
    assert _wait(lambda: not _pid_alive(pid)), "redis-server outlived the process that owned it"
    assert _servers_for(tmp_path) == []


def test_no_orphan_after_owner_is_killed_and_data_recovered(tmp_path: Path) -> None:
    proc = _python(
        """
        import sys, time
        from graph.falkor import FalkorStore
        s = FalkorStore(sys.argv[1])
        s.write("load_document", s.library.get("load_document", "falkordb").example)
        print(s.server.server_pid(), flush=True)
        time.sleep(600)
    """,
        tmp_path,
    )
    assert proc.stdout is not None
    pid = int(proc.stdout.readline().strip())
    assert _pid_alive(pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert _wait(lambda: not _pid_alive(pid)), "redis-server survived the SIGKILL of its owner"
    s = FalkorStore(tmp_path)  # the next start recovers the stale instance
    assert s.read("health_counts").records()[0]["documents"] == 1
    s.server.stop()


def test_recovery_after_server_sigkill(tmp_path: Path) -> None:
    s = FalkorStore(tmp_path)
    s.write("load_document", s.library.get("load_document", "falkordb").example)
    time.sleep(1.5)  # appendfsync everysec
    pid = s.server.server_pid()
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    assert _wait(lambda: not _pid_alive(pid))
    assert s.server.socket.exists() or True  # a stale socket may be left behind
    s2 = FalkorStore(tmp_path)
    assert s2.started
    assert s2.read("health_counts").records()[0]["documents"] == 1
    s2.server.stop()


def test_second_process_attaches_instead_of_starting(tmp_path: Path) -> None:
    s = FalkorStore(tmp_path)
    assert s.started
    first_pid = s.server.server_pid()
    proc = _python(
        """
        import sys
        from graph.falkor import FalkorStore
        s = FalkorStore(sys.argv[1])
        print(s.started, s.server.server_pid(), s.read("total_counts").records()[0]["nodes"])
    """,
        tmp_path,
    )
    out, errs = proc.communicate(timeout=60)
    assert proc.returncode == 0, errs
    started, pid, _ = out.split()
    assert started == "False" and int(pid) == first_pid
    assert s.server.ping(), "the attaching process must not stop a server it does not own"
    assert _servers_for(tmp_path) == [first_pid]
    s.server.stop()


def test_detached_server_survives_its_starter(tmp_path: Path) -> None:
    proc = _python(
        """
        import sys
        from graph.embedded import EmbeddedServer
        EmbeddedServer(sys.argv[1]).ensure(detached=True)
    """,
        tmp_path,
    )
    proc.communicate(timeout=60)
    server = EmbeddedServer(tmp_path)
    try:
        assert server.ping() and server.status()["mode"] == "detached"
    finally:
        server.stop()
    assert _wait(lambda: _servers_for(tmp_path) == [])


def test_owner_stops_its_server_even_when_the_socket_is_gone(tmp_path: Path) -> None:
    server = EmbeddedServer(tmp_path)
    assert server.ensure()
    pid = server.server_pid()
    assert pid is not None
    server.socket.unlink()  # e.g. the data folder was deleted under a running server
    assert server.stop()
    assert _wait(lambda: not _pid_alive(pid)), "an unreachable server of ours must still be stopped"


def test_no_orphan_when_the_data_folder_was_deleted_and_the_owner_is_killed(tmp_path: Path) -> None:
    data_dir = tmp_path / "gone"
    proc = _python(
        """
        import sys, time
        from graph.falkor import FalkorStore
        s = FalkorStore(sys.argv[1])
        print(s.server.server_pid(), flush=True)
        time.sleep(600)
    """,
        data_dir,
    )
    assert proc.stdout is not None
    pid = int(proc.stdout.readline().strip())
    import shutil

    shutil.rmtree(data_dir)  # the server can no longer save on its way out
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert _wait(lambda: not _pid_alive(pid)), "redis-server refused to exit and was left behind"


def test_a_busy_server_is_waited_for_not_killed(tmp_path: Path) -> None:
    """A server replaying a large append-only file accepts connections but answers nothing for long
    stretches. A process that arrives meanwhile must wait for it (up to load_timeout), not take it
    for dead after start_timeout and kill it. The stall is made real with SIGSTOP/SIGCONT."""
    owner = FalkorStore(tmp_path)
    pid = owner.server.server_pid()
    assert pid is not None
    late = EmbeddedServer(tmp_path, start_timeout=1.0)
    os.kill(pid, signal.SIGSTOP)
    try:
        t0 = time.monotonic()
        assert late.probe() == "busy"
        assert time.monotonic() - t0 < 10, "a probe must not block for long"
        resume = subprocess.Popen(["sh", "-c", f"sleep 4; kill -CONT {pid}"])  # noqa: S603, S607
        t0 = time.monotonic()
        started = late.ensure()
        waited = time.monotonic() - t0
    finally:
        os.kill(pid, signal.SIGCONT)
    resume.wait(timeout=10)
    assert not started, "the late process must attach to the busy server, not start another"
    assert waited > late.start_timeout, "it waited past start_timeout while the server was busy"
    assert late.server_pid() == pid and _pid_alive(pid)
    assert _servers_for(tmp_path) == [pid]
    owner.server.stop()


def test_a_server_that_stays_busy_is_given_up_after_load_timeout(tmp_path: Path) -> None:
    owner = FalkorStore(tmp_path)
    pid = owner.server.server_pid()
    assert pid is not None
    late = EmbeddedServer(tmp_path, start_timeout=0.5, load_timeout=3.0)
    os.kill(pid, signal.SIGSTOP)
    try:
        t0 = time.monotonic()
        assert late._wait_until_up(lambda: _pid_alive(pid)) is False
        waited = time.monotonic() - t0
    finally:
        os.kill(pid, signal.SIGCONT)
    assert late.load_timeout <= waited < late.load_timeout + 10
    owner.server.stop()


def test_stop_waits_for_a_busy_server_instead_of_killing_it(tmp_path: Path) -> None:
    """stop() on a server that is busy (loading or saving a large graph, answering nothing) must wait
    for it and shut it down cleanly, not kill it by pid. The stall is made real with SIGSTOP/SIGCONT."""
    owner = FalkorStore(tmp_path)
    pid = owner.server.server_pid()
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)
    resume = subprocess.Popen(["sh", "-c", f"sleep 4; kill -CONT {pid}"])  # noqa: S603, S607
    try:
        assert owner.server.stop() is True
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGCONT)
        resume.wait(timeout=10)
    deadline = time.monotonic() + 10
    while _pid_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _pid_alive(pid)
    assert _servers_for(tmp_path) == []
    log = (tmp_path / "redis.log").read_text()
    assert "User requested shutdown" in log and "Received SIGTERM" not in log, (
        "the server must have shut down on SHUTDOWN (saving), not been terminated by signal"
    )


def _aof_files(data_dir: Path) -> dict[str, int]:
    """Sizes of the parts of the multi-part append-only file, by kind (base / incr)."""
    sizes = {"base": 0, "incr": 0}
    for f in (data_dir / "appendonlydir").iterdir():
        for kind in sizes:
            if f".{kind}." in f.name:
                sizes[kind] += f.stat().st_size
    return sizes


def test_clean_stop_folds_the_replay_log_into_a_snapshot(tmp_path: Path) -> None:
    s = FalkorStore(tmp_path)
    s.server.compact_min_bytes = 0  # any growth counts (the default waits for a megabyte)
    example = s.library.get("load_document", "falkordb").example
    s.write("load_document", example)
    before = s.read("total_counts").records()
    grown = _aof_files(tmp_path)["incr"]
    assert grown > 0, "writes go to the incremental part first"
    s.server.stop()
    after = _aof_files(tmp_path)
    assert after["incr"] < grown, after  # the stop rewrote it: the writes now live in the base
    base = next((tmp_path / "appendonlydir").glob("*.base.*"))
    assert base.read_bytes()[:5] == b"REDIS", "the base is an RDB snapshot, not a command log"
    s2 = FalkorStore(tmp_path)
    assert s2.read("total_counts").records() == before
    s2.server.stop()


def test_small_replay_logs_are_left_alone(tmp_path: Path) -> None:
    s = FalkorStore(tmp_path)
    s.write("load_document", s.library.get("load_document", "falkordb").example)
    assert s.server.compact() is False  # a few kilobytes: below the default megabyte
    assert s.server.compact(min_bytes=0) is True
    s.server.stop()
