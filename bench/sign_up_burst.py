"""Row 6 of the security issue: a burst of parallel sign-ups, and what it does to the server.

    python bench/sign_up_burst.py [--signups 80] [--workers 1] [--data-dir data]

Sends N sign-ups at once, first from one client address, then from N addresses (X-Forwarded-For,
as a trusted proxy would: the per-address limit does not apply, so every one is hashed). Meanwhile
another client asks ``/api/codes/{code}`` in a loop. Prints the statuses, the time, the server's
memory (resident before, peak during) and the other client's latency. Reports only.
"""

from __future__ import annotations

import argparse
import secrets
import statistics
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from serving import ROOT, Served

PASSWORD = "lantern orbit velvet"


def _ip() -> str:
    return f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250) + 1}"


def run(server: Served, n: int, one_address: bool) -> None:
    ips = [_ip()] * n if one_address else [_ip() for _ in range(n)]
    gate = threading.Barrier(n)
    stop = threading.Event()
    latencies: list[float] = []
    peak = [server.memory_mb("VmRSS")]
    before = peak[0]

    def other_client() -> None:
        with httpx.Client(base_url=server.base, timeout=60) as http:
            while not stop.is_set():
                started = time.perf_counter()
                http.get("/api/codes/M61.28")
                latencies.append((time.perf_counter() - started) * 1000)
                peak[0] = max(peak[0], server.memory_mb("VmRSS"))
                time.sleep(0.02)

    def sign_up(i: int) -> int:
        with httpx.Client(timeout=600, headers={"X-Forwarded-For": ips[i]}) as http:
            gate.wait()
            email = f"burst-{secrets.token_hex(6)}@example.org"
            return http.post(server.base + "/api/auth/signup", json={"email": email, "password": PASSWORD}).status_code

    watcher = threading.Thread(target=other_client)
    watcher.start()
    started = time.perf_counter()
    with ThreadPoolExecutor(n) as pool:
        statuses = Counter(pool.map(sign_up, range(n)))
    seconds = time.perf_counter() - started
    stop.set()
    watcher.join()
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) >= 2 else [0.0] * 99
    label = "one address" if one_address else f"{n} addresses"
    print(f"| {n} sign-ups, {label} | {dict(sorted(statuses.items()))} | {seconds:.1f} | {before:.0f} | {peak[0]:.0f} "
          f"| {min(latencies, default=0):.0f} / {quantiles[49]:.0f} / {max(latencies, default=0):.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--signups", type=int, default=80)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data")
    args = parser.parse_args()
    server = Served(args.data_dir, args.workers)
    try:
        print(f"nosology serve --workers {args.workers}")
        print("| burst | statuses | seconds | RSS before MB | peak RSS MB | other client /api/codes ms min / p50 / max |")
        print("|---|---|---|---|---|---|")
        run(server, args.signups, one_address=True)
        run(server, args.signups, one_address=False)
        print(f"peak RSS of the process tree over the run (VmHWM): {server.memory_mb('VmHWM'):.0f} MB")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
