"""FHIR terminology benchmark: $lookup, $validate-code and $expand?filter= over HTTP under load.

    python bench/fhir.py [--data-dir DIR] [--workers 2] [--clients 32] [--duration 10]

Starts ``nosology serve --workers N`` on a free 127.0.0.1 port with an existing reference
database, then for each operation runs ``--clients`` concurrent httpx clients (asyncio) for a
bounded time on random billable codes / filter words read from the database, and prints
requests/s and p50/p95/p99 latency. Side by side it prints the peer figure: the same operation
called in-process (the core library, no HTTP), which is what a client embedding nosology pays;
no public FHIR terminology server can be reached from here (127.0.0.1 only).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

CM = "http://hl7.org/fhir/sid/icd-10-cm"
FILTER_WORDS = ["ossification", "fracture femur", "diabetes", "asthma", "myositis", "burn", "shoulder pain",
                "pneumonia", "hypertension", "paraplegia", "ossificaiton", "épaule", "cheville"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def sample_codes(db: Path, n: int, seed: int = 7) -> list[str]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        codes = [r[0] for r in conn.execute("SELECT code FROM item WHERE billable = 1")]
    return random.Random(seed).sample(codes, n)


def requests_for(codes: list[str]) -> dict[str, Callable[[int], tuple[str, dict[str, str]]]]:
    def lookup(i: int) -> tuple[str, dict[str, str]]:
        return "/fhir/CodeSystem/$lookup", {"system": CM, "code": codes[i % len(codes)]}

    def validate(i: int) -> tuple[str, dict[str, str]]:
        return "/fhir/ValueSet/$validate-code", {"url": f"{CM}?fhir_vs", "system": CM, "code": codes[i % len(codes)]}

    def expand(i: int) -> tuple[str, dict[str, str]]:
        word = FILTER_WORDS[i % len(FILTER_WORDS)]
        return "/fhir/ValueSet/$expand", {"url": f"{CM}?fhir_vs", "filter": word, "count": "20",
                                          "displayLanguage": "fr" if word in {"épaule", "cheville"} else "en"}

    return {"$lookup": lookup, "$validate-code": validate, "$expand?filter=": expand}


async def drive(base: str, make: Callable[[int], tuple[str, dict[str, str]]], clients: int, duration: float) -> dict[str, Any]:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + duration
    counter = iter(range(10**9))
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30, headers={"accept": "application/fhir+json"}) as client:

        async def one_client() -> None:
            nonlocal errors
            while time.perf_counter() < deadline:
                path, params = make(next(counter))
                started = time.perf_counter()
                try:
                    response = await client.get(path, params=params)
                    if response.status_code != 200:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
                latencies.append(time.perf_counter() - started)

        started = time.perf_counter()
        await asyncio.gather(*(one_client() for _ in range(clients)))
        elapsed = time.perf_counter() - started
    return {"requests": len(latencies), "rps": len(latencies) / elapsed, "errors": errors, **percentiles(latencies)}


def percentiles(latencies: list[float]) -> dict[str, float]:
    if len(latencies) < 2:
        return {"p50": float("nan"), "p95": float("nan"), "p99": float("nan")}
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"p50": cuts[49] * 1000, "p95": cuts[94] * 1000, "p99": cuts[98] * 1000}


def in_process(data_dir: Path, codes: list[str], seconds: float = 2.0) -> dict[str, dict[str, float]]:
    """The peer: the same operations through the core library in this process (no HTTP)."""
    from nosology.library import Library
    from nosology.settings import load_settings
    from nosology.terminology import OpParams, expand, lookup, validate_code

    library = Library.open(load_settings({}, data_dir=data_dir, log_json=False))
    makers = requests_for(codes)
    calls: dict[str, Callable[[OpParams], Any]] = {
        "$lookup": lambda p: lookup(library.code_systems, p, library.languages),
        "$validate-code": lambda p: validate_code(library.code_systems, p, value_set=True),
        "$expand?filter=": lambda p: expand(library, p),
    }
    figures: dict[str, dict[str, float]] = {}
    for name, call in calls.items():
        call(OpParams.from_query(makers[name](0)[1].items()))  # warm up: the search vocabulary loads on first use
        latencies: list[float] = []
        deadline = time.perf_counter() + seconds
        i = 0
        while time.perf_counter() < deadline:
            _, params = makers[name](i)
            started = time.perf_counter()
            call(OpParams.from_query(params.items()))
            latencies.append(time.perf_counter() - started)
            i += 1
        figures[name] = {"rps": len(latencies) / sum(latencies), **percentiles(latencies)}
    return figures


def start_server(data_dir: Path, workers: int) -> tuple[subprocess.Popen[bytes], str, float]:
    port = free_port()
    env = {**os.environ, "NOSOLOGY_DATA_DIR": str(data_dir), "NOSOLOGY_BUILD_IF_MISSING": "false"}
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "nosology.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
                             "--workers", str(workers)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    while True:
        try:
            if httpx.get(f"{base}/fhir/metadata", timeout=2).status_code == 200:
                return proc, base, time.perf_counter() - started
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.perf_counter() - started > 120:
            raise SystemExit("nosology serve did not start (is the database built? run `nosology build`)")
        time.sleep(0.1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data-dir", type=Path, default=Path(os.environ.get("NOSOLOGY_DATA_DIR", "data")))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per operation")
    args = parser.parse_args()
    db = args.data_dir / "reference.sqlite"
    if not db.is_file():
        raise SystemExit(f"{db} not found: run `NOSOLOGY_DATA_DIR={args.data_dir} nosology build` first")
    codes = sample_codes(db, 2000)
    peer = in_process(args.data_dir, codes)
    proc, base, cold = start_server(args.data_dir, args.workers)
    try:
        print(f"nosology serve --workers {args.workers}: first answer {cold:.2f} s after start; "
              f"{args.clients} concurrent clients, {args.duration:.0f} s per operation, 127.0.0.1")
        print(f"{'operation':<17}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}"
              f"   | in-process peer: {'calls/s':>8}{'p50 ms':>8}{'p99 ms':>8}")
        for name, make in requests_for(codes).items():
            asyncio.run(drive(base, make, min(args.clients, 4), 1.0))  # warm up caches and connections
            r = asyncio.run(drive(base, make, args.clients, args.duration))
            p = peer[name]
            print(f"{name:<17}{r['requests']:>9}{r['rps']:>9.0f}{r['p50']:>9.1f}{r['p95']:>9.1f}{r['p99']:>9.1f}{r['errors']:>8}"
                  f"   | {'':>16} {p['rps']:>8.0f}{p['p50']:>8.2f}{p['p99']:>8.2f}")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
