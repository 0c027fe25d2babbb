"""Saved codes and lists on SQLite and PostgreSQL (codes checked against the full reference data)."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from nosology.accounts import AccountExists, AccountService, InvalidInput
from nosology.accounts.saved import MAX_LIST_NAME, MAX_NOTE
from nosology.errors import NotFound

PW = "correct horse battery"


def _user(service: AccountService, name: str) -> int:
    return service.sign_up(f"{name}@example.org", PW).user_id


def test_save_stores_the_canonical_code_and_updates_on_resave(service: AccountService) -> None:
    uid = _user(service, "ann")
    entry = service.saved.save(uid, " m61 28 ", note="after spinal cord injury")
    assert entry.code == "M61.28" and entry.note == "after spinal cord injury"
    service.saved.save(uid, "M61.28", list_name="My patient's codes")
    [again] = service.saved.entries(uid)
    assert again.note == "after spinal cord injury" and again.list_name == "My patient's codes"
    assert service.saved.is_saved(uid, "M61.28")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("M61.99", "not an ICD-10-CM code"),
        ("M60-M63", "not a code"),  # a block
        ("13", "not a code"),  # chapter 13
        ("", "Give a code"),
        ("M61.28' OR '1'='1", "not an ICD-10-CM code"),
        ("x" * 500, "characters"),
    ],
)
def test_only_codes_can_be_saved(service: AccountService, text: str, message: str) -> None:
    uid = _user(service, "bea")
    with pytest.raises(InvalidInput) as err:
        service.saved.save(uid, text)
    assert message in err.value.message
    assert service.saved.entries(uid) == []


def test_headers_can_be_saved_and_suggestions_are_given(service: AccountService) -> None:
    uid = _user(service, "cai")
    assert service.saved.save(uid, "M61.2").code == "M61.2"  # a subcategory: not billable, still a code
    with pytest.raises(InvalidInput) as err:
        service.saved.save(uid, "M6I.28")
    assert "M61.28" in err.value.suggestions


def test_limits_on_notes_and_list_names(service: AccountService) -> None:
    uid = _user(service, "dan")
    with pytest.raises(InvalidInput):
        service.saved.save(uid, "M61.28", note="n" * (MAX_NOTE + 1))
    with pytest.raises(InvalidInput):
        service.saved.save(uid, "M61.28", list_name="l" * (MAX_LIST_NAME + 1))
    service.saved.save(uid, "M61.28", note="n" * MAX_NOTE)


def test_users_never_see_each_others_codes_or_lists(service: AccountService) -> None:
    alice, mallory = _user(service, "alice"), _user(service, "mallory")
    service.saved.save(alice, "M61.28", list_name="Private")
    [private] = service.saved.lists(alice)
    assert service.saved.entries(mallory) == [] and service.saved.lists(mallory) == []
    with pytest.raises(NotFound):
        service.saved.entries(mallory, private.id)
    with pytest.raises(NotFound):
        service.saved.delete_list(mallory, private.id)
    with pytest.raises(NotFound):
        service.saved.remove(mallory, "M61.28")
    with pytest.raises(NotFound):
        service.saved.set_note(mallory, "M61.28", "mine now")
    assert [e.code for e in service.saved.entries(alice, private.id)] == ["M61.28"]


def test_lists_count_move_delete_and_export_csv(service: AccountService) -> None:
    uid = _user(service, "eve")
    service.saved.save(uid, "M61.28", note="=HYPERLINK(\"http://evil\")", list_name="Ward 3")
    service.saved.save(uid, "M61.21", list_name="Ward 3")
    service.saved.save(uid, "M61.9")
    with pytest.raises(AccountExists):
        service.saved.create_list(uid, "ward  3".title())  # same name once spaces are normalised
    ward = next(lst for lst in service.saved.lists(uid) if lst.name == "Ward 3")
    assert ward.count == 2
    rows = list(csv.DictReader(io.StringIO(service.saved.csv(uid, ward.id))))
    assert [r["code"] for r in rows] == ["M61.21", "M61.28"]
    assert rows[1]["note"].startswith("'=")  # neutralised for spreadsheets
    assert rows[1]["billable"] == "yes" and rows[1]["title"]
    service.saved.move(uid, "M61.9", ward.id)
    assert service.saved.get_list(uid, ward.id).count == 3
    service.saved.delete_list(uid, ward.id)
    assert {e.code for e in service.saved.entries(uid)} == {"M61.21", "M61.28", "M61.9"}
    service.saved.remove(uid, "m61.9")
    with pytest.raises(NotFound):
        service.saved.remove(uid, "M61.9")



def test_updated_at_marks_a_changed_note_or_list_not_a_repeated_save(service: AccountService, clock: object) -> None:
    uid = _user(service, "upd")
    first = service.saved.save(uid, "M61.28", note="left hip")
    assert first.updated_at is None
    clock.advance(days=1)  # type: ignore[attr-defined]
    assert service.saved.save(uid, "M61.28", note="left hip").updated_at is None  # same note: nothing changed
    changed = service.saved.save(uid, "M61.28", note="right hip")
    assert changed.updated_at == first.created_at + timedelta(days=1)
    assert changed.created_at == first.created_at
    entry = service.saved.entry(uid, "M61.28")
    assert entry is not None and entry.note == "right hip" and entry.public()["updated_at"].endswith("Z")
    assert service.saved.entry(uid, "M61.21") is None


def test_save_into_a_list_by_id_and_out_of_it(service: AccountService) -> None:
    uid, other = _user(service, "lid"), _user(service, "lid2")
    lst = service.saved.create_list(uid, "Clinic")
    theirs = service.saved.create_list(other, "Theirs")
    assert service.saved.save(uid, "M61.28", list_id=lst.id).list_name == "Clinic"
    assert service.saved.save(uid, "M61.28", note="kept").list_name == "Clinic"  # no choice: stays
    out = service.saved.save(uid, "M61.28", unlist=True)
    assert (out.list_id, out.list_name, out.note) == (None, None, "kept")
    with pytest.raises(NotFound):
        service.saved.save(uid, "M61.28", list_id=theirs.id)  # another user's list is not found


def test_a_line_break_counts_once_against_the_note_limit(service: AccountService) -> None:
    uid = _user(service, "crlf")
    # What a browser sends for a textarea filled to maxlength with line breaks: CRLF pairs.
    entry = service.saved.save(uid, "M61.28", note=("a" * 9 + "\r\n") * (MAX_NOTE // 10))
    assert len(entry.note) <= MAX_NOTE and "\r" not in entry.note
