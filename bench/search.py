"""Search benchmark: nosology's engine and the icd10-coder package side by side, in one run.

    python bench/search.py [--data-dir DIR] [--repeat 5] [--peer-python PYTHON] [--no-server]

Every query of the development sets (``../shared/eval/*.tsv``) goes through our library in-process
(``Library.search``, warmed first) and through icd10-coder's diagnosis search (the same calls
``shared/eval/score.py --peer icd10-coder`` makes), ``--repeat`` times each. Prints hit@1 / hit@5 per
set and p50 / p99 latency of both, with the ratio. The peer runs in the interpreter given by
``--peer-python`` (a scratch venv: ``python3 -m venv /tmp/peer-icd && /tmp/peer-icd/bin/pip
install icd10-coder``), so it never becomes a dependency of nosology.

Then (unless ``--no-server``) it starts ``nosology serve`` on a free port, sends every query once
over HTTP, and reports the server process's resident memory (VmRSS) with the index loaded.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / ".." / "shared" / "eval"

PEER_SCRIPT = r"""
import json, sys, time
from icd10_coder import coder
conn = coder.get_conn(coder.CM_DB)
def search(q):
    s = q.strip()
    if coder._looks_like_code(s):
        c = s.upper().replace(' ', '').replace('.', '')
        row = conn.execute('SELECT code_dot FROM cm_codes WHERE code=?', (c,)).fetchone()
        if row:
            return [row[0]]
    return [r[0] for r in coder.cm_search(conn, s, limit=10)]
job = json.load(sys.stdin)
for q in job["queries"][:20]:
    search(q)  # warm-up
out = {"codes": [], "ms": []}
for q in job["queries"]:
    codes = None
    for _ in range(job["repeat"]):
        t = time.perf_counter()
        found = search(q)
        out["ms"].append((time.perf_counter() - t) * 1000)
        codes = found
    out["codes"].append(codes)
