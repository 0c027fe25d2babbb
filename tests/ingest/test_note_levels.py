"""The printed nesting recovered from the tabular's flat note lists (hand-made lists shaped like
E11, G63, T80-T88, I41 and chapter 2; the real data is checked in tests/web/test_note_nesting.py)."""

from __future__ import annotations

from nosology.ingest.note_levels import note_levels


def test_lead_in_owns_the_entries_after_it() -> None:
    texts = ["code to identify control using:", "injectable drugs (Z79.85)", "insulin (Z79.4)", "oral drugs (Z79.84)"]
    assert note_levels("useAdditionalCode", texts) == [0, 1, 1, 1]


def test_broken_alphabetical_run_returns_to_the_outer_list() -> None:
    texts = ["any encounters, such as:", "artificial opening status (Z93.-)", "closure of stoma (Z43.-)",
             "fitting of device (Z44.-)", "burns (T20-T32)", "postprocedural fever (R50.82)",
             "specified complications, such as:", "colostomy malfunction (K94.0-)", "ostomy complications (K94.-)"]
    assert note_levels("excludes2", texts) == [0, 1, 1, 1, 0, 0, 0, 1, 1]


def test_entry_sorting_before_the_lead_in_stays_inside() -> None:
    texts = ["myocarditis (in):", "Chagas' disease (chronic) (B57.2)", "acute (B57.0)", "mumps (B26.82)"]
    assert note_levels("excludes1", texts) == [0, 1, 1, 1]


def test_chapter_subheadings_own_their_paragraphs() -> None:
    texts = ["Functional activity", "All neoplasms are classified in this chapter.",
             "Morphology [Histology]", "Chapter 2 classifies neoplasms primarily by site."]
    assert note_levels("notes", texts) == [0, 1, 0, 1]
    assert note_levels("excludes1", texts) == [0, 0, 0, 0]  # subheadings only in notes


def test_flat_lists_and_trailing_colons_stay_flat() -> None:
    assert note_levels("excludes1", ["one (A01)", "two (A02)"]) == [0, 0]
    assert note_levels("sevenChrNote", ["The appropriate 7th character is to be added to each code:"]) == [0]
    assert note_levels("notes", []) == []
