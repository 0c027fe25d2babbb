"""Destructive actions and their confirmation step: remove a saved code, delete a list, delete
the account. Each GET shows what will be lost and a form; the POST acts only when the form says
so (``confirm=yes``, the account also the password), so no single click and no forged or stale
form destroys anything. Without the confirmation nothing changes and the step is shown again
(400). CSRF is checked on every POST."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from nosology.accounts import AccountService, InvalidCredentials, InvalidInput, Principal
from nosology.errors import NosologyError
from nosology.web.accounts.forms import (
    Form,
    RowId,
    checked_form,
    hashing,
    page,
    require_user,
    see_other,
    signed_in_or_login,
    threaded,
)
from nosology.web.accounts.notices import see_other_with
from nosology.web.auth import accounts_service
from nosology.web.security import clear_session_cookie, safe_next

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

_NOT_CONFIRMED = "Nothing was deleted: confirm with the button on this page."
_TICK_THE_BOX = "Nothing was deleted: tick the box to confirm that you want to delete your account."


def _confirmed(form: Form) -> bool:
    return form.get("confirm") == "yes"


# -- a saved code -------------------------------------------------------------------------------

def _remove_page(request: Request, service: AccountService, user: Principal, code: str, back: str,
                 error: NosologyError | None = None) -> Response:
    entry = service.saved.find_entry(user.user_id, code)
    item = request.app.state.library.classification.find(entry.code)
    return page(request, "confirm.html", error=error, kind="code", entry=entry, title=item.title if item else "",
                action=f"/saved/{entry.code}/delete", back=back)


@router.get("/saved/{code}/delete")
def remove_confirm(request: Request, code: str, next: str = "/saved") -> Response:
    user = signed_in_or_login(request)
    if isinstance(user, Response):
        return user
    return _remove_page(request, accounts_service(request), user, code, safe_next(next, "/saved"))


@router.post("/saved/{code}/delete")
async def remove(request: Request, code: str) -> Response:
    form = await checked_form(request)

    def run() -> Response:
        service, user = require_user(request)
        back = safe_next(form.get("next"), "/saved")
        if not _confirmed(form):
            return _remove_page(request, service, user, code, back, InvalidInput(_NOT_CONFIRMED))
        service.saved.remove(user.user_id, code)
        # Back to the code page the removal started from, or the Saved page.
        return see_other_with(request, back, "/saved", "removed")

    return await threaded(run)


# -- a list -------------------------------------------------------------------------------------

def _list_page(request: Request, service: AccountService, user: Principal, list_id: int,
               error: NosologyError | None = None) -> Response:
    info = service.saved.get_list(user.user_id, list_id)
    return page(request, "confirm.html", error=error, kind="list", list=info,
                action=f"/saved/lists/{info.id}/delete", back="/saved")


@router.get("/saved/lists/{list_id}/delete")
def delete_list_confirm(request: Request, list_id: RowId) -> Response:
    user = signed_in_or_login(request)
    if isinstance(user, Response):
        return user
    return _list_page(request, accounts_service(request), user, list_id)


@router.post("/saved/lists/{list_id}/delete")
async def delete_list(request: Request, list_id: RowId) -> Response:
    form = await checked_form(request)

    def run() -> Response:
        service, user = require_user(request)
        if not _confirmed(form):
            return _list_page(request, service, user, list_id, InvalidInput(_NOT_CONFIRMED))
        service.saved.delete_list(user.user_id, list_id)
        return see_other_with(request, None, "/saved", "list-deleted")

    return await threaded(run)


# -- the account --------------------------------------------------------------------------------

def _account_page(request: Request, service: AccountService, user: Principal, error: NosologyError | None = None) -> Response:
    counts = {"codes": len(service.saved.entries(user.user_id)), "lists": len(service.saved.lists(user.user_id)),
              "tokens": len(service.tokens(user.user_id))}
    return page(request, "confirm.html", error=error, kind="account", user=user, counts=counts,
                action="/account/delete", back="/account")


@router.get("/account/delete")
def delete_account_confirm(request: Request) -> Response:
    user = signed_in_or_login(request)
    if isinstance(user, Response):
        return user
    return _account_page(request, accounts_service(request), user)


@router.post("/account/delete")
async def delete_account(request: Request) -> Response:
    form = await checked_form(request)

    def run() -> Response:
        service, user = require_user(request)
        if not _confirmed(form):
            return _account_page(request, service, user, InvalidInput(_TICK_THE_BOX))
        try:
            service.delete_account(user.user_id, form.get("password", ""))
        except InvalidCredentials as exc:
            return _account_page(request, service, user, exc)
        response = see_other("/")
        clear_session_cookie(request, response)
        return response

    return await hashing(request, run)
