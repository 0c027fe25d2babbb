"""Lookup, decoding and validation on the full data."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nosology.errors import CodeNotFound
from nosology.library import Library


def test_decode_fracture_with_laterality_and_seventh(library: Library) -> None:
    parts = library.classification.decode(library.classification.get("S72.001A"))
    by_position = {p.position: p for p in parts}
    assert by_position["category (characters 1-3)"].meaning == "Fracture of femur"
    assert by_position["6th character"].meaning == "right"
    assert by_position["7th character"].meaning == "initial encounter for closed fracture"


def test_decode_placeholder(library: Library) -> None:
    parts = library.classification.decode(library.classification.get("T84.89XA"))
    x = [p for p in parts if p.chars == "X"]
    assert x and "placeholder" in x[0].meaning
    assert parts[-1].chars == "A" and parts[-1].meaning == "initial encounter"


def test_notes_inherited_with_their_owner(library: Library) -> None:
    record = library.classification.record("M61.28")
    owners = [(g.kind, g.owner, g.inherited) for g in record.notes]
    assert ("inclusionTerm", "M61.2", True) in owners
    assert ("excludes1", "M60-M63", True) in owners
    # nearest owner first
    assert owners.index(("inclusionTerm", "M61.2", True)) < owners.index(("excludes1", "M60-M63", True))


def test_seventh_character_table_from_category(library: Library) -> None:
    record = library.classification.record("S72.001A")
    assert record.seven_chr_owner == "S72"
    assert [s.char for s in record.seven_chr][:3] == ["A", "B", "C"]


@pytest.mark.parametrize(
    ("typed", "status", "suggestion"),
    [
        ("W21.89A", "invalid", "W21.89XA"),
        ("M6128", "billable", None),
        ("M61.2", "header", "M61.20"),
        ("E11", "header", "E11.00"),
        ("M60-M63", "not_a_code", None),
        ("", "invalid", None),
        ("M61.2X", "invalid", "M61.20"),
    ],
)
def test_validate(library: Library, typed: str, status: str, suggestion: str | None) -> None:
    result = library.classification.validate(typed)
    assert result.status == status, result
    assert result.message
    if suggestion:
        assert suggestion in result.suggestions


def test_header_message_lists_children(library: Library) -> None:
    result = library.classification.validate("M61.2")
    assert "M61.20" in result.message and "M61.29" in result.message


def test_lookalike_characters(library: Library) -> None:
    assert "M61.28" in library.classification.suggest("M6I.28")
    assert "S72.001A" in library.classification.suggest("S72.OO1A")


def test_unknown_code_raises_with_suggestions(library: Library) -> None:
    with pytest.raises(CodeNotFound) as err:
        library.classification.get("W21.89A")
    assert "W21.89XA" in err.value.suggestions


def test_subsumes(library: Library) -> None:
    c = library.classification
    assert c.subsumes(c.get("M61"), c.get("M61.28"))
    assert not c.subsumes(c.get("M61.28"), c.get("M61"))
    # M61.20, seven sites x (right, left, unspecified side), M61.28, M61.29: 1 + 21 + 2
    assert c.count_descendants(c.get("M61.2"), billable_only=True) == 24


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.text(max_size=80))
def test_validate_any_string(library: Library, text: str) -> None:
    result = library.classification.validate(text)
    assert result.status in {"billable", "header", "not_a_code", "invalid"}
    assert len(result.message) < 400
