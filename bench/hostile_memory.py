"""Peak memory of an ingest of hostile files, per process (issue 22: "a benchmark reports peak RSS per
worker on hostile files"; acceptance: the whole ingest within 2 GB).

    python -m bench.hostile_memory [--big-docx-mb 150] [--workers 1,2] [--out bench/results/hostile-memory.json]

Generates the hostile folder of ``tests/reliability/hostile.py`` (two good documents, NUL bytes past the
sniffed head, 200,000-level HTML, empty / binary / damaged / bomb files, a truncated PDF, a DOCX whose body
inflates to ``--big-docx-mb`` MB at a ratio near 20, a named pipe and bad links) into a temporary folder,
starts one embedded FalkorDB beside it (so the database server is not counted in the ingest's memory),
and runs ``innograph ingest FOLDER --json --workers N`` in a subprocess for each N, into a fresh graph.

Memory is read two ways. The child reports ``getrusage`` at exit: its own peak RSS (``RUSAGE_SELF``; with
one worker the extraction runs in that process) and the largest peak among its waited-for children
(``RUSAGE_CHILDREN``: the extraction workers). Meanwhile this process samples ``/proc`` of the child and
of every descendant every ``--interval`` seconds: each process's peak (``VmHWM``, the kernel's own
high-water mark) and the largest sum of resident sets at one sample. The whole ingest's peak lies between
that sum and the sum of every process's own peak; the 2 GB acceptance is judged on the latter (an upper
bound: the peaks need not coincide). Nothing is timing-asserted; the wall time is reported beside.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from bench.common import REPO, machine

log = logging.getLogger("bench.hostile_memory")

LIMIT_MIB = 2048  # the acceptance of issue 22: the whole ingest within 2 GB of RAM

# The child: the CLI, then its own and its children's peak RSS (Linux: KiB) on stderr.
_CHILD = """
import resource, sys
from api.cli import main
sys.argv = ["innograph", *sys.argv[1:]]
try:
    main()
finally:
    print("PEAK_RSS_KIB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
          resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
"""


def _status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (KiB) of a process; empty if it is gone."""
    out: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
            key = line.split(":", 1)[0]
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(line.split()[1])
    except (OSError, ValueError):
        return {}
    return out


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="ascii")
    except OSError:
        return []
    return [int(x) for x in text.split()]


def _tree(pid: int) -> list[int]:
    seen, todo = [], [pid]
    while todo:
        p = todo.pop()
        seen.append(p)
        todo += _children(p)
    return seen


class Sampler:
    """Samples a process tree until stopped: per-pid peak, and the peak of the tree's summed RSS."""

    def __init__(self, root: int, interval: float) -> None:
        self.root, self.interval = root, interval
        self.peak_kib: dict[int, int] = {}
        self.tree_peak_kib = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.is_set():
            total = 0
            for pid in _tree(self.root):
                st = _status(pid)
                if not st:
                    continue
                total += st.get("VmRSS", 0)
                self.peak_kib[pid] = max(self.peak_kib.get(pid, 0), st.get("VmHWM", 0), st.get("VmRSS", 0))
            self.tree_peak_kib = max(self.tree_peak_kib, total)
            self.samples += 1
            self._stop.wait(self.interval)


