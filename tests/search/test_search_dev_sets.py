"""The development query sets through the API: a regression floor on each set.

The sets are copied into ``fixtures/dev_sets`` (from ``shared/eval``), so changing the ranking
has a safety net inside the repository. Floors: hit@5 >= 0.95 on every set, and on the lay
queries near@10 >= 0.80 (the share of the top 10 in the same part of the classification as a
gold code: 0.72 before the generic-word rule and concept-family anchoring, 0.87 after). The quality targets are
measured with shared/eval/score.py; this test only guards against regressions.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

SETS = Path(__file__).parent / "fixtures" / "dev_sets"
HIT5_FLOOR = 0.95
LAY_NEAR10_FLOOR = 0.80


def _norm(code: str) -> str:
    return code.replace(".", "").upper()


def _hit(code: str, golds: list[str]) -> bool:
    return any(_norm(code).startswith(_norm(g)) for g in golds)


@pytest.mark.parametrize("name", ["dev_queries.tsv", "dev_queries_fr_titles.tsv"])
def test_dev_set_floor(client: TestClient, name: str) -> None:
    rows = list(csv.DictReader((SETS / name).open(encoding="utf-8"), delimiter="\t"))
    found, misses, lay_near = 0, [], []
    for row in rows:
        golds = row["gold"].split()
        codes = [h["code"] for h in client.get("/api/search", params={"q": row["query"], "limit": 10}).json()["results"]]
        if any(_hit(c, golds) for c in codes[:5]):
            found += 1
        else:
            misses.append(row["query"])
        if row["kind"] == "lay" and codes:
            lay_near.append(sum(any(_norm(c)[:2] == _norm(g)[:2] for g in golds) for c in codes) / len(codes))
    assert found / len(rows) >= HIT5_FLOOR, f"hit@5 {found / len(rows):.2f} < {HIT5_FLOOR}; misses: {misses}"
    if lay_near:
        near = sum(lay_near) / len(lay_near)
        assert near >= LAY_NEAR10_FLOOR, f"lay near@10 {near:.2f} < {LAY_NEAR10_FLOOR}"
