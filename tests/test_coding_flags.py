"""Manifestation, code-first, maternal / newborn flags and companions, read off the notes."""

from __future__ import annotations

import pytest

from nosology.coding_flags import code_references, coding_flags
from nosology.library import Library


def test_code_references() -> None:
    assert [(r.text, r.code) for r in code_references("endocrine disease, except diabetes (E00-E07, E15-E16, E20-E34)")] == [
        ("E00-E07", "E00-E07"), ("E15-E16", "E15-E16"), ("E20-E34", "E20-E34")]
    assert [r.code for r in code_references("amyloidosis (E85.-)")] == ["E85"]


@pytest.mark.fulldata
def test_manifestation_code_g63(library: Library) -> None:
    flags = coding_flags(library.classification.record("G63"))
    assert flags.manifestation is True
    assert flags.sequencing == "Cannot be listed first: code the underlying condition first"
    assert "E85" in [r.code for i in flags.code_first for r in i.codes]


@pytest.mark.fulldata
def test_a_code_first_note_alone_is_not_a_manifestation(library: Library) -> None:
    """A41 has "code first, if applicable, postprocedural sepsis (T81.44-)": A41.9 may still be
    the principal diagnosis."""
    flags = coding_flags(library.classification.record("A41.9"))
    assert flags.manifestation is False and flags.code_first
    assert [i.owner for i in flags.use_additional] == ["1"]  # chapter 1: code to identify resistance (Z16.-)


@pytest.mark.fulldata
@pytest.mark.parametrize(("code", "use"), [("O80", "maternal"), ("P07.01", "newborn"), ("E11.9", None)])
def test_maternal_and_newborn_records(library: Library, code: str, use: str | None) -> None:
    assert coding_flags(library.classification.record(code)).record_use == use


@pytest.mark.fulldata
def test_a_lead_in_keeps_its_entries(library: Library) -> None:
    """D77's code-first note is one lead-in with six entries, as printed: the instruction is the
    lead-in, its entries are what it names, and its codes are the entries' codes."""
    [first] = coding_flags(library.classification.record("D77")).code_first
    assert first.text == "underlying disease, such as:"
    assert first.items[0] == "amyloidosis (E85.-)" and len(first.items) == 6
    assert [r.code for r in first.codes][:2] == ["E85", "A50.0"]
    assert first.printed().startswith("underlying disease, such as: amyloidosis (E85.-), congenital early syphilis (A50.0-)")
