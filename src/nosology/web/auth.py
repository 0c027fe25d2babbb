"""Who is asking: the signed-in user of a request (session cookie or bearer token), or None.

The pages and the API ask only these functions, so the gate on article sections works the
same everywhere. The answer is worked out once per request and kept on ``request.state``.
"""

from __future__ import annotations

import hashlib
from contextlib import suppress
from dataclasses import dataclass

from fastapi import Request

from nosology.accounts import AccountService, Principal
from nosology.accounts.records import ListInfo, SavedEntry
from nosology.errors import AccountsUnavailable
from nosology.web.security import SESSION_COOKIE, CookieKeys, anonymous_csrf, request_cookie

__all__ = ["SavedState", "accounts_service", "csrf_token", "current_user", "is_signed_in", "resolve_user", "saved_state", "session_id"]

_UNSET = object()


def accounts_service(request: Request) -> AccountService:
    """The app's account service, or AccountsUnavailable (503) when accounts could not be started."""
    service: AccountService | None = getattr(request.app.state, "accounts", None)
    if service is None:
        raise AccountsUnavailable("Accounts are not available on this server right now. Code pages still work.")
    return service


def session_id(request: Request) -> str | None:
    """The session id from a correctly signed cookie (a tampered cookie counts as no cookie)."""
    keys: CookieKeys | None = getattr(request.app.state, "cookie_keys", None)
    raw = request_cookie(request, SESSION_COOKIE)
    if keys is None or not raw:
        return None
    return keys.unsign_session(raw)


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return value.strip()


def resolve_user(request: Request) -> Principal | None:
    """Like :func:`current_user`, but raises AccountsUnavailable instead of answering None.

    A bearer token, when sent, decides alone: a bad token is anonymous even with a session cookie.
    """
    cached = getattr(request.state, "principal", _UNSET)
    if cached is not _UNSET:
        return cached  # type: ignore[return-value]
    token = _bearer(request)
    sid = None if token is not None else session_id(request)
    principal: Principal | None = None
    if token is not None or sid is not None:
        service = accounts_service(request)
        if token is not None:
            principal = service.token_user(token)
        elif sid is not None:
            principal = service.session_user(sid)
            if principal is not None and principal.renewed:
                request.state.renew_session_cookie = (request_cookie(request, SESSION_COOKIE), int(service.session_lifetime.total_seconds()))
                request.state.secure_cookies = request.url.scheme == "https"
    request.state.principal = principal
    return principal


def current_user(request: Request) -> Principal | None:
    """The signed-in user, or None (anonymous, or the accounts database is unreachable)."""
    try:
        return resolve_user(request)
    except AccountsUnavailable:
        request.state.principal = None
        return None


def is_signed_in(request: Request) -> bool:
    return current_user(request) is not None


def csrf_token(request: Request) -> str:
    """The CSRF token to put in every form of this request's page."""
    user = current_user(request)
    if user is not None and user.csrf:
        return user.csrf
    return anonymous_csrf(request)


@dataclass(frozen=True)
class SavedState:
    """What a code page shows of the signed-in user's saved codes: the entry of this code (None
    when not saved) and the user's lists, for the list menu."""

    entry: SavedEntry | None = None
    lists: tuple[ListInfo, ...] = ()

    def digest(self) -> str:
        """Changes whenever what the page shows of it changes (for the page's ETag)."""
        shown = (self.entry.public() if self.entry else None, [lst.public() for lst in self.lists])
        return hashlib.sha256(repr(shown).encode()).hexdigest()[:16]


def saved_state(request: Request, code: str) -> SavedState:
    """The signed-in user's saved entry for ``code`` and their lists (empty when anonymous or when
    accounts are unavailable: the code page still works)."""
    user = current_user(request)
    if user is None:
        return SavedState()
    with suppress(AccountsUnavailable):
        saved = accounts_service(request).saved
        return SavedState(saved.entry(user.user_id, code), tuple(saved.lists(user.user_id)))
    return SavedState()
