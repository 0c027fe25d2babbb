"""Row 1 of the security issue: parallel wrong guesses at one account.

    python bench/sign_in_burst.py [--guesses 60] [--workers 1] [--data-dir data] [--database-url URL]

Signs one account up, then sends, all at once: N wrong guesses from one client address; N wrong
guesses from N addresses (X-Forwarded-For, as a trusted proxy would); 40 wrong guesses plus the
right password from one address. Prints how many answers reached the password hash (401 or
201) and how many were refused first (429). Reports only; bounded by the number of requests.
"""

from __future__ import annotations

import argparse
import secrets
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


def burst(base: str, email: str, passwords: list[str], ips: list[str]) -> tuple[Counter[int], float]:
    gate = threading.Barrier(len(passwords))

    def send(i: int) -> int:
        with httpx.Client(timeout=300, headers={"X-Forwarded-For": ips[i]}) as http:
            gate.wait()
            return http.post(base + "/api/auth/token", json={"email": email, "password": passwords[i]}).status_code

    started = time.perf_counter()
    with ThreadPoolExecutor(len(passwords)) as pool:
        statuses = Counter(pool.map(send, range(len(passwords))))
    return statuses, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guesses", type=int, default=60)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data")
    parser.add_argument("--database-url", default=None, help="accounts database (default: a fresh SQLite file)")
    args = parser.parse_args()
    server = Served(args.data_dir, args.workers, args.database_url)
    try:
        runs = {
            f"{args.guesses} wrong, one address": ([f"wrong guess {i}" for i in range(args.guesses)], [_ip()] * args.guesses),
            f"{args.guesses} wrong, {args.guesses} addresses": ([f"wrong guess {i}" for i in range(args.guesses)],
                                                                 [_ip() for _ in range(args.guesses)]),
            "40 wrong + the right one, one address": ([f"wrong guess {i}" for i in range(40)] + [PASSWORD], [_ip()] * 41),
        }
        print(f"nosology serve --workers {args.workers}, accounts on {args.database_url or 'SQLite'}")
        print("| burst | reached the hash (401 + 201) | 201 | 429 | other | seconds |")
        print("|---|---|---|---|---|---|")
        for name, (passwords, ips) in runs.items():
            email = f"bench-{secrets.token_hex(5)}@example.org"
            httpx.post(server.base + "/api/auth/signup", json={"email": email, "password": PASSWORD},
                       headers={"X-Forwarded-For": _ip()}, timeout=60).raise_for_status()
            statuses, seconds = burst(server.base, email, passwords, ips)
            other = sum(n for s, n in statuses.items() if s not in (201, 401, 429))
            print(f"| {name} | {statuses[401] + statuses[201]} | {statuses[201]} | {statuses[429]} | {other} | {seconds:.1f} |")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