def run_ingest(folder: Path, data_dir: Path, workers: int, timeout_s: int, interval: float) -> dict[str, Any]:
    """One ``innograph ingest`` of the folder with ``workers`` workers into a fresh graph; its memory."""
    env = {
        **os.environ,
        "INNOGRAPH_DATA_DIR": str(data_dir),
        "INNOGRAPH_STORE": "embedded",
        "INNOGRAPH_GRAPH_NAME": f"hostile_{uuid.uuid4().hex[:10]}",
        "INNOGRAPH_FILE_TIMEOUT_S": str(timeout_s),
    }
    cwd = Path(tempfile.mkdtemp(prefix="innograph-hostile-cwd-"))  # no stray .env or aliases.yaml is read
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    cmd = [sys.executable, "-c", _CHILD, "ingest", str(folder), "--json", "--workers", str(workers)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # noqa: S603
    sampler = Sampler(proc.pid, interval)
    sampler.start()
    try:
        stdout, stderr = proc.communicate(timeout=timeout_s * 20 + 300)
    finally:
        sampler.stop()
    wall = time.perf_counter() - t0
    self_kib = children_kib = None
    if "PEAK_RSS_KIB" in stderr:
        parts = stderr.rsplit("PEAK_RSS_KIB", 1)[1].split()
        self_kib, children_kib = int(parts[0]), int(parts[1])
    summary: dict[str, Any] = {}
    if "{" in stdout:
        try:
            summary = json.loads(stdout[stdout.index("{") :])
        except json.JSONDecodeError:
            summary = {}
    workers_kib = sorted((v for pid, v in sampler.peak_kib.items() if pid != proc.pid), reverse=True)
    return {
        "workers": workers,
        "exit_code": proc.returncode,
        "seconds": round(wall, 2),
        "documents_loaded": summary.get("new"),
        "entries_skipped": len(summary.get("failed", [])) if summary else None,
        "traceback": "Traceback" in stderr,
        "ingest_process_peak_mib": round(self_kib / 1024, 1) if self_kib else None,
        "largest_worker_peak_mib": round(children_kib / 1024, 1) if workers > 1 and children_kib else None,
        "sampled_worker_peaks_mib": [round(k / 1024, 1) for k in workers_kib],
        "sampled_tree_peak_mib": round(sampler.tree_peak_kib / 1024, 1),
        "samples": sampler.samples,
        "stderr_tail": stderr.strip()[-300:] if proc.returncode not in (0, 1) else "",
    }


def judge(r: dict[str, Any]) -> None:
    """The whole ingest's peak: at least the largest sampled sum, at most the sum of every process's own
    peak (they need not coincide); the 2 GB acceptance is judged on that upper bound."""
    own = (r["ingest_process_peak_mib"] or 0) + sum(r["sampled_worker_peaks_mib"])
    r["whole_ingest_peak_mib"] = max(r["sampled_tree_peak_mib"] or 0, r["ingest_process_peak_mib"] or 0)
    r["whole_ingest_bound_mib"] = round(max(own, r["whole_ingest_peak_mib"]), 1)
    r["within_limit"] = r["whole_ingest_bound_mib"] < LIMIT_MIB


def run(big_docx_mb: int, workers: list[int], timeout_s: int, interval: float) -> dict[str, Any]:
    """Generate the hostile folder and ingest it once per worker count."""
    from graph.embedded import EmbeddedServer
    from tests.reliability import hostile

    with tempfile.TemporaryDirectory(prefix="innograph-hostile-") as tmp:
        folder, data_dir = Path(tmp) / "hostile", Path(tmp) / "store"
        t0 = time.perf_counter()
        made = hostile.write(folder, big_docx_mb=big_docx_mb)
        generate_s = time.perf_counter() - t0
        sizes = {p.name: p.stat().st_size for p in folder.iterdir() if p.is_file() and not p.is_symlink()}
        data_dir.mkdir()
        server = EmbeddedServer(data_dir)
        server.ensure()
        try:
            runs = [run_ingest(folder, data_dir, n, timeout_s, interval) for n in workers]
        finally:
            server.stop()
    expected_loads = sum(1 for n in made if hostile.EXPECTED.get(n, ("skip", ""))[0] == "load")
    for r in runs:
        judge(r)
        r["as_expected"] = r["exit_code"] == 1 and r["documents_loaded"] == expected_loads and not r["traceback"]
    return {
        "meta": machine(),
        "big_docx_mb": big_docx_mb,
        "file_timeout_s": timeout_s,
        "sample_interval_s": interval,
        "entries": made,
        "file_bytes": sizes,
        "generate_s": round(generate_s, 2),
        "expected_loaded": expected_loads,
        "limit_mib": LIMIT_MIB,
        "runs": runs,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--big-docx-mb", type=int, default=150, help="inflated body of the large DOCX (the issue's 150)")
    p.add_argument("--workers", default="1,2", help="worker counts, comma-separated")
    p.add_argument("--file-timeout", type=int, default=120, help="INNOGRAPH_FILE_TIMEOUT_S of the ingest")
    p.add_argument("--interval", type=float, default=0.05, help="seconds between /proc samples")
    p.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "hostile-memory.json")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    res = run(
        args.big_docx_mb, [int(x) for x in args.workers.split(",") if x.strip()], args.file_timeout, args.interval
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, indent=2, ensure_ascii=False), encoding="utf-8")
    log.info("wrote %s", args.out)
    print(f"{'workers':>7} {'exit':>4} {'loaded':>6} {'s':>7} {'ingest MiB':>10} {'worker MiB':>10} {'tree MiB':>9}")
    for r in res["runs"]:
        print(
            f"{r['workers']:>7} {r['exit_code']:>4} {r['documents_loaded']!s:>6} {r['seconds']:>7} "
            f"{r['ingest_process_peak_mib']!s:>10} {r['largest_worker_peak_mib']!s:>10} "
            f"{r['sampled_tree_peak_mib']!s:>9}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
