"""Accounts on the web: HTML pages, the JSON API, and their start-up.

:func:`start` (called from the app's lifespan) creates the account service on app.state; it
never stops the reference site from starting, even when the accounts database is down.
"""

from __future__ import annotations

import logging
import threading

import anyio
from fastapi import APIRouter, FastAPI
from sqlalchemy.exc import SQLAlchemyError

from nosology.accounts import AccountService
from nosology.accounts.db import Database
from nosology.accounts.passwords import default_concurrency
from nosology.errors import AccountsUnavailable
from nosology.settings import Settings
from nosology.web.accounts.api import router as api_router
from nosology.web.accounts.confirm import router as confirm_router
from nosology.web.accounts.pages import router as pages_router
from nosology.web.accounts.saved import router as saved_router
from nosology.web.security import CookieKeys, PendingCookiesMiddleware, load_secret_key

__all__ = ["install", "router", "start", "stop"]

log = logging.getLogger("nosology.web")

router = APIRouter()
for _part in (api_router, pages_router, confirm_router, saved_router):
    router.include_router(_part)


def install(app: FastAPI) -> None:
    """Middleware that sets cookies decided while a page renders (CSRF cookie, renewed session)."""
    app.add_middleware(PendingCookiesMiddleware)


def start(app: FastAPI, settings: Settings) -> None:
    """Load the cookie key and open the accounts database (migrating it). Failures only log."""
    # Made here, in the event loop that will use it (see forms.hashing).
    app.state.hash_limiter = anyio.CapacityLimiter(default_concurrency())
    if getattr(app.state, "cookie_keys", None) is None:
        try:
            app.state.cookie_keys = CookieKeys(load_secret_key(settings))
        except (OSError, RuntimeError) as exc:
            log.error("accounts disabled: cannot load the secret key: %s", exc)
            return
    if getattr(app.state, "accounts", None) is not None:
        return
    try:
        service = AccountService(Database.from_url(settings.accounts_url), app.state.library.classification)
    except (SQLAlchemyError, ValueError, OSError, ImportError) as exc:
        log.error("accounts disabled: bad accounts database URL: %s", str(exc).splitlines()[0][:300])
        return
    try:
        service.db.ensure_schema()
    except AccountsUnavailable:
        log.warning("accounts database unreachable at start-up; the site runs, accounts answer 503 until it is back")
    # The hash checked when an email is unknown: made now, so the first such sign-in is not the
    # one request that takes half as long.
    threading.Thread(target=lambda: service.passwords.dummy_hash, daemon=True).start()
    app.state.accounts = service
    app.state.accounts_owned = True


def stop(app: FastAPI) -> None:
    if getattr(app.state, "accounts_owned", False) and app.state.accounts is not None:
        app.state.accounts.db.dispose()
