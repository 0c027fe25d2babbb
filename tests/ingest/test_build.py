"""The build is idempotent and atomic: same content every time, and a failed build leaves nothing."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from nosology.ingest import BuildContext, build_database
from nosology.ingest.classification import build_classification


def _digest(path: Path) -> str:
    conn = sqlite3.connect(path)
    h = hashlib.sha256()
    for table in ("item", "item_title", "lookup", "note", "seven_chr", "who", "cim10"):
        for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):
            h.update(repr(row).encode())
    conn.close()
    return h.hexdigest()


@pytest.mark.fulldata  # two builds of the whole classification
def test_rebuild_gives_the_same_content(tmp_path: Path) -> None:
    target = tmp_path / "reference.sqlite"
    steps = [("classification", build_classification)]
    build_database(target, BuildContext(), steps)
    first = _digest(target)
    build_database(target, BuildContext(), steps)
    assert _digest(target) == first
    assert not list(tmp_path.glob(".*.tmp"))


def test_failed_build_keeps_the_previous_database(tmp_path: Path) -> None:
    target = tmp_path / "reference.sqlite"
    target.write_bytes(b"previous")

    def broken(conn: sqlite3.Connection, ctx: BuildContext) -> None:
        raise RuntimeError("step failed")

    with pytest.raises(RuntimeError):
        build_database(target, BuildContext(), [("broken", broken)])
    assert target.read_bytes() == b"previous"
    assert not list(tmp_path.glob(".*.tmp"))
