"""Row 6: sign-ups are limited per client address (the "already exists" answer with them), and a
burst of parallel sign-ups hashes a few passwords at a time, so the server's memory stays bounded."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from tests.security.conftest import PASSWORD, Server, client, new_email, new_ip, sign_up

pytestmark = [pytest.mark.slow]


def _peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory so far (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


def test_eighty_parallel_sign_ups_keep_memory_bounded(server: Server) -> None:
    assert server.process is not None
    before = _peak_rss_mb(server.process.pid)
    gate = threading.Barrier(80)

    def sign_up_one(_: int) -> int:
        with httpx.Client(timeout=300, headers={"X-Forwarded-For": new_ip()}) as http:
            gate.wait()
            return http.post(server.base + "/api/auth/signup", json={"email": new_email(), "password": PASSWORD}).status_code

    with ThreadPoolExecutor(80) as pool:
        statuses = Counter(pool.map(sign_up_one, range(80)))
    assert statuses == {201: 80}
    growth = _peak_rss_mb(server.process.pid) - before
    # argon2 takes 64 MiB a hash: 2 x cores at a time, not one per thread of the pool (40).
    assert growth < 1024, f"peak RSS grew by {growth:.0f} MB"


def test_sign_ups_from_one_address_are_limited_with_the_existing_account_answer(server: Server) -> None:
    taken = new_email()
    with client(server.base) as http:
        sign_up(http, taken)
        answers = [http.post("/api/auth/signup", json={"email": new_email(), "password": PASSWORD}).status_code
                   for _ in range(8)]
        assert answers == [201] * 8
        assert http.post("/api/auth/signup", json={"email": taken, "password": PASSWORD}).status_code == 409
        r = http.post("/api/auth/signup", json={"email": taken, "password": PASSWORD})
        assert r.status_code == 429 and 0 < int(r.headers["retry-after"]) <= 3600
        assert "Too many accounts" in r.json()["detail"]
        assert http.post("/api/auth/signup", json={"email": new_email(), "password": PASSWORD}).status_code == 429
    with client(server.base) as elsewhere:
        sign_up(elsewhere, new_email())
