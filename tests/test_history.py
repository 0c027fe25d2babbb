"""Code history: probes for each class (introduced, expanded, retitled, deleted)."""

from __future__ import annotations

import pytest

from nosology.errors import UnknownVersion
from nosology.history import fiscal_years_text
from nosology.library import Library


def test_fiscal_years_text() -> None:
    assert fiscal_years_text([2019, 2020, 2021, 2023]) == "FY2019–FY2021, FY2023"
    assert fiscal_years_text([2026]) == "FY2026"
    assert fiscal_years_text([]) == "no year"



@pytest.mark.fulldata
def test_introduced(library: Library) -> None:
    h = library.history.of("S30.11XA")
    assert h is not None and h.introduced == 2026 and h.valid_years == [2026]
    q = library.history.of("q75001")  # any spelling
    assert q is not None and q.introduced == 2024
    old = library.history.of("A41.9")
    assert old is not None and old.introduced is None and old.valid_years == list(range(2019, 2027))


@pytest.mark.fulldata
def test_deleted_code_answers_with_the_new_codes_of_its_parent(library: Library) -> None:
    retired = library.history.retirement("S30.1XXA")
    assert retired is not None
    assert (retired.reason, retired.since, retired.replacement) == ("deleted", 2026, "new_codes")
    assert retired.history.valid_years == list(range(2019, 2026))
    assert retired.ancestor is not None and retired.ancestor.code == "S30.1"
    # the new codes of S30.1 with the same 7th character (A), not one invented successor
    assert [i.code for i in retired.replaced_by] == ["S30.11XA", "S30.12XA", "S30.13XA"]
    assert "not valid since October 1, 2025 (FY2026)" in retired.message


@pytest.mark.fulldata
def test_expanded_code(library: Library) -> None:
    retired = library.history.retirement("G35")
    assert retired is not None and retired.reason == "expanded"
    assert retired.history.header_years == [2026]
    assert "G35.A" in [i.code for i in retired.replaced_by]


@pytest.mark.fulldata
def test_retitled_code(library: Library) -> None:
    h = library.history.of("L02.212")
    assert h is not None
    assert [(r.year, r.old, r.new) for r in h.revisions] == [
        (2026, "Cutaneous abscess of back [any part, except buttock]", "Cutaneous abscess of back [any part, except buttock and flank]")]
    assert library.history.title_in("L02.212", 2025) == ("Cutaneous abscess of back [any part, except buttock]", True)


@pytest.mark.fulldata
def test_validate_says_retired_and_never_existing_stays_invalid(library: Library) -> None:
    v = library.history.validate("s301xxa")
    assert (v.status, v.valid, v.code) == ("retired", False, "S30.1XXA")
    assert v.suggestions == ["S30.11XA", "S30.12XA", "S30.13XA"]
    assert library.history.retirement("Z99.99X") is None
    assert library.history.validate("W21.89A").suggestions[0] == "W21.89XA"  # today's "did you mean"


@pytest.mark.fulldata
def test_changes_and_unknown_years(library: Library) -> None:
    changes = library.history.changes("FY2026")
    assert changes.counts()["added"] == 487
    assert "S30.1XXA" in [e.code for e in changes.changes["deleted"]]
    assert sum(row["added"] for row in changes.counts_by_chapter().values()) == 487
    for bad in ("2018", "2027", "abc", "2019"):  # FY2019 is the first code set: no changes known
        with pytest.raises(UnknownVersion) as info:
            library.history.changes(bad)
        assert "2026" in info.value.suggestions
