"""MS-DRG v43 Tables 6I, 6J and 6K: the parser on excerpts, then the full tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from nosology.ingest.drg import parse_exclusions, parse_severity_list
from nosology.library import Library

FIXTURES = Path(__file__).parent / "fixtures" / "drg"


def test_severity_lists_read_every_code_shape() -> None:
    assert parse_severity_list(FIXTURES / "mcc_list.txt") == ["A021", "U071"]
    assert parse_severity_list(FIXTURES / "cc_list.txt") == ["A000", "A5440", "D89833", "F01A11", "QA00101"]


def test_exclusions_levels_collections_and_parts() -> None:
    levels, collections, alive = parse_exclusions(FIXTURES / "cc_exclusions.txt")
    assert levels == {"A000": ("CC", 2), "A021": ("MCC", 5), "A5440": ("CC", 126), "F01A11": ("CC", 595),
                      "D89833": ("CC", None), "QA00101": ("CC", 1537), "U071": ("MCC", 1978)}
    assert collections == {2: ["A000", "A001", "A009"], 5: ["A021"], 1978: ["U071"]}
    assert alive == ["I462"]  # Part 3 is not read


@pytest.mark.fulldata
def test_full_tables(library: Library) -> None:
    """Derived from drg 1.0.0's files: 6I has 3,356 lines of which 2 header lines, 1 blank and
    1 "Notes:" line, so 3,354 codes (``grep -cP '^[A-Z][0-9A-Z]{2}(\\.[0-9A-Z]+)?\\t' mcc_list.txt``);
    6J likewise has 15,078 codes (15,082 lines; 13 of them QA0.* codes); 6K Part 1 repeats all
    18,432 with their levels (checked code for code at build time) and lists 1,994 PDX
    collections; Part 2 lists 8 codes."""
    drg = library.info()["drg"]
    assert (drg["mcc"], drg["cc"], drg["pdx_collections"], drg["discharged_alive_only"]) == (3_354, 15_078, 1_994, 8)
    assert drg["not_billable_in_current_year"] == 0
    assert library.drg.count("mcc") == 3_354 and library.drg.count("cc") == 15_078
