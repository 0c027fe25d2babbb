"""HTTP load benchmark: the production server (several workers) under wrk, on 127.0.0.1 only.

    python bench/http_load.py [--workers 4] [--duration 5] [--clients 16,64,256] [--data-dir data]

Starts ``nosology serve --workers N`` on a free port with an existing database (building it first if
missing, and printing the build time), measures cold start (process start -> first answered request),
then drives each endpoint with wrk at each concurrency for a bounded time, and a mixed run of all of
them. Prints requests/s, p50/p95/p99 latency and errors per endpoint, RSS per worker, and the peer's
figures measured in the same run (simple-icd-10-cm lookups in-process; icd10-coder search is in
bench/search.py). Needs Debian's ``wrk``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

LUA = r"""
local paths = {}
for line in io.lines("%(paths)s") do paths[#paths + 1] = line end
local n = #paths
request = function()
  return wrk.format("GET", paths[math.random(n)], {["Accept"] = "%(accept)s"})
end
local non2xx = 0
response = function(status, headers, body)
  if status >= 400 then non2xx = non2xx + 1 end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('RESULT {"requests": %%d, "duration_us": %%d, "p50": %%d, "p95": %%d, "p99": %%d, "errors": %%d, "non2xx_thread_local": %%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout + e.status, non2xx))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def sample_paths(db: Path, n: int) -> dict[str, list[str]]:
    rng = random.Random(42)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    codes = [r[0] for r in conn.execute("SELECT code FROM item WHERE kind IN ('category', 'subcategory', 'code')")]
    conn.close()
    picked = rng.sample(codes, n)
    queries = []
    eval_file = ROOT.parent / "shared" / "eval" / "dev_queries.tsv"
    if eval_file.is_file():
        queries = [line.split("\t")[0] for line in eval_file.read_text(encoding="utf-8").splitlines()[1:] if line]
    queries = queries or ["heart attack", "asthma", "heterotopic ossification", "pnuemonia", "diabete type 2"]
    quote = urllib.request.quote
    return {
        "/api/search": [f"/api/search?q={quote(q)}&limit=10" for q in queries],
        "/api/suggest": [f"/api/suggest?q={quote(q[: rng.randint(3, max(3, len(q)))])}" for q in queries * 5],
        "/api/codes/{code}": [f"/api/codes/{c}" for c in picked],
        "/codes/{code} (page)": [f"/codes/{c}" for c in picked],
        "/fhir $lookup": [f"/fhir/CodeSystem/$lookup?system=http://hl7.org/fhir/sid/icd-10-cm&code={c}" for c in picked],
        "/fhir $validate-code": [f"/fhir/CodeSystem/$validate-code?url=http://hl7.org/fhir/sid/icd-10-cm&code={c}" for c in picked],
        "/fhir $expand?filter": [f"/fhir/ValueSet/$expand?url={quote('http://hl7.org/fhir/sid/icd-10-cm?fhir_vs')}&filter={quote(q)}&count=10" for q in queries],
    }


def warm_up(base: str, paths: list[str], rounds: int = 4) -> float:
    """Request every path a few times (each worker keeps its own caches); returns seconds taken."""
    from concurrent.futures import ThreadPoolExecutor

    def get(path: str) -> None:
        try:
            with urllib.request.urlopen(base + path, timeout=30) as r:
                r.read()
        except OSError:
            pass

    started = time.perf_counter()
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(get, paths * rounds))
    return time.perf_counter() - started


def wrk(base: str, paths: list[str], clients: int, duration: int, accept: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        plist = Path(tmp) / "paths.txt"
        plist.write_text("\n".join(paths) + "\n", encoding="utf-8")
        script = Path(tmp) / "bench.lua"
        script.write_text(LUA % {"paths": plist, "accept": accept}, encoding="utf-8")
        out = subprocess.run(
            ["wrk", "-t2", f"-c{clients}", f"-d{duration}s", "--timeout", "10s", "-s", str(script), base],
            capture_output=True, text=True, timeout=duration + 60,
        ).stdout
    line = next((x for x in out.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no result:\n{out}")
    r = json.loads(line[7:])
    return {"rps": r["requests"] / (r["duration_us"] / 1e6), "p50": r["p50"] / 1000, "p95": r["p95"] / 1000,
            "p99": r["p99"] / 1000, "errors": r["errors"]}


def rss_per_worker(server_pid: int) -> list[float]:
    out = subprocess.run(["ps", "-o", "pid=,ppid=,rss=", "-A"], capture_output=True, text=True).stdout
    rows = [tuple(int(x) for x in line.split()) for line in out.splitlines() if line.strip()]
    children = [r for r in rows if r[1] == server_pid]
    return [r[2] / 1024 for r in children] or [r[2] / 1024 for r in rows if r[0] == server_pid]


def peer_lookups(codes: list[str]) -> dict[str, float]:
    """simple-icd-10-cm (the package whose XML we ship) answering the same lookups in-process."""
    t0 = time.perf_counter()
    # imported here, not at the top: its import parses the XML, timed as its cold start
    import simple_icd_10_cm as cm

    load = time.perf_counter() - t0
    times = []
    for c in codes:
        t = time.perf_counter()
        if cm.is_valid_item(c):
            cm.get_description(c), cm.get_ancestors(c), cm.get_children(c), cm.is_leaf(c)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {"load_s": load, "p50": statistics.median(times), "p99": times[int(len(times) * 0.99)], "per_s": len(times) / (sum(times) / 1000)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--duration", type=int, default=5)
    ap.add_argument("--clients", default="16,64,256")
    ap.add_argument("--data-dir", default=os.environ.get("NOSOLOGY_DATA_DIR", str(ROOT / "data")))
    ap.add_argument("--only", default="", help="comma-separated endpoint names to run")
    ap.add_argument("--sample", type=int, default=500, help="distinct codes in the traffic")
    ap.add_argument("--no-warm-up", action="store_true", help="measure with cold caches")
    args = ap.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk not found: apt-get install wrk")
    data_dir = Path(args.data_dir)
    env = {**os.environ, "NOSOLOGY_DATA_DIR": str(data_dir), "NOSOLOGY_LOG_JSON": "false"}
    if not (data_dir / "reference.sqlite").is_file():
        t = time.perf_counter()
        subprocess.run([str(BIN / "nosology"), "build"], env=env, check=True)
        print(f"full data build: {time.perf_counter() - t:.1f} s")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    server = subprocess.Popen([str(BIN / "nosology"), "serve", "--port", str(port), "--workers", str(args.workers)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=1):
                    break
            except OSError:
                if time.perf_counter() - started > 60:
                    sys.exit("server did not start")
                time.sleep(0.02)
        cold = time.perf_counter() - started
        print(f"cold start (serve --workers {args.workers} -> first answered request): {cold:.2f} s")
        paths = sample_paths(data_dir / "reference.sqlite", args.sample)
        only = {x.strip() for x in args.only.split(",") if x.strip()}
        if not args.no_warm_up:
            every = [p for name, v in paths.items() if not only or name in only for p in v]
            print(f"warm-up: {len(every)} distinct URLs x 4 in {warm_up(base, every):.1f} s (measured figures are with warm caches)")
        levels = [int(c) for c in args.clients.split(",")]
        rows = []
        for name, plist in paths.items():
            if only and name not in only:
                continue
            accept = "text/html" if "page" in name else "application/json"
            for c in levels:
                r = wrk(base, plist, c, args.duration, accept)
                rows.append((name, c, r))
                print(f"{name:<22} {c:>4} clients  {r['rps']:>8.0f} req/s  p50 {r['p50']:6.1f} ms  p95 {r['p95']:6.1f} ms  p99 {r['p99']:6.1f} ms  errors {r['errors']}", flush=True)
        mixed = [p for v in paths.values() for p in v]
        for c in levels:
            r = wrk(base, mixed, c, args.duration, "application/json")
            print(f"{'mixed (all of the above)':<22} {c:>4} clients  {r['rps']:>8.0f} req/s  p50 {r['p50']:6.1f} ms  p95 {r['p95']:6.1f} ms  p99 {r['p99']:6.1f} ms  errors {r['errors']}", flush=True)
        rss = rss_per_worker(server.pid)
        print("RSS per worker (MB): " + ", ".join(f"{x:.0f}" for x in rss))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    peer = peer_lookups([p.rsplit("/", 1)[1] for p in paths["/api/codes/{code}"]])
    print(f"peer simple-icd-10-cm 1.5.0 in-process lookup (description, ancestors, children, leaf): import {peer['load_s']:.2f} s, "
          f"p50 {peer['p50']:.3f} ms, p99 {peer['p99']:.3f} ms, {peer['per_s']:.0f} lookups/s on one core")


if __name__ == "__main__":
    main()
