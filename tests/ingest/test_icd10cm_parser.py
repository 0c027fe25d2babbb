"""Parser edge cases on a hand-made tabular file (tests/ingest/fixtures/mini-tabular.xml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nosology.ingest.icd10cm import ParsedItem, parse_code_list, parse_tabular

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def items() -> dict[str, ParsedItem]:
    existing = parse_code_list(FIXTURES / "mini-code-list.txt")
    parsed = parse_tabular(FIXTURES / "mini-tabular.xml", existing)
    # B20 is both a block and its category: keep the last one (the category) per code, as lookup does
    return {i.code: i for i in parsed}


def test_kinds_and_order(items: dict[str, ParsedItem]) -> None:
    assert items["1"].kind == "chapter"
    assert items["A00-A01"].kind == "block"
    assert items["A00"].kind == "category"
    assert items["A00.0"].kind == "code" and items["A00.0"].billable
    assert items["S72.00"].kind == "subcategory" and not items["S72.00"].billable


def test_whitespace_in_titles_is_collapsed(items: dict[str, ParsedItem]) -> None:
    assert items["A00-A01"].title == "Intestinal infectious diseases (A00-A01)"


def test_block_sharing_identifier_with_its_category() -> None:
    parsed = parse_tabular(FIXTURES / "mini-tabular.xml", parse_code_list(FIXTURES / "mini-code-list.txt"))
    b20 = [i for i in parsed if i.code == "B20"]
    assert [i.kind for i in b20] == ["block", "category"]
    assert b20[1].parent == b20[0].seq and b20[1].billable


def test_empty_section_is_a_block_not_a_code(items: dict[str, ParsedItem]) -> None:
    assert items["C00-C96"].kind == "block" and not items["C00-C96"].billable


def test_seventh_characters_inherited_with_placeholder(items: dict[str, ParsedItem]) -> None:
    assert items["S72.001A"].title == "Fracture of unspecified part of neck of right femur, initial encounter for closed fracture"
    assert items["S72.8XXA"].seventh and items["S72.8XXA"].billable
    assert not items["S72.001"].billable and items["S72.001"].kind == "subcategory"


def test_code_list_filters_seventh_characters(items: dict[str, ParsedItem]) -> None:
    # S72.8XXB is not in the release's code list, so it is not generated
    assert "S72.8XXB" not in items and "S72.8XXS" in items


def test_seven_chr_def_keeps_extension_texts_only(items: dict[str, ParsedItem]) -> None:
    assert items["S72"].seven_chr == [
        ("A", "initial encounter for closed fracture"),
        ("B", "initial encounter for open fracture type I or II"),
        ("S", "sequela"),
    ]


def test_notes_kept_with_owner(items: dict[str, ParsedItem]) -> None:
    assert items["A00"].notes == [("excludes1", "one", 0), ("excludes1", "two", 0)]
    assert items["A00.0"].notes == [("inclusionTerm", "Classical cholera", 0)]
    assert items["1"].notes == [("includes", "diseases generally recognized as communicable", 0)]
    assert items["S72"].notes == [("sevenChrNote", "The appropriate 7th character is to be added", 0)]


def test_preorder_ranges(items: dict[str, ParsedItem]) -> None:
    s72 = items["S72"]
    inside = [i.code for i in items.values() if s72.seq < i.seq <= s72.last_seq]
    assert "S72.001A" in inside and "A00" not in inside
    assert items["S72.0"].n_children == 1