json.dump(out, sys.stdout)
"""


def load_sets(paths: list[Path]) -> dict[str, list[dict[str, str]]]:
    return {p.name: list(csv.DictReader(p.open(encoding="utf-8"), delimiter="\t")) for p in paths}


def is_hit(code: str, golds: list[str]) -> bool:
    c = code.replace(".", "").upper()
    return any(c.startswith(g.replace(".", "").upper()) for g in golds)


def quality(rows: list[dict[str, str]], found: list[list[str]]) -> tuple[float, float]:
    h1 = h5 = 0
    for row, codes in zip(rows, found, strict=True):
        golds = row["gold"].split()
        rank = next((i + 1 for i, c in enumerate(codes[:10]) if is_hit(c, golds)), None)
        h1 += rank == 1
        h5 += bool(rank and rank <= 5)
    return h1 / len(rows), h5 / len(rows)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * (len(ordered) - 1) + 0.5))]


def _latency(ms: list[float], repeat: int) -> tuple[float, float, float]:
    """p50 and p99 of every call, and p99 of each query's median over its repeats: on a shared
    machine the raw p99 mostly measures other processes, the per-query median does not."""
    medians = [statistics.median(ms[i : i + repeat]) for i in range(0, len(ms), repeat)]
    return statistics.median(ms), percentile(ms, 0.99), percentile(medians, 0.99)


def run_ours(queries: list[str], repeat: int) -> tuple[list[list[str]], list[float], float]:
    from nosology.library import Library
    from nosology.search.engine import SearchEngine
    from nosology.settings import load_settings

    started = time.perf_counter()
    library = Library.open(load_settings())
    try:  # the computation itself: repeats are not answered from the engine's cache of answers
        engine = SearchEngine(library.store, library.classification, answer_cache=0)
    except TypeError:  # an engine from before that cache (for before/after figures)
        engine = library.search
    engine.warm()
    load_s = time.perf_counter() - started
    for q in queries[:20]:
        engine.search(q)
    codes: list[list[str]] = []
    ms: list[float] = []
    for q in queries:
        found: list[str] = []
        for _ in range(repeat):
            t = time.perf_counter()
            found = [h.code for h in engine.search(q, limit=10).results]
            ms.append((time.perf_counter() - t) * 1000)
        codes.append(found)
    return codes, ms, load_s


def run_peer(python: str, queries: list[str], repeat: int) -> tuple[list[list[str]], list[float]] | None:
    try:
        done = subprocess.run([python, "-c", PEER_SCRIPT], input=json.dumps({"queries": queries, "repeat": repeat}),
                              capture_output=True, text=True, timeout=900, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        print(f"peer: cannot run {python}: {exc}", file=sys.stderr)
        return None
    if done.returncode != 0:
        print(f"peer: icd10-coder not usable with {python} ({done.stderr.strip().splitlines()[-1:]}); "
              "install it in a scratch venv and pass --peer-python", file=sys.stderr)
        return None
    out = json.loads(done.stdout)
    return out["codes"], out["ms"]


def server_rss(data_dir: str, queries: list[str]) -> tuple[float, float] | None:
    """(RSS in MB after serving every query once, p50 ms over HTTP) for a real `nosology serve`."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    env = {**os.environ, "NOSOLOGY_DATA_DIR": data_dir, "NOSOLOGY_LOG_JSON": "false"}
    exe = str(Path(sys.executable).with_name("nosology"))
    proc = subprocess.Popen([exe, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/api/info", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        ms = []
        for q in queries:
            t = time.perf_counter()
            urllib.request.urlopen(base + "/api/search?" + urllib.parse.urlencode({"q": q, "limit": 10}), timeout=10).read()
            ms.append((time.perf_counter() - t) * 1000)
        status = Path(f"/proc/{proc.pid}/status").read_text()
        rss_kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
        return rss_kb / 1024, statistics.median(ms)
    except OSError as exc:
        print(f"server: {exc}", file=sys.stderr)
        return None
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", default=os.environ.get("NOSOLOGY_DATA_DIR", "data"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--peer-python", default=os.environ.get("PEER_PYTHON", "/tmp/peer-icd/bin/python"))
    ap.add_argument("--no-server", action="store_true")
    ap.add_argument("sets", nargs="*", type=Path, default=[EVAL / "dev_queries.tsv", EVAL / "dev_queries_fr_titles.tsv"])
    args = ap.parse_args()
    os.environ["NOSOLOGY_DATA_DIR"] = args.data_dir
    sets = load_sets(args.sets)
    queries = [row["query"] for rows in sets.values() for row in rows]

    ours_codes, ours_ms, load_s = run_ours(queries, args.repeat)
    peer = run_peer(args.peer_python, queries, args.repeat)

    def split(codes: list[list[str]]) -> dict[str, list[list[str]]]:
        out, i = {}, 0
        for name, rows in sets.items():
            out[name] = codes[i : i + len(rows)]
            i += len(rows)
        return out

    print(f"{len(queries)} queries x {args.repeat} runs, in-process (engine loaded in {load_s * 1000:.0f} ms)")
    print(f"{'set':30s} {'engine':12s} {'hit@1':>6s} {'hit@5':>6s}")
    engines: list[tuple[str, list[list[str]]]] = [("nosology", ours_codes)] + ([("icd10-coder", peer[0])] if peer else [])
    for name, rows in sets.items():
        for engine, codes in engines:
            h1, h5 = quality(rows, split(codes)[name])
            print(f"{name:30s} {engine:12s} {h1:6.2f} {h5:6.2f}")
    print(f"{'latency':30s} {'engine':12s} {'p50 ms':>8s} {'p99 ms':>8s}")
    figures: dict[str, Any] = {"nosology": _latency(ours_ms, args.repeat)}
    if peer:
        figures["icd10-coder"] = _latency(peer[1], args.repeat)
    for engine, (p50, p99, p99_median) in figures.items():
        print(f"{'':30s} {engine:12s} {p50:8.3f} {p99:8.3f}   (p99 of per-query medians {p99_median:.3f})")
    if peer:
        ours, theirs = figures["nosology"], figures["icd10-coder"]
        print(f"ratio icd10-coder / nosology: p50 {theirs[0] / ours[0]:.1f}x, p99 {theirs[1] / ours[1]:.1f}x")
    if not args.no_server:
        served = server_rss(args.data_dir, queries)
        if served:
            print(f"server (nosology serve, 1 worker) after {len(queries)} searches: RSS {served[0]:.0f} MB, HTTP p50 {served[1]:.2f} ms")


if __name__ == "__main__":
    main()
