"""HTML pages of accounts: sign-up, log-in, log-out, the account page, password reset."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from nosology.accounts import (
    AccountExists,
    InvalidCredentials,
    InvalidInput,
    RateLimited,
    ResetLinkInvalid,
)
from nosology.web.accounts.forms import (
    RowId,
    checked_form,
    hashing,
    page,
    require_user,
    signed_in_action,
    signed_in_or_login,
    threaded,
)
from nosology.web.auth import accounts_service, session_id
from nosology.web.security import clear_session_cookie, client_ip, safe_next, set_session_cookie

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

# Errors a person can fix by filling the form again: shown on the form, not on an error page.
_FORM_ERRORS = (InvalidInput, AccountExists, InvalidCredentials, RateLimited)


def _start_session(request: Request, user_id: int, target: str) -> Response:
    service = accounts_service(request)
    new = service.start_session(user_id, replacing=session_id(request))
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(request, response, new.session_id, new.max_age)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/signup")
def signup_form(request: Request, next: str = "/account") -> Response:
    accounts_service(request).db.check()
    return page(request, "signup.html", next=safe_next(next, "/account"), email="")


@router.post("/signup")
async def signup(request: Request) -> Response:
    form = await checked_form(request)
    target = safe_next(form.get("next"), "/account")

    def run() -> Response:
        service = accounts_service(request)
        try:
            user = service.sign_up(form.get("email", ""), form.get("password", ""), client_ip(request))
        except _FORM_ERRORS as exc:
            return page(request, "signup.html", error=exc, next=target, email=form.get("email", "")[:254])
        return _start_session(request, user.user_id, target)

    return await hashing(request, run)


@router.get("/login")
def login_form(request: Request, next: str = "/account") -> Response:
    accounts_service(request).db.check()
    return page(request, "login.html", next=safe_next(next, "/account"), email="")


@router.post("/login")
async def login(request: Request) -> Response:
    form = await checked_form(request)
    target = safe_next(form.get("next"), "/account")

    def run() -> Response:
        service = accounts_service(request)
        try:
            user = service.authenticate(form.get("email", ""), form.get("password", ""), client_ip(request))
        except _FORM_ERRORS as exc:
            return page(request, "login.html", error=exc, next=target, email=form.get("email", "")[:254])
        return _start_session(request, user.user_id, target)

    return await hashing(request, run)


@router.post("/logout")
async def logout(request: Request) -> Response:
    await checked_form(request)
    sid = session_id(request)
    if sid:
        await threaded(accounts_service(request).end_session, sid)
    response = RedirectResponse("/", status_code=303)
    clear_session_cookie(request, response)
    return response


@router.get("/account")
def account(request: Request) -> Response:
    user = signed_in_or_login(request)
    if isinstance(user, Response):
        return user
    tokens = accounts_service(request).tokens(user.user_id)
    return page(request, "account.html", user=user, tokens=tokens, new_token="")


@router.post("/account/password")
async def change_password(request: Request) -> Response:
    form = await checked_form(request)

    def run() -> Response:
        service, user = require_user(request)
        try:
            # Unticked "keep my API tokens" (the default) revokes them with the other sessions.
            service.change_password(user.user_id, form.get("current_password", ""), form.get("new_password", ""),
                                    keep_session=session_id(request), revoke_tokens=not form.get("keep_tokens"))
        except (InvalidInput, InvalidCredentials) as exc:
            return page(request, "account.html", error=exc, user=user, tokens=service.tokens(user.user_id), new_token="")
        return page(request, "account.html", message="Your password is changed. Your other sessions are logged out.",
                    user=user, tokens=service.tokens(user.user_id), new_token="")

    return await hashing(request, run)


@router.post("/account/tokens")
async def create_token(request: Request) -> Response:
    form = await checked_form(request)

    def run() -> Response:
        service, user = require_user(request)
        issued = service.issue_token(user.user_id, form.get("name", ""))
        return page(request, "account.html", status_code=201, user=user, tokens=service.tokens(user.user_id),
                    new_token=issued.token)

    return await threaded(run)


@router.post("/account/tokens/{token_id}/revoke")
async def revoke_token(request: Request, token_id: RowId) -> Response:
    return await signed_in_action(request, lambda s, user, form: s.revoke_token(user.user_id, token_id), "/account")


@router.get("/account/export")
def export(request: Request) -> Response:
    user = signed_in_or_login(request)
    if isinstance(user, Response):
        return user
    data = accounts_service(request).export(user.user_id)
    return Response(json.dumps(data, ensure_ascii=False, indent=2), media_type="application/json",
                    headers={"Content-Disposition": 'attachment; filename="nosology-account.json"', "Cache-Control": "no-store"})


@router.get("/reset/{token}")
def reset_form(request: Request, token: str) -> Response:
    try:
        email = accounts_service(request).reset_email(token)
    except ResetLinkInvalid as exc:
        return page(request, "login.html", error=exc, next="/account", email="")
    return page(request, "reset.html", email=email)


@router.post("/reset/{token}")
async def reset(request: Request, token: str) -> Response:
    form = await checked_form(request)

    def run() -> Response:
        service = accounts_service(request)
        try:
            user = service.reset_password(token, form.get("password", ""))
        except ResetLinkInvalid as exc:
            return page(request, "login.html", error=exc, next="/account", email="")
        except InvalidInput as exc:
            return page(request, "reset.html", error=exc, email=service.reset_email(token))
        return _start_session(request, user.user_id, "/account")

    return await hashing(request, run)

