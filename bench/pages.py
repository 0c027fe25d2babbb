"""Code-page render time, server side (target: under 20 ms).

    python bench/pages.py [--data-dir data] [--sample 600] [--seed 7]

Renders code pages by calling the page handler with a real request object (no network, no test
client): classification record, article lookup, template. Sample: random codes of every kind
plus the heaviest pages (chapters, the largest blocks and categories). Each page is rendered
twice (cold: first render in the process, warm: second). Printed side by side with a peer
measured in the same run on the same codes: the JSON API handler (``/api/codes/{code}``), which
reads the same record but renders no HTML.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import Request

from nosology.cache import LruCache
from nosology.library import Library
from nosology.settings import load_settings
from nosology.web.api_codes import _code_json
from nosology.web.app import create_app
from nosology.web.pages.codes import code_page


def _request(app: Any, path: str) -> Request:
    scope = {"type": "http", "method": "GET", "path": path, "raw_path": path.encode(), "query_string": b"",
             "headers": [(b"accept", b"text/html"), (b"host", b"bench")], "app": app, "router": app.router,
             "server": ("bench", 80), "scheme": "http", "root_path": ""}
    return Request(scope)


def _sample(library: Library, n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    codes = [r["code"] for r in library.store.query("SELECT code FROM item WHERE kind IN ('category','subcategory','code')")]
    heavy = [r["code"] for r in library.store.query(
        "SELECT code FROM item WHERE kind IN ('chapter','block') OR n_children >= 25 ORDER BY last_seq - seq DESC LIMIT 40")]
    return heavy + rng.sample(codes, n)


def _time(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def _stats(label: str, values: list[float]) -> str:
    ordered = sorted(values)
    q = statistics.quantiles(ordered, n=100)
    return f"{label:<34} {statistics.median(ordered):7.2f} {q[94]:7.2f} {q[98]:7.2f} {ordered[-1]:8.2f}   n={len(ordered)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--sample", type=int, default=600)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    overrides = {"data_dir": args.data_dir} if args.data_dir else {}
    settings = load_settings(log_json=False, **overrides)
    library = Library.open(settings, build_if_missing=True)
    app = create_app(settings, library)
    codes = _sample(library, args.sample, args.seed)

    def page(code: str, lang: str) -> Callable[[], object]:
        path = f"/codes/{code}" if lang == "en" else f"/fr/codes/{code}"
        return lambda: code_page(_request(app, path), code).body

    def api(code: str) -> Callable[[], object]:
        return lambda: _code_json(library, code, "en")  # the full JSON render, without its cache

    labels = ("html en cold", "html en rendered again", "html fr rendered", "html en from page cache",
              "peer: json api render", "peer: json api rendered again")
    results: dict[str, list[float]] = {k: [] for k in labels}
    for code in codes:
        results["peer: json api render"].append(_time(api(code)))
        results["peer: json api rendered again"].append(_time(api(code)))
    shared_cache = app.state.page_html_cache
    app.state.page_html_cache = LruCache[bytes](0)  # every page rendered: template cost, not cache hits
    for code in codes:
        results["html en cold"].append(_time(page(code, "en")))
        results["html en rendered again"].append(_time(page(code, "en")))
        results["html fr rendered"].append(_time(page(code, "fr")))
    heavy = codes[:40]
    results["html en, heaviest 40 pages"] = [_time(page(c, "en")) for c in heavy]
    app.state.page_html_cache = shared_cache
    for code in codes:
        page(code, "en")()
        results["html en from page cache"].append(_time(page(code, "en")))

    print(f"code pages: {len(codes)} codes ({len(heavy)} heaviest + {args.sample} random), times in ms, target < 20 ms")
    print(f"{'':<34} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>8}")
    for label, values in results.items():
        print(_stats(label, values))
    slowest = sorted(((t, c) for t, c in zip(results["html en rendered again"], codes, strict=True)), reverse=True)[:5]
    print("slowest pages rendered again: " + ", ".join(f"{c} {t:.1f} ms" for t, c in slowest))


if __name__ == "__main__":
    main()
