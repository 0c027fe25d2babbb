"""Shared by the security benches: ``nosology serve`` on a free port of 127.0.0.1 with a fresh
accounts database, the peak memory of its process tree, and a stop that never leaves it behind."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Served:
    def __init__(self, data_dir: Path, workers: int = 1, database_url: str | None = None) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.tmp = tempfile.TemporaryDirectory(prefix="nosology-bench-")
        env = {**os.environ, "NOSOLOGY_DATA_DIR": str(data_dir), "NOSOLOGY_BUILD_IF_MISSING": "false",
               "NOSOLOGY_DATABASE_URL": database_url or f"sqlite:///{self.tmp.name}/accounts.sqlite",
               "NOSOLOGY_SECRET_KEY": "bench-secret-key-not-for-production-use", "NOSOLOGY_LOG_JSON": "false"}
        self.log = Path(self.tmp.name) / "server.log"
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-c", "from nosology.cli.main import main; main()", "serve", "--host", "127.0.0.1",
                 "--port", str(self.port), "--workers", str(workers)],
                env=env, stdout=out, stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"server exited:\n{self.log.read_text(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2):
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise SystemExit("server did not start")

    def pids(self) -> list[int]:
        """The server process and its workers."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        found = [int(p) for p in children.read_text().split()] if children.is_file() else []
        return [self.process.pid, *found]

    def memory_mb(self, field: str = "VmRSS") -> float:
        """Sum over the process tree of ``VmRSS`` (now) or ``VmHWM`` (each process's peak), in MB."""
        total = 0
        for pid in self.pids():
            try:
                lines = Path(f"/proc/{pid}/status").read_text().splitlines()
            except OSError:
                continue
            total += next((int(line.split()[1]) for line in lines if line.startswith(field + ":")), 0)
        return total / 1024

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.tmp.cleanup()
