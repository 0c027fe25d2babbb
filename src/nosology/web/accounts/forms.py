"""Shared plumbing of the account pages: reading forms, the CSRF check, requiring a signed-in user."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import anyio.to_thread
from fastapi import Path, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BeforeValidator
from starlette.concurrency import run_in_threadpool

from nosology.accounts import AccountService, NotSignedIn, Principal
from nosology.accounts.passwords import MIN_PASSWORD
from nosology.errors import NosologyError
from nosology.integers import parse_int
from nosology.web.auth import accounts_service, resolve_user
from nosology.web.i18n import request_lang
from nosology.web.security import check_csrf, safe_next
from nosology.web.status import headers_for, status_for
from nosology.web.templating import render

__all__ = ["MAX_ROW_ID", "Form", "RowId", "checked_form", "hashing", "page", "require_user", "see_other", "signed_in_action", "signed_in_or_login", "threaded", "translated"]

T = TypeVar("T")
# Row ids in URLs: bounded so no database sees a number it cannot hold.
MAX_ROW_ID = 2_147_483_647


def _ascii_row_id(value: object) -> object:
    # Before pydantic's own int parsing, which also takes "+1", "1_0" and long zero-padded numbers.
    if isinstance(value, str) and parse_int(value, 1, MAX_ROW_ID) is None:
        raise ValueError(f"must be a whole number from 1 to {MAX_ROW_ID}, in digits 0-9")
    return value


RowId = Annotated[int, BeforeValidator(_ascii_row_id), Path(ge=1, le=MAX_ROW_ID)]
Form = dict[str, str]
_MAX_FIELDS = 20


async def read_form(request: Request) -> Form:
    """Text fields of an urlencoded or multipart form (files are ignored, never stored)."""
    data = await request.form(max_files=0, max_fields=_MAX_FIELDS)
    return {k: v for k, v in data.items() if isinstance(v, str)}


async def checked_form(request: Request) -> Form:
    """The form, after the CSRF check against the session (or this browser when anonymous).

    Runs the account lookup in a worker thread: it may query the accounts database.
    """
    form = await read_form(request)
    user = await run_in_threadpool(resolve_user, request)
    check_csrf(request, form.get("csrf_token"), user.csrf if user is not None else None)
    return form


async def threaded(func: Callable[..., T], *args: Any) -> T:
    """Database work off the event loop."""
    return await run_in_threadpool(func, *args)


async def hashing(request: Request, func: Callable[[], T]) -> T:
    """Work that hashes a password (sign-up, sign-in, password checks), off the event loop in at
    most as many threads as hashes may run at once: a burst of sign-ups then queues here, in
    the loop, instead of filling every thread of the pool that all other requests need."""
    limiter: anyio.CapacityLimiter | None = getattr(request.app.state, "hash_limiter", None)
    return await anyio.to_thread.run_sync(func, limiter=limiter)


def require_user(request: Request) -> tuple[AccountService, Principal]:
    """The service and the signed-in user; a 401 error page for anonymous form posts."""
    service = accounts_service(request)
    user = resolve_user(request)
    if user is None:
        raise NotSignedIn("Log in to do this.")
    return service, user


def signed_in_or_login(request: Request) -> Principal | RedirectResponse:
    """For GET pages: the user, or a redirect to the sign-in page that comes back here."""
    accounts_service(request).db.check()
    user = resolve_user(request)
    if user is None:
        from urllib.parse import quote

        return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
    return user


async def signed_in_action(
    request: Request, act: Callable[[AccountService, Principal, Form], object], then: str, *, follow_next: bool = False,
) -> Response:
    """A form POST that changes the signed-in user's data: CSRF-checked, ``act`` run off the event
    loop, then a 303 to ``then`` (or to the form's safe ``next`` when ``follow_next``)."""
    form = await checked_form(request)

    def run() -> Response:
        service, user = require_user(request)
        act(service, user, form)
        return see_other(form.get("next") if follow_next else None, then)

    return await threaded(run)


def see_other(target: str | None, default: str = "/") -> RedirectResponse:
    return RedirectResponse(safe_next(target, default), status_code=303)


def translated(request: Request, text: str) -> str:
    """``text`` in the page's language when accounts.po has it (fixed messages of the core)."""
    state = getattr(request.app.state, "pages", None)
    catalogues = getattr(state, "catalogues", None)
    return text if catalogues is None or not text else str(catalogues.gettext(request_lang(request), text))


def page(request: Request, template: str, status_code: int = 200, error: NosologyError | None = None,
         **context: Any) -> Response:
    context["message"] = translated(request, context.get("message", ""))
    context["error"] = translated(request, error.message) if error is not None else ""
    context["min_password"] = MIN_PASSWORD
    response = render(request, f"accounts/{template}", context, status_code=status_for(error) if error else status_code)
    response.headers["Cache-Control"] = "no-store"
    for name, value in (headers_for(error) if error else {}).items():
        response.headers[name] = value
    return response
