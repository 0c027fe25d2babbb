"""HTML pages of saved codes: the Saved page, save from a code page, notes, lists, CSV export."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from nosology.accounts import AccountService, InvalidInput, LimitReached
from nosology.accounts.records import SavedEntry, iso_time
from nosology.accounts.saved import MAX_NOTE
from nosology.errors import NosologyError, NotFound
from nosology.integers import parse_int
from nosology.library import Library
from nosology.web.accounts.forms import (
    MAX_ROW_ID,
    Form,
    RowId,
    checked_form,
    page,
    require_user,
    signed_in_or_login,
    threaded,
    translated,
)
from nosology.web.accounts.notices import NOTICES, notice_key, see_other_with
from nosology.web.auth import accounts_service
from nosology.web.security import safe_next

__all__ = ["SavedRow", "router", "saved_rows"]

router = APIRouter(include_in_schema=False)
_ECHO_NOTE = 4 * MAX_NOTE


@dataclass(frozen=True)
class SavedRow:
    code: str
    title: str
    billable: bool
    note: str
    list_id: int | None
    list_name: str | None
    saved_at: str
    retired: str | None = None  # why a code valid in an earlier year is not valid now
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def slug(self) -> str:
        return _slug(self.code)

    def public(self) -> dict[str, Any]:
        return {"code": self.code, "title": self.title, "billable": self.billable, "note": self.note,
                "list": self.list_name, "list_id": self.list_id, "saved_at": self.saved_at,
                "updated_at": iso_time(self.updated_at)}


def saved_rows(library: Library, entries: list[SavedEntry]) -> list[SavedRow]:
    """Saved entries with their official title and billable flag from the reference data."""
    rows = []
    for e in entries:
        item = library.classification.find(e.code)
        retired = None if item is not None and item.billable else library.history.retirement(e.code)
        title = item.title if item else (retired.history.title if retired else "")
        rows.append(SavedRow(e.code, title, bool(item and item.billable), e.note, e.list_id, e.list_name,
                             str(e.public()["saved_at"]), retired.message if retired else None, e.created_at, e.updated_at))
    return rows


@dataclass
class _Group:
    key: str
    name: str
    id: int | None
    entries: list[SavedRow]


@router.get("/saved")
def saved_page(request: Request) -> Response:
    user = signed_in_or_login(request)
    if isinstance(user, Response):
        return user
    service = accounts_service(request)
    rows = saved_rows(request.app.state.library, service.saved.entries(user.user_id))
    lists = service.saved.lists(user.user_id)
    groups = [_Group(f"l{lst.id}", lst.name, lst.id, [r for r in rows if r.list_id == lst.id]) for lst in lists]
    loose = [r for r in rows if r.list_id is None]
    if loose:
        groups.insert(0, _Group("none", translated(request, "Not in a list"), None, loose))
    return page(request, "saved.html", groups=groups, lists=lists, message=NOTICES.get(notice_key(request), ""))


@router.post("/saved")
async def save(request: Request) -> Response:
    """Save from a code page, or change a saved code's note and list. Fields: ``code``,
    ``csrf_token``, ``next``; optional ``note``, and the list: ``list_choice`` ("" no list, a
    list id, "new" with ``new_list``), or ``list`` (a name, created if new)."""
    form = await checked_form(request)

    def run() -> Response:
        service, user = require_user(request)
        code = service.saved.canonical(form.get("code", ""))  # not a code: the error page
        existed = service.saved.is_saved(user.user_id, code)
        try:
            service.saved.save(user.user_id, code, form.get("note"), **_list_choice(form))
        except (InvalidInput, LimitReached, NotFound) as exc:
            return _save_problem(request, service, user.user_id, code, form, exc)
        return see_other_with(request, form.get("next"), f"/codes/{code}", "updated" if existed else "saved")

    return await threaded(run)


def _list_choice(form: Form) -> dict[str, Any]:
    """The save's list arguments from the form's list menu (or the older ``list`` name field)."""
    choice = form.get("list_choice")
    new_name = (form.get("new_list") or "").strip()
    if choice is None:
        return {"list_name": (form.get("list") or "").strip() or None}
    if choice == "new" or (choice == "" and new_name):
        if not new_name:
            raise InvalidInput("Give the new list a name, or choose a list from the menu.")
        return {"list_name": new_name}
    if choice == "":
        return {"unlist": True}
    return {"list_id": _list_id({"list_id": choice})}


def _save_problem(request: Request, service: AccountService, user_id: int, code: str, form: Form,
                  error: NosologyError) -> Response:
    """The save form again, with what was sent and what is wrong with it (nothing was saved)."""
    item = request.app.state.library.classification.find(code)
    return page(request, "save.html", error=error, code=code, title=item.title if item else "",
                lists=service.saved.lists(user_id), next=safe_next(form.get("next"), f"/codes/{code}"),
                # Echoed so nothing typed is lost; bounded, since only a script sends more than the
                # textarea's maxlength.
                note=form.get("note", "")[:_ECHO_NOTE], choice=form.get("list_choice", ""),
                new_list=form.get("new_list", "")[:200])


def _form_action(route: str, action: Any, done: str) -> None:
    """A POST route on one saved code: CSRF-checked, then back to the Saved page, confirmed."""

    async def endpoint(request: Request, code: str) -> Response:
        form = await checked_form(request)

        def run() -> Response:
            service, user = require_user(request)
            action(service, user.user_id, code, form)
            return see_other_with(request, form.get("next"), "/saved", done)

        return await threaded(run)

    router.add_api_route(route, endpoint, methods=["POST"], name=route)


def _slug(code: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "-", code.strip().upper())[:20]


def _list_id(form: Form) -> int | None:
    raw = form.get("list_id", "").strip()
    if not raw:
        return None
    value = parse_int(raw, 1, MAX_ROW_ID)
    if value is None:
        raise InvalidInput("Choose a list from the menu.")
    return value


_form_action("/saved/{code}/note", lambda s, uid, code, form: s.saved.set_note(uid, code, form.get("note", "")), "note")
_form_action("/saved/{code}/move", lambda s, uid, code, form: s.saved.move(uid, code, _list_id(form)), "moved")


@router.post("/saved/lists")
async def create_list(request: Request) -> Response:
    form = await checked_form(request)

    def run() -> Response:
        service, user = require_user(request)
        service.saved.create_list(user.user_id, form.get("name", ""))
        return see_other_with(request, None, "/saved", "list-created")

    return await threaded(run)


def _csv_response(service: AccountService, user_id: int, list_id: int | None, filename: str) -> Response:
    body = service.saved.csv(user_id, list_id)
    return Response(body, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


@router.get("/saved.csv")
def all_csv(request: Request) -> Response:
    user = signed_in_or_login(request)
    if isinstance(user, Response):
        return user
    return _csv_response(accounts_service(request), user.user_id, None, "nosology-saved-codes.csv")


@router.get("/saved/lists/{list_id}.csv")
def list_csv(request: Request, list_id: RowId) -> Response:
    user = signed_in_or_login(request)
    if isinstance(user, Response):
        return user
    service = accounts_service(request)
    info = service.saved.get_list(user.user_id, list_id)
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", info.name).strip("-")[:60] or "list"
    return _csv_response(service, user.user_id, list_id, f"nosology-{name}.csv")
