"""JSON API of accounts: sign-up, bearer tokens, the caller's account and saved codes.

Callers authenticate with ``Authorization: Bearer <token>``. A browser session works too, but
then a request that changes something must also send the session's ``X-CSRF-Token`` header.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Security
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPBearer
from pydantic import BaseModel, ConfigDict, Field

from nosology.accounts import AccountService, CsrfRejected, NotSignedIn, Principal
from nosology.web.accounts.forms import RowId, hashing
from nosology.web.accounts.saved import saved_rows
from nosology.web.auth import accounts_service, resolve_user
from nosology.web.security import check_csrf, client_ip

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["accounts"])

# Generous bounds that only protect memory; the service gives the precise 400 messages.
_LONG = 5000
# Declares the bearer scheme in OpenAPI (an "Authorize" button in /api/docs); the check itself
# is web.auth.resolve_user, shared with the pages.
_BEARER = HTTPBearer(auto_error=False, scheme_name="token",
                     description="A token from POST /api/auth/token, sent as `Authorization: Bearer nos_...`.")
_AUTH = [Security(_BEARER)]


class Credentials(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: str = Field(max_length=_LONG, examples=["alice@example.org"])
    password: str = Field(max_length=_LONG, examples=["correct horse battery staple"])


class TokenRequest(Credentials):
    name: str = Field("", max_length=_LONG, description="A label shown in the account page.")


class PasswordConfirmation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    password: str = Field(max_length=_LONG, description="The account's password, asked again before anything irreversible.")


class SaveRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(max_length=_LONG, examples=["M61.28"])
    note: str | None = Field(None, max_length=_LONG)
    list: str | None = Field(None, max_length=_LONG, description="Name of a list; created when new.")


def _caller(request: Request) -> tuple[AccountService, Principal]:
    service = accounts_service(request)
    user = resolve_user(request)
    if user is None:
        raise NotSignedIn()
    if request.method not in ("GET", "HEAD") and user.via == "session":
        # Cookie-authenticated writes need the session's token, or any site could make them.
        header = request.headers.get("x-csrf-token")
        if not header:
            raise CsrfRejected("Send the X-CSRF-Token header with requests authenticated by a session cookie.")
        check_csrf(request, header, user.csrf)
    return service, user


@router.post("/auth/signup", status_code=201, summary="Create an account")
async def api_signup(request: Request, body: Credentials) -> dict[str, Any]:
    user = await hashing(request, lambda: accounts_service(request).sign_up(body.email, body.password, client_ip(request)))
    return user.public()


@router.post("/auth/token", status_code=201, summary="Get a bearer token (rate-limited)")
async def api_token(request: Request, body: TokenRequest) -> dict[str, Any]:
    def run() -> dict[str, Any]:
        service = accounts_service(request)
        user = service.authenticate(body.email, body.password, client_ip(request))
        issued = service.issue_token(user.user_id, body.name or "API")
        return {"token": issued.token, "token_type": "bearer", **issued.info.public()}

    return await hashing(request, run)


@router.get("/me", dependencies=_AUTH, summary="The caller's account")
def api_me(request: Request) -> dict[str, Any]:
    service, user = _caller(request)
    return {**user.public(), "saved_codes": len(service.saved.entries(user.user_id)),
            "tokens": [t.public() for t in service.tokens(user.user_id)]}


@router.get("/me/export", dependencies=_AUTH, summary="Everything kept about the caller (JSON)")
def api_export(request: Request) -> dict[str, Any]:
    service, user = _caller(request)
    return service.export(user.user_id)


@router.delete("/me", dependencies=_AUTH, status_code=204, summary="Delete the caller's account and all its data",
               description='Send the password in the body (`{"password": "..."}`): a token alone cannot erase an account.')
async def api_delete_me(request: Request, body: PasswordConfirmation) -> Response:
    def run() -> Response:
        service, user = _caller(request)
        service.delete_account(user.user_id, body.password)
        return Response(status_code=204)

    return await hashing(request, run)


@router.delete("/me/tokens/{token_id}", dependencies=_AUTH, status_code=204, summary="Revoke one of the caller's tokens")
def api_revoke(request: Request, token_id: RowId) -> Response:
    service, user = _caller(request)
    service.revoke_token(user.user_id, token_id)
    return Response(status_code=204)


@router.get("/saved", dependencies=_AUTH, summary="The caller's saved codes and lists")
def api_saved(request: Request) -> dict[str, Any]:
    service, user = _caller(request)
    rows = saved_rows(request.app.state.library, service.saved.entries(user.user_id))
    return {"saved": [r.public() for r in rows], "lists": [lst.public() for lst in service.saved.lists(user.user_id)]}


@router.post("/saved", dependencies=_AUTH, status_code=201, summary="Save a code (again: update its note and list)")
def api_save(request: Request, body: SaveRequest) -> JSONResponse:
    service, user = _caller(request)
    entry = service.saved.save(user.user_id, body.code, body.note, body.list)
    [row] = saved_rows(request.app.state.library, [entry])
    return JSONResponse(row.public(), status_code=201)


@router.delete("/saved/{code}", dependencies=_AUTH, status_code=204, summary="Remove a saved code")
def api_unsave(request: Request, code: str) -> Response:
    service, user = _caller(request)
    service.saved.remove(user.user_id, code)
    return Response(status_code=204)
