"""Read access to the reference database (one read-only SQLite connection per thread)."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from nosology.errors import DataCorrupt, DataMissing

__all__ = ["ReferenceStore"]


class ReferenceStore:
    """The built reference database. Opening checks that it is complete; queries are read-only."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise DataMissing(f"reference database {self.path} not found: run `nosology build`")
        self._local = threading.local()
        try:
            complete = self.query_one("SELECT value FROM meta WHERE key = 'complete'")
            count = self.query_one("SELECT count(*) FROM item")
        except sqlite3.DatabaseError as exc:
            raise DataCorrupt(f"reference database {self.path} cannot be read ({exc}): run `nosology build`") from exc
        if complete is None or not count:
            raise DataCorrupt(f"reference database {self.path} is incomplete: run `nosology build`")

    def connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            # immutable=1: the file never changes while open (rebuilds replace it atomically)
            conn = sqlite3.connect(f"file:{self.path.resolve()}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            self._local.conn = conn
        return conn

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        return self.connection().execute(sql, params).fetchall()

    def query_in(self, sql: str, values: Sequence[Any], chunk: int = 900) -> list[sqlite3.Row]:
        """``sql`` with ``{marks}`` standing for an ``IN (...)`` list of ``values``, run in chunks
        that stay under SQLite's bound-parameter limit; the rows of every chunk, in order."""
        rows: list[sqlite3.Row] = []
        for start in range(0, len(values), chunk):
            part = tuple(values[start : start + chunk])
            rows += self.query(sql.format(marks=",".join("?" * len(part))), part)
        return rows

    def query_one(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> Any:
        row = self.connection().execute(sql, params).fetchone()
        return None if row is None else row[0]

    def meta(self) -> dict[str, Any]:
        return {r["key"]: json.loads(r["value"]) for r in self.query("SELECT key, value FROM meta")}
