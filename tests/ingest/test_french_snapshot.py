"""Snapshot of every 4-character "exact" French alignment.

An exact French title is shown as the code's own, so each one is a claim that the CM title and
the CIM-10 title mean the same thing. The list lives in ``snapshots/french_exact_4char.tsv`` and a
change to the alignment shows up as a reviewed diff of that file. Regenerate it with
``python tests/ingest/test_french_snapshot.py data/reference.sqlite``.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from nosology.library import Library

SNAPSHOT = Path(__file__).parent / "snapshots" / "french_exact_4char.tsv"
HEADER = ("# Every 4-character ICD-10-CM code whose CIM-10 title is declared exact (same meaning).\n"
          "# Regenerate: python tests/ingest/test_french_snapshot.py DB; review the diff line by line.\n"
          "code\tcm_title\tcim10_code\tcim10_title\n")
QUERY = ("SELECT i.code, i.title, t.source_code, t.title FROM item i JOIN item_title t ON t.seq = i.seq AND t.lang = 'fr' "
         "WHERE t.level = 'exact' AND length(replace(i.code, '.', '')) = 4 ORDER BY i.seq")


def _rows(conn: sqlite3.Connection) -> list[str]:
    return ["\t".join(row) for row in conn.execute(QUERY)]


@pytest.mark.fulldata
def test_exact_french_alignments_match_the_reviewed_snapshot(library: Library) -> None:
    expected = [line for line in SNAPSHOT.read_text(encoding="utf-8").splitlines()[3:] if line]
    actual = _rows(library.store.connection())
    added = sorted(set(actual) - set(expected))
    removed = sorted(set(expected) - set(actual))
    assert not added and not removed, f"exact alignments changed: +{added[:10]} -{removed[:10]} (review, then regenerate)"


@pytest.mark.fulldata
@pytest.mark.parametrize("code", ["S93.4", "S43.5", "S13.5", "S73.1"])
def test_sprain_is_not_sprain_and_strain(library: Library, code: str) -> None:
    """CIM-10 says "Entorse et foulure" (sprain and strain): never exact for a CM "Sprain of"."""
    record = library.classification.record(code)
    french = record.translations.get("fr")
    assert french is None or french.level != "exact"


if __name__ == "__main__":
    with sqlite3.connect(sys.argv[1]) as db:
        SNAPSHOT.write_text(HEADER + "".join(line + "\n" for line in _rows(db)), encoding="utf-8")
