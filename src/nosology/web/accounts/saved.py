"""HTML pages of saved codes: the Saved page, save from a code page, notes, lists, CSV export."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from nosology.accounts import AccountService, InvalidInput
from nosology.accounts.records import SavedEntry
from nosology.integers import parse_int
from nosology.library import Library
from nosology.web.accounts.forms import (
    MAX_ROW_ID,
    RowId,
    checked_form,
    page,
    require_user,
    see_other,
    signed_in_action,
    signed_in_or_login,
    threaded,
    translated,
)
from nosology.web.auth import accounts_service

__all__ = ["SavedRow", "router", "saved_rows"]

router = APIRouter(include_in_schema=False)


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

    @property
    def slug(self) -> str:
        return re.sub(r"[^A-Za-z0-9]", "-", self.code)

    def public(self) -> dict[str, Any]:
        return {"code": self.code, "title": self.title, "billable": self.billable, "note": self.note,
                "list": self.list_name, "list_id": self.list_id, "saved_at": self.saved_at}


def saved_rows(library: Library, entries: list[SavedEntry]) -> list[SavedRow]:
    """Saved entries with their official title and billable flag from the reference data."""
    rows = []
    for e in entries:
        item = library.classification.find(e.code)
        retired = None if item is not None and item.billable else library.history.retirement(e.code)
        title = item.title if item else (retired.history.title if retired else "")
        rows.append(SavedRow(e.code, title, bool(item and item.billable), e.note, e.list_id,
                             e.list_name, str(e.public()["saved_at"]), retired.message if retired else None))
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
    return page(request, "saved.html", groups=groups, lists=lists)


@router.post("/saved")
async def save(request: Request) -> Response:
    """Save from a code page (fields ``code``, ``csrf_token``, ``next``, optional ``note`` and ``list``)."""
    form = await checked_form(request)

    def run() -> Response:
        service, user = require_user(request)
        note = form.get("note") or None
        list_name = (form.get("list") or "").strip() or None
        entry = service.saved.save(user.user_id, form.get("code", ""), note, list_name)
        return see_other(form.get("next"), f"/codes/{entry.code}")

    return await threaded(run)


def _form_action(route: str, action: Any) -> None:
    """A POST route on one saved code: CSRF-checked, then back to the Saved page."""

    async def endpoint(request: Request, code: str) -> Response:
        return await signed_in_action(request, lambda s, user, form: action(s, user.user_id, code, form), "/saved", follow_next=True)

    router.add_api_route(route, endpoint, methods=["POST"], name=route)


def _list_id(form: dict[str, str]) -> int | None:
    raw = form.get("list_id", "").strip()
    if not raw:
        return None
    value = parse_int(raw, 1, MAX_ROW_ID)
    if value is None:
        raise InvalidInput("Choose a list from the menu.")
    return value


_form_action("/saved/{code}/note", lambda s, uid, code, form: s.saved.set_note(uid, code, form.get("note", "")))
_form_action("/saved/{code}/delete", lambda s, uid, code, form: s.saved.remove(uid, code))
_form_action("/saved/{code}/move", lambda s, uid, code, form: s.saved.move(uid, code, _list_id(form)))


@router.post("/saved/lists")
async def create_list(request: Request) -> Response:
    return await signed_in_action(request, lambda s, user, form: s.saved.create_list(user.user_id, form.get("name", "")), "/saved")


@router.post("/saved/lists/{list_id}/delete")
async def delete_list(request: Request, list_id: RowId) -> Response:
    return await signed_in_action(request, lambda s, user, form: s.saved.delete_list(user.user_id, list_id), "/saved")


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
