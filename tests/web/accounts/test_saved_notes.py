"""Saving a code with a note and a list from its page, the note and dates shown back, the
confirmation after each change, and the confirmation step of every destructive action; on
SQLite and PostgreSQL."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient

from nosology.web.i18n import format_day


def _today(lang: str) -> str:
    return format_day(datetime.now(UTC).replace(tzinfo=None), lang)


def _save(web: TestClient, token: str, **fields: str) -> Any:
    data = {"code": "M61.28", "csrf_token": token, "next": "/codes/M61.28", **fields}
    return web.post("/saved", data=data, follow_redirects=False)


def _signed_in(web: TestClient, flows: Any) -> str:
    flows.sign_up(web)
    return str(flows.form_token(web, "/codes/M61.28"))


def test_code_page_save_form_has_a_labelled_note_and_list_menu(web: TestClient, flows: Any) -> None:
    _signed_in(web, flows)
    page = web.get("/codes/M61.28").text
    assert '<label for="save-note">Your note (optional)</label>' in page
    assert 'maxlength="2000"' in page and "Up to 2000 characters." in page
    assert '<label for="save-list">List</label>' in page and '<select id="save-list" name="list_choice">' in page
    assert '<option value="new">New list…</option>' in page and '<label for="save-new-list">' in page


def test_save_with_a_note_then_see_note_and_date_on_the_code_page_and_the_list(web: TestClient, flows: Any) -> None:
    token = _signed_in(web, flows)
    r = _save(web, token, note="Left hip.\r\nAfter the fall of March", list_choice="new", new_list="Clinic B")
    assert (r.status_code, r.headers["location"]) == (303, "/codes/M61.28?done=saved")
    page = web.get(r.headers["location"]).text
    assert re.search(r'<div class="notice notice-done" role="status"><p>The code is saved in your account.</p></div>', page)
    assert f"Saved on {_today('en')}" in page and "in the list “Clinic B”" in page
    assert '<p class="note-body">Left hip.\nAfter the fall of March</p>' in page
    assert "Remove from saved codes" in page and 'class="button button-danger"' in page
    # the list menu of the edit form has the new list selected
    list_id = re.search(r'<option value="(\d+)" selected>Clinic B</option>', page)
    assert list_id
    saved = web.get("/saved").text
    assert "Left hip.\nAfter the fall of March" in saved and f"Saved on {_today('en')}" in saved
    assert "Paralytic calcification and ossification of muscle, other site" in saved  # its official title
    assert "changed on" not in saved
    french = web.get("/fr/codes/M61.28").text
    assert f"Enregistré le {_today('fr')}" in french and "dans la liste « Clinic B »" in french
    assert f"Enregistré le {_today('fr')}" in web.get("/saved?lang=fr").text


def test_editing_the_note_confirms_and_shows_when_it_changed(web: TestClient, flows: Any) -> None:
    token = _signed_in(web, flows)
    _save(web, token, note="first", list_choice="")
    old_etag = web.get("/codes/M61.28").headers["etag"]
    r = _save(web, token, note="second thoughts", list_choice="")
    assert r.headers["location"] == "/codes/M61.28?done=updated"
    page = web.get(r.headers["location"]).text
    assert "Your changes are saved." in page and "second thoughts" in page and "changed on" in page
    # the browser's copy of the code page is stale once the note changed: no 304
    assert web.get("/codes/M61.28", headers={"If-None-Match": old_etag}).status_code == 200
    r = web.post("/saved/M61.28/note", data={"note": "from the Saved page", "csrf_token": token}, follow_redirects=False)
    assert r.headers["location"] == "/saved?done=note"
    saved = web.get(r.headers["location"]).text
    assert '<div class="notice" role="status"><p>Your note is saved.</p></div>' in saved and "from the Saved page" in saved
    french = web.post("/saved/M61.28/note?lang=fr", data={"note": "x", "csrf_token": token}, follow_redirects=False)
    assert french.headers["location"] == "/saved?lang=fr&done=note"
    assert "Votre note est enregistrée." in web.get(french.headers["location"]).text


def test_unknown_confirmation_keys_show_nothing(web: TestClient, flows: Any) -> None:
    _signed_in(web, flows)
    page = web.get("/codes/M61.28?done=%3Cscript%3E").text
    assert "notice-done" not in page and "<script>" not in page


def test_an_over_long_note_is_refused_with_a_clear_message_and_kept_for_editing(web: TestClient, flows: Any) -> None:
    token = _signed_in(web, flows)
    long_note = "hip " * 501
    r = _save(web, token, note=long_note, list_choice="")
    assert r.status_code == 400
    assert 'role="alert"' in r.text and "A note has at most 2,000 characters." in r.text
    assert html.escape(long_note.strip()) in r.text or long_note in r.text  # nothing typed is lost
    assert "Nothing was changed." in r.text
    assert web.get("/api/me").json()["saved_codes"] == 0
    french = web.post("/saved?lang=fr", data={"code": "M61.28", "csrf_token": token, "note": long_note,
                                               "next": "/fr/codes/M61.28"})
    assert french.status_code == 400 and "Une note compte au plus 2 000 caractères." in french.text


def test_a_new_list_needs_a_name_and_a_list_must_be_yours(web: TestClient, flows: Any) -> None:
    token = _signed_in(web, flows)
    r = _save(web, token, list_choice="new", new_list="  ")
    assert r.status_code == 400 and "Give the new list a name" in r.text
    r = web.post("/saved?lang=fr", data={"code": "M61.28", "csrf_token": token, "list_choice": "new", "new_list": "x" * 101})
    assert r.status_code == 400 and "Un nom de liste compte au plus 100 caractères." in r.text
    r = _save(web, token, list_choice="2147483647")
    assert r.status_code == 404 and "No such list in your account." in r.text
    r = _save(web, token, list_choice="not-a-number")
    assert r.status_code == 400 and "Choose a list from the menu." in r.text
    assert web.get("/api/me").json()["saved_codes"] == 0


def test_removing_a_code_has_a_confirmation_step(web: TestClient, flows: Any) -> None:
    token = _signed_in(web, flows)
    _save(web, token, note="keep me", list_choice="")
    confirm = web.get("/saved/M61.28/delete?next=/codes/M61.28")
    assert confirm.status_code == 200
    assert "Remove M61.28 from your saved codes?" in confirm.text and "keep me" in confirm.text
    assert 'name="confirm" value="yes"' in confirm.text and "Yes, remove M61.28" in confirm.text
    assert '<a class="button secondary" href="/codes/M61.28">Cancel, keep it</a>' in confirm.text
    elsewhere = web.get("/saved/M61.28/delete?next=https://evil.example/").text
    assert 'name="next" value="/saved"' in elsewhere and 'class="button secondary" href="/saved">' in elsewhere
    assert 'class="button-danger"' in confirm.text and '<svg class="icon" aria-hidden="true"' in confirm.text
    # a POST without the confirmation (a one-click form, an old page) changes nothing
    r = web.post("/saved/M61.28/delete", data={"csrf_token": token, "next": "/codes/M61.28"})
    assert r.status_code == 400 and "Nothing was deleted" in r.text
    assert web.get("/api/me").json()["saved_codes"] == 1
    # nor does a confirmed POST without the CSRF token
    assert web.post("/saved/M61.28/delete", data={"confirm": "yes"}).status_code == 403
    assert web.get("/api/me").json()["saved_codes"] == 1
    r = web.post("/saved/M61.28/delete", data={"csrf_token": token, "confirm": "yes", "next": "/codes/M61.28"},
                 follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (303, "/codes/M61.28?done=removed")
    assert "The code is removed from your saved codes." in web.get(r.headers["location"]).text
    assert web.get("/api/me").json()["saved_codes"] == 0


def test_confirming_a_code_that_is_not_saved_is_not_found(web: TestClient, flows: Any) -> None:
    _signed_in(web, flows)
    assert web.get("/saved/M61.21/delete").status_code == 404
    assert web.get("/saved/%3Cscript%3E/delete").status_code == 404
    assert web.get("/saved/M61.21/delete?next=https://evil.example/").status_code == 404


def test_deleting_a_list_has_a_confirmation_step(web: TestClient, flows: Any) -> None:
    token = _signed_in(web, flows)
    _save(web, token, list_choice="new", new_list="Ward 3")
    saved = web.get("/saved").text
    list_id = re.search(r'href="/saved/lists/(\d+)/delete"', saved).group(1)  # type: ignore[union-attr]
    assert re.search(rf'<a class="button button-danger" href="/saved/lists/{list_id}/delete">', saved)
    confirm = web.get(f"/saved/lists/{list_id}/delete")
    assert confirm.status_code == 200 and "Delete the list “Ward 3”?" in confirm.text and "Codes in this list: 1." in confirm.text
    r = web.post(f"/saved/lists/{list_id}/delete", data={"csrf_token": token})
    assert r.status_code == 400 and "Ward 3" in web.get("/saved").text
    r = web.post(f"/saved/lists/{list_id}/delete", data={"csrf_token": token, "confirm": "yes"}, follow_redirects=False)
    assert r.headers["location"] == "/saved?done=list-deleted"
    after = web.get(r.headers["location"]).text
    assert "The list is deleted. Its codes are still saved" in after and "Ward 3" not in after and "M61.28" in after
    assert web.get(f"/saved/lists/{list_id}/delete").status_code == 404


def test_deleting_the_account_needs_the_box_ticked_and_the_password(web: TestClient, flows: Any) -> None:
    _signed_in(web, flows)
    account = web.get("/account").text
    assert '<a class="button button-danger" href="/account/delete">' in account and "Delete my account…" in account
    confirm = web.get("/account/delete")
    assert confirm.status_code == 200 and "Delete your account?" in confirm.text
    assert re.search(r'<input type="checkbox" id="confirm-delete" name="confirm" value="yes" required>', confirm.text)
    token = flows.form_token(web, "/account/delete")
    r = web.post("/account/delete", data={"csrf_token": token, "password": flows.password})
    assert r.status_code == 400 and "tick the box" in r.text
    assert web.get("/api/me").status_code == 200
    r = web.post("/account/delete", data={"csrf_token": token, "password": "not my password", "confirm": "yes"})
    assert r.status_code == 401 and web.get("/api/me").status_code == 200
    r = web.post("/account/delete", data={"csrf_token": token, "password": flows.password, "confirm": "yes"},
                 follow_redirects=False)
    assert r.status_code == 303 and web.get("/api/me").status_code == 401
