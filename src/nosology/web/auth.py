"""Who is asking: the signed-in user of a request (session cookie or bearer token), or None.

Stub until the accounts issue lands: everyone is anonymous. The pages and the API ask only
these functions, so the gate on article sections works the same everywhere.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request

__all__ = ["csrf_token", "current_user", "is_signed_in"]


def current_user(request: Request) -> Any | None:
    """The signed-in user, or None (anonymous, or the accounts database is unreachable)."""
    return None


def is_signed_in(request: Request) -> bool:
    return current_user(request) is not None


def csrf_token(request: Request) -> str:
    """The CSRF token to put in every form of this request's page."""
    return ""
