"""Browser-side security of accounts: signed session cookie, CSRF tokens, safe redirects, client IP.

The cookie holds only a random session id, signed with the app's key; the server keeps its
SHA-256 digest, so a logged-out session is dead in every instance at once.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from itsdangerous import BadSignature, Signer
from starlette.types import Scope

from nosology.accounts.errors import CsrfRejected
from nosology.settings import Settings
from nosology.web.middleware import ResponseHeadersMiddleware

__all__ = [
    "CSRF_COOKIE",
    "SESSION_COOKIE",
    "CookieKeys",
    "PendingCookiesMiddleware",
    "anonymous_csrf",
    "check_csrf",
    "clear_session_cookie",
    "client_ip",
    "cookie_name",
    "load_secret_key",
    "request_cookie",
    "safe_next",
    "set_session_cookie",
]

log = logging.getLogger("nosology.web")

SESSION_COOKIE = "nosology_session"
CSRF_COOKIE = "nosology_csrf"
_HOST_PREFIX = "__Host-"


def cookie_name(base: str, secure: bool) -> str:
    """``base``, or over HTTPS ``__Host-base``: browsers then accept the cookie only when it is
    Secure, for Path=/ and without Domain, so no sibling subdomain or plain-HTTP page can plant
    or overwrite it (a plain-named cookie is ignored over HTTPS)."""
    return _HOST_PREFIX + base if secure else base


def request_cookie(request: Request, base: str) -> str | None:
    return request.cookies.get(cookie_name(base, _secure(request)))
_NONCE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


def load_secret_key(settings: Settings) -> str:
    """settings.secret_key, or a random key kept in data_dir/secret.key (created 0600 on first start).

    Instances behind a load balancer must share the key: set NOSOLOGY_SECRET_KEY on each.
    """
    if settings.secret_key:
        return settings.secret_key
    path = Path(settings.data_dir) / "secret.key"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_text("ascii").strip()
        if len(key) >= 32:
            return key
        raise RuntimeError(f"{path} is too short to be a secret key: delete it to get a new one") from None
    key = secrets.token_urlsafe(48)
    with os.fdopen(fd, "w") as handle:
        handle.write(key + "\n")
    log.info("created a new secret key in %s", path)
    return key


@dataclass(frozen=True)
class CookieKeys:
    """What signs session cookies and anonymous CSRF tokens (kept on app.state.cookie_keys)."""

    secret: str

    @property
    def session_signer(self) -> Signer:
        return Signer(self.secret, salt="nosology.session")

    def sign_session(self, session_id: str) -> str:
        return self.session_signer.sign(session_id).decode()

    def unsign_session(self, value: str) -> str | None:
        if not value or len(value) > 200:
            return None
        try:
            return self.session_signer.unsign(value).decode()
        except (BadSignature, UnicodeDecodeError):
            return None

    def csrf_for_nonce(self, nonce: str) -> str:
        return hmac.new(self.secret.encode(), b"csrf:" + nonce.encode(), hashlib.sha256).hexdigest()


def _keys(request: Request) -> CookieKeys | None:
    keys: CookieKeys | None = getattr(request.app.state, "cookie_keys", None)
    return keys


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def set_session_cookie(request: Request, response: Response, session_id: str, max_age: int) -> None:
    keys = _keys(request)
    if keys is None:
        raise RuntimeError("accounts are not started")
    response.set_cookie(cookie_name(SESSION_COOKIE, _secure(request)), keys.sign_session(session_id), max_age=max_age, path="/",
                        httponly=True, samesite="lax", secure=_secure(request))


def clear_session_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(cookie_name(SESSION_COOKIE, _secure(request)), path="/", httponly=True, samesite="lax",
                           secure=_secure(request))


def anonymous_csrf(request: Request) -> str:
    """Signed double-submit token for forms shown to anonymous visitors (sign-in, sign-up).

    Tied to a random cookie of this browser; a page that needs one and has no cookie yet gets it
    set by :class:`PendingCookiesMiddleware`.
    """
    keys = _keys(request)
    if keys is None:
        return ""
    request.state.csrf_in_page = True  # this page now carries a visitor's token: it must not be shared
    nonce = request_cookie(request, CSRF_COOKIE) or ""
    if not _NONCE.match(nonce):
        nonce = getattr(request.state, "new_csrf_nonce", "")
        if not nonce:
            nonce = secrets.token_urlsafe(32)
            request.state.new_csrf_nonce = nonce
            request.state.secure_cookies = _secure(request)
    return keys.csrf_for_nonce(nonce)


def check_csrf(request: Request, submitted: str | None, session_csrf: str | None) -> None:
    """403 unless ``submitted`` is this session's token (or, anonymous, this browser's token)."""
    if not submitted or len(submitted) > 200:
        raise CsrfRejected()
    if session_csrf:
        expected = session_csrf
    else:
        keys = _keys(request)
        nonce = request_cookie(request, CSRF_COOKIE) or ""
        if keys is None or not _NONCE.match(nonce):
            raise CsrfRejected("Your browser did not send the security cookie; enable cookies for this site and reload the page.")
        expected = keys.csrf_for_nonce(nonce)
    if not hmac.compare_digest(submitted.encode(), expected.encode()):
        raise CsrfRejected()


def safe_next(value: str | None, default: str = "/") -> str:
    """A local path to go back to after a form; anything that could leave the site becomes ``default``."""
    if not value or len(value) > 500 or not value.startswith("/") or value.startswith("//"):
        return default
    if "\\" in value or any(ord(c) < 33 for c in value):
        return default
    return value


def client_ip(request: Request) -> str:
    # uvicorn's proxy_headers already replaced this with X-Forwarded-For from trusted proxies.
    return request.client.host if request.client else "unknown"


class PendingCookiesMiddleware(ResponseHeadersMiddleware):
    """Adds cookies decided while rendering (anonymous CSRF cookie, renewed session cookie)."""

    def extra_headers(self, scope: Scope, headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
        return _pending(scope.get("state") or {})


def _pending(state: dict[str, Any]) -> list[tuple[bytes, bytes]]:
    headers: list[tuple[bytes, bytes]] = []
    https = bool(state.get("secure_cookies"))
    secure = "; Secure" if https else ""
    nonce = state.get("new_csrf_nonce")
    if nonce:
        name = cookie_name(CSRF_COOKIE, https)
        headers.append((b"set-cookie", f"{name}={nonce}; Path=/; HttpOnly; SameSite=Lax{secure}".encode()))
    renew = state.get("renew_session_cookie")
    if renew:
        value, max_age = renew
        name = cookie_name(SESSION_COOKIE, https)
        headers.append((b"set-cookie", f"{name}={value}; Max-Age={max_age}; Path=/; HttpOnly; SameSite=Lax{secure}".encode()))
    return headers
