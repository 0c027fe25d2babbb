"""The development query sets through the API: a regression floor (hit@5 >= 0.90 on each set).

The sets live in ``shared/eval`` beside the repository (present in CI). The quality targets
(hit@5 0.95, hit@1 0.80) are measured with shared/eval/score.py; this test only guards against
regressions.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.conftest import need

EVAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval"
FLOOR = 0.90


def _hit(code: str, golds: list[str]) -> bool:
    c = code.replace(".", "").upper()
    return any(c.startswith(g.replace(".", "").upper()) for g in golds)


@pytest.mark.parametrize("name", ["dev_queries.tsv", "dev_queries_fr_titles.tsv"])
def test_dev_set_floor(client: TestClient, name: str) -> None:
    path = EVAL / name
    need(path.is_file(), f"{path} (shared/ beside the repository)")
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))
    found = 0
    misses = []
    for row in rows:
        results = client.get("/api/search", params={"q": row["query"], "limit": 10}).json()["results"]
        if any(_hit(h["code"], row["gold"].split()) for h in results[:5]):
            found += 1
        else:
            misses.append(row["query"])
    assert found / len(rows) >= FLOOR, f"hit@5 {found / len(rows):.2f} < {FLOOR}; misses: {misses}"
