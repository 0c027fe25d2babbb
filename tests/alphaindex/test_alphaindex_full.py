"""The Alphabetic Index in the full reference database, checked against the vendored files.

Expected counts and how they were derived:

* Disease index: 81,024 rows (the CSV's rows, also its PROVENANCE), of which 8,100 main terms
  (``Level`` 0). 62,721 codes = 55,791 complete + 6,930 ending in ``-`` (PROVENANCE). Against the
  2026 tabular: 48,585 name a billable code ("complete"); 14,136 need more characters (the 6,930 dash
  codes plus 7,206 that name a header, e.g. a 7th-character category); 0 are missing from 2026.
* External Cause Index: 8,064 terms (314 ``mainTerm`` + 7,750 ``term`` elements); 6,664 codes (6,650
  ``<code>`` + 11 ``<subcat>`` + 3 ``<seecat>``), of which 1,118 complete and 5,546 incomplete.
* Table of Neoplasms: 1,939 rows (1 main term + 1,938 terms); 9,018 cells with a code (10,916 ``<cell>``
  minus 1,898 "-" cells), per column (2..7): 1,726 / 1,641 / 918 / 1,606 / 1,564 / 1,563.
* Table of Drugs and Chemicals: 7,428 rows (5,177 main terms + 2,251 terms); 40,026 cells with a code
  (43,212 ``<cell>`` minus 3,186 "--"): 7,202 in each poisoning column, 5,609 adverse effect and
  5,609 underdosing; all incomplete (every one needs the 7th character).
The test recomputes the element and row counts from the vendored files with the standard library.
"""

from __future__ import annotations

import csv
import gzip
import io
import xml.etree.ElementTree as ET

import pytest

from nosology.ingest.alphaindex.files import INDEX_FILES
from nosology.library import Library

pytestmark = pytest.mark.fulldata


def _file(key: str) -> bytes:
    return gzip.decompress(next(f for f in INDEX_FILES if f.key == key).source.verified_path().read_bytes())


def test_counts_match_the_sources(library: Library) -> None:
    counts = library.alphaindex.counts()
    rows = list(csv.DictReader(io.StringIO(_file("disease").decode("utf-8-sig"))))
    disease = counts["disease"]
    assert isinstance(disease, dict)
    assert disease["rows"] == len(rows) == 81_024
    assert disease["main_terms"] == sum(r["Level"] == "0" for r in rows) == 8_100
    assert sum(disease["codes"].values()) == sum(bool(r["Code"]) for r in rows) == 62_721
    assert disease["codes"] == {"complete": 48_585, "incomplete": 14_136, "invalid": 0}
    assert disease["see"] == 12_136 and disease["see_also"] == 2_057

    root = ET.fromstring(_file("external"))
    external = counts["external"]
    assert isinstance(external, dict)
    assert external["rows"] == len(root.findall(".//mainTerm")) + len(root.findall(".//term")) == 8_064
    assert sum(external["codes"].values()) == len(root.findall(".//code")) + len(root.findall(".//subcat")) + len(root.findall(".//seecat"))
    assert external["codes"] == {"complete": 1_118, "incomplete": 5_546, "invalid": 0}

    for key, per_column in (("neoplasm", [1_726, 1_641, 918, 1_606, 1_564, 1_563]), ("drug", [7_202] * 4 + [5_609] * 2)):
        root = ET.fromstring(_file(key))
        table = counts[key]
        assert isinstance(table, dict)
        assert table["rows"] == len(root.findall(".//mainTerm")) + len(root.findall(".//term"))
        cells = [c for c in root.iter("cell") if (c.text or "").strip().strip("-")]
        assert sum(table["codes"].values()) == len(cells)
        got = [sum(table["cells_per_column"][str(col)].values()) for col in range(2, 8)]
        assert got == per_column == [sum(1 for c in cells if c.get("col") == str(col)) for col in range(2, 8)]
    drug = counts["drug"]
    assert isinstance(drug, dict) and drug["codes"]["complete"] == 0


def test_info_lists_the_vendored_files(library: Library) -> None:
    keys = {s["key"] for s in library.info()["sources"]}
    assert {"index_disease", "index_external", "index_neoplasm", "index_drug"} <= keys


def test_lookup_the_way_the_printed_index_reads(library: Library) -> None:
    index = library.alphaindex
    impetigo = index.lookup("Impetigo")[0]
    assert [(c.code, c.status, c.billable) for c in impetigo.codes] == [("L01.00", "complete", True)]
    assert index.lookup("Bursitis")[0].codes[0].code == "M71.9"
    abdominal = index.lookup("Pain, abdominal")[0]
    assert abdominal.trail == "Pain › abdominal" and abdominal.codes[0].code == "R10.9"
    abdominalgia = index.lookup("Abdominalgia")[0]
    assert abdominalgia.see == "Pain, abdominal" and abdominalgia.see_id == abdominal.id and abdominalgia.see_whole
    e11 = index.lookup("Diabetes, type 2, with, foot ulcer")[0]
    assert [c.code for c in e11.codes] == ["E11.621"]


def test_term_tree_and_code_entries(library: Library) -> None:
    index = library.alphaindex
    myositis = index.term("myositis")
    assert myositis.depth == 0 and myositis.children
    paths = [e.trail for e in index.entries_for("M61.20")]
    assert "Myositis › ossificans or ossifying › in › quadriplegia or paraplegia" in paths
    liver = [(e.trail, e.column) for e in index.entries_for("C78.7") if e.book == "neoplasm"]
    assert ("Neoplasm, neoplastic › liver", "malignant secondary") in liver
    warfarin = [e.column for e in index.entries_for("T45.515") if e.book == "drug" and "Warfarin" in e.trail]
    assert "adverse effect" in warfarin


def test_tables_filter_and_seventh_character_default(library: Library) -> None:
    index = library.alphaindex
    rows, total = index.table("neoplasm", "liver")
    assert total == len(rows) >= 2
    assert rows[0].cells[3].code == "C78.7"
    drugs, _ = index.table("drug", "acetaminophen")
    cell = drugs[0].cells[2]
    assert (cell.code, cell.status, cell.initial_encounter) == ("T39.1X1", "incomplete", "T39.1X1A")


def test_unknown_term_gives_nearest(library: Library) -> None:
    from nosology.alphaindex import TermNotFound

    with pytest.raises(TermNotFound) as caught:
        index = library.alphaindex
        index.term("impetigoo")
    assert "impetigo" in caught.value.suggestions
