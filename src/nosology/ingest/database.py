"""Build the reference database: all steps into a temporary file, then an atomic rename.

A half-finished build never replaces a good database, and rebuilding gives the same content
(idempotent): only ``built_at`` differs.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from nosology.ingest.steps import BuildContext, BuildStep

__all__ = ["SCHEMA_VERSION", "build_database", "default_steps"]

SCHEMA_VERSION = 1


def default_steps() -> list[tuple[str, BuildStep]]:
    """The build steps, in order. Imported here, not at module import, to keep start-up light.

    Articles come before search, so the search step indexes their titles and synonyms along with
    every other term and derives its index once.
    """
    from nosology.content.loader import load_articles
    from nosology.glossary.build import build_glossary
    from nosology.ingest.alphaindex import build_alphabetic_index
    from nosology.ingest.classification import build_classification
    from nosology.ingest.drg import build_drg
    from nosology.ingest.history import build_history
    from nosology.search.index import build_search_index

    return [
        ("classification", build_classification),
        ("history", build_history),
        ("drg", build_drg),
        ("alphabetic_index", build_alphabetic_index),
        ("articles", load_articles),
        ("glossary", build_glossary),
        ("search", build_search_index),
    ]


def build_database(target: Path, ctx: BuildContext | None = None, steps: list[tuple[str, BuildStep]] | None = None) -> dict[str, object]:
    """Build ``target`` and return its meta (provenance, counts, timings)."""
    ctx = ctx or BuildContext()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    started = time.perf_counter()
    conn = sqlite3.connect(tmp)
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.executescript(resources.files("nosology.ingest").joinpath("schema.sql").read_text(encoding="utf-8"))
        timings: dict[str, float] = {}
        for name, step in steps or default_steps():
            t0 = time.perf_counter()
            step(conn, ctx)
            timings[name] = round(time.perf_counter() - t0, 3)
        ctx.meta["schema_version"] = SCHEMA_VERSION
        ctx.meta["built_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        ctx.meta["build_seconds"] = {**timings, "total": round(time.perf_counter() - started, 3)}
        conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", ((k, json.dumps(v, ensure_ascii=False)) for k, v in ctx.meta.items()))
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('complete', 'true')")
        conn.commit()
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("ANALYZE")
        conn.execute("VACUUM")
    except BaseException:
        conn.close()
        tmp.unlink(missing_ok=True)
        raise
    conn.close()
    os.replace(tmp, target)
    return dict(ctx.meta)
