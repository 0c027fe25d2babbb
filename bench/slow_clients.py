"""Row 5 of the security issue: slow clients (slowloris) against the production server.

    python bench/slow_clients.py [--sockets 2100] [--interval 4] [--duration 30] [--workers 2] [--data-dir data]

Opens N sockets to ``nosology serve --workers W`` that each send a request line and then one
header line every ``interval`` seconds, never finishing (re-opening any socket the server closes,
so the pressure stays at N), while one normal client asks ``/api/codes/{code}`` in a loop.
Prints, per 5-second slice and in total, the normal client's success rate and latency, and how
many slow sockets the server closed. Bounded by ``--duration``; reports only, never asserts.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import statistics
import time
from pathlib import Path

import httpx
from serving import ROOT, Served


async def slow_socket(port: int, interval: float, until: float, closed: list[int]) -> None:
    while time.monotonic() < until:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.5)
            continue
        try:
            writer.write(b"GET /api/codes/A01.1 HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            await writer.drain()
            n = 0
            while time.monotonic() < until:
                await asyncio.sleep(interval)
                writer.write(f"X-Slow-{n}: {'a' * 20}\r\n".encode())
                await writer.drain()
                n += 1
                if reader.at_eof():
                    raise ConnectionResetError
        except OSError:
            closed[0] += 1
        finally:
            writer.close()


async def normal_client(base: str, until: float, results: list[tuple[float, bool, float]]) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=10) as http:
        while time.monotonic() < until:
            started = time.monotonic()
            try:
                ok = (await http.get("/api/codes/M61.28")).status_code == 200
            except httpx.HTTPError:
                ok = False
            results.append((started, ok, (time.monotonic() - started) * 1000))
            await asyncio.sleep(0.1)


async def attack(base: str, port: int, sockets: int, interval: float, duration: float) -> None:
    start = time.monotonic()
    until = start + duration
    closed = [0]
    results: list[tuple[float, bool, float]] = []
    slow = [asyncio.create_task(slow_socket(port, interval, until, closed)) for _ in range(sockets)]
    await asyncio.sleep(2)  # let the slow sockets connect first
    await normal_client(base, until, results)
    await asyncio.gather(*slow, return_exceptions=True)
    print("| seconds | normal requests | succeeded | p50 ms | max ms |")
    print("|---|---|---|---|---|")
    for lo in range(0, int(duration), 5):
        part = [r for r in results if lo <= r[0] - start < lo + 5]
        if part:
            lat = [r[2] for r in part if r[1]] or [0.0]
            print(f"| {lo}-{lo + 5} | {len(part)} | {sum(r[1] for r in part)} | {statistics.median(lat):.0f} | {max(lat):.0f} |")
    ok = [r for r in results if r[1]]
    lat = sorted(r[2] for r in ok) or [0.0]
    rate = 100 * len(ok) / max(1, len(results))
    print(f"normal client: {len(ok)}/{len(results)} succeeded ({rate:.1f} %), p50 {statistics.median(lat):.0f} ms, "
          f"p99 {lat[int(0.99 * (len(lat) - 1))]:.0f} ms; slow sockets closed by the server: {closed[0]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sockets", type=int, default=2100)
    parser.add_argument("--interval", type=float, default=4.0)
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data")
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, args.sockets + 1024)), hard))
    server = Served(args.data_dir, args.workers)
    try:
        print(f"nosology serve --workers {args.workers}; {args.sockets} slow sockets, one header line every "
              f"{args.interval:g} s, for {args.duration:g} s")
        asyncio.run(attack(server.base, server.port, args.sockets, args.interval, args.duration))
    finally:
        server.stop()


if __name__ == "__main__":
    main()
