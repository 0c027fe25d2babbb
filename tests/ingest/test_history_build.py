"""Code sets per fiscal year and the classes of change between consecutive years."""

from __future__ import annotations

import json

import pytest

from nosology.ingest.history import CodeSet, parse_year_set, same_title, year_changes
from nosology.library import Library

_TREE = {
    "tree": {"id": "root", "children": [
        {"id": "Certain infectious and parasitic diseases (A00-B99)", "children": [
            {"id": "Intestinal infectious diseases (A00-A09)", "children": [
                {"description": "Cholera", "id": "A00", "children": [
                    {"description": "Cholera due to Vibrio cholerae 01, biovar cholerae", "id": "A00.0"},
                    {"description": "Cholera, unspecified", "id": "A00.9"}]}]}]}]},
    "codes": ["A00.0", "A00.9"],
}


def test_parse_year_set_keeps_codes_not_chapters_or_blocks() -> None:
    codes = parse_year_set(json.dumps(_TREE).encode())
    assert codes.titles == {"A00": "Cholera", "A000": "Cholera due to Vibrio cholerae 01, biovar cholerae", "A009": "Cholera, unspecified"}
    assert codes.billable == {"A000", "A009"}
    assert codes.status("A00") == "header" and codes.status("A000") == "billable" and codes.status("B00") is None


def test_same_title_ignores_the_comma_before_a_7th_character() -> None:
    assert same_title("Abrasion, left foot initial encounter", "Abrasion, left foot, initial encounter")
    assert not same_title("Cutaneous abscess of back [any part, except buttock]", "Cutaneous abscess of back [any part, except buttock and flank]")


def test_year_changes_classes() -> None:
    before = CodeSet({"A": "a", "B": "b", "C": "c", "H": "h", "G": "g"}, {"A", "B", "C"})
    after = CodeSet({"A": "a", "C": "c", "C1": "c1", "N": "n", "H": "h", "NH": "nh"}, {"A", "C1", "N", "H"})
    assert year_changes(before, after) == {
        "added": {"C1", "N"}, "deleted": {"B"}, "expanded": {"C"}, "now_billable": {"H"},
        "new_header": {"NH"}, "header_deleted": {"G"},
    }


@pytest.mark.fulldata
def test_billable_codes_per_year(library: Library) -> None:
    """The official CMS/NCHS counts of billable codes (the issue lists FY2019-FY2025; the build
    fails when a vendored year set differs); FY2026 is the April 2026 tabular's 74,719 leaves."""
    assert library.info()["history"]["billable"] == {
        "2019": 71_932, "2020": 72_184, "2021": 72_621, "2022": 72_750, "2023": 73_674, "2024": 74_044,
        "2025": 74_260, "2026": 74_719,
    }


@pytest.mark.fulldata
def test_changes_per_year(library: Library) -> None:
    """Each year's billable count is the previous one plus the codes that became billable
    (added + now_billable) minus those that stopped (deleted + expanded): e.g. FY2026
    74,260 + 487 - 12 - 16 = 74,719, matching the FY2026 addenda's 487 new and 28 invalid codes;
    FY2020 72,184 = 71,932 + 272 + 1 - 7 - 14 (273 new, 21 no longer valid, as in the FY2020 addenda)."""
    history = library.info()["history"]
    changes, billable = history["changes"], history["billable"]
    for year in range(2020, 2027):
        c = changes[str(year)]
        gained = c.get("added", 0) + c.get("now_billable", 0)
        lost = c.get("deleted", 0) + c.get("expanded", 0)
        assert billable[str(year)] == billable[str(year - 1)] + gained - lost, year
    assert changes["2026"] == {"added": 487, "deleted": 12, "expanded": 16, "new_header": 127, "retitled": 39}
    assert {y: (c.get("added", 0), c.get("deleted", 0), c.get("expanded", 0), c.get("retitled", 0)) for y, c in changes.items()} == {
        "2020": (272, 7, 14, 36), "2021": (496, 19, 40, 55), "2022": (162, 18, 15, 30), "2023": (1_218, 251, 43, 40),
        "2024": (395, 0, 25, 18), "2025": (252, 3, 33, 15), "2026": (487, 12, 16, 39),
    }
